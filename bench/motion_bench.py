"""Screen transitions against the frame budget, and the idle cost of a screen after one, measured in one run:

- frame time while transitions play: the same walk through the screens (title, lives, a scene, the pause
  menu, Journal, ID card, About, and back) twice in this process, once with reduced motion (the baseline:
  every screen drawn at once) and once with motion, stepping the clock to each frame the loop would draw
  (every 1/60 s, the last at the transition's end); p50, p99 and the worst frame of each, the ratio
  motion/baseline, and ui_bench's budget (8 ms) beside them, with the machine's jitter (the same fixed
  work timed 800 times);
- idle CPU after a transition, in a real loop: a child process runs the game, opens a screen with a key
  press (a transition plays), then sits on it; ``time.process_time`` over wall time for ``--idle`` seconds
  (default 10), as a share of one core, against a naive 60 fps redraw, with the frames drawn and the loop's
  turns in that time.

With ``--shots DIR``, PNGs of transitions part way through and settled, to look at (nothing is measured).
Headless with SDL's dummy video driver unless DISPLAY is set (e.g. under Xvfb).
Usage: python bench/motion_bench.py [--idle 10] [--lang zh] [--story PATH] [--shots DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ui_bench import NAIVE, child, jitter  # noqa: E402

BUDGET_MS = 8.0  # ui_bench's frame budget
ROUNDS = 12  # walks through the screens per measurement
# title, lives, a scene, the pause menu, Journal, ID card, leaving to the title, About: every kind of change
WALK = [("click", "play"), ("click", "life:ming"), ("key", "escape"), ("click", "journal"), ("key", "escape"),
        ("key", "escape"), ("click", "card"), ("key", "escape"), ("key", "escape"), ("key", "escape"),
        ("key", "escape"), ("click", "title"), ("click", "yes"), ("click", "about"), ("key", "escape")]


def walk(p, moving: bool) -> tuple[list[float], list[float], int, float]:
    """One walk through the screens: the times of the frames where the screens changed (with motion, a
    transition's first frame: the new screens drawn, the old frame kept), of the transitions' other frames,
    the transitions seen, and the longest in seconds of clock."""
    change: list[float] = []
    between: list[float] = []
    seen, longest = 0, 0.0
    ft = p.app.frame_times
    assert p.screen == "title", p.screen
    for kind, name in WALK:
        n = len(ft)
        p.key(name) if kind == "key" else p.click(key=name)
        change += ft[-1:] if len(ft) > n else []
        if moving and p.app.painter.moving:
            seen += 1
            t0 = p.clock.t
            while p.app.painter.moving:  # a frame when the loop would wake: each 1/60 s, the last at the end
                n = len(ft)
                p.step(dt=p.app.painter.wake_at(p.clock.t) - p.clock.t)
                between += ft[n:]
            longest = max(longest, p.clock.t - t0)
    return change, between, seen, longest


def stats(ts: list[float]) -> str:
    s = sorted(ts)
    p50, p99 = s[len(s) // 2] * 1000, s[min(len(s) - 1, int(len(s) * 0.99))] * 1000
    return f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, worst {s[-1] * 1000:.2f} ms ({len(s)} frames)"


def pct(ts: list[float], q: float) -> float:
    s = sorted(ts)
    return s[min(len(s) - 1, int(len(s) * q))] * 1000


def frames(story: str, lang: str | None) -> None:
    from game.modes.settings import Settings
    from game.ui.pilot import Pilot

    for size in ((1280, 720), (1920, 1080)):
        runs = {}
        for moving in (False, True):
            p = Pilot.start(story, size=size, lang=lang, settings=Settings(reduced_motion=not moving,
                                                                          language=lang or "en"))
            p.auto_settle = False
            walk(p, moving)  # warm the caches: both runs measure screens drawn before
            change: list[float] = []
            between: list[float] = []
            seen, longest = 0, 0.0
            for _ in range(ROUNDS):
                c, b, s, lo = walk(p, moving)
                change, between, seen, longest = change + c, between + b, seen + s, max(longest, lo)
            runs[moving] = (change, between, seen, longest, len(p.app.errors))
        base, _, _, _, berr = runs[False]
        change, between, seen, longest, merr = runs[True]
        where = f"{size[0]}x{size[1]} ({lang or 'en'})"
        print(f"{where}: the frame a screen changes, drawn at once (reduced motion, the baseline): {stats(base)}")
        print(f"{where}: the frame a screen changes, its transition's first: {stats(change)}; ratio to the "
              f"baseline p50 {pct(change, 0.5) / pct(base, 0.5):.2f}, p99 {pct(change, 0.99) / pct(base, 0.99):.2f}")
        print(f"{where}: the transitions' other frames: {stats(between)}; {seen} transitions, the longest "
              f"{longest * 1000:.0f} ms of clock")
        print(f"{where}: against the {BUDGET_MS:.0f} ms budget, all frames with motion: p50 "
              f"{pct(change + between, 0.5) / BUDGET_MS:.2f}, p99 {pct(change + between, 0.99) / BUDGET_MS:.2f}; "
              f"baseline p50 {pct(base, 0.5) / BUDGET_MS:.2f}, p99 {pct(base, 0.99) / BUDGET_MS:.2f}; "
              f"errors {berr + merr}")


IDLE = """
import sys, threading, time
import pygame
out = {{}}
def drive():
    time.sleep(2.5)  # past start-up and the story load
    app = APP[0]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\\r", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="\\r", scancode=0))
    t, f0 = time.perf_counter(), len(app.frame_times)
    while not app.painter.moving and time.perf_counter() - t < 2:
        time.sleep(0.001)
    out["moved"] = app.painter.moving
    while app.painter.moving and time.perf_counter() - t < 2:
        time.sleep(0.001)
    out["transition"], out["frames"] = time.perf_counter() - t, len(app.frame_times) - f0
    time.sleep(0.3)  # the last frame and the loop's naps grow to their longest
    f, n = len(app.frame_times), app.frames
    a, t = time.process_time(), time.perf_counter()
    time.sleep({secs})
    out["cpu"] = (time.process_time() - a) / (time.perf_counter() - t)
    out["drawn"], out["turns"] = len(app.frame_times) - f, app.frames - n
    now = app.clock()
    out["screen"], out["errors"] = app.top.name, len(app.errors)
    out["wakes"] = (app.painter.wake_at(now), app.top.wake_at(now))  # besides --quit-after's end
APP = []
import game.ui.app as appmod
class App(appmod.App):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        APP.append(self)
appmod.App = App
threading.Thread(target=drive, daemon=True).start()
from game.cli import main
main(["--story", {story!r}, "--quit-after", "{total}"{lang}])
print(repr(out))
"""


def idle(env: dict, story: str, secs: float, lang: str | None) -> None:
    import ast

    extra = f", '--lang', {lang!r}" if lang else ""
    out, _, _ = child(IDLE.format(secs=secs, story=story, total=secs + 4, lang=extra), env)
    r = ast.literal_eval(out.strip().splitlines()[-1])
    _, ncpu, nwall = child(NAIVE.format(secs=min(secs, 5.0)), env)
    naive = ncpu / nwall
    print(f"idle after a transition ({lang or 'en'}, on '{r['screen']}', {secs:.0f} s in a real loop): "
          f"{r['cpu'] * 100:.2f}% of a core; naive 60 fps redraw {naive * 100:.1f}%; ratio {r['cpu'] / naive:.3f}; "
          f"{r['drawn']} frames drawn and {r['turns']} loop turns while idle; wake-ups due {r['wakes']}; "
          f"the transition before it: seen {r['moved']}, {r['frames']} frames drawn, over "
          f"{r['transition'] * 1000:.0f} ms after the key press (wall); errors {r['errors']}")


def shots(story: str, folder: str, lang: str | None) -> None:
    """Each kind of transition at a third and two thirds of its time, and settled, as PNGs."""
    import pygame

    from game.modes.settings import Settings
    from game.ui.pilot import Pilot

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    p = Pilot.start(story, lang=lang, settings=Settings(language=lang or "en"))
    p.auto_settle = False
    tag = lang or "en"

    def film(name: str, act) -> None:
        act()
        m = p.app.painter.motion
        assert m is not None, f"{name}: no transition"
        start, length = m.tween.start, m.tween.duration
        for share in (1 / 3, 2 / 3):
            p.step(dt=start + share * length - p.clock.t)
            pygame.image.save(p.app.window, str(out / f"{tag}-{name}-{round(share * 100):02d}.png"))
        p.settle()
        pygame.image.save(p.app.window, str(out / f"{tag}-{name}-settled.png"))

    film("push-about", lambda: p.click(key="about"))
    film("back-title", lambda: p.key("escape"))
    film("push-lives", lambda: p.click(key="play"))
    film("push-play", lambda: p.click(key="life:ming"))
    film("dialog-pause", lambda: p.key("escape"))
    film("push-card", lambda: p.click(key="card"))
    film("back-play", lambda: p.key("escape"))
    print(f"transition frames ({tag}) in {out}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--idle", type=float, default=10.0, help="seconds of idle measured (0: skip)")
    ap.add_argument("--story", default=str(EXAMPLE))
    ap.add_argument("--lang", help="the screens in this language too (e.g. zh)")
    ap.add_argument("--shots", help="save PNGs of transitions in this folder instead of measuring")
    a = ap.parse_args()
    os.environ["ON_THE_LIST_HOME"] = tempfile.mkdtemp(prefix="otl-bench-")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    if a.shots:
        for lang in [None] + ([a.lang] if a.lang else []):
            shots(a.story, a.shots, lang)
        return 0
    print(f"machine jitter: {jitter()}")
    for lang in [None] + ([a.lang] if a.lang else []):
        frames(a.story, lang)
    if a.idle:
        for lang in [None] + ([a.lang] if a.lang else []):
            idle(env, a.story, a.idle, lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
