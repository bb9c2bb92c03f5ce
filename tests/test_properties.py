"""Property-based tests: bad input only ever gives reported diagnostics, and play never breaks.

1. Random text, random bytes and randomly mutated story data fed to the loader and validator give
   located diagnostics with registered codes: never an exception, never a hang.
2. A mutated story that validates without errors can be played without a crash.
3. Random choice sequences, with undo, on every life of every story (the example story, the runtime
   test story and the shipped story) never crash and always leave a valid state: the node exists,
   the state survives a JSON round trip, the points match their log, undo restores the earlier
   state exactly, and resuming the saved state replays to the same state.
"""

from __future__ import annotations

import atexit
import copy
import functools
import json
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from game.engine.diagnostics import CODES
from game.engine.runtime import InvalidChoice, Session
from game.engine.state import GameState
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
RUNTIME = ROOT / "tests" / "fixtures" / "runtime_story"
BASE = ROOT / "tests" / "fixtures" / "broken" / "base"
SHIPPED = ROOT / "story"

FAST = settings(max_examples=examples(120), deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- helpers ------------------------------------------------------------------------------------------
def check_report(result) -> None:
    for d in result.report.items:
        assert d.code in CODES
        assert d.line >= 1 and d.col >= 1, str(d)
        assert d.message and "\n" not in d.message, str(d)
        str(d)  # formats without error
    if result.story is None:
        assert result.report.errors, "a story that failed to load must say why"


class Scratch:
    """A copy of a story in a temporary folder whose files the examples overwrite."""

    def __init__(self, source: Path) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="otl-prop-"))
        atexit.register(shutil.rmtree, self.dir, ignore_errors=True)
        self.root = self.dir / "story"
        shutil.copytree(source, self.root)
        self.originals = {p.relative_to(self.root).as_posix(): p.read_bytes()
                          for p in self.root.rglob("*.yaml")}

    def reset(self) -> None:
        for rel, data in self.originals.items():
            (self.root / rel).write_bytes(data)


@functools.cache
def scratch(source: str) -> Scratch:
    return Scratch(Path(source))


@functools.cache
def loaded(path: str):
    return load_and_validate(path)


# -- 1. random input to the loader and validator ----------------------------------------------------
YAMLISH = st.lists(st.sampled_from(list("abcz09 :-?[]{},&*!|>'\"#%@`\t\n\\.=~<\u00e9") +
                                     ["\n  ", "- ", ": ", "id", "text", "true", "~", "!!str", "&a", "*a"]),
                    max_size=80).map("".join)


@FAST
@given(st.text(max_size=300) | YAMLISH)
def test_random_text_gives_only_diagnostics(text):
    s = scratch(str(BASE))
    s.reset()
    (s.root / "life.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    check_report(load_and_validate(s.root))


@FAST
@given(st.binary(max_size=300), st.sampled_from(["story.yaml", "sources.yaml", "world.yaml", "life.yaml"]))
def test_random_bytes_give_only_diagnostics(data, name):
    s = scratch(str(BASE))
    s.reset()
    (s.root / name).write_bytes(data)
    result = load_and_validate(s.root)
    check_report(result)
    assert result.report.errors or data.strip() == b"" or result.story is not None


# Values a mutation may put anywhere: ids and expressions of the example story, odd scalars, nesting.
WORDS = ["station", "refused", "slow", "home", "main", "court_list", "fast_train", "free_bike", "objection",
         "hall", "loan", "train", "honour_list", "city", "review", "kim", "lucky", "win", "escalate",
         "filed", "town_points", "beijing", "chengdu", "technode_2018", "money", "called_court", "A", "B",
         "documented", "reported", "dramatized", "dialogue", "system", "blacklist", "redlist", "granted",
         "on_list(\"court_list\")", "money > 3", "money - 20", "chance(50)", "visited(\"slow\")",
         "grade_at_least(\"A\")", "can_use(\"free_bike\")", "not", "points", "grade", "days", "2016-05-10",
         "2016-02-30", "", " ", "id", "text", "to", "next", "ending", "choices", "effects", "if", "reason"]
KEYS = st.sampled_from(["id", "text", "to", "next", "ending", "choices", "effects", "kind", "evidence", "sources",
                        "label", "if", "reason", "attempt", "refused", "set", "flag", "points", "add_to_list",
                        "remove_from_list", "appeal", "journal", "wait", "date", "travel", "debrief", "title",
                        "speaker", "place", "screen", "change", "list", "procedure", "step", "result", "days",
                        "label", "by", "hours", "km", "initial", "show", "start", "minutes", "scheme", "bogus"])
SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, width=32)
           | st.sampled_from(WORDS) | st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
                      max_leaves=6)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _mutate(doc, data) -> None:
    paths = [p for p in _paths(doc) if p]
    path = data.draw(st.sampled_from(paths))
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    what = data.draw(st.sampled_from(["replace", "delete", "add", "duplicate", "rename"]))
    if what == "replace":
        parent[last] = data.draw(VALUES)
    elif what == "delete":
        del parent[last]
    elif what == "add":
        if isinstance(parent, dict):
            parent[data.draw(KEYS)] = data.draw(VALUES)
        else:
            parent.insert(last, data.draw(VALUES))
    elif what == "duplicate":
        if isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        else:
            parent[data.draw(KEYS)] = copy.deepcopy(parent[last])
    elif isinstance(parent, dict):
        parent[data.draw(KEYS)] = parent.pop(last)


def _play_a_little(story, data) -> None:
    for life_id in story.lives:
        try:
            session = Session(story, life_id, seed=data.draw(st.integers(0, 99)))
        except KeyError:
            continue
        for _ in range(12):
            options = session.enabled_choices()
            if not options:
                break
            session.choose(data.draw(st.sampled_from(options)))
            assert session.state.node in session.life.nodes


@settings(max_examples=examples(150), deadline=timedelta(seconds=5),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_stories_give_only_diagnostics_and_valid_ones_play(data):
    s = scratch(str(data.draw(st.sampled_from([EXAMPLE, RUNTIME]), label="story")))
    s.reset()
    rel = data.draw(st.sampled_from(sorted(s.originals)))
    doc = yaml.safe_load(s.originals[rel].decode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        if not isinstance(doc, (dict, list)) or not doc:
            break
        _mutate(doc, data)
    (s.root / rel).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = load_and_validate(s.root)
    check_report(result)
    if result.story is not None and not result.report.errors:
        _play_a_little(result.story, data)


# -- 3. random play on every life of every story ---------------------------------------------------------
def _check_state(session: Session) -> None:
    state = session.state
    assert state.node in session.life.nodes
    data = state.to_dict()
    again = GameState.from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data
    scheme = session.story.world.schemes.get(session.life.scheme) if session.life.scheme else None
    if scheme is None:
        assert state.points is None and state.points_log == []
    else:
        running = scheme.start
        for entry in state.points_log:
            running += entry["change"]
            assert entry["points"] == running
        assert state.points == running
    assert len(session.history) == len(state.log) + 1
    assert session.ended == (session.node.ending is not None)


def _random_play(story, data) -> None:
    life_id = data.draw(st.sampled_from(sorted(story.lives)), label="life")
    life = story.lives[life_id]
    starts = ["main"] + (["short"] if life.short else []) + [f"chapter:{c.id}" for c in life.chapters]
    start = data.draw(st.sampled_from(starts), label="start")
    seed = data.draw(st.integers(0, 2**31 - 1), label="seed")
    session = Session(story, life_id, seed=seed, start=start)
    snapshots = [session.state.to_dict()]
    _check_state(session)
    for _ in range(data.draw(st.integers(0, 40), label="steps")):
        if data.draw(st.integers(0, 9)) == 0 and session.can_undo:
            k = data.draw(st.integers(1, len(session.state.log)), label="undo")
            assert session.undo(k)
            del snapshots[len(snapshots) - k:]
            assert session.state.to_dict() == snapshots[-1]
        else:
            view = session.view()
            if view.is_ending:
                break
            enabled = [c for c in view.choices if c.enabled]
            assert enabled, f"dead end at {session.state.node}"
            assert [c.number for c in view.choices] == list(range(1, len(view.choices) + 1))
            for c in view.choices:
                assert c.enabled or c.reason is not None, "a disabled choice must show its reason"
            pick = data.draw(st.sampled_from(enabled))
            try:
                session.choose(pick.id)
            except InvalidChoice as exc:  # pragma: no cover - a shown, enabled choice must be takeable
                raise AssertionError(f"enabled choice refused: {exc}") from exc
            snapshots.append(session.state.to_dict())
        _check_state(session)
    resumed, message = Session.resume(story, json.loads(json.dumps(session.state.to_dict())))
    assert message is None
    assert resumed.state.to_dict() == session.state.to_dict()


PLAY = settings(max_examples=examples(60), deadline=timedelta(seconds=10),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PLAY
@given(st.data())
def test_random_play_on_the_example_story(data):
    result = loaded(str(EXAMPLE))
    assert not result.report.items
    _random_play(result.story, data)


@PLAY
@given(st.data())
def test_random_play_on_the_runtime_test_story(data):
    result = loaded(str(RUNTIME))
    assert not result.report.items
    _random_play(result.story, data)


def test_shipped_story_validates_without_errors():
    result = loaded(str(SHIPPED))
    errors = [str(d) for d in result.report.sorted() if d.is_error]
    assert result.story is not None and not errors, "the shipped story has errors:\n" + "\n".join(errors)
    assert result.story.lives, "the shipped story has no lives"


@PLAY
@given(st.data())
def test_random_play_on_every_shipped_life(data):
    """Runs over whatever lives story/story.yaml lists now; a shipped story with errors fails here."""
    result = loaded(str(SHIPPED))
    errors = [str(d) for d in result.report.sorted() if d.is_error]
    assert result.story is not None and not errors, "the shipped story has errors:\n" + "\n".join(errors[:20])
    _random_play(result.story, data)
