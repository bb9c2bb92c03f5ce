"""Autoplay (``--autoplay``): a seeded random choice among the top screen's targets every ``pace`` seconds,
life after life, for demonstrations, soak runs and screenshots."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import App


class Autoplay:
    def __init__(self, seed: int, pace: float, start: float) -> None:
        self.rng = random.Random(seed)
        self.pace = pace
        self.next_at = start + pace

    def due(self, now: float) -> bool:
        """Whether a move is due now (and if so, the next one is scheduled)."""
        if now < self.next_at:
            return False
        self.next_at = now + self.pace
        return True

    def step(self, app: App) -> None:
        """One move: the screen's own hook (a dialog's default), else a random target, activated."""
        top = app.top
        if top is None:
            return
        if hasattr(top, "autoplay_hook") and top.autoplay_hook():
            app.dirty = True
            return
        targets = top.autoplay_targets()
        if not targets:
            return
        w = self.rng.choice(targets)
        top.st.focused = w
        if app.kiosk is not None:
            app.kiosk.touch()
        w.activate()
        app.dirty = True
