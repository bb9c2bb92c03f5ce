"""Errors surface: a failure in the art code still shows a plain picture to the player, but reaches
``app.errors`` and the log, so the tests that drive the window fail on it."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

pytest.importorskip("pygame")

from game.ui import artbridge  # noqa: E402
from game.ui.art import china_map  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"

pytestmark = pytest.mark.usefixtures("user_home")


def test_a_wrong_argument_into_the_map_drawing_is_an_error(monkeypatch, capsys):
    monkeypatch.setattr(china_map, "draw_map", functools.partial(china_map.draw_map, wrong_argument=1))
    artbridge.clear_caches()  # a map drawn by an earlier test would be blitted from the cache, not drawn
    p = Pilot.start(EXAMPLE)
    assert p.screen == "title"  # the title shows (with the plain map): the player is not stopped
    errors = [e for e in p.app.errors if "map: TypeError" in e and "wrong_argument" in e]
    assert errors, p.app.errors
    assert "Traceback" in errors[0]
    assert "map: TypeError" in capsys.readouterr().err  # and in the log
    artbridge.problems.clear()


def test_a_working_map_records_no_error():
    artbridge.clear_caches()
    p = Pilot.start(EXAMPLE)
    assert p.screen == "title" and p.app.errors == []


def test_a_picture_failing_every_frame_does_not_grow_the_queue():
    """A kiosk left for months: what nobody takes stays bounded."""
    def broken(*args, **kwargs):
        raise ValueError("broken")

    artbridge.take_errors()
    for _ in range(3 * artbridge.MAX_QUEUED):
        artbridge._guard("map", broken)
    assert len(artbridge.take_errors()) == artbridge.MAX_QUEUED
    assert artbridge.take_errors() == []
    artbridge.problems.clear()
