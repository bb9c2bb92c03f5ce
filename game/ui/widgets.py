"""The small widget set: Widget and Button. Layout containers live in flow.py and scroll.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pygame

from ..engine.wording import not_available
from . import artbridge
from .context import Ctx
from .drawing import Block, block, draw_block


class Widget:
    """Something that can take focus and be activated. ``rect`` is in canvas pixels."""

    focusable = True

    def __init__(self, key: str, label: str = "", on_activate: Callable[[], None] | None = None, *,
                 enabled: bool = True, auto: bool = False) -> None:
        self.key = key
        self.label = label
        self.on_activate = on_activate
        self.enabled = enabled
        self.auto = auto  # a sensible target for --autoplay
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.crect = pygame.Rect(0, 0, 0, 0)  # in content coordinates of its view
        self.visible = True
        self.clip: pygame.Rect | None = None  # the viewport it is seen through
        self.dark = False  # drawn on a dark background (focus ring colour)

    def hit(self, pos: tuple[int, int]) -> bool:
        if not (self.visible and self.rect.collidepoint(pos)):
            return False
        return self.clip is None or self.clip.collidepoint(pos)

    @property
    def interactive(self) -> bool:
        return self.enabled and self.focusable

    def activate(self) -> None:
        if self.enabled and self.on_activate is not None:
            self.on_activate()

    def measure(self, ctx: Ctx, width: int) -> tuple[int, int]:
        return width, ctx.target

    def draw(self, ctx: Ctx, surf: pygame.Surface, *, focused: bool, hovered: bool, pressed: bool) -> None:
        raise NotImplementedError


class Button(Widget):
    """A large button: optional number badge and icon, a wrapped label, and for a disabled choice its
    reason. ``kind`` is normal, primary, choice, quiet (on the dark header) or toggle."""

    def __init__(self, key: str, label: str, on_activate: Callable[[], None] | None = None, *,
                 kind: str = "normal", enabled: bool = True, reason: str = "", number: int | None = None,
                 icon: str = "", selected: bool = False, sub: str = "", auto: bool = False,
                 fill: bool = True, role: str = "button", icon_only: bool = False, steady: bool = False,
                 check: bool = False, ruby: Mapping[str, str] | None = None, spoken: str = "") -> None:
        super().__init__(key, label, on_activate, enabled=enabled, auto=auto)
        # the accessible name, read aloud when the button takes the focus, where the label alone is ambiguous
        # out of its context ("Live this life" under each of three lives); the label by default
        self._spoken = spoken
        self.ruby = ruby  # pinyin readings over the label's hanzi (see game/ui/ruby.py), for learners
        self.icon_only = icon_only and bool(icon)  # a square with the icon; the label is still read aloud
        # the same size enabled or not (the lead is kept, the reason shown by the screen beside it), so it
        # does not move what is under the pointer when it is pressed
        self.steady = steady
        # a toggle is one of several (drawn as a radio button: a ring, a dot in it when chosen); ``check``
        # makes it a single on/off switch (a box, a tick in it when on)
        self.check = check
        self.kind = kind
        self.reason = reason
        self.number = number
        self.icon = icon
        self.selected = selected
        self.sub = sub
        self.fill = fill  # take the full width offered (else fit the label)
        self.role = role
        self.dark = kind == "quiet"
        self._lab: Block | None = None
        self._sub: Block | None = None

    @property
    def spoken(self) -> str:
        """What speech says for the button when it takes the focus: its accessible name, else its label."""
        return self._spoken or self.label

    # -- geometry -----------------------------------------------------------------------------------
    def _lead(self, ctx: Ctx) -> int:
        """Width of the number badge or icon at the left."""
        if self.number is not None or self.icon or not self.enabled or self.kind == "toggle" or self.steady:
            return ctx.tpx(34) + ctx.tpx(12)
        return 0

    def measure(self, ctx: Ctx, width: int) -> tuple[int, int]:
        if self.icon_only:
            return ctx.target, ctx.target
        padx, pady = ctx.tpx(16), ctx.tpx(10)
        lead = self._lead(ctx)
        inner = max(ctx.px(20), width - 2 * padx - lead)
        sub = self.sub if self.enabled else self.disabled_line()
        if not self.fill:
            natural = max(ctx.fonts[self.role].width(self.label), ctx.fonts["small"].width(sub) if sub else 0)
            inner = min(inner, natural + 1)
        if self.ruby is None:
            self._lab = block(ctx, self.label, self.role, inner)
        else:
            from . import ruby  # here: ruby builds on flow, which builds on this module

            self._lab = ruby.label_block(ctx, self.label, self.role, inner, self.ruby)
        self._sub = block(ctx, sub, "small", inner) if sub else None
        h = self._lab.height + (self._sub.height if self._sub else 0) + 2 * pady
        h = max(h, ctx.target, (ctx.tpx(34) + 2 * pady) if lead else 0)
        natural = max(self._lab.width, self._sub.width if self._sub else 0)
        w = width if self.fill else min(width, max(natural + 2 * padx + lead, ctx.target))
        return w, h

    def badge_rect(self, ctx: Ctx, body: pygame.Rect | None = None) -> pygame.Rect:
        """Where the number, icon, lock, radio ring or check box is drawn."""
        body = self.rect if body is None else body
        s = ctx.tpx(34)
        badge = pygame.Rect(body.x + ctx.tpx(16), body.y + ctx.tpx(10), s, s)
        if self._lab is not None and self._lab.height + (self._sub.height if self._sub else 0) < s:
            badge.centery = body.centery
        if self.kind == "toggle" and self._lab is not None and self._lab.lines:
            # a radio ring or check box sits on its label's first line, centred on the letters (cap height, or
            # a Chinese character's middle: both about 0.37 of the size above the baseline), not on the line box
            fs = self._lab.fs
            badge.centery = self.text_top(ctx, body) + fs.ascent_pad() + fs.latin.get_ascent() - round(fs.size * 0.37)
        return badge

    def text_top(self, ctx: Ctx, body: pygame.Rect) -> int:
        """Where the label's first line box begins (the label and its sub line centred in the button)."""
        th = (self._lab.height if self._lab else 0) + (self._sub.height if self._sub else 0)
        return body.y + max(ctx.tpx(10), (body.h - th) // 2)

    def disabled_line(self) -> str:
        """What a disabled button says under its label: a choice, the story's reason it is not available;
        another control, its short reason alone (the lock and the dimming say it is not available)."""
        if self.steady:
            return ""
        if self.kind == "choice":
            return not_available(self.reason)
        return self.reason[:1].upper() + self.reason[1:]

    # -- drawing ------------------------------------------------------------------------------------
    def colors(self, ctx: Ctx, hovered: bool) -> tuple:
        t = ctx.theme
        if not self.enabled:
            return t["disabled"], t["disabled_ink"], t["disabled_edge"]
        if self.kind == "primary" or (self.kind == "toggle" and self.selected):
            return t["primary"], t["primary_ink"], t["primary_edge"]
        if self.kind == "quiet":
            return t["header"], t["header_ink"], t["header_muted"]
        return (t["button_hover"] if hovered else t["button"]), t["button_ink"], t["button_edge"]

    def draw(self, ctx: Ctx, surf: pygame.Surface, *, focused: bool, hovered: bool, pressed: bool) -> None:
        from .drawing import focus_ring

        if self.icon_only:
            self._draw_icon_only(ctx, surf, focused=focused, hovered=hovered, pressed=pressed)
            return
        if self._lab is None:
            self.measure(ctx, self.rect.w)
        r = self.rect
        radius = ctx.px(6)
        fill, ink, edge = self.colors(ctx, hovered or pressed)
        body = r.move(0, ctx.px(1)) if pressed else r
        pygame.draw.rect(surf, fill, body, border_radius=radius)
        ew = max(1, ctx.px(2)) if self.kind != "quiet" else max(1, ctx.px(1))
        if self.enabled:
            pygame.draw.rect(surf, edge, body, ew, border_radius=radius)
            if hovered and self.kind not in ("primary",) and not (self.kind == "toggle" and self.selected):
                pygame.draw.rect(surf, edge, body, ew + max(1, ctx.px(1)), border_radius=radius)
        else:  # dimmed: a thin edge, the lock at the left
            pygame.draw.rect(surf, edge, body, max(1, ctx.px(1)), border_radius=radius)
        padx = ctx.tpx(16)
        x = body.x + padx
        lead = self._lead(ctx)
        if lead:
            s = ctx.tpx(34)
            badge = self.badge_rect(ctx, body)
            if not self.enabled:
                artbridge.draw_icon(surf, "lock", badge.inflate(-s // 5, -s // 5), ink)
            elif self.kind == "toggle" and self.check:
                pygame.draw.rect(surf, ink, badge.inflate(-s // 5, -s // 5), max(2, ctx.px(2)),
                                 border_radius=ctx.px(3))
                if self.selected:
                    artbridge.draw_icon(surf, "check", badge.inflate(-s // 3, -s // 3), ink)
            elif self.kind == "toggle":
                ring = badge.inflate(-s // 5, -s // 5)
                pygame.draw.circle(surf, ink, ring.center, ring.w // 2, max(2, ctx.px(2)))
                if self.selected:
                    pygame.draw.circle(surf, ink, ring.center, max(2, ring.w // 2 - max(2, ctx.px(2)) * 2 - 1))
            elif self.number is not None:
                t = ctx.theme
                nfill, nink = (t["number"], t["number_ink"]) if self.kind != "primary" else (ink, fill)
                pygame.draw.rect(surf, nfill, badge, border_radius=ctx.px(4))
                fs = ctx.fonts["button"]
                img = fs.render(str(self.number), nink)
                surf.blit(img, img.get_rect(center=badge.center))
            elif self.icon:
                artbridge.draw_icon(surf, self.icon, badge, ink)
            x += lead
        inner_w = body.right - padx - x
        th = self._lab.height + (self._sub.height if self._sub else 0)
        y = self.text_top(ctx, body)
        if self._lab.width > inner_w + 1:
            ctx.report_overflow(f"button {self.key}", self.label, f"{self._lab.width}px in {inner_w}px")
        align = "center" if (not self.fill and not lead) else "left"
        if self.ruby is None:
            draw_block(surf, self._lab, x, y, ink, width=inner_w, align=align)
        else:
            from . import ruby

            ruby.draw(surf, self._lab, x, y, ink, width=inner_w, align=align)
        if self._sub is not None:
            draw_block(surf, self._sub, x, y + self._lab.height, ink, width=inner_w)
        if y + th > body.bottom + 1:
            ctx.report_overflow(f"button {self.key}", self.label, "taller than its button")
        if focused:
            focus_ring(ctx, surf, body, dark=self.dark, radius=radius)

    def _draw_icon_only(self, ctx: Ctx, surf: pygame.Surface, *, focused: bool, hovered: bool, pressed: bool) -> None:
        from .drawing import focus_ring

        radius = ctx.px(6)
        fill, ink, edge = self.colors(ctx, hovered or pressed)
        body = self.rect.move(0, ctx.px(1)) if pressed else self.rect
        pygame.draw.rect(surf, fill, body, border_radius=radius)
        ew = max(1, ctx.px(2) if hovered else ctx.px(1))
        pygame.draw.rect(surf, edge, body, ew, border_radius=radius)
        s = min(body.w, body.h)
        artbridge.draw_icon(surf, self.icon, pygame.Rect(0, 0, s * 3 // 5, s * 3 // 5).move(
            body.centerx - s * 3 // 10, body.centery - s * 3 // 10), ink)
        if focused:
            focus_ring(ctx, surf, body, dark=self.dark, radius=radius)
