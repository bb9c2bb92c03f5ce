""""Choices below": a button floating at the foot of the play screen's page while the scene's first
choice is not wholly in view, under the fold (large text, a long scene), so nobody has to guess that there
is more to scroll to. Pressing it scrolls the choices into view; it is gone once the first choice shows.

It belongs to no view (it floats over the page), so the screen lists it with its widgets while it shows and
draws it after the views (``paint_over``). Keyboard users do not need it: Tab and the arrows read down to
the choices, and the number keys take them from anywhere.
"""

from __future__ import annotations

import pygame

from ..i18n import _
from .context import Ctx
from .scroll import ScrollView
from .widgets import Button, Widget

MARGIN = 12  # logical px between the cue and the foot of the page


class ChoicesBelow(Button):
    focusable = False  # see the module's docstring: not in the Tab order

    def __init__(self) -> None:
        super().__init__("choices_below", _("Choices below"), self.go, kind="primary", icon="down", fill=False)
        self.view: ScrollView | None = None
        self.first: Widget | None = None
        self.last: Widget | None = None
        self._veil_key: object = None
        self._veil_surf: pygame.Surface | None = None

    def attach(self, ctx: Ctx, view: ScrollView, choices: list[Widget], label: str = "") -> None:
        """Watch ``view`` and the choices in it (none: the cue never shows); place the cue at its foot. ``label``:
        what to call them when they are not choices (an ending's "Read the debrief")."""
        self.view = view
        self.label = label or _("Choices below")
        self.first, self.last = (choices[0], choices[-1]) if choices else (None, None)
        w, h = self.measure(ctx, view.rect.w)
        inner_w = view.rect.w - (view.gutter(ctx) if view.overflows else 0)
        self.rect = pygame.Rect(view.rect.x + (inner_w - w) // 2, view.rect.bottom - h - ctx.px(MARGIN), w, h)
        self.clip = view.rect

    @property
    def showing(self) -> bool:
        """While the page scrolls and its first choice is not wholly in view, below the fold."""
        v, first = self.view, self.first
        return v is not None and first is not None and v.overflows and first.rect.bottom > v.rect.bottom

    def go(self) -> None:
        """Scroll the choices into view: all of them when they fit, else the first at the top."""
        v, first, last = self.view, self.first, self.last
        if v is None or first is None or last is None:
            return
        margin = 8
        block = last.crect.bottom - first.crect.top + 2 * margin
        goal = first.crect.top - margin if block > v.rect.h else last.crect.bottom + margin - v.rect.h
        v.scroll_by(goal - v.offset)

    def paint(self, ctx: Ctx, surf: pygame.Surface) -> None:
        if self.showing:
            self._veil(ctx, surf)
            self.draw(ctx, surf, focused=False, hovered=False, pressed=False)

    def _veil(self, ctx: Ctx, surf: pygame.Surface) -> None:
        """The page fades into its background behind the cue, so a choice peeking under it reads as "more
        below", not as a label half covered by a button."""
        v = self.view
        if v is None:
            return
        inner_w = v.rect.w - (v.gutter(ctx) if v.overflows else 0)
        top = self.rect.top - ctx.px(MARGIN)
        h = v.rect.bottom - top
        if inner_w <= 0 or h <= 0:
            return
        color = pygame.Color(ctx.theme[v.bg_role or "bg"])
        key = (inner_w, h, tuple(color))
        if self._veil_key != key:
            veil = pygame.Surface((1, h), pygame.SRCALPHA)
            for y in range(h):
                veil.set_at((0, y), (color.r, color.g, color.b, min(235, 60 + 235 * y // max(1, h // 2))))
            self._veil_surf = pygame.transform.scale(veil, (inner_w, h))
            self._veil_key = key
        surf.blit(self._veil_surf, (v.rect.x, top))
