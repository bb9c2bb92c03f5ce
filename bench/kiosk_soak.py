"""A kiosk's memory over many visitors: simulated visits through the real App (dummy video driver, an
injected clock). First the tour (one visitor per life who tries every language, pinyin, the English beside
it, every text size, high contrast, reduced motion and speech: whatever loads on first use is loaded), then
random visitors, each beginning on the attract loop, picking a life, playing with random touches, clicks,
keys and wheel, changing the text size and the language through Settings, and walking away until the idle
reset. After every reset three readings: the Python heap (tracemalloc), the C heap in use (glibc's
mallinfo2, less tracemalloc's own tables: SDL's surfaces, FreeType, pygame's fonts) and the resident set
(RSS, everything). Before each visitor leaves, the caches' sizes are read against their declared bounds.

Verdict, for each reading: the random visits are cut in thirds; the first third is warm-up (left out: what
the tour did not reach is reached there). "Flat" when the median of the last third is at most TOLERANCE
above the median of the middle third; "GROWING" otherwise. Why this rule: a leak of L bytes a visit moves
the median by about L x (visits / 3) from the middle to the last third, whatever the noise, and a median
is not moved by the one visit that happened to leave a big picture; a bounded cache that fills, or a module
imported on first use, is a step: done by the end of the first third, it cancels out. The tolerances
(TOLERANCE) are set from the readings' own spread in flat runs (see ``--leak`` to watch the verdict turn
on a leak the size of the smallest it is meant to catch), and the run prints the smallest leak per visit
it could have missed, and what that leak would add up to in a season. The caches must also stay within
their bounds at every visit ("OVER BOUND" otherwise), no error may be logged, and every visit must end
back on the attract loop.

Usage: python bench/kiosk_soak.py [--events 100000] [--story PATH] [--seed 1] [--csv FILE] [--every 10]
                                  [--leak python:KB | sdl:KB]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("ON_THE_LIST_HOME", tempfile.mkdtemp(prefix="kiosk-soak-"))  # the log goes here
sys.path.insert(0, str(ROOT))

# The most the last third's median may rise above the middle third's. Measured in flat runs of 100,000
# inputs (seeds 1 to 3, each of about 325 visits): the Python heap's medians moved by +0.07% to +0.09%
# (its spread is mostly the painter's frame-time list, a saw-tooth of about 100 KB); the C heap's by -0.5%
# to +0.8%, RSS's by -0.1% to +0.4% (allocator noise, and two steps of under 1 MB the first times speech
# reads at a new text size). The tolerances are about twice the largest of those. A kiosk reset starts
# every visit from the same memory (kioskctl.fresh_start), which is what makes them this small. Checked the
# other way: --leak python:2 (2 KB a visit) turns the heap's verdict (+0.44%), --leak sdl:16 the C heap's
# (+1.94%); RSS, noisier, catches only leaks of about 20 KB a visit in such a run.
TOLERANCE = {"heap": 0.0025, "c_heap": 0.015, "rss": 0.01}
SEASON = 90 * 500  # visits in a season: 90 days at 500 visitors a day, a busy museum's summer


def rss_bytes() -> int:
    """Resident memory now (Linux /proc; elsewhere the peak from getrusage, which can only grow)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def reading() -> dict[str, int]:
    """Memory now, after a full collection: Python heap, C heap in use (0 where unknown), RSS."""
    from game.ui import memory

    gc.collect()
    c = memory.c_heap()
    return {"heap": tracemalloc.get_traced_memory()[0],
            "c_heap": (c.in_use - tracemalloc.get_tracemalloc_memory()) if c is not None else 0,
            "rss": rss_bytes()}


def judge(values: list[int], tolerance: float) -> tuple[bool, float, float, float]:
    """(flat, middle third's median, last third's median, smallest leak per visit the rule lets through)."""
    t = len(values) // 3
    mid, last = statistics.median(values[t:2 * t]), statistics.median(values[2 * t:])
    missed = mid * tolerance / max(1, len(values) - 2 * t)  # medians about a third of the visits apart
    return last <= mid * (1 + tolerance), mid, last, missed


def slope(values: list[int]) -> float:
    """Least-squares bytes per visit over the middle and last thirds (for the reader; the verdict uses the
    medians, which one odd visit does not move)."""
    ys = values[len(values) // 3:]
    n = len(ys)
    if n < 2:
        return 0.0
    mx, my = (n - 1) / 2, statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in enumerate(ys)) / sum((x - mx) ** 2 for x in range(n))


def make_leak(spec: str | None):
    """For checking the verdict: something kept every visit, in Python (bytes) or in SDL (a Surface)."""
    if not spec:
        return None
    kind, _, kb = spec.partition(":")
    size = int(float(kb) * 1024)
    kept: list[object] = []
    if kind == "python":
        return lambda: kept.append(bytearray(size))
    if kind == "sdl":
        import pygame

        return lambda: kept.append(pygame.Surface((max(1, size // 4), 1), pygame.SRCALPHA))
    raise SystemExit(f"--leak: python:KB or sdl:KB, not {spec!r}")


def mb(v: float) -> str:
    return f"{v / 1e6:8.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--story", default=str(ROOT / "story"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--csv", help="write one line per reset: visit, inputs, heap, C heap, RSS (bytes)")
    ap.add_argument("--every", type=int, default=10, help="print every Nth reset (all go to --csv)")
    ap.add_argument("--leak", help="leak on purpose each visit, python:KB or sdl:KB, to see the verdict turn")
    a = ap.parse_args()

    from game.modes import kiosk as kiosk_mode
    from game.ui.pilot import Pilot
    from game.ui.soak import bounds, kiosk_visit, live_counts, over_bounds, tour_visits

    rng = random.Random(a.seed)
    leak = make_leak(a.leak)
    tracemalloc.start()  # before the story loads: the heap figures are the whole game's
    p = Pilot.start(a.story, kiosk=True, size=(1280, 720))
    assert p.screen == "attract", p.screen
    start = reading()
    t0 = time.perf_counter()
    events = tour_visits(p, rng)
    toured = reading()
    print(f"{'':>22} {'heap MB':>8} {'C heap':>8} {'RSS MB':>8}")
    print(f"{'start':>22} {mb(start['heap'])} {mb(start['c_heap'])} {mb(start['rss'])}")
    print(f"{'after the tour':>22} {mb(toured['heap'])} {mb(toured['c_heap'])} {mb(toured['rss'])}  "
          f"({events} inputs)")
    rows: list[dict[str, int]] = []
    limits = bounds(p.app)
    peak: dict[str, int] = {}
    over: list[str] = []

    def before_leaving() -> None:
        counts = live_counts(p.app)
        for k, v in counts.items():
            peak[k] = max(peak.get(k, 0), v)
        over.extend(f"visit {len(rows) + 1}: {o}" for o in over_bounds(counts, limits))
        if leak is not None:
            leak()

    while events < a.events:
        events += kiosk_visit(p, rng, rng.randint(150, 450), before_leaving)
        if p.screen != "attract":
            print(f"after visit {len(rows) + 1}: on {p.screen}, not the attract loop", file=sys.stderr)
            return 1
        rows.append({"visit": len(rows) + 1, "inputs": events, **reading()})
        if len(rows) % a.every == 0:
            r = rows[-1]
            print(f"visit {r['visit']:4d} {r['inputs']:7d} in {mb(r['heap'])} {mb(r['c_heap'])} {mb(r['rss'])}  "
                  f"{time.perf_counter() - t0:5.0f} s", flush=True)
    elapsed = time.perf_counter() - t0
    tracemalloc.stop()
    kiosk_mode.close_log()
    log = Path(os.environ["ON_THE_LIST_HOME"]) / "logs" / "kiosk.log"
    resets = sum("reset (" in line for line in log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    if a.csv:
        with open(a.csv, "w", encoding="utf-8") as f:
            f.write("visit,inputs,heap_bytes,c_heap_bytes,rss_bytes\n")
            f.writelines(f"{r['visit']},{r['inputs']},{r['heap']},{r['c_heap']},{r['rss']}\n" for r in rows)

    errors = p.app.errors
    print()
    print(f"{len(rows)} visits after the tour, {events} inputs, {resets} resets logged, {len(errors)} errors, "
          f"{elapsed:.0f} s ({events / elapsed:.0f} inputs/s){', leaking ' + a.leak + ' a visit' if a.leak else ''}")
    t = len(rows) // 3
    print(f"warm-up: the tour and visits 1-{t}; compared: the medians of visits {t + 1}-{2 * t} and "
          f"{2 * t + 1}-{len(rows)}")
    names = {"heap": "Python heap", "c_heap": "C heap in use", "rss": "RSS"}
    verdicts = []
    for key, name in names.items():
        values = [r[key] for r in rows]
        if not any(values):
            print(f"{name:>14}: not measured here (no glibc)")
            continue
        flat, mid, last, missed = judge(values, TOLERANCE[key])
        verdicts.append(flat)
        print(f"{name:>14}: {mb(mid).strip()} -> {mb(last).strip()} MB ({(last / mid - 1) * 100:+.2f}%, at most "
              f"{TOLERANCE[key]:.2%}); slope {slope(values) / 1e3:+.2f} KB/visit; first {mb(values[0]).strip()}, "
              f"min {mb(min(values)).strip()}, max {mb(max(values)).strip()}: {'flat' if flat else 'GROWING'}; "
              f"a leak under {missed / 1e3:.1f} KB/visit ({missed * SEASON / 1e6:.0f} MB a season) could pass")
    print("caches at their fullest, before a visitor left (bound): "
          + ", ".join(f"{k} {v}" + (f" ({limits[k]})" if k in limits else "") for k, v in peak.items()))
    for o in over[:5]:
        print("OVER BOUND", o)
    ok = all(verdicts) and not errors and not over
    why = ("GROWING" if not all(verdicts) else "OVER BOUND" if over else "ERRORS" if errors else "flat")
    print(f"verdict: {why} (last third's median within the tolerance of the middle third's, for each reading; "
          f"caches within their bounds; no errors)")
    for e in errors[:3]:
        print(e, file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
