"""Checks a loaded story as a whole: references, expressions, the story graph, evidence, translations
and readability. Every problem is reported with its location and a stable code; nothing raises.
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from pathlib import Path

from . import expr as ex
from .diagnostics import Report
from .effects import KINDS
from .fields import ID_RE
from .loader import LoadResult, gc_paused, load_story, text_hash
from .model import Life, Loc, Story
from .parsecache import ParseCache
from .pictures import ILLUSTRATIONS_DIR, picture_path
from .storypo import catalog_name

MAX_SENTENCE_WORDS = 25
MAX_SCREEN_WORDS = 120
MAX_MISSING_NAMED = 3  # missing translations named one by one in a catalog; more are counted in one line

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%/-]*")


def _hint(value: str, options, ids: bool = True) -> str:
    """A did-you-mean for an unknown id. An invalid id (already reported as E104) is never suggested as
    if it were right: it is named as the likely target whose own id needs fixing."""
    options = list(options)
    valid = [o for o in options if ID_RE.match(o)] if ids else options
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    invalid = difflib.get_close_matches(value, [o for o in options if o not in valid], n=1, cutoff=0.6)
    if invalid:
        return f"; '{invalid[0]}' may be meant, but its own id is not valid: fix that id first"
    return ""


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


class _Checker(ex.CheckContext):
    """Type-checking context for the expressions of one life (or of the world when life is None)."""

    def __init__(self, story: Story, life: Life | None) -> None:
        self.story = story
        self.life = life

    def name_type(self, name: str) -> str | None:
        if self.life is not None:
            var = self.life.variables.get(name)
            if var is not None:
                return ex.BOOL if isinstance(var.initial, bool) else ex.NUM
            if name in ("points", "grade"):
                return ex.BUILTIN_NAMES[name] if self.life.scheme else None
            if name == "days":
                return ex.NUM
            return None
        return ex.BUILTIN_NAMES.get(name)

    def known_names(self) -> list[str]:
        if self.life is None:
            return list(ex.BUILTIN_NAMES)
        extra = ["days"] + (["points", "grade"] if self.life.scheme else [])
        return [*self.life.variables, *extra]

    def check_id(self, kind: str, value: str, args: tuple[str, ...]) -> str | None:
        w = self.story.world
        if kind == "list":
            return None if value in w.lists else f"unknown list '{value}'{_hint(value, w.lists)}"
        if kind == "service":
            return None if value in w.services else f"unknown service '{value}'{_hint(value, w.services)}"
        if kind == "procedure":
            return None if value in w.procedures else f"unknown procedure '{value}'{_hint(value, w.procedures)}"
        if kind == "step":
            proc = w.procedures.get(args[0])
            if proc is None:
                return None  # reported on the procedure argument
            ids = [s.id for s in proc.steps]
            return None if value in ids else f"unknown step '{value}' of '{proc.id}'{_hint(value, ids)}"
        if kind == "grade":
            if self.life and self.life.scheme in w.schemes:
                schemes = [w.schemes[self.life.scheme]]
            else:
                schemes = list(w.schemes.values())
            ids = [g.id for s in schemes for g in s.grades]
            if self.life is not None and not self.life.scheme:
                return f"life '{self.life.id}' has no point scheme, so it has no grades"
            return None if value in ids else f"unknown grade '{value}'{_hint(value, ids)}"
        if kind == "node":
            if self.life is None:
                return "node ids can only be used inside a life"
            return None if value in self.life.nodes else f"unknown node '{value}'{_hint(value, self.life.nodes)}"
        if kind == "choice":
            if self.life is None:
                return "choices can only be used inside a life"
            node = self.life.nodes.get(args[0])
            if node is None:
                return None
            ids = [c.id for c in node.choices]
            return None if value in ids else f"node '{node.id}' has no choice '{value}'{_hint(value, ids)}"
        return f"unknown id kind {kind}"  # pragma: no cover


def validate(result: LoadResult) -> Report:
    """Run every whole-story check, adding to the load report, and return it."""
    report = result.report
    story = result.story
    if story is None:
        return report
    _check_refs(story, result, report)
    _check_pictures(story, report)
    _check_exprs(story, result, report)
    for life in story.lives.values():
        _check_graph(story, life, report)
        _check_life(story, life, report)
    _check_evidence(story, result, report)
    _check_translations(story, result, report)
    _check_pinyin(story, report)
    _check_readability(story, result, report)
    return report


def load_and_validate(path: str | Path, parse_cache: ParseCache | None = None) -> LoadResult:
    result = load_story(path, parse_cache)
    with gc_paused():
        validate(result)
    return result


# -- references ----------------------------------------------------------------------------------
_REF_CODES = {"node": "E201", "list": "E204", "service": "E205", "variable": "E206", "source": "E207",
              "place": "E208", "procedure": "E209", "step": "E209", "grade": "E210", "scheme": "E210",
              "debrief": "E203", "illustration": "E213"}


def _check_refs(story: Story, result: LoadResult, report: Report) -> None:
    w = story.world
    lives = story.lives
    world_pools = {"list": w.lists, "service": w.services, "source": story.sources, "place": w.places,
                   "procedure": w.procedures, "scheme": w.schemes, "illustration": w.illustrations}
    for ref in result.refs:
        kind, ident, loc, life_id, extra = ref
        life = lives.get(life_id) if life_id else None
        if life_id and life is None:
            continue  # the life itself failed to load; its problems are already reported
        pool: dict | list
        if kind == "node":
            pool = life.nodes if life else {}
        elif kind == "variable":
            pool = life.variables if life else {}
        elif kind == "debrief":
            pool = life.debriefs if life else {}
        elif kind == "step":
            proc = w.procedures.get(extra)
            if proc is None:
                continue
            pool = [s.id for s in proc.steps]
        else:
            pool = world_pools.get(kind, {})
        if ident not in pool:
            of = f" of procedure '{extra}'" if kind == "step" else ""
            report.add(loc.file, loc.line, loc.col, _REF_CODES[kind],
                       f"unknown {kind} '{ident}'{of}{_hint(ident, pool)}")


def _check_pictures(story: Story, report: Report) -> None:
    """Every illustration's file is in the game's illustrations folder (a story cannot bring its own)."""
    for pic in story.world.illustrations.values():
        path = picture_path(pic.file)
        if path is not None and not path.is_file():
            folder = ILLUSTRATIONS_DIR.name
            known = sorted(p.name for p in ILLUSTRATIONS_DIR.glob("*.svg")) if ILLUSTRATIONS_DIR.is_dir() else []
            at = pic.file_loc
            report.add(at.file, at.line, at.col, "E007",
                       f"illustration '{pic.id}': '{pic.file}' is not in the game's {folder} folder"
                       f"{_hint(pic.file, known, ids=False)}")


def _check_exprs(story: Story, result: LoadResult, report: Report) -> None:
    checkers: dict[str, _Checker] = {}
    # The parser hands out one tree per distinct expression text, and a tree's type depends only on
    # the life it is checked in, so each (tree, life) pair is checked once.
    known: dict[tuple[int, str], str | ex.ExprError] = {}
    for site in result.exprs:
        life = story.lives.get(site.life) if site.life else None
        if site.life and life is None:
            continue
        key = site.life
        memo = (id(site.tree), key)
        got = known.get(memo)
        if got is None:
            checker = checkers.get(key) or checkers.setdefault(key, _Checker(story, life))
            try:
                got = ex.check(site.tree, checker)
            except ex.ExprError as exc:
                got = exc
            known[memo] = got
        if isinstance(got, ex.ExprError):
            report.add(site.loc.file, site.loc.line, site.loc.col, got.code,
                       f"in \"{site.src}\" at character {got.offset + 1}: {got.message}")
            continue
        if site.want and got != site.want:
            report.add(site.loc.file, site.loc.line, site.loc.col, "E302",
                       f"\"{site.src}\" gives {got}, but a condition needs {site.want}")
        if site.var and life is not None and site.var in life.variables:
            var = life.variables[site.var]
            want = ex.BOOL if isinstance(var.initial, bool) else ex.NUM
            if got != want:
                report.add(site.loc.file, site.loc.line, site.loc.col, "E302",
                           f"variable '{site.var}' holds {want}, but \"{site.src}\" gives {got}")


# -- the story graph -------------------------------------------------------------------------------
def _check_graph(story: Story, life: Life, report: Report) -> None:
    nodes = life.nodes
    roots = [life.start] + ([life.short.start] if life.short else []) + [c.node for c in life.chapters]
    targets = {nid: node.targets() for nid, node in nodes.items()}
    seen: set[str] = set()
    queue = deque(r for r in roots if r in nodes)
    seen.update(queue)
    while queue:
        for t in targets[queue.popleft()]:
            if t in nodes and t not in seen:
                seen.add(t)
                queue.append(t)
    # A way on to an unknown node is already an error (E201); until it is fixed, where that way leads,
    # and what can then be reached or ended, is unknown: no guesses are reported on top of it.
    broken = {nid for nid, ts in targets.items() if any(t not in nodes for t in ts)}
    for nid, node in nodes.items():
        if nid not in seen and not broken:
            report.add(node.loc.file, node.loc.line, node.loc.col, "W201",
                       f"node '{nid}' cannot be reached from the start, the short path or a chapter")
    # nodes from which no ending can be reached (a loop with no way out is a dead end too)
    reverse: dict[str, list[str]] = {n: [] for n in nodes}
    for nid, node_targets in targets.items():
        for t in node_targets:
            if t in reverse:
                reverse[t].append(nid)
    can_end = {nid for nid, n in nodes.items() if n.ending is not None} | broken
    queue = deque(can_end)
    while queue:
        for p in reverse[queue.popleft()]:
            if p not in can_end:
                can_end.add(p)
                queue.append(p)
    if not any(n.ending for n in nodes.values()) and nodes:
        report.add(life.loc.file, life.loc.line, life.loc.col, "E212", f"life '{life.id}' has no ending")
        return
    for nid, node in nodes.items():
        if nid in seen and nid not in can_end and (node.choices or node.next):
            report.add(node.loc.file, node.loc.line, node.loc.col, "E212",
                       f"no ending can be reached from node '{nid}': it only leads round in circles")


def _check_life(story: Story, life: Life, report: Report) -> None:
    uses_points = any(KINDS[e.kind].uses_points for n in life.nodes.values()
                      for e in n.effects + [e for c in n.choices for e in c.effects])
    uses_points = uses_points or any(KINDS[e.kind].uses_points for ch in life.chapters for e in ch.setup)
    if uses_points and not life.scheme:
        report.add(life.loc.file, life.loc.line, life.loc.col, "E210",
                   f"life '{life.id}' changes points but names no 'scheme'")
    for node in life.nodes.values():
        if node.shows_grade and not life.scheme:
            report.add(node.loc.file, node.loc.line, node.loc.col, "E210",
                       f"node '{node.id}' shows a grade, but life '{life.id}' names no point 'scheme'")
        if node.kind == "dialogue" and node.speaker is None:
            report.add(node.loc.file, node.loc.line, node.loc.col, "W202",
                       f"dialogue node '{node.id}' has no speaker")


# -- evidence --------------------------------------------------------------------------------------
def _check_evidence(story: Story, result: LoadResult, report: Report) -> None:
    for life in story.lives.values():
        for node in life.nodes.values():
            if node.evidence == "documented" and node.sources:  # no sources at all: the loader's E304
                known = [story.sources[s] for s in node.sources if s in story.sources]
                if known and all(s.trust == "low" for s in known):
                    report.add(node.loc.file, node.loc.line, node.loc.col, "W301",
                               f"node '{node.id}' is documented only by low-trust sources; "
                               "mark it reported, or cite a stronger source")


# -- translations ------------------------------------------------------------------------------------
def _check_translations(story: Story, result: LoadResult, report: Report) -> None:
    for lang, tr in story.translations.items():
        locs = result.translation_locs.get(lang, {})
        # a catalog that could not be read is one error (E010), not a warning for each of its strings
        unread = set(tr.unread)
        missing = [sid for sid in story.strings if sid not in tr.strings and sid not in tr.fuzzy
                   and (not unread or catalog_name(sid, story) not in unread)]
        groups: dict[str, list[str]] = {}
        for sid in missing:
            groups.setdefault(catalog_name(sid, story), []).append(sid)
        for name, ids in groups.items():
            # a few gaps are named one by one; a life nobody has translated yet is one line, not hundreds
            first = min(ids, key=lambda i: _loc_order(result.text_locs.get(i)))
            shown = ids if len(ids) <= MAX_MISSING_NAMED else [first]
            for sid in shown:
                loc = result.text_locs.get(sid, Loc(tr.file, 1, 1))
                if len(shown) < len(ids):
                    where = (f"lang/{lang}/{name}.po (python -m game strings --po {lang} adds them)"
                             if tr.file.endswith(".po") else tr.file)
                    report.add(loc.file, loc.line, loc.col, "W401",
                               f"{len(ids)} strings of '{name}' have no '{lang}' translation yet, from '{sid}' on; "
                               f"a translator fills them in {where}")
                else:
                    report.add(loc.file, loc.line, loc.col, "W401", f"no '{lang}' translation for '{sid}'")
        for sid, (_, source_hash) in tr.strings.items():
            loc = locs.get(sid, Loc(tr.file, 1, 1))
            if sid not in story.strings:
                hint = _hint(sid, story.strings, ids=False)
                report.add(loc.file, loc.line, loc.col, "W403",
                           f"'{sid}' is translated but no longer exists in the story{hint}")
            elif not source_hash:
                report.add(loc.file, loc.line, loc.col, "W402",
                           f"the translation of '{sid}' does not say which English it translates; check it "
                           f"and set from: {text_hash(story.strings[sid])}")
            elif source_hash != text_hash(story.strings[sid]):
                fix = (f"refresh the catalog (python -m game strings --po {lang}) and check the entry it marks "
                       "fuzzy" if tr.file.endswith(".po") else f"set from: {text_hash(story.strings[sid])}")
                report.add(loc.file, loc.line, loc.col, "W402",
                           f"the English of '{sid}' changed since it was translated; update the translation "
                           f"and {fix}")
        for sid, loc in tr.fuzzy.items():
            report.add(loc.file, loc.line, loc.col, "W402",
                       f"the translation of '{sid}' is marked fuzzy: check it against the English, then remove "
                       "the fuzzy mark (until then the English is shown)")


def _check_pinyin(story: Story, report: Report) -> None:
    """The story's pinyin tables (lang/LANG/pinyin.yaml): a reading that does not fit its term is an error
    here, before a learner sees it left out."""
    from . import pinyinfile  # pypinyin is read only when a story has a table

    for lang in pinyinfile.languages(story.root):
        report.extend(pinyinfile.load(story.root, lang)[1])


def _loc_order(loc: Loc | None) -> tuple[str, int, int]:
    return (loc.file, loc.line, loc.col) if loc is not None else ("~", 0, 0)


# -- readability -------------------------------------------------------------------------------------
_SKIP_READABILITY = ("source.", "story.title")


def long_sentences(text: str) -> list[tuple[int, str]]:
    """Each sentence of more than MAX_SENTENCE_WORDS words: its word count and its first six words."""
    # Each word takes a character and a gap, so a short text cannot hold a long sentence; most story
    # strings (labels, reasons, short lines) stop at the first test.
    if len(text) < 2 * MAX_SENTENCE_WORDS or count_words(text) <= MAX_SENTENCE_WORDS:
        return []
    out = []
    for sentence in sentences(text):
        n = count_words(sentence)
        if n > MAX_SENTENCE_WORDS:
            out.append((n, " ".join(sentence.split()[:6])))
    return out


def screen_words(text: str) -> int:
    """Words on one screen, or 0 when the text is too short to be over MAX_SCREEN_WORDS."""
    return count_words(text) if len(text) >= 2 * MAX_SCREEN_WORDS else 0


def _check_readability(story: Story, result: LoadResult, report: Report) -> None:
    for sid, en in story.strings.items():
        if len(en) < 2 * MAX_SENTENCE_WORDS:
            continue  # most strings: too short to hold a long sentence (see long_sentences)
        if sid.startswith(_SKIP_READABILITY) or sid.endswith((".title", ".label", ".name", ".unit")):
            continue
        loc = result.text_locs.get(sid)
        if loc is None:
            continue
        for n, start in long_sentences(en):
            report.add(loc.file, loc.line, loc.col, "W501",
                       f"a sentence of {n} words (more than {MAX_SENTENCE_WORDS}) in '{sid}': \"{start} ...\"")
        if sid.endswith(".text") or ".d." in sid:
            n = screen_words(en)
            if n > MAX_SCREEN_WORDS:
                report.add(loc.file, loc.line, loc.col, "W502",
                           f"'{sid}' has {n} words on one screen (about {MAX_SCREEN_WORDS} at most)")
