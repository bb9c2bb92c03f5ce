"""A simplified map of China with the places and journeys of a life.

The outline is ``assets/art/china_outline.json`` (drawn by hand for this project; see its note).
It is shown in an Albers equal-area conic projection (standard parallels 25 and 47 degrees north,
central meridian 105 degrees east, the usual choice for maps of China) fitted to the rect.
Cities are dots with labels; journeys are gently curved lines with an arrow and a label such as
"1,800 km, 20 hours by slow train". Labels are placed to avoid each other, the dots and the lines,
and never leave the rect (drawing is clipped to it as well).

    draw_map(screen, rect, [("Beijing", 39.9, 116.4), ("Chengdu", 30.66, 104.06)],
             [((39.9, 116.4), (30.66, 104.06), "1,800 km, 20 hours by slow train")], colors, font)

The land and the journey lines are cached, so drawing the same map again costs a few milliseconds
(mostly the labels); still, draw it into a surface once and blit that while nothing changes.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache

import pygame
import pygame.gfxdraw

from . import fonts
from ._cache import SurfaceCache
from ._pen import Pen, canvas, downscale, mix, quad_points, rgb, rgba
from .palette import resolve

OUTLINE_PATH = fonts.ASSETS_DIR / "art" / "china_outline.json"

LAT1, LAT2, LAT0, LON0 = 25.0, 47.0, 0.0, 105.0
SUPERSAMPLE = 3


@lru_cache(maxsize=1)
def outline() -> tuple[tuple[str, str, tuple[tuple[float, float], ...]], ...]:
    """The outline shapes as (name, role, ((lon, lat), ...)); role is "land" or "other"."""
    with open(OUTLINE_PATH, encoding="utf-8") as f:
        doc = json.load(f)
    return tuple((s["name"], s.get("role", "land"), tuple((float(x), float(y)) for x, y in s["points"]))
                 for s in doc["shapes"])


def albers(lat: float, lon: float) -> tuple[float, float]:
    """Albers equal-area conic for China, in units of the earth's radius; y grows to the north."""
    p1, p2, p0 = math.radians(LAT1), math.radians(LAT2), math.radians(LAT0)
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c - 2 * n * math.sin(p0)) / n
    rho = math.sqrt(max(0.0, c - 2 * n * math.sin(math.radians(lat)))) / n
    theta = n * math.radians(lon - LON0)
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


@dataclass(frozen=True)
class Projection:
    """Maps (lat, lon) to pixels of a rect: ``x = ox + X * scale``, ``y = oy - Y * scale``."""

    scale: float
    ox: float
    oy: float

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = albers(lat, lon)
        return (self.ox + x * self.scale, self.oy - y * self.scale)


def fit_projection(rect: pygame.Rect, places=(), pad: float = 6.0) -> Projection:
    """The projection that fits the outline (and any places outside it) into ``rect`` less ``pad``."""
    pts = [albers(lat, lon) for _n, _r, shape in outline() for lon, lat in shape]
    pts += [albers(lat, lon) for _name, lat, lon in places]
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    w, h = max(1.0, rect.width - 2 * pad), max(1.0, rect.height - 2 * pad)
    scale = min(w / max(1e-9, x1 - x0), h / max(1e-9, y1 - y0))
    ox = rect.x + rect.width / 2 - (x0 + x1) / 2 * scale
    oy = rect.y + rect.height / 2 + (y0 + y1) / 2 * scale
    return Projection(scale, ox, oy)


# -- layout ----------------------------------------------------------------------------------------

@dataclass
class Label:
    text: str
    lines: list[str]
    rect: pygame.Rect


@dataclass
class Journey:
    start: tuple[float, float]
    end: tuple[float, float]
    curve: list[tuple[float, float]]
    label: Label | None = None


@dataclass
class MapLayout:
    """Where everything goes; ``draw_map`` draws it. Every label rect lies inside ``rect``."""

    rect: pygame.Rect
    projection: Projection
    dot_radius: float
    dots: list[tuple[str, tuple[float, float]]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    journeys: list[Journey] = field(default_factory=list)


def _quad(a, c, b, steps=32):
    return quad_points(a, c, b, steps)


def _wrap(font, text: str, max_w: int) -> list[str]:
    """Wrap at spaces to ``max_w`` pixels; a label too long for one line breaks after its commas first,
    so "1,800 km, 20 hours by slow train" becomes "1,800 km," / "20 hours by slow train"."""
    if fonts.size_with(font, text)[0] <= max_w:
        return [text]
    parts = [p + "," for p in text.split(", ")]
    parts[-1] = parts[-1][:-1]
    lines: list[str] = []
    for part in parts:
        words, cur = part.split(" "), ""
        for word in words:
            trial = word if not cur else cur + " " + word
            if fonts.size_with(font, trial)[0] <= max_w or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = word
        lines.append(cur)
    return lines


def _label_size(font, lines, padx, pady) -> tuple[int, int]:
    w = max(fonts.size_with(font, line)[0] for line in lines)
    return w + 2 * padx, len(lines) * font.get_linesize() + 2 * pady


def _inside(r: pygame.Rect, area: pygame.Rect) -> pygame.Rect:
    r = r.copy()
    r.width, r.height = min(r.width, area.width), min(r.height, area.height)
    return r.clamp(area)


def _penalty(r: pygame.Rect, taken: list[pygame.Rect], dots, lines, area: pygame.Rect) -> float:
    score = 0.0
    for t in taken:
        if r.colliderect(t):
            clip = r.clip(t)
            score += 1000 + clip.width * clip.height
    for d in dots:
        if r.inflate(4, 4).collidepoint(d):
            score += 800
    for pts in lines:
        score += 150 * sum(1 for p in pts if r.collidepoint(p))
    if not area.contains(r):
        score += 5000
    return score


def layout_map(rect, places, journeys, font, pad: float | None = None) -> MapLayout:
    """Compute the layout of :func:`draw_map` (used by it, and by tests)."""
    rect = pygame.Rect(rect)
    lh = font.get_linesize()
    pad = max(4.0, lh * 0.4) if pad is None else pad
    proj = fit_projection(rect, places, pad)
    dot_r = max(3.0, lh * 0.2)
    layout = MapLayout(rect, proj, dot_r)
    layout.dots = [(name, proj(lat, lon)) for name, lat, lon in places]
    dot_pts = [p for _n, p in layout.dots]

    # Journeys: gentle arcs, bowed to the side with more room.
    centre = (rect.centerx, rect.centery)
    for src, dst, text in journeys:
        a, b = proj(*src), proj(*dst)
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        # bow away from the centre of the map (towards open space), else upwards
        side = (mid[0] - centre[0]) * nx + (mid[1] - centre[1]) * ny
        if abs(side) < 1e-6:
            side = -ny
        sign = 1.0 if side > 0 else -1.0
        bow = 0.16 * length
        ctrl = (mid[0] + nx * bow * sign, mid[1] + ny * bow * sign)
        layout.journeys.append(Journey(a, b, _quad(a, ctrl, b), Label(text, [], pygame.Rect(0, 0, 0, 0))))
    line_pts = [j.curve for j in layout.journeys]

    taken: list[pygame.Rect] = []
    # City labels.
    gap = dot_r + max(3, lh * 0.15)
    for name, (x, y) in layout.dots:
        lines = [name]
        w, h = _label_size(font, lines, 3, 1)
        cands = [(x + gap, y - h / 2), (x - gap - w, y - h / 2), (x - w / 2, y - gap - h), (x - w / 2, y + gap),
                 (x + gap * 0.7, y - gap * 0.7 - h), (x + gap * 0.7, y + gap * 0.7),
                 (x - gap * 0.7 - w, y - gap * 0.7 - h), (x - gap * 0.7 - w, y + gap * 0.7)]
        own = [d for d in dot_pts if d != (x, y)]
        best = None
        for cx, cy in cands:
            r = _inside(pygame.Rect(round(cx), round(cy), w, h), rect)
            moved = abs(r.x - round(cx)) + abs(r.y - round(cy))
            score = _penalty(r, taken, own + ([(x, y)] if moved else []), line_pts, rect) + moved * 3
            if best is None or score < best[0]:
                best = (score, r)
        label = Label(name, lines, best[1])
        layout.labels.append(label)
        taken.append(best[1])

    # Journey labels.
    max_w = max(40, min(max(int(rect.width * 0.32), 9 * lh), rect.width - 8))
    for j in layout.journeys:
        lines = _wrap(font, j.label.text, max_w - 8)
        w, h = _label_size(font, lines, 4, 2)
        best = None
        n = len(j.curve) - 1
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74):
            i = round(t * n)
            px, py = j.curve[i]
            tx, ty = j.curve[min(n, i + 1)][0] - j.curve[max(0, i - 1)][0], j.curve[min(n, i + 1)][1] - j.curve[
                max(0, i - 1)][1]
            tl = math.hypot(tx, ty) or 1.0
            for s, extra in itertools.product((1, -1), (0, lh * 0.6, lh * 1.5)):
                nx, ny = -ty / tl * s, tx / tl * s
                off = abs(nx) * w / 2 + abs(ny) * h / 2 + 5 + extra
                cx, cy = px + nx * off, py + ny * off
                r = _inside(pygame.Rect(round(cx - w / 2), round(cy - h / 2), w, h), rect)
                moved = abs(r.centerx - round(cx)) + abs(r.centery - round(cy))
                score = (_penalty(r, taken, dot_pts, line_pts, rect) + moved * 2 + abs(t - 0.5) * 40
                         + extra * 3)
                if best is None or score < best[0]:
                    best = (score, r)
        j.label = Label(j.label.text, lines, best[1])
        taken.append(best[1])
    return layout


# -- drawing ---------------------------------------------------------------------------------------

_LAND_CACHE = SurfaceCache("map_land")  # both within the art package's shared budget, counted in bytes
_JOURNEY_CACHE = SurfaceCache("map_journey")


def _land_layer(size: tuple[int, int], proj: Projection, origin: tuple[int, int], c: dict) -> pygame.Surface:
    key = (size, round(proj.scale, 4), round(proj.ox - origin[0], 2), round(proj.oy - origin[1], 2), c["land"],
           c["coast"], c["bg"])
    surf = _LAND_CACHE.get(key)
    if surf is not None:
        return surf
    ss = SUPERSAMPLE
    hi = canvas((size[0] * ss, size[1] * ss), c["land"])
    width = max(1.0, min(2.0, proj.scale / 900)) * ss
    for _name, role, shape in outline():
        pts = []
        for lon, lat in shape:
            x, y = proj(lat, lon)
            pts.append(((x - origin[0]) * ss, (y - origin[1]) * ss))
        if role == "land":
            pygame.draw.polygon(hi, rgba(c["land"], 255), pts)
            Pen(hi, 1, width, c["coast"]).stroke_px(pts, closed=True)
        else:
            Pen(hi, 1, width * 0.8, mix(c["bg"], c["coast"], 0.6)).stroke_px(pts, closed=True)
    return _LAND_CACHE.put(key, downscale(hi, size))


def _draw_journey(surface, j: Journey, rect: pygame.Rect, color, width: float, dot_r: float,
                  share: float = 1.0) -> None:
    """The journey's line with its arrow; ``share`` below 1: only that much of it from its start, as a pen
    drawing it would have got to (the whole line's picture, shown through a mask along the curve)."""
    # trim the ends so the line stops short of the dots
    def trim(pts, dist):
        out = list(pts)
        while len(out) > 2 and math.dist(out[0], pts[0]) < dist:
            out.pop(0)
        return out
    if math.dist(j.start, j.end) < 2 * dot_r + 10:
        return  # the places are too close on this map to draw a line between them
    pts = trim(j.curve, dot_r + 3)
    pts = list(reversed(trim(list(reversed(pts)), dot_r + 4)))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    m = int(width * 4 + 8)
    box = pygame.Rect(int(min(xs)) - m, int(min(ys)) - m, int(max(xs) - min(xs)) + 2 * m,
                      int(max(ys) - min(ys)) + 2 * m)
    box = box.clip(rect)
    if box.width <= 0 or box.height <= 0:
        return
    key = (tuple((round(x - box.x, 2), round(y - box.y, 2)) for x, y in pts), box.size, rgb(color), round(width, 2))
    layer = _JOURNEY_CACHE.get(key)
    if layer is None:
        ss = SUPERSAMPLE
        hi = canvas((box.width * ss, box.height * ss), color)
        pen = Pen(hi, ss, width * ss, color, -box.x * ss, -box.y * ss)
        pen.line(*pts)
        # arrowhead at the end
        (x0, y0), (x1, y1) = pts[max(0, len(pts) - 4)], pts[-1]
        ang = math.atan2(y1 - y0, x1 - x0)
        size = width * 3.2
        for da in (2.6, -2.6):
            pen.line((x1, y1), (x1 + size * math.cos(ang + da), y1 + size * math.sin(ang + da)))
        layer = _JOURNEY_CACHE.put(key, downscale(hi, box.size))
    if share < 1.0:
        layer = _part_of(layer, [(x - box.x, y - box.y) for x, y in pts], share, width)
    surface.blit(layer, box.topleft)


def _part_of(layer: pygame.Surface, pts: list[tuple[float, float]], share: float, width: float) -> pygame.Surface:
    """The part of a drawn line within ``share`` of its length from its first point: the picture multiplied
    by a mask stroked along that much of the line, wide enough for its anti-aliased edges."""
    lengths = [math.dist(a, b) for a, b in zip(pts, pts[1:])]
    left = max(0.0, share) * sum(lengths)
    part = [pts[0]]
    for (a, b), n in zip(zip(pts, pts[1:]), lengths):
        if left >= n:
            part.append(b)
            left -= n
            continue
        if n > 0:
            part.append((a[0] + (b[0] - a[0]) * left / n, a[1] + (b[1] - a[1]) * left / n))
        break
    mask = pygame.Surface(layer.get_size(), pygame.SRCALPHA)
    mask.fill((255, 255, 255, 0))
    white = (255, 255, 255, 255)
    reach = max(2, round(width + 2))
    if len(part) > 1:
        pygame.draw.lines(mask, white, False, part, 2 * reach)
    for p in part:
        pygame.draw.circle(mask, white, p, reach)
    mask.blit(layer, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    return mask


def _draw_label(surface, font, label: Label, c: dict, color, frame=None) -> None:
    r = label.rect
    box = pygame.Surface(r.size, pygame.SRCALPHA)
    pygame.draw.rect(box, rgba(c["bg"], 225), box.get_rect(), border_radius=max(2, r.height // 6))
    if frame is not None:
        pygame.draw.rect(box, rgba(frame, 255), box.get_rect(), width=1, border_radius=max(2, r.height // 6))
    surface.blit(box, r.topleft)
    y = r.y + (r.height - len(label.lines) * font.get_linesize()) // 2
    for line in label.lines:
        img = fonts.render_with(font, line, color)
        surface.blit(img, (r.centerx - img.get_width() // 2, y))
        y += font.get_linesize()


def _dot(surface, pos, r: float, fill, ring) -> None:
    x, y, r = round(pos[0]), round(pos[1]), max(2, round(r))
    for rad, col in ((r + 2, ring), (r, fill)):
        pygame.gfxdraw.filled_circle(surface, x, y, rad, col)
        pygame.gfxdraw.aacircle(surface, x, y, rad, col)


def draw_map(surface: pygame.Surface, rect: pygame.Rect, places, journeys, colors: dict, font,
             newest: float = 1.0) -> None:
    """Draw the map of China into ``rect``.

    ``places``: list of (name, lat, lon); ``journeys``: list of ((lat, lon), (lat, lon), label);
    ``colors``: a theme dict (keys in :mod:`game.ui.art.palette`: bg, ink, accent, land, coast);
    ``font``: a pygame font for the labels (Chinese in names is set in the bundled CJK font).
    The rect's background is left as it is. ``newest`` (0 to 1) draws that share of the last journey, from
    its start, for a line that draws itself; its label shows once the line is whole. Everything else is
    where the whole map has it, so nothing moves when the line is done.
    """
    rect = pygame.Rect(rect)
    if rect.width < 8 or rect.height < 8:
        return
    c = resolve(colors)
    places = [(str(n), float(lat), float(lon)) for n, lat, lon in places]
    journeys = [((float(a[0]), float(a[1])), (float(b[0]), float(b[1])), str(t)) for a, b, t in journeys]
    layout = layout_map(rect, places, journeys, font)
    old_clip = surface.get_clip()
    surface.set_clip(rect.clip(old_clip) if old_clip else rect)
    try:
        surface.blit(_land_layer(rect.size, layout.projection, rect.topleft, c), rect.topleft)
        lw = max(2.0, font.get_linesize() * 0.12)
        last = len(layout.journeys) - 1
        for i, j in enumerate(layout.journeys):
            _draw_journey(surface, j, rect, c["accent"], lw, layout.dot_radius, newest if i == last else 1.0)
        for _name, pos in layout.dots:
            _dot(surface, pos, layout.dot_radius, rgb(c["ink"]), rgb(c["bg"]))
        for label in layout.labels:
            _draw_label(surface, font, label, c, c["ink"])
        for i, j in enumerate(layout.journeys):
            if j.label and j.label.text and (i < last or newest >= 1.0):
                _draw_label(surface, font, j.label, c, c["ink"], frame=c["accent"])
    finally:
        surface.set_clip(old_clip)
