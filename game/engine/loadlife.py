"""Reading a life file: its variables, nodes, choices, effects (through the effects registry),
short path, chapters and debriefs."""

from __future__ import annotations

import difflib
import math
from pathlib import Path
from typing import Any

from . import effects
from . import expr as ex
from .fields import MISSING, Fields, type_name
from .loadbase import Reading, Ref
from .model import (
    ANSWERS,
    EVIDENCE,
    NODE_KINDS,
    SCREENS,
    Chapter,
    Choice,
    Debrief,
    Effect,
    Ending,
    Life,
    Loc,
    Myth,
    Node,
    Section,
    ShortPath,
    Text,
    Variable,
)
from .shapes import allowed
from .yamlsafe import YMap, YSeq

_CHOICE_KEYS = allowed("choice")
_NODE_KEYS = allowed("node")


class LifeFiles(Reading):
    """Readers of a life file and what it holds."""

    # -- lives -----------------------------------------------------------------------------------
    def load_life(self, rel: str, where: Loc) -> Life | None:
        got = self.read(rel, where)
        if got is None:
            return None
        data, shown = got
        f = Fields(data, shown, self.report, allowed("life"), "a life")
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
                vf = Fields(spec, shown, self.report, allowed("variable"), f"variable '{name}'")
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
            sf = Fields(smap, shown, self.report, allowed("short_path"), "the short path")
            short = ShortPath(start=self.ref(sf, "start", "node", lid, required=True),
                              minutes=sf.int("minutes", required=True, minimum=1))
        chapters: list[Chapter] = []
        ch_seen: dict[str, Loc] = {}
        for item, loc in f.items("chapters", "chapter"):
            cf = Fields(item, shown, self.report, allowed("chapter"), "a chapter")
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
                    variables=variables, scheme=scheme, short=short, chapters=chapters,
                    portrait=self.ref(f, "portrait", "illustration"), file=shown, loc=life_loc)
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
            ef = Fields(emap, shown, self.report, allowed("ending"), "an ending")
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
        elif ways > 1:  # reported at the way on written last: the one to take out, or to move
            written = sorted((item.locs[k][:2], k) for k in ("choices", "next", "ending") if k in item.locs)
            (line, col), _ = written[-1] if written else ((loc.line, loc.col), "")
            self.report.add(shown, line, col, "E104",
                            f"node '{nid}' must have only one of choices, next or ending, but has "
                            f"{' and '.join(k for _, k in written)}: keep one")
        if node.evidence in ("documented", "reported") and not node.sources:
            f.error("evidence", "E304", f"node '{nid}' is {node.evidence} but cites no sources: add 'sources: "
                                        "[...]' with the sources that back it, or mark it dramatized")
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
                    place=self.ref(f, "place", "place") if has("place") else "",
                    illustration=self.ref(f, "illustration", "illustration") if has("illustration") else "", loc=loc)

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

    def load_debrief(self, item: YMap, loc: Loc, shown: str, lid: str) -> Debrief:
        f = Fields(item, shown, self.report, allowed("debrief"), "a debrief")
        did = f.ident("id", required=True)
        dp = f"{lid}.d.{did}"

        def section(key: str, required: bool) -> Section | None:
            m = f.mapping(key, required)
            if m is None:
                return None
            sf = Fields(m, shown, self.report, allowed("section"), f"the debrief's '{key}'")
            return Section(self.req_text(sf, "text", f"{dp}.{key}"), self.ids(sf, "sources", "source"))

        myths: list[Myth] = []
        myth_seen: dict[str, Loc] = {}
        for mitem, mloc in f.items("myths", "myth-or-fact item"):
            mf = Fields(mitem, shown, self.report, allowed("myth"), "a myth-or-fact item")
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
