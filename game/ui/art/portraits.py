"""Abstract head-and-shoulders portraits in a paper-and-ink style.

A portrait is a quiet silhouette: flat washes of colour with a thin ink line, no face drawn, so that
it stands for a person without pretending to show them (the lives are real people). The seed (a
life id, a character's name) picks, always the same way, one of a few hair shapes, collars, skin
tones, hair tones, clothing colours and background tints.

    draw_portrait(screen, pygame.Rect(40, 40, 150, 190), "wei", colors)
    draw_id_card_photo(screen, pygame.Rect(20, 20, 72, 90), "wei", colors)
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import pygame

from ._cache import SurfaceCache
from ._pen import Pen, canvas, downscale, mix, quad_points, rgba
from .palette import luminance, resolve

SUPERSAMPLE = 4
W, H = 100.0, 125.0          # design space of a portrait

HAIRS = ("crop", "side_part", "bob", "long", "bun", "short_grey")
COLLARS = ("shirt", "round", "jacket", "turtleneck")
PAPER = (250, 247, 240)
INK = (44, 40, 38)
SKINS = ((236, 206, 178), (226, 190, 158), (212, 170, 134), (196, 152, 116), (178, 132, 100))
HAIR_TONES = ((36, 32, 32), (56, 43, 36), (30, 31, 38), (70, 56, 46))
CLOTHES = ((72, 86, 106), (92, 102, 80), (128, 88, 72), (64, 64, 70), (52, 64, 96), (132, 108, 74))
TINTS = ((150, 170, 190), (170, 160, 130), (160, 180, 160), (190, 160, 150), (170, 165, 185))

# Art direction for the lives in the shipped story (any other seed is hashed): a young mother, a
# lawyer in a suit, a city resident. Traits only; no likeness is intended.
PRESETS = {
    "wei": {"hair": "bob", "collar": "round"},
    "li_xiaolin": {"hair": "side_part", "collar": "jacket"},
    "rongcheng": {"hair": "short_grey", "collar": "shirt"},
}


@dataclass(frozen=True)
class Traits:
    hair: str
    collar: str
    skin: tuple[int, int, int]
    hair_tone: tuple[int, int, int]
    clothes: tuple[int, int, int]
    tint: tuple[int, int, int]
    head_w: float      # half-width of the head
    shoulder: float    # how broad the shoulders are


def portrait_traits(seed: str) -> Traits:
    """The traits a seed gives, the same on every run and machine."""
    d = hashlib.sha256(str(seed).encode("utf-8")).digest()
    preset = PRESETS.get(str(seed), {})
    hair = preset.get("hair", HAIRS[d[0] % len(HAIRS)])
    collar = preset.get("collar", COLLARS[d[1] % len(COLLARS)])
    hair_tone = (150, 146, 140) if hair == "short_grey" else HAIR_TONES[d[3] % len(HAIR_TONES)]
    return Traits(hair, collar, SKINS[d[2] % len(SKINS)], hair_tone, CLOTHES[d[4] % len(CLOTHES)],
                  TINTS[d[5] % len(TINTS)], 17.5 + (d[6] % 5) * 0.5, 38.0 + (d[7] % 5))


# -- geometry in the 100 x 125 design space ----------------------------------------------------------

def _ellipse(cx, cy, rx, ry, a0=0.0, a1=360.0, steps=48):
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / steps)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / steps))) for i in range(steps + 1)]


def _quad(a, c, b, steps=14):
    return quad_points(a, c, b, steps)


HEAD_C = (50.0, 50.0)
HEAD_RY = 23.0


def _hair_back(t: Traits):
    hw = t.head_w
    cx, cy = HEAD_C
    top = _ellipse(cx, cy - 2, hw + 4.5, HEAD_RY + 4, 180, 360)
    if t.hair in ("bob", "long"):
        drop, flare = (22.0, 5.0) if t.hair == "bob" else (46.0, 7.0)
        y = cy + drop
        right = _quad((cx + hw + 4.5, cy - 2), (cx + hw + flare, y - 4), (cx + hw + flare - 2, y))
        left = _quad((cx - hw - flare + 2, y), (cx - hw - flare, y - 4), (cx - hw - 4.5, cy - 2))
        return top + right[1:] + _quad((cx + hw + flare - 2, y), (cx, y + 5), (cx - hw - flare + 2, y))[1:] + left[1:-1]
    if t.hair == "bun":
        return _ellipse(cx + 1, cy - HEAD_RY - 3, 8.5, 7.5)
    return None


def _hair_front(t: Traits):
    hw = t.head_w
    cx, cy = HEAD_C
    top = _ellipse(cx, cy - 1.5, hw + 2.0, HEAD_RY + 2.2, 191, 349, 40)
    left, right = top[0], top[-1]
    if t.hair in ("crop", "short_grey", "side_part"):
        # fuller on top, with short sideburns in front of the ears
        top = _ellipse(cx, cy - 2.5, hw + 2.6, HEAD_RY + 3.2, 180, 360, 40)
        burns_r = [(cx + hw - 0.3, cy + 2.5), (cx + hw - 2.6, cy - 5)]
        burns_l = [(cx - hw + 2.6, cy - 5), (cx - hw + 0.3, cy + 2.5)]
        if t.hair == "side_part":
            line = burns_r + _quad(burns_r[-1], (cx + 8, cy - 21), (cx - 9, cy - 13))[1:] + burns_l
        else:
            line = burns_r + _quad(burns_r[-1], (cx, cy - 20), burns_l[0])[1:-1] + burns_l
    elif t.hair == "bob":
        line = [(right[0] + 0.5, cy + 4)] + _quad((cx + hw - 2, cy - 8), (cx, cy - 13), (cx - hw + 2, cy - 8)) + [
            (left[0] - 0.5, cy + 4)]
    elif t.hair == "long":
        line = [(right[0] + 0.5, cy + 6)] + _quad((cx + hw - 3, cy - 6), (cx + 6, cy - 20), (cx - hw + 2, cy - 9)) + [
            (left[0] - 0.5, cy + 6)]
    else:  # bun: hair drawn back from a high hairline
        line = _quad(right, (cx, cy - 28), left)
    return top + line


def _torso(t: Traits):
    s = t.shoulder
    lb, rb = (50 - s - 5, H + 2), (50 + s + 5, H + 2)
    ls, rs = (50 - s + 1, 96.5), (50 + s - 1, 96.5)
    return (_quad(lb, (50 - s - 3.5, 103), ls) + _quad(ls, (50 - s + 5, 86.5), (38.5, 85.5))[1:]
            + _quad((61.5, 85.5), (50 + s - 5, 86.5), rs) + _quad(rs, (50 + s + 3.5, 103), rb)[1:])


def _neck(t: Traits):
    return [(41.5, 62), (58.5, 62), (59.5, 90), (40.5, 90)]


def _collar_shapes(t: Traits, light, clothes_dark):
    """(fill, outline, closed) polygons drawn over the torso for the collar."""
    shapes = []
    if t.collar == "shirt":
        shapes.append((_quad((41, 85), (50, 106), (59, 85)), None, True, "skin"))
        shapes.append(([(41, 84.5), (50, 98.5), (39.5, 97), (35.5, 88)], light, True, None))
        shapes.append(([(59, 84.5), (50, 98.5), (60.5, 97), (64.5, 88)], light, True, None))
    elif t.collar == "round":
        shapes.append((_quad((40.5, 87), (50, 99), (59.5, 87)), None, True, "skin"))
        shapes.append((_quad((40.5, 87), (50, 99), (59.5, 87)), None, False, None))
    elif t.collar == "jacket":
        shapes.append(([(42, 87), (50, 110), (58, 87)], light, True, None))
        shapes.append(([(42, 87), (46.5, 92), (50, 89), (53.5, 92), (58, 87)], light, False, None))
        shapes.append(([(38.5, 88.5), (47.5, 112)], None, False, None))
        shapes.append(([(61.5, 88.5), (52.5, 112)], None, False, None))
        shapes.append(([(48.5, 96), (50, 108), (51.5, 96), (50, 94)], clothes_dark, True, None))
    else:  # turtleneck
        band = _quad((40.5, 79.5), (50, 83), (59.5, 79.5)) + _quad((61, 90.5), (50, 95), (39, 90.5))
        shapes.append((band, clothes_dark, True, None))
        shapes.append((_quad((40.2, 85), (50, 89), (59.8, 85)), None, False, None))
    return shapes


def _draw_figure(hi: pygame.Surface, t: Traits, scale: float, ox: float, oy: float, line_w: float) -> None:
    pen = Pen(hi, scale, line_w, INK, ox, oy)
    skin = mix(t.skin, PAPER, 0.15)
    hair = mix(t.hair_tone, PAPER, 0.08)
    clothes = mix(t.clothes, PAPER, 0.12)
    clothes_dark = mix(t.clothes, INK, 0.25)
    light = mix(PAPER, t.tint, 0.12)
    ink = rgba(INK, 255)

    def shape(pts, fill=None, outline=True, closed=True):
        if fill is not None and len(pts) > 2:
            pen.fill(*pts, color=rgba(fill, 255))
        if outline:
            pen.stroke_px([pen.p(*p) for p in pts], closed=closed, color=ink)

    back = _hair_back(t)
    if back and t.hair != "bun":
        shape(back, hair)
    shape(_neck(t), skin)
    shape(_torso(t), clothes, closed=False)
    for pts, fill, closed, special in _collar_shapes(t, light, clothes_dark):
        if special == "skin":
            shape(pts, skin, outline=False)
        else:
            shape(pts, fill, outline=True, closed=closed)
    if t.hair == "bun":
        shape(back, hair)
    hw = t.head_w
    # ears, then the head
    for side in (-1, 1):
        shape(_ellipse(50 + side * (hw - 0.5), 52, 3.2, 5.2), skin)
    shape(_ellipse(HEAD_C[0], HEAD_C[1], hw, HEAD_RY), skin)
    shape(_hair_front(t), hair)


_CACHE = SurfaceCache("portraits")  # within the art package's shared budget, counted in bytes


def _cached(key, make):
    surf = _CACHE.get(key)
    if surf is None:
        surf = _CACHE.put(key, make())
    return surf


def _render(size, seed, c, framing: str) -> pygame.Surface:
    t = portrait_traits(seed)
    w, h = size
    ss = SUPERSAMPLE
    if framing == "portrait":
        # a soft tint of the page on light themes; a mid-tone card on dark ones, so dark hair still reads
        back = mix(c["bg"], t.tint, 0.28) if luminance(c["bg"]) > 0.4 else mix(c["bg"], t.tint, 0.62)
    else:
        back = c["photo_bg"]
    hi = canvas((w * ss, h * ss), back)
    radius = max(2, round(min(w, h) * (0.08 if framing == "portrait" else 0.04))) * ss
    pygame.draw.rect(hi, rgba(back, 255), hi.get_rect(), border_radius=radius)
    # fit the design space: a portrait shows head and shoulders, an ID photo sits closer
    zoom = 1.12 if framing == "portrait" else 1.22
    scale = min(w / W, h / H) * zoom * ss
    ox = (w * ss - W * scale) / 2
    oy = h * ss - H * scale + (0.03 if framing == "portrait" else 0.08) * H * scale
    fig = canvas((w * ss, h * ss), INK)
    _draw_figure(fig, t, scale, ox, oy, max(1.0, min(w, h) / 110) * ss)
    # keep the figure inside the rounded frame
    mask = canvas((w * ss, h * ss), (255, 255, 255))
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    fig.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    hi.blit(fig, (0, 0))
    frame = mix(back, c["ink"], 0.35)
    pygame.draw.rect(hi, rgba(frame, 255), hi.get_rect(), width=max(1, round(ss * 0.75)), border_radius=radius)
    return downscale(hi, (w, h))


def draw_portrait(surface: pygame.Surface, rect: pygame.Rect, seed: str, colors: dict) -> None:
    """A head-and-shoulders portrait in ``rect`` on a softly tinted card, varied by ``seed``.

    ``colors``: a theme dict (keys in :mod:`game.ui.art.palette`; uses bg and ink). Cached by size,
    seed and colours.
    """
    rect = pygame.Rect(rect)
    if rect.width < 8 or rect.height < 8:
        return
    c = resolve(colors)
    key = ("portrait", rect.size, str(seed), c["bg"], c["ink"])
    surface.blit(_cached(key, lambda: _render(rect.size, seed, c, "portrait")), rect.topleft)


def draw_id_card_photo(surface: pygame.Surface, rect: pygame.Rect, seed: str, colors: dict) -> None:
    """The small photo on the player's ID card: the same figure as the portrait, closer, on the
    pale blue of an ID photo (``colors["photo_bg"]`` if given)."""
    rect = pygame.Rect(rect)
    if rect.width < 8 or rect.height < 8:
        return
    c = resolve(colors)
    key = ("photo", rect.size, str(seed), c["bg"], c["ink"], c["photo_bg"])
    surface.blit(_cached(key, lambda: _render(rect.size, seed, c, "photo")), rect.topleft)


__all__ = ["draw_portrait", "draw_id_card_photo", "portrait_traits", "Traits", "HAIRS", "COLLARS"]
