"""A node's text as the player meets it: narration on paper, dialogue with its speaker, and system
screens drawn like the real interfaces (a blue-and-white public terminal, an official notice with a
red seal, a phone credit app with the grade as a badge, a letter)."""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from ..engine import wording
from ..i18n import _
from . import artbridge
from .context import Ctx
from .drawing import block, draw_block
from .flow import Column, Custom, Fixed, Gap, Item, Text

Reveal = Callable[[], int | None]

NARROW = 700  # logical px: lines of about 70 characters at body size


def narration(text: str, reveal: Reveal | None) -> Item:
    return Text(text, "body", "ink", max_w=NARROW, reveal=reveal)


def dialogue(speaker: str, text: str, reveal: Reveal | None) -> Item:
    def bar(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        pygame.draw.rect(surf, ctx.theme["accent"], (r.x, r.y, ctx.px(4), r.h))

    return Fixed(Column([Text(speaker.upper() if speaker.isascii() else speaker, "tag", "accent"), Gap(4),
                         Text(text, "body", "ink", reveal=reveal)], pad_x=18, before=bar), NARROW + 36)


def terminal(label: str, text: str, reveal: Reveal | None, alert: str = "") -> Item:
    """The flat blue-and-white public terminal (ticket machine, airport screen)."""

    def chrome(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = ctx.theme
        pygame.draw.rect(surf, t["term_edge"], r, max(2, ctx.px(3)), border_radius=ctx.px(10))

    head = Custom(lambda c, w: _term_head_h(c, w, label), lambda c, s, r: _term_head(c, s, r, label))
    inner = [Text(text, "mono", "term_text", reveal=reveal)]
    if alert:
        inner += [Gap(10), Custom(lambda c, w: block(c, alert, "button", w - 2 * c.tpx(40)).height + c.tpx(16),
                                  lambda c, s, r: _alert(c, s, r, alert))]
    panel = Column(inner, pad=18, fill="term_panel", radius=4)
    return Fixed(Column([head, panel], pad=14, fill="term_bg", radius=10, after=chrome), 760, align="left")


def _term_head_h(ctx: Ctx, width: int, label: str) -> int:
    card_w = int(ctx.fonts["small_bold"].line_height * 1.4)
    return block(ctx, label.upper(), "small_bold", max(10, width - card_w - ctx.tpx(12))).height + ctx.tpx(10)


def _term_head(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect, label: str) -> None:
    t = ctx.theme
    fs = ctx.fonts["small_bold"]
    s = fs.line_height
    # a card-reader mark: a card with a chip, then the label
    card = pygame.Rect(r.x, r.y + ctx.tpx(2), int(s * 1.4), s - ctx.px(2))
    pygame.draw.rect(surf, t["term_ink"], card, max(1, ctx.px(2)), border_radius=ctx.px(3))
    pygame.draw.rect(surf, t["term_ink"], (card.x + card.w // 5, card.y + card.h // 3, card.w // 4, card.h // 3))
    text = label.upper()
    b = block(ctx, text, "small_bold", max(10, r.w - card.w - ctx.tpx(12)))
    draw_block(surf, b, card.right + ctx.tpx(10), r.y, t["term_ink"])


def _alert(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect, text: str) -> None:
    t = ctx.theme
    pygame.draw.rect(surf, t["term_alert"], r, border_radius=ctx.px(4))
    s = ctx.tpx(28)
    artbridge.draw_icon(surf, "cross", pygame.Rect(r.x + ctx.tpx(8), r.centery - s // 2, s, s), t["term_alert_ink"])
    b = block(ctx, text, "button", r.w - 2 * ctx.tpx(40))
    draw_block(surf, b, r.x + ctx.tpx(44), r.y + (r.h - b.height) // 2, t["term_alert_ink"])


def notice(issuer: str, text: str, reveal: Reveal | None, date: str) -> Item:
    """An official document with a red seal."""

    def seal(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = ctx.theme
        pygame.draw.rect(surf, t["rule"], r, max(1, ctx.px(1)))
        rad = ctx.px(46)
        cx, cy = r.right - rad - ctx.px(26), r.bottom - rad - ctx.px(12)
        color = t["seal"]
        if artbridge.draw_seal(surf, (cx, cy), rad, color):
            return
        pygame.draw.circle(surf, color, (cx, cy), rad, max(2, ctx.px(4)))
        pygame.draw.circle(surf, color, (cx, cy), rad - ctx.px(8), max(1, ctx.px(1)))
        artbridge.draw_star(surf, color, (cx, cy - ctx.px(4)), rad * 0.38)
        # a ring of short strokes where the issuing body's name would run
        for i in range(24):
            if 9 <= i <= 15:
                continue
            a = math.pi * 2 * i / 24
            x0, y0 = cx + math.cos(a) * (rad - ctx.px(14)), cy + math.sin(a) * (rad - ctx.px(14))
            x1, y1 = cx + math.cos(a) * (rad - ctx.px(20)), cy + math.sin(a) * (rad - ctx.px(20))
            pygame.draw.line(surf, color, (x0, y0), (x1, y1), max(1, ctx.px(2)))

    title = issuer or wording.NOTICE_TITLE
    items = [Text(title.upper() if title.isascii() else title, "heading", "notice_ink", align="center"),
             Custom(lambda c, w: c.tpx(16), lambda c, s, r: pygame.draw.line(
                 s, c.theme["seal"], (r.x + r.w // 4, r.centery), (r.right - r.w // 4, r.centery), max(2, c.px(2)))),
             Text(text, "body", "notice_ink", reveal=reveal),
             Gap(18),
             Text(date, "small", "notice_ink", align="right"),
             Gap(92)]
    return Fixed(Column(items, pad=30, fill="notice_paper", after=seal), 760)


def phone_app(app_name: str, text: str, reveal: Reveal | None, grade: str, points: int | None,
              press: str) -> Item:
    """An app on a phone: a header (with the grade as a badge for a city credit app), then the message."""

    def frame(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        pygame.draw.rect(surf, ctx.theme["phone"], r, max(6, ctx.px(12)), border_radius=ctx.px(28))
        notch = pygame.Rect(0, 0, r.w // 4, ctx.px(8))
        notch.midtop = (r.centerx, r.y + ctx.px(6))
        pygame.draw.rect(surf, ctx.theme["app_bg"], notch, border_radius=ctx.px(4))

    def head_h(c: Ctx, w: int) -> int:
        return max(c.tpx(70), block(c, app_name, "body_bold", max(10, w - c.tpx(110))).height + c.tpx(20))

    def head(c: Ctx, s: pygame.Surface, r: pygame.Rect) -> None:
        t = c.theme
        pygame.draw.rect(s, t["app_head"], r, border_radius=c.px(6))
        b = block(c, app_name, "body_bold", max(10, r.w - c.tpx(110)))
        draw_block(s, b, r.x + c.tpx(14), r.y + (r.h - b.height) // 2, t["app_head_ink"])
        if grade:
            rad = c.tpx(28)
            center = (r.right - rad - c.tpx(12), r.centery)
            pygame.draw.circle(s, t["badge"], center, rad)
            pygame.draw.circle(s, t["app_head_ink"], center, rad, max(1, c.px(2)))
            fs = c.fonts["heading" if len(grade) < 3 else "body_bold"]
            img = fs.render(grade, t["badge_ink"])
            s.blit(img, img.get_rect(center=center))

    items: list[Item] = [Gap(10), Custom(head_h, head), Gap(10)]
    if points is not None:
        line = _("Points: {points}   Grade: {grade}").format(points=points, grade=grade)
        if press:
            line = _('{line}   (the press writes "{press}")').format(line=line, press=press)
        items.append(Text(line, "small_bold", "app_ink"))
        items.append(Gap(6))
    items.append(Text(text, "body", "app_ink", reveal=reveal))
    items.append(Gap(24))
    return Fixed(Column(items, pad=26, pad_top=18, fill="app_bg", radius=28, after=frame), 520)


def letter(sender: str, text: str, reveal: Reveal | None, date: str) -> Item:
    def paper(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = ctx.theme
        pygame.draw.rect(surf, t["letter_line"], r, max(1, ctx.px(1)))
        y = r.y + ctx.tpx(18)
        pygame.draw.line(surf, t["letter_line"], (r.x + ctx.px(20), y), (r.right - ctx.px(20), y), 1)
        pygame.draw.line(surf, t["letter_line"], (r.x + ctx.px(20), r.centery), (r.x + ctx.px(40), r.centery), 1)

    items = [Gap(10)]
    if sender:
        items.append(Text(sender, "small_bold", "letter_ink"))
    items += [Text(date, "small", "letter_ink", align="right"), Gap(10), Text(text, "body", "letter_ink",
                                                                              reveal=reveal), Gap(8)]
    return Fixed(Column(items, pad=30, fill="letter_paper", after=paper), 740)
