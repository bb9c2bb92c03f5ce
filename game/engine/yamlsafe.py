"""Safe YAML loading that keeps line numbers for every value.

YAML is parsed into nodes (with libyaml's C parser where present), then turned into plain Python
values by our own small constructor, which accepts only the core YAML types. Language tags such as
``!!python/object`` are refused, and so are aliases, so a small file can never expand into a huge
structure. Every mapping and sequence records where each of its values sits, for error messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Report

try:  # libyaml is several times faster; the pure-Python parser gives the same nodes and marks.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# Plain scalars whose first character can start no implicit type other than text. Most story text
# starts with a letter like these, so it skips PyYAML's regular-expression resolver entirely.
_TEXT_START = frozenset("abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ\"'")


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    def resolve(self, kind, value, implicit):  # noqa: ANN001 - PyYAML's signature
        if kind is ScalarNode and value and value[0] in _TEXT_START:
            return _STR
        return super().resolve(kind, value, implicit)

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
_TIMESTAMP, _MAP, _SEQ = _T + "timestamp", _T + "map", _T + "seq"
_VALUE, _MERGE = _T + "value", _T + "merge"

# libyaml's composer recurses in C, so a file nested tens of thousands of levels deep would overflow
# the C stack (a crash, not an exception). A file that might nest deeper than this is first checked
# with the parser's events, which do not recurse.
_SCAN_DEPTH_ABOVE = 1500
_constructor = yaml.constructor.SafeConstructor()

Pos = tuple[int, int]


class YMap(dict):
    """A mapping that knows where it and each of its keys and values sit (1-based line, column)."""

    __slots__ = ("pos", "key_pos", "val_pos")

    def __init__(self, pos: Pos = (1, 1)) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.val_pos: dict[str, Pos] = {}

    def where(self, key: str) -> Pos:
        """Position of the value under ``key``, or of the mapping itself when the key is absent."""
        return self.val_pos.get(key, self.pos)

    def where_key(self, key: str) -> Pos:
        return self.key_pos.get(key, self.pos)


class YSeq(list):
    """A sequence that knows where it and each of its items sit."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos: Pos = (1, 1)) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []

    def where(self, index: int) -> Pos:
        return self.item_pos[index] if 0 <= index < len(self.item_pos) else self.pos


class _Refused(Exception):
    def __init__(self, node: Node, code: str, message: str) -> None:
        super().__init__(message)
        self.pos = _pos(node)
        self.code = code
        self.message = message


def _pos(node: Node) -> Pos:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _INT:
        try:
            return _constructor.construct_yaml_int(node)
        except ValueError:  # Python refuses to convert integers of thousands of digits
            raise _Refused(node, "E104", "this number is far too long") from None
    if tag == _FLOAT:
        return _constructor.construct_yaml_float(node)
    if tag == _BOOL:
        return _constructor.construct_yaml_bool(node)
    if tag == _NULL:
        return None
    if tag == _TIMESTAMP:
        return node.value  # dates stay as the text the author wrote: "2016-05-10"
    if tag in (_VALUE, _MERGE) and not node.style:
        return node.value  # a plain '=' or '<<' as a value is just text
    raise _Refused(node, "E005", f"the tag '{tag}' is not allowed; use plain YAML values")


class _Builder:
    """Turns composed nodes into YMap/YSeq/scalars, refusing aliases, odd tags and duplicates."""

    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report
        self.seen: set[int] = set()

    def build(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise _Refused(node, "E008", f"nesting deeper than {MAX_DEPTH} levels")
        key = id(node)
        if key in self.seen:
            raise _Refused(node, "E006", "this anchored value is reused through an alias (*name); "
                                         "aliases are not allowed, write the value out")
        self.seen.add(key)
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise _Refused(node, "E005", f"the tag '{node.tag}' is not allowed on a mapping")
            out = YMap(_pos(node))
            for knode, vnode in node.value:
                if not isinstance(knode, ScalarNode):
                    raise _Refused(knode, "E102", "a mapping key must be plain text")
                if knode.tag == _T + "merge":
                    raise _Refused(knode, "E006", "merge keys (<<) are not allowed")
                k = _scalar(knode)
                if not isinstance(k, str):
                    k = str(k).lower() if isinstance(k, bool) else str(k)
                if k in out:
                    line, col = _pos(knode)
                    first = out.key_pos[k][0]
                    self.report.add(self.path, line, col, "E106",
                                    f"the key '{k}' appears twice in this mapping (first on line {first})")
                    continue
                out.key_pos[k] = _pos(knode)
                out.val_pos[k] = _pos(vnode)
                out[k] = self.build(vnode, depth + 1)
            return out
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise _Refused(node, "E005", f"the tag '{node.tag}' is not allowed on a list")
            seq = YSeq(_pos(node))
            for item in node.value:
                seq.item_pos.append(_pos(item))
                seq.append(self.build(item, depth + 1))
            return seq
        raise _Refused(node, "E005", "unsupported YAML node")  # pragma: no cover


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
    try:
        deep = _too_deep(text)
    except yaml.YAMLError:
        deep = None  # the syntax error is reported below, where the composer meets it
    except UnicodeEncodeError:
        deep = None
    if deep is not None:
        report.add(shown, deep[0], deep[1], "E008", f"nesting deeper than {MAX_DEPTH} levels")
        return None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        report.add(shown, line, col, "E001", problem)
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
    if node is None:
        report.add(shown, 1, 1, "E003", "the file is empty")
        return None
    try:
        value = _Builder(shown, report).build(node)
    except _Refused as exc:
        report.add(shown, exc.pos[0], exc.pos[1], exc.code, exc.message)
        return None
    except RecursionError:
        report.add(shown, 1, 1, "E008", "the file is nested too deeply")
        return None
    if not isinstance(value, YMap):
        kind = "a list" if isinstance(value, list) else "a single value"
        line, col = _pos(node)
        report.add(shown, line, col, "E004", f"the file must hold a mapping (key: value lines), not {kind}")
        return None
    return value


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting first goes deeper than MAX_DEPTH, or None. Cheap for ordinary files: a
    file can only nest as deep as its brackets and its longest line allow."""
    bound = 2 * max(map(len, text.split("\n"))) + 2 + text.count("[") + text.count("{")
    if bound <= _SCAN_DEPTH_ABOVE:
        return None
    loader = _BaseLoader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


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
