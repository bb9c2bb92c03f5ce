"""What the ID card shows beside its words, drawn: a list's seal stamped beside the list, and the grade scale
with the grade badge standing at the points. Both move when the run changes them (cardmotion.py), and both
only repeat what the words beside them say."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pygame

from . import stamp
from .context import Ctx
from .flow import Custom, Item


class Motion(Protocol):
    """What moves on the card now (cardmotion.CardMotion); each None when that part is at rest."""

    def stamp(self, list_index: int) -> float | None: ...

    def points(self) -> float | None: ...


STAMP_COL = 44  # logical px: the column of a list's seal


def stamp_item(color: str, landing: Callable[[], float | None] | None) -> Item:
    """A list's seal, stamped on the card beside its name: it lands when the listing is new (stamp.py)."""
    def paint(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        rad = max(6, min(r.w, ctx.tpx(STAMP_COL)) // 2 - ctx.px(2))
        stamp.draw_seal(surf, (r.x + r.w // 2, r.y + rad + ctx.px(2)), rad, ctx.theme[color],
                        landing() if landing is not None else None, max(2, ctx.px(3)))

    return Custom(lambda c, w: min(w, c.tpx(STAMP_COL)), paint)


def grade_bands(scheme) -> list[tuple[str, int]] | None:
    """(grade, least points) of a points scheme, for the grade scale (None: no scheme, no scale)."""
    return [(g.id, g.min) for g in scheme.grades] if scheme is not None and scheme.grades else None


def grade_scale(grades: list[tuple[str, int]], points: int, shown: Callable[[], float | None] | None) -> Item:
    """The grades side by side, lowest on the left, each a segment of the same width with its name under it,
    and a badge with the grade standing at the points above them. When the points change the badge slides
    there (``shown``: the points it stands at while it slides); the words above say the same at once."""
    order = sorted(grades, key=lambda g: g[1])
    tops = [m for _g, m in order[1:]]
    tops.append(order[-1][1] + max(1, order[-1][1] - order[-2][1] if len(order) > 1 else 100))

    def where(value: float) -> tuple[float, str]:
        """(how far along the scale, 0 to 1; the grade) for a number of points."""
        i = max([0] + [n for n, (_g, m) in enumerate(order) if value >= m])
        lo, hi = order[i][1], tops[i]
        inside = max(0.0, min(1.0, (value - lo) / max(1, hi - lo)))
        return (i + inside) / len(order), order[i][0]

    def track_of(ctx: Ctx, r: pygame.Rect) -> pygame.Rect:
        rad = ctx.tpx(17)
        return pygame.Rect(r.x + rad, r.y + 2 * rad + ctx.tpx(8), max(len(order), r.w - 2 * rad), ctx.tpx(12))

    def rows(ctx: Ctx, width: int) -> int:
        """1, or 2 when a grade's name is wider than its segment (every other name goes a line lower)."""
        seg = track_of(ctx, pygame.Rect(0, 0, width, 0)).w / len(order)
        return 1 if all(ctx.fonts["tag"].width(g) + ctx.px(4) <= seg for g, _m in order) else 2

    def height(ctx: Ctx, width: int) -> int:
        return ctx.tpx(34) + ctx.tpx(8) + ctx.tpx(12) + ctx.tpx(4) + rows(ctx, width) * ctx.fonts["tag"].line_height

    def paint(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = ctx.theme
        rad = ctx.tpx(17)
        track = track_of(ctx, r)
        seg = track.w / len(order)
        edge = max(1, ctx.px(1))
        fs = ctx.fonts["tag"]
        two = rows(ctx, r.w) == 2
        for i, (g, _m) in enumerate(order):
            x0, x1 = round(track.x + i * seg), round(track.x + (i + 1) * seg)
            box = pygame.Rect(x0, track.y, x1 - x0, track.h)
            pygame.draw.rect(surf, t["chart_band"] if i % 2 == 0 else t["panel"], box)
            img = fs.render(g, t["panel_ink"])
            y = track.bottom + ctx.tpx(4) + (fs.line_height if two and i % 2 else 0)
            at = img.get_rect(midtop=(box.centerx, y))
            surf.blit(img, at.clamp(pygame.Rect(r.x, y, r.w, at.h)))
        pygame.draw.rect(surf, t["panel_ink"], track, edge)
        for i in range(1, len(order)):
            x = round(track.x + i * seg)
            pygame.draw.line(surf, t["panel_ink"], (x, track.y), (x, track.bottom - 1), edge)
        value = shown() if shown is not None else None
        share, grade = where(points if value is None else value)
        cx = round(track.x + share * track.w)
        cy = r.y + rad
        tip = [(cx - ctx.tpx(6), cy + rad - ctx.px(2)), (cx + ctx.tpx(6), cy + rad - ctx.px(2)), (cx, track.y)]
        pygame.draw.polygon(surf, t["panel_ink"], tip)
        pygame.draw.circle(surf, t["badge"], (cx, cy), rad)
        pygame.draw.circle(surf, t["panel_ink"], (cx, cy), rad, max(1, ctx.px(2)))
        img = ctx.fonts["body_bold" if len(grade) < 3 else "small_bold"].render(grade, t["badge_ink"])
        surf.blit(img, img.get_rect(center=(cx, cy)))

    return Custom(height, paint)
