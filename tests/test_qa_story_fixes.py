"""Defects the QA report (December 2026) found in what the story says, each checked where a player reads it.

- L1: a list is held "since" a day only when a source gives that day (``listed_on`` with its sources);
  otherwise the card and the summary say the day the player found out.
- L2: Rongcheng's volunteer branch: the date shown and the text's month agree; numbers in event lines
  are grouped as the ID card groups them ("1,004").
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from shipped import shipped_story

from game import i18n
from game.engine.events import describe
from game.engine.runtime import Session
from game.engine.validate import load_and_validate
from game.modes.export import build_summary, render_html
from game.ui.gamectl import GameCtl

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "runtime_story"


def _walk_until(life: str, seed: int, done, start: str = "main") -> Session:
    rng = random.Random(seed)
    s = Session(shipped_story(), life, seed=seed, start=start)
    while not done(s) and not s.ended:
        s.choose(rng.choice(s.enabled_choices()))
    return s


def _card_lists(life: str, start: str, until) -> list[str]:
    ctl = GameCtl(shipped_story())
    ctl.start(life, start)
    rng = random.Random(1)
    while not until(ctl.session) and not ctl.session.ended:
        ctl.choose(rng.choice(ctl.session.enabled_choices()))
    return [when for _kind, _name, _short, when in ctl.card().lists]


def test_li_card_gives_the_listing_day_the_source_gives_not_the_day_he_found_out():
    lists = _card_lists("li_xiaolin", "main", lambda s: "court_defaulters" in s.state.lists)
    assert lists == ["since 22 February 2016"]


def test_li_chapter_setup_carries_the_listing_day_too():
    ctl = GameCtl(shipped_story())
    ctl.start("li_xiaolin", "chapter:court")
    assert ctl.session.state.date > "2016-02-22"
    assert [w for *_x, w in ctl.card().lists] == ["since 22 February 2016"]


def test_wei_card_claims_only_the_day_she_found_out():
    lists = _card_lists("wei", "main", lambda s: "court_defaulters" in s.state.lists)
    assert lists == ["found out on 9 May 2016"]


def test_card_wording_is_translated():
    ctl = GameCtl(shipped_story(), lang="zh")
    old = i18n.current()
    i18n.use("zh")
    try:
        ctl.start("wei", "main")
        rng = random.Random(1)
        while "court_defaulters" not in ctl.session.state.lists:
            ctl.choose(rng.choice(ctl.session.enabled_choices()))
        assert [w for *_x, w in ctl.card().lists] == ["2016年5月9日得知"]
    finally:
        i18n.use(old)


def test_summary_lists_over_time_say_the_same_as_the_card():
    s = _walk_until("li_xiaolin", 3, lambda s: "court_defaulters" in s.state.lists)
    html = render_html(build_summary(s, shipped_story()))
    assert "since 22 February 2016" in html
    w = _walk_until("wei", 3, lambda s: "court_defaulters" in s.state.lists)
    assert "found out on 9 May 2016" in render_html(build_summary(w, shipped_story()))


def _mini_story(tmp_path, effect: str) -> Path:
    """The runtime fixture story with its first add_to_list written as ``effect``."""
    root = tmp_path / "story"
    shutil.copytree(FIXTURE, root)
    life = root / "lives" / "kim.yaml"
    text = life.read_text(encoding="utf-8")
    old = "add_to_list: {list: court_list, reason: An unpaid judgment}"
    assert old in text
    life.write_text(text.replace(old, "add_to_list: " + effect), encoding="utf-8")
    return root


@pytest.mark.parametrize(("effect", "message"), [
    ('{list: court_list, listed_on: "2016-02-22"}', "'listed_on' needs 'sources'"),
    ("{list: court_list, sources: [src]}", "add 'listed_on'"),
    ('{list: court_list, listed_on: "2016-02-31", sources: [src]}', "not a real date"),
])
def test_listed_on_must_come_with_its_sources(tmp_path, effect, message):
    errors = [str(d) for d in load_and_validate(_mini_story(tmp_path, effect)).report.errors]
    assert len(errors) == 1 and message in errors[0], errors


def test_listed_on_with_a_source_that_does_not_exist_is_an_error(tmp_path):
    errors = [str(d) for d in load_and_validate(_mini_story(
        tmp_path, '{list: court_list, listed_on: "2016-02-22", sources: [nope]}')).report.errors]
    assert len(errors) == 1 and "'nope'" in errors[0], errors


def test_listed_on_with_its_source_loads_and_plays(tmp_path):
    result = load_and_validate(_mini_story(tmp_path, '{list: court_list, listed_on: "2016-02-22", sources: [src]}'))
    assert [str(d) for d in result.report.errors] == []


def test_rongcheng_volunteer_screen_date_matches_its_text():
    s = _walk_until("rongcheng", 0, lambda s: s.state.node == "guo_volunteer")
    s.choose("join")
    assert s.state.node == "volunteer_day"
    text = s.story.text(s.node.text, None)
    months = set(re.findall(r"\b(January|February|March|April|May|June|July|August|September|October|November"
                            r"|December)\b", text))
    shown = s.state.date
    assert months <= {"September"} and shown == "2018-09-29"  # the header's month, if the text names one
    assert "Four Saturdays" in text  # 8, 15, 22 and 29 September: the fourth Saturday since 3 September
    after = s.choose(s.enabled_choices()[0]) if s.enabled_choices() else []
    lines = [describe(e, lambda t: s.story.text(t, None) if t is not None else "") for e in after]
    assert any("21 days pass. It is now 20 October 2018." in x for x in lines), lines


def test_rongcheng_mother_branch_is_on_a_saturday():
    from datetime import date
    s = _walk_until("rongcheng", 0, lambda s: s.state.node == "guo_volunteer")
    s.choose("mother")
    assert "Saturday" in s.story.text(s.node.text, None)
    assert date.fromisoformat(s.state.date).strftime("%A") == "Saturday"


def test_point_totals_in_event_lines_are_grouped_like_the_card():
    from game.engine.effects.base import Event
    from game.engine.events import show
    ev = Event("points", {"change": 1200, "reason": None, "points": 1004, "before": -196})
    shown = show(ev, lambda t: "")
    assert "Now 1,004." in shown.line and "+1,200" in shown.line
    assert "1,004 points" in shown.body


# -- M7: weak sources are weak, and what rests on them is shown as a claim to check -----------------------
def test_an_unsigned_blog_is_a_low_trust_source():
    story = shipped_story()
    for src in story.sources.values():
        if "blog" in src.outlet.lower() and not src.author:
            assert src.trust == "low", src.id


def test_documented_or_reported_nodes_say_when_a_line_rests_on_a_low_trust_source():
    story = shipped_story()
    for life in story.lives.values():
        for node in life.nodes.values():
            low = [s for s in node.sources if s in story.sources and story.sources[s].trust == "low"]
            if node.evidence in ("documented", "reported") and low:
                assert "claim to check" in node.text.en, (life.id, node.id, low)


# -- M3: in Chinese, outlets and authors are translated and dates written out ------------------------------
def test_every_outlet_and_author_has_a_chinese_entry():
    story = shipped_story()
    zh = story.translations["zh"].strings
    for src in story.sources.values():
        assert src.outlet_text is not None and src.outlet_text.id in zh, src.id
        if src.author:
            assert src.author_text is not None and src.author_text.id in zh, src.id


def test_chinese_citations_use_the_chinese_outlet_and_date():
    from game.cite import cite_list, source_line
    story = shipped_story()
    old = i18n.current()
    i18n.use("zh")
    try:
        said = cite_list(story.sources, ["clt_spc_2013", "blog_explainer", "listicle_grim"], "zh", story)
        assert said == "最高人民法院，2013年7月16日；个人博客；网络盘点文章"
        line = source_line(story.sources["clt_spc_2017"], "zh", story)
        assert line == "最高人民法院、China Law Translate英译、2017年2月28日"
        assert "Supreme People's Court" not in line and "translated by" not in line
    finally:
        i18n.use(old)
    assert cite_list(story.sources, ["clt_spc_2013"], None, story) == "Supreme People's Court, 16 July 2013"


def test_text_player_names_sources_in_chinese(tmp_path, capsys):
    from game.cli import main
    script = tmp_path / "script.txt"
    script.write_text("1\n" * 80 + "q\n", encoding="utf-8")
    code = main(["play", "--text", "--character", "wei", "--lang", "zh", "--script", str(script)])
    out = capsys.readouterr().out
    assert code == 0
    assert "资料来源" in out or "来源" in out
    assert "Supreme People's Court" not in out and "Personal blog" not in out and "CTV News" not in out


def test_summary_source_dates_are_written_out_in_the_language():
    s = _walk_until("wei", 0, lambda s: s.ended)
    old = i18n.current()
    i18n.use("zh")
    try:
        html = render_html(build_summary(s, shipped_story(), lang="zh"))
    finally:
        i18n.use(old)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", html.split("<ol class=\"src\">", 1)[-1])
    assert "Supreme People's Court" not in html


# -- B2: a system screen's heading is the same words in the window, speech and the text player --------------
def test_text_player_and_speech_say_the_screen_title_the_window_shows(tmp_path, capsys):
    from game.cli import main
    from game.engine import speech, wording
    story = shipped_story()
    life = story.lives["li_xiaolin"]
    titled = [n for n in life.nodes.values() if n.kind == "system" and n.title]
    assert titled
    for node in titled:
        assert wording.screen_title(node, lambda t: story.text(t, None)) == node.title.en
    s = Session(story, "li_xiaolin", seed=0)
    while not (s.node.kind == "system" and s.node.title):
        s.choose(s.enabled_choices()[0])
    title = s.node.title.en
    said = speech.as_text(speech.play_screen(story, s))
    assert title in said.splitlines()
    steps = []
    t = Session(story, "li_xiaolin", seed=0)
    while t.state.node != s.state.node:
        c = t.enabled_choices()[0]
        steps.append(str(next(v.number for v in t.view().choices if v.id == c)))  # the number the player types
        t.choose(c)
    script = tmp_path / "s.txt"
    script.write_text("\n".join(steps) + "\nq\n", encoding="utf-8")
    assert main(["play", "--text", "--character", "li_xiaolin", "--script", str(script)]) == 0
    out = capsys.readouterr().out
    assert f"[{title}]\n" in out and " screen]" not in out


# -- B3, M9: Chinese speech joins with Chinese punctuation, and the evidence line names its sources ---------
def test_chinese_speech_uses_chinese_punctuation_and_names_the_sources():
    from game.engine import speech
    story = shipped_story()
    old = i18n.current()
    i18n.use("zh")
    try:
        s = Session(story, "wei", seed=0)
        said = [u.text for u in speech.play_screen(story, s, "zh")]
        while not s.node.sources:
            s.choose(s.enabled_choices()[0])
        sourced = [u.text for u in speech.play_screen(story, s, "zh")]
    finally:
        i18n.use(old)
    assert said[0] == "北京，2016年5月9日"
    joined = "\n".join(said + sourced)
    assert ", " not in joined and not re.search(r"[\u4e00-\u9fff]\. ", joined), joined
    evidence = [x for x in sourced if "资料来源：" in x]
    assert evidence and evidence[0].endswith("。"), sourced


def test_speech_evidence_line_is_the_windows_line_with_its_sources():
    from game.cite import cite_list
    from game.engine import speech
    story = shipped_story()
    s = Session(story, "li_xiaolin", seed=0)
    while not s.node.sources:
        s.choose(s.enabled_choices()[0])
    said = [u.text for u in speech.play_screen(story, s)]
    names = cite_list(story.sources, s.node.sources, None, story)
    assert any(x.endswith(f"Sources: {names}.") for x in said), said


# -- A1: the tutorial's prose names the line and column the validator prints (test_tutorial checks the output) --
def test_tutorial_prose_matches_the_validator_output_it_shows():
    page = (Path(__file__).resolve().parent.parent / "docs" / "writing-a-life.md").read_text(encoding="utf-8")
    shown = re.search(r"lan\.yaml:(\d+):(\d+): error E208: unknown place 'xiamen'", page)
    prose = re.search(r"Line (\d+), column (\d+) is `xiamen`", page)
    assert shown and prose
    assert prose.groups() == shown.groups()
