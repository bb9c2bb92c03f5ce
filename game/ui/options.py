"""What the window is asked to do: the options of ``python -m game`` once parsed (by game.cli).

A plain dataclass without pygame, so the command line is parsed and checked before any window code loads.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import DEFAULT_STORY


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
    group: str | None = None  # classroom: the group label in the run's record (never a name)
    watch: bool = False  # authors: reload the story when a file is saved, and carry on where the player was
