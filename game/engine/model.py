"""The story model: plain dataclasses the loader builds and the runtime reads.

Nothing here knows a character, list or city by name. Displayed text is held as ``Text`` (a stable
string id plus its English), so any front end can show a translation without touching logic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, NamedTuple

NODE_KINDS = ("narration", "dialogue", "system", "document")
SCREENS = ("terminal", "notice", "app", "letter")
EVIDENCE = ("documented", "reported", "dramatized")
TRUST = ("high", "medium", "low")
LIST_KINDS = ("blacklist", "redlist")
ANSWERS = ("myth", "fact", "mixed")
ICONS = ("plane", "train", "hotel", "school", "house", "loan", "card", "car", "job", "shop", "bike",
         "heat", "bus", "star", "gavel", "travel", "insurance")


class Text(NamedTuple):
    """A displayed string: its stable id and its English text."""

    id: str
    en: str

    def __str__(self) -> str:
        return self.en


class Loc(NamedTuple):
    """Where something was written: file as shown in messages, 1-based line and column."""

    file: str
    line: int
    col: int


NOWHERE = Loc("<none>", 0, 0)


@dataclass(slots=True)
class Source:
    id: str
    title: Text
    outlet: str
    trust: str
    author: str = ""
    date: str = ""
    url: str = ""
    note: Text | None = None
    loc: Loc = NOWHERE
    # outlet and author as translated texts (source.ID.outlet, source.ID.author); the plain fields
    # above keep the English for exports and ids. game.cite shows these in the player's language.
    outlet_text: Text | None = None
    author_text: Text | None = None


@dataclass(slots=True)
class Term:
    id: str
    term: Text
    text: Text
    chinese: str = ""
    sources: list[str] = field(default_factory=list)
    loc: Loc = NOWHERE


@dataclass(slots=True)
class Service:
    id: str
    name: Text
    icon: str
    requires: Any = None  # parsed expression
    requires_src: str = ""
    note: Text | None = None
    sources: list[str] = field(default_factory=list)
    loc: Loc = NOWHERE


@dataclass(slots=True)
class ListDef:
    id: str
    name: Text
    short: Text
    kind: str
    run_by: Text
    how_on: Text
    how_off: Text
    chinese: str = ""
    restricts: list[str] = field(default_factory=list)
    grants: list[str] = field(default_factory=list)
    procedure: str = ""
    sources: list[str] = field(default_factory=list)
    loc: Loc = NOWHERE


@dataclass(slots=True)
class Step:
    id: str
    name: Text
    text: Text
    limit_days: int | None = None


@dataclass(slots=True)
class Procedure:
    id: str
    name: Text
    steps: list[Step]
    sources: list[str] = field(default_factory=list)
    loc: Loc = NOWHERE

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass(slots=True)
class Grade:
    id: str
    min: int
    press: Text | None = None


@dataclass(slots=True)
class Scheme:
    id: str
    name: Text
    start: int
    grades: list[Grade]  # highest first
    note: Text | None = None
    sources: list[str] = field(default_factory=list)
    loc: Loc = NOWHERE

    def grade_for(self, points: int) -> str:
        for g in self.grades:
            if points >= g.min:
                return g.id
        return self.grades[-1].id if self.grades else ""

    def rank(self, grade_id: str) -> int:
        """0 is the highest grade; unknown grades rank last."""
        for i, g in enumerate(self.grades):
            if g.id == grade_id:
                return i
        return len(self.grades)


@dataclass(slots=True)
class Place:
    id: str
    name: Text
    lat: float
    lon: float
    chinese: str = ""
    loc: Loc = NOWHERE


@dataclass(slots=True)
class Illustration:
    """A picture a node or a life may show: a file the game resolves in its own illustrations folder (a bare
    name, never a path) and the words that stand for it when it is spoken or cannot be drawn."""

    id: str
    file: str
    alt: Text
    sources: list[str] = field(default_factory=list)
    note: str = ""  # for authors only; not shown
    loc: Loc = NOWHERE
    file_loc: Loc = NOWHERE


@dataclass(slots=True)
class World:
    lists: dict[str, ListDef] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    schemes: dict[str, Scheme] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    illustrations: dict[str, Illustration] = field(default_factory=dict)


@dataclass(slots=True)
class Effect:
    """One change a node or choice makes. ``args`` holds the parsed arguments for its kind."""

    kind: str
    args: dict[str, Any]
    loc: Loc = NOWHERE


@dataclass(slots=True)
class Choice:
    id: str
    label: Text
    to: str
    cond: Any = None  # parsed expression
    cond_src: str = ""
    reason: Text | None = None
    effects: list[Effect] = field(default_factory=list)
    attempt: str = ""
    refused: str = ""
    loc: Loc = NOWHERE


@dataclass(slots=True)
class Ending:
    title: Text
    debrief: str


@dataclass(slots=True)
class Node:
    id: str
    kind: str
    evidence: str
    text: Text
    sources: list[str] = field(default_factory=list)
    screen: str = ""
    speaker: Text | None = None
    title: Text | None = None  # the heading of a system screen or document ("Airline app")
    shows_grade: bool = False  # a system screen that shows the point scheme's grade as a badge
    place: str = ""
    illustration: str = ""  # an Illustration id
    effects: list[Effect] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    next: str = ""
    ending: Ending | None = None
    loc: Loc = NOWHERE

    def targets(self) -> list[str]:
        """Every node this node can lead to directly."""
        out = [self.next] if self.next else []
        for c in self.choices:
            out.append(c.to)
            if c.refused:
                out.append(c.refused)
        return out


@dataclass(slots=True)
class Variable:
    name: str
    initial: bool | int | float
    label: Text | None = None
    unit: Text | None = None
    show: bool = False


@dataclass(slots=True)
class Chapter:
    id: str
    title: Text
    node: str
    setup: list[Effect] = field(default_factory=list)
    loc: Loc = NOWHERE


@dataclass(slots=True)
class Myth:
    id: str
    claim: Text
    answer: str
    explanation: Text
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    text: Text
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Debrief:
    id: str
    what_happened: Section
    not_known: Section | None
    dramatized: Section | None
    myths: list[Myth]
    questions: list[Text]
    sources: list[str] = field(default_factory=list)
    loc: Loc = NOWHERE


@dataclass(slots=True)
class ShortPath:
    start: str
    minutes: int


@dataclass(slots=True)
class Life:
    id: str
    title: Text
    player: Text
    place: str
    date: str
    period: Text
    summary: Text
    content_note: Text
    minutes: int
    start: str
    nodes: dict[str, Node]
    debriefs: dict[str, Debrief]
    variables: dict[str, Variable] = field(default_factory=dict)
    scheme: str = ""
    short: ShortPath | None = None
    chapters: list[Chapter] = field(default_factory=list)
    portrait: str = ""  # an Illustration id, for the choose-a-life screen
    file: str = ""
    loc: Loc = NOWHERE

    def endings(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.ending is not None]

    def place_ids(self) -> list[str]:
        """Every place this life can take the player to, in story order (for its map)."""
        out = [self.place] if self.place else []

        def add(pid: str) -> None:
            if pid and pid not in out:
                out.append(pid)

        effects = [e for ch in self.chapters for e in ch.setup]
        for node in self.nodes.values():
            add(node.place)
            effects += node.effects + [e for c in node.choices for e in c.effects]
        from .effects import places  # effects are built on this model, so they are imported when used

        for e in effects:
            for pid in places(e):
                add(pid)
        return out


@dataclass(slots=True)
class Translation:
    language: str
    name: str
    strings: dict[str, tuple[str, str]]  # id -> (text, from-hash)
    file: str = ""
    fuzzy: dict[str, Loc] = field(default_factory=dict)  # catalog entries marked for checking, not shown
    unread: list[str] = field(default_factory=list)  # catalogs that could not be read (already reported)


def text_hash(text: str) -> str:
    """The short hash a translation records of the English it translates (its ``from``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(slots=True)
class Story:
    id: str
    title: Text
    language: str
    root: str
    sources: dict[str, Source]
    glossary: dict[str, Term]
    world: World
    lives: dict[str, Life]
    translations: dict[str, Translation] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)  # every string id -> English
    fingerprint: str = ""

    def text(self, t: Text | None, lang: str | None = None) -> str:
        """The text to show: the translation for ``lang`` when there is one, else English."""
        if t is None:
            return ""
        if lang and lang != self.language:
            tr = self.translations.get(lang)
            if tr is not None:
                hit = tr.strings.get(t.id)
                if hit is not None:
                    return hit[0]
        if t.id.startswith("ui."):  # the engine's own words (a lone "Continue"): the interface's catalog
            from .. import i18n

            return i18n._(t.en)
        return t.en
