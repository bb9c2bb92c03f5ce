"""The window defects the tester found (QA report M1, L3, M8, M5, M4, L5 and smaller ones), each held by
a pilot test that drives the game as its users do."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygame")

import pygame  # noqa: E402

from game.modes.settings import Settings  # noqa: E402
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


def walk(item):
    """Every item inside a layout tree."""
    yield item
    for attr in ("items",):
        for it in getattr(item, attr, None) or []:
            yield from walk(it)
    for it, _spec in getattr(item, "cols", None) or []:
        yield from walk(it)
    inner = getattr(item, "item", None)
    if inner is not None:
        yield from walk(inner)


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
