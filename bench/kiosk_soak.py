"""A kiosk's memory over many visitors: simulated visits through the real App (dummy video driver, an
injected clock), each one beginning on the attract loop, picking a life, playing with random touches,
clicks, keys and wheel, changing the text size and the language through Settings, then walking away
until the idle reset. Memory is read after each reset: the Python heap (tracemalloc) and the resident
set (RSS).

Verdict: "flat" when, after a warm-up (the first WARMUP of the resets: first drawings, caches filling),
the median of the last quarter of the readings is at most TOLERANCE (2%) above the median of the first
quarter, for the heap and for RSS alike; otherwise "GROWING", with the figures.

Usage: python bench/kiosk_soak.py [--events 100000] [--story PATH] [--seed 1] [--csv FILE]
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

WARMUP = 0.1  # share of the resets left out before comparing
TOLERANCE = 0.02  # last quarter's median within 2% of the first quarter's


def rss_bytes() -> int:
    """Resident memory now (Linux /proc; elsewhere the peak from getrusage, which can only grow)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def verdict(values: list[float]) -> tuple[bool, float, float]:
    """(flat, first quarter's median, last quarter's median) after the warm-up."""
    kept = values[int(len(values) * WARMUP):]
    q = max(1, len(kept) // 4)
    first, last = statistics.median(kept[:q]), statistics.median(kept[-q:])
    return last <= first * (1 + TOLERANCE), first, last  # a fall is not growth


def slope_per_visit(values: list[float]) -> float:
    """The least-squares slope over the second half of the readings (bytes per visit): a leak of some
    bytes every visit shows here, where the allocator's rare steps up and down mostly do not."""
    ys = values[len(values) // 2:]
    n = len(ys)
    if n < 2:
        return 0.0
    mx, my = (n - 1) / 2, statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in enumerate(ys)) / sum((x - mx) ** 2 for x in range(n))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--story", default=str(ROOT / "story"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--csv", help="write one line per reset: visit, events, heap bytes, rss bytes")
    a = ap.parse_args()

    from game.modes import kiosk as kiosk_mode
    from game.ui.pilot import Pilot
    from game.ui.soak import kiosk_visit

    rng = random.Random(a.seed)
    tracemalloc.start()  # before the story loads: the heap figures are the whole game's
    p = Pilot.start(a.story, kiosk=True, size=(1280, 720))
    assert p.screen == "attract", p.screen
    rows: list[tuple[int, int, int, int]] = []
    events = 0
    resets_seen = 0
    t0 = time.perf_counter()
    while events < a.events:
        events += kiosk_visit(p, rng, rng.randint(150, 450))
        if p.screen != "attract":
            print(f"after visit {len(rows) + 1}: on {p.screen}, not the attract loop", file=sys.stderr)
            return 1
        gc.collect()
        heap = tracemalloc.get_traced_memory()[0]
        rows.append((len(rows) + 1, events, heap, rss_bytes()))
        if len(rows) % 25 == 0:
            print(f"visit {len(rows):4d}  events {events:7d}  heap {heap / 1e6:7.2f} MB  "
                  f"rss {rows[-1][3] / 1e6:7.1f} MB  {time.perf_counter() - t0:6.0f} s", flush=True)
    elapsed = time.perf_counter() - t0
    tracemalloc.stop()
    kiosk_mode.close_log()
    log = (Path(os.environ["ON_THE_LIST_HOME"]) / "logs" / "kiosk.log")
    if log.exists():
        resets_seen = sum("reset (" in line for line in log.read_text(encoding="utf-8").splitlines())
    if a.csv:
        with open(a.csv, "w", encoding="utf-8") as f:
            f.write("visit,events,heap_bytes,rss_bytes\n")
            f.writelines(",".join(map(str, r)) + "\n" for r in rows)

    errors = p.app.errors
    heap_flat, h1, h4 = verdict([r[2] for r in rows])
    rss_flat, r1, r4 = verdict([r[3] for r in rows])
    print()
    print(f"visits {len(rows)}, inputs {events}, resets logged {resets_seen}, errors {len(errors)}, "
          f"{elapsed:.0f} s ({events / elapsed:.0f} inputs/s)")
    print(f"heap (tracemalloc) after reset: first quarter median {h1 / 1e6:.2f} MB, last quarter {h4 / 1e6:.2f} MB "
          f"({(h4 / h1 - 1) * 100:+.2f}%), min {min(r[2] for r in rows) / 1e6:.2f}, "
          f"max {max(r[2] for r in rows) / 1e6:.2f}")
    print(f"rss after reset: first quarter median {r1 / 1e6:.1f} MB, last quarter {r4 / 1e6:.1f} MB "
          f"({(r4 / r1 - 1) * 100:+.2f}%), min {min(r[3] for r in rows) / 1e6:.1f}, "
          f"max {max(r[3] for r in rows) / 1e6:.1f}")
    print(f"slope over the second half: heap {slope_per_visit([r[2] for r in rows]) / 1e3:+.2f} KB/visit, "
          f"rss {slope_per_visit([r[3] for r in rows]) / 1e3:+.2f} KB/visit")
    from game.ui import fonts
    from game.ui.art import _cache
    from game.ui.art import fonts as art_fonts

    art = art_fonts._font.cache_info()
    print(f"bounded caches at the end (RSS that tracemalloc cannot see): {len(fonts._font_cache)} window fonts "
          f"(at most {fonts.FONT_CACHE_MAX}), {art.currsize} art fonts (at most {art.maxsize}), "
          f"pictures {_cache.total_bytes() / 1e6:.1f} MB")
    rule = f"last quarter's median at most {TOLERANCE:.0%} above the first quarter's, after {WARMUP:.0%} warm-up"
    ok = heap_flat and rss_flat and not errors
    print(f"verdict: {'flat' if ok else 'GROWING' if not (heap_flat and rss_flat) else 'ERRORS'} ({rule})")
    for e in errors[:3]:
        print(e, file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
