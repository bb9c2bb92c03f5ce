"""Layout items: a vertical flow of text, widgets, rows, columns and boxes.

Every item measures itself for a width (``measure``), is placed in content coordinates (``place``),
and draws at an offset (``draw``). Text always wraps to its width, so nothing is wider than its box;
heights grow with the text size and the view around them scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pygame

from .context import Ctx
from .drawing import Block, block, draw_block, fill
from .widgets import Widget


@dataclass
class UIState:
    focused: Widget | None = None
    hovered: Widget | None = None
    pressed: Widget | None = None
    show_focus: bool = False


class Item:
    x = y = w = h = 0

    def measure(self, ctx: Ctx, width: int) -> int:
        self.w = width
        return self.h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y

    def draw(self, ctx: Ctx, surf: pygame.Surface, ox: int, oy: int, st: UIState) -> None:
        pass

    def widgets(self) -> list[Widget]:
        return []

    def rect(self, ox: int = 0, oy: int = 0) -> pygame.Rect:
        return pygame.Rect(self.x + ox, self.y + oy, self.w, self.h)


class Gap(Item):
    def __init__(self, h: float = 12) -> None:
        self.lh = h

    def measure(self, ctx: Ctx, width: int) -> int:
        self.w, self.h = width, ctx.tpx(self.lh)
        return self.h


class Rule(Item):
    def __init__(self, color: str = "rule", pad: float = 8) -> None:
        self.color, self.pad = color, pad

    def measure(self, ctx: Ctx, width: int) -> int:
        self.w, self.h = width, 2 * ctx.tpx(self.pad) + max(1, ctx.px(1))
        return self.h

    def draw(self, ctx, surf, ox, oy, st) -> None:
        y = self.y + oy + self.h // 2
        pygame.draw.line(surf, ctx.theme[self.color], (self.x + ox, y), (self.x + ox + self.w, y), max(1, ctx.px(1)))


class Text(Item):
    """Wrapped text. ``max_w`` (logical px) keeps lines readable (45 to 75 characters)."""

    def __init__(self, text: str, role: str = "body", color: str = "ink", *, align: str = "left",
                 max_w: float | None = None, reveal: Callable[[], int | None] | None = None) -> None:
        self.text, self.role, self.color, self.align, self.max_w = text, role, color, align, max_w
        self.reveal = reveal
        self.block: Block | None = None

    def measure(self, ctx: Ctx, width: int) -> int:
        w = min(width, ctx.tpx(self.max_w)) if self.max_w else width
        self.block = block(ctx, self.text, self.role, w)
        self.w, self.h = width, self.block.height
        self.ww = self.block.width if self.align == "left" else width  # natural width, for rows
        return self.h

    def draw(self, ctx, surf, ox, oy, st) -> None:
        if self.block is None:
            return
        if self.block.width > self.w + 1:
            ctx.report_overflow("text", self.text, f"{self.block.width}px in {self.w}px")
        reveal = self.reveal() if self.reveal else None
        bw = min(self.w, self.block.width) if self.align == "left" else self.w
        draw_block(surf, self.block, self.x + ox, self.y + oy, ctx.theme[self.color], width=bw if self.align == "left"
                   else self.w, align=self.align, reveal=reveal)


CHILDREN = ("root", "inner", "item", "title", "buttons")  # where an item (or a view) keeps one child
CHILD_LISTS = ("items", "cols")  # where it keeps several, in reading order (cols: (item, width) pairs)


def descendants(item: object) -> Iterator[object]:
    """The item and every item inside it, in reading order (a view's ``root`` included): what speech reads
    and what tests look for. A widget (``W``) and a text are leaves."""
    yield item
    for name in CHILDREN:
        child = getattr(item, name, None)
        if isinstance(child, Item) or hasattr(child, "root"):
            yield from descendants(child)
    for name in CHILD_LISTS:
        for child in getattr(item, name, None) or []:
            yield from descendants(child[0] if isinstance(child, tuple) else child)


class W(Item):
    """A widget in the flow; ``fill`` takes the full width, else the widget's natural width."""

    def __init__(self, widget: Widget, *, align: str = "left", max_w: float | None = None) -> None:
        self.widget, self.align, self.max_w = widget, align, max_w

    def measure(self, ctx: Ctx, width: int) -> int:
        avail = min(width, ctx.tpx(self.max_w)) if self.max_w else width
        ww, self.h = self.widget.measure(ctx, avail)
        self.ww = ww
        self.w = width
        return self.h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y
        dx = 0
        if self.align == "center":
            dx = (self.w - self.ww) // 2
        elif self.align == "right":
            dx = self.w - self.ww
        self.widget.crect = pygame.Rect(x + dx, y, self.ww, self.h)

    def draw(self, ctx, surf, ox, oy, st) -> None:
        w = self.widget
        w.draw(ctx, surf, focused=(st.focused is w and st.show_focus), hovered=(st.hovered is w),
               pressed=(st.pressed is w))

    def widgets(self) -> list[Widget]:
        return [self.widget]


class Column(Item):
    """Items one under another, with optional padding and a background box."""

    def __init__(self, items: list[Item], *, pad: float = 0, gap: float = 0, fill: str | None = None,
                 edge: str | None = None, radius: float = 0, edge_w: float = 1,
                 before: Callable[[Ctx, pygame.Surface, pygame.Rect], None] | None = None,
                 after: Callable[[Ctx, pygame.Surface, pygame.Rect], None] | None = None,
                 pad_top: float | None = None, pad_bottom: float | None = None, pad_x: float | None = None) -> None:
        self.items = [i for i in items if i is not None]
        self.pad, self.gap, self.fill, self.edge, self.radius, self.edge_w = pad, gap, fill, edge, radius, edge_w
        self.before, self.after = before, after
        self.pad_top = pad if pad_top is None else pad_top
        self.pad_bottom = pad if pad_bottom is None else pad_bottom
        self.pad_x = pad if pad_x is None else pad_x

    def measure(self, ctx: Ctx, width: int) -> int:
        px = ctx.tpx(self.pad_x) if self.pad_x else 0
        inner = max(ctx.px(10), width - 2 * px)
        g = ctx.tpx(self.gap) if self.gap else 0
        h = ctx.tpx(self.pad_top) if self.pad_top else 0
        self._offs = []
        for i, it in enumerate(self.items):
            if i:
                h += g
            self._offs.append(h)
            h += it.measure(ctx, inner)
        h += ctx.tpx(self.pad_bottom) if self.pad_bottom else 0
        self._px = px
        self.w, self.h = width, h
        return h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y
        for it, off in zip(self.items, self._offs, strict=False):
            it.place(x + self._px, y + off)

    def draw(self, ctx, surf, ox, oy, st) -> None:
        r = self.rect(ox, oy)
        rad = ctx.px(self.radius) if self.radius else 0
        if self.fill:
            if rad:
                pygame.draw.rect(surf, ctx.theme[self.fill], r, border_radius=rad)
            else:
                fill(surf, ctx.theme[self.fill], r)
        if self.before:
            self.before(ctx, surf, r)
        clip = surf.get_clip()
        ring = max(2, ctx.px(2)) + max(3, ctx.px(3)) + ctx.px(1)  # a focus ring reaches this far outside
        for it in self.items:
            if clip.h and (it.y + oy > clip.bottom + ring or it.y + oy + it.h < clip.top - ring):
                continue
            it.draw(ctx, surf, ox, oy, st)
        if self.edge:
            pygame.draw.rect(surf, ctx.theme[self.edge], r, max(1, ctx.px(self.edge_w)), border_radius=rad)
        if self.after:
            self.after(ctx, surf, r)

    def widgets(self) -> list[Widget]:
        return [w for it in self.items for w in it.widgets()]


class Row(Item):
    """Items side by side at their natural widths, wrapping onto more lines when they do not fit."""

    def __init__(self, items: list[Item], *, gap: float = 12, align: str = "left", min_w: float = 0) -> None:
        self.items = [i for i in items if i is not None]
        self.gap, self.align, self.min_w = gap, align, min_w

    def measure(self, ctx: Ctx, width: int) -> int:
        g = ctx.tpx(self.gap)
        self._pos: list[tuple[int, int]] = []
        x = y = line_h = 0
        lines: list[list[int]] = [[]]
        for i, it in enumerate(self.items):
            it.measure(ctx, width)
            iw = getattr(it, "ww", it.w)
            if self.min_w:
                iw = max(iw, min(width, ctx.tpx(self.min_w)))
                if isinstance(it, W):
                    it.measure(ctx, iw)
                    it.ww = max(it.ww, iw) if not getattr(it.widget, "fill", True) else it.ww
            if x and x + iw > width:
                y += line_h + g
                x = line_h = 0
                lines.append([])
            self._pos.append((x, y))
            lines[-1].append(i)
            x += iw + g
            line_h = max(line_h, it.h)
        self._lines = lines
        self.w, self.h = width, y + line_h
        if self.align in ("center", "right"):
            for ln in lines:
                if not ln:
                    continue
                last = ln[-1]
                used = self._pos[last][0] + getattr(self.items[last], "ww", self.items[last].w)
                shift = (width - used) // (2 if self.align == "center" else 1)
                for i in ln:
                    self._pos[i] = (self._pos[i][0] + shift, self._pos[i][1])
        return self.h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y
        for it, (dx, dy) in zip(self.items, self._pos, strict=False):
            if isinstance(it, W):
                it.place(x + dx, y + dy)
                it.widget.crect.x = x + dx
            else:
                it.place(x + dx, y + dy)

    def draw(self, ctx, surf, ox, oy, st) -> None:
        for it in self.items:
            it.draw(ctx, surf, ox, oy, st)

    def widgets(self) -> list[Widget]:
        return [w for it in self.items for w in it.widgets()]


class Columns(Item):
    """Fixed columns: each spec is a logical width (int) or a share of what is left (float)."""

    def __init__(self, cols: list[tuple[Item, float]], *, gap: float = 16, stack_below: float = 0) -> None:
        self.cols = cols
        self.gap = gap
        self.stack_below = stack_below  # below this width (logical px) the columns stack

    def measure(self, ctx: Ctx, width: int) -> int:
        g = ctx.tpx(self.gap)
        self._stacked = bool(self.stack_below) and width < ctx.tpx(self.stack_below)
        self._pos = []
        if self._stacked:
            y = 0
            for it, _spec in self.cols:
                self._pos.append((0, y))
                y += it.measure(ctx, width) + g
            self.w, self.h = width, max(0, y - g)
            return self.h
        fixed = sum(ctx.px(s) for _, s in self.cols if isinstance(s, int))
        shares = sum(s for _, s in self.cols if isinstance(s, float)) or 1.0
        rest = max(0, width - fixed - g * (len(self.cols) - 1))
        x = h = 0
        for it, spec in self.cols:
            cw = ctx.px(spec) if isinstance(spec, int) else int(rest * spec / shares)
            h = max(h, it.measure(ctx, cw))
            self._pos.append((x, 0))
            x += cw + g
        self.w, self.h = width, h
        return h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y
        for (it, _), (dx, dy) in zip(self.cols, self._pos, strict=False):
            it.place(x + dx, y + dy)

    def draw(self, ctx, surf, ox, oy, st) -> None:
        for it, _ in self.cols:
            it.draw(ctx, surf, ox, oy, st)

    def widgets(self) -> list[Widget]:
        return [w for it, _ in self.cols for w in it.widgets()]


class Custom(Item):
    """A drawing of a given height: ``height(ctx, width)``, then ``paint(ctx, surf, rect)``."""

    def __init__(self, height: Callable[[Ctx, int], int], paint: Callable[[Ctx, pygame.Surface, pygame.Rect], None]):
        self.height_fn, self.paint = height, paint

    def measure(self, ctx: Ctx, width: int) -> int:
        self.w, self.h = width, self.height_fn(ctx, width)
        return self.h

    def draw(self, ctx, surf, ox, oy, st) -> None:
        self.paint(ctx, surf, self.rect(ox, oy))


class Fixed(Item):
    """A child given exactly this logical width (or less when the space is narrower)."""

    def __init__(self, item: Item, width: float, align: str = "left") -> None:
        self.item, self.fw, self.align = item, width, align

    def measure(self, ctx: Ctx, width: int) -> int:
        self.cw = min(width, ctx.tpx(self.fw))
        self.w = width
        self.h = self.item.measure(ctx, self.cw)
        self.ww = self.cw
        return self.h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y
        dx = (self.w - self.cw) // 2 if self.align == "center" else 0
        self.item.place(x + dx, y)

    def draw(self, ctx, surf, ox, oy, st) -> None:
        self.item.draw(ctx, surf, ox, oy, st)

    def widgets(self) -> list[Widget]:
        return self.item.widgets()
