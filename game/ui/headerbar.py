"""The dark header bar every screen shares, and how it keeps to its share of the window.

At 200% text a full header (title, a line under it, labelled buttons) takes over a fifth of a 720-pixel
window and leaves the page little room, so ``header_view`` tries the bar in ever more compact forms until
one fits within ``HEADER_SHARE`` of the window's height: the full bar; then the line under the title moved
to the top of the page (the screen puts it there, see ``moved_line``); then icon buttons (their labels are
still read aloud and still found by name); then a smaller title with less padding.
"""

from __future__ import annotations

import pygame

from .context import Ctx
from .flow import Column, Item, Row, Text, W
from .scroll import ScrollView
from .widgets import Button

HEADER_SHARE = 0.18  # the most of the window's height the header may take, so the page keeps the room
FORMS = 4  # full; line moved out; icon buttons; smaller title


def header(title: str, *buttons: Button, sub: str = "", role: str = "heading") -> list[Item]:
    """A dark bar: title (and a line under it) on the left, quiet buttons after it."""
    for b in buttons:
        b.kind = "quiet"
        b.dark = True
        b.fill = False
    return [HeaderRow(title, list(buttons), sub=sub, role=role)]


class HeaderRow(Item):
    """The title on the left and the buttons on the right; the buttons go under the title when the
    line is too narrow for both. ``use(form)`` picks how compact it is drawn (0 = full)."""

    def __init__(self, title: str, buttons: list[Button], *, sub: str = "", role: str = "heading",
                 min_title: float = 300) -> None:
        self.text, self.sub, self.role, self.min_title = title, sub, role, min_title
        self.buttons_list = buttons
        self.form = 0
        self._build()

    # -- forms ------------------------------------------------------------------------------------
    def use(self, form: int) -> bool:
        """Draw in ``form``; False when that form would look the same as the one before it (skip it)."""
        form = max(0, min(FORMS - 1, form))
        same = (form == 1 and not self.sub) or (form == 2 and not any(b.icon for b in self.buttons_list))
        self.form = form
        self._build()
        return not same

    @property
    def moved_line(self) -> str:
        """The line under the title when this form leaves it out (the screen shows it on the page)."""
        return self.sub if self.form >= 1 else ""

    def _build(self) -> None:
        for b in self.buttons_list:
            b.icon_only = self.form >= 2 and bool(b.icon)
        role = "button" if self.form >= 3 else self.role
        line = Text(self.sub, "small", "header_muted") if self.sub and self.form < 1 else None
        self.title = Column([Text(self.text, role, "header_ink"), line])
        self.buttons = Row([W(b) for b in self.buttons_list], gap=12, align="right")

    # -- layout -----------------------------------------------------------------------------------
    def measure(self, ctx, width: int) -> int:
        g = ctx.tpx(16)
        self.buttons.measure(ctx, width)
        bw = 0
        for it in self.buttons.items:
            bw += getattr(it, "ww", it.w) + ctx.tpx(self.buttons.gap)
        bw = max(0, bw - ctx.tpx(self.buttons.gap))
        self.w = width
        if not self.buttons.items:
            self._split = False
            self._ty = self._by = self._bw = 0
            self.h = self.title.measure(ctx, width)
            return self.h
        self._split = width - bw - g < ctx.tpx(self.min_title)
        if self._split:
            th = self.title.measure(ctx, width)
            bh = self.buttons.measure(ctx, width)
            self._bw = width
            self._ty, self._by = 0, th + ctx.tpx(8)
            self.h = th + ctx.tpx(8) + bh
        else:
            th = self.title.measure(ctx, width - bw - g)
            bh = self.buttons.measure(ctx, bw)
            self._bw = bw
            self.h = max(th, bh)
            self._ty, self._by = (self.h - th) // 2, (self.h - bh) // 2
        return self.h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y
        self.title.place(x, y + self._ty)
        self.buttons.place(x + self.w - self._bw, y + self._by)

    def draw(self, ctx, surf, ox, oy, st) -> None:
        self.title.draw(ctx, surf, ox, oy, st)
        self.buttons.draw(ctx, surf, ox, oy, st)

    def widgets(self):
        return self.title.widgets() + self.buttons.widgets()


def header_view(ctx: Ctx, items: list[Item], width: int, height: int, *, pad: float = 12,
                share: float = HEADER_SHARE) -> tuple[ScrollView, str]:
    """The header laid out at the top of a ``width`` x ``height`` window in the first form that keeps
    it within ``share`` of the height (the last form when none does), and the line it moved out."""
    row = next((it for it in items if isinstance(it, HeaderRow)), None)
    hv = hh = None
    for form in range(FORMS if row is not None else 1):
        if row is not None and not row.use(form):
            continue
        hv = ScrollView(items, name="header", scroll=False, bg="header", pad=pad if form < 2 else pad / 2, pad_x=24)
        hh = hv.natural_height(ctx, width)
        if hh <= height * share:
            break
    assert hv is not None and hh is not None
    hv.layout(ctx, pygame.Rect(0, 0, width, hh))
    return hv, row.moved_line if row is not None else ""
