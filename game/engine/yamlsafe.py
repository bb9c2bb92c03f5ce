"""Safe YAML loading that keeps line numbers for every value.

YAML is parsed into events (with libyaml's C parser where present), which our own small builder
turns into plain Python values, accepting only the core YAML types. Language tags such as
``!!python/object`` are refused, and so are aliases, so a small file can never expand into a huge
structure. Every mapping and sequence records where each of its values sits, for error messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from . import yamlerrors
from .diagnostics import Report

try:  # libyaml is several times faster; the pure-Python parser gives the same nodes and marks.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Pos = tuple[int, int]

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
TIMESTAMP, MAP, SEQ = _T + "timestamp", _T + "map", _T + "seq"
VALUE, MERGE = _T + "value", _T + "merge"

_constructor = yaml.constructor.SafeConstructor()
_resolver = yaml.resolver.Resolver()
_PLAIN = (True, False)

# PyYAML picks implicit resolvers by a plain scalar's first character, and has none for a character
# outside this table. The ones for letters are only YAML 1.1's booleans and nulls, all in WORDS, so
# any other word that starts with a letter is text without running a regular expression.
IMPLICIT_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
LETTERS = frozenset(c for c in IMPLICIT_FIRST if c and c.isalpha())
WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split())


class YMap(dict):
    """A mapping that knows where it and each of its keys and values sit (1-based line, column).

    ``locs`` holds, for each key, (key line, key column, value line, value column) in one tuple:
    a large story has hundreds of thousands of entries, so one small object each matters.
    """

    __slots__ = ("pos", "locs")

    def __init__(self, pos: Pos = (1, 1)) -> None:
        super().__init__()
        self.pos = pos
        self.locs: dict[str, tuple[int, int, int, int]] = {}

    def where(self, key: str) -> Pos:
        """Position of the value under ``key``, or of the mapping itself when the key is absent."""
        at = self.locs.get(key)
        return (at[2], at[3]) if at is not None else self.pos

    def where_key(self, key: str) -> Pos:
        at = self.locs.get(key)
        return (at[0], at[1]) if at is not None else self.pos

    def put(self, key: str, value: Any, key_pos: Pos, value_pos: Pos) -> None:
        """Add an entry with its positions."""
        self[key] = value
        self.locs[key] = (key_pos[0], key_pos[1], value_pos[0], value_pos[1])


class YSeq(list):
    """A sequence that knows where it and each of its items sit."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos: Pos = (1, 1)) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []

    def where(self, index: int) -> Pos:
        return self.item_pos[index] if 0 <= index < len(self.item_pos) else self.pos


class Refused(Exception):
    """Text that is valid YAML but not allowed in a story file; it becomes a located error."""

    def __init__(self, pos: Pos, code: str, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.code = code
        self.message = message


def resolve(value: str, implicit: tuple[bool, bool] = _PLAIN) -> str:
    """The core-schema tag of a plain scalar, as PyYAML's resolver gives it."""
    first = value[:1]
    if first not in IMPLICIT_FIRST or (first in LETTERS and value not in WORDS):
        return STR
    return _resolver.resolve(ScalarNode, value, implicit)



def scalar(value: str, tag: str, plain: bool, pos: Pos) -> Any:
    """The Python value of a scalar with its resolved tag; language and unknown tags are refused."""
    if tag == STR:
        return value
    node = ScalarNode(tag, value)
    if tag == INT:
        try:
            return _constructor.construct_yaml_int(node)
        except ValueError:  # thousands of digits, which Python refuses to convert, or none at all ("0x_")
            if sum(c.isalnum() for c in value) > 100:
                raise Refused(pos, "E104", "this number is far too long") from None
            raise Refused(pos, "E104", f"'{value}' is not a number YAML can read; "
                                       "put it in quotes if it is text") from None
    if tag == FLOAT:
        return _constructor.construct_yaml_float(node)
    if tag == BOOL:
        return _constructor.construct_yaml_bool(node)
    if tag == NULL:
        return None
    if tag == TIMESTAMP:
        return value  # dates stay as the text the author wrote: "2016-05-10"
    if tag in (VALUE, MERGE) and plain:
        return value  # a plain '=' or '<<' as a value is just text
    raise Refused(pos, "E005", f"the tag '{tag}' is not allowed; use plain YAML values")


def key_text(value: str, tag: str, plain: bool, pos: Pos) -> str:
    """A mapping key as text: story ids are text even when they look like numbers or booleans."""
    if tag == MERGE:
        raise Refused(pos, "E006", "merge keys (<<) are not allowed")
    key = scalar(value, tag, plain, pos) if tag != VALUE else value
    if not isinstance(key, str):
        key = str(key).lower() if isinstance(key, bool) else str(key)
    return key


__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "Pos", "YMap", "YSeq", "load_file", "parse_text", "read_text"]

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64


def _mark(event: Any) -> Pos:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


_DUPLICATE = object()  # the pending key of a value that is read and then dropped


def _folded_paragraphs(event: Any, value: str, lines: list[str]) -> bool:
    """True when a plain or quoted value, written over several lines, looks like paragraphs that YAML
    joined into one: a blank line inside it (YAML keeps only a single line break), or every line but
    the last ending a sentence (YAML joins them with spaces). Text meant as paragraphs wants ``|``."""
    first, last = event.start_mark.line, event.end_mark.line
    if event.style not in (None, "", "'", '"') or last <= first:
        return False
    if "\n" in value:
        return True
    written = [ln.strip() for ln in lines[first:last + 1] if ln.strip()]
    ends = (".", "!", "?", "。", "！", "？")
    return len(written) >= 2 and all(ln.rstrip("\"'").endswith(ends) for ln in written[:-1])


def _build(loader: Any, path: str, report: Report, lines: list[str] | None = None,
           folded: list[Pos] | None = None) -> Any:
    """Build located values straight from the parser's events.

    Working from events (not composed nodes) keeps nesting on our own list instead of the C
    stack, sees an alias where it is written, and skips building PyYAML's node objects.
    """
    ScalarEvent, MappingStart, SequenceStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    MappingEnd, SequenceEnd, AliasEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent
    DocumentStart, StreamEnd = yaml.DocumentStartEvent, yaml.StreamEndEvent
    # frames: [container, pending key (None when the next scalar is a key), key position]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    get_event = loader.get_event
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(event.value, event.implicit) if event.implicit[0] else STR
            frame = stack[-1] if stack else None
            if frame is not None and frame[1] is None and type(frame[0]) is YMap:
                pos = _mark(event)
                key = key_text(event.value, tag, not event.style, pos)
                if key in frame[0]:
                    first = frame[0].where_key(key)[0]
                    report.add(path, pos[0], pos[1], "E106",
                               f"the key '{key}' appears twice in this mapping (first on line {first})")
                    frame[1] = _DUPLICATE
                else:
                    frame[1] = key
                    frame[2] = pos
                continue
            pos = _mark(event)
            value: Any = scalar(event.value, tag, not event.style, pos)
            if folded is not None and type(value) is str and _folded_paragraphs(event, value, lines or []):
                folded.append(pos)  # reported only if the whole file reads: a syntax error comes alone
        elif kind is MappingStart or kind is SequenceStart:
            pos = _mark(event)
            frame = stack[-1] if stack else None
            if frame is not None and frame[1] is None and type(frame[0]) is YMap:
                raise Refused(pos, "E102", "a mapping key must be plain text")
            tag = event.tag
            want = MAP if kind is MappingStart else SEQ
            if tag not in (None, "!", want):
                what = "a mapping" if kind is MappingStart else "a list"
                raise Refused(pos, "E005", f"the tag '{tag}' is not allowed on {what}")
            if len(stack) > MAX_DEPTH:
                raise Refused(pos, "E008", f"nesting deeper than {MAX_DEPTH} levels")
            stack.append([YMap(pos) if kind is MappingStart else YSeq(pos), None, pos])
            continue
        elif kind is MappingEnd or kind is SequenceEnd:
            container = stack.pop()[0]
            value, pos = container, container.pos
        elif kind is AliasEvent:
            raise Refused(_mark(event), "E006", "aliases (*name) are not allowed: write the value out "
                                                 "instead of reusing an anchored one")
        elif kind is DocumentStart:
            documents += 1
            if documents > 1:
                raise Refused(_mark(event), "E001", "expected a single document in the file, "
                                                     "but found another document")
            continue
        elif kind is StreamEnd or event is None:
            return root
        else:
            continue  # stream start, document end
        if not stack:
            root = value
            continue
        frame = stack[-1]
        container = frame[0]
        if type(container) is YSeq:
            container.item_pos.append(pos)
            container.append(value)
        else:
            key = frame[1]
            if key is not _DUPLICATE:
                container.put(key, value, frame[2], pos)
            frame[1] = None


def read_text(path: Path, report: Report, shown: str | None = None) -> str | None:
    """Read a story file as UTF-8, reporting a missing, oversized or non-UTF-8 file."""
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report.add(shown, 1, 1, "E007", "file not found")
        return None
    except OSError as exc:
        report.add(shown, 1, 1, "E007", f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(data) > MAX_FILE_BYTES:
        report.add(shown, 1, 1, "E008", f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add(shown, line, col, "E002", f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")
        return None
    return text.removeprefix("\ufeff")


def parse_text(text: str, shown: str, report: Report) -> YMap | None:
    """Parse one YAML document whose root must be a mapping; problems go to ``report``."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        report.add(shown, 1, 1, "E003", "the file is empty")
        return None
    folded: list[Pos] = []
    try:
        loader = _BaseLoader(text)
        try:
            value = _build(loader, shown, report, text.splitlines(), folded)
        finally:
            loader.dispose()
    except Refused as exc:
        report.add(shown, exc.pos[0], exc.pos[1], exc.code, exc.message)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if _is_depth_limit(exc.problem or ""):  # libyaml 0.2.5+ stops deep nesting itself (PyYAML 6.0.4)
            report.add(shown, line, col, "E008", f"nesting deeper than {MAX_DEPTH} levels")
            return None
        line, col, message = yamlerrors.explain(text, exc)
        report.add(shown, line, col, "E001", message)
        return None
    except yaml.reader.ReaderError as exc:
        line, col = _reader_pos(text, exc.position)
        report.add(shown, line, col, "E001", f"character #x{exc.character:04x} is not allowed: {exc.reason}")
        return None
    except yaml.YAMLError as exc:
        report.add(shown, 1, 1, "E001", str(exc).splitlines()[0] if str(exc) else "invalid YAML")
        return None
    except UnicodeEncodeError as exc:  # text that is not valid Unicode (lone surrogates)
        line, col = _reader_pos(text, exc.start, chars=True)
        report.add(shown, line, col, "E002", "the text holds characters that are not valid Unicode")
        return None
    except RecursionError:
        report.add(shown, 1, 1, "E008", "the file is nested too deeply")
        return None
    if value is None:  # a document that holds nothing ("---" alone, or "~")
        report.add(shown, 1, 1, "E003", "the file is empty")
        return None
    if not isinstance(value, YMap):
        kind = "a list" if isinstance(value, list) else "a single value"
        line, col = value.pos if isinstance(value, YSeq) else (1, 1)
        report.add(shown, line, col, "E004", f"the file must hold a mapping (key: value lines), not {kind}")
        return None
    for line, col in folded:
        report.add(shown, line, col, "W503", "this text is written over several lines without '|', so YAML joins "
                   "them into one paragraph: to keep the lines and paragraphs as written, start it with '|' on the "
                   "key's line and indent the text below it")
    return value


def _is_depth_limit(problem: str) -> bool:
    """True for libyaml's own nesting guard ("exceeded maximum nesting depth"), whatever its limit."""
    return "nesting depth" in problem or "max depth" in problem


def _reader_pos(text: str, position: int, chars: bool = False) -> tuple[int, int]:
    """Line and column of a reader error's position (libyaml counts UTF-8 bytes, PyYAML characters)."""
    if not chars and _BaseLoader is not yaml.SafeLoader:
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    position = max(0, min(position, len(text)))
    return text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1


def load_file(path: Path, report: Report, shown: str | None = None) -> YMap | None:
    """Read and parse one story file; ``None`` means a problem was reported."""
    shown = shown or str(path)
    text = read_text(path, report, shown)
    if text is None:
        return None
    return parse_text(text, shown, report)
