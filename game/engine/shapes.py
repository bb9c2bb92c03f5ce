"""The keys of every kind of object a story file holds, as data: the loader's allowed keys and the
JSON Schemas (``schema.py``) both come from here, so the two never drift apart.

Each ``Shape`` lists its keys in the order the loader names them in messages ("allowed keys: ...").
A key's ``type`` says how the loader reads it (see ``TYPES``); ``desc`` is the one line an editor
shows on hover. The checks themselves (ids that exist, expressions that type-check) stay in the
loader and the validator: a schema can only hold what one file says on its own.
Each effect kind declares the shape of its value in its own module (``effects/*.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ANSWERS, EVIDENCE, ICONS, LIST_KINDS, NODE_KINDS, SCREENS, TRUST

# How a value is read, and so what its schema is:
#   id      an id written here (lower-case letters, digits, _; starting with a letter)
#   ref     the id of something defined elsewhere in the story
#   ids     one id or a list of ids defined elsewhere
#   text    a displayed text (translated; must not be empty when required)
#   str     plain text, not translated
#   int, number, bool, enum (one of ``options``), date (YYYY-MM-DD), date_partial (or YYYY-MM, YYYY)
#   expr    an expression (see docs/story-format.md, Expressions)
#   file    a path relative to the manifest;  files  a list of them
#   items   a list of ``shape`` mappings;  map  one ``shape`` mapping
#   effects a list of effects;  variables  a life's variables;  questions  a list of texts
#   strings a translation's strings;  number_or_bool  a number or true/false
#   variable  a variable's name;  words  text that must be written (not a number, not empty)
TYPES = ("id", "ref", "ids", "text", "str", "int", "number", "bool", "enum", "date", "date_partial", "expr",
         "number_or_bool", "variable", "words",
         "file", "files", "items", "map", "effects", "variables", "questions", "strings")


@dataclass(frozen=True)
class Key:
    """One key of a mapping: how it is read, whether it must be there, and what it means."""

    name: str
    type: str
    desc: str
    required: bool = False
    options: tuple[str, ...] = ()  # for enum
    shape: str = ""  # for items and map: the name of the shape in SHAPES
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Shape:
    """A kind of mapping: its keys in the loader's order, and the name the loader's messages give it."""

    name: str
    what: str  # "a node": as the loader's messages name it
    desc: str
    keys: tuple[Key, ...]
    one_of: tuple[str, ...] = ()  # exactly one of these keys must be written
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a key that needs others with it
    # keys written only when another key has one of some values: ((keys), key, (values))
    only_when: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    @property
    def allowed(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)


@dataclass(frozen=True)
class Value:
    """What an effect kind's value may be: a short form (one scalar, read as the key ``short.name``),
    a mapping (``shape``), or both. ``set`` maps variable names to values (``assign``)."""

    desc: str
    short: Key | None = None
    shape: Shape | None = None
    assign: bool = False


def k(name: str, type_: str, desc: str, required: bool = False, **kw: object) -> Key:
    return Key(name, type_, desc, required, **kw)  # type: ignore[arg-type]


def req(name: str, type_: str, desc: str, **kw: object) -> Key:
    return k(name, type_, desc, True, **kw)


SOURCES_KEY = k("sources", "ids", "The sources that back this: ids from sources.yaml.")

_SHAPES = (
    # -- the manifest, sources, glossary, translations -------------------------------------------------
    Shape("manifest", "the manifest", "A story's manifest: its format version, languages and which files hold what.", (
        req("format", "int", "The story format version; the game refuses a newer one than it reads.", minimum=1),
        req("id", "id", "The story's id."),
        req("title", "text", "The story's title, as players see it."),
        k("language", "str", "The language the story is written in (the fallback), e.g. en."),
        k("translations", "ids", "Language codes; each needs lang/CODE/*.po or lang/CODE.yaml."),
        req("sources", "file", "The bibliography file, relative to this manifest."),
        k("glossary", "file", "The glossary file, relative to this manifest."),
        k("world", "files", "The world files (lists, services, procedures, schemes, places, illustrations)."),
        req("lives", "files", "One file per life, relative to this manifest."),
    )),
    Shape("sources_file", "the sources file", "The bibliography: every source cited anywhere in the story.", (
        req("sources", "items", "The sources, each with an id the story cites.", shape="source"),
    )),
    Shape("source", "a source", "One source: a published text the story's facts come from.", (
        req("id", "id", "The id the story cites this source by."),
        req("title", "text", "The source's title."),
        req("outlet", "text", "Where it was published (a newspaper, a court, a site); translated, so a "
                              "Chinese reader sees the outlet's established Chinese name where it has one."),
        k("author", "text", "Who wrote it (or \"translated by ...\"); translated like the outlet, names "
                            "kept in their usual form."),
        k("date", "date_partial", "When it was published: YYYY-MM-DD, or YYYY-MM or YYYY when that is all that "
                                  "is known."),
        k("url", "str", "Where to read it."),
        req("trust", "enum", "How far it can be trusted; a low-trust source backs only claims to check.",
            options=TRUST),
        k("note", "text", "A note on the source, shown with it."),
    )),
    Shape("glossary_file", "the glossary", "Terms explained, shared by all lives.", (
        req("terms", "items", "The terms.", shape="term"),
    )),
    Shape("term", "a glossary term", "One term and its explanation.", (
        req("id", "id", "The term's id."),
        req("term", "text", "The term as players see it."),
        k("chinese", "str", "The term in Chinese."),
        req("text", "text", "What the term means."),
        SOURCES_KEY,
    )),
    Shape("translation_file", "a translation file", "A translation kept as YAML: lang/CODE.yaml.", (
        req("language", "str", "The language code; it must match the file's name."),
        k("name", "str", "The language's name, as players choose it."),
        req("strings", "strings", "Each string id with its translation, or {text, from}."),
    )),
    Shape("translation_entry", "the translation of a string", "One string's translation.", (
        req("text", "str", "The translated text."),
        k("from", "str", "The hash of the English it translates (python -m game strings shows it)."),
    )),
    # -- world files -------------------------------------------------------------------------------
    Shape("world_file", "a world file", "A world file: any of lists, services, procedures, schemes, places, "
                                        "illustrations.", (
        k("lists", "items", "Blacklists and redlists.", shape="list"),
        k("services", "items", "Things a person may try to do.", shape="service"),
        k("procedures", "items", "Appeal procedures as steps with time limits.", shape="procedure"),
        k("schemes", "items", "Point schemes with grade bands.", shape="scheme"),
        k("places", "items", "Places for headings and the map.", shape="place"),
        k("illustrations", "items", "Scene pictures and portraits.", shape="illustration"),
    )),
    Shape("service", "a service", "Something a person may try to do; lists refuse or grant it.", (
        req("id", "id", "The service's id."),
        req("name", "text", "What the person tries to do, e.g. Buy a plane ticket."),
        req("icon", "enum", "The icon the game draws for it.", options=ICONS),
        k("requires", "expr", "An expression the service also needs to be true."),
        k("note", "text", "A note on the service, shown with it."),
        SOURCES_KEY,
    )),
    Shape("list", "a list", "A blacklist or redlist: who runs it, how one gets on and off, what it "
                            "restricts or grants.", (
        req("id", "id", "The list's id."),
        req("name", "text", "The list's full name."),
        k("short", "text", "The name with its article, used in messages: the court's list."),
        k("chinese", "str", "The list's name in Chinese."),
        req("kind", "enum", "blacklist or redlist.", options=LIST_KINDS),
        req("run_by", "text", "Who runs the list."),
        req("how_on", "text", "How a person is put on it."),
        req("how_off", "text", "How a person gets off it."),
        k("restricts", "ids", "Services refused while on this list (blacklists)."),
        k("grants", "ids", "Services a redlist makes available or easier."),
        k("procedure", "ref", "The appeal procedure for this list."),
        req("sources", "ids", "The sources that back this: ids from sources.yaml."),
    )),
    Shape("procedure", "a procedure", "An appeal procedure: steps with the time limits the rules set.", (
        req("id", "id", "The procedure's id."),
        req("name", "text", "The procedure's name."),
        req("steps", "items", "Its steps, in order.", shape="step"),
        SOURCES_KEY,
    )),
    Shape("step", "a procedure step", "One step of an appeal procedure.", (
        req("id", "id", "The step's id, unique in its procedure."),
        req("name", "text", "The step's name."),
        req("text", "text", "What happens at this step."),
        k("limit_days", "int", "The time limit the rules set, in days.", minimum=0),
    )),
    Shape("scheme", "a point scheme", "A point scheme: starting points and grade bands.", (
        req("id", "id", "The scheme's id."),
        req("name", "text", "The scheme's name."),
        req("start", "int", "The points a person starts with."),
        req("grades", "items", "The grades, highest first; a person has the first grade whose min they reach.",
            shape="grade"),
        k("note", "text", "A note on the scheme, shown with it."),
        req("sources", "ids", "The sources that back this: ids from sources.yaml."),
    )),
    Shape("grade", "a grade", "One grade band of a point scheme.", (
        req("id", "str", "The grade's name, e.g. AAA."),
        req("min", "int", "The fewest points that reach this grade."),
        k("press", "text", "How the press renders the grade, e.g. A+++."),
    )),
    Shape("place", "a place", "A place, for headings and the map.", (
        req("id", "id", "The place's id."),
        req("name", "text", "The place's name."),
        k("chinese", "str", "The place's name in Chinese."),
        req("lat", "number", "Latitude in degrees, -90 to 90.", minimum=-90, maximum=90),
        req("lon", "number", "Longitude in degrees, -180 to 180.", minimum=-180, maximum=180),
    )),
    Shape("illustration", "an illustration", "A scene picture or portrait and the words that stand for it.", (
        req("id", "id", "The illustration's id."),
        req("file", "str", "A bare file name (NAME.svg) in the game's assets/illustrations/ folder."),
        req("alt", "text", "What the picture shows, plain and short; read aloud and shown when it cannot be "
                           "drawn."),
        SOURCES_KEY,
        k("note", "str", "A note for authors; never shown."),
    )),
    # -- lives -------------------------------------------------------------------------------------
    Shape("life", "a life", "One life: who the player is, where and when, and the nodes of their story.", (
        req("id", "id", "The life's id."),
        req("title", "text", "The life's title."),
        req("player", "text", "Who the player is."),
        req("place", "ref", "The place where the life starts."),
        req("date", "date", "The in-story start date, YYYY-MM-DD."),
        req("period", "text", "Place and time as shown to players."),
        req("summary", "text", "One line on what happens."),
        req("content_note", "text", "What the life holds that a player may want to know first."),
        req("minutes", "int", "Estimated minutes for one run.", minimum=1),
        k("scheme", "ref", "The point scheme that applies."),
        k("portrait", "ref", "An illustration id, shown on Choose a life."),
        k("variables", "variables", "Declared variables: a number, true/false, or {initial, label, unit, show}."),
        req("start", "ref", "The first node."),
        k("short", "map", "The short (kiosk) path.", shape="short_path"),
        k("chapters", "items", "Starting points for teachers.", shape="chapter"),
        req("nodes", "items", "The life's nodes.", shape="node"),
        k("debriefs", "items", "What really happened, told after an ending.", shape="debrief"),
    )),
    Shape("variable", "a variable", "A declared variable.", (
        req("initial", "number_or_bool", "Its value at the start: a number or true/false."),
        k("label", "text", "Its name as shown when it changes."),
        k("unit", "text", "Its unit, e.g. yuan."),
        k("show", "bool", "Show a line when it changes."),
    )),
    Shape("short_path", "the short path", "The short (kiosk) path.", (
        req("start", "ref", "The short path's first node."),
        req("minutes", "int", "Estimated minutes for the short path.", minimum=1),
    )),
    Shape("chapter", "a chapter", "A starting point for teachers.", (
        req("id", "id", "The chapter's id."),
        req("title", "text", "The chapter's title."),
        req("node", "ref", "The node it starts at."),
        k("setup", "effects", "Effects applied before starting there."),
    )),
    Shape("node", "a node", "One screen of the story. It has exactly one way on: choices, next or ending.", (
        req("id", "id", "The node's id, unique in its life."),
        req("kind", "enum", "narration, dialogue, system or document.", options=NODE_KINDS),
        k("screen", "enum", "System and document nodes only: the screen's look.", options=SCREENS),
        k("title", "text", "System and document nodes only: the screen's heading."),
        k("shows_grade", "bool", "System and document nodes only: show the scheme's grade as a badge."),
        k("speaker", "text", "Who speaks; dialogue nodes should have one."),
        k("place", "ref", "The player is now here (heading and map)."),
        k("illustration", "ref", "An illustration id: the scene's picture."),
        req("evidence", "enum", "documented, reported or dramatized: how far the sources back this node.",
            options=EVIDENCE),
        SOURCES_KEY,
        req("text", "text", "What the screen says."),
        k("effects", "effects", "Effects applied when the node is entered, before its text is shown."),
        k("choices", "items", "The player's options.", shape="choice"),
        k("next", "ref", "With no choices: the node a single Continue leads to."),
        k("ending", "map", "This node ends the life.", shape="ending"),
    ), one_of=("choices", "next", "ending"),
       only_when=((("screen", "title", "shows_grade"), "kind", ("system", "document")),)),
    Shape("ending", "an ending", "How the life ends here.", (
        req("title", "text", "The ending's title."),
        req("debrief", "ref", "A debrief id of this life."),
    )),
    Shape("choice", "a choice", "One of the player's options.", (
        k("id", "id", "The choice's id; defaults to the target node's id; unique in its node."),
        req("label", "text", "What the player chooses."),
        k("if", "expr", "The choice is enabled only when this expression is true."),
        k("reason", "text", "Shown when 'if' is false (the choice is then shown disabled, not hidden)."),
        k("effects", "effects", "Effects applied in order when chosen, before the attempt."),
        k("attempt", "ref", "Try a service; needs 'refused'."),
        req("to", "ref", "Where the choice leads (when the attempt is allowed)."),
        k("refused", "ref", "With attempt: where a refused attempt leads."),
    ), needs={"attempt": ("refused",), "refused": ("attempt",), "reason": ("if",)}),
    Shape("debrief", "a debrief", "What really happened, what is not known, and what was invented.", (
        req("id", "id", "The debrief's id; endings name it."),
        req("what_happened", "map", "What really happened.", shape="section"),
        k("not_known", "map", "What is not known.", shape="section"),
        k("dramatized", "map", "What the story invented.", shape="section"),
        k("myths", "items", "Myth-or-fact items.", shape="myth"),
        k("questions", "questions", "Questions for discussion."),
        SOURCES_KEY,
    )),
    Shape("section", "a debrief section", "One part of a debrief.", (
        req("text", "text", "The section's text."),
        SOURCES_KEY,
    )),
    Shape("myth", "a myth-or-fact item", "A claim to check, and whether it is a myth, a fact or mixed.", (
        req("id", "id", "The item's id."),
        req("claim", "text", "The claim, as people make it."),
        req("answer", "enum", "myth, fact or mixed.", options=ANSWERS),
        req("explanation", "text", "Why, with what the sources say."),
        req("sources", "ids", "The sources that back this: ids from sources.yaml."),
    )),
)

SHAPES: dict[str, Shape] = {s.name: s for s in _SHAPES}


def allowed(name: str) -> tuple[str, ...]:
    """The keys a ``name`` mapping may hold, in the loader's order."""
    return _ALLOWED[name]


_ALLOWED: dict[str, tuple[str, ...]] = {s.name: s.allowed for s in _SHAPES}


def shape(name: str, what: str, desc: str, *keys: Key, **kw: object) -> Shape:
    """A shape defined outside this module (an effect kind's mapping)."""
    return Shape(name, what, desc, keys, **kw)  # type: ignore[arg-type]
