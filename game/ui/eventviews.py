"""Events a choice caused, as rows: an icon, a tag (REFUSED, LISTED, POINTS -5...) and a plain line.

Every word, the tone and the icon come from the engine's ``events.show()``, so the window and the
text player say the same; this module only draws them. Meaning never rests on colour: each row has
its word and its icon.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pygame

from ..engine.effects.base import BAD, GOOD  # the engine says which tone; this module picks colours
from ..engine.events import Event, Shown, show
from ..engine.model import Text as StoryText
from . import artbridge
from .context import Ctx
from .drawing import tag, tag_size
from .flow import Column, Columns, Custom, Item, Text

ICON = 28  # logical px of an event's icon at 100% text


def translator(describe: Callable[[Event], str]) -> Callable[[Any], str]:
    """The translation the ``describe`` callable uses (a bound ``GameCtl.describe``), else the English."""
    tr = getattr(getattr(describe, "__self__", None), "tr", None)
    if callable(tr):
        return tr
    return lambda t: "" if t is None else t.en if isinstance(t, StoryText) else str(t)


class EventRow(Item):
    """One event: a tinted row with a stripe, an icon, the word as a tag, and the line."""

    def __init__(self, shown: Shown, e: Event) -> None:
        self.e = e
        self.word = shown.label
        self.tone = shown.tone
        self.icon = shown.icon
        self.text = Text(shown.body, "body", "event_ink")
        # the drawings get the row's data, not the row: no reference cycle, so a row that is replaced is freed
        # at once rather than by the cyclic garbage collector
        word, tone_, icon = self.word, self.tone, self.icon
        self.inner = Columns([(Custom(lambda c, w: c.tpx(ICON + 2), partial(_icon, tone_, icon)), ICON + 2), (Column([
            Custom(lambda c, w: tag_size(c, word)[1] + c.tpx(4), partial(_tag, tone_, word)), self.text]), 1.0)],
            gap=12)

    def measure(self, ctx: Ctx, width: int) -> int:
        # the icon's column as wide as the icon at this text size, so it never touches the words at 200%
        self.inner.cols[0] = (self.inner.cols[0][0], ctx.logical(ctx.tpx(ICON)) + 2)
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
    s = ctx.tpx(ICON)
    color = ctx.theme[{BAD: "bad", GOOD: "good"}.get(tone_, "event_ink")]
    artbridge.draw_icon(surf, icon, pygame.Rect(rect.x, rect.y + ctx.tpx(2), s, s), color)


def _tag(tone_: str, word: str, ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect) -> None:
    t = ctx.theme
    fill = {BAD: "bad", GOOD: "good"}.get(tone_, "ink")
    ink = t["bad_bg"] if tone_ in (BAD, GOOD) else t["note_bg"]
    tag(ctx, surf, rect.x, rect.y, word, t[fill], ink)


def event_rows(describe: Callable[[Event], str], events: list[Event]) -> list[Item]:
    """Rows for ``events``, worded in the language ``describe`` (the game's own) uses."""
    tr = translator(describe)
    return [EventRow(show(e, tr), e) for e in events]
