"""A chart of a person's points over time, over the scheme's grade bands.

The grade bands are horizontal bands with their edges on the y axis and a label beside each in a
column on the right ("AAA (press: A+++)"). The points are a step line in the accent colour; every
change has a round marker with a plus or minus sign drawn in it and its amount ("+5", "-50") next to
it, so nothing depends on colour alone. The x axis is time: dates spread the changes, but never
closer than a marker's width.

    draw_points_chart(screen, rect, log, 1000, [("AAA", 1050, "A+++"), ("AA", 1030, None), ...], colors, font)

``log`` holds dicts with ``date`` (ISO string or date), ``points`` (after the change), ``change`` and
``reason`` (not drawn: show reasons in a list beside the chart). The anti-aliased line layer is
cached; still, draw the chart into a surface once and blit that while nothing changes.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field

import pygame

from ... import i18n
from . import fonts
from ._cache import SurfaceCache
from ._pen import Pen, canvas, downscale, rgba
from .palette import resolve

SUPERSAMPLE = 3


def _date(value) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date(value) -> str:
    """A date as the interface's language writes it short ("2 Mar 2018", "2018年3月2日"); other values as
    they are."""
    d = _date(value)
    return i18n.format_date(d, width="medium") if d else str(value)


def format_points(n) -> str:
    """Points with the language's grouping ("1,000"), a true minus sign below zero."""
    n = int(round(n))
    return i18n.format_number(n) if n >= 0 else f"\u2013{i18n.format_number(-n)}"


def format_change(n) -> str:
    n = int(round(n))
    return f"+{i18n.format_number(n)}" if n > 0 else (f"\u2013{i18n.format_number(-n)}" if n < 0 else "0")


def band_label(grade_id: str, press: str | None) -> str:
    """"AAA (press: A+++)" when the press names the grade differently, else "AAA"."""
    if press and press != grade_id:
        return i18n._("{grade} (press: {press})").format(grade=grade_id, press=press)
    return str(grade_id)


@dataclass
class Band:
    grade: str
    label: str
    lo: float          # points
    hi: float          # points (the next grade's min, or the top of the view)
    top: int           # pixel rows, clipped to the plot
    bottom: int
    label_rect: pygame.Rect | None = None


@dataclass
class Marker:
    x: float
    y: float
    change: float
    points: float
    date: object
    label_rect: pygame.Rect | None = None


@dataclass
class ChartLayout:
    rect: pygame.Rect
    plot: pygame.Rect
    lo: float
    hi: float
    bands: list[Band] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    start: tuple[float, float] = (0.0, 0.0)
    ticks: list[tuple[float, pygame.Rect]] = field(default_factory=list)
    dates: list[tuple[str, pygame.Rect]] = field(default_factory=list)
    marker_r: float = 6.0

    def y_of(self, points: float) -> float:
        p = self.plot
        return p.bottom - (points - self.lo) / max(1e-9, self.hi - self.lo) * p.height


def _value_range(values: list[float], mins: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    span = max(hi - lo, 60.0 if len(values) > 1 else 100.0)
    lo, hi = lo - span * 0.15, hi + span * 0.15
    # show a band edge just outside the data, so the band the points are heading into is visible
    above = [m for m in mins if m > hi]
    below = [m for m in mins if m < lo]
    if above and min(above) - hi < span * 0.5:
        hi = min(above) + span * 0.12
    if below and lo - max(below) < span * 0.5:
        lo = max(below) - span * 0.12
    if mins and min(mins) >= 0 and lo < 0 <= min(values):
        lo = 0.0
    return lo, hi


def layout_chart(rect, log, start_points, grades, font) -> ChartLayout:
    """Compute the layout of :func:`draw_points_chart` (used by it, and by tests)."""
    rect = pygame.Rect(rect)
    lh = font.get_linesize()
    grades = sorted(((str(g), float(m), p) for g, m, p in grades), key=lambda g: -g[1])
    labels = [band_label(g, p) for g, _m, p in grades]
    values = [float(start_points)] + [float(e.get("points", start_points)) for e in log]
    lo, hi = _value_range(values, [m for _g, m, _p in grades])

    tick_w = max([fonts.size_with(font, format_points(v))[0] for v in [lo, hi] + [m for _g, m, _p in grades]] + [0])
    label_w = max([fonts.size_with(font, t)[0] for t in labels] + [0])
    left = rect.x + tick_w + 8
    right_col = min(label_w + 14, max(0, rect.width // 3))
    plot = pygame.Rect(left, rect.y + max(6, lh // 2), max(10, rect.right - right_col - 6 - left),
                       max(10, rect.height - max(6, lh // 2) - lh - 8))
    layout = ChartLayout(rect, plot, lo, hi)
    layout.marker_r = max(5.0, min(lh * 0.42, 11.0))

    # bands (highest first), clipped to the view
    for i, (g, m, _p) in enumerate(grades):
        top_pts = grades[i - 1][1] if i > 0 else max(hi, m)
        b_lo, b_hi = max(m, lo), min(top_pts, hi)
        if b_hi <= b_lo:
            continue
        top, bottom = round(layout.y_of(b_hi)), round(layout.y_of(b_lo))
        layout.bands.append(Band(g, labels[i], m, top_pts, top, bottom))

    # band labels in the right column, centred on their band, pushed apart when bands are thin
    col_x = plot.right + 8
    slots = []
    for band in layout.bands:
        w, h = fonts.size_with(font, band.label)
        w = min(w, rect.right - col_x)
        slots.append([(band.top + band.bottom) / 2 - h / 2, w, h])
    for i in range(1, len(slots)):
        slots[i][0] = max(slots[i][0], slots[i - 1][0] + slots[i - 1][2])
    if slots and slots[-1][0] + slots[-1][2] > rect.bottom:
        slots[-1][0] = rect.bottom - slots[-1][2]
        for i in range(len(slots) - 2, -1, -1):
            slots[i][0] = min(slots[i][0], slots[i + 1][0] - slots[i][2])
    for band, (y, w, h) in zip(layout.bands, slots):
        band.label_rect = pygame.Rect(col_x, round(y), max(0, w), h).clamp(rect) if w > 0 else None

    # y ticks: the band edges in view, then round numbers if there are too few
    candidates = [m for _g, m, _p in grades if lo < m < hi]
    if float(start_points) not in candidates:
        candidates.append(float(start_points))
    if len(candidates) < 2:
        step = _nice_step((hi - lo) / 4)
        candidates += [v for v in _frange(math.ceil(lo / step) * step, hi, step) if v not in candidates]
    used: list[pygame.Rect] = []
    for v in candidates:
        w, h = fonts.size_with(font, format_points(v))
        r = pygame.Rect(plot.x - 6 - w, round(layout.y_of(v) - h / 2), w, h).clamp(rect)
        if not any(r.inflate(0, 2).colliderect(u) for u in used):
            used.append(r)
            layout.ticks.append((v, r))

    # x positions: by date, eased towards even spacing until markers no longer touch
    n = len(log)
    x0, x1 = plot.x + layout.marker_r + 4, plot.right - layout.marker_r - 4
    layout.start = (plot.x, layout.y_of(start_points))
    if n:
        dates = [_date(e.get("date")) for e in log]
        even = [(i + 1) / (n + 1) for i in range(n)] if n > 1 else [0.5]
        by_date = even
        if all(dates) and (dates[-1] - dates[0]).days > 0:
            d0, span = dates[0], (dates[-1] - dates[0]).days
            by_date = [0.06 + 0.88 * (d - d0).days / span for d in dates]
        need = (layout.marker_r * 2 + 6) / max(1.0, x1 - x0)
        for alpha in (0.0, 0.25, 0.5, 0.75, 1.0):
            fr = [(1 - alpha) * a + alpha * b for a, b in zip(by_date, even)]
            if n < 2 or min(b - a for a, b in zip(fr, fr[1:])) >= need:
                break
        for e, f in zip(log, fr):
            pts = float(e.get("points", start_points))
            layout.markers.append(Marker(x0 + f * (x1 - x0), layout.y_of(pts), float(e.get("change", 0)), pts,
                                         e.get("date")))

    # change labels ("+5") beside markers, above for rises and below for falls, when they fit
    taken = [b.label_rect for b in layout.bands if b.label_rect] + [r for _v, r in layout.ticks]
    path = [layout.start]
    for mk in layout.markers:
        path += [(mk.x, path[-1][1]), (mk.x, mk.y)]
    path.append((plot.right, path[-1][1]))
    for (ax, ay), (bx, by) in zip(path, path[1:]):
        taken.append(pygame.Rect(round(min(ax, bx)) - 2, round(min(ay, by)) - 2, round(abs(bx - ax)) + 4,
                                 round(abs(by - ay)) + 4))
    taken += [pygame.Rect(round(mk.x - layout.marker_r), round(mk.y - layout.marker_r), round(2 * layout.marker_r),
                          round(2 * layout.marker_r)) for mk in layout.markers]
    for mk in layout.markers:
        text = format_change(mk.change)
        w, h = fonts.size_with(font, text)
        above, below = (mk.x - w / 2, mk.y - layout.marker_r - 2 - h), (mk.x - w / 2, mk.y + layout.marker_r + 2)
        beside = [(mk.x + layout.marker_r + 4, mk.y - h / 2), (mk.x - layout.marker_r - 4 - w, mk.y - h / 2)]
        spots = ([above, below] if mk.change >= 0 else [below, above]) + beside
        for x, y in spots:
            r = pygame.Rect(round(x), round(y), w, h)
            if plot.contains(r) and not any(r.colliderect(t) for t in taken):
                mk.label_rect = r
                taken.append(r)
                break

    # dates under the axis: first and last, then others where they fit
    order = list(range(n))
    if n > 1:
        order = [0, n - 1] + list(range(1, n - 1))
    used = []
    for i in order:
        text = format_date(log[i].get("date"))
        w, h = fonts.size_with(font, text)
        r = pygame.Rect(round(layout.markers[i].x - w / 2), plot.bottom + 4, w, h)
        r.clamp_ip(rect)
        if not any(r.inflate(24, 0).colliderect(u) for u in used):
            used.append(r)
            layout.dates.append((text, r))
    return layout


def _nice_step(raw: float) -> float:
    raw = max(raw, 1e-9)
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _frange(a: float, b: float, step: float):
    v = a
    while v < b:
        yield v
        v += step


def _sign_marker(pen: Pen, x: float, y: float, r: float, change: float, fill, ring, mark) -> None:
    """A round marker with a plus (rise), minus (fall) or nothing (no change) drawn in it."""
    pen.color = rgba(ring, 255)
    pen.dot(x, y, r)
    pen.color = rgba(fill, 255)
    pen.dot(x, y, r - max(1.0, r * 0.16))
    pen.color = rgba(mark, 255)
    arm = r * 0.52
    w = max(1.0, r * 0.3)
    if change != 0:
        pen.line((x - arm, y), (x + arm, y), width=w / pen.width)
    if change > 0:
        pen.line((x, y - arm), (x, y + arm), width=w / pen.width)


_LAYER_CACHE = SurfaceCache("chart_line")  # within the art package's shared budget, counted in bytes


def _line_layer(layout: ChartLayout, lw: float, c: dict) -> pygame.Surface:
    plot = layout.plot
    key = (plot.size, round(lw, 2), round(layout.marker_r, 2), c["accent"], c["bg"], c["ink"],
           (round(layout.start[0] - plot.x, 2), round(layout.start[1] - plot.y, 2)),
           tuple((round(m.x - plot.x, 2), round(m.y - plot.y, 2), m.change) for m in layout.markers))
    layer = _LAYER_CACHE.get(key)
    if layer is not None:
        return layer
    ss = SUPERSAMPLE
    hi = canvas((plot.width * ss + 2 * ss, plot.height * ss + 2 * ss), c["accent"])
    pen = Pen(hi, ss, lw * ss, c["accent"], -(plot.x - 1) * ss, -(plot.y - 1) * ss)
    pts = [layout.start]
    for mk in layout.markers:
        pts += [(mk.x, pts[-1][1]), (mk.x, mk.y)]
    pts.append((plot.right, pts[-1][1]))
    pen.line(*pts)
    r = layout.marker_r
    pen.color = rgba(c["accent"], 255)
    pen.dot(layout.start[0] + r * 0.45, layout.start[1], r * 0.45)
    for mk in layout.markers:
        _sign_marker(pen, mk.x, mk.y, r, mk.change, c["bg"], c["accent"], c["ink"])
    return _LAYER_CACHE.put(key, downscale(hi, (plot.width + 2, plot.height + 2)))


def draw_points_chart(surface: pygame.Surface, rect: pygame.Rect, log: list[dict], start_points: int, grades,
                      colors: dict, font) -> None:
    """Draw the points-over-time chart into ``rect``.

    ``grades``: list of (grade_id, min_points, press_name or None), any order; ``colors``: a theme
    dict (keys in :mod:`game.ui.art.palette`: bg, ink, muted, accent, grid, band); ``font``: a pygame
    font for the labels. An empty ``log`` draws the bands and the starting points as a flat line.
    """
    rect = pygame.Rect(rect)
    if rect.width < 40 or rect.height < 30:
        return
    c = resolve(colors)
    layout = layout_chart(rect, list(log), start_points, grades, font)
    plot = layout.plot
    old_clip = surface.get_clip()
    surface.set_clip(rect.clip(old_clip) if old_clip else rect)
    try:
        # bands, alternately tinted, with their edges
        for i, band in enumerate(layout.bands):
            r = pygame.Rect(plot.x, band.top, rect.right - plot.x, band.bottom - band.top)
            if i % 2 == 0:
                pygame.draw.rect(surface, c["band"], r)
        for band in layout.bands:
            if plot.top < band.bottom < plot.bottom:
                pygame.draw.line(surface, c["grid"], (plot.x, band.bottom), (plot.right, band.bottom))
        for band in layout.bands:
            if band.label_rect is None:
                continue
            img = fonts.render_with(font, band.label, c["ink"])
            surface.blit(img, band.label_rect.topleft, area=pygame.Rect(0, 0, band.label_rect.width, img.get_height()))
            # a short leader from the label back to its band when the label had to move
            mid = (band.top + band.bottom) / 2
            if not band.top <= band.label_rect.centery <= band.bottom:
                pygame.draw.line(surface, c["grid"], (plot.right, round(mid)),
                                 (band.label_rect.x - 2, band.label_rect.centery))
        # axes
        pygame.draw.line(surface, c["muted"], plot.bottomleft, plot.bottomright)
        pygame.draw.line(surface, c["muted"], plot.topleft, plot.bottomleft)
        for v, r in layout.ticks:
            surface.blit(fonts.render_with(font, format_points(v), c["muted"]), r.topleft)
            y = round(layout.y_of(v))
            pygame.draw.line(surface, c["muted"], (plot.x - 4, y), (plot.x, y))
        for text, r in layout.dates:
            surface.blit(fonts.render_with(font, text, c["muted"]), r.topleft)

        # the step line and the markers, anti-aliased on a supersampled layer (cached)
        lw = max(2.0, font.get_linesize() * 0.11)
        surface.blit(_line_layer(layout, lw, c), (plot.x - 1, plot.y - 1))

        for mk in layout.markers:
            if mk.label_rect:
                surface.blit(fonts.render_with(font, format_change(mk.change), c["ink"]), mk.label_rect.topleft)
        if not layout.markers:
            words = i18n.ngettext("No changes yet: {n} point", "No changes yet: {n} points", int(start_points))
            note = fonts.render_with(font, words.format(n=format_points(start_points)), c["muted"])
            y = layout.start[1] + 8 if layout.start[1] < plot.centery else layout.start[1] - 8 - note.get_height()
            surface.blit(note, (plot.x + 10, round(y)))
    finally:
        surface.set_clip(old_clip)
