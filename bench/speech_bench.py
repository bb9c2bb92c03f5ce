"""Speed of speech, printed as figures and as ratios measured in the same run:

- time from a new screen to the first sound: building the screen's utterances (the engine's
  ``play_screen``) plus eSpeak NG's process start to its first audio sample (read from ``--stdout``;
  the same synthesis the speaker plays through the sound device, without the device's own buffer),
  over every screen of a whole life, in English (the shipped story) and Mandarin (the example story's
  Chinese translation); against the time of a bare ``espeak-ng --version`` process start, the floor;
- frame time in the window while playing, with speech off and on (whole ``App.step`` calls, so the
  speech bridge's work is counted), as p50 and p99 and their ratio, with the budget beside it, and the
  bridge's own share. Sound goes to ALSA's null device, so the speaker runs exactly as with a sound
  card. On a shared machine p99 is the machine's noise more than the game's.

Usage: python bench/speech_bench.py [--frames 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.engine import speech  # noqa: E402
from game.engine.runtime import Session  # noqa: E402
from game.engine.validate import load_and_validate  # noqa: E402
from game.speech import espeak  # noqa: E402


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * q))]


def first_sample_ms(program: str, utts: list[speech.Utterance]) -> float:
    """Process start to the first audio sample on stdout, in ms, for a screen sent as the speaker sends it
    (one process, SSML when there is more than one utterance)."""
    t = time.perf_counter()
    p = subprocess.Popen(espeak.command(program, utts, espeak.Voice(), to_stdout=True), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert p.stdin is not None and p.stdout is not None
    p.stdin.write(espeak.text_in(utts))
    p.stdin.close()
    got = p.stdout.read(44 + 2)  # the WAV header, then one 16-bit sample
    ms = (time.perf_counter() - t) * 1000
    p.stdout.read()
    p.wait()
    if len(got) < 46:
        raise SystemExit(f"espeak-ng gave no audio for {utts[0].text!r}...")
    return ms


def screens(story, life_id: str, lang: str | None) -> list[tuple[float, list[speech.Utterance]]]:
    """(ms to build the utterances, the utterances) for every screen of one life."""
    out = []
    s = Session(story, life_id)
    for _ in range(300):
        t = time.perf_counter()
        utts = speech.play_screen(story, s, lang)
        out.append(((time.perf_counter() - t) * 1000, utts))
        ids = s.enabled_choices()
        if not ids:
            break
        s.choose(ids[0])
    return out


def to_first_sound(program: str) -> None:
    floor = statistics.median(_bare(program) for _ in range(15))
    for label, path, life, lang in (("English, Wei's life", ROOT / "story", "wei", None),
                                    ("Mandarin, example story", ROOT / "docs" / "example-story", "ming", "zh")):
        story = load_and_validate(path).story
        assert story is not None
        rows = screens(story, life, lang)
        total = [build + first_sample_ms(program, utts) for build, utts in rows]
        builds = [b for b, _ in rows]
        print(f"new screen to first sound ({label}, {len(rows)} screens): p50 {pct(total, 0.5):.1f} ms, "
              f"p95 {pct(total, 0.95):.1f} ms (utterances built in p50 {pct(builds, 0.5):.2f} ms); "
              f"bare espeak-ng start {floor:.1f} ms, ratio {pct(total, 0.5) / floor:.2f}")


def _bare(program: str) -> float:
    t = time.perf_counter()
    subprocess.run([program, "--version"], stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t) * 1000


bridge_ms: list[float] = []


def frame_times(n: int, speech_on: bool) -> list[float]:
    import random

    from game.modes.settings import Settings
    from game.ui.pilot import Pilot

    p = Pilot.start(ROOT / "story", settings=Settings(speech=speech_on))
    rng = random.Random(1)
    out: list[float] = []
    bridge_ms.clear()
    inner = p.app.speech.after_frame

    def timed() -> None:  # the speech bridge's own share of each frame
        t = time.perf_counter()
        inner()
        bridge_ms.append((time.perf_counter() - t) * 1000)

    p.app.speech.after_frame = timed
    for _ in range(n):
        top = p.app.top
        targets = top.autoplay_targets() if top else []
        if targets:
            rng.choice(targets).activate()
        else:
            p.key("escape")
        p.app.dirty = True
        t = time.perf_counter()
        p.step()
        out.append((time.perf_counter() - t) * 1000)
        p.key("tab")  # a focus move: spoken when speech is on
    if speech_on:
        assert p.app.speech.speaker is not None and p.app.speech.message is None, p.app.speech.message
    p.app.shutdown()
    return out


def frames(n: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        Path(home, ".asoundrc").write_text("pcm.!default { type null }\n", encoding="utf-8")
        os.environ["HOME"] = home
        os.environ["PULSE_SERVER"] = "unix:/nonexistent"
        os.environ.pop("ALSA_CONFIG_PATH", None)
        os.environ.setdefault("ON_THE_LIST_HOME", tempfile.mkdtemp(prefix="speech-bench-"))
        off = frame_times(n, False)
        on = frame_times(n, True)
        bridge = list(bridge_ms)
    for q, name in ((0.5, "p50"), (0.99, "p99")):
        a, b = pct(off, q), pct(on, q)
        print(f"frame time {name}: speech off {a:.2f} ms, on {b:.2f} ms, ratio on/off {b / a:.2f} (budget 8 ms)")
    print(f"of which the speech bridge (what to say, handing it over): p50 {pct(bridge, 0.5):.3f} ms, "
          f"p99 {pct(bridge, 0.99):.3f} ms, max {max(bridge):.3f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    args = ap.parse_args()
    program = espeak.find_program()
    if program is None:
        print(espeak.NOT_FOUND, file=sys.stderr)
        return 1
    to_first_sound(program)
    frames(args.frames)
    return 0


if __name__ == "__main__":
    sys.exit(main())
