"""The player's ID card and what attaches to it: the lists, what is refused now (icon and words),
points and grade where a scheme applies, and the variables the story shows (money, time)."""

from __future__ import annotations

import pygame

from ..i18n import _, format_number, ngettext
from . import artbridge, pictures
from .cardmarks import STAMP_COL, Motion, grade_scale, stamp_item
from .context import Ctx
from .drawing import tag, tag_size
from .flow import Column, Columns, Custom, Gap, Item, Text
from .gamectl import CardInfo

ICON = 24  # logical px at 100% text: an icon grows with the text beside it


def icon_size(ctx: Ctx) -> int:
    return ctx.tpx(ICON)


class IconRow(Columns):
    """An icon and its words: the icon's column as wide as the icon at this text size (the gap after it
    grows with the text too), so the icon never touches its words at 200%."""

    def __init__(self, icon: str, text: str, color: str, role: str) -> None:
        self.icon = Custom(lambda c, w: icon_size(c) + c.tpx(2), self.paint_icon)
        self.words = Text(text, role, color)
        self.icon_name, self.color = icon, color
        super().__init__([(self.icon, ICON), (self.words, 1.0)], gap=8)

    def measure(self, ctx: Ctx, width: int) -> int:
        # the column in logical px (Columns scales it by the window): the icon's px back to logical, rounded up
        self.cols[0] = (self.icon, ctx.logical(icon_size(ctx)))
        return super().measure(ctx, width)

    def paint_icon(self, ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        s = icon_size(ctx)
        artbridge.draw_icon(surf, self.icon_name, pygame.Rect(r.x, r.y + ctx.tpx(1), s, s), ctx.theme[self.color])


def icon_row(icon: str, text: str, color: str = "panel_ink", role: str = "small") -> Item:
    return IconRow(icon, text, color, role)


def tag_item(word: str, fill: str, ink: str, outline: bool = False) -> Item:
    def paint(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = ctx.theme
        tag(ctx, surf, r.x, r.y, word, t[fill], t[ink], outline=outline)

    return Custom(lambda c, w: tag_size(c, word)[1], paint)


def section(title: str) -> list[Item]:
    return [Gap(12), Text(title.upper(), "tag", "panel_muted"), Gap(4)]


PHOTO_W, PHOTO_MAX_W = 72, 144  # logical px: the card's photo column, narrow and wide


class CardPhoto(Custom):
    """The card's photo: the life's own portrait from the story (3:4, framed like a photo), else, when the
    life names none or its file cannot be drawn (reported once), the plain drawing."""

    def __init__(self, life_id: str, info: CardInfo) -> None:
        super().__init__(lambda c, w: min(int(w * 1.25), c.tpx(90), c.px(PHOTO_MAX_W * 1.25)), self.paint_photo)
        self.life_id, self.info = life_id, info

    def photo_rect(self, ctx: Ctx, r: pygame.Rect) -> pygame.Rect:
        h = min(r.h, int(r.w * 1.25))
        if self.info.portrait is not None:
            return pygame.Rect(r.topleft, pictures.fit(pictures.PORTRAIT_ASPECT, r.w, h))
        return pygame.Rect(r.x, r.y, int(h / 1.25), h)

    def paint_photo(self, ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        rect = self.photo_rect(ctx, r)
        pic = self.info.portrait
        img = pictures.picture(pic.file, rect.size) if pic is not None else None
        if img is not None:
            surf.blit(img, rect.topleft)
            pygame.draw.rect(surf, ctx.theme["card_edge"], rect, max(1, ctx.px(1)))
            return
        h = min(r.h, int(r.w * 1.25))
        artbridge.draw_portrait(surf, self.life_id, pygame.Rect(r.x, r.y, int(h / 1.25), h), ctx.theme, photo=True,
                                bg_role="card")


class _PhotoRow(Columns):
    """The photo beside the card's words: 72 logical px in the side panel, up to twice that on a wide card
    (the ID card screen at large text), so the portrait is not a thumbnail beside big words."""

    def measure(self, ctx: Ctx, width: int) -> int:
        logical = width * 100 / max(1, ctx.px(100))
        self.cols[0] = (self.cols[0][0], int(min(PHOTO_MAX_W, max(PHOTO_W, logical * 0.2))))
        return super().measure(ctx, width)


def the_card(ctx_life_id: str, info: CardInfo) -> Item:
    details = Column([
        Text(info.name, "body_bold", "card_ink"),
        Text(info.player, "small", "card_ink"),
        Text(_("Now in {place}").format(place=info.place), "small", "card_muted"),
        Text(info.date, "small", "card_muted"),
    ])
    return Column([
        Text(_("RESIDENT IDENTITY CARD"), "tag", "card_muted"),
        Gap(6),
        _PhotoRow([(CardPhoto(ctx_life_id, info), 72), (details, 1.0)], gap=12, stack_below=220),
    ], pad=12, fill="card", edge="card_edge", radius=10)


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
            if since:  # "since 22 February 2016", or "found out on 9 May 2016" when no source gives the day
                entry.append(Text(since, "small", "panel_muted"))
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
