"""The class report: every run record in a folder, read and added up (pure functions; the page is
drawn by :mod:`game.modes.class_report_html`).

``python -m game class-report DIR [-o FILE.html] [--csv FILE.csv]`` reads the ``*.json`` records the
class's computers wrote (gathered from a shared folder or from USB sticks, in any sub-folders) and
writes one self-contained page. A file that cannot be used is reported on the page and skipped:
damaged JSON, a record from a newer or older game version, a record with missing or wrong fields,
a second copy of the same run (the copy with the latest update is kept), a file that is not a
record. Nothing here raises on bad input.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import median
from typing import Any

from .. import i18n
from ..i18n import _, ngettext, pgettext

# -- reading (class_records.py) ------------------------------------------------------------------------
from .class_records import (  # noqa: E402
    Loaded,
    Skipped,
    load_folder,
    problems,
    read_record,
)
from .record import answer_word
from .record_words import Lexicon, event_key


def lexicon(records: list[dict[str, Any]]) -> Lexicon:
    """The words for the records' ids in the language being spoken (the report's)."""
    return Lexicon(records, i18n.current())


def life_id(rec: dict[str, Any]) -> str:
    return str(rec["life"].get("id") or rec["life"]["title"])


def life_title(rec: dict[str, Any], lex: Lexicon) -> str:
    return lex(life_id(rec), "life", rec["life"]["title"])


# -- adding up ----------------------------------------------------------------------------------------
def path_label(rec: dict[str, Any], lex: Lexicon | None = None) -> str:
    if rec.get("path") == "chapter":
        chapter = rec.get("chapter") or {}
        title = chapter.get("title", "")
        if lex is not None and chapter.get("id"):
            title = lex(life_id(rec), f"chapter:{chapter['id']}", title)
        return _("chapter: {title}").format(title=title) if title else _("a chapter")
    return _("short version") if rec.get("path") == "short" else _("whole life")


def group_name(rec: dict[str, Any]) -> str:
    return rec.get("group") or _("(no label)")


def not_finished() -> str:
    """What the report says of a run that reached no ending."""
    return _("not finished")


def units(n: int, unit: str) -> str:
    """"15 groups", "2 runs": what the report counts, with its number."""
    if unit == "run":
        return ngettext("{n} run", "{n} runs", n).format(n=n)
    return ngettext("{n} group", "{n} groups", n).format(n=n)


def share(k: int, total: int, unit: str) -> str:
    """Who did something, to open a sentence: "1 of 4 groups", "Both groups", "All 5 runs", "The only
    group" (never "1 of 1 group"); the verb after it agrees with ``k`` (ngettext)."""
    group = unit != "run"
    if total == 1:
        return _("The only group") if group else _("The only run")
    if k == total == 2:
        return _("Both groups") if group else _("Both runs")
    if k == total:
        return (ngettext("All {n} group", "All {n} groups", k) if group
                else ngettext("All {n} run", "All {n} runs", k)).format(n=k)
    return _("{k} of {of}").format(k=k, of=units(total, unit))


def quoted_claim(claim: str) -> str:
    """A claim quoted inside a sentence: without its own closing full stop ("...score." -> "...score")."""
    return claim.strip().rstrip(".\u3002")


def unit_of(records: list[dict[str, Any]]) -> str:
    """What the report counts: "group" when each group played once, else "run" (a pair that played
    twice is two runs, and may have chosen both ways)."""
    labels = Counter(group_name(r) for r in records)
    return "group" if all(n == 1 for n in labels.values()) else "run"


def lives_played(records: list[dict[str, Any]]) -> list[tuple[str, str, list[str], float | None]]:
    """(life, path, the groups, median minutes played) for each life and path, most groups first."""
    lex = lexicon(records)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    minutes: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in records:
        key = (life_title(r, lex), path_label(r, lex))
        groups[key].append(group_name(r))
        if r.get("status") == "finished":
            minutes[key].append(float(r["minutes_played"]))
    rows = [(life, path, sorted(gs, key=natural_key), round(median(minutes[(life, path)]), 1)
             if minutes[(life, path)] else None) for (life, path), gs in groups.items()]
    return sorted(rows, key=lambda x: (-len(x[2]), x[0], x[1]))


def natural_key(text: str) -> tuple:
    """"Table 10" after "Table 9"."""
    return tuple(int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", text))


def endings(records: list[dict[str, Any]]) -> dict[str, Counter]:
    """For each life: how many groups reached each ending ("not finished" for the others)."""
    lex = lexicon(records)
    out: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        ending = r.get("ending") or {}
        title = ending.get("title") or not_finished()
        if ending.get("node"):
            title = lex(life_id(r), f"ending:{ending['node']}", title)
        out[life_title(r, lex)][title] += 1
    return dict(out)


def _all_events(rec: dict[str, Any]) -> list[dict[str, Any]]:
    evs = [e for e in rec.get("start_events", []) if isinstance(e, dict)]
    for c in rec.get("choices", []):
        evs += [e for e in c.get("events", []) if isinstance(e, dict)]
    return evs


def restrictions(records: list[dict[str, Any]]) -> tuple[Counter, Counter]:
    """(services refused, lists put on): for each, how many groups met it at least once."""
    lex = lexicon(records)
    refused: Counter = Counter()
    listed: Counter = Counter()
    names: dict[str, str] = {}
    for r in records:
        evs = _all_events(r)
        for e in evs:
            names.setdefault(event_key(e), str(e.get("name") or e.get("id") or "?"))
        refused.update({event_key(e) for e in evs if e.get("kind") == "refused"})
        listed.update({event_key(e) for e in evs if e.get("kind") == "listed"})

    def shown(counts: Counter) -> Counter:
        out: Counter = Counter()
        for key, n in counts.items():
            out[lex("", key, names[key])] += n
        return out
    return shown(refused), shown(listed)


def result_word(result: str) -> str:
    """An appeal's result ("granted", "refused", "withdrawn") in the current language."""
    words = {"granted": pgettext("an appeal's result", "granted"), "refused": pgettext("an appeal's result", "refused"),
             "withdrawn": pgettext("an appeal's result", "withdrawn")}
    return words.get(result, result)


def outcome(events: list[dict[str, Any]], lex: Lexicon | None = None) -> str:
    """What a choice led to, in a few words ("refused: Buy a train ticket"), or ""."""
    bits = []
    for e in events:
        kind, name = e.get("kind"), str(e.get("name") or "")
        if lex is not None:
            name = lex("", event_key(e), name)
        if kind == "refused":
            bits.append(_("refused: {service}").format(service=name))
        elif kind == "allowed":
            bits.append(_("allowed: {service}").format(service=name))
        elif kind == "appeal" and e.get("result"):
            bits.append(_("{procedure}: {result}").format(procedure=name, result=result_word(str(e["result"]))))
        elif kind == "listed":
            bits.append(_("put on {list}").format(list=name))
        elif kind == "delisted":
            bits.append(_("taken off {list}").format(list=name))
    return _("; ").join(bits)


@dataclass
class ChoiceCount:
    label: str
    groups: int
    outcomes: Counter  # outcome text -> groups ("" : nothing notable)


@dataclass
class Decision:
    life: str
    node: str
    scene: str
    reached: int  # groups that made this decision
    of: int  # groups that played this life
    choices: list[ChoiceCount]
    order: float  # the median step it was made at: decisions are listed in story order


def decisions(records: list[dict[str, Any]], min_groups: int = 2) -> list[Decision]:
    """At each decision (a scene with two or more choices) that at least ``min_groups`` groups made:
    how many chose what, and what it led to. A group that came back to a scene counts once (its
    first visit)."""
    lex = lexicon(records)
    per_life: Counter = Counter(life_id(r) for r in records)
    titles = {life_id(r): life_title(r, lex) for r in records}
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for r in records:
        life = life_id(r)
        visited: set[str] = set()
        for c in r.get("choices", []):
            if c.get("options", 0) < 2 or c["node"] in visited:
                continue
            visited.add(c["node"])
            d = seen.setdefault((life, c["node"]), {"scene": lex(life, f"scene:{c['node']}", c.get("scene", "")),
                                                    "steps": [], "choices": defaultdict(Counter)})
            d["steps"].append(c["step"])
            choice = f"choice:{c['node']}/{c['choice']}" if c.get("choice") else ""
            label = lex(life, choice, c["label"]) if choice else c["label"]
            d["choices"][label][outcome(c.get("events", []), lex)] += 1
    out = []
    for (life, node), d in seen.items():
        reached = len(d["steps"])
        if reached < min_groups:
            continue
        cs = [ChoiceCount(label, sum(oc.values()), oc) for label, oc in d["choices"].items()]
        cs.sort(key=lambda c: (-c.groups, c.label))
        out.append(Decision(titles[life], node, d["scene"], reached, per_life[life], cs, median(d["steps"])))
    out.sort(key=lambda d: (d.life, d.order, d.node))
    return out


def decision_sentence(d: Decision, c: ChoiceCount, unit: str = "group") -> str:
    """"14 of 15 groups chose 'File an objection': Objection: refused, for all of them." """
    chose = dict(k=c.groups, of=units(d.reached, unit), label=c.label)
    notable = [(text, n) for text, n in c.outcomes.most_common() if text]
    if not notable:
        return _("{k} of {of} chose \u201c{label}\u201d.").format(**chose)
    text, n = notable[0]
    if c.groups == 1:
        return _("{k} of {of} chose \u201c{label}\u201d: {outcome}.").format(outcome=text, **chose)
    if n == c.groups == 2:
        return _("{k} of {of} chose \u201c{label}\u201d: {outcome}, for both of them.").format(outcome=text, **chose)
    if n == c.groups:
        return _("{k} of {of} chose \u201c{label}\u201d: {outcome}, for all of them.").format(outcome=text, **chose)
    return _("{k} of {of} chose \u201c{label}\u201d: {outcome}, for {n} of them.").format(outcome=text, n=n, **chose)


@dataclass
class MythStat:
    life: str
    id: str
    claim: str
    answer: str
    answered: int
    right: int
    changed: int  # groups that changed their answer after the verdict
    common_wrong: str  # the most common wrong first answer ("" if none)

    @property
    def share(self) -> float:
        return self.right / self.answered if self.answered else 0.0


def myth_stats(records: list[dict[str, Any]]) -> list[MythStat]:
    """Per claim: the groups that answered, those right on their FIRST answer, those who changed."""
    lex = lexicon(records)
    acc: dict[tuple[str, str], dict[str, Any]] = {}
    for r in records:
        life = life_title(r, lex)
        for m in r.get("myths", []):
            claim = lex(life_id(r), f"myth:{m['id']}", m["claim"])
            a = acc.setdefault((life, m["id"]), {"claim": claim, "answer": m["answer"], "answered": 0,
                                                 "right": 0, "changed": 0, "wrong": Counter()})
            if m.get("first"):
                a["answered"] += 1
                if m["first"] == m["answer"]:
                    a["right"] += 1
                else:
                    a["wrong"][m["first"]] += 1
            if m.get("changed_to"):
                a["changed"] += 1
    return [MythStat(life, mid, a["claim"], a["answer"], a["answered"], a["right"], a["changed"],
                     a["wrong"].most_common(1)[0][0] if a["wrong"] else "")
            for (life, mid), a in acc.items()]


def most_missed(stats: list[MythStat], n: int = 5) -> list[MythStat]:
    """The claims most groups got wrong at first (answered by at least one group), worst first."""
    wrong = [s for s in stats if s.answered and s.right < s.answered]
    return sorted(wrong, key=lambda s: (s.share, -s.answered, s.claim))[:n]


def debrief_questions(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The debrief's questions for each life played (as the records hold them), in order."""
    lex = lexicon(records)
    out: dict[str, list[str]] = {}
    for r in records:
        qs = out.setdefault(life_title(r, lex), [])
        debrief = r.get("debrief", "")
        for i, q in enumerate(r.get("questions", [])):
            q = lex(life_id(r), f"question:{debrief}/{i}", q)
            if q not in qs:
                qs.append(q)
    return {life: qs for life, qs in out.items() if qs}


def prompts(records: list[dict[str, Any]], n: int = 6, unit: str | None = None) -> list[str]:
    """Discussion prompts drawn from the class's own choices and answers."""
    unit = unit or unit_of(records)
    out: list[str] = []
    total = len(records)
    splits = []
    for d in decisions(records):
        if len(d.choices) >= 2 and d.choices[1].groups >= 2:
            splits.append((min(d.choices[0].groups, d.choices[1].groups), d))
    for _k, d in sorted(splits, key=lambda x: (-x[0], x[1].order))[:2]:
        a, b = d.choices[0], d.choices[1]
        out.append(_("{life}, \u201c{scene}\u201d: {a} chose \u201c{a_label}\u201d and {b} chose "
                     "\u201c{b_label}\u201d. Ask one group of each side to explain their choice.").format(
            life=d.life, scene=d.scene, a=units(a.groups, unit), a_label=a.label, b=b.groups, b_label=b.label))
    refused, listed = restrictions(records)
    if refused:
        svc, k = refused.most_common(1)[0]
        out.append(ngettext("{who} was refused \u201c{service}\u201d. Who decided that, and could they find out "
                            "why, or challenge it?",
                            "{who} were refused \u201c{service}\u201d. Who decided that, and could they find out "
                            "why, or challenge it?", k).format(who=share(k, total, unit), service=svc))
    if listed:
        lst, k = listed.most_common(1)[0]
        out.append(ngettext("{who} was put on \u201c{list}\u201d. How did they learn about it, and how could they "
                            "get off it?",
                            "{who} were put on \u201c{list}\u201d. How did they learn about it, and how could they "
                            "get off it?", k).format(who=share(k, total, unit), list=lst))
    for s in most_missed(myth_stats(records), 2):
        out.append(_("{who} first answered \u201c{wrong}\u201d to \u201c{claim}\u201d; the sources say {answer}. What "
                     "made the claim believable, and which source settles it?").format(
            who=share(s.answered - s.right, s.answered, unit), claim=quoted_claim(s.claim),
            wrong=answer_word(s.common_wrong).lower(), answer=answer_word(s.answer).lower()))
    for life, counts in endings(records).items():
        reached = [e for e in counts if e != not_finished()]
        if len(reached) >= 2:
            shown = _(", ").join(_("\u201c{ending}\u201d").format(ending=e) for e in reached[:4])
            text = (_("The runs of {life} reached {n} different endings ({endings}). Which choices made the "
                      "difference?") if unit == "run" else
                    _("The groups that played {life} reached {n} different endings ({endings}). Which choices made "
                      "the difference?"))
            out.append(text.format(life=life, n=len(reached), endings=shown))
            break
    changed = sum(1 for r in records if any(m.get("changed_to") for m in r.get("myths", [])))
    if changed:
        out.append(_("{who} changed a myth-or-fact answer after reading what the sources say. What convinced "
                     "them?").format(who=units(changed, unit)))
    return out[:n]


__all__ = ["Decision", "Loaded", "MythStat", "Skipped", "debrief_questions", "decision_sentence", "decisions",
           "endings", "group_name", "lexicon", "life_id", "life_title", "lives_played", "load_folder", "most_missed",
           "myth_stats", "natural_key", "not_finished", "outcome", "path_label", "problems", "prompts", "read_record",
           "restrictions", "share", "unit_of", "units"]
