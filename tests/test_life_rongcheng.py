"""The Rongcheng life (an invented composite resident of a documented scheme) and how sources are named.

What is checked, each because issue 17 found it wrong once:
- how a resident meets the score: as the sources describe it (a desk in city hall), before any point
  changes; no "credit app" that buzzes with point changes, which no source describes;
- the two grade namings (the city's AAA, the press's "A+++") in the data and in the text;
- the life says, wherever a player first meets it, that Sun Hui is invented and the scheme is real;
- evidence tags: no invented person speaks or acts in a documented or reported node;
- choices that count: refusing the bank leads to a court, and refusing the court to its list;
- players see sources by outlet and date with decoded addresses, never by id;
- the bibliography: copies are not given as a source's address, and a copy's trust is not "high".

The story is loaded from story/ only.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from shipped import shipped_story

from game.cite import cite_list, display_url, human_date, short_cite
from game.cli import main
from game.engine.model import Life, Story
from game.engine.runtime import Session

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
LIFE = "rongcheng"
SEEDS = range(60)
# Everyone the life invents (the content note says so); none may appear in a documented/reported node.
INVENTED = ("Sun Hui", "Lanlan", "Mrs Guo", "Xiao Zhang", "Lin ", "Lin,", "Lin.", "Mei", "Dapeng", "Tang",
            "Mr Qu", "Auntie Liu")
MIRRORS = ("4idols.com", "asdq11.com", "mzt333.com", "lnmlw.com", "110ask.com", "chengenghua.com",
           "ccgp-fushun.com", "physics.csbsju.edu", "tellerreport.com", "shannonweb.net", "kushima.org",
           "covid-19.chinadaily.com.cn")


def story() -> Story:
    return shipped_story()


def life() -> Life:
    return story().lives[LIFE]


def run(seed: int, start: str = "main") -> tuple[Session, list[tuple[str, list]]]:
    """A seeded random run: the session and, for each screen, (node id, events on arriving there)."""
    rng = random.Random(seed)
    s = Session(story(), LIFE, seed=seed, start=start)
    seen = [(s.state.node, list(s.last_events))]
    while not s.ended:
        events = s.choose(rng.choice(s.enabled_choices()))
        seen.append((s.state.node, events))
    return s, seen


def walk(prefer: list[str], start: str = "main") -> tuple[Session, list]:
    """Play taking the first preferred choice that is enabled (else the first enabled one)."""
    s = Session(story(), LIFE, start=start)
    events: list = list(s.last_events)
    for _ in range(200):
        if s.ended:
            break
        options = s.enabled_choices()
        cid = next((c for c in prefer if c in options), options[0])
        events += s.choose(cid)
    return s, events


# -- meeting the score ---------------------------------------------------------------------------------
def test_no_credit_app_reports_point_changes():
    """No source describes an app that tells Rongcheng residents of point changes."""
    for node in life().nodes.values():
        text = node.text.en.lower()
        assert not (node.screen == "app" and node.shows_grade), f"{node.id}: a city credit app screen"
        assert "credit app" not in text and "buzz" not in text, f"{node.id}: a credit app that reports points"
        assert "rongcheng credit" not in (node.title.en.lower() if node.title else ""), node.id


@pytest.mark.parametrize("start", ["main", "short"])
def test_the_resident_meets_the_score_at_the_city_hall_desk_before_any_points_change(start):
    for seed in SEEDS:
        _, seen = run(seed, start)
        desk = next(i for i, (nid, _) in enumerate(seen)
                    if "foreign_policy_2018" in life().nodes[nid].sources and "desk" in life().nodes[nid].text.en)
        first_points = next((i for i, (_, evs) in enumerate(seen) if any(e.kind == "points" for e in evs)), None)
        assert first_points is None or desk < first_points, (start, seed, seen[desk][0])


def test_the_text_says_point_changes_are_not_announced():
    """The first scene with a points change says that the game, not the city, shows it."""
    for nid in ("ticket_points", "k_ticket"):
        node = life().nodes[nid]
        assert any(e.kind == "points" for e in node.effects), nid
        assert re.search(r"no source says residents are told|nobody tells you", node.text.en, re.I), nid


# -- the grades ----------------------------------------------------------------------------------------
def test_both_grade_namings_in_the_scheme_data():
    scheme = story().world.schemes[life().scheme]
    grades = {g.id: g for g in scheme.grades}
    assert list(grades) == ["AAA", "AA", "A", "B", "C", "D"]  # the city's own names
    assert grades["AAA"].press is not None and grades["AAA"].press.en == "A+++"
    note = scheme.note.en
    assert "measures name" in note and "A+++ is the press name for AAA" in note
    assert scheme.start == 1000 and "reported" in note


def test_every_text_that_uses_the_press_grade_names_the_city_grade():
    texts = [n.text.en for n in life().nodes.values()]
    d = life().debriefs[LIFE]
    texts += [d.what_happened.text.en] + [m.claim.en + m.explanation.en for m in d.myths]
    assert any("A+++" in t for t in texts)
    for t in texts:
        if "A+++" in t:
            assert "AAA" in t, t


# -- an invented composite resident of a documented scheme --------------------------------------------------
def test_the_life_says_the_resident_is_invented_and_the_scheme_real():
    lf = life()
    assert "invented" in lf.player.en and "real scheme" in lf.player.en
    assert lf.summary.en.startswith("An invented composite resident of a documented scheme")
    assert "invented" in lf.content_note.en
    for nid in (lf.start, lf.short.start):
        text = lf.nodes[nid].text.en
        assert "invented" in text and "scheme is real" in text, nid
    assert "invented" in lf.debriefs[LIFE].dramatized.text.en


def test_no_invented_person_in_a_documented_or_reported_node():
    for node in life().nodes.values():
        if node.evidence == "dramatized":
            continue
        assert node.kind != "dialogue" and node.speaker is None, f"{node.id}: a speaker in a {node.evidence} node"
        for name in INVENTED:
            assert name not in node.text.en, f"{node.id} ({node.evidence}) names the invented '{name.strip()}'"


def test_shared_facts_owned_by_other_lives_are_not_repeated():
    """Melamine and the ticket statistics are taught in the other lives; here at most a pointer."""
    for node in life().nodes.values():
        text = node.text.en
        assert "melamine" not in text.lower() and "300,000" not in text, node.id
        assert "million" not in text, f"{node.id}: the statistics screen belongs to another life"


# -- choices that count ---------------------------------------------------------------------------------
def test_refusing_the_bank_leads_to_court_and_refusing_the_court_to_its_list():
    prefer = ["sign", "refuse_pay", "defy", "book", "careful", "mother", "pay_now", "connect", "carer", "walk",
              "back", "bank"]
    s, events = walk(prefer)
    log = [c for _, c in s.state.log]
    assert "refuse_pay" in log and "defy" in log
    kinds = [(e.kind, e.data.get("list") or e.data.get("service_id")) for e in events]
    listed = kinds.index(("listed", "court_defaulters"))
    refused = kinds.index(("refused", "high_speed_rail"))
    delisted = kinds.index(("delisted", "court_defaulters"))
    assert listed < refused < delisted
    assert "court_defaulters" not in s.state.lists and s.ended


def test_paying_the_court_keeps_you_off_its_list():
    s, events = walk(["sign", "refuse_pay", "pay_court", "careful", "mother", "pay_now", "connect", "carer", "walk",
                      "back", "bank"])
    assert "pay_court" in [c for _, c in s.state.log]
    assert not any(e.kind == "listed" and e.data.get("list") == "court_defaulters" for e in events)


# -- how sources are named ------------------------------------------------------------------------------
def test_sources_are_named_by_outlet_and_date():
    src = story().sources
    assert cite_list(src, ["technode_2018"]) == "TechNode, 23 October 2018"
    twice = ["technode_2018", "ctv_social_credit", "technode_2018"]
    assert cite_list(src, twice) == "TechNode, 23 October 2018; CTV News"
    assert short_cite(src["clt_getting_rongcheng_right"]) == "China Law Translate (Jeremy Daum)"
    assert cite_list(src, ["technode_2018"], "zh") == "TechNode, 2018年10月23日"
    assert [human_date(d) for d in ("2019-02", "2020", "2018-13-01", "soon", "")] == [
        "February 2019", "2020", "2018-13-01", "soon", ""]


def test_addresses_are_shown_decoded_but_never_as_control_characters():
    url = story().sources["clt_spc_2017"].url
    assert "%E5" in url and "失信被执行人名单" in display_url(url)
    assert display_url("http://a.example/%0A%E2%80%AEx") == "http://a.example/%0A%E2%80%AEx"
    assert display_url("http://a.example/%ff") == "http://a.example/%ff"  # not UTF-8: left as is


def test_the_text_player_shows_no_source_ids(capsys, tmp_path):
    """A whole short run and its debrief: sources appear by outlet and date, addresses decoded."""
    s = Session(story(), LIFE, start="short")
    rng, numbers = random.Random(7), []
    while not s.ended:
        view = s.view()
        cid = rng.choice(s.enabled_choices())
        numbers.append(str(next(c.number for c in view.choices if c.id == cid)))
        s.choose(cid)
    script = tmp_path / "script.txt"
    # then Enter through the paged debrief (an empty answer to a myth-or-fact claim shows the answer)
    script.write_text("\n".join(numbers) + "\n" * 80, encoding="utf-8")
    assert main(["play", "--text", "--story", str(STORY), "--character", LIFE, "--start", "short",
                 "--script", str(script)]) == 0
    out = capsys.readouterr().out
    assert "*** Ending:" in out and "Sources: " in out
    for sid in story().sources:
        assert not re.search(rf"\b{re.escape(sid)}\b", out), f"the player saw the source id {sid}"
    assert "%E8" not in out and "荣成市个人信用评价标准" in out


# -- the bibliography ---------------------------------------------------------------------------------------
def test_copies_are_not_given_as_a_sources_address_and_do_not_keep_high_trust():
    for src in story().sources.values():
        assert not any(m in src.url for m in MIRRORS), f"{src.id}: a copy given as the address"
        note = src.note.en if src.note else ""
        if any(m in note for m in MIRRORS):
            assert re.search(r"\bcop(y|ies)\b|\brepost\b", note), src.id
            assert src.trust != "high", f"{src.id}: trust follows the copy the text was read in"


def test_titles_are_headlines_or_marked_descriptions():
    for src in story().sources.values():
        title = src.title.en
        if title.startswith("["):
            assert title.endswith("]"), src.id
        assert "(translation)" not in title and "(repost)" not in title and "(mirror)" not in title, src.id


def test_no_minus_sign_the_bundled_font_cannot_draw():
    """U+2212 draws as an empty box in the bundled Noto Sans subset; the story uses '-'."""
    texts = [n.text.en for n in life().nodes.values()]
    texts += [t.text.en for t in story().glossary.values()]
    texts += [s.note.en for s in story().sources.values() if s.note]
    assert not any("\u2212" in t for t in texts)


def test_the_class_summary_links_the_encoded_address_and_shows_it_decoded():
    from game.modes.export import build_summary, render_html

    s, _ = walk(["hall", "careful", "mother", "refuse", "records", "pay_now", "connect", "festival", "no_sesame",
                 "stay", "carer", "walk", "back", "knock", "distance", "nothing", "pay", "consent"])
    assert s.ended
    page = render_html(build_summary(s, story()))
    url = story().sources["clt_rongcheng_standards"].url
    assert f'href="{url}"' in page  # the link itself stays encoded
    assert f">{display_url(url)}</a>" in page and "荣成市个人信用评价标准" in page
