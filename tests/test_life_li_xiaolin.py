"""Li Xiaolin's life, second draft (issue 17): labels the sources back exactly, its own part of the shared
picture (travel limits, ticket counts with their dates, the political side), choices with consequences,
and the world data on the court's list and loans. The story is loaded from story/ only."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest
from shipped import shipped_story

from game.engine.model import Life, Node, Story
from game.engine.runtime import Session

ROOT = Path(__file__).resolve().parent.parent
SEEDS = range(60)


def story() -> Story:
    return shipped_story()


def li() -> Life:
    return story().lives["li_xiaolin"]


def text(node_id: str) -> str:
    return li().nodes[node_id].text.en


def all_texts() -> list[tuple[str, str]]:
    """Every text a player of this life reads: nodes, labels, reasons, effects' words, the debrief."""
    lf = li()
    out = [(n.id, n.text.en) for n in lf.nodes.values()]
    out += [(f"{n.id}/{c.id}", c.label.en + " " + (c.reason.en if c.reason else "")) for n in lf.nodes.values()
            for c in n.choices]
    for d in lf.debriefs.values():
        out += [("debrief", s.text.en) for s in (d.what_happened, d.not_known, d.dramatized) if s]
        out += [(f"myth/{m.id}", f"{m.claim.en} {m.explanation.en}") for m in d.myths]
        out += [("question", q.en) for q in d.questions]
    return out


def walk(start: str, seed: int) -> tuple[Session, list[str], list]:
    """A seeded random run: the session at its ending, the nodes entered and every event."""
    rng = random.Random(seed)
    s = Session(story(), "li_xiaolin", seed=seed, start=start)
    nodes, events = [s.state.node], list(s.last_events)
    while not s.ended:
        events += s.choose(rng.choice(s.enabled_choices()))
        nodes.append(s.state.node)
    return s, nodes, events


@cache
def runs(start: str) -> tuple:
    return tuple(walk(start, seed) for seed in SEEDS)


# -- 1. labels the sources back exactly ---------------------------------------------------------------
@pytest.mark.parametrize("node_id", ["rail_refused", "bank", "bank_refused", "bank_refused_quiet", "k_bank",
                                     "refused_screen", "removal", "public_list", "fax_day", "k_refused"])
def test_invented_scenes_are_tagged_dramatized_and_say_what_is_known(node_id):
    node: Node = li().nodes[node_id]
    assert node.evidence == "dramatized", f"{node_id} holds an invented scene"
    assert node.sources, f"{node_id}: say what is known, with its source"
    t = node.text.en
    assert re.search(r"[Rr]eports? (say|name)|Maya Wang|[Ii]nvented|[Tt]he rules|SorryWatch|No source", t), node_id


def test_nothing_says_nobody_told_him_about_the_second_list():
    for where, t in all_texts():
        assert not re.search(r"nobody told you about (this|the second)|this one either", t, re.I), where


def test_the_short_paths_rail_screen_says_what_the_rules_bar():
    t = text("k_rail")
    assert "every G-train seat" in t and "first class or better on other bullet trains" in t
    assert "Only slow trains" not in t


def test_the_apology_order_date_is_attributed_as_the_sources_give_it():
    t = text("memory")
    assert "years earlier" in t and "CTV" in t and "SorryWatch" in t and "2015" in t
    assert "ctv_social_credit" in li().nodes["memory"].sources and "sorrywatch_li" in li().nodes["memory"].sources


def test_2017_rules_are_never_applied_to_the_2016_case_without_saying_so():
    for where, t in all_texts():
        if "2017 rules" in t or "2017 revision" in t:
            assert "2013" in t, f"{where}: Li was listed in 2016, under the 2013 rules"
    assert "2017" not in li().debriefs["li_xiaolin"].questions[0].en


def test_ticket_counts_carry_date_source_and_scope():
    t = text("not_alone")
    assert "9.36 million by the end of 2017" in t and "China Daily, January 2018" in t
    assert "17.5 million by the end of 2018 (Shanghai Daily, March 2019)" in t
    assert '"in March" (no year given)' in t and "planning agency" in t
    assert "flight ban" not in t.lower()
    assert "xinhua_spc_2018_01" in li().nodes["not_alone"].sources


def test_creemers_hedge_is_kept():
    assert '"as far as he knows"' in text("two_views")


def test_no_wording_that_only_one_front_end_can_keep():
    for where, t in all_texts():
        assert "side panel" not in t.lower(), where


def test_event_reasons_do_not_double_their_punctuation():
    effects = [e for n in li().nodes.values() for e in n.effects]
    effects += [e for n in li().nodes.values() for c in n.choices for e in c.effects]
    effects += [e for ch in li().chapters for e in ch.setup]
    for e in effects:
        reason = e.args.get("reason") if isinstance(e.args, dict) else None
        if reason is not None:
            assert not str(getattr(reason, "en", reason)).rstrip().endswith("."), e


# -- 2. its own part of the shared picture, on every path ---------------------------------------------------
PICTURE = {
    "Hoffman: control that avoids a backlash": ("Samantha Hoffman", "backlash"),
    "the Air Canada case": ("Air Canada", "serious dishonesty", "complied"),
    "Maya Wang's fear of fast, automated listing": ("automated", "very fast", "dissent"),
    "Human Rights Watch on police databases": ("Human Rights Watch", "databases"),
    "Shanghai's camera tickets for jaywalkers": ("Shanghai", "jaywalkers"),
    "Creemers on the West": ("completely different case",),
    "the travel limits": ("G-train", "first class or better", "star-rated hotels"),
}


def test_the_political_side_and_the_travel_limits_are_on_every_main_path():
    lf = li()
    for session, nodes, _ in runs("main"):
        read = " ".join(lf.nodes[n].text.en for n in nodes)
        for name, phrases in PICTURE.items():
            assert all(p in read for p in phrases), f"seed {session.state.seed}: {name} is missing"


def test_shared_parts_taught_in_other_lives_are_not_repeated_here():
    for where, t in all_texts():
        assert "melamine" not in t.lower(), f"{where}: the melamine scandal is Wei's to tell"
        assert "why the lists exist" not in t.lower(), f"{where}: 'why the lists exist' is Wei's to tell"
        assert "Joint Punishment System" not in t, where


def test_political_nodes_are_documented_by_the_ctv_feature():
    for node_id in ("political", "bigger_fear", "two_views"):
        node = li().nodes[node_id]
        assert node.evidence == "documented" and node.sources == ["ctv_social_credit"], node_id


# -- 3. choices that count -------------------------------------------------------------------------------------
def test_testing_the_card_with_a_flight_is_not_counted_as_a_cost_of_the_list():
    choice = next(c for c in li().nodes["removal"].choices if c.id == "test_flight")
    assert choice.attempt == "flight" and not choice.effects


def test_hours_never_show_the_singular_glitch():
    for session, _, events in runs("main") + runs("short"):
        for e in events:
            if e.kind == "changed" and e.data.get("name") == "hours":
                assert e.data["new"] != 1, f"seed {session.state.seed}: '0 to 1 hours'"


def _play(start: str, path: list[str]) -> Session:
    """Follow ``path`` (choice ids, or "" for the only choice) from ``start`` and return the session."""
    s = Session(story(), "li_xiaolin", start=start)
    for cid in path:
        s.choose(cid or s.enabled_choices()[0])
    return s


def _to_apology(extra: list[str]) -> list[str]:
    return ["", "buy", "ask_clerk", "", "", "", "call_friend", "half_story", "", "guesthouse", "", "vague", "",
            "fly_home", "play_down", "", "short_note", "", "work", "", "", "", "argue", "", "", "quiet", "", "",
            "association", *extra]


def test_a_public_protest_has_a_cost():
    quiet = _play("main", _to_apology(["written", ""]))
    loud = _play("main", _to_apology(["public", ""]))
    assert quiet.state.node == loud.state.node == "judge_offer"
    assert loud.state.vars["postponed"] == quiet.state.vars["postponed"] + 1
    assert loud.state.vars["went_public"] is True


@pytest.mark.parametrize(("start", "path", "reply"), [
    ("main", ["agree", "with_complaint", "keep", "wait_complaint"], "complaint_reply"),
    ("short", ["buy", "friend", "", "", "association", "complaint"], "k_off_complaint"),
])
def test_keeping_the_complaint_in_the_apology_gets_its_answer(start, path, reply):
    prefix = _to_apology(["written", ""]) if start == "main" else []
    s = _play(start, prefix + path)
    assert s.state.node == reply
    s.choose(s.enabled_choices()[0])
    assert "court_defaulters" not in s.state.lists  # the documented removal still happens


def test_every_path_still_meets_the_second_list_after_leaving_the_court_list():
    for start in ("main", "short"):
        for session, _, events in runs(start):
            refused = [e for e in events if e.kind == "refused" and e.data["service_id"] == "mortgage"]
            assert refused and refused[-1].data["list_ids"] == ["credit_blacklist"], session.state.seed


# -- 4. the world data: the court's list and loans ---------------------------------------------------------
def test_the_courts_list_blocks_mortgages_and_credit_cards_as_the_supreme_peoples_court_said():
    court = story().world.lists["court_defaulters"]
    assert {"mortgage", "credit_card"} <= set(court.restricts)
    assert "xinhua_spc_2018_01" in court.sources
    src = story().sources["xinhua_spc_2018_01"]
    assert src.date == "2018-01-13" and "credit-card" in src.note.en


def test_lis_second_list_blocks_one_thing_as_the_sources_disagree():
    second = story().world.lists["credit_blacklist"]
    assert set(second.restricts) == {"mortgage"}, "no source says it blocked both a mortgage and a credit card"
    assert "sorrywatch_li" in second.sources and "ctv_social_credit" in second.sources
    assert "credit card" in second.name.en and "mortgage" in second.name.en
