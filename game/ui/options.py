"""The window's command line: ``python -m game [options]``."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

DEFAULT_STORY = Path(__file__).resolve().parent.parent.parent / "story"


@dataclass
class Options:
    character: str | None = None
    lang: str | None = None
    size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    frames: int | None = None
    quit_after: float | None = None
    autoplay: bool = False
    pace: float = 1.0
    seed: int = 0
    screenshot_dir: str | None = None
    story: str = str(DEFAULT_STORY)
    classroom: bool = False
    kiosk: bool = False
    export_dir: str | None = None
    start: str = "main"
    group: str | None = None


def _size(value: str) -> tuple[int, int]:
    try:
        w, h = value.lower().split("x")
        size = int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size like 1280x720") from None
    if not (320 <= size[0] <= 10000 and 240 <= size[1] <= 10000):
        raise argparse.ArgumentTypeError("the size must be between 320x240 and 10000x10000")
    return size


def _positive(kind):
    def conv(value: str):
        try:
            v = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
        if v < 0:
            raise argparse.ArgumentTypeError("must not be negative")
        return v
    return conv


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m game", description="On the List, in a window. Subcommands "
                                "(validate, play --text, explore, map, strings) work without a window.")
    p.add_argument("--character", help="open this life directly (wei, li_xiaolin, rongcheng)")
    p.add_argument("--start", default="main", help="with --character: main, short or chapter:ID")
    p.add_argument("--lang", help="language code of a translation (e.g. zh)")
    p.add_argument("--size", type=_size, default=None, help="window size, e.g. 1280x720")
    p.add_argument("--fullscreen", action="store_true", help="fill the screen")
    p.add_argument("--frames", type=_positive(int), help="quit cleanly after this many frames")
    p.add_argument("--quit-after", type=_positive(float), metavar="SECONDS", help="quit cleanly after this long")
    p.add_argument("--autoplay", action="store_true", help="make seeded random choices, life after life")
    p.add_argument("--pace", type=_positive(float), default=1.0, metavar="SECONDS",
                   help="seconds between autoplay choices (default 1)")
    p.add_argument("--seed", type=int, default=0, help="seed for the story's chances and for autoplay")
    p.add_argument("--screenshot-dir", metavar="DIR", help="save a PNG of each new screen here")
    p.add_argument("--story", default=str(DEFAULT_STORY), metavar="PATH", help="story folder")
    p.add_argument("--classroom", action="store_true", help="classroom mode: a teacher's start screen")
    p.add_argument("--kiosk", action="store_true", help="kiosk mode: fullscreen, touch-first, resets when idle")
    p.add_argument("--export-dir", metavar="DIR", help="classroom: write each run's record here")
    p.add_argument("--group", metavar="LABEL", help='classroom: the group label, e.g. "Table 4" (never a name)')
    return p


def parse(argv: list[str]) -> Options:
    a = build_parser().parse_args(argv)
    return Options(character=a.character, lang=a.lang, size=a.size or (1280, 720), fullscreen=a.fullscreen,
                   frames=a.frames, quit_after=a.quit_after, autoplay=a.autoplay, pace=max(0.0, a.pace),
                   seed=a.seed, screenshot_dir=a.screenshot_dir, story=a.story, classroom=a.classroom,
                   kiosk=a.kiosk, export_dir=a.export_dir, start=a.start, group=a.group)
