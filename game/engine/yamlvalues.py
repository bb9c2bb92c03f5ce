"""The values both YAML readers build: located mappings and sequences, and core-schema scalars.

The event builder (``yamlsafe``) and the fast line reader (``fastyaml``) must give the same values
for the same text, so the one place that turns a scalar's text into a value lives here.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import ScalarNode

Pos = tuple[int, int]

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
TIMESTAMP, MAP, SEQ = _T + "timestamp", _T + "map", _T + "seq"
VALUE, MERGE = _T + "value", _T + "merge"

# Plain scalars whose first character can start no implicit type other than text. Most story text
# starts with a letter like these, so it skips PyYAML's regular-expression resolver entirely.
TEXT_START = frozenset("abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ\"'")

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


def plain(value: str, pos: Pos) -> Any:
    """The value of a plain scalar; most story text returns at the first test, most numbers at the second."""
    first = value[:1]
    if first not in IMPLICIT_FIRST or (first in LETTERS and value not in WORDS):
        return value
    digits = value[1:] if first == "-" else value
    if digits.isdigit() and digits.isascii() and (digits[0] != "0" or digits == "0") and len(digits) < 4000:
        return int(value)  # a plain decimal: what PyYAML's int resolver and constructor give, without them
    return scalar(value, _resolver.resolve(ScalarNode, value, _PLAIN), True, pos)


def is_text(value: str) -> bool:
    """Whether a plain scalar is text for sure (callers check quotes first)."""
    first = value[:1]
    return first not in IMPLICIT_FIRST or (first in LETTERS and value not in WORDS)


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
