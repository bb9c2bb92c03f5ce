"""Line breaking for English, Chinese (no spaces) and mixed text.

Pure functions over a ``measure(text) -> width`` callable, so they are tested without a display.
Chinese breaks between any two characters except before closing punctuation or after opening
punctuation (a light form of the kinsoku rules); Latin text breaks at spaces, and a word wider than
the line is broken between characters rather than allowed to overflow.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], int]

# no line may start with these, nor end with the openers
NO_START = set("，。、；：！？）】》」』〉’”,.;:!?)]}%·…—～・ー")
NO_END = set("（【《「『〈‘“([{")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FA1F)


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def tokens(text: str) -> list[str]:
    """Break opportunities: a Latin word with its trailing spaces, or one CJK character with the
    punctuation that must stay with it."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if is_cjk(ch) or ch in NO_END:
            j = i + 1
            # openers stick to what follows
            while j < n and text[j - 1] in NO_END and j < n:
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
        while j < n and not text[j].isspace() and not is_cjk(text[j]) and text[j] not in NO_END:
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
    if not text:
        return [""]
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
