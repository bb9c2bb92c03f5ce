"""The runtime: choices (enabled, disabled with reasons, hidden), effects and their events, undo,
history, state as JSON, resuming after a story edit, and exact replays."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine.events import Event, describe
from game.engine.model import Effect, Text
from game.engine.runtime import CONTINUE, InvalidChoice, Session
from game.engine.state import STATE_VERSION, GameState
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "tests" / "fixtures" / "runtime_story"
EXAMPLE = ROOT / "docs" / "example-story"


@pytest.fixture(scope="module")
def story():
    result = load_and_validate(RUNTIME)
    assert not result.report.items, [str(d) for d in result.report.items]
    return result.story


def kinds(events):
    return [e.kind for e in events]


def shown(session):
    return [(c.number, c.id, c.enabled, c.reason.en if c.reason else None) for c in session.view().choices]


def line(event: Event) -> str:
    return describe(event, lambda t: t.en if isinstance(t, Text) else ("" if t is None else str(t)))


# -- starting -------------------------------------------------------------------------------------------
def test_start_state(story):
    s = Session(story, "kim", seed=3)
    st = s.state
    assert (st.life, st.node, st.date, st.place, st.start, st.seed) == ("kim", "hall", "2016-05-10", "home", "main", 3)
    assert st.points == 1000 and st.vars == {"money": 100, "lucky": False}
    assert st.visits == {"hall": 1} and st.log == [] and not s.ended and not s.can_undo
    assert [h.node for h in s.history] == ["hall"]


def test_chapter_start_applies_its_setup(story):
    s = Session(story, "kim", start="chapter:listed")
    assert "court_list" in s.state.lists
    assert kinds(s.last_events) == ["listed"]
    assert s.state.start == "chapter:listed"


def test_short_start_and_bad_starts(story):
    assert Session(story, "kim", start="short").state.node == "hall"
    with pytest.raises(KeyError):
        Session(story, "kim", start="chapter:nope")
    with pytest.raises(KeyError):
        Session(story, "kim", start="sideways")
    with pytest.raises(KeyError):
        Session(story, "nobody")


# -- choices -----------------------------------------------------------------------------------------------
def test_choices_are_numbered_disabled_with_reasons_or_hidden(story):
    s = Session(story, "kim")
    assert shown(s) == [
        (1, "train", True, None), (2, "loan", True, None),
        (3, "taxi", False, "You cannot afford a taxi"),  # `if` false, with a reason: shown disabled
        (4, "fine", True, None), (5, "ignore", True, None), (6, "volunteer", True, None), (7, "gamble", True, None),
        (8, "object", False, "There is nothing to object to"),
    ]  # "secret" (`if` false, no reason) is hidden
    assert s.enabled_choices() == ["train", "loan", "fine", "ignore", "volunteer", "gamble"]
    assert s.view().choices[0].attempt == "train"


def test_a_hidden_choice_appears_when_its_condition_holds(story):
    s = Session(story, "kim")
    s.choose("gamble")
    assert "secret" not in [c.id for c in s.view().choices]
    s.choose("gamble")  # visits("hall") is now 3
    assert (3, "secret", True, None) in shown(s)
    s.choose("secret")
    assert s.ended and s.state.node == "home"


def test_unavailable_choices_are_refused(story):
    s = Session(story, "kim")
    for bad in ("taxi", "secret", "nope", CONTINUE):
        with pytest.raises(InvalidChoice):
            s.choose(bad)
    assert s.state.log == [] and s.state.node == "hall"


def test_continue_nodes_and_endings(story):
    s = Session(story, "kim")
    s.choose("train")
    assert s.state.node == "on_train"
    view = s.view()
    assert [(c.id, c.label.en, c.enabled) for c in view.choices] == [(CONTINUE, "Continue", True)]
    with pytest.raises(InvalidChoice):
        s.choose("train")
    s.choose(CONTINUE)
    assert s.ended and s.view().is_ending and s.view().choices == [] and s.state.ended
    with pytest.raises(InvalidChoice):
        s.choose(CONTINUE)


# -- services, lists, grades --------------------------------------------------------------------------
def test_an_allowed_attempt_goes_to_its_target(story):
    s = Session(story, "kim")
    events = s.choose("train")
    assert kinds(events) == ["allowed", "travel"]
    assert line(events[0]) == "ALLOWED: Buy a train ticket."
    assert s.state.node == "on_train"


def test_a_refused_attempt_goes_to_refused_and_names_the_list(story):
    s = Session(story, "kim")
    listed = s.choose("ignore")
    assert kinds(listed) == ["listed"]
    assert line(listed[0]) == "LISTED: you are now on the court's list. An unpaid judgment."
    assert s.state.lists["court_list"] == {"since": "2016-05-10", "reason": "An unpaid judgment"}
    assert s.choose("ignore") == []  # already listed: nothing new happens
    assert s.rules.restricted_services() == ["train"]
    events = s.choose("train")
    assert kinds(events) == ["refused", "journal"]
    assert events[0].data["list_ids"] == ["court_list"]
    assert line(events[0]) == "REFUSED: Buy a train ticket. You are on the court's list."
    assert s.state.node == "refused"


def test_requires_a_grade_unless_a_redlist_grants_it(story):
    s = Session(story, "kim")
    events = s.choose("fine")
    assert kinds(events) == ["points", "grade", "changed"]
    assert line(events[0]) == "POINTS: -50. A fine. Now 950."
    assert line(events[1]) == "GRADE: A to B (down)."
    assert line(events[2]) == "MONEY: 100 to 70 yuan."
    assert s.state.points == 950 and s.rules.grade() == "B"
    assert s.state.points_log == [{"date": "2016-05-10", "points": 950, "change": -50, "reason": "A fine",
                                   "reason_id": "kim.n.hall.c.fine.e.0.reason"}]
    refused = s.choose("loan")
    assert kinds(refused) == ["refused"] and s.state.node == "loan_no"
    assert refused[0].data["lists"] == [] and "higher grade" in line(refused[0])
    s.choose(CONTINUE)
    assert kinds(s.choose("volunteer")) == ["listed"]
    assert kinds(s.choose("loan")) == ["allowed", "changed"] and s.state.node == "loan_ok"
    assert s.state.vars["money"] == 1070


def test_appeal_wait_date_and_delisting(story):
    s = Session(story, "kim")
    s.choose("ignore")
    assert (4, "fine", True, None) in shown(s) and shown(s)[-1] == (8, "object", True, None)
    events = s.choose("object")
    assert kinds(events) == ["appeal", "time"]
    assert line(events[0]) == "APPEAL: Objection to the listing: Written objection. Time limit: 15 days."
    assert line(events[1]) == "TIME: Two weeks later. It is now 25 May 2016."
    assert s.state.appeals["objection"]["step"] == "filed" and s.rules.days() == 15
    assert [c.id for c in s.view().choices] == ["win", "escalate"]
    events = s.choose("win")
    assert kinds(events) == ["appeal", "delisted", "time"]
    assert line(events[0]) == "APPEAL: Objection to the listing: granted."
    assert line(events[1]) == "REMOVED: you are no longer on the court's list. The objection was granted."
    assert line(events[2]) == "TIME: 221 days pass. It is now 1 January 2017."
    assert s.state.lists == {} and s.state.appeals["objection"]["result"] == "granted"
    assert s.view().choices[-1].enabled is False  # an appeal already decided cannot be filed again


def test_journal_travel_and_moving(story):
    s = Session(story, "kim")
    s.choose("ignore")
    events = s.choose("train")
    assert line(events[1]) == "JOURNAL: The ticket machine refused your card."
    assert s.state.journal == [{"date": "2016-05-10", "id": "kim.n.refused.e.0.journal",
                                "text": "The ticket machine refused your card."}]
    s2 = Session(story, "kim")
    events = s2.choose("train")
    assert line(events[1]) == "JOURNEY: Home town to The city by train (900 km, 5 hours)."
    assert s2.state.place == "city" and s2.state.travels[0]["to"] == "city"


def test_a_node_with_a_place_moves_the_player():
    story = load_and_validate(EXAMPLE).story
    s = Session(story, "ming")
    s.choose("fast")  # refused: the node 'refused' has no place
    s.choose("slow")  # travel to chengdu
    assert s.state.place == "chengdu"
    s.choose(CONTINUE)
    assert s.ended


def test_hidden_variables_change_silently(story):
    s = Session(story, "kim", seed=1)
    for _ in range(3):
        assert s.choose("gamble") == []
    assert s.state.draws == 3 and isinstance(s.state.vars["lucky"], bool)


def test_rules_survive_extreme_waits(story):
    s = Session(story, "kim")
    events = s.rules.apply([Effect("wait", {"days": 10**7, "label": None})])
    assert s.state.date == "9999-12-31" and kinds(events) == ["time"]


def test_describe_covers_every_event_kind(story):
    name = Text("x", "Thing")
    samples = [Event("changed", {"name": "told", "label": None, "unit": None, "old": False, "new": True}),
               Event("moved", {"place": "home", "name": name}),
               Event("points", {"change": 5, "reason": name, "points": 1005, "before": 1000}),
               Event("grade", {"old": "B", "new": "A", "better": True}),
               Event("appeal", {"procedure": name, "step": name, "limit_days": None}),
               Event("time", {"days": 3, "label": None, "date": "2016-05-13"}),
               Event("refused", {"service": name, "lists": []}),
               Event("mystery", {})]
    assert [line(e) for e in samples] == [
        "TOLD: no to yes.", "PLACE: Thing.", "POINTS: +5. Thing. Now 1,005.", "GRADE: B to A (up).",
        "APPEAL: Thing: Thing.", "TIME: 3 days pass. It is now 13 May 2016.",
        "REFUSED: Thing. Your grade is not high enough.", "MYSTERY"]


# -- undo, history, state ------------------------------------------------------------------------------
PATH = ["fine", "ignore", "train", CONTINUE, "object", "escalate", "gamble", "volunteer", "loan", CONTINUE]


def play(story, choices, seed=5):
    s = Session(story, "kim", seed=seed)
    states = [s.state.to_dict()]
    for c in choices:
        s.choose(c)
        states.append(s.state.to_dict())
    return s, states


@pytest.mark.parametrize("steps", [1, 2, 3, 7, 10])
def test_undo_any_number_of_steps(story, steps):
    s, states = play(story, PATH)
    assert s.undo(steps)
    assert s.state.to_dict() == states[len(PATH) - steps]
    assert len(s.history) == len(PATH) - steps + 1


def test_undo_limits(story):
    s, states = play(story, PATH[:3])
    assert not s.undo(0)
    assert s.undo(99)  # more than was played: back to the start
    assert s.state.to_dict() == states[0] and not s.can_undo
    assert not s.undo()
    assert s.last_events == s._initial_events


def test_undo_then_play_on(story):
    s, _ = play(story, PATH[:4])
    s.undo(2)
    s.choose("fine")
    assert [c for _, c in s.state.log] == ["fine", "ignore", "fine"]


def test_history_records_what_was_shown_and_chosen(story):
    s, _ = play(story, ["fine", "ignore", "train"])
    assert [(h.node, h.choice.en if h.choice else None) for h in s.history] == [
        ("hall", "Pay a fine"), ("hall", "Ignore the court"), ("hall", "Buy a train ticket"), ("refused", None)]
    assert s.history[0].text.en == "The town hall terminal is on."
    assert kinds(s.history[1].events) == ["points", "grade", "changed"]
    assert kinds(s.history[-1].events) == ["refused", "journal"]
    assert s.history[-1].date == "2016-05-10" and s.history[-1].place == "home"


def test_a_fork_is_independent(story):
    s, _ = play(story, ["fine"])
    f = s.fork()
    f.choose("ignore")
    assert s.history[-1].choice is None and s.state.log == [["hall", "fine"]]
    assert "court_list" not in s.state.lists and "court_list" in f.state.lists


def test_state_json_round_trip(story):
    s, _ = play(story, PATH)
    data = s.state.to_dict()
    text = json.dumps(data)
    again = GameState.from_dict(json.loads(text))
    assert again.to_dict() == data and again == s.state
    assert STATE_VERSION >= 1
    assert s.state.copy() == s.state and s.state.copy() is not s.state


@pytest.mark.parametrize("damage", [
    lambda d: d.pop("node"),
    lambda d: d.update(log="nope"),
    lambda d: d.update(log=[["hall"]]),
    lambda d: d.update(points="many"),
    lambda d: d.update(seed="x"),
    lambda d: d.update(vars=[]),
])
def test_damaged_state_is_refused_with_value_error(story, damage):
    s, _ = play(story, PATH[:2])
    data = s.state.to_dict()
    damage(data)
    with pytest.raises(ValueError):
        GameState.from_dict(data)
    with pytest.raises(ValueError):
        GameState.from_dict("not a dict")  # type: ignore[arg-type]


# -- resuming and replaying --------------------------------------------------------------------------------
def test_resume_rebuilds_the_same_state(story):
    s, _ = play(story, PATH)
    resumed, message = Session.resume(story, json.loads(json.dumps(s.state.to_dict())))
    assert message is None
    assert resumed.state.to_dict() == s.state.to_dict()
    assert [h.node for h in resumed.history] == [h.node for h in s.history]
    resumed.undo(3)
    assert len(resumed.state.log) == len(PATH) - 3


def test_resume_after_a_story_edit_gives_a_message(story, tmp_path):
    s, _ = play(story, ["fine", "ignore", "train", CONTINUE, "fine"])
    saved = s.state.to_dict()
    root = tmp_path / "story"
    shutil.copytree(RUNTIME, root)
    life = root / "lives" / "kim.yaml"
    text = life.read_text(encoding="utf-8").replace("refused: refused", "refused: turned_away")
    text = text.replace("  - id: refused\n", "  - id: turned_away\n")
    life.write_text(text, encoding="utf-8")
    edited = load_and_validate(root)
    assert not edited.report.errors, [str(d) for d in edited.report.items]
    resumed, message = Session.resume(edited.story, saved)
    assert message and "changed" in message
    assert resumed.state.node == "turned_away"  # the last point that still exists
    assert [c for _, c in resumed.state.log] == ["fine", "ignore", "train"]


def test_resume_refuses_an_unknown_life(story):
    s, _ = play(story, ["fine"])
    data = s.state.to_dict()
    data["life"] = "someone_else"
    with pytest.raises(ValueError):
        Session.resume(story, data)


def test_replay_with_the_same_seed_is_exact(story):
    choices = ["gamble"] * 12
    a, _ = play(story, choices, seed=42)
    b, _ = play(story, choices, seed=42)
    assert a.state.to_dict() == b.state.to_dict()
    luck = []
    for seed in range(20):
        s, _ = play(story, ["gamble"], seed=seed)
        luck.append(s.state.vars["lucky"])
    assert True in luck and False in luck  # the seed matters
    a.undo(5)
    c, _ = play(story, choices[:7], seed=42)
    assert a.state.to_dict() == c.state.to_dict()  # undo replays the same draws


def test_showing_choices_never_consumes_randomness(story):
    s = Session(story, "kim", seed=9)
    for _ in range(5):
        s.view()
        s.enabled_choices()
    assert s.state.draws == 0
