"""Kiosk screens: the attract loop, the "Still there?" countdown, and the staff PIN pad."""

from __future__ import annotations

import pygame

from .. import artbridge, speechbridge
from ..context import Ctx
from ..flow import Custom, Gap, Item, Row, Text, W
from ..screen import Screen
from ..scroll import ScrollView
from ..widgets import Button
from .dialog import Dialog

CYCLE = 7.0  # seconds each life shows on the attract loop


class AttractScreen(Screen):
    """Shown when nobody is playing: the title, one life at a time, and "Touch to begin"."""

    name = "attract"
    speak_changes = False  # reading aloud says the screen once, not each life the loop turns to

    def __init__(self, app) -> None:
        super().__init__(app)
        self.t0 = app.clock()
        self.index = 0

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        lives = game.lives() if game else []
        items: list[Item] = [Gap(30), Text("On the List", "title", "ink", align="center"), Gap(8),
                             Text("Live a life built on the record of China's social credit lists.", "body", "muted",
                                  align="center"), Gap(24)]
        if lives:
            life = lives[self.index % len(lives)]
            items += [Custom(lambda c, w: c.tpx(200), lambda c, s, r: artbridge.draw_portrait(
                s, life.id, pygame.Rect(r.centerx - c.tpx(80), r.y, c.tpx(160), c.tpx(200)), c.theme)), Gap(10),
                      Text(game.tr(life.title), "heading", "ink", align="center"),
                      Text(game.tr(life.summary), "body", "ink", align="center"), Gap(24)]
        items.append(Row([W(Button("begin", "Touch to begin", self.begin, kind="primary", auto=True, fill=False))],
                         align="center"))
        items += [Gap(16), Row([W(speechbridge.speech_button(self.app, fill=False))], align="center"), Gap(6),
                  Text(speechbridge.attract_hint(self.app), "body", "muted", align="center")]
        W_, H = ctx.size
        v = ScrollView(items, name="body", pad=24, pad_x=60)
        v.layout(ctx, pygame.Rect(0, 0, W_, H))
        self.views = [v]

    def pointer_up(self, pos, kind) -> None:
        # a touch anywhere begins
        if self.st.pressed is None:
            self.begin()
            return
        super().pointer_up(pos, kind)

    def key_action(self, action: str) -> None:
        if action in ("activate", "next", "prev"):
            self.begin()

    def begin(self) -> None:
        from .lives import LivesScreen

        self.app.push(LivesScreen(self.app))

    def update(self, now: float) -> bool:
        if self.app.ctx.reduced_motion:
            return False
        idx = int((now - self.t0) / CYCLE)
        if idx != self.index:
            self.index = idx
            self.rebuild()
            return True
        return False

    def wake_at(self, now: float) -> float | None:
        if self.app.ctx.reduced_motion:
            return None
        return self.t0 + (self.index + 1) * CYCLE

    def on_back(self) -> None:
        pass


class StillThereScreen(Dialog):
    """"Still there?" with the seconds left; any touch or key keeps the visit going."""

    name = "still_there"

    def items(self, ctx: Ctx) -> list[Item]:
        k = self.app.kiosk
        left = k.timer.seconds_left() if k is not None else 0
        return [Text("Still there?", "title", "dialog_ink"), Gap(8),
                Text(f"The game starts again for the next visitor in {left} seconds. Touch anywhere to keep playing.",
                     "body", "dialog_ink"), Gap(18),
                W(Button("stay", "I'm still here", self.stay, kind="primary", fill=False))]

    def update(self, now: float) -> bool:
        self.rebuild()
        return True

    def wake_at(self, now: float) -> float | None:
        return now + 0.5

    def stay(self) -> None:
        if self.app.kiosk is not None:
            self.app.kiosk.touch()
        if self.app.top is self:
            self.app.pop()

    def pointer_up(self, pos, kind) -> None:
        self.stay()

    def key_action(self, action: str) -> None:
        self.stay()

    def on_back(self) -> None:
        self.stay()


class PinScreen(Dialog):
    """The staff PIN pad, opened by the staff key chord."""

    name = "pin"
    width = 520

    def __init__(self, app) -> None:
        super().__init__(app)
        self.digits = ""
        self.message = ""

    def items(self, ctx: Ctx) -> list[Item]:
        keys = [W(Button(f"pin:{d}", d, (lambda d=d: self.add(d)), fill=False)) for d in "1234567890"]
        return [Text("Staff only", "heading", "dialog_ink"), Text("Type the PIN to close the kiosk.", "body",
                                                                  "dialog_ink"), Gap(8),
                Text("PIN: " + ("*" * len(self.digits) or "-"), "heading", "dialog_ink"), Gap(8),
                Row(keys, gap=8, min_w=56), Gap(10),
                Row([W(Button("pin:ok", "OK", self.submit, kind="primary", fill=False)),
                     W(Button("pin:cancel", "Cancel", self.cancel, fill=False))], gap=10),
                Text(self.message, "small", "dialog_ink") if self.message else Gap(0)]

    def add(self, d: str) -> None:
        if len(self.digits) < 12:
            self.digits += d
        self.rebuild()

    def text_key(self, ev) -> bool:
        if ev.unicode and ev.unicode.isdigit():
            self.add(ev.unicode)
            return True
        if ev.key == pygame.K_BACKSPACE:
            self.digits = self.digits[:-1]
            self.rebuild()
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and (self.digits or self.st.focused is None):
            self.submit()
            return True
        return False

    def submit(self) -> None:
        guard = self.app.guard
        if guard is not None and guard.submit_pin(self.digits):
            self.app.request_quit("staff")
            return
        self.digits = ""
        self.message = "That PIN is not right."
        self.rebuild()
        if guard is not None and not guard.awaiting_pin:
            self.app.pop()

    def cancel(self) -> None:
        if self.app.guard is not None:
            self.app.guard.cancel_pin()
        self.app.pop()

    def update(self, now: float) -> bool:
        if self.app.guard is not None and not self.app.guard.awaiting_pin:
            self.app.pop()
            return True
        return False

    def wake_at(self, now: float) -> float | None:
        return now + 1.0

    def autoplay_targets(self):
        return []

    def on_back(self) -> None:
        self.cancel()
