"""A few thousand inputs from simulated kiosk visitors (bench/kiosk_soak.py runs 100,000 and judges the
memory): every visit ends back on the attract loop with nothing kept, nothing raises, every cache stays
within its declared bound while a visitor plays, and every reset leaves the same caches and screens behind
(kioskctl.fresh_start), so memory at a reset cannot creep up with the visits."""

from __future__ import annotations

import gc
import random
import tracemalloc
from pathlib import Path

import pygame
import pytest

from game.modes import kiosk as kiosk_mode
from game.ui import memory, ruby
from game.ui.pilot import Pilot
from game.ui.soak import bounds, kiosk_visit, live_counts, over_bounds, walk_away

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"
CACHES = ("line_surfaces", "line_bytes", "fonts", "blocks", "block_bytes", "ruby_blocks", "pictures",
          "picture_bytes", "art_bytes", "art_pictures", "screens", "retired_screens")

pytestmark = pytest.mark.usefixtures("user_home")


def test_simulated_visitors_leave_nothing_behind():
    rng = random.Random(3)
    p = Pilot.start(EXAMPLE, kiosk=True)
    k = p.app.kiosk
    limits = bounds(p.app)
    over: list[str] = []
    fullest: dict[str, int] = {}

    def before_leaving() -> None:
        counts = live_counts(p.app)
        over.extend(over_bounds(counts, limits))
        for key in CACHES:
            fullest[key] = max(fullest.get(key, 0), counts[key])

    tracemalloc.start()
    try:
        heaps, at_reset = [], []
        inputs = 0
        for _ in range(12):
            inputs += kiosk_visit(p, rng, 250, before_leaving)
            assert p.screen == "attract" and len(p.app.screens.screens) == 1
            assert p.app.game.session is None and k.visit.is_clear(k.config.visitor_settings())
            assert p.app.settings == k.config.visitor_settings()
            at_reset.append({key: live_counts(p.app)[key] for key in CACHES})
            gc.collect()
            heaps.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
        kiosk_mode.close_log()
    assert inputs >= 3000
    assert p.app.errors == []
    assert over == []
    # every reset leaves what the attract loop drew, and only that (a reset with a notice draws a few lines
    # more): no more after the 12th visit than after the 1st, and far less than a visit fills
    first = at_reset[0]
    assert all(r[key] <= 2 * first[key] for r in at_reset for key in CACHES), at_reset
    assert fullest["line_surfaces"] > at_reset[0]["line_surfaces"]  # the visits did fill the caches
    assert at_reset[0]["retired_screens"] == 0 and at_reset[0]["screens"] == 1
    settled = sorted(heaps[2:5])[1]  # after the first visits have imported what they use
    assert heaps[-1] <= settled + 512 * 1024, [round(h / 1e6, 2) for h in heaps]
    log = (Path(kiosk_mode.paths.log_dir()) / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("visit started") == log.count("reset (") >= 6  # every visit that began a life ended


def test_a_reset_empties_the_caches_the_visit_filled():
    p = Pilot.start(EXAMPLE, kiosk=True, size=(1024, 768))
    try:
        p.tap_at((10, 10))
        p.tap(key=next(w.key for w in p.widgets() if w.key.startswith("life:")))
        p.set_settings(text_scale=1.5)
        p.step()
        full = live_counts(p.app)
        assert full["line_surfaces"] and full["blocks"] and full["fonts"]
        p.app.kiosk.reset("left")
        p.app.kiosk_reset()  # no frame drawn since: the attract loop has not drawn its own yet
        empty = live_counts(p.app)
        assert {k: empty[k] for k in CACHES} == {**dict.fromkeys(CACHES, 0), "screens": 1}
    finally:
        kiosk_mode.close_log()


def test_turning_speech_off_while_it_reads_lets_the_idle_reset_come():
    """Speech holds the idle clock while it reads; a visitor who turns it off mid-sentence and walks away
    must still get the reset (found by the soak: the clock stayed held and the kiosk kept their screen)."""
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


def test_reading_tables_and_overflow_notes_stay_bounded(tmp_path):
    ruby.clear()
    for i in range(3 * ruby.TABLES_KEPT):
        ruby.overrides(str(tmp_path / f"story{i}"), "zh")
    assert len(ruby._tables) == ruby.TABLES_KEPT
    assert (str(tmp_path / f"story{3 * ruby.TABLES_KEPT - 1}"), "zh") in ruby._tables  # the newest kept
    ruby.clear()

    from game.ui.context import OVERFLOW_KEPT

    p = Pilot.start(EXAMPLE)
    for i in range(3 * OVERFLOW_KEPT):
        p.app.ctx.report_overflow("text", f"line {i}", "900px in 800px")
    assert len(p.app.ctx.overflow) == OVERFLOW_KEPT


def test_the_c_heap_reading_sees_sdl_memory_and_trim_gives_it_back():
    """What tracemalloc cannot see (a Surface's pixels) shows in the C heap reading, and goes when freed."""
    if memory.c_heap() is None:
        pytest.skip("the C heap is read through glibc only")
    before = memory.c_heap().in_use
    surf = pygame.Surface((2048, 2048), pygame.SRCALPHA)  # 16 MB of pixels, from SDL's malloc
    assert memory.c_heap().in_use >= before + 15 * 1024 * 1024
    del surf
    gc.collect()
    assert memory.c_heap().in_use < before + 1024 * 1024
    memory.trim()  # does not fail, whatever there was to give back
