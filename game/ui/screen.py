"""Screens and the screen stack (push, pop, replace), with focus, pointer and key handling shared by all.

A screen composes one or more views (``compose``); the base class owns focus order, the focus ring,
hover and press, tap-versus-drag, and the keyboard actions every screen shares.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pygame

from .context import Ctx
from .drawing import fill
from .flow import Gap, Item, Text, UIState
from .headerbar import header_view
from .scroll import ScrollButton, ScrollView
from .widgets import Widget

if TYPE_CHECKING:
    from .app import App

DRAG_START = 10  # logical px a pointer moves before a press becomes a scroll
_serials = itertools.count(1)


class Screen:
    name = "screen"
    opaque = True  # False: the screens below show through (dialogs, menus)
    dim_under = 0  # alpha of the veil over the screens below (dialogs)
    main_view = "body"

    def __init__(self, app: App) -> None:
        self.app = app
        self.serial = next(_serials)  # the app redraws everything when the screens shown change
        self.views: list[ScrollView] = []
        self.st = UIState()
        self._drag: tuple[tuple[int, int], ScrollView | None, int] | None = None
        self._dragging = False
        self.built_for: tuple | None = None
        self.reset_scroll = False  # set by compose when the content is new: start at the top

    # -- to override -------------------------------------------------------------------------------
    def compose(self, ctx: Ctx) -> None:
        """Build self.views for the canvas size."""
        raise NotImplementedError

    def paint(self, ctx: Ctx, surf: pygame.Surface) -> None:
        """Draw the background before the views (default: the paper, where no view paints its own)."""
        bg = ctx.theme["bg"]
        for r in uncovered(surf.get_clip(), [v.rect for v in self.views if v.bg_role]):
            fill(surf, bg, r)

    def paint_over(self, ctx: Ctx, surf: pygame.Surface) -> None:
        pass

    def initial_focus(self) -> Widget | None:
        fs = self.focusables()
        autos = [w for w in fs if w.auto]
        return (autos or fs or [None])[0]

    def on_action(self, action: str) -> bool:
        return False

    def on_pick(self, n: int) -> bool:
        return False

    def on_back(self) -> None:
        pass

    def on_enter(self) -> None:
        pass

    def update(self, now: float) -> bool:
        """Advance animations; True when the screen must be redrawn."""
        return False

    def wake_at(self, now: float) -> float | None:
        """When update() next has something to do (None: only on input)."""
        return None

    def autoplay_targets(self) -> list[Widget]:
        return [w for w in self.focusables() if w.auto]

    # -- layout ------------------------------------------------------------------------------------
    def relayout(self, ctx: Ctx) -> None:
        focus_key = self.st.focused.key if self.st.focused else None
        offsets = {v.name: v.offset for v in self.views}
        self.compose(ctx)
        if self.reset_scroll:
            self.reset_scroll = False
            offsets.clear()
            focus_key = None
        for v in self.views:
            if v.name in offsets:
                v.offset = offsets[v.name]
                v.clamp()
                v.reposition()
        self.st.pressed = self.st.hovered = None
        self.st.focused = None
        if focus_key:
            self.st.focused = next((w for w in self.focusables() if w.key == focus_key), None)
        if self.st.focused is None:
            self.st.focused = self.initial_focus()

    def release(self) -> None:
        """Off the stack for good: drop the views and the state that refers to them (a screen pushed again
        composes anew)."""
        self.views = []
        self.st = UIState()
        self._drag = None
        self.built_for = None

    def rebuild(self) -> None:
        """The content changed: compose again on the next frame."""
        self.built_for = None
        self.app.dirty = True

    def view(self, name: str) -> ScrollView | None:
        return next((v for v in self.views if v.name == name), None)

    def stack_views(self, ctx: Ctx, header: list[Item] | None, body: list[Item], footer: list[Item] | None = None,
                    *, body_w: float = 920, pad: float = 24) -> None:
        """The common layout: a dark header bar (kept to its share of the window), a scrolling body of
        readable width, a footer row."""
        W, H = ctx.size
        views = []
        y = 0
        if header:  # within its share of the window (see headerbar.py); a line it leaves out opens the page
            hv, line = header_view(ctx, header, W, H)
            if line:
                body = [Text(line, "small", "muted"), Gap(8), *body]
            views.append(hv)
            y = hv.rect.h
        fh = 0
        if footer:
            fv = ScrollView(footer, name="footer", scroll=False, bg="panel", pad=10, pad_x=24)
            fh = fv.natural_height(ctx, W)
            fh = min(fh, max(ctx.px(60), (H - y) // 2))
            fv.layout(ctx, pygame.Rect(0, H - fh, W, fh))
            views.append(fv)
        bv = ScrollView(body, name="body", pad=pad * 0.75)
        gutter = bv.gutter(ctx)
        bw = max(ctx.px(100), min(W - 2 * ctx.px(pad) - gutter, ctx.px(body_w)))
        bx = max(0, (W - bw) // 2)
        bv.layout(ctx, pygame.Rect(bx, y, min(bw + gutter, W - bx), H - y - fh))
        views.insert(1 if header else 0, bv)
        self.views = views

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, ctx: Ctx, surf: pygame.Surface) -> None:
        self.paint(ctx, surf)
        for v in self.views:
            v.draw(ctx, surf, self.st, self.view_key(v))
        self.paint_over(ctx, surf)

    def view_key(self, view: ScrollView) -> object:
        """Anything besides scroll, focus and hover that changes what a view shows (its cache key)."""
        return None

    # -- focus -------------------------------------------------------------------------------------
    def all_widgets(self) -> list[Widget]:
        return [w for v in self.views for w in v.widgets()]

    def focusables(self) -> list[Widget]:
        return [w for w in self.all_widgets() if w.interactive and not isinstance(w, ScrollButton)]

    def view_of(self, w: Widget | None) -> ScrollView | None:
        if w is None:
            return None
        for v in self.views:
            if w in v.root.widgets():
                return v
        return None

    def set_focus(self, w: Widget | None, *, reveal: bool = True) -> None:
        self.st.focused = w
        if reveal and w is not None:
            v = self.view_of(w)
            if v is not None:
                v.ensure_visible(w)

    def move_focus(self, step: int) -> None:
        fs = self.focusables()
        cur = self.st.focused
        home = self.view_of(cur) or self.view(self.main_view)
        main = self.view(self.main_view)
        if self._text_page(fs):
            home = main  # a page of text with its controls in the header: arrows and Tab read it first
        if not fs:
            if home is not None:
                home.page(step)
            return
        if cur not in fs:
            i = 0 if step > 0 else len(fs) - 1
        else:
            i = fs.index(cur) + step
        wrapped = not 0 <= i < len(fs)
        cand = fs[i % len(fs)]
        # read before jumping: scroll through the text between here and the next control first
        if home is not None and home.overflows and self.st.show_focus:
            same = self.view_of(cand) is home and not wrapped
            if step > 0 and home.offset < home.max_offset:
                goal = cand.crect.bottom + 8 if same else home.content_h
                need = goal - (home.offset + home.rect.h)
                if need > 0:
                    home.scroll_by(min(int(home.rect.h * 0.8), need))
                    if not (same and home.fully_visible(cand)):
                        return
            elif step < 0 and home.offset > 0:
                goal = cand.crect.top - 8 if same else 0
                need = home.offset - goal
                if need > 0:
                    home.scroll_by(-min(int(home.rect.h * 0.8), need))
                    if not (same and home.fully_visible(cand)):
                        return
        self.set_focus(cand)

    def _text_page(self, fs: list[Widget]) -> bool:
        """The main view scrolls and holds none of the controls (History, Journal, ID card)."""
        main = self.view(self.main_view)
        return main is not None and main.overflows and not any(self.view_of(w) is main for w in fs)

    # -- input -------------------------------------------------------------------------------------
    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        for w in reversed(self.all_widgets()):
            if w.enabled and w.hit(pos):
                return w
        return None

    def view_at(self, pos: tuple[int, int]) -> ScrollView | None:
        for v in reversed(self.views):
            if v.contains(pos):
                return v
        return None

    def pointer_down(self, pos: tuple[int, int], kind: str) -> None:
        self.st.show_focus = False
        w = self.widget_at(pos)
        self.st.pressed = w
        v = self.view_at(pos)
        self._drag = (pos, v, v.offset if v else 0)
        self._dragging = False

    def pointer_move(self, pos: tuple[int, int], kind: str, ctx: Ctx) -> bool:
        changed = False
        if kind == "mouse":
            h = self.widget_at(pos)
            if h is not self.st.hovered:
                self.st.hovered = h
                changed = True
        if self._drag is not None:
            start, v, off = self._drag
            dy = pos[1] - start[1]
            if v is not None and v.overflows and (self._dragging or abs(dy) > ctx.px(DRAG_START)):
                if not isinstance(self.st.pressed, ScrollButton):
                    self._dragging = True
                    self.st.pressed = None
                    v.offset = off - dy
                    v.clamp()
                    v.reposition()
                    changed = True
        return changed

    def pointer_up(self, pos: tuple[int, int], kind: str) -> None:
        w = self.st.pressed
        self.st.pressed = None
        dragging = self._dragging
        self._drag = None
        self._dragging = False
        if kind == "touch":
            self.st.hovered = None
        if w is not None and not dragging and w.hit(pos) and w.enabled:
            if w.focusable and not isinstance(w, ScrollButton):
                self.st.focused = w
            w.activate()

    def wheel(self, dy: int, pos: tuple[int, int] | None, ctx: Ctx) -> None:
        v = (self.view_at(pos) if pos else None) or self.view(self.main_view)
        if v is not None and not v.overflows:
            v = self.view(self.main_view)
        if v is not None:
            v.scroll_by(-dy * ctx.fonts["body"].line_height * 2)

    def key_action(self, action: str) -> None:
        if action in ("next", "prev"):
            if not self.st.show_focus and self.st.focused is not None and not self._text_page(self.focusables()):
                self.st.show_focus = True
                self.set_focus(self.st.focused)
                return
            self.st.show_focus = True
            self.move_focus(1 if action == "next" else -1)
            return
        if action == "activate":
            w = self.st.focused
            if w is None or not w.interactive:
                w = self.initial_focus()
                self.st.focused = w
            if w is None:
                return
            v = self.view_of(w)
            if v is not None and v.overflows and not v.fully_visible(w):
                self.st.show_focus = True
                v.ensure_visible(w)
                return
            self.st.show_focus = True
            w.activate()
            return
        if action == "back":
            self.on_back()
            return
        if action in ("scroll_up", "scroll_down", "first", "last"):
            v = self.view_of(self.st.focused) or self.view(self.main_view)
            if v is None or not v.overflows:
                v = self.view(self.main_view)
            if v is not None:
                if action == "first":
                    v.scroll_by(-v.offset)
                elif action == "last":
                    v.scroll_to_end()
                else:
                    v.page(-1 if action == "scroll_up" else 1)
            return
        if action.startswith("pick_"):
            self.st.show_focus = True
            self.on_pick(int(action[5:]))
            return
        self.on_action(action)


def uncovered(area: pygame.Rect, covers: list[pygame.Rect]) -> list[pygame.Rect]:
    """The parts of ``area`` outside all of ``covers``, as rectangles (each fill is then done once)."""
    parts = [pygame.Rect(area)]
    for cut in covers:
        out = []
        for r in parts:
            if not r.colliderect(cut):
                out.append(r)
                continue
            top, bottom = max(r.top, cut.top), min(r.bottom, cut.bottom)
            if cut.top > r.top:
                out.append(pygame.Rect(r.x, r.y, r.w, cut.top - r.top))
            if cut.bottom < r.bottom:
                out.append(pygame.Rect(r.x, cut.bottom, r.w, r.bottom - cut.bottom))
            if cut.left > r.left:
                out.append(pygame.Rect(r.x, top, cut.left - r.x, bottom - top))
            if cut.right < r.right:
                out.append(pygame.Rect(cut.right, top, r.right - cut.right, bottom - top))
        parts = out
    return [r for r in parts if r.w > 0 and r.h > 0]
