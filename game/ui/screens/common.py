"""Pieces several screens share: the header bar, section headings, a back button, a labelled list."""

from __future__ import annotations

from collections.abc import Callable

from ...i18n import _
from ..flow import Column, Gap, Item, Row, Text, W
from ..widgets import Button


def header(title: str, *buttons: Button, sub: str = "", role: str = "heading") -> list[Item]:
    """A dark bar: title (and a line under it) on the left, quiet buttons after it."""
    for b in buttons:
        b.kind = "quiet"
        b.dark = True
        b.fill = False
    head = Column([Text(title, role, "header_ink"), Text(sub, "small", "header_muted") if sub else None])
    return [HeaderRow(head, Row([W(b) for b in buttons], gap=12, align="right"))]


class HeaderRow(Item):
    """The title on the left and the buttons on the right; the buttons go under the title when the
    line is too narrow for both."""

    def __init__(self, title: Item, buttons: Row, min_title: float = 300) -> None:
        self.title, self.buttons, self.min_title = title, buttons, min_title

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


class _Grow(Item):
    """An item that takes its natural width, up to the whole row (so a long title wraps)."""

    def __init__(self, item: Item, min_w: float = 260) -> None:
        self.item = item
        self.min_w = min_w

    def measure(self, ctx, width: int) -> int:
        from ..drawing import block

        natural = 0
        for it in getattr(self.item, "items", [self.item]):
            if isinstance(it, Text):
                natural = max(natural, block(ctx, it.text, it.role, width).width)
        self.ww = min(width, max(natural + 2, min(width, ctx.tpx(self.min_w))))
        self.h = self.item.measure(ctx, self.ww)
        self.w = self.ww
        return self.h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y
        self.item.place(x, y)

    def draw(self, ctx, surf, ox, oy, st) -> None:
        self.item.draw(ctx, surf, ox, oy, st)

    def widgets(self):
        return self.item.widgets()


def back_button(on_back: Callable[[], None], label: str | None = None) -> Button:
    return Button("back", label or _("Back"), on_back, kind="quiet", icon="back", fill=False)


def heading(text: str, role: str = "heading", color: str = "ink") -> list[Item]:
    return [Gap(14), Text(text, role, color), Gap(6)]


def para(text: str, role: str = "body", color: str = "ink", max_w: float = 860) -> Text:
    return Text(text, role, color, max_w=max_w)


def grow(item: Item, min_w: float = 260) -> Item:
    return _Grow(item, min_w)
