"""Thousands of random events (clicks, keys, touches, wheel, resizes) with no exception.
bench/ui_soak.py runs 50,000 and reports memory."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygame")

from game.modes.settings import Settings  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402
from game.ui.soak import random_events  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"


pytestmark = pytest.mark.usefixtures("user_home")


@pytest.mark.parametrize("mode", ["home", "classroom", "kiosk", "typewriter"])
def test_random_events_never_raise(mode, tmp_path):
    kw = {}
    settings = None
    if mode == "classroom":
        kw = {"classroom": True, "export_dir": str(tmp_path / "out")}
    elif mode == "kiosk":
        kw = {"kiosk": True}
    elif mode == "typewriter":
        settings = Settings(text_speed=40, text_scale=1.75, high_contrast=True)
    p = Pilot.start(EXAMPLE, settings=settings, **kw)
    random_events(p, 5000 if mode == "home" else 1500, seed=len(mode))
    assert p.app.errors == []
    assert p.app.ctx.overflow == []
