"""The explorer: plays every life systematically and at random, and reports what it could not reach.

It walks every choice path (merging paths that reach an identical state) up to a bound, then makes
seeded runs that prefer choices not yet taken, then seeded random runs with undo. It reports node,
choice and ending coverage, dead ends, crashes and nodes never reached. Exit status 1 means a
problem was found.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field

from .. import DEFAULT_STORY
from ..engine.model import Story
from ..engine.runtime import Session
from .common import load_or_report

MAX_STATES = 3000
MAX_STEPS = 400


@dataclass
class Coverage:
    life: str
    nodes: set[str] = field(default_factory=set)
    choices: set[tuple[str, str]] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    enabled: set[tuple[str, str]] = field(default_factory=set)  # choices seen enabled at least once
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    states: int = 0
    runs: int = 0
    truncated: bool = False


def _fingerprint(session: Session) -> str:
    s = session.state.to_dict()
    s["log"] = sorted({f"{n}:{c}" for n, c in s["log"]})
    return json.dumps(s, sort_keys=True, default=str)


def _record(cov: Coverage, session: Session) -> None:
    node = session.node
    cov.nodes.add(node.id)
    if node.ending is not None:
        cov.endings.add(node.id)
    elif node.choices:
        cov.enabled.update((node.id, cid) for cid in session.enabled_choices())


def _step(cov: Coverage, session: Session, choice_id: str) -> bool:
    node_id = session.state.node
    try:
        session.choose(choice_id)
    except Exception as exc:  # a crash is exactly what the explorer exists to find
        cov.problems.append(f"crash at node '{node_id}' choosing '{choice_id}': {type(exc).__name__}: {exc}")
        return False
    cov.choices.add((node_id, choice_id))
    _record(cov, session)
    return True


def _dead_end(cov: Coverage, session: Session) -> bool:
    if session.ended:
        return False
    if not session.enabled_choices():
        msg = f"dead end at node '{session.state.node}': no choice is available (path: {_path(session)})"
        if msg not in cov.problems:
            cov.problems.append(msg)
        return True
    return False


def _path(session: Session) -> str:
    steps = [c for _, c in session.state.log]
    return " > ".join(steps[-8:]) if steps else "the start"


def _systematic(cov: Coverage, story: Story, life_id: str, starts: list[str], seed: int, max_states: int) -> None:
    """Every choice path from every start, merging paths that reach an identical state."""
    seen: set[str] = set()
    for start in starts:
        try:
            root = Session(story, life_id, seed=seed, start=start)
        except Exception as exc:
            cov.problems.append(f"crash starting at '{start}': {type(exc).__name__}: {exc}")
            continue
        _record(cov, root)
        stack = [root]
        while stack:
            session = stack.pop()
            fp = _fingerprint(session)
            if fp in seen:
                continue
            seen.add(fp)
            cov.states += 1
            if cov.states > max_states:
                cov.truncated = True
                return
            if session.ended or _dead_end(cov, session):
                continue
            if len(session.state.log) >= MAX_STEPS:
                cov.problems.append(f"a path runs longer than {MAX_STEPS} choices (path: {_path(session)})")
                continue
            for cid in session.enabled_choices():
                child = session.fork()
                if _step(cov, child, cid):
                    stack.append(child)


def _run(cov: Coverage, story: Story, life_id: str, start: str, rng: random.Random, guided: bool,
         allow_undo: bool) -> None:
    """One seeded run to an ending; guided runs prefer choices no run has taken yet."""
    try:
        session = Session(story, life_id, seed=rng.randrange(1 << 30), start=start)
    except Exception as exc:
        cov.problems.append(f"crash starting at '{start}': {type(exc).__name__}: {exc}")
        return
    cov.runs += 1
    _record(cov, session)
    for _ in range(MAX_STEPS):
        if session.ended or _dead_end(cov, session):
            return
        options = session.enabled_choices()
        if allow_undo and session.can_undo and rng.random() < 0.05:
            session.undo(rng.randint(1, 3))
            continue
        if guided:
            fresh = [c for c in options if (session.state.node, c) not in cov.choices]
            options = fresh or options
        if not _step(cov, session, rng.choice(options)):
            return
    cov.problems.append(f"a run did not end within {MAX_STEPS} choices (path: {_path(session)})")


def explore_life(story: Story, life_id: str, random_runs: int = 200, seed: int = 0,
                 max_states: int = MAX_STATES, guided_runs: int = 300) -> Coverage:
    life = story.lives[life_id]
    cov = Coverage(life_id)
    starts = ["main"] + (["short"] if life.short else []) + [f"chapter:{c.id}" for c in life.chapters]
    _systematic(cov, story, life_id, starts, seed, max_states)
    rng = random.Random(seed)
    for i in range(guided_runs):
        _run(cov, story, life_id, starts[i % len(starts)], rng, guided=True, allow_undo=False)
    for _ in range(random_runs):
        _run(cov, story, life_id, rng.choice(starts), rng, guided=False, allow_undo=True)
    all_nodes = set(life.nodes)
    for nid in sorted(all_nodes - cov.nodes):
        cov.problems.append(f"node '{nid}' was never reached")
    all_endings = {n.id for n in life.endings()}
    for nid in sorted(all_endings - cov.endings - (all_nodes - cov.nodes)):
        cov.problems.append(f"ending '{nid}' was never reached")
    _unreached_choices(cov, story, life_id)
    return cov


def _unreached_choices(cov: Coverage, story: Story, life_id: str) -> None:
    """Name each choice of a reached node that no run took, and say why when it was never even enabled.

    A choice offered but never taken is a gap in the exploration (a problem); a choice whose condition
    was false in every state explored can probably never be enabled, which is the author's to check."""
    bound = f"{cov.states} states and {cov.runs} runs"
    for node in story.lives[life_id].nodes.values():
        if node.id not in cov.nodes:
            continue  # already named as a node never reached
        for c in node.choices:
            if (node.id, c.id) in cov.choices:
                continue
            label = " ".join(c.label.en.split())
            if (node.id, c.id) in cov.enabled:
                cov.problems.append(f"choice '{c.id}' (\"{label}\") at node '{node.id}' was never taken")
            elif c.cond_src:
                cov.warnings.append(f"choice '{c.id}' (\"{label}\") at node '{node.id}' was never enabled in "
                                    f"{bound}: its condition `{c.cond_src}` may never be true")
            else:
                cov.warnings.append(f"choice '{c.id}' (\"{label}\") at node '{node.id}' was never enabled in "
                                    f"{bound}")


def total_choices(story: Story, life_id: str) -> int:
    life = story.lives[life_id]
    return sum(len(n.choices) if n.choices else (1 if n.next else 0) for n in life.nodes.values())


def run(args: argparse.Namespace) -> int:
    story = load_or_report(args.story or DEFAULT_STORY)
    if story is None:
        return 1
    lives = [args.character] if args.character else list(story.lives)
    for lid in lives:
        if lid not in story.lives:
            print(f"no life '{lid}'; choose one of: {', '.join(story.lives)}", file=sys.stderr)
            return 1
    n_nodes = n_reached = n_choices = n_taken = n_end = n_end_reached = 0
    problems = warnings = 0
    for lid in lives:
        life = story.lives[lid]
        cov = explore_life(story, lid, random_runs=args.runs, seed=args.seed)
        choices = total_choices(story, lid)
        endings = len(life.endings())
        taken = len({(n, c) for n, c in cov.choices})
        print(f"{lid}: nodes {len(cov.nodes)}/{len(life.nodes)}, choices {taken}/{choices}, "
              f"endings {len(cov.endings)}/{endings}; {cov.states} states explored"
              f"{' (bound reached)' if cov.truncated else ''}, {cov.runs} random runs")
        for p in cov.problems:
            print(f"  problem: {p}")
        for w in cov.warnings:
            print(f"  warning: {w}")
        problems += len(cov.problems)
        warnings += len(cov.warnings)
        n_nodes += len(life.nodes)
        n_reached += len(cov.nodes)
        n_choices += choices
        n_taken += taken
        n_end += endings
        n_end_reached += len(cov.endings)
    pct = lambda a, b: 100.0 * a / b if b else 100.0  # noqa: E731
    print(f"coverage: nodes {n_reached}/{n_nodes} ({pct(n_reached, n_nodes):.0f}%), choices {n_taken}/{n_choices} "
          f"({pct(n_taken, n_choices):.0f}%), endings {n_end_reached}/{n_end} ({pct(n_end_reached, n_end):.0f}%); "
          f"{problems} problem{'s' if problems != 1 else ''}"
          + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""))
    return 1 if problems else 0



def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--character", help="only this life")
    p.add_argument("--story", help="story folder (default: the shipped story)")
    p.add_argument("--runs", type=int, default=200, help="seeded random runs per life (default 200)")
    p.add_argument("--seed", type=int, default=0)
