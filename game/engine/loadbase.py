"""What every part of the loader shares: reading a file, located texts and references, expressions.

The loader reads each file's shape and records every cross-reference and expression with where it
was written, for the validator to check against the whole story. Nothing here raises on bad input:
problems go to the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from . import expr as ex
from .diagnostics import Report
from .fields import Fields
from .model import Loc, Text
from .parsecache import ParseCache
from .yamlsafe import YMap, parse_text, read_text


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


class Reading:
    """The state of one load and the readers every kind of file uses."""

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
