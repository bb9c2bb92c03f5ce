"""Events a choice caused, as rows: an icon, a word (REFUSED, LISTED, POINTS -5...) and a plain line.

The line is the engine's own ``describe()`` text, so the window and the text player say the same.
Meaning never rests on colour: each row has its word and its icon.
"""

from __future__ import annotations

from functools import partial

import pygame

from ..engine.events import Event
from . import artbridge
from .context import Ctx
from .drawing import tag, tag_size
from .flow import Column, Columns, Custom, Item, Text

BAD, GOOD, NEUTRAL = "bad", "good", "note"


def tone(e: Event) -> str:
    k, d = e.kind, e.data
    if k in ("refused", "listed"):
        return BAD if d.get("kind", "blacklist") == "blacklist" or k == "refused" else GOOD
    if k in ("allowed", "delisted"):
        return GOOD if d.get("kind", "blacklist") == "blacklist" or k == "allowed" else BAD
    if k == "points":
        return GOOD if d.get("change", 0) > 0 else BAD if d.get("change", 0) < 0 else NEUTRAL
    if k == "grade":
        return GOOD if d.get("better") else BAD
    if k == "appeal" and d.get("result"):
        return GOOD if d["result"] == "granted" else BAD if d["result"] == "refused" else NEUTRAL
    return NEUTRAL


def icon_for(e: Event) -> str:
    k, d = e.kind, e.data
    if k in ("refused", "allowed"):
        return d.get("icon") or "card"
    return {"listed": "list", "delisted": "list", "points": "star", "grade": "star", "appeal": "gavel",
            "journal": "book", "time": "clock", "travel": "travel", "moved": "pin", "changed": "info"}.get(k, "info")


def split(line: str) -> tuple[str, str]:
    """"REFUSED: Buy a ticket." -> ("REFUSED", "Buy a ticket.")"""
    head, sep, rest = line.partition(": ")
    if sep and head.upper() == head and len(head) <= 24:
        return head, rest
    return "", line


def event_word(e: Event, line: str) -> str:
    word, _ = split(line)
    if e.kind == "points":
        ch = e.data.get("change", 0)
        return f"POINTS {'+' if ch >= 0 else '-'}{abs(ch)}"
    if e.kind == "grade":
        return f"GRADE {'UP' if e.data.get('better') else 'DOWN'}"
    return word or e.kind.upper()


class EventRow(Item):
    """One event: a tinted row with a stripe, an icon, the word as a tag, and the line."""

    def __init__(self, ctx_tr, e: Event) -> None:
        self.e = e
        line = ctx_tr(e)
        self.word = event_word(e, line)
        _, rest = split(line)
        if e.kind == "points":
            reason = tr_text(ctx_tr, e.data.get("reason"))
            rest = (f"{reason}. " if reason else "") + f"Now {e.data.get('points')} points."
        rest = rest[:1].upper() + rest[1:]
        self.tone = tone(e)
        self.icon = icon_for(e)
        self.text = Text(rest, "body", "event_ink")
        # the drawings get the row's data, not the row: no reference cycle, so a row that is replaced is freed
        # at once rather than by the cyclic garbage collector
        word, tone_, icon = self.word, self.tone, self.icon
        self.inner = Columns([(Custom(lambda c, w: c.tpx(30), partial(_icon, tone_, icon)), 30), (Column([
            Custom(lambda c, w: tag_size(c, word)[1] + c.tpx(4), partial(_tag, tone_, word)), self.text]), 1.0)],
            gap=12)

    def measure(self, ctx: Ctx, width: int) -> int:
        pad = ctx.tpx(10)
        self._pad = pad
        self.w = width
        self.h = self.inner.measure(ctx, width - 2 * pad - ctx.px(6)) + 2 * pad
        return self.h

    def place(self, x: int, y: int) -> None:
        self.x, self.y = x, y
        self.inner.place(x + self._pad + 6, y + self._pad)

    def draw(self, ctx, surf, ox, oy, st) -> None:
        t = ctx.theme
        r = self.rect(ox, oy)
        bg = {BAD: "bad_bg", GOOD: "good_bg"}.get(self.tone, "note_bg")
        stripe = {BAD: "bad", GOOD: "good"}.get(self.tone, "rule")
        pygame.draw.rect(surf, t[bg], r, border_radius=ctx.px(4))
        pygame.draw.rect(surf, t[stripe], (r.x, r.y, ctx.px(6), r.h), border_top_left_radius=ctx.px(4),
                         border_bottom_left_radius=ctx.px(4))
        if t.id == "contrast":
            pygame.draw.rect(surf, t[stripe], r, max(1, ctx.px(2)), border_radius=ctx.px(4))
        self.inner.draw(ctx, surf, ox, oy, st)


def _icon(tone_: str, icon: str, ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect) -> None:
    s = ctx.tpx(28)
    color = ctx.theme[{BAD: "bad", GOOD: "good"}.get(tone_, "event_ink")]
    artbridge.draw_icon(surf, icon, pygame.Rect(rect.x, rect.y + ctx.tpx(2), s, s), color)


def _tag(tone_: str, word: str, ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect) -> None:
    t = ctx.theme
    fill = {BAD: "bad", GOOD: "good"}.get(tone_, "ink")
    ink = t["bad_bg"] if tone_ in (BAD, GOOD) else t["note_bg"]
    tag(ctx, surf, rect.x, rect.y, word, t[fill], ink)


def tr_text(describe, t) -> str:
    """A Text through the same translation the describe callable uses."""
    if t is None:
        return ""
    tr = getattr(describe, "__self__", None)
    return tr.tr(t) if tr is not None and hasattr(tr, "tr") else str(t)


def event_rows(describe, events: list[Event]) -> list[Item]:
    return [EventRow(describe, e) for e in events]
