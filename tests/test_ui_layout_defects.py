"""The layout and input defects found in issue 15, each held by a test: the play header's share of the
window, keyboard scrolling and focus, steady text-size buttons, one-of-several controls drawn as such,
high-contrast graphics at 3:1, and every life's places on the title map."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygame")

import pygame  # noqa: E402

from game.modes.settings import Settings  # noqa: E402
from game.ui.flow import descendants  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"

pytestmark = pytest.mark.usefixtures("user_home")


def play(size: tuple[int, int], scale: float) -> Pilot:
    p = Pilot.start(STORY, size=size, settings=Settings(text_scale=scale))
    p.click("Play")
    life = next(w for w in p.widgets() if w.key.startswith("life:"))
    p.click(key=life.key)
    assert p.screen == "play"
    return p


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_play_header_leaves_the_story_room(size, scale):
    p = play(size, scale)
    header = next(v for v in p.app.top.views if v.name == "header")
    share = header.rect.h / p.app.ctx.size[1]
    assert share <= 0.20, f"the header takes {share:.0%} of {size} at {scale:.0%} text"
    # what it no longer shows is still there: the life's line above the scene, and the buttons by name
    life = p.app.game.life
    line = p.app.game.tr(life.title) + ": " + p.app.game.tr(life.player)
    texts = [getattr(it, "text", "") for it in p.app.top.views[1].root.items]
    heads = [getattr(it, "text", "") for it in header.root.items[0].title.items]
    assert line in texts + heads
    for label in ("Journal", "Menu"):
        w = p.find(label)
        assert w.rect.h >= 44 and w.rect.w >= 44
    p.click("Menu")
    assert p.screen == "pause"
    assert p.app.errors == []


TOUR_HEADERS = {"settings", "about", "saves", "lives", "play", "journal", "history", "card", "sources", "debrief",
                "teacher", "student"}


@pytest.fixture
def back_to_english():
    from game import i18n
    from game.modes import kiosk as kiosk_mode

    yield
    kiosk_mode.close_log()
    i18n.use("en")


@pytest.mark.usefixtures("back_to_english")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_screens_header_leaves_the_page_room(tmp_path, lang, size, scale):
    """Every screen with a header bar, reached as a player reaches it, keeps the bar within a fifth of the
    window; a line the bar leaves out opens the page instead, and its buttons keep 44 px and their names."""
    from game.ui.tour import tour

    seen = set()
    settings = Settings(text_scale=scale, language=lang, reduced_motion=True)
    for stop, p in tour(str(STORY), size, settings, tmp_path):
        top = p.app.top
        bar = top.view("header")
        if bar is None:
            continue
        seen.add(top.name)
        share = bar.rect.h / p.app.ctx.size[1]
        assert share <= 0.20, f"{stop}: the header takes {share:.0%} of {size} at {scale:.0%} text ({lang})"
        row = bar.root.items[0]
        if row.moved_line and top.name != "play":
            body = top.view("body").root.items
            assert getattr(body[0], "text", None) == row.moved_line, f"{stop}: the header's line is on the page"
        for b in row.buttons_list:
            assert b.rect.h >= 44 and b.rect.w >= 44 and b.label, f"{stop}: {b.key} is a 44 px target with a name"
        assert p.app.errors == [], stop
    assert TOUR_HEADERS <= seen, f"the tour missed {TOUR_HEADERS - seen}"


def test_a_header_too_tall_for_its_share_takes_a_compact_form():
    """The forms in order: the full bar; the line under the title moved out; icon buttons; a smaller title."""
    from game.ui.headerbar import header_view
    from game.ui.screens.common import back_button, header

    p = Pilot.start(STORY, size=(1280, 720), settings=Settings(text_scale=2.0))
    ctx = p.app.ctx
    items = header("Settings", back_button(lambda: None), sub="Saved as you change them")
    full, line = header_view(ctx, items, 1280, 720, share=1.0)
    assert line == "" and not items[0].buttons_list[0].icon_only
    items = header("Settings", back_button(lambda: None), sub="Saved as you change them")
    small, line = header_view(ctx, items, 1280, 720)
    assert small.rect.h <= 720 * 0.18 < full.rect.h
    assert line == "Saved as you change them"
    assert items[0].buttons_list[0].icon_only and items[0].buttons_list[0].label == "Back"


# -- 2. keyboard ------------------------------------------------------------------------------------

EXAMPLE = ROOT / "docs" / "example-story"


def by_keys(scale: float = 1.0, size: tuple[int, int] = (1280, 720)) -> Pilot:
    p = Pilot.start(STORY, size=size, settings=Settings(text_scale=scale))
    p.key("return")  # Play
    for _ in range(3):  # the first life (a first press may scroll it into view)
        if p.screen == "lives":
            p.key("return")
    assert p.screen == "play"
    return p


def offset(p: Pilot) -> int:
    return p.app.top.view("body").offset


def press(p: Pilot, name: str, mod: int = 0, most: int = 40) -> None:
    """Press a key until the page stops moving."""
    for _ in range(most):
        before = offset(p)
        p.key(name, mod)
        if offset(p) == before:
            return


@pytest.mark.parametrize("page,scale,size,steps", [("i", 1.0, (1280, 720), 3), ("h", 2.0, (1280, 720), 8)])
def test_arrows_and_tab_scroll_text_pages(page, scale, size, steps):
    p = by_keys(scale, size)
    for _ in range(steps):  # some history to read
        choice = next((w for w in p.widgets() if w.key.startswith("choice:") and w.enabled), None)
        if choice is not None:
            p.click(key=choice.key)
    p.key(page)
    assert p.screen in ("card", "history", "journal")
    body = p.app.top.view("body")
    assert body.overflows, "the page must be long enough to scroll for this test"
    p.key("down")
    assert offset(p) > 0, "the down arrow scrolls the page"
    press(p, "down")
    assert offset(p) == body.max_offset, "the down arrow reads to the end"
    press(p, "up")
    assert offset(p) == 0, "the up arrow scrolls back to the top"
    p.key("tab")
    assert offset(p) > 0, "Tab scrolls the page too"
    press(p, "tab", pygame.KMOD_SHIFT)
    assert offset(p) == 0, "and Shift+Tab back"


def test_focus_shows_as_a_screen_opens_by_keyboard():
    p = Pilot.start(STORY)
    assert p.app.top.st.show_focus and p.focus is not None  # before any input, outside a kiosk
    p.key("return")
    assert p.screen == "lives"
    assert p.app.top.st.show_focus and p.focus is not None, "the focus is visible at once"
    p.click(key=next(w for w in p.widgets() if w.key.startswith("life:")).key)
    assert p.screen == "play"
    assert not p.app.top.st.show_focus, "a screen opened with the mouse shows no ring until a key is pressed"


def test_under_pause_only_the_dialog_shows_focus():
    p = by_keys()
    p.key("tab")
    assert p.app.top.st.show_focus
    p.key("escape")
    assert p.screen == "pause"
    play_screen, pause = p.app.visible_screens()[-2:]
    assert pause.st.show_focus and pause.st.focused is not None
    assert not play_screen.st.show_focus, "the screen under the dialog shows no focus ring"
    p.key("escape")
    assert p.screen == "play" and p.app.top.st.show_focus, "back on the screen, its focus shows again"


walk = descendants  # every item of a layout tree


def test_myth_or_fact_verdict_scrolls_into_view():
    p = Pilot.start(EXAMPLE, settings=Settings(text_scale=2.0))
    p.click("Play")
    p.click(key="life:ming")
    p.click(key="choice:fast")
    p.click(key="choice:slow")
    p.click("Continue")
    p.click("Read the debrief")
    assert p.screen == "debrief"
    p.click(key="myth:one_score:myth")  # the pilot scrolls the button just into view, at the foot
    body = p.app.top.view("body")
    verdict = next(it for it in walk(body.root) if "the sources" in getattr(it, "text", "").lower()
                   and ("matches" in it.text or "otherwise" in it.text))
    top = body.rect.y - body.offset + verdict.y
    assert body.rect.top <= top and top + verdict.h <= body.rect.bottom, "the verdict is in view"


# -- 3. the text-size buttons stay put; disabled controls are dimmed, with a short reason --------------

@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_text_size_buttons_stay_under_the_pointer(size):
    p = Pilot.start(STORY, size=size)
    p.click("Settings")
    assert p.screen == "settings"
    for key, presses in (("size:+", 4), ("size:-", 4)):
        pos = p.window_pos(p.find(key=key))
        for n in range(presses):
            before = p.app.settings.text_scale
            p.click_at(pos)
            assert p.app.settings.text_scale != before, f"{key} press {n + 1} changed the size"
            w = p.find(key=key)
            canvas = (pos[0] - p.app.canvas_rect.x, pos[1] - p.app.canvas_rect.y)
            assert w.rect.collidepoint(canvas) and w.clip.collidepoint(canvas), \
                f"{key} moved from under the pointer at {p.app.settings.text_scale:.0%}: {w.rect} {canvas}"
    assert p.app.settings.text_scale == 1.0
    assert p.app.errors == []


def test_disabled_controls_are_dimmed_with_a_short_reason(tmp_path):
    p = Pilot.start(STORY, settings=Settings(text_scale=2.0))
    p.click("Settings")
    larger, smaller = p.find(key="size:+"), p.find(key="size:-")
    assert not larger.enabled and smaller.enabled
    size = larger.measure(p.app.ctx, 2000)
    larger.enabled = True
    assert larger.measure(p.app.ctx, 2000) == size, "disabled, the button keeps its size"
    larger.enabled = False
    larger.measure(p.app.ctx, larger.rect.w)
    assert p.has("largest already") is False  # the reason is beside it, not a panel of its own
    words = [getattr(it, "text", "") for it in walk(p.app.top.view("body").root)]
    assert any("largest already" in t for t in words)
    shot = tmp_path / "settings.png"
    p.screenshot(str(shot))
    # a dimmed control has a solid thin edge: walk its top edge, every pixel the edge colour
    import pygame as pg

    img = pg.image.load(str(shot))
    r = larger.rect.move(p.app.canvas_rect.topleft)
    edge = pg.Color(p.app.ctx.theme["disabled_edge"])
    y = r.top
    xs = range(r.left + r.w // 4, r.right - r.w // 4)
    hits = sum(1 for x in xs if img.get_at((x, y))[:3] == edge[:3])
    assert hits == len(xs), f"the edge is broken (dashed): {hits} of {len(xs)} pixels"


def test_a_disabled_menu_entry_says_only_its_reason():
    p = by_keys()
    p.key("escape")
    undo = p.find(key="undo")
    assert not undo.enabled
    drawn = " ".join(undo._sub.lines) if undo._sub is not None else ""  # the line drawn under its label
    assert drawn and "Not available" not in drawn, drawn


# -- 4. one of several: radio buttons, the choice shown by a dot as well as by colour -----------------

def radio_problems(p: Pilot, shot: Path) -> list[str]:
    """Each one-of-several control on the screen, as drawn: a ring (the corner of its badge is the
    button's fill, where a check box would have ink) with a dot in it when chosen, none when not."""
    p.screenshot(str(shot))
    img = pygame.image.load(str(shot))
    ctx, off = p.app.ctx, p.app.canvas_rect.topleft
    out = []
    toggles = [w for w in p.widgets() if getattr(w, "kind", "") == "toggle" and not w.check and w.visible
               and w.clip.contains(w.rect)]
    assert toggles, f"no one-of-several controls in view on {p.screen}"
    for w in toggles:
        fill, ink, _edge = w.colors(ctx, False)
        b = w.badge_rect(ctx).inflate(-(ctx.tpx(34) // 5), -(ctx.tpx(34) // 5)).move(off)
        corner = img.get_at((b.left + 1, b.top + 1))[:3]
        centre = img.get_at(b.center)[:3]
        if corner != pygame.Color(fill)[:3]:
            out.append(f"{w.key}: a square box, not a ring ({corner})")
        if (centre == pygame.Color(ink)[:3]) != w.selected:
            out.append(f"{w.key}: selected={w.selected} but the dot says otherwise ({centre})")
    return out


@pytest.mark.parametrize("hc", [False, True])
def test_one_of_several_are_radio_buttons(hc, tmp_path):
    p = Pilot.start(STORY, settings=Settings(high_contrast=hc))
    p.click("Settings")
    problems = radio_problems(p, tmp_path / "settings.png")
    full = p.find(key="fullscreen")
    assert full.check, "full screen stays a check box: it is on or off, not one of several"
    p.key("escape")
    p.click("About and sources")
    problems += radio_problems(p, tmp_path / "reference.png")
    assert problems == []


def test_myth_or_fact_answers_are_radio_buttons(tmp_path):
    p = Pilot.start(EXAMPLE)
    p.click("Play")
    p.click(key="life:ming")
    p.click(key="choice:fast")
    p.click(key="choice:slow")
    p.click("Continue")
    p.click("Read the debrief")
    p.click(key="myth:one_score:fact")
    p.window_pos(p.find(key="myth:one_score:fact"))
    assert radio_problems(p, tmp_path / "debrief.png") == []


# -- 5. map and chart graphics at 3:1 (WCAG 1.4.11), computed from the themes' colours -----------------

def wcag(a, b) -> float:
    """The WCAG 2 contrast ratio, written out here rather than taken from the code under test."""
    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def art(theme, bg_role: str) -> dict:
    from game.ui import artbridge
    from game.ui.art.palette import resolve

    return resolve(artbridge.art_colors(theme, bg_role))  # what the map and chart draw with


def test_high_contrast_map_and_chart_graphics_are_3_to_1():
    from game.ui.theme import CONTRAST

    low = []
    for role in ("bg", "panel", "surface"):
        c = art(CONTRAST, role)
        pairs = [("land", "bg"), ("coast", "land"), ("coast", "bg"), ("accent", "land"), ("ink", "land"),
                 ("grid", "bg"), ("grid", "band")]
        low += [f"{a} on {b} over {role}: {wcag(c[a], c[b]):.2f}" for a, b in pairs if wcag(c[a], c[b]) < 3.0]
    assert low == []


def test_paper_map_and_chart_outlines_are_3_to_1():
    from game.ui.theme import PAPER

    low = []
    for role in ("bg", "panel"):
        c = art(PAPER, role)
        pairs = [("coast", "land"), ("coast", "bg"), ("grid", "bg"), ("grid", "band")]
        low += [f"{a} on {b} over {role}: {wcag(c[a], c[b]):.2f}" for a, b in pairs if wcag(c[a], c[b]) < 3.0]
    assert low == []


# -- 6. the title map: every life's places, labelled --------------------------------------------------

def test_title_map_shows_every_lifes_places(monkeypatch, tmp_path):
    from game.engine.loader import load_story
    from game.ui import artbridge
    from game.ui.art.china_map import layout_map

    story = load_story(STORY).story
    expected = []
    for life in story.lives.values():
        expected += [i for i in life.place_ids() if i not in expected]
    names = {str(story.world.places[i].name) for i in expected}
    assert "Chengdu" in names

    drawn: list[list[dict]] = []
    real = artbridge.draw_map

    def spy(surface, rect, places, *args, **kw):
        drawn.append(list(places))
        return real(surface, rect, places, *args, **kw)

    monkeypatch.setattr(artbridge, "draw_map", spy)
    p = Pilot.start(STORY)
    p.screenshot(str(tmp_path / "title.png"))
    assert p.screen == "title" and drawn
    places = drawn[-1]
    assert {pl["id"] for pl in places} == set(expected)
    assert {pl["name"] for pl in places} == names
    font = p.app.ctx.fonts["small"].latin
    rect = pygame.Rect(0, 0, 520, 520)
    layout = layout_map(rect, [(pl["name"], pl["lat"], pl["lon"]) for pl in places], [], font)
    assert sorted(lb.text for lb in layout.labels) == sorted(names), "every place has its label"


@pytest.mark.usefixtures("back_to_english")
@pytest.mark.parametrize("size,scale", [((1280, 720), 1.0), ((1024, 768), 2.0)])
def test_the_pin_pad_is_a_keypad(size, scale):
    """1 2 3 / 4 5 6 / 7 8 9 / 0, as the hand expects, not one long row that wraps 7 and 3."""
    p = Pilot.start(EXAMPLE, size=size, kiosk=True)
    p.set_settings(text_scale=scale)
    p.key("q", pygame.KMOD_CTRL | pygame.KMOD_SHIFT | pygame.KMOD_ALT)
    assert p.screen == "pin"
    at = {d: p.find(key=f"pin:{d}").rect for d in "1234567890"}
    for row in ("123", "456", "789"):
        assert len({at[d].y for d in row}) == 1 and at[row[0]].x < at[row[1]].x < at[row[2]].x
    for col in ("1470", "258", "369"):
        assert len({at[d].x for d in col}) == 1 and all(at[a].y < at[b].y for a, b in zip(col, col[1:]))
    for r in at.values():
        assert r.w >= 44 and r.h >= 44


@pytest.mark.usefixtures("back_to_english")
@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_attract_loop_holds_every_control_without_scrolling(size, scale):
    """A touch anywhere on the attract loop begins the visit, so a scroll button or a drag there would begin
    it too: nothing may scroll, and Begin, each language and Read aloud must be in view at every size."""
    from game.ui.tour import kiosk_tour

    p = next(p for stop, p in kiosk_tour(str(EXAMPLE), size, Settings(text_scale=scale)) if stop == "kiosk-attract")
    top = p.app.top
    assert [v.name for v in top.views if v.overflows] == []
    keys = [w.key for w in top.focusables()]
    assert "begin" in keys and "speech" in keys and sum(k.startswith("lang:") for k in keys) >= 2
    window = pygame.Rect((0, 0), p.app.ctx.size)
    for w in top.focusables():
        assert window.contains(w.rect) and top.view_of(w).rect.contains(w.rect), f"{w.key} is cut off"
    assert p.app.ctx.overflow == []


def test_the_attract_stamp_lands_after_a_slow_first_frame():
    """A refusal beat whose first frame is drawn at its very start and whose next comes only after the stamp's
    fall (a slow frame): the screen then shows what smooth frames show at that moment (the stamp landed, with
    its words), not the stamp left mid-fall until the next beat."""
    def at_landed(steps: list[float]) -> pygame.Surface:
        p = Pilot.start(EXAMPLE, kiosk=True)
        scr = p.app.top
        start = next(t for t, _n, b in scr.beats if b.refused)
        p.step(1, dt=start - (p.app.clock() - scr.t0))  # the refusal beat's first frame
        assert scr.beats[scr.index][2].refused
        for dt in steps:
            p.step(1, dt=dt)
        p.app.dirty = True
        p.step()
        return p.app.canvas.copy()

    slow = at_landed([0.5])
    smooth = at_landed([0.05] * 10)
    assert pygame.image.tobytes(slow, "RGB") == pygame.image.tobytes(smooth, "RGB")


def test_choices_below_cue_when_the_first_choice_is_out_of_view():
    """At 200% the first scene's choices start below the fold: a "Choices below" button floats at the foot of
    the page (drawn, by touch), scrolls them into view when pressed, and comes back when the page goes up."""
    p = play((1280, 720), 2.0)
    scr = p.app.top
    body = scr.view("body")
    first = next(w for w in scr.focusables() if w.key.startswith("choice:"))
    assert first.rect.top >= body.rect.bottom, "this scene must open with its choices below the fold"
    cue = p.find(key="choices_below")
    assert cue.label == "Choices below" and cue.rect.h >= 44 and body.rect.contains(cue.rect)
    assert cue not in scr.focusables()  # Tab and the number keys already reach the choices

    def drawn(at) -> bool:
        p.step()
        return p.app.canvas.get_at(at)[:3] == tuple(p.app.ctx.theme["primary"])[:3]

    spot = (cue.rect.x + 6, cue.rect.centery)
    assert drawn(spot)
    p.tap(key="choices_below")
    assert body.fully_visible(first) and body.rect.contains(first.rect)
    assert not p.has(key="choices_below") and not drawn(spot), "gone once the choices show"
    for _ in range(20):
        p.wheel(5)  # back up to the top, as a player scrolls
    assert body.offset == 0
    assert p.has(key="choices_below") and drawn(spot), "back when the page is scrolled up again"
    assert p.app.errors == []


def test_no_cue_when_the_first_choice_is_in_view():
    p = Pilot.start(STORY, size=(1280, 720), settings=Settings(reduced_motion=True))
    p.click("Play")
    p.click(key="life:wei")
    body = p.app.top.view("body")
    first = next(w for w in p.app.top.focusables() if w.key.startswith("choice:"))
    if not body.rect.contains(first.rect):  # under the fold: the cue shows, and takes the page to it
        p.tap(key="choices_below")
    assert body.rect.contains(first.rect)
    assert not p.has(key="choices_below")
