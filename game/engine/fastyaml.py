"""A fast reader for the plain block YAML that story files are written in.

Why it exists: PyYAML's libyaml binding creates a Python event object and two mark objects for
every token, and that alone was most of the time spent loading a large story. Story files use a
small, regular part of YAML: block mappings and sequences, one-line plain and quoted scalars,
literal and folded block text, and one-line flow collections. This reader handles exactly that part,
line by line, and gives the same values and positions as the event builder in ``yamlsafe``. Story
files repeat most of their lines, so each distinct line is taken apart once (its indent, dashes,
key and plain value) and the walk over the lines then works from those shapes.

Anything outside that part, or anything that would be an error or a warning (a duplicate key, a
tag, an alias, odd indentation), makes it step aside by returning ``None``; the event builder, which
stays the reference, then reads the file and reports what it finds. So this reader never has to
produce a diagnostic, and a differential test holds it to the reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, islice
from typing import Any

from .yamlvalues import (
    TEXT_START,
    Pos,
    Refused,
    YMap,
    YSeq,
    is_text,
    key_text,
    plain,
    resolve,
)

MAX_DEPTH = 48  # well under the event builder's limit, which reports what is deeper


class _StepAside(Exception):
    """The text is outside the subset this reader handles."""


# Characters that make the whole file go to the reference reader: tabs, carriage returns that do not
# end a line, YAML's other line breaks (NEL, LS, PS), a byte-order mark inside the text, and the
# characters YAML does not allow at all.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")

# One line: its indent, the "- " of sequence items, a plain or quoted key (without its colon), the
# blanks after the colon, and the rest of the line.
_LINE = re.compile(
    r"^( *)((?:-(?: +|$))*)"
    r"(?:([^\s#'\"&*!|>%@`\[\]{},?:-][^:\n]*|'(?:[^'\n]|'')*' *|\"(?:[^\"\\\n]|\\.)*\" *):( +|$))?"
    r"(.*)$",
    re.M,
)
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_BLOCK_HEADER = re.compile(r"([|>])(-?)(?: +#.*| *)$")
_FLOW_TOKEN = re.compile(
    r" *(?:([\[\]{},])|(:)(?= )|(\"(?:[^\"\\]|\\.)*\")|('(?:[^']|'')*')"
    r"|([^\s\[\]{},:#\"'!&*|>%@`?-][^\[\]{},:#]*|-[^\s\[\]{},:#][^\[\]{},:#]*))"
)
_PUNCT, _COLON, _DQ, _SQ, _PLAIN = 1, 2, 3, 4, 5


def parse(text: str) -> YMap | None:
    """The mapping a story file holds, or ``None`` when the reference reader must read it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # a lone carriage return is left for _UNUSUAL
    if _has_unusual(text):
        return None
    try:
        return _Reader(text).document()
    except (_StepAside, Refused):
        return None


_ASCII_USUAL = bytes(range(0x20, 0x7F)) + b"\n"


def _has_unusual(text: str) -> bool:
    """Whether ``text`` holds a character ``_UNUSUAL`` matches, found by faster scans first.

    A printable character (``str.isprintable``) is never unusual: every unusual character is a
    control, a line or paragraph separator, a surrogate, a format character or a non-character.
    """
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _ASCII_USUAL))
    if text.replace("\n", "").isprintable():
        return False
    return _UNUSUAL.search(text) is not None


def _is_blank(rest: str) -> bool:
    return not rest or rest[0] == "#"


_new_dict = dict.__new__  # containers made without their Python-level __init__
_new_list = list.__new__
# Characters that cannot start a plain scalar (or are left to ``inline``: "-" starts one only when
# a non-blank follows).
_NOT_PLAIN = frozenset("\"'|>[{]},&*!%@`#?:-")
_TEXT_KEY_START = TEXT_START - {'"', "'"}

# A frame is an open block collection: [column, container, pending]. ``pending`` is a value still
# to come on the lines below: for a mapping (key, key line, key column, and the line and column of
# the value if it stays empty), for a sequence the position of an item that stays empty.
Frame = list


def _attach(frame: Frame, value: Any, pos: Pos) -> None:
    container = frame[1]
    if type(container) is YSeq:
        container.append(value)
        container.item_pos.append(pos)
    else:
        name, key_line, key_col, _line, _col = frame[2]
        container[name] = value
        container.locs[name] = (key_line, key_col, pos[0], pos[1])
    frame[2] = None


def _close(frame: Frame) -> None:
    """An awaited value that never came is null, placed where YAML places an empty scalar."""
    pending = frame[2]
    if pending is not None:
        _attach(frame, None, pending if type(frame[1]) is YSeq else (pending[3], pending[4]))


def _dash_width(dashes: str) -> int:
    """How far the first "- " of ``dashes`` reaches: the dash and the blanks after it."""
    if dashes[:2] == "- " and dashes[2:3] != " ":
        return 2
    return len(dashes) - len(dashes[1:].lstrip(" "))


def _skip(lines: Iterator[Any], count: int) -> None:
    """Move ``lines`` on by ``count`` lines that are already read."""
    if count > 0:
        next(islice(lines, count - 1, None), None)


_CHUNK = 1 << 16  # characters of text split into lines at a time, so the split lines stay few

# What a line says, read once for each distinct line: story files repeat most of their lines ("  kind:
# narration", "  choices:", "  - id: go"), so the pattern runs on the distinct ones only.
# A shape is (column, dashes, key as written, rest, key name, value, key column, value column):
# the key name is None when it must be read in place (quoted or not plain text), the value is _EMPTY
# when nothing follows the colon and _UNSEEN when it must be read in place (not a one-line plain
# scalar, or one the reader must step aside for). Both columns are 1-based and count the dashes.
Shape = tuple
_BLANK: Shape = (0, "", "", "", None, None, 0, 0)  # a blank or comment line
_EMPTY = object()
_UNSEEN = object()


def _shape(raw: str, text_keys: dict[str, str], values: dict[str, Any]) -> Shape:
    """The shape of one line. It never raises: lines inside block text are shaped too, and only a
    line that is read in place as a key or a value may make the reader step aside."""
    ind, dashes, key, sep, rest = _LINE.match(raw).groups()  # type: ignore[union-attr] # always matches
    if not key and not dashes and (not rest or rest[0] == "#"):
        return _BLANK
    col = len(ind)
    if not key:
        return (col, dashes, key, rest, None, _UNSEEN, 0, 0)
    kcol = col + len(dashes) + 1
    size = len(key)  # with any blanks before the colon
    name = text_keys.get(key)
    if name is None and size <= 1000 and " #" not in key:
        stripped = key.rstrip(" ")
        first = key[0]
        if first in _TEXT_KEY_START or (first != "'" and first != '"' and is_text(stripped)):
            name = text_keys[key] = stripped  # text for sure: no other type starts this way
    if not rest or rest[0] == "#":
        return (col, dashes, key, rest, name, _EMPTY, kcol, kcol + size + 1)
    vcol = kcol + size + 1 + len(sep)
    value = values.get(rest, _EMPTY)  # ids, kinds and numbers repeat on lines that differ
    if value is _EMPTY:
        value = _UNSEEN
        if rest[0] not in _NOT_PLAIN:
            try:
                value = plain(_Reader.plain_text(rest), (0, 0))
            except (_StepAside, Refused):
                pass  # read again in place, where the reader steps aside
        values[rest] = value
    return (col, dashes, key, rest, name, value, kcol, vcol)


def _rows(text: str) -> Iterator[Iterator[Shape]]:
    """The shapes of the lines of ``text``, a chunk of whole lines at a time.

    Each chunk's distinct lines and values are shaped and read once, and let go with the chunk, so
    the memory held does not grow with the file; the lines all chunks share cost a few shapes each.
    """
    text_keys: dict[str, str] = {}  # plain keys as written, already checked (few: keys repeat)
    pos, size = 0, len(text)
    while pos <= size:
        end = text.find("\n", pos + _CHUNK)
        if end < 0:
            end = size
        lines = text[pos:end].split("\n")
        values: dict[str, Any] = {}  # values as written, already read
        shapes = {raw: _shape(raw, text_keys, values) for raw in set(lines)}
        yield map(shapes.__getitem__, lines)
        pos = end + 1


class _Reader:
    """One pass over the lines with a stack of open collections."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._raw: list[str] | None = None
        self.end = 0

    @property
    def raw(self) -> list[str]:
        """The text's lines as written; only block text needs them, so they are split on demand."""
        if self._raw is None:
            self._raw = self.text.split("\n")
        return self._raw

    def document(self) -> YMap:
        chunks = _rows(self.text)
        first = list(next(chunks))
        root = self.start(first)
        stack: list[Frame] = [[root.pos[1] - 1, root, None]]
        top = stack[-1]
        top_col, top_map = top[0], root  # the innermost open collection; top_map is None for a list
        top_locs = root.locs
        lines = enumerate(chain(first, chain.from_iterable(chunks)), 1)  # 1-based line numbers
        del first
        _skip(lines, root.pos[0] - 1)  # blank lines, comments or "---" before the root's first key
        line = 0
        for line, shape in lines:
            if shape is _BLANK:
                continue
            col, dashes, key, rest, name, value, kcol, vcol = shape
            if dashes or col != top_col or top_map is None or not key:
                # Collections the line ends are closed here, and the common ways it opens one are
                # taken without a call; ``structure`` takes the rest, and those when a check fails.
                if col < top_col:  # collections deeper than this line end here
                    while top[0] > col:
                        if top[2] is not None:
                            _close(top)
                        stack.pop()
                        if not stack:
                            raise _StepAside  # less indented than the root
                        top = stack[-1]
                    top_col, top_map = top[0], top[1] if type(top[1]) is YMap else None
                placed = False  # whether the line's key now has its mapping on top
                if key and len(stack) < MAX_DEPTH:
                    if not dashes:
                        if col == top_col and top_map is not None:  # the next key after a deeper value
                            if top[2] is not None:
                                _close(top)
                            placed = True
                        elif col > top_col and top_map is not None and top[2] is not None:
                            top = self.open_map(stack, top, line, col)  # "key:" then a mapping below
                            top_col, top_map, placed = col, top[1], True
                    elif dashes == "- " and col == top_col and top_map is None:
                        if top[2] is not None:
                            _close(top)
                        col += 2  # the next "- key: value" item of a list of mappings
                        top = self.open_map(stack, top, line, col)
                        top_col, top_map, placed = col, top[1], True
                    elif dashes == "- " and col >= top_col and top_map is not None and top[2] is not None:
                        seq = _new_list(YSeq)  # "key:" then "- key: value" below: a list of mappings
                        seq.pos, seq.item_pos = (line, col + 1), []
                        _attach(top, seq, seq.pos)
                        stack.append([col, seq, None])
                        col += 2
                        top = self.open_map(stack, stack[-1], line, col)
                        top_col, top_map, placed = col, top[1], True
                if not placed:
                    self.end = line - 1
                    found = self.structure(stack, line - 1, col, dashes, key, rest)
                    if self.end >= line:
                        _skip(lines, self.end - line + 1)  # block text already read
                    top = stack[-1]
                    top_col, top_map = top[0], top[1] if type(top[1]) is YMap else None
                    top_locs = top_map.locs if top_map is not None else None
                    if found is None:
                        continue
                else:
                    top_locs = top_map.locs
            elif top[2] is not None:
                _close(top)
            # "key: value" in the mapping on top: the most common line, so it is read here.
            if name is None:
                name = self.key_name(key, kcol, line)
            if name in top_map:
                raise _StepAside  # a duplicate key: the reference reports it
            if value is _EMPTY:
                top[2] = (name, line, kcol, line, vcol)
                continue
            if value is _UNSEEN:
                if rest[0] not in _NOT_PLAIN:
                    value = plain(self.plain_text(rest), (line, vcol))  # steps aside, as the shape did
                else:
                    self.end = line - 1
                    value = self.inline(line - 1, vcol - 1, rest, len(stack), kcol - 1)
                    if self.end >= line:
                        _skip(lines, self.end - line + 1)  # block text already read
            top_map[name] = value
            top_locs[name] = (line, kcol, line, vcol)
        if max(line - 1, self.end) != self.text.count("\n"):  # pragma: no cover - every line is matched once
            raise _StepAside
        while stack:
            _close(stack.pop())
        return root

    @staticmethod
    def key_name(key: str, kcol: int, line: int) -> str:
        """A key that is not plain text for sure (quoted, or a number, a date, a boolean...) as text."""
        if len(key) > 1000:
            raise _StepAside  # too long for a YAML key: the reference reports it
        key = key.rstrip(" ")
        if " #" in key:
            raise _StepAside  # a comment inside what looks like a key
        first = key[0]
        if first == "'" or first == '"':
            return _unquote(key[1:-1], first == '"')
        if kcol == 1 and key[:3] in ("---", "..."):
            raise _StepAside  # a document marker
        return key_text(key, resolve(key), True, (line, kcol))

    @staticmethod
    def start(shapes: list[Shape]) -> YMap:
        """The root mapping, placed at its first key (in the first chunk), after an optional "---" line."""
        marker = False
        for i, shape in enumerate(shapes):
            if shape is _BLANK:
                continue
            col, dashes, key, rest = shape[:4]
            if not col and not dashes and not key and rest.rstrip(" ") == "---" and not marker:
                marker = True
                continue
            if dashes or not key:
                raise _StepAside  # the root must be a block mapping here
            return YMap((i + 1, col + 1))
        raise _StepAside

    @staticmethod
    def open_map(stack: list[Frame], frame: Frame, line: int, col: int) -> Frame:
        """A block mapping starting at 0-based ``col`` of ``line``, as ``frame``'s awaited value or next item."""
        node = _new_dict(YMap)
        node.pos, node.locs = (line, col + 1), {}
        _attach(frame, node, node.pos)
        top = [col, node, None]
        stack.append(top)
        return top

    def structure(self, stack: list[Frame], i: int, col: int, dashes: str, key: str,
                  rest: str) -> tuple[Frame, int] | None:
        """Open or extend collections for line ``i``, once the deeper ones it ends are closed.

        Returns the mapping and column where the line's "key: value" belongs, or None when the line
        holds no key (it was a list item's value, or an item whose value is on the lines below).
        """
        frame = stack[-1]
        if frame[0] == col:
            if type(frame[1]) is YSeq and not dashes:
                _close(frame)  # an indentless list ends where its mapping goes on
                stack.pop()
                if not stack:
                    raise _StepAside
                frame = stack[-1]
                if frame[0] != col or type(frame[1]) is not YMap:
                    raise _StepAside
            if type(frame[1]) is YSeq:
                if frame[2] is not None:
                    _close(frame)
                width = _dash_width(dashes)
                return self.place(stack, frame, i, col, col + width, dashes[width:], key, rest)
            if dashes:
                if frame[2] is None:
                    raise _StepAside  # a list item where none can start
                return self.place(stack, frame, i, col, col, dashes, key, rest)
            if key:
                _close(frame)
                return frame, col
            raise _StepAside  # a bare value where a key belongs
        if frame[2] is None:
            raise _StepAside  # text continuing a value on the next line
        if not dashes and not key and rest[0] in "|>":
            raise _StepAside  # block text alone on its line: its indentation rules differ
        return self.place(stack, frame, i, col, col, dashes, key, rest)

    def place(self, stack: list[Frame], frame: Frame, i: int, dash_col: int, col: int, dashes: str, key: str,
              rest: str) -> tuple[Frame, int] | None:
        """Put the node that starts at ``col`` on line ``i`` into ``frame``'s awaited value or new item."""
        while dashes or key:
            if len(stack) > MAX_DEPTH:
                raise _StepAside
            pos = (i + 1, col + 1)
            node: YSeq | YMap
            if dashes:  # made without the Python-level __init__: a large story opens tens of thousands
                node = _new_list(YSeq)
                node.pos, node.item_pos = pos, []
            else:
                node = _new_dict(YMap)
                node.pos, node.locs = pos, {}
            _attach(frame, node, pos)
            frame = [col, node, None]
            stack.append(frame)
            if not dashes:
                return frame, col
            dash_col = col
            width = _dash_width(dashes)
            col += width
            dashes = dashes[width:]
        if rest and rest[0] != "#":  # the value starts where the dashes end
            _attach(frame, self.inline(i, col, rest, len(stack), frame[0]), (i + 1, col + 1))
        elif type(frame[1]) is YSeq:
            frame[2] = (i + 1, dash_col + 2)  # "-" with its item on the lines below, or empty
        else:  # pragma: no cover - a content line always holds a dash, a key or a value
            raise _StepAside
        return None

    def inline(self, i: int, col: int, rest: str, depth: int, parent: int) -> Any:
        """A value written on the same line: a scalar, block text, or a flow collection."""
        first = rest[0]
        pos = (i + 1, col + 1)
        if first == '"':
            return self.quoted(rest, _DOUBLE, pos)
        if first == "'":
            return self.quoted(rest, _SINGLE, pos)
        if first in "|>":
            return self.block_text(i, rest, parent)
        if first in "[{":
            value, _pos, end = self.flow(rest, 0, i, col, depth)
            self.after_value(rest, end)
            return value
        if first in "&*!%@`,]}#?:" or (first == "-" and (len(rest) == 1 or rest[1] == " ")):
            raise _StepAside  # anchors, aliases, tags, reserved indicators, or a misplaced "- "
        return plain(self.plain_text(rest), pos)

    @staticmethod
    def plain_text(rest: str) -> str:
        cut = rest.find(" #")
        value = (rest if cut < 0 else rest[:cut]).rstrip(" ")
        if ": " in value or value.endswith(":"):
            raise _StepAside  # a mapping inside a value: an error the reference reports
        return value

    @staticmethod
    def after_value(rest: str, end: int) -> None:
        """Only blanks or a comment may follow a value on its line."""
        tail = rest[end:]
        if tail and not (tail[0] == " " and _is_blank(tail.lstrip(" "))):
            raise _StepAside

    def quoted(self, rest: str, pattern: re.Pattern[str], pos: Pos) -> str:
        match = pattern.match(rest)
        if match is None:
            raise _StepAside  # the quote closes on a later line
        self.after_value(rest, match.end())
        return _unquote(match.group(1), pattern is _DOUBLE)

    def block_text(self, i: int, rest: str, parent: int) -> str:
        """Literal (|) or folded (>) text, clipped or stripped (-), on the lines below the header."""
        header = _BLOCK_HEADER.match(rest)
        if header is None:
            raise _StepAside  # an explicit indentation or "keep" (+) header
        raw = self.raw
        j = i + 1
        if j >= len(raw):
            raise _StepAside
        first = raw[j]
        indent = len(first) - len(first.lstrip(" "))
        if indent <= parent or indent == len(first):
            raise _StepAside  # empty block text, or blank lines before its first line
        folded = header.group(1) == ">"
        parts: list[str] = []
        last = j
        n = len(raw)
        while j < n:
            line = raw[j]
            body = line.lstrip(" ")
            if not body:
                if len(line) > indent:
                    raise _StepAside  # spaces beyond the indentation on a blank line
                parts.append("")
            elif len(line) - len(body) >= indent:
                text = line[indent:]
                if folded and text[0] == " ":
                    raise _StepAside  # a more-indented line in folded text keeps its breaks
                parts.append(text)
                last = j
            else:
                break
            j += 1
        del parts[last - i:]  # trailing blank lines are not part of clipped or stripped text
        self.end = last
        if folded:
            value = _fold(parts)
        else:
            value = "\n".join(parts)
        if header.group(2) or last == n - 1:  # stripped, or the file ends without a line break
            return value
        return value + "\n"

    def flow(self, rest: str, at: int, i: int, col: int, depth: int) -> tuple[Any, Pos, int]:
        """The one-line flow node at ``at`` in ``rest``: its value, its position, and where it ends."""
        if depth > MAX_DEPTH:
            raise _StepAside
        match = _FLOW_TOKEN.match(rest, at)
        if match is None:
            raise _StepAside
        kind = match.lastindex
        token = match.group(kind)
        pos = (i + 1, col + match.start(kind) + 1)
        end = match.end()
        if kind == _PLAIN:
            return plain(token.rstrip(" "), pos), pos, end
        if kind == _DQ or kind == _SQ:
            return _unquote(token[1:-1], kind == _DQ), pos, end
        if token == "[":
            seq = YSeq(pos)
            closed = _closes_at_once(rest, end, "]")
            if closed:
                return seq, pos, closed
            while True:
                value, item_pos, end = self.flow(rest, end, i, col, depth + 1)
                seq.append(value)
                seq.item_pos.append(item_pos)
                mark, end = _punct(rest, end)
                if mark == "]":
                    return seq, pos, end
                if mark != ",":
                    raise _StepAside  # a missing comma, or a pair inside a list
        if token == "{":
            mapping = YMap(pos)
            closed = _closes_at_once(rest, end, "}")
            if closed:
                return mapping, pos, closed
            while True:
                match = _FLOW_TOKEN.match(rest, end)
                if match is None or match.lastindex not in (_DQ, _SQ, _PLAIN):
                    raise _StepAside
                kind = match.lastindex
                kpos = (i + 1, col + match.start(kind) + 1)
                token = match.group(kind)
                if kind == _PLAIN:
                    token = token.rstrip(" ")
                    name = key_text(token, resolve(token), True, kpos)
                else:
                    name = _unquote(token[1:-1], kind == _DQ)
                if name in mapping:
                    raise _StepAside  # the reference reports the duplicate
                mark, end = _punct(rest, match.end())
                if mark != ":":
                    raise _StepAside  # a key with no value
                value, value_pos, end = self.flow(rest, end, i, col, depth + 1)
                mapping.put(name, value, kpos, value_pos)
                mark, end = _punct(rest, end)
                if mark == "}":
                    return mapping, pos, end
                if mark != ",":
                    raise _StepAside
        raise _StepAside  # a stray "]", "}", "," or ":"


def _closes_at_once(rest: str, at: int, closer: str) -> int:
    """Where an empty flow collection ends when ``closer`` comes next at ``at``; 0 when it does not."""
    match = _FLOW_TOKEN.match(rest, at)
    return match.end() if match is not None and match.group(_PUNCT) == closer else 0


def _punct(rest: str, at: int) -> tuple[str, int]:
    """The punctuation at ``at`` (",", ":", a bracket) and where it ends; anything else steps aside."""
    match = _FLOW_TOKEN.match(rest, at)
    if match is None:
        raise _StepAside  # the collection does not close on this line
    mark = match.group(_PUNCT) or match.group(_COLON)
    if mark is None:
        raise _StepAside
    return mark, match.end()


def _unquote(inner: str, double: bool) -> str:
    """The text of a one-line quoted scalar, without its quotes."""
    if not double:
        return inner.replace("''", "'")
    if "\\" not in inner:
        return inner
    return _ESCAPE.sub(_unescape, inner)


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(1)
    if len(escape) == 1:
        try:
            return _ESCAPES[escape]
        except KeyError:
            raise _StepAside from None  # an escape YAML does not have: the reference reports it
    code = int(escape[1:], 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _StepAside
    return chr(code)


def _fold(lines: list[str]) -> str:
    """Folded text: a single line break becomes a space; each blank line is a kept line break."""
    out = [lines[0]]
    blank = 0
    for line in lines[1:]:
        if not line:
            blank += 1
            continue
        out.append("\n" * blank if blank else " ")
        out.append(line)
        blank = 0
    return "".join(out)
