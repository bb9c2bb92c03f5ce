"""Choose a life: a card for each (portrait; who, where, when; content note; minutes; short path)."""

from __future__ import annotations

import pygame

from ...i18n import _, ngettext
from .. import artbridge, pictures
from ..context import Ctx
from ..flow import Column, Columns, Custom, Gap, Row, Text, W
from ..screen import Screen
from ..widgets import Button
from .common import back_button, header


class LivesScreen(Screen):
    name = "lives"

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        kiosk = self.app.kiosk is not None
        cards = []
        # a kiosk offers only the lives in its kiosk.json (a museum may leave one out, e.g. for its content note)
        for life in (self.app.kiosk.lives() if kiosk else game.lives()):
            buttons = []
            name = game.tr(life.title)
            if kiosk:
                mins = life.short.minutes if life.short else life.minutes
                label = ngettext("Start: about {n} minute", "Start: about {n} minutes", mins).format(n=mins)
                # read aloud with the life's name: the same words stand under every life
                spoken = ngettext("{life}: start, about {n} minute", "{life}: start, about {n} minutes",
                                  mins).format(life=name, n=mins)
                buttons.append(W(Button(f"life:{life.id}", label,
                                        lambda lid=life.id: self.start(lid, "short"), kind="primary", auto=True,
                                        fill=False, spoken=spoken)))
            else:
                buttons.append(W(Button(f"life:{life.id}", _("Live this life ({n} min)").format(n=life.minutes),
                                        lambda lid=life.id: self.start(lid, "main"), kind="primary", auto=True,
                                        fill=False, spoken=_("{life}: live this life ({n} min)").format(
                                            life=name, n=life.minutes))))
                if life.short is not None:
                    short = _("Short version ({n} min)").format(n=life.short.minutes)
                    buttons.append(W(Button(f"short:{life.id}", short,
                                            lambda lid=life.id: self.start(lid, "short"), fill=False,
                                            spoken=_("{life}: short version ({n} min)").format(
                                                life=name, n=life.short.minutes))))
            text = Column([
                Text(game.tr(life.title), "heading", "ink"),
                Text(game.tr(life.player), "body_bold", "ink"),
                Text(_("{place} · {period}").format(place=game.place_name(life.place), period=game.tr(life.period)),
                     "small", "muted"),
                Gap(6),
                Text(game.tr(life.summary), "body", "ink", max_w=700),
                Gap(6),
                Text(_("Content note: {note}").format(note=game.tr(life.content_note)), "small", "muted", max_w=700),
                Gap(12),
                Row(buttons, gap=12),
            ])
            portrait = Custom(lambda c, w: pictures.portrait_size(c, w)[1],
                              lambda c, s, r, lid=life.id: self.portrait(c, s, r, lid))
            cards.append(Column([Columns([(portrait, 150), (text, 1.0)], gap=22, stack_below=420)], pad=18,
                                fill="surface", edge="rule", radius=8))
        intro = Text(_("Each life is built on the record: a real person's documented case, or an invented resident "
                       "of a documented scheme, as its card says. At the end, a debrief sets out what is known, what "
                       "is not, and what the game invented."), "body", "muted", max_w=820)
        self.stack_views(ctx, header(_("Choose a life"), back_button(self.on_back)), [intro, Gap(8), *cards_gap(cards)],
                         body_w=1100)

    def portrait(self, ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect, life_id: str) -> None:
        """The life's portrait from the story (``portrait: ID``), bounded in size; else the drawn avatar."""
        game = self.app.game
        life = game.story.lives.get(life_id)
        pic = game.story.world.illustrations.get(life.portrait) if life is not None and life.portrait else None
        if pic is not None:
            pictures.draw_portrait(ctx, surf, rect, pic, game.tr(pic.alt))
            return
        w, h = pictures.portrait_size(ctx, rect.w)
        artbridge.draw_portrait(surf, life_id, pygame.Rect(rect.x, rect.y, w, min(h, rect.h)), ctx.theme)

    def start(self, life_id: str, start: str) -> None:
        self.app.start_life(life_id, start)

    def on_back(self) -> None:
        self.app.pop()


def cards_gap(cards: list) -> list:
    out = []
    for c in cards:
        out += [c, Gap(14)]
    return out
