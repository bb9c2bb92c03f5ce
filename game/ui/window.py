"""The OS window and the canvas in it: opening (named for the window manager), fullscreen, resizing, and
the letterboxed, scaled canvas every screen draws on, with the drawing context (theme, fonts) for it."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from typing import Any

import pygame

from ..i18n import N_, _
from .context import DESIGN_H, DESIGN_W, Ctx
from .fonts import FontBook
from .theme import THEMES

TITLE = N_("On the List")
WM_CLASS = "on-the-list"  # the window's class for X11 and app id for Wayland: task bars group by it
MIN_ASPECT, MAX_ASPECT = 4 / 3, 21 / 9
BRING_BACK_GAP = 0.5  # seconds between two attempts to bring a kiosk's window back (no fight with the OS)

if sys.platform.startswith("linux"):
    # SDL2 on Linux opens a throwaway OpenGL context to decide how to present the window, which loads the
    # GL driver (about 100 MB resident, and a tenth of a second, with Mesa) for a game that draws in software
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


def name_windows() -> None:
    """Give the window our class name. Importing pygame names it after the script (``__main__.py``) unless
    the environment already names it: that default is replaced, a name someone chose is kept."""
    for var in ("SDL_VIDEO_X11_WMCLASS", "SDL_VIDEO_WAYLAND_WMCLASS"):
        if os.environ.get(var, os.path.basename(sys.argv[0])) == os.path.basename(sys.argv[0]):
            os.environ[var] = WM_CLASS


class Window:
    """Owns the OS window; ``ctx`` and ``layout_gen`` change whenever the canvas's size or look does."""

    def __init__(self, size: tuple[int, int], fullscreen: bool, settings: Any, now: Callable[[], float]) -> None:
        name_windows()
        if not pygame.display.get_init():
            pygame.display.init()
        if not pygame.font.get_init():
            pygame.font.init()
        self.set_title()
        self.now = now
        self.size = size  # the windowed size asked for
        self.fullscreen = fullscreen
        self.surface = self._open()
        self._brought_back_at = -1e9
        self.ctx: Ctx | None = None
        self.layout_gen = 0
        self.build_ctx(settings)

    def _open(self) -> pygame.Surface:
        if self.fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                pass
        return pygame.display.set_mode(self.size, pygame.RESIZABLE)

    def set_title(self) -> None:
        """The window's title in the interface's language (again when the language changes)."""
        pygame.display.set_caption(_(TITLE), _(TITLE))

    def build_ctx(self, settings: Any) -> bool:
        """Lay the canvas into the window and make the drawing context for it. True when the scale or text
        size changed, so every cached picture, line and font was dropped."""
        W, H = self.surface.get_size()
        s = min(W / DESIGN_W, H / DESIGN_H)
        # the layout reflows, so the canvas may take any shape from 4:3 to 21:9; beyond that, letterbox
        cw = max(1, min(W, round(H * MAX_ASPECT)))
        ch = max(1, min(H, round(W / MIN_ASPECT)))
        self.canvas_rect = pygame.Rect((W - cw) // 2, (H - ch) // 2, cw, ch)
        self.canvas = self.surface.subsurface(self.canvas_rect)
        theme = THEMES["contrast" if getattr(settings, "high_contrast", False) else "paper"]
        text_scale = float(getattr(settings, "text_scale", 1.0) or 1.0)
        old = self.ctx
        rescaled = old is not None and (old.scale, old.fonts.text_scale) != (s, text_scale)
        if rescaled:
            from . import artbridge
            from .drawing import clear_blocks
            from .fonts import clear_caches

            clear_blocks()  # every size changed: the cached lines, fonts and pictures of the old one are dead weight
            clear_caches()
            artbridge.clear_caches()
        self.ctx = Ctx(theme, FontBook(s, text_scale), s, (cw, ch), settings, old.overflow if old else [], self.now())
        self.layout_gen += 1
        return rescaled

    def resize(self, size: tuple[int, int]) -> None:
        """The window was resized (by the user, or asked to be): take the new size (not in fullscreen)."""
        size = (max(320, int(size[0])), max(240, int(size[1])))
        if self.surface.get_size() != size and not self.fullscreen:
            self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        else:
            self.surface = pygame.display.get_surface() or self.surface

    def size_changed(self) -> bool:
        """After a window event: whether the OS window's surface now differs from the canvas laid out."""
        surf = pygame.display.get_surface()
        if surf is None or surf.get_size() == tuple(self.canvas_rect.size):
            return False
        self.surface = surf
        return True

    def set_fullscreen(self, on: bool) -> None:
        self.fullscreen = on
        self.surface = self._open()

    def bring_back(self) -> bool:
        """A kiosk's window was hidden, minimised or lost focus: show it, restore it and raise it (with the
        display's window object of pygame-ce), or else open it again. At most once every BRING_BACK_GAP
        seconds; True when it tried. The caller lays the canvas out again if the surface changed."""
        now = self.now()
        if now - self._brought_back_at < BRING_BACK_GAP:
            return False
        self._brought_back_at = now
        try:
            with warnings.catch_warnings():  # from_display_module warns that surface drawing moves to Window
                warnings.simplefilter("ignore", DeprecationWarning)
                win = pygame.Window.from_display_module()
            win.show()
            win.restore()
            win.focus()
        except (AttributeError, pygame.error):  # an older pygame: opening the window again also shows it
            self.surface = self._open()
        return True

    def to_canvas(self, pos: tuple[float, float]) -> tuple[int, int]:
        return int(pos[0]) - self.canvas_rect.x, int(pos[1]) - self.canvas_rect.y
