"""The window defects the tester found (QA report M1, L3, M8, M5, M4, L5 and smaller ones), each held by
a pilot test that drives the game as its users do."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygame")

import pygame  # noqa: E402

from game.modes.settings import Settings  # noqa: E402
from game.ui.flow import descendants  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
STORY = ROOT / "story"

pytestmark = pytest.mark.usefixtures("user_home")


def node(p: Pilot) -> str:
    return p.app.game.session.state.node


@pytest.mark.parametrize("speed", [0, 10, 40])
def test_space_then_enter_chooses_whatever_the_text_speed(speed):
    """M1: typed text, Space shows it all, Enter takes the first choice (not the header's Journal)."""
    p = Pilot.start(EXAMPLE, settings=Settings(text_speed=speed))
    p.key("return")  # Play
    p.key("return")  # the first life
    assert p.screen == "play" and node(p) == "station"
    if speed:
        assert p.app.top.revealing
        p.key("space")
    assert not p.app.top.revealing
    assert p.focus is not None and p.focus.key == "choice:fast", p.focus and p.focus.key
    p.key("return")
    assert p.screen == "play" and node(p) == "refused"


def _with_a_save() -> None:
    p = Pilot.start(EXAMPLE, character="ming")
    p.key("1")  # a choice: the autosave now holds a game in progress


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(1280, 720), (1024, 768), (800, 600)])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_title_menu_fits_and_focuses_continue(size, scale, lang):
    """L3: every control of the title in view at 100% (language buttons too); Continue has the focus when
    there is a game to continue, and at 200% that focus is in view."""
    _with_a_save()
    p = Pilot.start(EXAMPLE, size=size, settings=Settings(text_scale=scale, language=lang))
    assert p.screen == "title"
    body = p.app.top.view("body")
    assert p.focus is not None and p.focus.key == "continue"
    assert body.fully_visible(p.focus)
    if scale == 1.0:
        assert not body.overflows, f"the title scrolls at {size}: {body.content_h} > {body.rect.h}"
        for key in ("lang:en", "lang:zh", "quit", "play"):
            w = p.find(key=key)
            assert body.fully_visible(w) and body.rect.contains(w.rect), key


def test_title_focuses_play_without_a_save():
    p = Pilot.start(EXAMPLE)
    assert not p.has(key="continue") and p.focus.key == "play"


def ink_height(surf: pygame.Surface) -> int:
    rects = pygame.mask.from_surface(surf).get_bounding_rects()
    return rects[0].unionall(rects).h if rects else 0


# the least ink height of "Hg" (cap top to descender foot) a role may have, at any window size
LEAST_INK = {"body": 16, "button": 16, "small": 13, "small_bold": 13, "tag": 13}


@pytest.mark.parametrize("size", [(800, 600), (1024, 768)])
def test_text_stays_legible_in_small_windows(size):
    """M8: the window's scale (0.625 at 800x600) shrinks the layout, not the text below a legible size;
    the play screen, its ID card panel and the card screen still lay out without overflow."""
    p = Pilot.start(STORY, size=size)
    assert p.app.ctx.scale < 1
    for role, least in LEAST_INK.items():
        fs = p.app.ctx.fonts[role]
        h = ink_height(fs.render("Hg", (0, 0, 0)))
        assert h >= least, f"{role} text is {h} px tall at {size}"
    p.click("Play")
    life = next(w for w in p.widgets() if w.key.startswith("life:"))
    p.click(key=life.key)
    p.key("i")
    assert p.screen == "card"
    assert p.app.ctx.overflow == [], p.app.ctx.overflow


walk = descendants  # every item inside a layout tree


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_refused_now_icons_keep_a_gap_to_their_words(scale, lang):
    """M5: on the ID card screen the "Refused now" icons end before their words begin, at every text size."""
    from game.ui.idcard import IconRow, icon_size

    p = Pilot.start(STORY, settings=Settings(text_scale=scale, language=lang), character="wei")
    p.key("1")  # Wei's first choice: refused a plane ticket
    p.key("i")
    assert p.screen == "card"
    ctx = p.app.ctx
    rows = [it for v in p.app.top.views for it in walk(v.root) if isinstance(it, IconRow)]
    assert rows, "no icon rows on the card"
    for row in rows:
        gap = row.words.x - (row.icon.x + icon_size(ctx))
        assert gap >= ctx.px(6), f"icon {row.icon_name} is {gap} px from its words at {scale:.0%}"


def ink_rows(surf: pygame.Surface, rect: pygame.Rect, bg) -> list[int]:
    """The rows of ``rect`` holding any pixel far from the background colour."""
    rows = []
    for y in range(rect.top, rect.bottom):
        for x in range(rect.left, rect.right):
            if sum(abs(a - b) for a, b in zip(surf.get_at((x, y))[:3], bg, strict=False)) > 120:
                rows.append(y)
                break
    return rows


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_chinese_radio_labels_sit_level_with_their_ring(scale):
    """The settings' radio buttons in Chinese: the label's characters are centred on the ring, not below it."""
    from game.ui.textlayout import has_cjk

    p = Pilot.start(STORY, settings=Settings(text_scale=scale, language="zh"))
    p.click(key="settings")
    ctx = p.app.ctx
    radios = [w for w in p.widgets() if getattr(w, "kind", "") == "toggle" and not w.check and has_cjk(w.label)
              and w.label.strip() and all(has_cjk(ch) for ch in w.label)]
    assert len(radios) >= 4
    for w in radios:
        p.app.top.view_of(w).ensure_visible(w)
        p.app.dirty = True
        p.step()
        canvas = p.app.canvas
        ring = w.badge_rect(ctx)
        fill = canvas.get_at((w.rect.right - 3, w.rect.centery))[:3]
        label = pygame.Rect(ring.right + ctx.tpx(12), w.rect.y + ctx.px(3), w.rect.right - ring.right - ctx.tpx(20),
                            w.rect.h - ctx.px(6))
        ring_rows, label_rows = ink_rows(canvas, ring, fill), ink_rows(canvas, label, fill)
        off = (label_rows[0] + label_rows[-1]) / 2 - (ring_rows[0] + ring_rows[-1]) / 2
        assert abs(off) <= max(1, ctx.px(1)), f"{w.label!r} is {off:+} px off its ring at {scale:.0%}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_damaged_settings_file_is_told_at_start_in_the_players_language(lang, user_home):
    """M4: the damaged file is moved aside; a toast says so on the first screen, in the language of the
    interface, and Settings shows the same words."""
    from game import i18n
    from game.modes import paths

    f = paths.settings_file()
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text('{"text_scale": 1.5,', encoding="utf-8")  # cut off mid-write
    p = Pilot.start(EXAMPLE, lang=lang)
    assert p.screen == "title"
    assert list(f.parent.glob("settings.damaged*")), "the damaged file was not kept aside"
    toast = p.app.toast
    assert toast, "nothing said at start"
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in toast) and "settings file" not in toast, toast
    else:
        assert toast.startswith("The settings file was damaged")
    assert ".json" in toast  # the name the damaged file was kept under
    p.key("tab")  # any input ends the toast (after its least time)
    p.click(key="settings")
    texts = [it.text for v in p.app.top.views for it in walk(v.root) if hasattr(it, "text")]
    assert toast in texts
    i18n.use(None)


def test_a_picture_that_cannot_be_drawn_is_described_in_the_players_language():
    """The alt box's "Picture:" prefix goes through the catalog like every interface word."""
    from game import i18n
    from game.ui import drawing, pictures

    p = Pilot.start(EXAMPLE, settings=Settings(language="zh"))
    ctx = p.app.ctx
    drawing.clear_blocks()
    surf = pygame.Surface((400, 200))
    pictures.alt_box(ctx, surf, pygame.Rect(0, 0, 400, 200), "一位母亲在售票窗口")
    texts = [k[3] for k in drawing._blocks]
    assert texts and all(not t.startswith("Picture") for t in texts), texts
    assert any(t.startswith(i18n._("Picture: {description}").format(description="")) for t in texts)
    assert i18n._("Picture: {description}") != "Picture: {description}"
    i18n.use(None)


@pytest.mark.parametrize("kiosk", [False, True])
def test_each_lifes_start_button_names_its_life_when_read_aloud(kiosk):
    """L5: "Live this life (20 min)" (a kiosk's "Start: about 4 minutes") stands under every life; the focused
    button is read with its life's name."""
    p = Pilot.start(STORY, kiosk=kiosk)
    if kiosk:
        p.tap_at((640, 360))  # a visitor touches the attract loop
    else:
        p.click("Play")
    assert p.screen == "lives", p.screen
    game = p.app.game
    starts = [w for w in p.widgets() if w.key.startswith(("life:", "short:"))]
    assert len(starts) >= 3
    assert len({w.label for w in starts}) < len(starts)  # the same words on several buttons
    spoken = {}
    for w in starts:
        life = game.story.lives[w.key.split(":", 1)[1]]
        said = " ".join(u.text for u in p.app.speech.control_words(w))
        assert game.tr(life.title) in said, said
        spoken[w.key] = said
    assert len(set(spoken.values())) == len(spoken)  # no two alike


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_what_just_happened_icons_keep_a_gap_to_their_words(scale):
    """As M5, on the play screen's "What just happened" rows: the icon ends before the tag and words begin."""
    from game.ui.eventviews import ICON, EventRow

    p = Pilot.start(STORY, settings=Settings(text_scale=scale), character="wei")
    for _ in range(4):  # Wei's first choices, until something happens (she is refused a plane ticket)
        if p.app.game.last_events():
            break
        p.key("1")
    ctx = p.app.ctx
    rows = [it for v in p.app.top.views for it in walk(v.root) if isinstance(it, EventRow)]
    assert rows, "no event rows after a refusal"
    for row in rows:
        icon, words = row.inner.cols[0][0], row.text
        gap = words.x - (icon.x + ctx.tpx(ICON))
        assert gap >= ctx.px(6), f"the {row.icon} icon is {gap} px from its words at {scale:.0%}"


def test_chinese_resume_continue_and_the_story_continue_are_three_words():
    """L5: in Chinese the pause menu's Resume, the title's Continue (the last game) and a scene's own
    Continue choice were all 继续; each now says what it does."""
    p = Pilot.start(EXAMPLE, character="ming", settings=Settings(language="zh"))
    p.key("1")
    p.tap(key="choice:slow")  # the slow train leads to a scene with a lone Continue
    story_continue = {w.label for w in p.widgets() if w.key and w.key.startswith("choice:")}
    p.key("escape")
    assert p.screen == "pause"
    resume = p.find(key="resume").label
    title = Pilot.start(EXAMPLE, settings=Settings(language="zh"))
    assert title.screen == "title"
    cont = title.find(key="continue").label
    assert "继续" in story_continue, story_continue
    assert len({resume, cont, "继续"}) == 3 and resume == "返回游戏" and cont == "继续上次的游戏"
