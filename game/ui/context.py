"""What every screen draws with: theme, fonts at the current scale, settings, and an overflow log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .fonts import FontBook
from .theme import Theme

DESIGN_W, DESIGN_H = 1280, 720
MIN_TARGET = 48  # logical px; 48 at 720p is 72 px at 1080p
MIN_TARGET_PX = 44  # window px: no target smaller, however small the window (1024x768 scales 48 to 38)

OVERFLOW_KEPT = 100  # overflows remembered (tests want none; a kiosk that has some must not grow a list for months)


@dataclass
class Ctx:
    theme: Theme
    fonts: FontBook
    scale: float  # physical px per logical px
    size: tuple[int, int]  # the canvas (letterboxed area) in physical px
    settings: Any
    overflow: list[str] = field(default_factory=list)
    now: float = 0.0

    def px(self, v: float) -> int:
        return max(1, round(v * self.scale))

    @property
    def target(self) -> int:
        """The least width and height of anything pressed: MIN_TARGET scaled, never under MIN_TARGET_PX."""
        return max(MIN_TARGET_PX, self.px(MIN_TARGET))

    def tpx(self, v: float) -> int:
        """A size that grows with the text-size setting (padding around text)."""
        return max(1, round(v * self.scale * self.fonts.text_scale))

    def logical(self, physical: int) -> int:
        """Physical px back to logical px, rounded up (a column width for something drawn at ``tpx`` size)."""
        return -(-physical * 100 // max(1, self.px(100))) + 1

    @property
    def reduced_motion(self) -> bool:
        return bool(getattr(self.settings, "reduced_motion", False))

    def report_overflow(self, where: str, text: str, detail: str) -> None:
        msg = f"{where}: {text[:40]!r} {detail}"
        if msg not in self.overflow and len(self.overflow) < OVERFLOW_KEPT:
            self.overflow.append(msg)
