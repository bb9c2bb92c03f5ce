"""Anti-aliased line drawing shared by the art modules.

Everything is drawn on a 4x supersampled transparent surface with round caps and joins, then scaled
down with ``smoothscale``. Coordinates given to a :class:`Pen` are in design units (for icons a
24-unit grid) which the pen maps to pixels of the large surface.
"""

from __future__ import annotations

import math

import pygame

SUPERSAMPLE = 4


def rgb(color) -> tuple[int, int, int]:
    """An (r, g, b) tuple from any pygame colour value."""
    c = pygame.Color(color)
    return (c.r, c.g, c.b)


def rgba(color, alpha: int | None = None) -> tuple[int, int, int, int]:
    c = pygame.Color(color)
    return (c.r, c.g, c.b, c.a if alpha is None else alpha)


def mix(a, b, t: float) -> tuple[int, int, int]:
    """The colour ``t`` of the way from ``a`` to ``b``."""
    a, b = rgb(a), rgb(b)
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def quad_points(a, c, b, steps: int = 16) -> list[tuple[float, float]]:
    """Points of a quadratic Bezier curve from ``a`` to ``b`` with control point ``c``."""
    out = []
    for i in range(steps + 1):
        t = i / steps
        out.append(((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * c[0] + t * t * b[0],
                    (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * c[1] + t * t * b[1]))
    return out


def canvas(size: tuple[int, int], color) -> pygame.Surface:
    """A transparent supersampled canvas whose transparent pixels already carry ``color``'s RGB, so
    that smoothscale leaves no dark fringe."""
    surf = pygame.Surface((max(1, size[0]), max(1, size[1])), pygame.SRCALPHA)
    surf.fill((*rgb(color), 0))
    return surf


def downscale(surf: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    size = (max(1, size[0]), max(1, size[1]))
    if surf.get_size() == size:
        return surf
    return pygame.transform.smoothscale(surf, size)


class Pen:
    """Draws strokes on ``surf``: design unit (x, y) maps to (ox + x * scale, oy + y * scale)."""

    def __init__(self, surf: pygame.Surface, scale: float, width: float, color, ox: float = 0, oy: float = 0):
        self.surf = surf
        self.scale = scale
        self.width = width  # in pixels of surf
        self.color = rgba(color, 255)
        self.ox = ox
        self.oy = oy

    def p(self, x: float, y: float) -> tuple[float, float]:
        return (self.ox + x * self.scale, self.oy + y * self.scale)

    # -- primitives in pixel space --------------------------------------------------------------
    def _seg(self, a, b, w, color) -> None:
        (x0, y0), (x1, y1) = a, b
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        if length < 1e-6:
            return
        nx, ny = -dy / length * w / 2, dx / length * w / 2
        pygame.draw.polygon(self.surf, color, [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny),
                                               (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)])

    def _cap(self, a, w, color) -> None:
        pygame.draw.circle(self.surf, color, (round(a[0]), round(a[1])), max(1, round(w / 2)))

    def stroke_px(self, pts, closed: bool = False, width: float | None = None, color=None) -> None:
        w = self.width if width is None else width
        color = self.color if color is None else color
        pts = list(pts)
        if closed and pts:
            pts.append(pts[0])
        for a, b in zip(pts, pts[1:]):
            self._seg(a, b, w, color)
        for a in pts:
            self._cap(a, w, color)

    # -- primitives in design units -------------------------------------------------------------
    def line(self, *pts, closed: bool = False, width: float | None = None) -> None:
        """A polyline through design-unit points; ``width`` is a multiple of the pen width."""
        w = None if width is None else self.width * width
        self.stroke_px([self.p(*q) for q in pts], closed=closed, width=w)

    def arc_points(self, cx, cy, r, a0, a1, steps: int | None = None) -> list[tuple[float, float]]:
        """Points of an arc in design units; angles in degrees, clockwise on screen (y down)."""
        steps = steps or max(6, int(abs(a1 - a0) / 6))
        return [(cx + r * math.cos(math.radians(a0 + (a1 - a0) * i / steps)),
                 cy + r * math.sin(math.radians(a0 + (a1 - a0) * i / steps))) for i in range(steps + 1)]

    def arc(self, cx, cy, r, a0, a1, width: float | None = None) -> None:
        self.line(*self.arc_points(cx, cy, r, a0, a1), width=width)

    def circle(self, cx, cy, r, width: float | None = None) -> None:
        self.line(*self.arc_points(cx, cy, r, 0, 360, 72), closed=True, width=width)

    def dot(self, cx, cy, r) -> None:
        x, y = self.p(cx, cy)
        pygame.draw.circle(self.surf, self.color, (round(x), round(y)), max(1, round(r * self.scale)))

    def fill(self, *pts, color=None) -> None:
        pygame.draw.polygon(self.surf, self.color if color is None else color, [self.p(*q) for q in pts])

    def rrect_points(self, x0, y0, x1, y1, r) -> list[tuple[float, float]]:
        r = max(0.0, min(r, (x1 - x0) / 2, (y1 - y0) / 2))
        if r == 0:
            return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        pts = []
        pts += self.arc_points(x1 - r, y0 + r, r, -90, 0, 8)
        pts += self.arc_points(x1 - r, y1 - r, r, 0, 90, 8)
        pts += self.arc_points(x0 + r, y1 - r, r, 90, 180, 8)
        pts += self.arc_points(x0 + r, y0 + r, r, 180, 270, 8)
        return pts

    def rrect(self, x0, y0, x1, y1, r=0.0, width: float | None = None) -> None:
        self.line(*self.rrect_points(x0, y0, x1, y1, r), closed=True, width=width)

    def quad(self, a, c, b, steps: int = 16) -> list[tuple[float, float]]:
        """Points of a quadratic Bezier from ``a`` to ``b`` with control ``c`` (design units)."""
        return quad_points(a, c, b, steps)
