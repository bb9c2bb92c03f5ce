"""Pieces several screens share: the header bar, section headings, a back button, a labelled list."""

from __future__ import annotations

from collections.abc import Callable

from ...i18n import _
from ..flow import Gap, Item, Text
from ..headerbar import HeaderRow, header  # noqa: F401  (the screens take the header from here)
from ..widgets import Button


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
