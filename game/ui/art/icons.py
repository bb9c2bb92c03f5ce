"""Line icons for the services a list can restrict, drawn in code.

Each icon is drawn on a 24-unit grid (like common line-icon sets) with one stroke width, round caps
and joins, at 4x size, then smoothly scaled down, so it reads at 24 px and at 64 px alike. Results
are cached by (name, size, colour, width).

    draw_icon(surface, "plane", pygame.Rect(10, 10, 32, 32), (20, 20, 20))
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from ._cache import SurfaceCache
from ._pen import SUPERSAMPLE, Pen, canvas, downscale, rgb

ICON_NAMES: tuple[str, ...] = ("plane", "train", "hotel", "school", "house", "loan", "card", "car", "job",
                               "shop", "bike", "heat", "bus", "star", "gavel", "travel", "insurance")

# What each icon shows, for alt text and the assets README.
ICON_DESCRIPTIONS = {
    "plane": "an aeroplane seen from above",
    "train": "the front of a high-speed train on rails",
    "hotel": "a bed with a pillow",
    "school": "a graduation cap",
    "house": "a house with a door",
    "loan": "a coin with the yuan sign",
    "card": "a bank card",
    "car": "a car seen from the side",
    "job": "a briefcase",
    "shop": "a shopping cart",
    "bike": "a bicycle",
    "heat": "a radiator giving off heat",
    "bus": "the front of a bus",
    "star": "a five-pointed star",
    "gavel": "a judge's gavel on its block",
    "travel": "a wheeled suitcase",
    "insurance": "a shield with a tick",
}

GRID = 24.0
_CACHE = SurfaceCache("icons")  # within the art package's shared budget, counted in bytes


def default_width(size: int) -> float:
    """The stroke width (px) used at ``size`` px when none is given: 1/12 of the size, 1.5 to 4.5 px."""
    return max(1.5, min(4.5, size / 12.0))


# -- the icons, on a 24-unit grid -------------------------------------------------------------------

def _rotate(pts, deg, c=(12.0, 12.0), scale=1.0):
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    return [(c[0] + scale * ((x - c[0]) * ca - (y - c[1]) * sa), c[1] + scale * ((x - c[0]) * sa + (y - c[1]) * ca))
            for x, y in pts]


def _plane(p: Pen) -> None:
    right = [(13.6, 4.4), (13.6, 9.2), (21.5, 13.6), (21.5, 15.4), (13.6, 13.2), (13.6, 17.8), (16.4, 20.0),
             (16.4, 21.6), (12.0, 20.6)]
    left = [(24 - x, y) for x, y in reversed(right[:-1])]
    nose = p.arc_points(12.0, 4.4, 1.6, 180, 360, 10)
    shape = nose + right + left
    p.line(*_rotate(shape, 45, scale=0.9), closed=True)


def _train(p: Pen) -> None:
    p.rrect(5, 2.5, 19, 17, 4.5)
    p.rrect(7.6, 5.6, 16.4, 10.2, 1.2)
    p.dot(8.9, 13.6, 1.25)
    p.dot(15.1, 13.6, 1.25)
    p.line((8.5, 17), (6.2, 21.5))
    p.line((15.5, 17), (17.8, 21.5))
    p.line((7.4, 19.6), (16.6, 19.6))


def _hotel(p: Pen) -> None:
    p.line((2.5, 5.5), (2.5, 20))
    p.line((2.5, 16), (21.5, 16), (21.5, 20))
    p.rrect(4.8, 9.3, 9.4, 12.9, 1.4)
    p.line((11.5, 16), (11.5, 9.5), *p.arc_points(17.5, 13.5, 4, -90, 0, 8), (21.5, 16))


def _school(p: Pen) -> None:
    p.line((12, 3.5), (22, 8.5), (12, 13.5), (2, 8.5), closed=True)
    p.line((6, 10.6), (6, 15.2), *p.quad((6, 15.2), (12, 19.6), (18, 15.2)), (18, 10.6))
    p.line((22, 8.5), (22, 15))


def _house(p: Pen) -> None:
    p.line((2.5, 11.5), (12, 3.5), (21.5, 11.5))
    p.line((5, 9.4), (5, 20.5), (19, 20.5), (19, 9.4))
    p.line((10, 20.5), (10, 14.5), (14, 14.5), (14, 20.5))


def _loan(p: Pen) -> None:
    p.circle(12, 12, 9.5)
    p.line((8.6, 7.2), (12, 11.8), (15.4, 7.2))
    p.line((12, 11.8), (12, 17.4))
    p.line((8.8, 12.6), (15.2, 12.6))
    p.line((8.8, 15.4), (15.2, 15.4))


def _card(p: Pen) -> None:
    p.rrect(2, 5, 22, 19, 2.5)
    p.line((2, 9.6), (22, 9.6), width=1.25)
    p.line((5.5, 15), (10.5, 15))


def _car(p: Pen) -> None:
    p.line((4.6, 17), (2.5, 17), (2.5, 12.6), (5.2, 11.4), (7.6, 6.6), (16.4, 6.6), (18.8, 11.4), (21.5, 12.6),
           (21.5, 17), (19.4, 17))
    p.line((9.4, 17), (14.6, 17))
    p.line((5.2, 11.4), (18.8, 11.4))
    p.circle(7, 17, 2.4)
    p.circle(17, 17, 2.4)


def _job(p: Pen) -> None:
    p.rrect(2.5, 7.2, 21.5, 20, 2.2)
    p.line((8.6, 7.2), *p.arc_points(9.8, 5.6, 1.2, 180, 270, 4), *p.arc_points(14.2, 5.6, 1.2, 270, 360, 4),
           (15.4, 7.2))
    p.line((2.5, 12.8), (21.5, 12.8))
    p.line((12, 11.6), (12, 14))


def _shop(p: Pen) -> None:
    p.line((1.5, 3.5), (4.4, 3.5), (7.0, 15.4), (18.4, 15.4), (21.0, 7.2), (5.3, 7.2))
    p.circle(9.0, 19.6, 1.6)
    p.circle(16.8, 19.6, 1.6)


def _bike(p: Pen) -> None:
    p.circle(5.6, 15.8, 3.9)
    p.circle(18.4, 15.8, 3.9)
    p.line((5.6, 15.8), (9.6, 9.2), (15.8, 9.2), (18.4, 15.8))
    p.line((5.6, 15.8), (11.6, 15.8), (15.8, 9.2))
    p.line((9.6, 9.2), (8.8, 6.8))
    p.line((7.4, 6.6), (10.6, 6.6))
    p.line((15.8, 9.2), (15.0, 5.8), (17.4, 5.8))


def _heat(p: Pen) -> None:
    for x0 in (3.5, 9.75, 16.0):
        p.rrect(x0, 10.2, x0 + 4.5, 20.6, 2.0)
    for x in (5.75, 12.0, 18.25):
        pts = [(x + 1.1 * math.sin(t / 10 * 2 * math.pi), 7.6 - 5.6 * t / 10) for t in range(11)]
        p.line(*pts)


def _bus(p: Pen) -> None:
    p.rrect(4.5, 2.5, 19.5, 18.2, 2.6)
    p.line((4.5, 11.2), (19.5, 11.2))
    p.line((4.5, 6.2), (19.5, 6.2))
    p.dot(8.0, 14.7, 1.2)
    p.dot(16.0, 14.7, 1.2)
    p.line((7.4, 18.2), (7.4, 21))
    p.line((16.6, 18.2), (16.6, 21))
    p.line((4.5, 8.2), (2.6, 8.2), (2.6, 10.6))
    p.line((19.5, 8.2), (21.4, 8.2), (21.4, 10.6))


def _star(p: Pen) -> None:
    pts = []
    for i in range(10):
        r = 10.0 if i % 2 == 0 else 4.3
        a = math.radians(-90 + 36 * i)
        pts.append((12 + r * math.cos(a), 12.8 + r * math.sin(a)))
    p.line(*pts, closed=True)


def _gavel(p: Pen) -> None:
    c = (14.8, 8.4)
    a = (math.sqrt(0.5), math.sqrt(0.5))     # along the head
    d = (math.sqrt(0.5), -math.sqrt(0.5))    # along the handle, towards the head
    hl, hw = 5.6, 2.6

    def at(u, v):
        return (c[0] + a[0] * u + d[0] * v, c[1] + a[1] * u + d[1] * v)

    p.line(at(-hl, -hw), at(hl, -hw), at(hl, hw), at(-hl, hw), closed=True)
    p.line(at(-hl + 1.8, -hw), at(-hl + 1.8, hw))
    p.line(at(hl - 1.8, -hw), at(hl - 1.8, hw))
    p.line(at(0, -hw), at(0, -hw - 8.6))
    p.line((3, 21.3), (12.6, 21.3))


def _travel(p: Pen) -> None:
    p.rrect(6, 7, 18, 19.6, 2.2)
    p.line((10, 7), (10, 2.6), (14, 2.6), (14, 7))
    p.line((10, 10.4), (10, 16.2))
    p.line((14, 10.4), (14, 16.2))
    p.dot(8.8, 21.6, 1.15)
    p.dot(15.2, 21.6, 1.15)


def _insurance(p: Pen) -> None:
    pts = [(12, 2.5), (20, 5.4), (20, 11.2)] + p.quad((20, 11.2), (20, 18.2), (12, 21.6))[1:] \
        + p.quad((12, 21.6), (4, 18.2), (4, 11.2))[1:] + [(4, 5.4)]
    p.line(*pts, closed=True)
    p.line((8.4, 12.2), (11, 14.8), (15.8, 9.6))


def _unknown(p: Pen) -> None:
    p.circle(12, 12, 9.5)
    p.line(*p.arc_points(12, 9.6, 2.9, 180, 400, 20), (12, 13.8))
    p.dot(12, 17.2, 1.2)


_DRAW: dict[str, Callable[[Pen], None]] = {
    "plane": _plane, "train": _train, "hotel": _hotel, "school": _school, "house": _house, "loan": _loan,
    "card": _card, "car": _car, "job": _job, "shop": _shop, "bike": _bike, "heat": _heat, "bus": _bus,
    "star": _star, "gavel": _gavel, "travel": _travel, "insurance": _insurance,
}


def has_icon(name: str) -> bool:
    """True when ``name`` has its own drawing (others get the fallback question-mark icon)."""
    return name in _DRAW


def icon_surface(name: str, size: int, color, width: float | None = None) -> pygame.Surface:
    """A cached ``size`` x ``size`` transparent surface with the icon; do not draw on it."""
    size = max(4, int(size))
    color = rgb(color)
    w = default_width(size) if width is None else float(width)
    key = (name, size, color, round(w, 2))
    surf = _CACHE.get(key)
    if surf is not None:
        return surf
    big = size * SUPERSAMPLE
    hi = canvas((big, big), color)
    pen = Pen(hi, big / GRID, w * SUPERSAMPLE, color)
    _DRAW.get(name, _unknown)(pen)
    return _CACHE.put(key, downscale(hi, (size, size)))


def draw_icon(surface: pygame.Surface, name: str, rect: pygame.Rect, color, width: int | None = None) -> None:
    """Draw the line icon ``name`` centred in ``rect`` (as a square of the rect's shorter side).

    ``color`` is an RGB tuple; ``width`` is the stroke width in pixels (default: :func:`default_width`).
    Unknown names draw a neutral question-mark icon.
    """
    rect = pygame.Rect(rect)
    size = min(rect.width, rect.height)
    if size < 4:
        return
    surf = icon_surface(name, size, color, width)
    surface.blit(surf, surf.get_rect(center=rect.center))
