"""The title screen: Play, Continue, Settings, About and sources, Quit."""

from __future__ import annotations

import pygame

from ... import i18n
from ...i18n import N_, _, pgettext
from .. import artbridge, modesbridge, speechbridge
from ..context import Ctx
from ..flow import Column, Columns, Custom, Fixed, Gap, Text, W
from ..screen import Screen
from ..widgets import Button

TAGLINE = N_("Lives built on the record of China's blacklists and credit scores.")
ABOUT_LINE = N_("An educational game. Every factual line has a source; what is invented is marked. "
                "No accounts, no personal data, no network.")


class TitleScreen(Screen):
    name = "title"

    def compose(self, ctx: Ctx) -> None:
        from ..scroll import ScrollView

        app = self.app
        game = app.game
        title = game.tr(game.story.title) if game else _("On the List")
        buttons = [W(Button("play", _("Play"), self.play, kind="primary", auto=True, sub=_("Choose a life to live")))]
        info = modesbridge.continue_info(game.story) if game and app.kiosk is None else None
        if info is not None:
            if getattr(info, "ok", True):
                where = _(", ").join(x for x in (info.life_title, info.place_name, game.fmt_date(info.date)) if x)
                sub = _("{where} (ended)").format(where=where) if getattr(info, "ended", False) else where
            else:
                sub = _("The last save could not be read")
            label = pgettext("title screen: go on with the last game", "Continue")  # not the story's Continue
            buttons.append(W(Button("continue", label, self.cont, sub=sub)))
            self._resume = getattr(info, "ok", True) and not getattr(info, "ended", False)
        else:
            self._resume = False
        if app.kiosk is None:
            buttons.append(W(Button("saves", _("Saved games"), self.saves)))
        buttons += [W(speechbridge.speech_button(app)), W(Button("settings", _("Settings"), self.settings)),
                    W(Button("about", _("About and sources"), self.about))]
        if app.kiosk is None:
            buttons.append(W(Button("quit", _("Quit"), self.quit)))
        W_, H = ctx.size
        pad_x = 56
        # side by side (the language and the about line under the map, so the whole menu fits 720 px at
        # 100%), or one column when the window is too narrow for the text size (the languages then follow
        # the buttons, before the map)
        side = W_ - 2 * ctx.px(pad_x) >= ctx.tpx(1000)
        tail = [*self.language_row(), Text(_(ABOUT_LINE), "small", "muted", max_w=560)]
        left = Column([
            Gap(18),
            Text(title, "title", "ink"),
            Gap(6),
            Text(_(TAGLINE), "body", "muted", max_w=560),
            Gap(20),
            Fixed(Column(buttons, gap=10), 620),
            *([] if side else [Gap(20), *tail]),
        ])
        art = Custom(lambda c, w: min(c.px(520), int(w * 0.8)), self.paint_map)
        if side:
            body = [Columns([(left, 0.52), (Column([Gap(40), art, Gap(16), *tail]), 0.48)], gap=40)]
        else:
            body = [left, Gap(24), art]
        v = ScrollView(body, name="body", pad=28, pad_x=pad_x)
        v.layout(ctx, pygame.Rect(0, 0, W_, H))
        self.views = [v]

    def initial_focus(self):
        """Continue when it resumes a game in progress (the likeliest wish of someone coming back), else Play."""
        if getattr(self, "_resume", False):
            w = next((w for w in self.focusables() if w.key == "continue"), None)
            if w is not None:
                return w
        return super().initial_focus()

    def language_row(self) -> list:
        """The languages, each named in its own language, to switch at once (remembered in the settings)."""
        from ..flow import Row

        langs = list(i18n.languages().items())
        if len(langs) < 2:
            return []
        cur = i18n.current()
        row = Row([W(Button(f"lang:{code}", name, (lambda c=code: self.set_language(c)), kind="toggle",
                            selected=cur == code, fill=False)) for code, name in langs], gap=12)
        return [row, Gap(16)]

    def set_language(self, code: str) -> None:
        self.app.apply_settings(modesbridge.copy_settings(self.app.settings, language=code))

    def paint_map(self, ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect) -> None:
        artbridge.draw_map(surf, rect, self.map_places(), [], ctx.theme, "", ctx.fonts["small"].latin)

    def map_places(self) -> list[dict]:
        """Every place any life can take the player to (each life's places in the story data), once each."""
        game = self.app.game
        if game is None:
            return []
        world = game.story.world
        ids: list[str] = []
        for life in game.lives():
            ids += [i for i in life.place_ids() if i not in ids and i in world.places]
        return [{"id": i, "name": game.tr(world.places[i].name), "lat": world.places[i].lat,
                 "lon": world.places[i].lon} for i in ids]

    # -- actions -----------------------------------------------------------------------------------
    def play(self) -> None:
        from .lives import LivesScreen

        self.app.when_loaded(lambda: self.app.push(LivesScreen(self.app)))

    def cont(self) -> None:
        from .play import PlayScreen

        def go() -> None:
            session, msg = modesbridge.continue_session(self.app.game.story)
            if session is None:
                self.app.notify(msg or _("There is nothing to continue."))
                self.rebuild()
                return
            self.app.game.adopt(session)
            self.app.push(PlayScreen(self.app))
            if msg:
                self.app.notify(msg)

        self.app.when_loaded(go)

    def saves(self) -> None:
        from .saves import SavesScreen

        self.app.when_loaded(lambda: self.app.push(SavesScreen(self.app, can_save=False)))

    def settings(self) -> None:
        from .settings import SettingsScreen

        self.app.push(SettingsScreen(self.app))

    def about(self) -> None:
        from .reference import AboutScreen

        self.app.when_loaded(lambda: self.app.push(AboutScreen(self.app)))

    def quit(self) -> None:
        self.app.request_quit("title")

    def on_back(self) -> None:
        pass  # Esc on the title does nothing (Quit is a button)
