"""A headless driver for tests and benchmarks: posts real pygame events (mouse, touch, keys, resizes),
steps frames, and reads which screen and focus are active.

    pilot = Pilot.start(story="docs/example-story", size=(1280, 720))
    pilot.click("Play")        # finds the button by its label, clicks its centre
    pilot.tap("Live this life")
    pilot.key("tab"); pilot.key("return")
    assert pilot.screen == "play"

A screen change plays as a short transition on the app's clock (transition.py); each step lets one it
started play to its end, advancing the fake clock frame by frame as a person waiting would see it, so the
canvas a test reads is the screen as it stays. ``auto_settle = False`` (or ``step(settle=False)``) leaves
the frames part way through to look at.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import pygame

from .app import App
from .options import Options
from .widgets import Widget

SETTLE_FRAMES = 100  # far more than a transition's frames (SCREEN_MAX at 60 a second): a transition that never ends


class FakeClock:
    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, dt: float) -> None:
        self.t += dt


class Pilot:
    def __init__(self, app: App, clock: FakeClock) -> None:
        self.app = app
        self.clock = clock
        # each step plays a screen transition it starts to its end (settle); tests of the transitions
        # themselves turn this off to look at the frames part way through
        self.auto_settle = True

    @classmethod
    def start(cls, story: str, size: tuple[int, int] = (1280, 720), settings: Any = None, **opts: Any) -> Pilot:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        clock = FakeClock()
        o = Options(story=str(story), size=size, **opts)
        app = App(o, clock=clock, threaded=False)
        if settings is not None:
            app.apply_settings(settings, save=False)
        pygame.event.clear()
        app.boot()
        p = cls(app, clock)
        p.step()
        return p

    # -- reading -----------------------------------------------------------------------------------
    @property
    def screen(self) -> str:
        return self.app.top.name if self.app.top else ""

    @property
    def focus(self) -> Widget | None:
        return self.app.top.st.focused if self.app.top else None

    def widgets(self) -> list[Widget]:
        self.app.ensure_layout()
        return self.app.top.all_widgets() if self.app.top else []

    def find(self, label: str | None = None, key: str | None = None) -> Widget:
        ws = self.widgets()
        for w in ws:
            if (key is not None and w.key == key) or (label is not None and w.label == label):
                return w
        if label is not None:
            for w in ws:
                if label.lower() in w.label.lower():
                    return w
        raise LookupError(f"no widget {label or key!r} on {self.screen}: {[w.label for w in ws]}")

    def has(self, label: str | None = None, key: str | None = None) -> bool:
        try:
            self.find(label, key)
            return True
        except LookupError:
            return False

    # -- stepping ----------------------------------------------------------------------------------
    def step(self, n: int = 1, dt: float = 0.0, *, settle: bool | None = None) -> None:
        """``n`` frames, the clock advanced by ``dt`` before each; then (unless ``settle`` is False, or None and
        ``auto_settle`` is off) the screen transition they started plays to its end (``settle``), so the
        canvas shows the screen as it stays."""
        for _ in range(n):
            if dt:
                self.clock.advance(dt)
            self.app.step(pygame.event.get())
        if self.auto_settle if settle is None else settle:
            self.settle()

    def settle(self) -> float:
        """Play the screen transition running now to its end, frame by frame, advancing the clock to each
        frame's time as a person waiting for it would see it (never more than ``motion.SCREEN_MAX``); the
        seconds of clock it took (0: nothing was moving, the clock did not move)."""
        t0 = self.clock.t
        for _ in range(SETTLE_FRAMES):
            w = self.app.painter.wake_at(self.clock.t)
            if w is None:
                return self.clock.t - t0
            self.clock.advance(max(0.0, w - self.clock.t))
            self.app.step(pygame.event.get())
        raise AssertionError(f"a screen transition still plays after {SETTLE_FRAMES} frames")

    def post(self, etype: int, **attrs: Any) -> None:
        pygame.event.post(pygame.event.Event(etype, **attrs))

    # -- pointer -----------------------------------------------------------------------------------
    def window_pos(self, w: Widget) -> tuple[int, int]:
        """The centre of the part of a widget that is visible, in window pixels (scrolling it in first)."""
        top = self.app.top
        v = top.view_of(w)
        if v is not None and not v.fully_visible(w):
            v.ensure_visible(w)
            self.app.dirty = True
            self.step()
        r = w.rect.clip(w.clip) if w.clip else w.rect
        cx, cy = r.center
        return cx + self.app.canvas_rect.x, cy + self.app.canvas_rect.y

    def click_at(self, pos: tuple[int, int]) -> None:
        self.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
        self.step()

    def click(self, label: str | None = None, key: str | None = None) -> None:
        self.click_at(self.window_pos(self.find(label, key)))

    def tap_at(self, pos: tuple[int, int], *, synthesize_mouse: bool = False) -> None:
        W, H = self.app.window.get_size()
        x, y = pos[0] / W, pos[1] / H
        self.post(pygame.FINGERDOWN, x=x, y=y, dx=0.0, dy=0.0, finger_id=1, touch_id=1, pressure=1.0)
        if synthesize_mouse:  # what SDL adds for a real touch screen: must not activate twice
            self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=True)
        self.post(pygame.FINGERUP, x=x, y=y, dx=0.0, dy=0.0, finger_id=1, touch_id=1, pressure=0.0)
        if synthesize_mouse:
            self.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=True)
        self.step()

    def tap(self, label: str | None = None, key: str | None = None, **kw: Any) -> None:
        self.tap_at(self.window_pos(self.find(label, key)), **kw)

    def wheel(self, dy: int) -> None:
        self.post(pygame.MOUSEWHEEL, x=0, y=dy, flipped=False, touch=False, precise_x=0.0, precise_y=float(dy))
        self.step()

    # -- keys --------------------------------------------------------------------------------------
    def key(self, name: str, mod: int = 0) -> None:
        k = pygame.key.key_code(name)
        uni = name if len(name) == 1 else ""
        self.post(pygame.KEYDOWN, key=k, mod=mod, unicode=uni, scancode=0)
        self.post(pygame.KEYUP, key=k, mod=mod, unicode=uni, scancode=0)
        self.step()

    def resize(self, size: tuple[int, int]) -> None:
        self.post(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)
        self.step()

    def set_settings(self, **changes: Any) -> None:
        self.app.apply_settings(replace(self.app.settings, **changes), save=False)
        self.step()

    def screenshot(self, path: str) -> None:
        self.app.dirty = True
        self.step()
        pygame.image.save(self.app.window, path)
