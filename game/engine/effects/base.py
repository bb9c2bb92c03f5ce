"""What an effect kind and an event kind are, and what an effect's reader may ask of the loader.

An effect kind is one definition: how it is read from a story file (its fields and checks), how
it changes a run's state, and the events it raises, each with how it is shown. Front ends draw
what ``Shown`` says and add nothing to its words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ... import i18n
from ..fields import Fields
from ..model import Effect, Loc, Text
from ..shapes import Value
from ..wording import capital
from ..yamlsafe import YMap

if TYPE_CHECKING:  # the rules call effects; effects only read and change what the rules hold
    from ..rules import Rules

BAD, GOOD, NOTE = "bad", "good", "note"  # an event's tone; never shown by colour alone

Tr = Callable[[Any], str]  # turns a Text (or None) into the string to show


@dataclass(frozen=True)
class Event:
    """Something that happened, with the data a front end needs to show it."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Shown:
    """An event as players meet it: a word (LISTED), its sentence, a tone and an icon.

    The text player prints ``line``; the window shows ``tag`` beside ``body`` with ``icon``.
    """

    word: str  # "LISTED", "POINTS"
    text: str  # what follows the word: "you are now on the court's list."
    tone: str = NOTE  # BAD, GOOD or NOTE
    icon: str = "info"  # a name from the icon set
    tag: str = ""  # the window's tag when it says more than the word ("POINTS -5"); else the word
    detail: str = ""  # the window's line beside that tag when it differs from ``text``

    @property
    def line(self) -> str:
        return i18n._("{word}: {text}").format(word=self.word, text=self.text)

    @property
    def label(self) -> str:
        return self.tag or self.word

    @property
    def body(self) -> str:
        return capital(self.detail or self.text)


@dataclass(frozen=True)
class EventKind:
    name: str
    show: Callable[[dict[str, Any], Tr], Shown]


class Reader(Protocol):
    """What the loader offers an effect's reader: located reports, references, texts, expressions."""

    report: Any

    def text(self, f: Fields, key: str, sid: str, required: bool = False) -> Text | None: ...
    def ref(self, f: Fields, key: str, kind: str, life: str = "", required: bool = False) -> str: ...
    def ids(self, f: Fields, key: str, kind: str, life: str = "", required: bool = False) -> list[str]: ...
    def refer(self, kind: str, ident: str, loc: Loc, life: str = "", extra: str = "") -> None: ...
    def expression(self, src: Any, loc: Loc, life: str, want: str, var: str = "") -> Any: ...
    def constant(self, src: str, tree: Any, loc: Loc, life: str, var: str) -> None: ...
    def own_text(self, sid: str, en: str, loc: Loc) -> Text: ...


@dataclass
class Site:
    """One effect as written (``kind: value`` at ``loc``), with the loader to report and record through."""

    kind: str
    value: Any
    loc: Loc  # where the value sits
    item: YMap  # the one-entry mapping that holds it
    sid: str  # the prefix of its string ids, e.g. "wei.n.start.e.0"
    life: str
    reader: Reader

    def error(self, code: str, message: str) -> None:
        self.reader.report.add(self.loc.file, self.loc.line, self.loc.col, code, message)

    def fields(self, allowed: tuple[str, ...]) -> Fields | None:
        """The value as a mapping with these keys; reports and gives None when it is not a mapping."""
        if not isinstance(self.value, YMap):
            self.error("E102", f"'{self.kind}' should be a mapping with {', '.join(allowed)}")
            return None
        return Fields(self.value, self.loc.file, self.reader.report, allowed, f"the '{self.kind}' effect")

    def short_form(self, key: str) -> Fields:
        """The short form (``wait: 21``) read as if written under ``key``, so checks and places match."""
        holder = YMap(self.item.pos)
        holder.put(key, self.value, self.item.where_key(self.kind), (self.loc.line, self.loc.col))
        return Fields(holder, self.loc.file, self.reader.report, (key,), f"the '{self.kind}' effect")

    def text(self, f: Fields, key: str, required: bool = False) -> Text | None:
        return self.reader.text(f, key, f"{self.sid}.{key}", required)


@dataclass(frozen=True)
class EffectKind:
    """One effect kind: its name in story files, its reader, how it applies and the events it raises.

    ``parse`` returns the model's Effect (or None after reporting why not); ``apply`` changes the
    run's state through the rules and returns the events. A kind that ``parse`` turns into another
    (``flag`` is a ``set``) has no ``apply`` of its own.
    """

    name: str
    parse: Callable[[Site], Effect | None]
    apply: Callable[[dict[str, Any], Rules], list[Event]] | None = None
    events: tuple[EventKind, ...] = ()
    places: Callable[[dict[str, Any]], list[str]] | None = None  # places it can take a player to
    uses_points: bool = False  # needs the life's point scheme
    value: Value | None = None  # the shape of its value in story files, for the JSON Schemas
