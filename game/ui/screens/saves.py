"""Save slots: three manual slots, each showing the life, place and in-story date."""

from __future__ import annotations

from ...i18n import _, say
from .. import modesbridge
from ..context import Ctx
from ..flow import Column, Gap, Item, Row, Text, W
from ..screen import Screen
from ..widgets import Button
from .common import back_button, header


class SavesScreen(Screen):
    name = "saves"

    def __init__(self, app, can_save: bool) -> None:
        super().__init__(app)
        self.can_save = can_save
        self.message = ""

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        slots = modesbridge.slots()
        items: list[Item] = []
        if not modesbridge.writes_enabled():
            items.append(Text(_("Saving is off on this computer."), "body", "muted"))
        if not slots:
            items.append(Text(_("Save slots are not available."), "body", "muted"))
        playing = game.session is not None and self.can_save
        for slot in slots:
            info = slot.info
            if info is None:
                title, sub = _("Slot {n}").format(n=slot.number), _("Empty")
            elif not info.ok:
                title = _("Slot {n}").format(n=slot.number)
                sub = _("This save is damaged: {problem}").format(problem=say(info.problem or ""))
            else:
                title = _("Slot {n}: {life}").format(n=slot.number, life=info.life_title)
                sub = _(", ").join(x for x in (info.place_name, game.fmt_date(info.date)) if x)
                if info.ended and info.ending_title:
                    sub = _("{where} (ended: {ending})").format(where=sub, ending=info.ending_title)
                if info.saved_local():
                    sub = _("{where}. Saved {when}").format(where=sub, when=info.saved_local())
            bs = []
            if playing:
                bs.append(W(Button(f"save:{slot.number}", _("Save here"), (lambda n=slot.number: self.save(n)),
                                   fill=False)))
            bs.append(W(Button(f"load:{slot.number}", _("Load"), (lambda n=slot.number: self.load(n)),
                               enabled=info is not None and info.ok,
                               reason=_("empty") if info is None else _("damaged"), fill=False)))
            items += [Column([Text(title, "body_bold", "ink"), Text(sub, "small", "muted"), Gap(8), Row(bs, gap=12)],
                             pad=14, fill="surface", edge="rule", radius=8), Gap(12)]
        if self.message:
            items.append(Text(self.message, "body", "ink"))
        self.stack_views(ctx, header(_("Saved games"), back_button(self.on_back),
                                     sub=_("The game also saves by itself after every choice")), items)

    def save(self, n: int) -> None:
        game = self.app.game
        msg = modesbridge.save_slot(n, game.session, game.lang)
        self.message = say(msg) if msg else _("Saved in slot {n}.").format(n=n)
        self.rebuild()

    def load(self, n: int) -> None:
        from .play import PlayScreen

        game = self.app.game
        session, msg = modesbridge.load_slot(n, game.story)
        if session is None:
            self.message = say(msg) if msg else _("The slot could not be loaded.")
            self.rebuild()
            return
        game.adopt(session)
        self.app.pop_to("title")
        self.app.push(PlayScreen(self.app))
        if msg:
            self.app.notify(msg)

    def autoplay_targets(self):
        return []

    def on_back(self) -> None:
        self.app.pop()
