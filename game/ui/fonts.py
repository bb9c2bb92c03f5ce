"""Fonts by role, loaded lazily at the sizes the current scale needs, with a Chinese fallback.

A ``FontSet`` measures and renders any string: runs of Chinese characters go to the CJK font (loaded
only the first time such text appears), everything else to the Latin one. Rendered lines are cached.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import pygame

from . import artbridge
from .textlayout import has_cjk, runs

# logical sizes (px at 1280x720); body 19 at 720p is 28.5 px at 1080p
ROLES: dict[str, tuple[int, bool, float]] = {
    # role: (size, bold, line height factor)
    "body": (19, False, 1.45),
    "body_bold": (19, True, 1.45),
    "small": (16, False, 1.4),
    "small_bold": (16, True, 1.4),
    "tag": (15, True, 1.3),
    "button": (19, True, 1.3),
    "heading": (26, True, 1.25),
    "title": (46, True, 1.15),
    "mono": (19, False, 1.45),
    "big": (34, True, 1.15),
}

# the least px a role is drawn at, whatever the window's scale: a small window (800x600 scales the design by
# 0.625) would otherwise draw body text at 12 px and tags at 9; layouts reflow for it as for a larger text size
MIN_PX: dict[str, int] = {
    "body": 16, "body_bold": 16, "mono": 16, "button": 16,
    "small": 14, "small_bold": 14, "tag": 13,
    "heading": 20, "big": 24, "title": 30,
}

_font_cache: OrderedDict[tuple[str, int, bool], pygame.font.Font] = OrderedDict()
FONT_CACHE_MAX = 40  # font objects kept (each size of each face is one, 0.1 to 0.4 MB); cleared on resize
WIDTHS_MAX = 10000  # measured strings kept per role (about 1 MB)


def _load(path: str | None, size: int, bold: bool) -> pygame.font.Font:
    key = (path or "", size, bold)
    f = _font_cache.get(key)
    if f is not None:
        _font_cache.move_to_end(key)
    else:
        if not pygame.font.get_init():
            pygame.font.init()
        try:
            f = pygame.font.Font(path, size)
        except (OSError, FileNotFoundError, pygame.error):
            f = pygame.font.Font(None, size)
            path = None
        if bold and not artbridge.has_bold(path):
            f.bold = True
        _font_cache[key] = f
        if len(_font_cache) > FONT_CACHE_MAX:
            _font_cache.popitem(last=False)
    return f


@dataclass
class FontSet:
    role: str
    size: int
    bold: bool
    line_height: int
    latin_path: str | None
    cjk_path: str | None

    def __post_init__(self) -> None:
        self._latin: pygame.font.Font | None = None
        self._cjk: pygame.font.Font | None = None
        self._widths: dict[str, int] = {}
        self.key = (self.role, self.size)

    @property
    def latin(self) -> pygame.font.Font:
        if self._latin is None:
            self._latin = _load(self.latin_path, self.size, self.bold)
        return self._latin

    @property
    def cjk(self) -> pygame.font.Font:
        if self._cjk is None:
            self._cjk = _load(self.cjk_path, self.size, self.bold) if self.cjk_path else self.latin
        return self._cjk

    def width(self, text: str) -> int:
        w = self._widths.get(text)
        if w is None:
            if not has_cjk(text) or self.cjk_path is None:
                w = self.latin.size(text)[0]
            else:
                w = sum((self.cjk if c else self.latin).size(piece)[0] for c, piece in runs(text))
            if len(self._widths) > WIDTHS_MAX:
                self._widths.clear()
            self._widths[text] = w
        return w

    def ascent_pad(self) -> int:
        return max(0, (self.line_height - self.latin.get_linesize()) // 2)

    def render(self, text: str, color: tuple[int, int, int]) -> pygame.Surface:
        return _render_cached(self, text, color)


_line_cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
LINE_CACHE_BYTES = 24 * 1024 * 1024  # rendered lines kept, by size: a long soak must not grow memory
_line_bytes = 0


def clear_caches() -> None:
    """Forget rendered lines and fonts (after a resize or a text-size change: all sizes change)."""
    global _line_bytes
    _line_cache.clear()
    _line_bytes = 0
    _font_cache.clear()


def _render_cached(fs: FontSet, text: str, color: tuple[int, int, int]) -> pygame.Surface:
    global _line_bytes
    key = (fs.role, fs.size, fs.latin_path, text, color)
    surf = _line_cache.get(key)
    if surf is not None:
        _line_cache.move_to_end(key)
        return surf
    if not has_cjk(text) or fs.cjk_path is None:
        surf = fs.latin.render(text, True, color)
    else:
        # every run on the Latin font's baseline, so a line with Chinese sits where a Latin line does (the CJK
        # font's taller ascent would put it 2 px lower at 19 px, 4 at 38: below a radio button's ring); the
        # CJK font's extra ascent above the Latin one is empty space above its glyphs, cut off
        base = fs.latin.get_ascent()
        pieces = [(p, base - f.get_ascent()) for f, p in
                  (((fs.cjk if c else fs.latin), (fs.cjk if c else fs.latin).render(t, True, color))
                   for c, t in runs(text))]
        h = max([fs.latin.get_height()] + [p.get_height() + dy for p, dy in pieces])
        surf = pygame.Surface((max(1, sum(p.get_width() for p, _dy in pieces)), h), pygame.SRCALPHA)
        x = 0
        for p, dy in pieces:
            surf.blit(p, (x, dy))
            x += p.get_width()
    _line_cache[key] = surf
    _line_bytes += surf.get_width() * surf.get_height() * surf.get_bytesize()
    while _line_bytes > LINE_CACHE_BYTES and len(_line_cache) > 1:
        _, old = _line_cache.popitem(last=False)
        _line_bytes -= old.get_width() * old.get_height() * old.get_bytesize()
    return surf


class FontBook:
    """The fonts for one scale (window size times the text-size setting)."""

    def __init__(self, scale: float, text_scale: float = 1.0) -> None:
        self.scale = scale
        self.text_scale = text_scale
        self._sets: dict[str, FontSet] = {}

    def px(self, role: str) -> int:
        size = ROLES[role][0]
        return max(MIN_PX.get(role, 9), round(size * self.scale * self.text_scale))

    def __getitem__(self, role: str) -> FontSet:
        fs = self._sets.get(role)
        if fs is None:
            size, bold, lh = ROLES[role]
            px = self.px(role)
            latin, cjk = artbridge.font_paths(mono=(role == "mono"), bold=bold)
            fs = FontSet(role, px, bold, max(px + 2, round(px * lh)), latin, cjk)
            self._sets[role] = fs
        return fs
