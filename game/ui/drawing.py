"""Drawing helpers: wrapped text blocks (cached), boxes, focus rings, tags and badges."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import pygame

from .context import Ctx
from .fonts import FontSet
from .textlayout import wrap


@dataclass
class Block:
    """Wrapped text ready to draw."""

    lines: list[str]
    fs: FontSet
    width: int  # widest line in px
    height: int

    @property
    def chars(self) -> int:
        return sum(len(line) for line in self.lines)


_blocks: OrderedDict[tuple, Block] = OrderedDict()
BLOCK_CACHE_BYTES = 4 * 1024 * 1024  # wrapped texts kept, by their approximate size in memory
_block_bytes = 0


def _cost(text: str, lines: list[str]) -> int:
    return 2 * len(text) + 64 * len(lines) + 300  # the key's text, the lines (about as long), the objects


def clear_blocks() -> None:
    global _block_bytes
    _blocks.clear()
    _block_bytes = 0


def block(ctx: Ctx, text: str, role: str, width: int) -> Block:
    global _block_bytes
    fs = ctx.fonts[role]
    key = (fs.role, fs.size, fs.latin_path, text, int(width))
    b = _blocks.get(key)
    if b is not None:
        _blocks.move_to_end(key)
        return b
    lines = wrap(text, width, fs.width)
    w = max((fs.width(line) for line in lines), default=0)
    b = Block(lines, fs, w, len(lines) * fs.line_height)
    _blocks[key] = b
    _block_bytes += _cost(text, lines)
    while _block_bytes > BLOCK_CACHE_BYTES and len(_blocks) > 1:
        (_, _, _, old_text, _), old = _blocks.popitem(last=False)
        _block_bytes -= _cost(old_text, old.lines)
    return b


def draw_block(surf: pygame.Surface, b: Block, x: int, y: int, color, *, width: int | None = None,
               align: str = "left", reveal: int | None = None) -> int:
    """Draw the lines; ``reveal`` limits how many characters show (the typewriter). Returns the height."""
    lh = b.fs.line_height
    pad = b.fs.ascent_pad()
    left = reveal
    for i, line in enumerate(b.lines):
        if left is not None:
            if left <= 0:
                break
            if len(line) > left:
                line = line[:left]
            left -= len(b.lines[i])
        if not line:
            continue
        img = b.fs.render(line, color) if reveal is None else b.fs.render(line, color)
        lx = x
        if align != "left" and width:
            lw = b.fs.width(b.lines[i])
            lx = x + (width - lw) // 2 if align == "center" else x + width - lw
        surf.blit(img, (lx, y + i * lh + pad))
    return b.height


def text_in_box(ctx: Ctx, surf: pygame.Surface, text: str, role: str, rect: pygame.Rect, color, *,
                align: str = "left", valign: str = "top", where: str = "text") -> Block:
    """Draw text inside a fixed box, and log an overflow when it does not fit."""
    b = block(ctx, text, role, rect.w)
    if b.width > rect.w + 1 or b.height > rect.h + 1:
        ctx.report_overflow(where, text, f"needs {b.width}x{b.height}, box {rect.w}x{rect.h}")
    y = rect.y
    if valign == "center":
        y = rect.y + (rect.h - b.height) // 2
    elif valign == "bottom":
        y = rect.bottom - b.height
    draw_block(surf, b, rect.x, y, color, width=rect.w, align=align)
    return b


def one_line(ctx: Ctx, text: str, role: str) -> tuple[int, int]:
    fs = ctx.fonts[role]
    return fs.width(text), fs.line_height


def fill(surf: pygame.Surface, color, rect: pygame.Rect) -> None:
    """``surf.fill(color, rect)``, as fast wherever the rectangle starts.

    SDL fills each row with streaming stores in 64-byte blocks starting at the first 16-byte-aligned
    pixel; when that is not also on a 64-byte boundary every block straddles two cache lines, and a wide
    fill runs four to twelve times slower (a 510x960 panel: 0.8 ms instead of 0.14 ms). A strip of up
    to 15 pixels first brings the rest of each row to the boundary. The pixels are the same."""
    r = pygame.Rect(rect).clip(surf.get_clip())
    if r.w <= 0 or r.h <= 0:
        return
    addr = getattr(surf, "_pixels_address", None)  # pygame-ce: where the surface's first pixel is in memory
    if addr is not None and r.w > 32 and surf.get_bytesize() == 4 and surf.get_pitch() % 64 == 0:
        lead = (-(addr + 4 * r.x) % 64) // 4
        if lead:
            surf.fill(color, (r.x, r.y, lead, r.h))
            r = pygame.Rect(r.x + lead, r.y, r.w - lead, r.h)
    surf.fill(color, r)


def box(surf: pygame.Surface, rect: pygame.Rect, fill=None, edge=None, *, radius: int = 0, width: int = 1) -> None:
    if fill is not None:
        pygame.draw.rect(surf, fill, rect, border_radius=radius)
    if edge is not None and width > 0:
        pygame.draw.rect(surf, edge, rect, width, border_radius=radius)


def focus_ring(ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect, *, dark: bool = False, radius: int = 0) -> None:
    """A thick ring just outside a control, visible on its background (WCAG 2.4.7, 3:1)."""
    t = max(3, ctx.px(3))
    gap = max(2, ctx.px(2))
    r = rect.inflate(2 * (gap + t), 2 * (gap + t))
    color = ctx.theme["focus_dark" if dark else "focus"]
    pygame.draw.rect(surf, color, r, t, border_radius=radius + gap + t if radius else 0)


def tag(ctx: Ctx, surf: pygame.Surface, x: int, y: int, text: str, fill, ink, *, role: str = "tag",
        outline: bool = False) -> pygame.Rect:
    """A small labelled pill; returns its rect."""
    fs = ctx.fonts[role]
    w = fs.width(text)
    pad = ctx.tpx(7)
    r = pygame.Rect(x, y, w + 2 * pad, fs.line_height + ctx.tpx(2))
    if outline:
        pygame.draw.rect(surf, fill, r, max(2, ctx.px(2)), border_radius=ctx.px(4))
    else:
        pygame.draw.rect(surf, fill, r, border_radius=ctx.px(4))
    img = fs.render(text, ink)
    surf.blit(img, (r.x + pad, r.y + (r.h - img.get_height()) // 2))
    return r


def tag_size(ctx: Ctx, text: str, role: str = "tag") -> tuple[int, int]:
    fs = ctx.fonts[role]
    return fs.width(text) + 2 * ctx.tpx(7), fs.line_height + ctx.tpx(2)


def dim(surf: pygame.Surface, color, alpha: int) -> None:
    """Darken towards ``color`` by ``alpha`` (0-255) in place, without allocating a veil."""
    k = 255 - alpha
    surf.fill((k, k, k), special_flags=pygame.BLEND_MULT)
    if any(color):
        surf.fill(tuple(c * alpha // 255 for c in color), special_flags=pygame.BLEND_ADD)


def dashed_rect(surf: pygame.Surface, color, rect: pygame.Rect, width: int = 2, dash: int = 8) -> None:
    x0, y0, x1, y1 = rect.left, rect.top, rect.right - 1, rect.bottom - 1
    for x in range(x0, x1, dash * 2):
        pygame.draw.line(surf, color, (x, y0), (min(x + dash, x1), y0), width)
        pygame.draw.line(surf, color, (x, y1), (min(x + dash, x1), y1), width)
    for y in range(y0, y1, dash * 2):
        pygame.draw.line(surf, color, (x0, y), (x0, min(y + dash, y1)), width)
        pygame.draw.line(surf, color, (x1, y), (x1, min(y + dash, y1)), width)


def toast(ctx: Ctx, surf: pygame.Surface, text: str) -> None:
    """A message box at the foot of the canvas."""
    W, H = surf.get_size()
    pad = ctx.tpx(14)
    b = block(ctx, text, "body", min(W - 4 * pad, ctx.tpx(760)))
    r = pygame.Rect(0, 0, b.width + 2 * pad, b.height + 2 * pad)
    r.midbottom = (W // 2, H - ctx.px(16))
    t = ctx.theme
    pygame.draw.rect(surf, t["header"], r, border_radius=ctx.px(8))
    pygame.draw.rect(surf, t["header_muted"], r, max(1, ctx.px(2)), border_radius=ctx.px(8))
    draw_block(surf, b, r.x + pad, r.y + pad, t["header_ink"])
