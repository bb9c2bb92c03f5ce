"""Dialogs over the current screen: the pause menu, confirmations, and other short panels."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ...i18n import _
from ..context import Ctx
from ..flow import Column, Gap, Item, Row, Text, W
from ..screen import Screen
from ..scroll import ScrollView
from ..widgets import Button


class Dialog(Screen):
    """A centred panel; the screen below stays visible, dimmed."""

    opaque = False
    dim_under = 150
    name = "dialog"
    width = 620  # logical px

    def items(self, ctx: Ctx) -> list[Item]:
        raise NotImplementedError

    def compose(self, ctx: Ctx) -> None:
        W_, H = ctx.size
        w = min(W_ - ctx.px(40), ctx.tpx(self.width))
        v = ScrollView(self.items(ctx), name="body", pad=24, bg="dialog", reserve=False)
        h = min(v.natural_height(ctx, w), H - ctx.px(40))
        rect = pygame.Rect((W_ - w) // 2, (H - h) // 2, w, h)
        v.layout(ctx, rect)
        self.panel = rect
        self.views = [v]

    def paint(self, ctx: Ctx, surf: pygame.Surface) -> None:
        pass  # the app draws the screens below once, dimmed (dim_under)

    def paint_over(self, ctx: Ctx, surf: pygame.Surface) -> None:
        pygame.draw.rect(surf, ctx.theme["button_edge"], self.panel.inflate(ctx.px(4), ctx.px(4)), max(2, ctx.px(2)),
                         border_radius=ctx.px(6))

    def on_back(self) -> None:
        self.app.pop()


class ConfirmScreen(Dialog):
    name = "confirm"

    def __init__(self, app, title: str, text: str, yes: str, on_yes: Callable[[], None], no: str | None = None) -> None:
        super().__init__(app)
        self.title, self.text, self.yes, self.on_yes, self.no = title, text, yes, on_yes, no

    def items(self, ctx: Ctx) -> list[Item]:
        return [Text(self.title, "heading", "dialog_ink"), Gap(8), Text(self.text, "body", "dialog_ink"), Gap(18),
                Row([W(Button("no", self.no or _("Cancel"), self.on_back, fill=False, auto=True)),
                     W(Button("yes", self.yes, self._yes, kind="primary", fill=False))], gap=14)]

    def initial_focus(self):
        return next((w for w in self.focusables() if w.key == "no"), None)

    def _yes(self) -> None:
        self.app.pop()
        self.on_yes()


class PauseScreen(Dialog):
    name = "pause"

    def items(self, ctx: Ctx) -> list[Item]:
        game = self.app.game
        can_undo = game.can_undo
        saves = self.app.kiosk is None and self.app.opts.classroom is False
        bs: list[Item] = [
            W(Button("resume", _("Resume"), self.on_back, kind="primary")),
            W(Button("undo", _("Undo the last choice"), self.undo, enabled=can_undo,
                     reason=_("there is no choice to take back yet") if game.session and not game.session.ended
                     else _("the life has ended"))),
            W(Button("journal", _("Journal"), self.journal, icon="book")),
            W(Button("history", _("History: everything so far"), self.history, icon="list")),
            W(Button("card", _("ID card and map"), self.card, icon="card")),
        ]
        if saves:
            bs.append(W(Button("save", _("Save or load"), self.saves)))
        leave = _("Leave: back to the start") if self.app.opts.classroom else _("Leave to the title screen")
        bs += [W(Button("settings", _("Settings"), self.settings)),
               W(Button("title", leave, self.leave, icon="back"))]
        return [Text(_("Paused"), "heading", "dialog_ink"), Gap(10), Column(bs, gap=10)]

    def undo(self) -> None:
        self.app.pop()
        play = self.app.top
        if play is not None and hasattr(play, "undo"):
            play.undo()

    def journal(self) -> None:
        from .journal import JournalScreen

        self.app.replace(JournalScreen(self.app))

    def history(self) -> None:
        from .journal import HistoryScreen

        self.app.replace(HistoryScreen(self.app))

    def card(self) -> None:
        from .card import CardScreen

        self.app.replace(CardScreen(self.app))

    def saves(self) -> None:
        from .saves import SavesScreen

        self.app.replace(SavesScreen(self.app, can_save=True))

    def settings(self) -> None:
        from .settings import SettingsScreen

        self.app.replace(SettingsScreen(self.app))

    def leave(self) -> None:
        kiosk = self.app.kiosk is not None
        text = (_("Your visit ends and the game starts again for the next person.") if kiosk else
                _("What you did so far stays in your group's record, and you go back to the start.")
                if self.app.opts.classroom else
                _("Your place is saved: Continue on the title screen brings you back here."))
        self.app.push(ConfirmScreen(self.app, _("Leave this life?"), text, _("Leave"), self._leave, _("Stay")))

    def _leave(self) -> None:
        if self.app.kiosk is not None:
            self.app.kiosk.reset("left")
            self.app.kiosk_reset()
            return
        self.app.pop_to("title")
        self.app.game.end_run()
