"""Line breaking for English, Chinese (no spaces) and mixed text.

Pure functions over a ``measure(text) -> width`` callable, so they are tested without a display.
Chinese breaks between any two characters except before closing punctuation or after opening
punctuation (a light form of the kinsoku rules); Latin text breaks at spaces, and a word wider than
the line is broken between characters rather than allowed to overflow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Measure = Callable[[str], int]

# no line may start with these, nor end with the openers
NO_START = set("，。、；：！？）】》」』〉’”,.;:!?)]}%·…—～・ー")
NO_END = set("（【《「『〈‘“([{")
CJK_OPEN = set("（【《「『〈")  # full-width openers: break like CJK; ASCII ones stay with their word


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FA1F)


_LATIN_TOKEN = re.compile(r"\S+ *|\s *")  # without CJK: a word (or a lone space) and the spaces after it


def has_cjk(text: str) -> bool:
    # max() runs in C: text with no character from U+2E80 up (all English) is answered without a loop
    return bool(text) and max(text) >= "\u2e80" and any(is_cjk(ch) for ch in text)


def tokens(text: str) -> list[str]:
    """Break opportunities: a Latin word with its trailing spaces, or one CJK character with the
    punctuation that must stay with it."""
    if not has_cjk(text):  # the common case, in one pass of the regex engine (the openers are CJK too)
        return _LATIN_TOKEN.findall(text)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if is_cjk(ch) or ch in CJK_OPEN:
            j = i + 1
            # openers stick to what follows
            while j < n and text[j - 1] in CJK_OPEN:
                j += 1
            # closers stick to what precedes
            while j < n and text[j] in NO_START:
                j += 1
            while j < n and text[j] == " ":
                j += 1
            out.append(text[i:j])
            i = j
            continue
        j = i
        while j < n and not text[j].isspace() and not is_cjk(text[j]) and text[j] not in CJK_OPEN:
            j += 1
        while j < n and text[j] in NO_START and not text[j].isspace():
            j += 1
        if j == i:  # leading whitespace
            j = i + 1
        while j < n and text[j] == " ":
            j += 1
        out.append(text[i:j])
        i = j
    return out


def _split_wide(token: str, width: int, measure: Measure) -> list[str]:
    """A token wider than the line, cut between characters."""
    parts: list[str] = []
    cur = ""
    for ch in token:
        if cur and measure((cur + ch).rstrip()) > width:
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return parts


def wrap_paragraph(text: str, width: int, measure: Measure) -> list[str]:
    """Greedy line filling with token widths summed (each token measured once, and cached by the
    caller's measure); lines are then checked with a real measure and, if kerning pushed one over,
    the paragraph is broken again the slow exact way."""
    if not text:
        return [""]
    lines = _wrap_fast(text, width, measure)
    if all(measure(line) <= width for line in lines):
        return lines
    return _wrap_exact(text, width, measure)


def _wrap_fast(text: str, width: int, measure: Measure) -> list[str]:
    lines: list[str] = []
    cur = ""
    cur_w = 0  # width of cur including its trailing spaces
    for tok in tokens(text):
        trimmed = tok.rstrip()
        tw_trim = measure(trimmed) if trimmed else 0
        tw_full = measure(tok) if trimmed != tok else tw_trim
        if cur_w + tw_trim <= width:
            cur += tok
            cur_w += tw_full
            continue
        if cur.strip():
            lines.append(cur.rstrip())
        cur, cur_w = "", 0
        if tw_trim <= width:
            cur, cur_w = tok, tw_full
            continue
        pieces = _split_wide(tok, width, measure)
        lines.extend(p.rstrip() for p in pieces[:-1])
        cur = pieces[-1] if pieces else ""
        cur_w = measure(cur)
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines


def _wrap_exact(text: str, width: int, measure: Measure) -> list[str]:
    lines: list[str] = []
    cur = ""
    for tok in tokens(text):
        cand = cur + tok
        if measure(cand.rstrip()) <= width:
            cur = cand
            continue
        if cur.strip():
            lines.append(cur.rstrip())
            cur = ""
        if measure(tok.rstrip()) <= width:
            cur = tok
            continue
        pieces = _split_wide(tok, width, measure)
        lines.extend(p.rstrip() for p in pieces[:-1])
        cur = pieces[-1] if pieces else ""
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines


def wrap(text: str, width: int, measure: Measure) -> list[str]:
    """Lines for ``text`` within ``width``; a newline starts a new line, a blank line is kept."""
    width = max(1, int(width))
    out: list[str] = []
    for para in text.replace("\r\n", "\n").split("\n"):
        out.extend(wrap_paragraph(para.strip(" \t"), width, measure))
    while len(out) > 1 and out[-1] == "":
        out.pop()
    return out


def runs(text: str) -> list[tuple[bool, str]]:
    """Split text into (is_cjk, piece) runs so each can use a font that has its glyphs."""
    out: list[tuple[bool, str]] = []
    for ch in text:
        c = is_cjk(ch) or (ch in NO_START or ch in NO_END) and ord(ch) > 0x2000
        if out and out[-1][0] == c:
            out[-1] = (c, out[-1][1] + ch)
        else:
            out.append((c, ch))
    return out
