"""The attract loop plays a short path by itself (scenes, the refusal stamp, the map), says how long a
visit takes, offers the languages, begins on a touch anywhere, redraws only when something changes, and
under reduced motion is one calm still."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import i18n
from game.modes import kiosk as kiosk_mode
from game.ui import attractviews
from game.ui.attractdemo import plan, visit_minutes
from game.ui.pilot import Pilot

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"

pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture(autouse=True)
def _close_log():
    yield
    kiosk_mode.close_log()


def test_the_plan_walks_the_short_path_to_the_refusal_and_ends_on_the_map(story):
    beats = plan(story, "ming")
    assert [b.kind for b in beats][0] == "intro" and beats[-1].kind == "map"
    scenes = [b for b in beats if b.kind == "scene"]
    assert scenes[0].node.id == story.lives["ming"].short.start
    refusal = next(b for b in scenes if b.refused)
    assert scenes.index(refusal) >= 1  # the path that leads to it is shown first
    for a, b in zip(scenes, scenes[1:]):  # each scene follows from the choice taken in the one before
        assert a.chosen in {c.id for c in a.choices if c.enabled}
        assert b.node.id in {c.to for c in a.node.choices if c.id == a.chosen} | {
            c.refused for c in a.node.choices if c.id == a.chosen} | {a.node.next}
    assert set(beats[-1].places) == set(story.lives["ming"].place_ids())


def test_visit_minutes_is_the_longest_short_path(story):
    assert visit_minutes(story, ["ming"]) == story.lives["ming"].short.minutes


def test_excerpt_keeps_whole_sentences():
    text = "First sentence here. Second one is a bit longer. " + "Third " * 80
    assert attractviews.excerpt(text, 60) == "First sentence here. Second one is a bit longer."
    assert attractviews.excerpt("word " * 100, 30).endswith("…")
    assert attractviews.excerpt("Short.") == "Short."


def test_excerpt_keeps_the_paragraphs_of_the_story_text():
    text = ("LIST OF DISHONEST PERSONS SUBJECT TO ENFORCEMENT (失信被执行人名单)\n\n"
            "Reports say you divorced a year ago.\nYour ex-husband sued you.\n  \n"
            "The list is for people who have not done what a court judgment ordered. " + "More. " * 60)
    out = attractviews.excerpt(text)
    paras = out.split("\n\n")
    assert paras[:2] == ["LIST OF DISHONEST PERSONS SUBJECT TO ENFORCEMENT (失信被执行人名单)",
                         "Reports say you divorced a year ago. Your ex-husband sued you."]
    assert paras[2].startswith("The list is for people") and paras[2].endswith("More.") and len(paras) == 3
    assert len(out) <= attractviews.EXCERPT < len(out) + len(" More.")  # as many whole sentences as fit
    assert attractviews.excerpt("A heading\n\n" + "word " * 100, 40) == "A heading"  # whole sentences only
    assert attractviews.excerpt("word " * 100 + "\n\nNext.", 30).endswith("…")


def test_the_attract_card_shows_a_notice_with_its_heading_apart():
    from game.engine.validate import load_and_validate

    story = load_and_validate(EXAMPLE.parent.parent / "story").story
    beat = next(b for b in plan(story, "wei") if b.node is not None and b.node.id == "k_why")
    card = attractviews.excerpt(beat.node.text.en)
    assert card.startswith("LIST OF DISHONEST PERSONS SUBJECT TO ENFORCEMENT (失信被执行人名单)\n\nReports say")


def shown(p: Pilot) -> tuple[str, str]:
    scr = p.app.top
    beat = scr.beats[scr.index][2]
    return beat.kind, beat.node.id if beat.node else ""


def test_the_loop_plays_by_itself_with_the_refusal_stamp_and_the_pressed_choice():
    p = Pilot.start(EXAMPLE, kiosk=True)
    scr = p.app.top
    assert scr.name == "attract" and scr.beats
    seen = []
    pressed = set()
    for _ in range(int(scr.loop_len / 0.25) + 4):
        p.step(1, dt=0.25)
        if shown(p) not in seen:
            seen.append(shown(p))
        ws = {w.key: w for w in p.widgets()}
        pressed |= {k for k, w in ws.items() if k.startswith("demo:") and w.kind == "primary"}
    assert [k for k, _ in seen] == [b.kind for b in plan(p.app.game.story, "ming")]
    assert {f"demo:{b.chosen}" for _s, _n, b in scr.beats if b.chosen} == pressed  # each choice taken is shown
    assert p.screen == "attract" and p.app.errors == [] and p.app.ctx.overflow == []


def test_the_attract_loop_redraws_only_when_something_changes():
    p = Pilot.start(EXAMPLE, kiosk=True)
    scr = p.app.top
    intro_len = scr.beats[0][1]
    p.step(1, dt=0.1)
    before = len(p.app.frame_times)
    for _ in range(int((intro_len - 0.5) / 0.1)):  # the intro: nothing moves
        p.step(1, dt=0.1)
    assert len(p.app.frame_times) == before
    wake = scr.wake_at(p.clock.t)
    assert wake == pytest.approx(scr.t0 + intro_len)  # it sleeps until the next beat


@pytest.mark.parametrize("where", ["blank", "demo choice", "begin"])
def test_a_touch_anywhere_begins(where):
    p = Pilot.start(EXAMPLE, kiosk=True)
    p.step(1, dt=p.app.top.beats[0][1] + 0.5)  # a scene with its choices
    if where == "blank":
        p.tap_at((3, p.app.window.get_height() - 3))
    elif where == "demo choice":
        p.tap(key=next(w.key for w in p.widgets() if w.key.startswith("demo:")))
    else:
        p.tap(key="begin")
    assert p.screen == "lives"
    assert p.app.game.session is None  # the demonstration never touched the visitor's run


def test_the_languages_are_offered_by_their_own_names_and_last_one_visit():
    p = Pilot.start(EXAMPLE, kiosk=True)
    labels = {w.key: w.label for w in p.widgets() if w.key.startswith("lang:")}
    assert labels == {f"lang:{code}": name for code, name in i18n.languages().items()}
    assert p.find(key="lang:en").selected
    p.tap(key="lang:zh")
    assert p.screen == "lives" and p.app.settings.language == "zh"
    assert p.app.game.lang == "zh"
    k = p.app.kiosk
    p.step(1, dt=k.config.idle_seconds + 1)
    p.step(1, dt=k.config.countdown_seconds + 1)
    assert p.screen == "attract" and p.app.settings.language == k.config.language


def test_the_visit_length_shows():
    p = Pilot.start(EXAMPLE, kiosk=True)
    p.app.ensure_layout()
    texts = [getattr(i, "text", "") for v in p.app.top.views for i in walk(v.root)]
    minutes = p.app.game.story.lives["ming"].short.minutes
    assert f"A visit takes about {minutes} minutes." in texts


def walk(item):
    yield item
    for child in getattr(item, "items", None) or getattr(item, "children", None) or []:
        yield from walk(child)


def test_reduced_motion_is_one_calm_still():
    p = Pilot.start(EXAMPLE, kiosk=True)
    p.set_settings(reduced_motion=True)
    scr = p.app.top
    assert scr.wake_at(p.clock.t) is None
    first = shown(p)
    assert scr.beats[scr.index][2].refused  # the still shows the moment that carries the life
    before = len(p.app.frame_times)
    for _ in range(40):
        p.step(1, dt=1.7)
        assert shown(p) == first
    assert len(p.app.frame_times) == before  # nothing moves, nothing is drawn again
    assert not any(w.kind == "primary" for w in p.widgets() if w.key.startswith("demo:"))


def test_at_200_percent_on_a_small_screen_the_intro_keeps_the_portrait_and_the_lifes_name():
    p = Pilot.start(EXAMPLE, size=(1024, 768), kiosk=True)
    p.set_settings(text_scale=2.0)
    p.app.ensure_layout()
    scr = p.app.top
    assert scr.beats[scr.index][2].kind == "intro"
    body = next(v for v in scr.views if v.name == "body")
    items = list(walk(body.root))
    title = p.app.game.tr(p.app.game.story.lives["ming"].title)
    assert title in [getattr(i, "text", "") for i in items]  # not cut away with the portrait above it
    assert body.content_h <= body.rect.h


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_at_200_percent_every_beat_still_shows_its_scene(size):
    """The demonstration is a poster: its text stops growing at the kiosk's default size (PosterView), so at
    200% on a small screen each beat still shows more than its caption, while the controls keep 200%."""
    p = Pilot.start(EXAMPLE.parent.parent / "story", size=size, kiosk=True)  # the shipped lives' long scenes
    p.set_settings(text_scale=2.0)
    scr = p.app.top
    seen = set()
    for _ in range(len(scr.beats)):
        p.app.ensure_layout()
        body = next(v for v in scr.views if v.name == "body")
        kind = scr.beats[scr.index][2].kind
        seen.add(kind)
        texts = [t for t in (getattr(i, "text", "") for i in walk(body.root)) if t]
        if kind == "intro":  # the life's portrait and its name, not cut away
            lives = p.app.game.story.lives.values()
            assert any(p.app.game.tr(life.title) in texts for life in lives), f"no life named at {size}: {texts}"
            assert len(texts) >= 5, f"the intro shows no more than the life's name at {size}: {texts}"
        assert len(texts) >= 4, f"the {kind} beat shows only {texts} at {size}"
        assert body.content_h <= body.rect.h
        p.step(1, dt=7.0)
    assert "intro" in seen and len(seen) > 1
    begin = p.find(key="begin")
    assert begin.rect.h >= p.app.ctx.tpx(40)  # the controls are at the visitor's 200%
