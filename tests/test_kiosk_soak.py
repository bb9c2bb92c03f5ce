"""A few thousand inputs from simulated kiosk visitors (bench/kiosk_soak.py runs 100,000): every visit
ends back on the attract loop with nothing kept, nothing raises, and memory does not grow by a loose rule
(the old runs are gone: the heap after the last reset is within a margin of the heap after the first
few)."""

from __future__ import annotations

import gc
import random
import tracemalloc
from pathlib import Path

import pytest

from game.modes import kiosk as kiosk_mode
from game.ui.pilot import Pilot
from game.ui.soak import kiosk_visit

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"

pytestmark = pytest.mark.usefixtures("user_home")


def test_simulated_visitors_leave_nothing_behind():
    rng = random.Random(3)
    p = Pilot.start(EXAMPLE, kiosk=True)
    k = p.app.kiosk
    tracemalloc.start()
    try:
        heaps = []
        inputs = 0
        for _ in range(12):
            inputs += kiosk_visit(p, rng, 250)
            assert p.screen == "attract" and len(p.app.screens.screens) == 1
            assert p.app.game.session is None and k.visit.is_clear(k.config.visitor_settings())
            assert p.app.settings == k.config.visitor_settings()
            gc.collect()
            heaps.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
        kiosk_mode.close_log()
    assert inputs >= 3000
    assert p.app.errors == []
    settled = sorted(heaps[2:5])[1]  # after the first visits have filled the caches
    assert heaps[-1] <= settled * 1.25 + 512 * 1024, [round(h / 1e6, 2) for h in heaps]
    log = (Path(kiosk_mode.paths.log_dir()) / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("visit started") == log.count("reset (") >= 6  # every visit that began a life ended


def test_turning_speech_off_while_it_reads_lets_the_idle_reset_come():
    """Speech holds the idle clock while it reads; a visitor who turns it off mid-sentence and walks away
    must still get the reset (found by the soak: the clock stayed held and the kiosk kept their screen)."""
    from game.ui.soak import walk_away

    p = Pilot.start(EXAMPLE, kiosk=True)
    try:
        p.tap_at((10, 10))
        p.tap(key=next(w.key for w in p.widgets() if w.key.startswith("life:")))
        assert p.screen == "play"
        p.set_settings(speech=True)
        p.app.kiosk.timer.pause()  # what the bridge does while the speaker is busy
        p.set_settings(speech=False)
        walk_away(p)
        assert p.screen == "attract" and not p.app.kiosk.timer.paused
    finally:
        kiosk_mode.close_log()
