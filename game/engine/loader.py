"""Loads a story folder into the model, reporting every shape problem with its location.

The loader checks each file's shape (keys, types, required fields, ids) and parses expressions. It
records every cross-reference and expression with its location so the validator can check them
against the whole story afterwards. It never raises on bad input: problems go to the report.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import hashlib
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import effects
from . import expr as ex
from .diagnostics import Report
from .fields import MISSING, Fields, type_name
from .model import (
    ANSWERS,
    EVIDENCE,
    ICONS,
    LIST_KINDS,
    NODE_KINDS,
    SCREENS,
    TRUST,
    Chapter,
    Choice,
    Debrief,
    Effect,
    Ending,
    Grade,
    Life,
    ListDef,
    Loc,
    Myth,
    Node,
    Place,
    Procedure,
    Scheme,
    Section,
    Service,
    ShortPath,
    Source,
    Step,
    Story,
    Term,
    Text,
    Translation,
    Variable,
    World,
)
from .parsecache import ParseCache
from .yamlsafe import YMap, YSeq, parse_text, read_text

FORMAT_VERSION = 1
MANIFEST = "story.yaml"
_CHOICE_KEYS = ("id", "label", "if", "reason", "effects", "attempt", "to", "refused")
_NODE_KEYS = ("id", "kind", "screen", "title", "shows_grade", "speaker", "place", "evidence", "sources", "text",
              "effects", "choices", "next", "ending")


class Ref(NamedTuple):
    """A reference to an id, checked by the validator. ``life`` scopes node and variable ids."""

    kind: str  # node, list, service, source, place, procedure, step, grade, scheme, debrief, variable
    id: str
    loc: Loc
    life: str = ""
    extra: str = ""  # e.g. the procedure a step belongs to


class ExprSite(NamedTuple):
    """An expression to type-check: where it is, in which life, and the type it must have."""

    src: str
    tree: Any
    loc: Loc
    life: str
    want: str  # expr.BOOL or expr.NUM/... ("" means any)
    var: str = ""  # for `set`: the variable being assigned


@dataclass
class LoadResult:
    story: Story | None
    report: Report
    refs: list[Ref] = field(default_factory=list)
    exprs: list[ExprSite] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    text_locs: dict[str, Loc] = field(default_factory=dict)
    translation_locs: dict[str, dict[str, Loc]] = field(default_factory=dict)


def _hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


class _Loader:
    def __init__(self, root: Path, report: Report, parse_cache: ParseCache | None = None) -> None:
        self.parse_cache = parse_cache
        self.root = root
        self.report = report
        self.refs: list[Ref] = []
        self.exprs: list[ExprSite] = []
        self.files: list[Path] = []
        self.strings: dict[str, str] = {}
        self.text_locs: dict[str, Loc] = {}
        self.translation_locs: dict[str, dict[str, Loc]] = {}

    # -- helpers ---------------------------------------------------------------------------------
    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def read(self, rel: str, where: Loc | None = None) -> tuple[YMap, str] | None:
        path = (self.root / rel)
        shown = self.shown(path)
        if not path.is_file():
            if where is not None:
                self.report.add(where.file, where.line, where.col, "E007", f"'{rel}' does not exist")
            else:
                self.report.add(shown, 1, 1, "E007", "file not found")
            return None
        self.files.append(path)
        text = read_text(path, self.report, shown)
        if text is None:
            return None
        cache = self.parse_cache
        data = cache.get(text) if cache is not None else None
        if data is None:
            reported = len(self.report.items)
            data = parse_text(text, shown, self.report)
            if data is not None and cache is not None and len(self.report.items) == reported:
                cache.put(text, data)  # only clean parses: a cached file reports nothing
        return (data, shown) if data is not None else None

    def text(self, f: Fields, key: str, sid: str, required: bool = False) -> Text | None:
        """A displayed text, recorded in the string table with where it was written."""
        t = f.text(key, sid, required)
        if t is not None:
            self.strings[sid] = t.en
            self.text_locs[sid] = f.loc(key)
        return t

    def req_text(self, f: Fields, key: str, sid: str) -> Text:
        # An empty required text is reported by ``text`` and is not a string to translate.
        return self.text(f, key, sid, required=True) or Text(sid, "")

    def ids(self, f: Fields, key: str, kind: str, life: str = "", required: bool = False) -> list[str]:
        out = []
        for value, loc in f.id_list(key, required):
            self.refs.append(Ref(kind, value, loc, life, ""))
            out.append(value)
        return out

    def ref(self, f: Fields, key: str, kind: str, life: str = "", required: bool = False) -> str:
        value = f.str(key, required)
        if value:
            self.refs.append(Ref(kind, value, f.loc(key), life))
        return value

    def expression(self, src: Any, loc: Loc, life: str, want: str, var: str = "") -> Any:
        if not isinstance(src, str):
            self.report.add(loc.file, loc.line, loc.col, "E102", "an expression should be text")
            return None
        try:
            tree = ex.parse(src)
        except ex.ExprError as exc:
            self.report.add(loc.file, loc.line, loc.col, exc.code,
                            f"in expression \"{src}\" at character {exc.offset + 1}: {exc.message}")
            return None
        self.exprs.append(ExprSite(src, tree, loc, life, want, var))
        return tree

    def unique(self, seen: dict[str, Loc], ident: str, loc: Loc, what: str) -> bool:
        if not ident:
            return False
        if ident in seen:
            first = seen[ident]
            self.report.add(loc.file, loc.line, loc.col, "E105",
                            f"duplicate {what} id '{ident}' (first defined at {first.file}:{first.line})")
            return False
        seen[ident] = loc
        return True

    # -- manifest --------------------------------------------------------------------------------
    def load(self) -> Story | None:
        got = self.read(MANIFEST)
        if got is None:
            return None
        data, shown = got
        f = Fields(data, shown, self.report,
                   ("format", "id", "title", "language", "translations", "sources", "glossary", "world", "lives"),
                   "the manifest")
        version = f.int("format", required=True)
        if version and version > FORMAT_VERSION:
            f.error("format", "E009", f"this story uses format {version}; this version of the game reads "
                                      f"format {FORMAT_VERSION} or older. Update the game.")
            return None
        if version is not None and version < 1 and f.has("format"):
            f.error("format", "E009", f"format {version} is not a known story format")
        story_id = f.ident("id", required=True)
        title = self.req_text(f, "title", "story.title")
        language = f.str("language", default="en")

        sources = self.load_sources(f.str("sources", required=True), f.loc("sources"))
        glossary = self.load_glossary(f.str("glossary"), f.loc("glossary")) if f.has("glossary") else {}
        world = World()
        seen: dict[str, dict[str, Loc]] = {k: {} for k in ("lists", "services", "procedures", "schemes", "places")}
        seq = f.seq("world")
        for i, rel in enumerate(seq):
            line, col = seq.where(i)
            if isinstance(rel, str):
                self.load_world(rel, Loc(shown, line, col), world, seen)
            else:
                self.report.add(shown, line, col, "E102", "each world file should be a file path")
        lives: dict[str, Life] = {}
        life_locs: dict[str, Loc] = {}
        seq = f.seq("lives", required=True)
        for i, rel in enumerate(seq):
            line, col = seq.where(i)
            if not isinstance(rel, str):
                self.report.add(shown, line, col, "E102", "each life should be a file path")
                continue
            life = self.load_life(rel, Loc(shown, line, col))
            if life is not None and self.unique(life_locs, life.id, life.loc, "life"):
                lives[life.id] = life
        translations: dict[str, Translation] = {}
        for lang, loc in f.id_list("translations"):
            tr = self.load_translation(lang, loc)
            if tr is not None:
                translations[lang] = tr
        fingerprint = hashlib.sha256()
        for p in sorted(self.files):
            try:
                fingerprint.update(p.read_bytes())
            except OSError:
                pass
        return Story(id=story_id, title=title, language=language, root=str(self.root), sources=sources,
                     glossary=glossary, world=world, lives=lives, translations=translations,
                     strings=self.strings, fingerprint=fingerprint.hexdigest())

    # -- sources and glossary ----------------------------------------------------------------------
    def load_sources(self, rel: str, where: Loc) -> dict[str, Source]:
        out: dict[str, Source] = {}
        if not rel:
            return out
        got = self.read(rel, where)
        if got is None:
            return out
        data, shown = got
        top = Fields(data, shown, self.report, ("sources",), "the sources file")
        seen: dict[str, Loc] = {}
        for item, loc in top.items("sources", "source", required=True):
            f = Fields(item, shown, self.report,
                       ("id", "title", "outlet", "author", "date", "url", "trust", "note"), "a source")
            sid = f.ident("id", required=True)
            src = Source(id=sid, title=self.req_text(f, "title", f"source.{sid}.title"),
                         outlet=f.str("outlet", required=True),
                         trust=f.enum("trust", TRUST, required=True, default="low"),
                         author=f.str("author"), date=f.date("date", full=False), url=f.str("url"),
                         note=self.text(f, "note", f"source.{sid}.note"), loc=loc)
            if self.unique(seen, sid, loc, "source"):
                out[sid] = src
        return out

    def load_glossary(self, rel: str, where: Loc) -> dict[str, Term]:
        out: dict[str, Term] = {}
        got = self.read(rel, where)
        if got is None:
            return out
        data, shown = got
        top = Fields(data, shown, self.report, ("terms",), "the glossary")
        seen: dict[str, Loc] = {}
        for item, loc in top.items("terms", "term", required=True):
            f = Fields(item, shown, self.report, ("id", "term", "chinese", "text", "sources"), "a glossary term")
            tid = f.ident("id", required=True)
            term = Term(id=tid, term=self.req_text(f, "term", f"term.{tid}.term"),
                        text=self.req_text(f, "text", f"term.{tid}.text"), chinese=f.str("chinese"),
                        sources=self.ids(f, "sources", "source"), loc=loc)
            if self.unique(seen, tid, loc, "glossary term"):
                out[tid] = term
        return out

    # -- world -----------------------------------------------------------------------------------
    def load_world(self, rel: str, where: Loc, world: World, seen: dict[str, dict[str, Loc]]) -> None:
        got = self.read(rel, where)
        if got is None:
            return
        data, shown = got
        top = Fields(data, shown, self.report, ("lists", "services", "procedures", "schemes", "places"),
                     "a world file")
        for item, loc in top.items("services", "service"):
            f = Fields(item, shown, self.report, ("id", "name", "icon", "requires", "note", "sources"), "a service")
            sid = f.ident("id", required=True)
            req_src = f.str("requires")
            svc = Service(id=sid, name=self.req_text(f, "name", f"service.{sid}.name"),
                          icon=f.enum("icon", ICONS, required=True, default="star"),
                          requires=self.expression(req_src, f.loc("requires"), "", ex.BOOL) if req_src else None,
                          requires_src=req_src, note=self.text(f, "note", f"service.{sid}.note"),
                          sources=self.ids(f, "sources", "source"), loc=loc)
            if self.unique(seen["services"], sid, loc, "service"):
                world.services[sid] = svc
        for item, loc in top.items("lists", "list"):
            f = Fields(item, shown, self.report,
                       ("id", "name", "short", "chinese", "kind", "run_by", "how_on", "how_off", "restricts",
                        "grants", "procedure", "sources"), "a list")
            lid = f.ident("id", required=True)
            name = self.req_text(f, "name", f"list.{lid}.name")
            lst = ListDef(id=lid, name=name, short=self.text(f, "short", f"list.{lid}.short") or name,
                          kind=f.enum("kind", LIST_KINDS, required=True, default="blacklist"),
                          run_by=self.req_text(f, "run_by", f"list.{lid}.run_by"),
                          how_on=self.req_text(f, "how_on", f"list.{lid}.how_on"),
                          how_off=self.req_text(f, "how_off", f"list.{lid}.how_off"),
                          chinese=f.str("chinese"), restricts=self.ids(f, "restricts", "service"),
                          grants=self.ids(f, "grants", "service"), procedure=self.ref(f, "procedure", "procedure"),
                          sources=self.ids(f, "sources", "source", required=True), loc=loc)
            if self.unique(seen["lists"], lid, loc, "list"):
                world.lists[lid] = lst
        for item, loc in top.items("procedures", "procedure"):
            f = Fields(item, shown, self.report, ("id", "name", "steps", "sources"), "a procedure")
            pid = f.ident("id", required=True)
            steps: list[Step] = []
            step_seen: dict[str, Loc] = {}
            for sitem, sloc in f.items("steps", "step", required=True):
                sf = Fields(sitem, shown, self.report, ("id", "name", "text", "limit_days"), "a procedure step")
                st = sf.ident("id", required=True)
                step = Step(id=st, name=self.req_text(sf, "name", f"procedure.{pid}.step.{st}.name"),
                            text=self.req_text(sf, "text", f"procedure.{pid}.step.{st}.text"),
                            limit_days=sf.int("limit_days", minimum=0) if sf.has("limit_days") else None)
                if self.unique(step_seen, st, sloc, "step"):
                    steps.append(step)
            proc = Procedure(id=pid, name=self.req_text(f, "name", f"procedure.{pid}.name"), steps=steps,
                             sources=self.ids(f, "sources", "source"), loc=loc)
            if self.unique(seen["procedures"], pid, loc, "procedure"):
                world.procedures[pid] = proc
        for item, loc in top.items("schemes", "point scheme"):
            f = Fields(item, shown, self.report, ("id", "name", "start", "grades", "note", "sources"), "a point scheme")
            scid = f.ident("id", required=True)
            grades: list[Grade] = []
            grade_seen: dict[str, Loc] = {}
            for gitem, gloc in f.items("grades", "grade", required=True):
                gf = Fields(gitem, shown, self.report, ("id", "min", "press"), "a grade")
                gid = gf.str("id", required=True)
                g = Grade(id=gid, min=gf.int("min", required=True),
                          press=self.text(gf, "press", f"scheme.{scid}.grade.{gid}.press"))
                if grades and g.min >= grades[-1].min:
                    gf.error("min", "E104", f"grades go highest first: {gid} ({g.min}) must be below "
                                            f"{grades[-1].id} ({grades[-1].min})")
                if self.unique(grade_seen, gid, gloc, "grade"):
                    grades.append(g)
            sch = Scheme(id=scid, name=self.req_text(f, "name", f"scheme.{scid}.name"),
                         start=f.int("start", required=True), grades=grades,
                         note=self.text(f, "note", f"scheme.{scid}.note"),
                         sources=self.ids(f, "sources", "source", required=True), loc=loc)
            if self.unique(seen["schemes"], scid, loc, "scheme"):
                world.schemes[scid] = sch
        for item, loc in top.items("places", "place"):
            f = Fields(item, shown, self.report, ("id", "name", "chinese", "lat", "lon"), "a place")
            plid = f.ident("id", required=True)
            lat, lon = f.number("lat", required=True), f.number("lon", required=True)
            if not -90 <= lat <= 90:
                f.error("lat", "E104", "latitude must be between -90 and 90")
            if not -180 <= lon <= 180:
                f.error("lon", "E104", "longitude must be between -180 and 180")
            place = Place(id=plid, name=self.req_text(f, "name", f"place.{plid}.name"), lat=lat, lon=lon,
                          chinese=f.str("chinese"), loc=loc)
            if self.unique(seen["places"], plid, loc, "place"):
                world.places[plid] = place

    # -- lives -----------------------------------------------------------------------------------
    def load_life(self, rel: str, where: Loc) -> Life | None:
        got = self.read(rel, where)
        if got is None:
            return None
        data, shown = got
        f = Fields(data, shown, self.report,
                   ("id", "title", "player", "place", "date", "period", "summary", "content_note", "minutes",
                    "scheme", "variables", "start", "short", "chapters", "nodes", "debriefs"), "a life")
        lid = f.ident("id", required=True) or Path(rel).stem
        life_loc = f.loc()
        t = lambda key: self.req_text(f, key, f"{lid}.{key}")  # noqa: E731
        variables: dict[str, Variable] = {}
        vmap = f.mapping("variables")
        if vmap is not None:
            for name, spec in vmap.items():
                vline, vcol = vmap.where(name)
                vloc = Loc(shown, vline, vcol)
                if not ex.ID_NAME.match(name) or name in ex.RESERVED:
                    self.report.add(shown, *vmap.where_key(name), "E104",
                                    f"'{name}' cannot be a variable name (it is reserved or not a valid name)")
                    continue
                if not isinstance(spec, YMap):
                    if isinstance(spec, (bool, int)) or isinstance(spec, float) and math.isfinite(spec):
                        variables[name] = Variable(name, spec)
                    else:
                        self.report.add(shown, vloc.line, vloc.col, "E102",
                                        f"variable '{name}' should be a number, true/false, "
                                        "or a mapping with 'initial'")
                    continue
                vf = Fields(spec, shown, self.report, ("initial", "label", "unit", "show"), f"variable '{name}'")
                init = vf.raw("initial", required=True)
                if isinstance(init, float) and not math.isfinite(init):
                    vf.error("initial", "E104", f"'initial' must be a finite number, not {init}")
                    init = 0
                elif not isinstance(init, (bool, int, float)):
                    if init is not MISSING:
                        vf.error("initial", "E102",
                                 f"'initial' should be a number or true/false, not {type_name(init)}")
                    init = 0
                variables[name] = Variable(name, init, label=self.text(vf, "label", f"{lid}.var.{name}.label"),
                                           unit=self.text(vf, "unit", f"{lid}.var.{name}.unit"),
                                           show=vf.bool("show"))
        nodes: dict[str, Node] = {}
        node_seen: dict[str, Loc] = {}
        for item, loc in f.items("nodes", "node", required=True):
            node = self.load_node(item, loc, shown, lid)
            # The model keeps nothing of the YAML values but text, so each node's values are let go
            # once it is read: the memory is reused for the next nodes instead of growing by the
            # whole file.
            item.clear()
            item.locs.clear()
            if self.unique(node_seen, node.id, loc, "node"):
                nodes[node.id] = node
        debriefs: dict[str, Debrief] = {}
        db_seen: dict[str, Loc] = {}
        for item, loc in f.items("debriefs", "debrief"):
            d = self.load_debrief(item, loc, shown, lid)
            if self.unique(db_seen, d.id, loc, "debrief"):
                debriefs[d.id] = d
        short = None
        smap = f.mapping("short")
        if smap is not None:
            sf = Fields(smap, shown, self.report, ("start", "minutes"), "the short path")
            short = ShortPath(start=self.ref(sf, "start", "node", lid, required=True),
                              minutes=sf.int("minutes", required=True, minimum=1))
        chapters: list[Chapter] = []
        ch_seen: dict[str, Loc] = {}
        for item, loc in f.items("chapters", "chapter"):
            cf = Fields(item, shown, self.report, ("id", "title", "node", "setup"), "a chapter")
            cid = cf.ident("id", required=True)
            ch = Chapter(id=cid, title=self.req_text(cf, "title", f"{lid}.ch.{cid}.title"),
                         node=self.ref(cf, "node", "node", lid, required=True),
                         setup=self.effects(cf, "setup", shown, lid, f"{lid}.ch.{cid}"), loc=loc)
            if self.unique(ch_seen, cid, loc, "chapter"):
                chapters.append(ch)
        scheme = self.ref(f, "scheme", "scheme")
        life = Life(id=lid, title=t("title"), player=t("player"), place=self.ref(f, "place", "place", required=True),
                    date=f.date("date", required=True), period=t("period"), summary=t("summary"),
                    content_note=t("content_note"), minutes=f.int("minutes", required=True, minimum=1),
                    start=self.ref(f, "start", "node", lid, required=True), nodes=nodes, debriefs=debriefs,
                    variables=variables, scheme=scheme, short=short, chapters=chapters, file=shown, loc=life_loc)
        return life

    def load_node(self, item: YMap, loc: Loc, shown: str, lid: str) -> Node:
        f = Fields(item, shown, self.report, _NODE_KEYS, "a node")
        node = self.node_fields(f, item, loc, lid)
        nid = node.id
        prefix = f"{lid}.n.{nid}"
        has = item.__contains__
        node.effects = self.effects(f, "effects", shown, lid, prefix)
        seen = {}
        for citem, cloc in f.items("choices", "choice"):
            self.add_choice(node, self.load_choice(citem, cloc, shown, lid, prefix), cloc, seen)
        if f.has("choices") and not node.choices and isinstance(item.get("choices"), list):
            f.error("choices", "E202", f"node '{nid}' has an empty list of choices")
        node.next = self.ref(f, "next", "node", lid) if has("next") else ""
        emap = f.mapping("ending") if has("ending") else None
        if emap is not None:
            ef = Fields(emap, shown, self.report, ("title", "debrief"), "an ending")
            node.ending = Ending(title=self.req_text(ef, "title", f"{prefix}.ending.title"),
                                 debrief=ef.str("debrief"))
            if node.ending.debrief:
                self.refs.append(Ref("debrief", node.ending.debrief, ef.loc("debrief"), lid))
            else:
                ef.error(None, "E203", f"ending '{nid}' has no debrief: add 'debrief: ID'")
        ways = ((1 if node.choices or f.has("choices") else 0) + (1 if node.next or f.has("next") else 0)
                + (emap is not None))
        if ways == 0:
            f.error(None, "E202", f"node '{nid}' is a dead end: give it choices, next, or ending")
        elif ways > 1:
            f.error(None, "E104", f"node '{nid}' must have only one of choices, next or ending")
        return node

    def add_choice(self, node: Node, choice: Choice, loc: Loc, seen: dict[str, Loc]) -> None:
        """Add ``choice`` to ``node`` unless the node already has a choice with its id."""
        if choice.id in seen:
            self.report.add(loc.file, loc.line, loc.col, "E105",
                            f"duplicate choice id '{choice.id}' in node '{node.id}' (give each choice its own 'id')")
            return
        seen[choice.id] = loc
        node.choices.append(choice)

    def node_fields(self, f: Fields, item: YMap, loc: Loc, lid: str) -> Node:
        """A node's own fields (not its effects, choices or way on), each read and checked in turn."""
        nid = f.ident("id", required=True)
        prefix = f"{lid}.n.{nid}"
        kind = f.enum("kind", NODE_KINDS, required=True, default="narration")
        # Optional keys are read only when written: a large story has tens of thousands of nodes.
        has = item.__contains__
        screen = f.enum("screen", SCREENS) if has("screen") else ""
        if kind not in ("system", "document"):
            for key in ("screen", "title", "shows_grade"):
                if f.has(key):
                    f.error(key, "E104", f"'{key}' is only for system and document nodes")
        return Node(id=nid, kind=kind, evidence=f.enum("evidence", EVIDENCE, required=True, default="dramatized"),
                    text=self.req_text(f, "text", f"{prefix}.text"),
                    sources=self.ids(f, "sources", "source") if has("sources") else [], screen=screen,
                    speaker=self.text(f, "speaker", f"{prefix}.speaker") if has("speaker") else None,
                    title=self.text(f, "title", f"{prefix}.title") if has("title") else None,
                    shows_grade=f.bool("shows_grade") if has("shows_grade") else False,
                    place=self.ref(f, "place", "place") if has("place") else "", loc=loc)

    def load_choice(self, item: YMap, loc: Loc, shown: str, lid: str, prefix: str) -> Choice:
        f = Fields(item, shown, self.report, _CHOICE_KEYS, "a choice")
        has = item.__contains__  # optional keys are read only when written
        to = self.ref(f, "to", "node", lid, required=True)
        cid = f.ident("id") or to
        cp = f"{prefix}.c.{cid}"
        cond_src = f.str("if") if has("if") else ""
        cond = self.expression(cond_src, f.loc("if"), lid, ex.BOOL) if cond_src else None
        choice = Choice(id=cid, label=self.req_text(f, "label", f"{cp}.label"), to=to, cond=cond, cond_src=cond_src,
                        reason=self.text(f, "reason", f"{cp}.reason") if has("reason") else None,
                        effects=self.effects(f, "effects", shown, lid, cp),
                        attempt=self.ref(f, "attempt", "service") if has("attempt") else "",
                        refused=self.ref(f, "refused", "node", lid) if has("refused") else "", loc=loc)
        if choice.attempt and not choice.refused:
            f.error("attempt", "E103", f"choice '{cid}' attempts a service but has no 'refused:' node")
        if choice.refused and not choice.attempt:
            f.error("refused", "E104", f"choice '{cid}' has 'refused:' but no 'attempt:'")
        if choice.reason and not cond_src:
            f.error("reason", "E104", f"choice '{cid}' has a 'reason' but no 'if' condition")
        return choice

    def effects(self, f: Fields, key: str, shown: str, lid: str, prefix: str) -> list[Effect]:
        seq = f.data.get(key)
        if seq is None:
            return []
        if type(seq) is not YSeq:
            seq = f.seq(key)  # reports what it is instead, and gives an empty list
        return self.effect_list(seq, shown, lid, prefix)

    def effect_list(self, seq: YSeq, shown: str, lid: str, prefix: str) -> list[Effect]:
        out: list[Effect] = []
        for i, (item, (line, col)) in enumerate(zip(seq, seq.item_pos)):
            if type(item) is not YMap or len(item) != 1:
                self.report.add(shown, line, col, "E102", "each effect should be a single 'kind: value' mapping, "
                                                          f"one of {', '.join(effects.NAMES)}")
                continue
            for kind, value in item.items():  # the only entry
                at = item.locs[kind]
                eff = self.effect(kind, value, Loc(shown, at[2], at[3]), item, shown, lid,
                                  f"{prefix}.e.{i}")
                if eff is not None:
                    out.append(eff)
        return out

    def effect(self, kind: str, value: Any, loc: Loc, item: YMap, shown: str, lid: str, ep: str) -> Effect | None:
        if kind not in effects.KINDS:
            hint = difflib.get_close_matches(kind, effects.NAMES, n=1, cutoff=0.6)
            kl, kc = item.where_key(kind)
            tail = f"; did you mean '{hint[0]}'?" if hint else f"; use one of {', '.join(effects.NAMES)}"
            self.report.add(shown, kl, kc, "E101", f"unknown effect '{kind}'{tail}")
            return None
        return effects.read(effects.Site(kind, value, loc, item, ep, lid, self))

    # -- what an effect's reader may ask (effects.base.Reader) ----------------------------------------
    def refer(self, kind: str, ident: str, loc: Loc, life: str = "", extra: str = "") -> None:
        """Record a reference for the validator to check against the whole story."""
        self.refs.append(Ref(kind, ident, loc, life, extra))

    def constant(self, src: str, tree: Any, loc: Loc, life: str, var: str) -> None:
        """Record a literal assigned to ``var``, so the validator checks it against the variable's type."""
        self.exprs.append(ExprSite(src, tree, loc, life, "", var))

    def own_text(self, sid: str, en: str, loc: Loc) -> Text:
        """A displayed text that is a whole value (a journal entry), recorded in the string table."""
        self.strings[sid] = en
        self.text_locs[sid] = loc
        return Text(sid, en)

    def load_debrief(self, item: YMap, loc: Loc, shown: str, lid: str) -> Debrief:
        f = Fields(item, shown, self.report,
                   ("id", "what_happened", "not_known", "dramatized", "myths", "questions", "sources"), "a debrief")
        did = f.ident("id", required=True)
        dp = f"{lid}.d.{did}"

        def section(key: str, required: bool) -> Section | None:
            m = f.mapping(key, required)
            if m is None:
                return None
            sf = Fields(m, shown, self.report, ("text", "sources"), f"the debrief's '{key}'")
            return Section(self.req_text(sf, "text", f"{dp}.{key}"), self.ids(sf, "sources", "source"))

        myths: list[Myth] = []
        myth_seen: dict[str, Loc] = {}
        for mitem, mloc in f.items("myths", "myth-or-fact item"):
            mf = Fields(mitem, shown, self.report, ("id", "claim", "answer", "explanation", "sources"),
                        "a myth-or-fact item")
            mid = mf.ident("id", required=True)
            m = Myth(id=mid, claim=self.req_text(mf, "claim", f"{dp}.myth.{mid}.claim"),
                     answer=mf.enum("answer", ANSWERS, required=True, default="mixed"),
                     explanation=self.req_text(mf, "explanation", f"{dp}.myth.{mid}.explanation"),
                     sources=self.ids(mf, "sources", "source", required=True))
            if self.unique(myth_seen, mid, mloc, "myth"):
                myths.append(m)
        questions: list[Text] = []
        qseq = f.seq("questions")
        for i, q in enumerate(qseq):
            if not isinstance(q, str) or not q.strip():
                line, col = qseq.where(i)
                self.report.add(shown, line, col, "E102", "each question should be text")
                continue
            t = Text(f"{dp}.q.{i + 1}", q.strip())
            self.strings[t.id] = t.en
            self.text_locs[t.id] = Loc(shown, *qseq.where(i))
            questions.append(t)
        return Debrief(id=did, what_happened=section("what_happened", True) or Section(Text(f"{dp}.what_happened", "")),
                       not_known=section("not_known", False), dramatized=section("dramatized", False),
                       myths=myths, questions=questions, sources=self.ids(f, "sources", "source"), loc=loc)

    # -- translations ------------------------------------------------------------------------------
    def load_translation(self, lang: str, where: Loc) -> Translation | None:
        got = self.read(f"lang/{lang}.yaml", where)
        if got is None:
            return None
        data, shown = got
        f = Fields(data, shown, self.report, ("language", "name", "strings"), "a translation file")
        if f.str("language", required=True) not in ("", lang):
            f.error("language", "E104", f"this file is lang/{lang}.yaml but says language '{data.get('language')}'")
        strings: dict[str, tuple[str, str]] = {}
        smap = f.mapping("strings", required=True)
        locs: dict[str, Loc] = {}
        if smap is not None:
            for sid, entry in smap.items():
                line, col = smap.where(sid)
                if isinstance(entry, str):
                    strings[sid] = (entry, "")
                elif isinstance(entry, YMap):
                    ef = Fields(entry, shown, self.report, ("text", "from"), f"the translation of '{sid}'")
                    strings[sid] = (ef.str("text", required=True), ef.str("from"))
                else:
                    self.report.add(shown, line, col, "E102", f"the translation of '{sid}' should be text")
                    continue
                locs[sid] = Loc(shown, *smap.where_key(sid))
        tr = Translation(language=lang, name=f.str("name") or lang, strings=strings, file=shown)
        self.translation_locs[lang] = locs
        return tr


def load_story(path: str | Path, parse_cache: ParseCache | None = None) -> LoadResult:
    """Load the story whose manifest is ``path`` (a folder holding story.yaml, or the file itself).

    With a ``parse_cache``, a file whose text was parsed before is taken from it instead.
    """
    p = Path(path)
    root = p.parent if p.is_file() else p
    report = Report()
    loader = _Loader(root.resolve(), report, parse_cache)
    with gc_paused():
        story = loader.load()
    return LoadResult(story, report, loader.refs, loader.exprs, loader.files, loader.text_locs,
                      loader.translation_locs)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects.

    Loading creates hundreds of thousands of objects that all survive, so every automatic
    collection during it is wasted work (about 40% of a 10,000-node load here). Loading makes
    no reference cycles that need collecting, and the collector's previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What was built lives long: move it straight to the oldest generation, as two young
            # collections would, without walking hundreds of thousands of objects twice to get
            # there. Nothing leaves the collector's sight: unfreeze() hands everything back.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def text_hash(text: str) -> str:
    """The short hash a translation's ``from`` field records of the English it translates."""
    return _hash_text(text)


__all__ = ["load_story", "LoadResult", "Ref", "ExprSite", "FORMAT_VERSION", "text_hash", "YSeq"]
