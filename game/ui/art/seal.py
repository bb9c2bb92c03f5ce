"""A round red official seal for court notices, drawn in code.

The seal follows the common form of a Chinese official seal (a ring, a five-pointed star in the
middle, a line of characters along the top of the ring and a short line under the star), but its
"characters" are abstract stroke marks generated here: it names no real court or institution.
It is drawn slightly turned and with a little missing ink, as a hand stamp looks.

    draw_seal(screen, (640, 420), 80, (196, 30, 36))
"""

from __future__ import annotations

import math
import random

import pygame

from ._cache import SurfaceCache
from ._pen import SUPERSAMPLE, Pen, canvas, downscale, rgb, rgba

TURN_DEGREES = -7.0
ARC_GLYPHS = 9
BOTTOM_GLYPHS = 3

_CACHE = SurfaceCache("seal")  # within the art package's shared budget, counted in bytes


def _component(pen: Pen, rng: random.Random, x0: float, y0: float, w: float, h: float) -> None:
    """One part of a mark: strokes on a 4 x 4 lattice inside (x0, y0, w, h)."""

    def p(i, j):
        return (x0 + i * w / 3, y0 + j * h / 3)

    kind = rng.random()
    if kind < 0.35:  # a small box with a stroke through or under it
        j = rng.choice((0, 1))
        pen.stroke_px([p(0.5, j), p(2.5, j), p(2.5, j + 1.4), p(0.5, j + 1.4)], closed=True)
        pen.stroke_px([p(0, 3), p(3, 3)] if j == 0 else [p(1.5, 0), p(1.5, 3)])
    else:  # strokes across and down
        for r in sorted(rng.sample((0, 1, 2, 3), rng.choice((2, 3)))):
            a = rng.choice((0, 0, 0.5))
            pen.stroke_px([p(a, r), p(3 - rng.choice((0, 0, 0.5)), r)])
        col = rng.choice((1, 1.5, 2))
        pen.stroke_px([p(col, rng.choice((0, 0.5))), p(col, 3)])
        if rng.random() < 0.5:
            pen.stroke_px([p(col, 1.6), p(rng.choice((0, 3)), 3)])


def _glyph(pen: Pen, cx: float, cy: float, size: float, index: int) -> None:
    """An abstract character-like mark made of two parts, side by side or one above the other, as
    most Chinese characters are built. Generated from its index, so it is no real character."""
    rng = random.Random(7919 * (index + 1))
    x0, y0, gap = cx - size / 2, cy - size / 2, size * 0.12
    if rng.random() < 0.5:
        split = size * rng.choice((0.4, 0.45, 0.5))
        _component(pen, rng, x0, y0, split - gap / 2, size)
        _component(pen, rng, x0 + split + gap / 2, y0, size - split - gap / 2, size)
    else:
        split = size * rng.choice((0.4, 0.45, 0.5))
        _component(pen, rng, x0, y0, size, split - gap / 2)
        _component(pen, rng, x0, y0 + split + gap / 2, size, size - split - gap / 2)


def _star(cx: float, cy: float, r: float, turn: float = -90.0):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.382
        a = math.radians(turn + 36 * i)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def seal_surface(radius: int, color) -> pygame.Surface:
    """A cached transparent square surface (side 2 * radius + 2) holding the seal; do not draw on it."""
    radius = max(6, int(radius))
    color = rgb(color)
    key = (radius, color)
    surf = _CACHE.get(key)
    if surf is not None:
        return surf
    ss = SUPERSAMPLE
    side = (2 * radius + 2) * ss
    hi = canvas((side, side), color)
    c = side / 2
    r = radius * ss
    ring_w = max(2.0 * ss, r * 0.075)
    pen = Pen(hi, 1, ring_w, color)
    pygame.draw.circle(hi, rgba(color, 255), (c, c), r - 0.5 * ss)
    pygame.draw.circle(hi, (*color, 0), (c, c), r - 0.5 * ss - ring_w)
    pygame.draw.polygon(hi, rgba(color, 255), _star(c, c - r * 0.02, r * 0.3))
    # the line of marks along the top of the ring, each turned to face outwards
    glyph = r * 0.22
    stroke = max(1.2 * ss, r * 0.034)
    pen.width = stroke
    arc_r = r - ring_w - glyph * 0.75
    span = 230.0
    for i in range(ARC_GLYPHS):
        a = -90 - span / 2 + span * (i + 0.5) / ARC_GLYPHS
        gs = canvas((int(glyph * 1.6), int(glyph * 1.6)), color)
        gp = Pen(gs, 1, stroke, color)
        _glyph(gp, gs.get_width() / 2, gs.get_height() / 2, glyph * 0.8, i)
        rot = pygame.transform.rotate(gs, -(a + 90))
        gx, gy = c + arc_r * math.cos(math.radians(a)), c + arc_r * math.sin(math.radians(a))
        hi.blit(rot, rot.get_rect(center=(gx, gy)))
    # the short line under the star
    for i in range(BOTTOM_GLYPHS):
        gx = c + (i - (BOTTOM_GLYPHS - 1) / 2) * glyph * 1.15
        _glyph(pen, gx, c + r * 0.5, glyph * 0.8, 100 + i)
    # a little missing ink, as a hand stamp leaves
    rng = random.Random(radius)
    for _ in range(int(radius * 2.2)):
        x, y = rng.uniform(0, side), rng.uniform(0, side)
        pygame.draw.circle(hi, (*color, 0), (x, y), rng.uniform(0.4, 1.3) * ss)
    hi = pygame.transform.rotate(hi, TURN_DEGREES)
    surf = downscale(hi, (hi.get_width() // ss, hi.get_height() // ss))
    # the stamp's ink lets the paper show through a little
    surf.fill((255, 255, 255, 225), special_flags=pygame.BLEND_RGBA_MULT)
    return _CACHE.put(key, surf)


def draw_seal(surface: pygame.Surface, center, radius: int, color) -> None:
    """Draw a round red seal of ``radius`` pixels centred on ``center`` (``color``: RGB, e.g. (196, 30, 36))."""
    if radius < 6:
        return
    surf = seal_surface(radius, color)
    surface.blit(surf, surf.get_rect(center=(round(center[0]), round(center[1]))))
