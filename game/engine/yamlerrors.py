"""YAML syntax errors (E001) in an author's words, at the place the author must look.

libyaml reports what its scanner met ("mapping values are not allowed in this context"), often on the
line after the real slip or at the end of the file. Authors of this game write plain text in YAML, so
four slips cover most errors: a colon inside text, a line that does not line up, a quote never
closed, a tab. Each gets a message that says the fix; libyaml's own words follow in brackets.
"""

from __future__ import annotations

import re
from typing import Any

_KEY_LINE = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*)\s*:(\s|$)")
_OPENERS = {"quoted scalar": "quote", "flow sequence": "[", "flow mapping": "{"}


def explain(text: str, exc: Any) -> tuple[int, int, str]:
    """Line, column and message for a ``yaml.MarkedYAMLError`` raised while parsing ``text``."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    words = f"{problem} ({exc.context})" if exc.context else problem
    lines = text.splitlines()
    context = exc.context or ""
    if "tab" in problem or "'\\t'" in problem:
        return line, col, f"a tab is used to indent this line: YAML needs spaces; replace the tab with spaces " \
                          f"[{words}]"
    if "end of stream" in problem and exc.context_mark is not None:
        opened = next((what for key, what in _OPENERS.items() if key in context), None)
        if opened:
            cl, cc = exc.context_mark.line + 1, exc.context_mark.column + 1
            where = _line(lines, cl)
            quote = where[cc - 1] if 0 < cc <= len(where) else '"'
            if opened == "quote":
                return cl, cc, (f"the quote ({quote}) that opens here is never closed: end the text with {quote} "
                                f"(a text that holds quotes itself is easier as a | block) [{words}]")
            return cl, cc, f"the '{opened}' that opens here is never closed [{words}]"
    if exc.context_mark is not None and "flow" in context and "did not find expected" in problem:
        opened = next((what for key, what in _OPENERS.items() if key in context), "[")
        cl, cc = exc.context_mark.line + 1, exc.context_mark.column + 1
        return line, col, (f"the '{opened}' opened on line {cl}, column {cc} is not closed before this point: close "
                           f"it, or put the text in quotes if the '{opened}' is part of the text [{words}]")
    opened = _quote_left_open(lines, line)
    if opened is not None:
        ql, qc, quote = opened
        return ql, qc, (f"the quote ({quote}) that opens here is not closed on its line, so YAML reads on to the "
                        f"next {quote} it finds (the problem shows on line {line}): end the text with {quote} "
                        f"[{words}]")
    if "mapping values are not allowed" in problem:
        here = _line(lines, line)
        m = _KEY_LINE.match(here)
        if m and col - 1 == here.index(":", m.end(3)):  # the line's own key is unexpected: it is misaligned
            return _misaligned(lines, line, words)
        key = m.group(3) if m else None
        field = f"the text of '{key}'" if key else "this text"
        return line, col, (f"{field} holds a colon followed by a space (': '), which YAML reads as the start of a "
                           f"new key: put the whole text in quotes (\"...\"), or write it as a block: "
                           f"'{key or 'key'}: |' with the text on the next lines, indented [{words}]")
    if "did not find expected" in problem and ("block" in context or "indicator" in problem):
        return _misaligned(lines, _first_content(lines, line), words)
    return line, col, problem if not exc.context else f"{problem} ({exc.context})"


_OPENS_QUOTE = re.compile(r"""^ *(?:- +)?(?:[A-Za-z_][\w-]*: +)?(["'])""")


def _quote_left_open(lines: list[str], before: int) -> tuple[int, int, str] | None:
    """The nearest line above ``before`` whose value opens a quote it does not close on the same line.

    Story text in quotes fits on one line; a quote left open makes YAML read on to the next quote mark,
    and the error then shows far below the slip."""
    for n in range(before - 1, 0, -1):
        text = _line(lines, n)
        m = _OPENS_QUOTE.match(text)
        if not m:
            continue
        quote, rest = m.group(1), text[m.end():]
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return n, m.end(), quote
        return None  # the nearest quoted value above is closed: the slip is not a quote
    return None


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _first_content(lines: list[str], number: int) -> int:
    """The first line at or after ``number`` that holds something other than blanks or a comment."""
    for n in range(number, len(lines) + 1):
        stripped = _line(lines, n).strip()
        if stripped and not stripped.startswith("#"):
            return n
    return number


def _indent(line: str) -> int:
    """Where a line's key starts: after its spaces, and after a list dash ("- ") if it has one."""
    m = re.match(r"^( *)(- +)?", line)
    return m.end() if m else 0


def _content_lines_above(lines: list[str], number: int):
    for n in range(number - 1, 0, -1):
        prev = _line(lines, n)
        if prev.strip() and not prev.strip().startswith("#"):
            yield n, prev


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _misaligned(lines: list[str], number: int, words: str) -> tuple[int, int, str]:
    """Say which line does not line up with the lines above it, and how far it is off.

    A list item ("- ") should line up with the list item above it; a key with the key on the line
    above (after that line's dash, if it has one)."""
    here = _line(lines, number)
    own = len(here) - len(here.lstrip(" "))
    is_item = here.lstrip(" ").startswith("- ")
    found = None
    for n, prev in _content_lines_above(lines, number):
        if not is_item:
            found = (n, _indent(prev), "line")
            break
        if prev.lstrip(" ").startswith("- "):
            found = (n, len(prev) - len(prev.lstrip(" ")), "the list item on line")
            break
    if found is None:
        return number, own + 1, f"line {number} is indented {_spaces(own)}, but nothing above it is [{words}]"
    n, target, what = found
    off = own - target
    if off == 0:
        return number, own + 1, f"line {number} does not fit the structure above it [{words}]"
    side = "right" if off > 0 else "left"
    return number, own + 1, (f"line {number} does not line up with the lines above it: it is indented "
                             f"{_spaces(own)} where {what} {n} uses {target} ({_spaces(abs(off))} too far "
                             f"{side}); indent it by {_spaces(target)} [{words}]")
