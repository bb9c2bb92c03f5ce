"""Frame time while the ID card moves (issue 15): a list's seal landing and the grade badge sliding on the play
screen's card panel, and the newest journey drawing itself on the ID card screen's map; each against a full
redraw of the same screen at rest, measured in the same run (the painter redraws only the view that moves).

Each shipped life is played taking the first open choice; after a step whose card changed, the frames of the
motion are drawn with the clock moving 1/60 s at a time, then the whole screen is redrawn as many times for
the baseline. Headless with SDL's dummy driver (or the one SDL_VIDEODRIVER names).

Then the CPU the window's own loop uses, on the real clock: while the grade badge slides and after it
settled, on the play screen (an idle screen must stay under 1% of a core: nothing wakes the loop at rest).

Usage: python bench/card_motion_bench.py [--story PATH] [--lang zh] [--size 1280x720]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("ON_THE_LIST_HOME", tempfile.mkdtemp(prefix="card-motion-bench-"))
sys.path.insert(0, str(ROOT))

STEP = 1 / 60
MAX_STEPS = 60  # choices taken per life


def quantiles(ts: list[float]) -> tuple[float, float]:
    ts = sorted(ts)
    return ts[len(ts) // 2] * 1000, ts[min(len(ts) - 1, int(len(ts) * 0.99))] * 1000


def animate(p) -> list[float]:
    """The frame times of the motion playing now on the top screen, until it is at rest."""
    times = p.app.frame_times
    out = []
    for _ in range(120):
        if p.app.top.wake_at(p.clock.t) is None:
            break
        n = len(times)
        p.step(1, dt=STEP)
        out += times[n:]
    return out


def full_redraws(p, n: int) -> list[float]:
    times = p.app.frame_times
    out = []
    for _ in range(n):
        p.app.painter.forget()
        p.app.dirty = True
        k = len(times)
        p.step()
        out += times[k:]
    return out


def run(story: str, size: tuple[int, int], lang: str | None) -> dict[str, tuple[list[float], list[float]]]:
    from game.ui.pilot import Pilot

    found: dict[str, tuple[list[float], list[float]]] = {"panel": ([], []), "map": ([], [])}
    probe = Pilot.start(story, size=size, lang=lang)
    lives = list(probe.app.game.story.lives)
    for life in lives:
        p = Pilot.start(story, size=size, lang=lang, character=life)
        journeys = 0
        for _ in range(MAX_STEPS):
            top = p.app.top
            if top is None or top.name != "play" or p.app.game.session is None:
                break
            view = p.app.game.view()
            open_ = [c for c in view.choices if c.enabled]
            if not open_:
                break
            top.choose(open_[0].id)
            p.step()
            moved = animate(p)
            if moved:
                found["panel"][0].extend(moved)
                found["panel"][1].extend(full_redraws(p, len(moved)))
            if len(p.app.game.session.state.travels) > journeys:
                journeys = len(p.app.game.session.state.travels)
                p.key("i")
                if p.screen == "card":
                    moved = animate(p)
                    if moved:
                        found["map"][0].extend(moved)
                        found["map"][1].extend(full_redraws(p, len(moved)))
                p.key("escape")
    return found


def run_loop(app, secs: float) -> tuple[float, int]:
    """The app's own loop for ``secs`` (waking at least every 100 ms, to stop on time): (share of a core used,
    frames drawn so far)."""
    import time

    c0, t0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - t0 < secs:
        timeout = app.timeout_ms()
        app.step(app.wait_events(min(timeout, 100) if timeout is not None else 100))
    return (time.process_time() - c0) / (time.perf_counter() - t0), len(app.painter.frame_times)


def loop_cpu(story: str, size: tuple[int, int]) -> None:
    """Share of a core the app's loop uses (real clock, real sleeps) during a motion and once it is at rest."""
    from game.ui.app import App
    from game.ui.options import Options

    for life in ("rongcheng", "li_xiaolin"):
        app = App(Options(story=story, size=size, character=life), threaded=False)
        app.boot()
        app.step([])
        for _ in range(MAX_STEPS):  # to the first step that moves the card
            open_ = [c for c in app.game.view().choices if c.enabled]
            if not open_:
                break
            app.top.choose(open_[0].id)
            app.step([])
            if app.top.wake_at(app.clock()) is not None:
                break
        else:
            continue

        n0 = len(app.painter.frame_times)
        moving, n1 = run_loop(app, 0.7)
        assert app.top.wake_at(app.clock()) is None, "still moving after 0.7 s"
        idle, n2 = run_loop(app, 5.0)
        print(f"loop on the play screen ({life}): {moving * 100:.1f}% of a core over the 0.7 s the card moves "
              f"({n1 - n0} frames drawn); {idle * 100:.2f}% of a core over the next 5 s at rest ({n2 - n1} frames)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--story", default=str(ROOT / "story"))
    ap.add_argument("--lang")
    ap.add_argument("--size", default="1280x720")
    a = ap.parse_args()
    w, h = (int(v) for v in a.size.split("x"))
    found = run(a.story, (w, h), a.lang)
    for name, what in (("panel", "seal landing / badge sliding on the play screen's card panel"),
                       ("map", "newest journey drawing itself on the ID card screen")):
        moving, full = found[name]
        if not moving:
            print(f"{what}: no such motion met")
            continue
        m50, m99 = quantiles(moving)
        f50, f99 = quantiles(full)
        print(f"{what} at {w}x{h} ({a.lang or 'en'}): p50 {m50:.2f} ms, p99 {m99:.2f} ms over {len(moving)} "
              f"frames; a full redraw of the same screen p50 {f50:.2f} ms, p99 {f99:.2f} ms; ratio p50 "
              f"{m50 / f50:.2f}, p99 {m99 / f99:.2f}")
    loop_cpu(a.story, (w, h))
    return 0


if __name__ == "__main__":
    sys.exit(main())
