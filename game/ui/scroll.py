"""A view onto a flow of items: fixed height with scrolling, or its natural height.

When the content is taller than the view, a gutter on the right shows where you are and holds two
large buttons (up, down) so touch and keyboard users never need to drag; the mouse wheel, page keys
and dragging with a finger also scroll.
"""

from __future__ import annotations

import weakref

import pygame

from ..i18n import _
from . import artbridge
from .context import Ctx
from .drawing import fill
from .flow import Column, Item, UIState
from .widgets import Widget


class ScrollButton(Widget):
    def __init__(self, view: ScrollView, direction: int) -> None:
        super().__init__(f"{view.name}:scroll_{'up' if direction < 0 else 'down'}",
                         _("Scroll up") if direction < 0 else _("Scroll down"))
        # no reference cycles (to the view, or to itself through a bound method as on_activate): a view that
        # is replaced is freed at once rather than by the cyclic garbage collector
        self._view = weakref.ref(view)
        self.direction = direction

    def activate(self) -> None:
        if self.enabled:
            self._go()

    @property
    def view(self) -> ScrollView | None:
        return self._view()

    def _go(self) -> None:
        v = self._view()
        if v is not None:  # else a stale press on a view laid out again since
            v.page(self.direction)

    def measure(self, ctx: Ctx, width: int) -> tuple[int, int]:
        return ctx.target, ctx.target

    def draw(self, ctx: Ctx, surf: pygame.Surface, *, focused: bool, hovered: bool, pressed: bool) -> None:
        from .drawing import focus_ring

        t = ctx.theme
        view = self.view
        bg = view.bg_role if view is not None else None
        fill = t["button_hover"] if hovered else t["button"]
        pygame.draw.rect(surf, fill, self.rect, border_radius=ctx.px(6))
        edge = t["button_edge"] if self.enabled else t["disabled_edge"]
        pygame.draw.rect(surf, edge, self.rect, max(1, ctx.px(2)), border_radius=ctx.px(6))
        ink = t["button_ink"] if self.enabled else t["disabled_ink"]
        artbridge.draw_icon(surf, "up" if self.direction < 0 else "down", self.rect.inflate(-self.rect.w // 3,
                                                                                        -self.rect.h // 3), ink)
        if focused:
            focus_ring(ctx, surf, self.rect, dark=bg == "header", radius=ctx.px(6))


class ScrollView:
    def __init__(self, items: list[Item], *, name: str = "body", scroll: bool = True, pad: float = 0,
                 bg: str | None = None, pad_x: float | None = None, reserve: bool = True, crop: bool = False) -> None:
        self.reserve = reserve  # keep the scroll gutter even when the content fits (no reflow)
        self.crop = crop  # a poster (not scrolling): what does not fit is cut off on purpose, not an overflow
        self.name = name
        self.root = Column(items, pad=pad, pad_x=pad_x)
        self.scrollable = scroll
        self.bg_role = bg
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.offset = 0
        self.content_h = 0
        self.overflows = False
        self.up = ScrollButton(self, -1)
        self.down = ScrollButton(self, 1)
        self._gutter = 0
        self._ids: set[int] | None = None
        self.drawn: tuple | None = None  # the state it was last drawn in (see state()), None: not drawn yet
        self.drawn_rect: pygame.Rect | None = None  # and where

    # -- layout ------------------------------------------------------------------------------------
    def gutter(self, ctx: Ctx) -> int:
        """Room kept at the right of a scrolling view for its buttons, so the text never reflows when
        the content grows past the view's height."""
        return ctx.target + ctx.px(12) if self.scrollable else 0

    def natural_height(self, ctx: Ctx, width: int) -> int:
        return self.root.measure(ctx, max(ctx.px(40), width - (self.gutter(ctx) if self.reserve else 0)))

    def layout(self, ctx: Ctx, rect: pygame.Rect, keep_offset: bool = True) -> None:
        self.rect = pygame.Rect(rect)
        self._gutter = self.gutter(ctx) if self.reserve else 0
        self.content_h = self.root.measure(ctx, max(ctx.px(40), rect.w - self._gutter))
        self.overflows = self.scrollable and self.content_h > rect.h + 1
        if self.overflows and not self._gutter:
            self._gutter = self.gutter(ctx)
            self.content_h = self.root.measure(ctx, max(ctx.px(40), rect.w - self._gutter))
        if not self.scrollable and not self.crop and self.content_h > rect.h + 1:
            ctx.report_overflow(f"view {self.name}", "", f"content {self.content_h}px in {rect.h}px")
        self.root.place(0, 0)
        if not keep_offset:
            self.offset = 0
        self.clamp()
        if self.overflows:
            s = ctx.target
            x = self.rect.right - s - ctx.px(2)
            self.up.rect = pygame.Rect(x, self.rect.top + ctx.px(2), s, s)
            self.down.rect = pygame.Rect(x, self.rect.bottom - s - ctx.px(2), s, s)
        self.reposition()
        self._ids = None
        self.drawn = None

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.rect.h) if self.overflows else 0

    def clamp(self) -> None:
        self.offset = max(0, min(self.offset, self.max_offset))

    def reposition(self) -> None:
        ox, oy = self.rect.x, self.rect.y - self.offset
        for w in self.root.widgets():
            w.rect = w.crect.move(ox, oy)
            w.clip = self.rect
            w.visible = w.rect.colliderect(self.rect)
        self.up.enabled = self.offset > 0
        self.down.enabled = self.offset < self.max_offset

    # -- scrolling ---------------------------------------------------------------------------------
    def scroll_by(self, dy: int) -> bool:
        before = self.offset
        self.offset += int(dy)
        self.clamp()
        if self.offset != before:
            self.reposition()
            return True
        return False

    def page(self, direction: int) -> bool:
        return self.scroll_by(direction * max(20, int(self.rect.h * 0.8)))

    def scroll_to_end(self) -> None:
        self.offset = self.max_offset
        self.reposition()

    def fully_visible(self, w: Widget) -> bool:
        return self.rect.contains(w.rect) or not self.overflows

    def ensure_visible(self, w: Widget) -> bool:
        if w in (self.up, self.down) or not self.overflows:
            return False
        top, bottom = w.crect.top, w.crect.bottom
        margin = 8
        if top - margin < self.offset:
            return self.scroll_by(top - margin - self.offset)
        if bottom + margin > self.offset + self.rect.h:
            return self.scroll_by(min(top - margin - self.offset, bottom + margin - self.offset - self.rect.h))
        return False

    # -- widgets and drawing -----------------------------------------------------------------------
    def widgets(self) -> list[Widget]:
        ws = self.root.widgets()
        if self.overflows:
            ws = ws + [self.up, self.down]
        return ws

    def contains(self, pos: tuple[int, int]) -> bool:
        return self.rect.collidepoint(pos)

    def state(self, ctx: Ctx, st: UIState, extra: object = None) -> tuple:
        """Everything besides its content that changes what the view shows: scroll, the focused, hovered
        and pressed widgets (when they are its own), whether focus shows, the screen's extra key, the
        theme. The app compares it with ``drawn`` to redraw only what changed."""
        ws = self._ids if self._ids is not None else self._collect()
        return (self.offset, st.focused if id(st.focused) in ws else None,
                st.hovered if id(st.hovered) in ws else None, st.pressed if id(st.pressed) in ws else None,
                st.show_focus, extra, ctx.theme.id)

    def draw(self, ctx: Ctx, surf: pygame.Surface, st: UIState, extra: object = None) -> None:
        """Draw the view (within the surface's clip: the app redraws only the parts that changed)."""
        self._draw(ctx, surf, st)
        self.drawn = self.state(ctx, st, extra)
        self.drawn_rect = pygame.Rect(self.rect)

    def drop_cache(self) -> None:
        self.drawn = None

    def _collect(self) -> set[int]:
        self._ids = {id(w) for w in self.widgets()}
        return self._ids

    def _draw(self, ctx: Ctx, surf: pygame.Surface, st: UIState) -> None:
        old = surf.get_clip()
        inner = self.rect.clip(old) if old.w else self.rect
        if inner.w > 0 and inner.h > 0:  # else nothing of it shows (an empty clip would mean "no clip" below)
            if self.bg_role:
                fill(surf, ctx.theme[self.bg_role], self.rect)
            surf.set_clip(inner)
            self.root.draw(ctx, surf, self.rect.x, self.rect.y - self.offset, st)
            surf.set_clip(old)
        if self.overflows:
            t = ctx.theme
            track = pygame.Rect(self.up.rect.centerx - ctx.px(3), self.up.rect.bottom + ctx.px(8), ctx.px(6),
                                self.down.rect.top - self.up.rect.bottom - ctx.px(16))
            if track.h > ctx.px(10):
                pygame.draw.rect(surf, t["rule"], track, 1, border_radius=ctx.px(3))
                frac = self.rect.h / max(1, self.content_h)
                th = max(ctx.px(16), int(track.h * frac))
                ty = track.y + int((track.h - th) * (self.offset / max(1, self.max_offset)))
                pygame.draw.rect(surf, t["ink"] if self.bg_role != "header" else t["header_ink"],
                                 (track.x, ty, track.w, th), border_radius=ctx.px(3))
            for b in (self.up, self.down):
                b.draw(ctx, surf, focused=(st.focused is b and st.show_focus), hovered=(st.hovered is b),
                       pressed=(st.pressed is b))


class PosterView(ScrollView):
    """A view that is a poster, not reading matter (the kiosk's attract demonstration): its text grows with
    the text-size setting only up to ``cap``, so at 200% on a small screen it still shows a scene rather
    than one line of it. Nothing in it is needed to play: everything it shows comes again, at the visitor's
    text size, once they touch to begin; the controls beside it keep the full size."""

    def __init__(self, items: list[Item], *, cap: float, **kw: object) -> None:
        super().__init__(items, **kw)  # type: ignore[arg-type]
        self.cap = cap
        self._poster: tuple[Ctx, Ctx] | None = None  # (the window's context, the poster's made from it)

    def poster_ctx(self, ctx: Ctx) -> Ctx:
        if ctx.fonts.text_scale <= self.cap:
            return ctx
        if self._poster is None or self._poster[0] is not ctx:  # not id(): a new context may reuse a freed id
            from dataclasses import replace

            from .fonts import FontBook

            self._poster = (ctx, replace(ctx, fonts=FontBook(ctx.fonts.scale, self.cap)))
        poster = self._poster[1]
        poster.now = ctx.now
        return poster

    def natural_height(self, ctx: Ctx, width: int) -> int:
        return super().natural_height(self.poster_ctx(ctx), width)

    def layout(self, ctx: Ctx, rect: pygame.Rect, keep_offset: bool = True) -> None:
        super().layout(self.poster_ctx(ctx), rect, keep_offset)

    def state(self, ctx: Ctx, st: UIState, extra: object = None) -> tuple:
        return super().state(self.poster_ctx(ctx), st, extra)

    def draw(self, ctx: Ctx, surf: pygame.Surface, st: UIState, extra: object = None) -> None:
        super().draw(self.poster_ctx(ctx), surf, st, extra)
