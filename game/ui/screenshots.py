"""``--screenshot-dir``: a PNG of the window each time a new screen (or a new state of one) shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from .screen import Screen


class Screenshots:
    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self._key: Any = None
        self.count = 0

    def maybe(self, picture: Callable[[], pygame.Surface], top: Screen | None) -> None:
        """Save the window (``picture()``: as it stands once a screen transition ends) when the top screen
        differs from the one last saved (its ``shot_key`` too)."""
        if top is None:
            return
        key = (id(top), top.name, getattr(top, "shot_key", lambda: None)())
        if key == self._key:
            return
        self._key = key
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count += 1
        pygame.image.save(picture(), str(self.folder / f"{self.count:04d}-{top.name}.png"))
