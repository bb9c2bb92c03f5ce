"""Motion: short tweens on the app's clock, and none at all under reduced motion.

No pygame here, and no clock read: every call takes ``now`` from the caller (``App.clock`` in the window,
``pilot.FakeClock`` in tests, which advance it by hand), so the same motion plays the same way in a real
loop, a test and a benchmark.

A ``Tween`` runs ``duration`` seconds from ``start``, shaped by an easing function::

    t = Tween(now, 0.18, ease_out_cubic, reduced=ctx.reduced_motion)
    x = t.value(now, ctx.px(48), 0)   # from 48 px off to its place
    if t.done(now): ...                # draw the final state
    app wakes at t.wake_at(now)        # the next frame while it plays; None once done

Under reduced motion (``ctx.reduced_motion``, the ``reduced_motion`` setting) a tween is done from its first
frame: ``progress`` is 1, ``value`` the end, ``wake_at`` None. Nothing moves, and the loop is not woken.

A ``Timeline`` holds named tweens that start together or one after another (a stamp that drops, then its
ink that spreads); it is done when the last one is, and wakes the loop while any plays.

Motion here explains a change (a new screen came in front, a dialog opened over the page): it stays short
(``SCREEN_MAX``: a screen's transition never lasts longer) and is never the only cue for anything.
"""

from __future__ import annotations

from collections.abc import Callable

Ease = Callable[[float], float]

FRAME = 1 / 60  # seconds between frames while something moves
SCREEN_MAX = 0.2  # no screen transition lasts longer (issue 15: "under 200 ms")
EPSILON = 1e-9  # seconds: a clock this close to the end is at the end (sums of floats fall a hair short)


def linear(x: float) -> float:
    return x


def ease_out_cubic(x: float) -> float:
    """Fast, then settling: things arriving."""
    return 1 - (1 - x) ** 3


def ease_out_quart(x: float) -> float:
    """Faster, then settling longer: things that should be there almost at once (a new screen)."""
    return 1 - (1 - x) ** 4


def ease_in_out_cubic(x: float) -> float:
    """Slow at both ends: things moving from one place to another."""
    return 4 * x ** 3 if x < 0.5 else 1 - (-2 * x + 2) ** 3 / 2


def ease_out_back(x: float, overshoot: float = 1.70158) -> float:
    """Past the end a little, then back: something landing (a stamp)."""
    c3 = overshoot + 1
    return 1 + c3 * (x - 1) ** 3 + overshoot * (x - 1) ** 2


class Tween:
    """One change over time: from ``start`` for ``duration`` seconds, eased."""

    __slots__ = ("start", "duration", "ease", "reduced")

    def __init__(self, start: float, duration: float, ease: Ease = ease_out_cubic, *, reduced: bool = False) -> None:
        if duration < 0:
            raise ValueError(f"a tween's duration is at least 0 seconds, not {duration}")
        self.start = start
        self.duration = duration
        self.ease = ease
        self.reduced = reduced

    @property
    def end(self) -> float:
        return self.start if self.reduced else self.start + self.duration

    def fraction(self, now: float) -> float:
        """The share of the time gone, 0 to 1 (not eased)."""
        if self.reduced or self.duration == 0 or now >= self.start + self.duration - EPSILON:
            return 1.0
        return max(0.0, (now - self.start) / self.duration)

    def progress(self, now: float) -> float:
        """The eased share of the change done: 0 at the start, 1 at the end (easings may overshoot between)."""
        f = self.fraction(now)
        return 1.0 if f >= 1.0 else self.ease(f)

    def value(self, now: float, a: float, b: float) -> float:
        """``a`` at the start, ``b`` at the end, eased between."""
        return a + (b - a) * self.progress(now)

    def done(self, now: float) -> bool:
        return self.fraction(now) >= 1.0

    def wake_at(self, now: float, frame: float = FRAME) -> float | None:
        """When the next frame is due while the tween plays (the last one exactly at its end); None once done."""
        if self.done(now):
            return None
        if now < self.start:  # not begun (a later tween on a timeline): nothing moves until then
            return self.start
        return min(now + frame, self.end)


class Timeline:
    """Named tweens on one clock, each starting ``at`` seconds after the timeline's start."""

    def __init__(self, start: float, *, reduced: bool = False) -> None:
        self.start = start
        self.reduced = reduced
        self.tweens: dict[str, Tween] = {}
        self._end = start  # where the next tween added with after=True starts

    def add(self, name: str, duration: float, ease: Ease = ease_out_cubic, *, at: float | None = None) -> Tween:
        """A tween starting ``at`` seconds after the timeline's start (None: when the last one added ends)."""
        begin = self._end if at is None else self.start + at
        t = Tween(begin, duration, ease, reduced=self.reduced)
        self.tweens[name] = t
        self._end = max(self._end, begin + duration)
        return t

    def __getitem__(self, name: str) -> Tween:
        return self.tweens[name]

    def progress(self, name: str, now: float) -> float:
        return self.tweens[name].progress(now)

    @property
    def end(self) -> float:
        return self.start if self.reduced else self._end

    def done(self, now: float) -> bool:
        return all(t.done(now) for t in self.tweens.values())

    def wake_at(self, now: float, frame: float = FRAME) -> float | None:
        wakes = [w for t in self.tweens.values() if (w := t.wake_at(now, frame)) is not None]
        return min(wakes) if wakes else None
