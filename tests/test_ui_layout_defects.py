"""The layout and input defects found in issue 15, each held by a test: the play header's share of the
window, keyboard scrolling and focus, steady text-size buttons, one-of-several controls drawn as such,
high-contrast graphics at 3:1, and every life's places on the title map."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygame")

import pygame  # noqa: E402

from game.modes.settings import Settings  # noqa: E402
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


def walk(item):
    yield item
    for attr in ("items", "cols"):
        for child in getattr(item, attr, []) or []:
            yield from walk(child[0] if isinstance(child, tuple) else child)
    for attr in ("item", "title", "buttons"):
        child = getattr(item, attr, None)
        if child is not None and hasattr(child, "measure"):
            yield from walk(child)


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
