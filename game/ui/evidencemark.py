"""How sure a scene is, as the play screen shows it under the text: a tag (Documented, Reported,
Dramatized) with a shape that says it without colour (a full disc, a half disc, a dashed ring), what the
level means, and the sources named as the game names them everywhere."""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from ..engine import wording as wd
from ..i18n import _
from .context import Ctx
from .drawing import tag, tag_size
from .flow import Column, Custom, Item, Row, Text, W
from .widgets import Button

_INKS = {"documented": ("doc", "doc_ink"), "reported": ("rep", "rep_ink"), "dramatized": ("dram", "dram_ink")}


def evidence(level: str) -> tuple[str, str, str, str]:
    """(word, fill, ink, meaning) for an evidence level, in the language in use now (the words from
    engine.wording, which speech says too)."""
    level = level if level in _INKS else "dramatized"
    word, meaning = wd.evidence_words(level)
    return (word, *_INKS[level], meaning)


def evidence_row(level: str, cites: str, see_sources: Callable[[], None] | None) -> Item:
    """The mark and its meaning with the sources (``cites``), and "See the sources" when there are any
    (``see_sources`` opens them; None: no button)."""
    word, fill, ink, meaning = evidence(level)

    def paint(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = ctx.theme
        s = tag_size(ctx, word)[1]
        c = (r.x + s // 2, r.y + s // 2)
        rad = s // 2 - ctx.px(2)
        col = t[fill]
        if level == "documented":
            pygame.draw.circle(surf, col, c, rad)
        elif level == "reported":
            pygame.draw.circle(surf, col, c, rad, max(2, ctx.px(2)))
            pygame.draw.circle(surf, col, c, rad, 0, draw_bottom_left=True, draw_bottom_right=True)
        else:
            for i in range(0, 360, 45):
                a = math.radians(i)
                pygame.draw.circle(surf, col, (c[0] + rad * math.cos(a), c[1] + rad * math.sin(a)), max(1, ctx.px(2)))
        tag(ctx, surf, r.x + s + ctx.px(8), r.y, word, t[fill], t[ink])

    parts: list[Item] = [Custom(lambda c, w: tag_size(c, word)[1], paint),
                         Text(_("{meaning} Sources: {sources}.").format(meaning=meaning, sources=cites)
                              if cites else meaning, "small", "muted")]
    row: list[Item] = [Column(parts, gap=4)]
    if see_sources is not None:
        row.append(W(Button("sources", _("See the sources"), see_sources, icon="book", fill=False,
                            role="small_bold")))
    return Row(row, gap=16)
