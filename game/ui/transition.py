"""A change of screens played as a short slide or fade (painter.py decides when; motion.py times it).

While it plays, the new screens are drawn as usual, partial redraws and all, but onto ``after`` (the true
frame) instead of straight to the window; each frame shows ``before`` (what was on the window when the
screens changed) with ``after`` coming in over it. Its first frame, at progress 0, is ``before`` itself,
already on the window: that frame only draws the new screens into ``after`` and shows nothing (the old frame
is kept as ``before`` at the first blend), so a change of screens costs little more than with no motion.
When it ends the canvas holds the true frame again, so drawing only what changed carries on from there.
Input goes to the new screen from the first frame.

The kinds, from how the screens changed, all a straight fade from the old frame to the new:

- ``enter``: a newer screen came in front (Journal, ID card, Settings, a life's first scene): it fades in
  while sliding a short way from the right, the direction of going further in;
- ``back``: a screen closed and one that was not showing shows again: it fades in, nothing slides;
- ``dialog``: a dialog opened over the page (the pause menu): it fades in with its veil over the page;
- ``close``: a dialog closed and the page it covered shows again.

Not through the paper (the old page fading out, then the new one in), though that would never show two
pages at once: every screen has the same dark header, and fading through the light paper would flash it
light and dark again at each change, a large flash that a visitor tapping fast could repeat more than three
times a second (WCAG 2.3.1). A straight fade moves each pixel only from its old colour to its new, and the
new page is ahead from the start (eased out: four fifths in by a third of the time), so the old one is
only a fading trace behind it.
None at all under reduced motion, and none when the new top screen has the name of the old one (the same
place drawn anew: a story reloaded under ``--watch``). A new scene in play is the same play screen composed
again, so it has none either, on purpose: the header and the ID card beside the scene stay where they are
and only what changed is drawn again, so the eye goes to what changed (the scene's words, typed in by the
play screen's own reveal when a text speed is set); a fade of the whole page at every choice would say that
everything changed, and hold back the next choices for a fifth of a second each time.
"""

from __future__ import annotations

import pygame

from .context import Ctx
from .motion import SCREEN_MAX, Tween, ease_out_quart

DURATION = {"enter": 0.18, "back": 0.15, "dialog": 0.12, "close": 0.1}  # seconds; each under SCREEN_MAX
SLIDE = 40  # logical px an entering screen travels
assert max(DURATION.values()) < SCREEN_MAX


def kind_for(old_shown: tuple[int, ...], old_top: tuple[int, str] | None,
             new_top: tuple[int, str, bool] | None) -> str | None:
    """The transition from the screens last drawn (their serials, the top one's ``(serial, name)``) to the
    top screen now ``(serial, name, opaque)``. Screens are numbered as they are made, so a higher number is a
    newer screen coming in, a lower one an older screen showing again."""
    if old_top is None or new_top is None or old_top[0] == new_top[0] or old_top[1] == new_top[1]:
        return None
    if new_top[0] > old_top[0]:
        return "enter" if new_top[2] else "dialog"
    return "close" if new_top[0] in old_shown else "back"


Surfaces = tuple[pygame.Surface, pygame.Surface, pygame.Surface]


class Transition:
    def __init__(self, kind: str, surfaces: Surfaces, now: float, ctx: Ctx) -> None:
        """``surfaces`` (made by ``surfaces``): ``before``, where the frame on the window as the screens changed
        is kept, taken from the canvas at the first blend; ``after``, where the new frames are drawn, of the
        canvas's size and pixel format (so drawn exactly as on the canvas); ``blend``, a copy of ``after``
        with an alpha channel, every pixel opaque, that is blended over ``before``."""
        self.kind = kind
        self.before, self.after, self.blend = surfaces
        self.tween = Tween(now, DURATION[kind], ease_out_quart)
        self.slide = ctx.px(SLIDE) if kind == "enter" else 0
        # nothing of it on the window yet: the canvas still holds what the window shows (progress 0), so the
        # first frame only draws the new screens into ``after``: no copy, blend or flip
        self.shown = False
        self._stale: list[pygame.Rect] = []  # where ``after`` was drawn since ``blend`` was copied from it

    @staticmethod
    def surfaces(canvas: pygame.Surface, kept: Surfaces | None) -> Surfaces:
        """``before``, ``after`` and ``blend`` for a transition on this canvas, the ones ``kept`` from the last
        when their size fits (a fresh 1920x1080 surface costs a few milliseconds of page faults on its first
        frame). ``blend`` has an alpha channel, every pixel opaque: pygame-ce blends it under a surface alpha
        with SIMD, faster than an opaque surface (measured at 1920x1080: 1.3 against 1.6 ms a frame)."""
        size = canvas.get_size()
        if kept is None or kept[0].get_size() != size:
            kept = (pygame.Surface(size, 0, canvas), pygame.Surface(size, 0, canvas),
                    pygame.Surface(size, pygame.SRCALPHA))
        return kept

    def fits(self, canvas: pygame.Surface) -> bool:
        return self.before.get_size() == canvas.get_size()

    def done(self, now: float) -> bool:
        return self.tween.done(now)

    def wake_at(self, now: float) -> float:
        """The next frame's time (now, when the last frame is still to be drawn)."""
        w = self.tween.wake_at(now)
        return now if w is None else w

    def drawn(self, rect: pygame.Rect) -> None:
        """Part of ``after`` was drawn again (once blends have begun): ``blend`` takes it at the next one."""
        if self.shown:
            self._stale.append(rect)

    def alpha(self, now: float) -> int:
        """How opaque the new frame is over the old at ``now``, 0 to 255."""
        return max(0, min(255, round(255 * self.tween.progress(now))))

    def at_start(self, now: float) -> bool:
        """The frame at ``now`` is the one on the window: nothing of the new one shows yet."""
        return not self.shown and self.alpha(now) == 0 and not self.done(now)

    def compose(self, canvas: pygame.Surface, now: float) -> None:
        """The frame at ``now``: the old frame, the new one over it, part way in. The first time, the canvas
        still holds the old frame: it is kept as ``before`` then."""
        if self.shown:
            canvas.blit(self.before, (0, 0))
            for r in self._stale:
                self.blend.blit(self.after, r, r)
        else:
            self.before.blit(canvas, (0, 0))
            self.blend.blit(self.after, (0, 0))
            self.shown = True
        self._stale.clear()
        alpha = self.alpha(now)
        if alpha:
            self.blend.set_alpha(alpha)
            canvas.blit(self.blend, (round(self.slide * (1 - self.tween.progress(now))), 0))
            self.blend.set_alpha(255)

    def finish(self, canvas: pygame.Surface) -> None:
        """The true frame on the canvas: the transition is over (or cut short)."""
        canvas.blit(self.after, (0, 0))
