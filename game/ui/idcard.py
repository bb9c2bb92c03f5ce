"""The player's ID card and what attaches to it: the lists, what is refused now (icon and words),
points and grade where a scheme applies, and the variables the story shows (money, time)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pygame

from ..i18n import _, format_number, ngettext
from . import artbridge, stamp
from .context import Ctx
from .drawing import tag, tag_size
from .flow import Column, Columns, Custom, Gap, Item, Text
from .gamectl import CardInfo


def icon_row(icon: str, text: str, color: str = "panel_ink", role: str = "small") -> Item:
    def paint(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        s = ctx.tpx(24)
        artbridge.draw_icon(surf, icon, pygame.Rect(r.x, r.y + ctx.tpx(1), s, s), ctx.theme[color])

    return Columns([(Custom(lambda c, w: c.tpx(26), paint), 28), (Text(text, role, color), 1.0)], gap=8)


def tag_item(word: str, fill: str, ink: str, outline: bool = False) -> Item:
    def paint(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = ctx.theme
        tag(ctx, surf, r.x, r.y, word, t[fill], t[ink], outline=outline)

    return Custom(lambda c, w: tag_size(c, word)[1], paint)


def section(title: str) -> list[Item]:
    return [Gap(12), Text(title.upper(), "tag", "panel_muted"), Gap(4)]


def the_card(ctx_life_id: str, info: CardInfo) -> Item:
    def portrait(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        h = min(r.h, int(r.w * 1.25))
        artbridge.draw_portrait(surf, ctx_life_id, pygame.Rect(r.x, r.y, int(h / 1.25), h), ctx.theme, photo=True,
                                bg_role="card")

    details = Column([
        Text(info.name, "body_bold", "card_ink"),
        Text(info.player, "small", "card_ink"),
        Text(_("Now in {place}").format(place=info.place), "small", "card_muted"),
        Text(info.date, "small", "card_muted"),
    ])
    return Column([
        Text(_("RESIDENT IDENTITY CARD"), "tag", "card_muted"),
        Gap(6),
        Columns([(Custom(lambda c, w: min(int(w * 1.25), c.tpx(90)), portrait), 72), (details, 1.0)], gap=12,
                stack_below=220),
    ], pad=12, fill="card", edge="card_edge", radius=10)


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


def card_items(life_id: str, info: CardInfo, *, points_chart: Item | None = None,
               grades: list[tuple[str, int]] | None = None, motion: Motion | None = None) -> list[Item]:
    """The card and what attaches to it. ``grades`` (name, least points): the scheme's, for the scale the
    grade badge stands on; ``motion``: what is moving now (a list's seal landing, the badge sliding)."""
    items: list[Item] = [the_card(life_id, info)]
    items += section(_("On lists"))
    if info.lists:
        for i, (kind, name, _short, since) in enumerate(info.lists):
            word = _("BLACKLIST") if kind == "blacklist" else _("REDLIST")
            color = "bad" if kind == "blacklist" else "good"
            entry: list[Item] = [tag_item(word, color, "surface", outline=False), Text(name, "small", "panel_ink")]
            if since:
                entry.append(Text(_("since {date}").format(date=since), "small", "panel_muted"))
            landing = (lambda i=i: motion.stamp(i)) if motion is not None else None
            items.append(Columns([(stamp_item(color, landing), STAMP_COL), (Column(entry), 1.0)], gap=10))
            items.append(Gap(6))
    else:
        items.append(Text(_("You are on no list."), "small", "panel_ink"))
    items += section(_("Refused now"))
    if info.restricted:
        for icon, name in info.restricted:
            items.append(icon_row(icon, name))
            items.append(Gap(4))
    else:
        items.append(Text(_("Nothing is refused to you now."), "small", "panel_ink"))
    if info.points is not None:
        items += section(_("Points"))
        items.append(Text(ngettext("{n} point, grade {grade}", "{n} points, grade {grade}", info.points).format(
            n=format_number(info.points), grade=info.grade), "body_bold", "panel_ink"))
        if grades:
            items += [Gap(4), grade_scale(grades, info.points, motion.points if motion is not None else None)]
        if info.grade_press:
            items.append(Text(_('The press writes this grade as "{grade}".').format(grade=info.grade_press), "small",
                              "panel_muted"))
        if info.perks:
            items += section(_("What your grade brings"))
            for icon, name, open_now in info.perks:
                items.append(icon_row(icon, _("{service}: yes").format(service=name) if open_now else
                                      _("{service}: not at this grade").format(service=name)))
                items.append(Gap(4))
        if info.scheme_name:
            items.append(Text(info.scheme_name, "small", "panel_muted"))
        if points_chart is not None:
            items += [Gap(6), points_chart]
    if info.variables or info.days:
        items += section(_("You have"))
        for label, value in info.variables:
            items.append(Text(_("{label}: {value}").format(label=label, value=value), "small", "panel_ink"))
        items.append(Text(ngettext("{n} day since the story began", "{n} days since the story began", info.days).format(
            n=format_number(info.days)), "small", "panel_ink"))
    return items
