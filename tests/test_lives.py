"""The three shipped lives (Wei, Li Xiaolin, a Rongcheng resident): sources, key events, length, shape.

What is checked
- (a) Every documented or reported node, every debrief's "what happened" and every myth cites sources
  that exist in story/sources.yaml; no documented node, no myth answered "fact" and no glossary term
  rests on low-trust sources alone; figures carry a date and an outlet; claims the fact sheet could
  not confirm are attributed; where the sources disagree, the text says so.
- (b) Each life's documented key events happen on EVERY path from the main start and from the short
  start to an ending. Three independent checks, each of which fails if a key event is taken off
  even one path:
  1. a search of every path in which yes/no variables, lists, appeals and visited() are followed
     exactly and every number (money, points, grades) is left unknown: a condition that depends on a
     number counts as possibly true, and an attempt that depends on a grade may go either way. These
     paths include every path real play can take, so passing proves the event is on every real path.
     It is small enough to run for all three lives;
  2. an exact search with game.engine.runtime.Session and fork() (Wei and Li Xiaolin), merging two
     paths when they reach the same state. The fingerprint keeps only what can still change what
     happens next (the variables some later condition reads, found by a backward pass, and the key
     events met so far), and a path stops once all its key events have happened;
  3. seeded random runs of every life with the real engine, each checked at its ending from the
     events it produced and its final state (Rongcheng's points and savings make its exact search too
     large for this file; checks 1 and 3 cover it).
  State-dependent events are checked as such: a ticket *refused because of the court's list*, a
  credit refusal *after* leaving the travel list.
- (c), (d) Reading time, with this model: a classroom reading pace of 150 words a minute, counting
  each screen's text and the labels of the choices shown on it, plus 5 seconds for each real choice
  (a screen with two or more enabled options). The short path must fit in 5 minutes on every path
  (at most 750 words); a main run must take 15 to 25 minutes at the median of the sampled runs,
  with every sampled run between 1,500 and 4,000 words.
- (e) Each life: at least 3 endings reached from the main start, at least 12 real choices on every
  sampled main run, a content note, and every debrief with 4 to 6 myths and 3 to 5 questions.

The story is loaded from story/ only: nothing here reads the writers' source folder.
"""

from __future__ import annotations

import json
import random
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from shipped import shipped_story

from game.engine.model import Choice, Effect, Life, Node, Story
from game.engine.runtime import Session
from game.engine.validate import count_words

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
LIVES = ("wei", "li_xiaolin", "rongcheng")
STARTS = ("main", "short")

WORDS_PER_MINUTE = 150
SECONDS_PER_CHOICE = 5
SHORT_MAX_MINUTES = 5
MAIN_MINUTES = (15, 25)
MAIN_WORDS = (1500, 4000)  # issue 17: path plus debrief at most 3,000 words at the median (tests/test_pace.py)
RANDOM_RUNS = 120
SEARCH_LIMIT = 60_000  # states; the exact search must finish well within this


def story() -> Story:
    return shipped_story()


def life(life_id: str) -> Life:
    return story().lives[life_id]


# -- small helpers -------------------------------------------------------------------------------
def says(node: Node, *phrases: str) -> bool:
    text = node.text.en.lower()
    return all(p.lower() in text for p in phrases)


def cites(node: Node, *ids: str) -> bool:
    return all(i in node.sources for i in ids)


def factual(node: Node) -> bool:
    return node.evidence in ("documented", "reported")


def all_effects(lf: Life) -> list[tuple[str, Effect]]:
    out = [(n.id, e) for n in lf.nodes.values() for e in n.effects]
    out += [(f"{n.id}/{c.id}", e) for n in lf.nodes.values() for c in n.choices for e in c.effects]
    return out


def start_node(lf: Life, start: str) -> str:
    return lf.short.start if start == "short" else lf.start


# -- key events ------------------------------------------------------------------------------------
@dataclass
class Key:
    """One key event: met on entering a node that `node` accepts, or by an effect `effect` accepts;
    or, when `event` is given, by a refused attempt it accepts (given the key events already met and
    the lists the person is on at that moment)."""

    name: str
    node: Callable[[Node], bool] = lambda n: False
    effect: Callable[[Effect], bool] = lambda e: False
    event: Callable[[object, set, object], bool] | None = None
    starts: tuple[str, ...] = STARTS


def listed_on(list_id: str) -> Callable[[Effect], bool]:
    return lambda e: e.kind == "add_to_list" and e.args["list"] == list_id


def delisted_from(list_id: str) -> Callable[[Effect], bool]:
    return lambda e: e.kind == "remove_from_list" and e.args["list"] == list_id


def refused(services: set[str], by: str | None = None, after: str | None = None, not_on: str | None = None):
    def check(ev, seen: set, lists) -> bool:
        if ev.kind != "refused" or ev.data["service_id"] not in services:
            return False
        if by is not None and by not in ev.data.get("list_ids", []):
            return False
        if after is not None and after not in seen:
            return False
        return not (not_on is not None and not_on in lists)
    return check


WEI = [
    Key("listed on the court's list", effect=listed_on("court_defaulters")),
    Key("refused a plane or high-speed train ticket because of the court's list",
        event=refused({"flight", "high_speed_rail"}, by="court_defaulters",
                      after="listed on the court's list")),
    Key("the 20-hour, 1,800 km train from Beijing to Chengdu",
        effect=lambda e: e.kind == "travel" and e.args["to"] == "chengdu" and e.args["km"] == 1800
        and e.args["hours"] == 20),
    Key("the suit over visitation rights she never knew about",
        node=lambda n: factual(n) and cites(n, "technode_2018") and says(n, "visitation rights", "did not know")),
    Key("the court list's procedure: perform, object (15 days), higher court (10 days), 2017 rules",
        node=lambda n: factual(n) and cites(n, "clt_spc_2017", "tangyuan_court_2020")
        and says(n, "3 working days", "15 days", "10 days", "2017")),
    Key("her fear of an employer's business trip",
        node=lambda n: cites(n, "technode_2018") and says(n, "business trip")),
]

LI = [
    Key("listed on the court's list", effect=listed_on("court_defaulters")),
    Key("refused a plane ticket because of the court's list",
        event=refused({"flight"}, by="court_defaulters", after="listed on the court's list")),
    Key("1,900 km from home", node=lambda n: factual(n) and says(n, "1,900 kilometres")),
    Key("nobody told him", node=lambda n: factual(n) and says(n, "nobody told")),
    Key("the judge's call on 17 March 2016",
        node=lambda n: factual(n) and cites(n, "southern_weekly_2016") and says(n, "17 March 2016")),
    Key("the April 1 apology judged insincere",
        node=lambda n: factual(n) and cites(n, "ctv_social_credit") and says(n, "1 April", "April Fools", "sincere")),
    Key("the lawyers' association, as one account",
        node=lambda n: n.evidence == "reported" and cites(n, "ctv_social_credit")
        and says(n, "lawyers' association", "Maya Wang")),
    Key("apologizing again",
        node=lambda n: factual(n) and cites(n, "ctv_social_credit") and says(n, "apologize again")),
    Key("taken off the travel list", effect=delisted_from("court_defaulters")),
    Key("then refused credit (mortgage or credit card)",
        event=refused({"mortgage", "credit_card"}, after="taken off the travel list", not_on="court_defaulters")),
    Key("the sources' disagreement on the second list shown",
        node=lambda n: cites(n, "ctv_social_credit", "sorrywatch_li") and says(n, "mortgage", "credit")
        and (says(n, "credit-card") or says(n, "credit card"))),
]

RONGCHENG = [
    Key("starts at 1,000 points (attributed)",
        node=lambda n: factual(n) and says(n, "1,000 points", "reported")),
    Key("both grade namings: the city's AAA...D and the press's A+++",
        node=lambda n: factual(n) and cites(n, "clt_rongcheng_measures") and says(n, "measures", "AAA", "A+++")),
    Key("how residents meet the score: they ask at a desk in city hall",
        node=lambda n: factual(n) and cites(n, "foreign_policy_2018") and says(n, "desk", "city hall")),
    Key("a confirmed point value with its reason (late utility fee -20)",
        node=lambda n: factual(n) and cites(n, "clt_rongcheng_standards") and says(n, "20 points")),
    Key("what a grade brings: 300 yuan off a heating bill",
        node=lambda n: cites(n, "economic_daily_2018") and says(n, "300 yuan")),
    Key("many residents barely notice the points",
        node=lambda n: factual(n) and cites(n, "clt_getting_rongcheng_right") and says(n, "ignore")),
    Key("punishments come from the law, not from the score",
        node=lambda n: cites(n, "clt_rongcheng_experience") and says(n, "low score alone")),
    Key("scoring now needs consent",
        node=lambda n: n.evidence == "documented" and cites(n, "clt_rongcheng_experience")
        and says(n, "informed consent")),
    Key("Suining's abandoned 2010 experiment", node=lambda n: factual(n) and says(n, "Suining", "2010")),
    # Lin is invented, so his scene is dramatized; it names the court's list and cites its rules
    Key("the court's list, not the points, stops travel",
        node=lambda n: cites(n, "clt_spc_2017") and says(n, "List of Dishonest Persons Subject to Enforcement")),
    Key("deposit-free bikes for high grades", starts=("main",),
        node=lambda n: cites(n, "technode_2018") and says(n, "deposit-free")),
    Key("better loan terms for high grades, as one report", starts=("main",),
        node=lambda n: cites(n, "interviews_feature") and says(n, "loan terms")),
    Key("popular support, as sourced statements", starts=("main",),
        node=lambda n: factual(n) and cites(n, "interviews_feature")
        and says(n, "nothing to fear", "meant to ensure")),
    Key("Black Mirror's 'Nosedive' brought up and answered", starts=("main",),
        node=lambda n: factual(n) and cites(n, "ctv_social_credit") and says(n, "Nosedive")),
    Key("businesses, the most developed part of the system", starts=("main",),
        node=lambda n: factual(n) and cites(n, "technode_2018") and says(n, "most developed", "businesses")),
]

KEYS = {"wei": WEI, "li_xiaolin": LI, "rongcheng": RONGCHENG}


def keys_for(life_id: str, start: str) -> list[Key]:
    return [k for k in KEYS[life_id] if start in k.starts]


# -- check 1: every path of the story, with numbers unknown -------------------------------------------
UNKNOWN = None  # a value that depends on numbers (money, points, grades) this check does not follow


def edges(node: Node) -> list[tuple[Choice | None, str]]:
    """Where a node can lead: (choice, target), with both outcomes of an attempt."""
    if node.choices:
        out: list[tuple[Choice | None, str]] = []
        for c in node.choices:
            out.append((c, c.to))
            if c.attempt and c.refused:
                out.append((c, c.refused))
        return out
    return [(None, node.next)] if node.next else []


def _calls(tree, name: str) -> list[tuple]:
    """The literal arguments of every call of `name` in an expression."""
    out: list[tuple] = []
    if isinstance(tree, tuple) and tree:
        if tree[0] == "call" and tree[1] == name:
            out.append(tuple(a[1] for a in tree[2]))
        for x in tree[1:]:
            for y in (x if isinstance(x, list) else [x]):
                if isinstance(y, tuple):
                    out += _calls(y, name)
    return out


class Abstract:
    """A run where yes/no variables, lists, appeals and visited() are followed exactly and every number
    is unknown. A condition that depends on a number counts as possibly true, and an attempt whose
    outcome depends on a grade may go either way, so these runs include every run real play allows."""

    def __init__(self, lf: Life, node: str, flags=None, lists=(), appeals=None, visited=()) -> None:
        self.lf = lf
        self.node = node
        self.flags: dict[str, bool | None] = dict(flags if flags is not None else
                                                  {k: v.initial for k, v in lf.variables.items()
                                                   if isinstance(v.initial, bool)})
        self.lists = set(lists)
        self.appeals: dict[str, tuple[str, str]] = dict(appeals or {})
        self.visited = set(visited)

    def copy(self) -> Abstract:
        return Abstract(self.lf, self.node, self.flags, self.lists, self.appeals, self.visited)

    def eval(self, t):
        """Three-valued: True, False or UNKNOWN."""
        k = t[0]
        if k in ("num", "str", "bool"):
            return t[1]
        if k == "name":
            return self.flags.get(t[1], UNKNOWN)
        if k == "not":
            v = self.eval(t[1])
            return UNKNOWN if v is UNKNOWN else not v
        if k == "bin":
            a, b = self.eval(t[2]), self.eval(t[3])
            if t[1] == "and":
                return False if False in (a, b) else UNKNOWN if UNKNOWN in (a, b) else True
            if t[1] == "or":
                return True if True in (a, b) else UNKNOWN if UNKNOWN in (a, b) else False
            if a is UNKNOWN or b is UNKNOWN or t[1] not in ("==", "!="):
                return UNKNOWN
            return (a == b) if t[1] == "==" else (a != b)
        if k == "call":
            name = t[1]
            args = [a[1] if a[0] == "str" else UNKNOWN for a in t[2]]
            if name == "on_list":
                return args[0] in self.lists
            if name == "visited":
                return args[0] in self.visited
            if name == "can_use":
                verdict = self.refusal(args[0])
                return UNKNOWN if verdict is UNKNOWN else not verdict
            if name == "appeal_result":
                return self.appeals.get(args[0], ("", ""))[1]
            if name == "appeal_at":
                step, result = self.appeals.get(args[0], ("", ""))
                return step == args[1] and not result
        return UNKNOWN  # numbers, points, grades, days, chance(), chose(), visits()

    def blocking(self, service_id: str) -> list[str]:
        w = story().world
        return sorted(i for i in self.lists if w.lists[i].kind == "blacklist" and service_id in w.lists[i].restricts)

    def refusal(self, service_id: str):
        """True: refused; False: allowed; UNKNOWN: it depends on the grade."""
        w = story().world
        if self.blocking(service_id):
            return True
        svc = w.services[service_id]
        if svc.requires is None:
            return False
        if any(w.lists[i].kind == "redlist" and service_id in w.lists[i].grants for i in self.lists):
            return False
        ok = self.eval(svc.requires)
        return UNKNOWN if ok is UNKNOWN else not ok

    def apply(self, effects: list[Effect]) -> None:
        for e in effects:
            if e.kind == "set":
                for name, tree, _src in e.args["values"]:
                    if name in self.flags:
                        self.flags[name] = self.eval(tree)
            elif e.kind == "add_to_list":
                self.lists.add(e.args["list"])
            elif e.kind == "remove_from_list":
                self.lists.discard(e.args["list"])
            elif e.kind == "appeal":
                proc = e.args["procedure"]
                step = self.appeals.get(proc, ("", ""))[0]
                self.appeals[proc] = (e.args["step"], "") if e.args["step"] else (step, e.args["result"])

    def enter(self, node_id: str) -> Node:
        self.node = node_id
        self.visited.add(node_id)
        node = self.lf.nodes[node_id]
        self.apply(node.effects)
        return node

    def fingerprint(self, watched: set[str], got: frozenset) -> str:
        return json.dumps([self.node, self.flags, sorted(self.lists), sorted(self.appeals.items()),
                           sorted(self.visited & watched), sorted(got)])


@dataclass
class Outcome:
    """A refused attempt, shaped like the engine's event, for Key.event."""

    kind: str
    data: dict


def meets(keys: list[Key], node: Node | None, effects: list[Effect], outcome: Outcome | None,
          lists: set[str], got: frozenset) -> frozenset:
    found = set(got)
    for k in keys:
        if k.name in found:
            continue
        if k.event is not None:
            if outcome is not None and k.event(outcome, found, lists):
                found.add(k.name)
        elif (node is not None and k.node(node)) or any(k.effect(e) for e in effects):
            found.add(k.name)
    return frozenset(found)


def abstract_search(life_id: str, start: str) -> list[tuple[list[str], list[str]]]:
    """Every abstract path from `start`; returns (path, missing keys) for each path that misses a key."""
    lf = life(life_id)
    keys = keys_for(life_id, start)
    want = {k.name for k in keys}
    watched = {args[0] for n in lf.nodes.values() for c in n.choices if c.cond is not None
               for args in _calls(c.cond, "visited")}
    root = Abstract(lf, start_node(lf, start))
    node = root.enter(root.node)
    stack = [(root, meets(keys, node, node.effects, None, root.lists, frozenset()), [root.node])]
    seen: set[str] = set()
    missing: list[tuple[list[str], list[str]]] = []
    while stack:
        run, got, path = stack.pop()
        if got >= want:
            continue
        fp = run.fingerprint(watched, got)
        if fp in seen:
            continue
        seen.add(fp)
        here = lf.nodes[run.node]
        if here.ending is not None:
            missing.append((path, sorted(want - got)))
            continue
        moves: list[tuple[Choice | None, str]] = [(None, here.next)] if not here.choices else [
            (c, c.to) for c in here.choices if c.cond is None or run.eval(c.cond) is not False]
        assert moves, f"{life_id}: no way on from '{run.node}'"
        for choice, target in moves:
            after = run.copy()
            effects = list(choice.effects) if choice is not None else []
            after.apply(effects)
            branches: list[tuple[str, Outcome | None]] = [(target, None)]
            if choice is not None and choice.attempt:
                verdict = after.refusal(choice.attempt)
                no = Outcome("refused", {"service_id": choice.attempt, "list_ids": after.blocking(choice.attempt)})
                branches = ([(choice.to, None)] if verdict is not True else []) + (
                    [(choice.refused or choice.to, no)] if verdict is not False else [])
            for target_id, outcome in branches:
                branch = after.copy()
                g = meets(keys, None, effects, outcome, branch.lists, got)
                entered = branch.enter(target_id)
                g = meets(keys, entered, entered.effects, None, branch.lists, g)
                stack.append((branch, g, path + [target_id]))
    return missing


CASES = [(lid, start) for lid in LIVES for start in STARTS]
EXACT = ("wei", "li_xiaolin")  # lives small enough for the exact state search in this file's time


@pytest.mark.parametrize(("life_id", "start"), CASES)
def test_key_events_on_every_path_of_the_story(life_id, start):
    missing = abstract_search(life_id, start)
    assert not missing, "\n".join(f"{life_id} ({start}): a path misses {lack}: {' > '.join(path)}"
                                  for path, lack in missing[:5])


# -- check 2: the exact state search -----------------------------------------------------------------
def _reads(tree, st: Story) -> set[str]:
    """What an expression reads: variable names, '#points', '@node' for visited(), '#other' for
    anything the fingerprint below does not track (random draws, days, the choice log)."""
    out: set[str] = set()

    def walk(t) -> None:
        if not isinstance(t, tuple) or not t:
            return
        if t[0] == "name":
            out.add("#points" if t[1] in ("points", "grade") else "#other" if t[1] == "days" else t[1])
        elif t[0] == "call":
            name, args = t[1], t[2]
            if name == "visited":
                out.add("@" + args[0][1])
            elif name in ("chance", "chose", "visits"):
                out.add("#other")
            elif name == "grade_at_least":
                out.add("#points")
            elif name == "can_use":
                svc = st.world.services[args[0][1]]
                if svc.requires is not None:
                    out.update(_reads(svc.requires, st))
            for a in args:
                walk(a)
        else:
            for x in t[1:]:
                walk(x)

    walk(tree)
    return out


def _through(effects: list[Effect], live: set[str], st: Story) -> set[str]:
    live = set(live)
    for e in reversed(effects):
        if e.kind == "set":
            for name, tree, _src in reversed(e.args["values"]):
                if name in live:
                    live.discard(name)
                    live |= _reads(tree, st)
    return live


def liveness(lf: Life) -> dict[str, set[str]]:
    """For each node: what the rest of any run from it can still read (a backward pass to a fixpoint)."""
    st = story()
    live: dict[str, set[str]] = {nid: set() for nid in lf.nodes}

    def entry(nid: str) -> set[str]:
        return _through(lf.nodes[nid].effects, live[nid], st)

    changed = True
    while changed:
        changed = False
        for nid, n in lf.nodes.items():
            new: set[str] = set()
            for c, target in edges(n):
                after = entry(target)
                if c is not None:
                    svc = st.world.services.get(c.attempt) if c.attempt else None
                    if svc is not None and svc.requires is not None:
                        after |= _reads(svc.requires, st)
                    new |= _through(c.effects, after, st)
                    if c.cond is not None:
                        new |= _reads(c.cond, st)
                else:
                    new |= after
            if not new <= live[nid]:
                live[nid] |= new
                changed = True
    return live


def _new_keys(keys: list[Key], seen: set, events, session: Session) -> set[str]:
    found: set[str] = set()
    for ev in events:
        for k in keys:
            if k.name in seen or k.name in found:
                continue
            if k.event is not None:
                if k.event(ev, seen | found, session.state.lists):
                    found.add(k.name)
            elif ev.kind in ("listed", "delisted"):
                kind = "add_to_list" if ev.kind == "listed" else "remove_from_list"
                if k.effect(Effect(kind, {"list": ev.data["list"]})):
                    found.add(k.name)
    for k in keys:
        if k.event is None and k.name not in seen and k.name not in found:
            if k.node(session.node):
                found.add(k.name)
            elif any(k.effect(Effect("travel", {"to": t["to"], "km": t["km"], "hours": t["hours"]}))
                     for t in session.state.travels):
                found.add(k.name)
    return found


def search_every_path(life_id: str, start: str) -> tuple[int, list[tuple[str, list[str], list[str]]]]:
    """Every path from `start`, merged by state; returns the states seen and the paths missing a key."""
    lf = life(life_id)
    keys = keys_for(life_id, start)
    want = {k.name for k in keys}
    live = liveness(lf)
    assert not any("#other" in v for v in live.values()), "a condition reads state the search does not track"
    root = Session(story(), life_id, start=start)
    stack = [(root, frozenset(_new_keys(keys, set(), root.last_events, root)))]
    seen_states: set[str] = set()
    missing: list[tuple[str, list[str], list[str]]] = []
    while stack:
        session, got = stack.pop()
        if got >= want:
            continue
        s = session.state
        here = live[s.node]
        fp = json.dumps([s.node, {v: s.vars[v] for v in sorted(here) if v in s.vars},
                         s.points if "#points" in here else None, sorted(s.lists), s.appeals,
                         sorted(v for v in here if v.startswith("@") and v[1:] in s.visits), sorted(got)],
                        sort_keys=True)
        if fp in seen_states:
            continue
        seen_states.add(fp)
        assert len(seen_states) <= SEARCH_LIMIT, f"{life_id}: the state search grew too large"
        if session.ended:
            missing.append((s.node, sorted(want - got), [c for _, c in s.log]))
            continue
        for cid in session.enabled_choices():
            child = session.fork()
            events = child.choose(cid)
            stack.append((child, got | _new_keys(keys, set(got), events, child)))
    return len(seen_states), missing


@pytest.mark.parametrize(("life_id", "start"), [c for c in CASES if c[0] in EXACT])
def test_key_events_on_every_path_of_play(life_id, start):
    states, missing = search_every_path(life_id, start)
    assert states > 0
    assert not missing, "\n".join(f"{life_id} ({start}) ends at '{end}' without {lack}; choices: {log}"
                                  for end, lack, log in missing[:5])


# -- check 3: seeded random runs ---------------------------------------------------------------------
@dataclass
class Run:
    session: Session
    keys: set[str] = field(default_factory=set)
    words: int = 0
    real_choices: int = 0
    screens: int = 0


def screen_words(session: Session) -> int:
    view = session.view()
    return count_words(view.node.text.en) + sum(count_words(c.label.en) for c in view.choices)


def play(life_id: str, start: str, seed: int) -> Run:
    rng = random.Random(seed)
    session = Session(story(), life_id, seed=seed, start=start)
    keys = keys_for(life_id, start)
    run = Run(session, _new_keys(keys, set(), session.last_events, session))
    for _ in range(500):
        run.words += screen_words(session)
        run.screens += 1
        if session.ended:
            return run
        options = session.enabled_choices()
        assert options, f"{life_id}: dead end at '{session.state.node}'"
        if len(options) > 1:
            run.real_choices += 1
        events = session.choose(rng.choice(options))
        run.keys |= _new_keys(keys, run.keys, events, session)
    raise AssertionError(f"{life_id}: a run did not end")


@cache
def runs(life_id: str, start: str) -> tuple[Run, ...]:
    return tuple(play(life_id, start, seed) for seed in range(RANDOM_RUNS))


@pytest.mark.parametrize(("life_id", "start"), CASES)
def test_key_events_in_random_runs(life_id, start):
    want = {k.name for k in keys_for(life_id, start)}
    for run in runs(life_id, start):
        s = run.session.state
        assert s.ended
        lack = want - run.keys
        assert not lack, f"{life_id} ({start}) seed {s.seed} ends at '{s.node}' without {sorted(lack)}"
    if life_id == "rongcheng":
        scheme = story().world.schemes[life(life_id).scheme]
        assert scheme.start == 1000
        for run in runs(life_id, start):
            # every change in points the player sees says what it was for (the event shows the value)
            for entry in run.session.state.points_log:
                assert entry["change"] and entry["reason"].strip(), entry


def test_rongcheng_starts_at_1000_points():
    for start in STARTS:
        session = Session(story(), "rongcheng", start=start)
        assert session.state.points == 1000
        assert session.rules.grade() == "A"


def test_every_points_change_names_its_basis():
    """Each reason says where its value comes from: the city's standards, or who reported it. The
    event shows the value itself, so the reason need not repeat it (nor nest brackets inside the
    event's own)."""
    lf = life("rongcheng")
    for where, e in all_effects(lf):
        if e.kind != "points":
            continue
        reason = e.args["reason"].en
        assert re.search(r"assessment standards|reported by", reason), f"{where}: say where the value comes from"
        assert "(" not in reason and ")" not in reason, f"{where}: the event puts the reason in brackets already"


def test_li_leaves_the_travel_list_before_the_credit_refusal():
    for start in STARTS:
        for run in runs("li_xiaolin", start):
            s = run.session.state
            assert "court_defaulters" not in s.lists
            assert "credit_blacklist" in s.lists


def test_wei_trip_is_beijing_to_chengdu():
    lf = life("wei")
    assert lf.place == "beijing" and lf.date.startswith("2016-05")
    for start in STARTS:
        for run in runs("wei", start):
            trips = [(t["from"], t["to"], t["km"], t["hours"]) for t in run.session.state.travels]
            assert ("beijing", "chengdu", 1800, 20) in trips, trips


# -- (a) sources ---------------------------------------------------------------------------------------
def low(ids: list[str]) -> bool:
    return bool(ids) and all(story().sources[i].trust == "low" for i in ids)


@pytest.mark.parametrize("life_id", LIVES)
def test_factual_nodes_cite_known_sources(life_id):
    known = story().sources
    for node in life(life_id).nodes.values():
        assert all(s in known for s in node.sources), (node.id, node.sources)
        if factual(node):
            assert node.sources, f"{life_id}: '{node.id}' is {node.evidence} but cites nothing"
            assert not low(node.sources), f"{life_id}: '{node.id}' rests on low-trust sources only"


@pytest.mark.parametrize("life_id", LIVES)
def test_debriefs_and_myths_cite_known_sources(life_id):
    known = story().sources
    for d in life(life_id).debriefs.values():
        sections = [("what_happened", d.what_happened), ("not_known", d.not_known), ("dramatized", d.dramatized)]
        for name, section in sections:
            if section is not None:
                assert all(s in known for s in section.sources), (d.id, name)
        assert d.what_happened.sources, f"{d.id}: 'what happened' cites nothing"
        assert not low(d.what_happened.sources)
        assert d.sources and all(s in known for s in d.sources)
        cited = set(d.what_happened.sources) | {s for m in d.myths for s in m.sources}
        assert cited <= set(d.sources), f"{d.id}: the debrief's source list lacks {sorted(cited - set(d.sources))}"
        for m in d.myths:
            assert m.sources and all(s in known for s in m.sources), (d.id, m.id)
            assert m.answer in ("myth", "fact", "mixed")
            if m.answer == "fact":
                assert not low(m.sources), f"{d.id}/{m.id}: a fact needs more than a low-trust source"
            if "listicle_grim" in m.sources:
                assert m.answer != "fact" or len(m.sources) > 1, (d.id, m.id)


def test_no_node_rests_on_the_listicle():
    for lid in LIVES:
        for node in life(lid).nodes.values():
            assert "listicle_grim" not in node.sources, f"{lid}/{node.id}: the listicle backs only myth-or-fact items"


def test_glossary_terms_cite_sources():
    known = story().sources
    for term in story().glossary.values():
        assert term.sources and all(s in known for s in term.sources), term.id
        assert not low(term.sources), f"glossary '{term.id}' rests on low-trust sources only"


def test_bibliography():
    for src in story().sources.values():
        assert src.trust in ("high", "medium", "low"), src.id
        assert src.outlet, src.id
        if src.date:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", src.date), (src.id, src.date)
    assert story().sources["listicle_grim"].trust == "low"


# -- numbers, unconfirmed claims and disagreements -------------------------------------------------------
def texts() -> list[tuple[str, str, bool]]:
    """(where, English text, whether the text is invented) for every node, debrief and glossary text."""
    out: list[tuple[str, str, bool]] = []
    for lid in LIVES:
        lf = life(lid)
        for n in lf.nodes.values():
            out.append((f"{lid}/{n.id}", n.text.en, n.evidence == "dramatized"))
        for d in lf.debriefs.values():
            for name in ("what_happened", "not_known", "dramatized"):
                section = getattr(d, name)
                if section is not None:
                    out.append((f"{lid}/debrief/{name}", section.text.en, False))
            for m in d.myths:
                out.append((f"{lid}/myth/{m.id}", m.claim.en + " " + m.explanation.en, False))
    for t in story().glossary.values():
        out.append((f"glossary/{t.id}", t.text.en, False))
    return out


OUTLETS = ("China Daily", "Shanghai Daily", "CTV", "TechNode", "NDRC", "Economic Daily", "Qilu", "SCMP",
           "South China Morning Post", "Foreign Policy", "NPR", "Global Times")


def test_figures_carry_a_date_and_a_source():
    """Counts of blocked tickets and listed people, and the melamine figures, name a date and an outlet
    in the text itself (glossary entries list their sources beside the text)."""
    for where, text, _ in texts():
        if where.startswith("glossary/") or not re.search(r"\b(million|300,000)\b", text):
            continue
        assert re.search(r"\b(19|20)\d\d\b|no year", text), f"{where}: a figure without a date"
        assert any(o in text for o in OUTLETS), f"{where}: a figure without its source"


def test_unconfirmed_claims_are_attributed():
    for where, text, invented in texts():
        if "1,050" in text:  # the Rongcheng grade bands
            assert "not confirmed" in text or "could not be confirmed" in text, where
        if "mortgage blacklist" in text and where.startswith("li_xiaolin"):
            assert "Wang" in text or "CTV" in text, f"{where}: the mortgage blacklist is one account"
        if "lawyers' association" in text and not invented:
            assert "Wang" in text or "one account" in text, f"{where}: the lawyers' association is one account"
        if re.search(r"start\w* (with|at|of) 1,000|1,000-point start", text) and not invented \
                and "Suining" not in text:
            assert re.search(r"reported|Foreign Policy|TechNode|journalists|confirmed", text, re.I), where


def test_disagreements_are_shown():
    for where, text, _ in texts():
        if "Suining" in text and "1,000" in text:
            assert "maximum" in text or "the most you could have" in text, f"{where}: show the Suining disagreement"
        if "A+++" in text:
            assert "AAA" in text, f"{where}: say which press grade is which city grade"
        lf_2016 = where.split("/")[0] in ("wei", "li_xiaolin")
        if lf_2016 and re.search(r"\b(15|10) days\b", text) and "/debrief/" not in where and "/myth/" not in where:
            node = life(where.split("/")[0]).nodes[where.split("/")[1]]
            if factual(node):
                assert "2017" in text, f"{where}: the 15/10-day limits are from the 2017 rules"
        if where.startswith("glossary/") and re.search(r"\b(15|10) days\b|3 working days", text):
            assert "2017" in text, where
    li_debrief = life("li_xiaolin").debriefs["li_xiaolin"]
    for section in (li_debrief.what_happened, li_debrief.not_known):
        assert "mortgage" in section.text.en and "credit card" in section.text.en


# -- (c), (d) length -----------------------------------------------------------------------------------
def minutes(words: int, real_choices: int) -> float:
    return words / WORDS_PER_MINUTE + real_choices * SECONDS_PER_CHOICE / 60


def short_paths(life_id: str, limit: int = 20_000) -> list[tuple[int, int, str]]:
    """(words, real choices, ending) for every path of the short start, without merging."""
    out: list[tuple[int, int, str]] = []
    stack = [(Session(story(), life_id, start="short"), 0, 0)]
    while stack:
        session, words, real = stack.pop()
        words += screen_words(session)
        if session.ended:
            out.append((words, real, session.state.node))
            assert len(out) <= limit, f"{life_id}: too many short paths to count"
            continue
        options = session.enabled_choices()
        assert options, f"{life_id}: dead end at '{session.state.node}'"
        for cid in options:
            child = session.fork()
            child.choose(cid)
            stack.append((child, words, real + (len(options) > 1)))
    return out


@pytest.mark.parametrize("life_id", LIVES)
def test_short_path_fits_in_five_minutes(life_id):
    lf = life(life_id)
    assert lf.short is not None and lf.short.minutes <= SHORT_MAX_MINUTES
    paths = short_paths(life_id)
    assert paths
    for words, real, end in paths:
        assert words <= SHORT_MAX_MINUTES * WORDS_PER_MINUTE, f"{life_id}: a short path to '{end}' has {words} words"
        assert minutes(words, real) <= SHORT_MAX_MINUTES + 0.5
    assert all(lf.nodes[end].ending is not None for _, _, end in paths)


@pytest.mark.parametrize("life_id", LIVES)
def test_main_run_takes_15_to_25_minutes(life_id):
    sample = runs(life_id, "main")
    for run in sample:
        assert MAIN_WORDS[0] <= run.words <= MAIN_WORDS[1], (
            f"{life_id} seed {run.session.state.seed}: {run.words} words")
    typical = statistics.median(minutes(r.words, r.real_choices) for r in sample)
    assert MAIN_MINUTES[0] <= typical <= MAIN_MINUTES[1], f"{life_id}: a typical run takes {typical:.1f} minutes"
    assert MAIN_MINUTES[0] <= life(life_id).minutes <= MAIN_MINUTES[1]


# -- (e) shape -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("life_id", LIVES)
def test_life_shape(life_id):
    lf = life(life_id)
    assert lf.content_note.en.strip()
    endings = {r.session.state.node for r in runs(life_id, "main")}
    assert len(endings) >= 3, f"{life_id}: main runs reach only {sorted(endings)}"
    assert all(r.real_choices >= 12 for r in runs(life_id, "main")), (
        f"{life_id}: a main run had only {min(r.real_choices for r in runs(life_id, 'main'))} real choices")
    for node in lf.endings():
        assert node.ending.debrief in lf.debriefs
    for d in lf.debriefs.values():
        assert 4 <= len(d.myths) <= 6, f"{d.id}: {len(d.myths)} myths"
        assert 3 <= len(d.questions) <= 5, f"{d.id}: {len(d.questions)} questions"
        assert d.not_known is not None and d.dramatized is not None, d.id
