"""Reading the story's shared files: sources, glossary, world files (lists, services, procedures,
point schemes, places, illustrations) and translations."""

from __future__ import annotations

from pathlib import Path

from . import expr as ex
from .fields import Fields
from .loadbase import Reading
from .model import (
    ICONS,
    LIST_KINDS,
    TRUST,
    Grade,
    Illustration,
    ListDef,
    Loc,
    Place,
    Procedure,
    Scheme,
    Service,
    Source,
    Step,
    Term,
    Translation,
    World,
    text_hash,
)
from .shapes import allowed
from .yamlsafe import YMap


class WorldFiles(Reading):
    """Readers of the files a whole story shares."""

    # -- sources and glossary ----------------------------------------------------------------------
    def load_sources(self, rel: str, where: Loc) -> dict[str, Source]:
        out: dict[str, Source] = {}
        if not rel:
            return out
        got = self.read(rel, where)
        if got is None:
            return out
        data, shown = got
        top = Fields(data, shown, self.report, allowed("sources_file"), "the sources file")
        seen: dict[str, Loc] = {}
        for item, loc in top.items("sources", "source", required=True):
            f = Fields(item, shown, self.report, allowed("source"), "a source")
            sid = f.ident("id", required=True)
            title = self.req_text(f, "title", f"source.{sid}.title")
            outlet = self.req_text(f, "outlet", f"source.{sid}.outlet")  # translated: "最高人民法院"
            author = self.text(f, "author", f"source.{sid}.author")  # "translated by ..." is words too
            src = Source(id=sid, title=title, outlet=outlet.en,
                         trust=f.enum("trust", TRUST, required=True, default="low"),
                         author=author.en if author else "", date=f.date("date", full=False), url=f.str("url"),
                         note=self.text(f, "note", f"source.{sid}.note"), loc=loc,
                         outlet_text=outlet, author_text=author)
            if self.unique(seen, sid, loc, "source"):
                out[sid] = src
        return out

    def load_glossary(self, rel: str, where: Loc) -> dict[str, Term]:
        out: dict[str, Term] = {}
        got = self.read(rel, where)
        if got is None:
            return out
        data, shown = got
        top = Fields(data, shown, self.report, allowed("glossary_file"), "the glossary")
        seen: dict[str, Loc] = {}
        for item, loc in top.items("terms", "term", required=True):
            f = Fields(item, shown, self.report, allowed("term"), "a glossary term")
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
        top = Fields(data, shown, self.report, allowed("world_file"), "a world file")
        for item, loc in top.items("services", "service"):
            f = Fields(item, shown, self.report, allowed("service"), "a service")
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
            f = Fields(item, shown, self.report, allowed("list"), "a list")
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
            f = Fields(item, shown, self.report, allowed("procedure"), "a procedure")
            pid = f.ident("id", required=True)
            steps: list[Step] = []
            step_seen: dict[str, Loc] = {}
            for sitem, sloc in f.items("steps", "step", required=True):
                sf = Fields(sitem, shown, self.report, allowed("step"), "a procedure step")
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
            f = Fields(item, shown, self.report, allowed("scheme"), "a point scheme")
            scid = f.ident("id", required=True)
            grades: list[Grade] = []
            grade_seen: dict[str, Loc] = {}
            for gitem, gloc in f.items("grades", "grade", required=True):
                gf = Fields(gitem, shown, self.report, allowed("grade"), "a grade")
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
            f = Fields(item, shown, self.report, allowed("place"), "a place")
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
        for item, loc in top.items("illustrations", "illustration"):
            f = Fields(item, shown, self.report, allowed("illustration"), "an illustration")
            iid = f.ident("id", required=True)
            pic = Illustration(id=iid, file=self.picture_file(f),
                               alt=self.req_text(f, "alt", f"illustration.{iid}.alt"),
                               sources=self.ids(f, "sources", "source"), note=f.str("note"), loc=loc,
                               file_loc=f.loc("file"))
            if self.unique(seen["illustrations"], iid, loc, "illustration"):
                world.illustrations[iid] = pic

    @staticmethod
    def picture_file(f: Fields) -> str:
        """An illustration's file: a bare ``NAME.svg`` the game finds in its own illustrations folder, so
        a story can never point it at a file elsewhere (no folders, no '..')."""
        name = f.str("file", required=True)
        if not name:
            return ""
        if "/" in name or "\\" in name or ".." in name or name.startswith(".") or ":" in name:
            f.error("file", "E104", f"'{name}' must be a bare file name (no folders, no '..'): the game looks "
                                    "for it in assets/illustrations/")
            return ""
        if not name.lower().endswith(".svg"):
            f.error("file", "E104", f"'{name}' should be an SVG file (NAME.svg)")
            return ""
        return name

    # -- translations ------------------------------------------------------------------------------
    def load_translation(self, lang: str, where: Loc) -> Translation | None:
        catalogs = self.root / "lang" / lang
        if catalogs.is_dir():
            return self.load_po_translation(lang, catalogs)
        got = self.read(f"lang/{lang}.yaml", where)
        if got is None:
            return None
        data, shown = got
        f = Fields(data, shown, self.report, allowed("translation_file"), "a translation file")
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
                    ef = Fields(entry, shown, self.report, allowed("translation_entry"), f"the translation of '{sid}'")
                    strings[sid] = (ef.str("text", required=True), ef.str("from"))
                else:
                    self.report.add(shown, line, col, "E102", f"the translation of '{sid}' should be text")
                    continue
                locs[sid] = Loc(shown, *smap.where_key(sid))
        tr = Translation(language=lang, name=f.str("name") or lang, strings=strings, file=shown)
        self.translation_locs[lang] = locs
        return tr

    def load_po_translation(self, lang: str, folder: Path) -> Translation:
        """A translation kept as gettext catalogs, ``lang/<lang>/*.po`` (see ``storypo``).

        An entry's ``msgid`` is the English it translates, so its hash plays the part of ``from``; a
        fuzzy entry is a translation nobody has checked since the English changed, and is not shown."""
        from . import storypo

        strings: dict[str, tuple[str, str]] = {}
        locs: dict[str, Loc] = {}
        fuzzy: dict[str, Loc] = {}
        unread: list[str] = []
        first = ""
        for path in sorted(folder.glob("*.po")):
            shown = self.shown(path)
            first = first or shown
            self.files.append(path)
            try:
                entries = storypo.read(path)
            except storypo.CatalogError as exc:
                self.report.add(shown, exc.line, 1, "E010", f"this translation catalog cannot be read: {exc.message}")
                unread.append(path.stem)
                continue
            for sid, entry in entries.items():
                loc = Loc(shown, entry.line, 1)
                if sid in locs:
                    first_at = locs[sid]
                    self.report.add(shown, entry.line, 1, "E105",
                                    f"'{sid}' is translated twice (first in {first_at.file}, line {first_at.line})")
                    continue
                locs[sid] = loc
                if entry.fuzzy:
                    fuzzy[sid] = loc
                    continue
                strings[sid] = (entry.text, text_hash(entry.english))
        if not first:
            self.report.add(self.shown(folder), 1, 1, "E007", f"the folder lang/{lang} holds no .po catalog")
        tr = Translation(language=lang, name=lang, strings=strings, file=first or self.shown(folder),
                         fuzzy=fuzzy, unread=unread)
        self.translation_locs[lang] = locs
        return tr
