"""Speed of the window, printed as figures and as ratios measured in the same run:

- start to first drawn frame, against a bare pygame window;
- CPU used while idle on a page (the loop sleeps between looks at the event queue), against a naive
  60 fps full redraw;
- frame time while playing (p50, p99) at 1280x720 and 1920x1080, with the machine's own jitter beside
  it (the same fixed piece of work timed 800 times: on a shared virtual machine its p99 is often twice
  its median, and so is every frame's);
- memory over a soak of random events (``--soak N``, default 50,000): Python heap and resident memory
  before and after, and the peak.

The start-up and idle figures run in child processes, headless with SDL's dummy video driver unless
DISPLAY is set (e.g. under Xvfb); the frames and the soak run in this process with the dummy driver, or
the one SDL_VIDEODRIVER names (``SDL_VIDEODRIVER=x11`` to count presenting to Xvfb as well).
Usage: python bench/ui_bench.py [--soak 50000] [--story PATH] [--lang zh]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(ROOT))

BARE = """
import time; t = time.perf_counter()
import pygame; pygame.display.init(); s = pygame.display.set_mode((1280, 720)); s.fill((240, 235, 225))
pygame.display.flip(); print(time.perf_counter() - t)
"""
GAME = """
import time; t = time.perf_counter()
from game.ui.app import App; from game.cli import parse_window as parse
app = App(parse(["--story", {story!r}])); app.boot(); app.draw(); print(time.perf_counter() - t)
"""
NAIVE = """
import time, pygame; pygame.display.init(); s = pygame.display.set_mode((1280, 720)); c = pygame.time.Clock()
end = time.time() + {secs}
pygame.font.init(); f = pygame.font.Font(None, 28)
while time.time() < end:
    pygame.event.get(); s.fill((240, 235, 225))
    for i in range(20): s.blit(f.render("A line of text on the page number %d" % i, True, (0, 0, 0)), (40, 30 * i))
    pygame.display.flip(); c.tick(60)
"""


def child(code: str, env: dict) -> tuple[str, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out.stdout.strip(), cpu, wall


def first_frame(env: dict, story: str) -> None:
    bare = sorted(float(child(BARE, env)[0]) for _ in range(5))[2]
    game = sorted(float(child(GAME.format(story=story), env)[0]) for _ in range(5))[2]
    print(f"first frame: game {game * 1000:.0f} ms, bare pygame window {bare * 1000:.0f} ms, ratio {game / bare:.2f}")


IDLE = """
import sys, threading, time
out = []
def sample():
    time.sleep(2.0)  # past start-up and the story load
    a, t = time.process_time(), time.perf_counter()
    time.sleep({secs})
    out.append((time.process_time() - a) / (time.perf_counter() - t))
threading.Thread(target=sample, daemon=True).start()
from game.cli import main
main(["--story", {story!r}, "--quit-after", "{total}"])
print(out[0] if out else -1)
"""


def idle_cpu(env: dict, story: str, secs: float = 5.0) -> None:
    out, _, _ = child(IDLE.format(secs=secs, story=story, total=secs + 2.5), env)
    idle = float(out.splitlines()[-1])
    _, ncpu, nwall = child(NAIVE.format(secs=secs), env)
    naive = ncpu / nwall
    print(f"idle on the title page: {idle * 100:.2f}% of a core; naive 60 fps redraw {naive * 100:.1f}%; "
          f"ratio {idle / naive if naive else 0:.3f}")


def jitter() -> str:
    """The machine's jitter: one fixed piece of work (about a frame's worth of Python and fills), timed."""
    import pygame

    surf = pygame.Surface((1280, 720))
    ts = []
    for i in range(800):
        t = time.perf_counter()
        x = 0
        for k in range(6000):
            x += k * k
        for c in range(3):
            surf.fill((c, i % 256, 0))
        ts.append(time.perf_counter() - t)
    ts.sort()
    p50, p99 = ts[len(ts) // 2] * 1000, ts[int(len(ts) * 0.99)] * 1000
    return f"the same fixed work timed 800 times: p50 {p50:.2f} ms, p99 {p99:.2f} ms ({p99 / p50:.1f}x)"


def frames(story: str, lang: str | None = None) -> None:
    import pygame

    from game.ui.pilot import Pilot

    print(f"machine jitter: {jitter()}")
    for size in ((1280, 720), (1920, 1080)):
        p = Pilot.start(story, size=size, lang=lang)
        p.app.frame_times.clear()
        import random

        rng = random.Random(1)
        for _ in range(400):
            top = p.app.top
            targets = top.autoplay_targets() if top else []
            if targets:
                w = rng.choice(targets)
                w.activate()
            else:
                p.key("escape")
            p.app.dirty = True
            p.step()
            # hover and scroll frames too
            p.wheel(-1)
        ts = sorted(p.app.frame_times)
        p50 = ts[len(ts) // 2] * 1000
        p99 = ts[int(len(ts) * 0.99)] * 1000
        print(f"frame time while playing at {size[0]}x{size[1]} ({lang or 'en'}): p50 {p50:.2f} ms, p99 {p99:.2f} ms "
              f"({len(ts)} frames, video driver {pygame.display.get_driver()}; budget 8 ms)")


def rss_now() -> float:
    """Resident memory now, in MB (Linux; else the peak so far)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def soak(story: str, n: int) -> None:
    import gc
    import tracemalloc

    from game.ui.pilot import Pilot
    from game.ui.soak import random_events

    p = Pilot.start(story)
    random_events(p, 2000, seed=99)  # warm the caches
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    rss0, peak0 = rss_now(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    random_events(p, n, seed=7)
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    rss1, peak1 = rss_now(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"soak: {n} random events in {time.perf_counter() - t:.1f} s, {len(p.app.errors)} errors, "
          f"Python heap grew {grown / 1e6:.2f} MB, RSS {rss0:.0f} MB before and {rss1:.0f} MB after, "
          f"peak RSS {peak1:.0f} MB (was {peak0:.0f} MB; budget 200 MB)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--soak", type=int, default=50000)
    ap.add_argument("--story", default=str(EXAMPLE))
    ap.add_argument("--lang", help="play the frames in this language too (e.g. zh: Chinese screens)")
    a = ap.parse_args()
    home = tempfile.mkdtemp(prefix="otl-bench-")
    os.environ["ON_THE_LIST_HOME"] = home
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: imports come from cached bytecode
    env["PYTHONPATH"] = str(ROOT)
    child("import game.ui.app, game.modes.settings, game.engine.validate", env)  # warm the bytecode cache
    first_frame(env, a.story)
    idle_cpu(env, a.story)
    frames(a.story)
    if a.lang:
        frames(a.story, a.lang)
    if a.soak:
        soak(a.story, a.soak)
    return 0


if __name__ == "__main__":
    sys.exit(main())
