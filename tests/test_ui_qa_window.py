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
