"""The teacher's PIN pad (classroom mode): entered after the key chord to reach the set-up screen, or set
on the set-up screen. Wrong PINs lock it for a while, as the kiosk's staff exit does."""

from __future__ import annotations

import pygame

from ...i18n import _
from ..context import Ctx
from ..flow import Gap, Item, Row, Text, W
from ..widgets import Button
from .classroom import CHORD_WORDS
from .dialog import Dialog


class TeacherPinScreen(Dialog):
    """The teacher's PIN pad: ``mode`` "enter" (after the chord) or "set" (on the set-up screen)."""

    name = "pin"
    width = 560

    def __init__(self, app, mode: str = "enter") -> None:
        super().__init__(app)
        self.mode = mode
        self.digits = ""
        self.message = ""

    def items(self, ctx: Ctx) -> list[Item]:
        keys = [W(Button(f"pin:{d}", d, (lambda d=d: self.add(d)), fill=False)) for d in "1234567890"]
        if self.mode == "set":
            title, text = _("Set the teacher's PIN"), _("4 to 12 digits. You will need it, after {keys}, to come "
                                                             "back to the set-up screen.").format(keys=CHORD_WORDS)
        else:
            title, text = _("Teacher only"), _("Type the PIN to open the set-up screen.")
        bottom = [W(Button("pin:ok", _("OK"), self.submit, kind="primary", fill=False)),
                  W(Button("pin:cancel", _("Cancel"), self.cancel, fill=False))]
        if self.mode == "set" and self.app.guard.gate.needs_pin:
            bottom.append(W(Button("pin:none", _("No PIN"), self.clear, fill=False)))
        return [Text(title, "heading", "dialog_ink"), Text(text, "body", "dialog_ink"), Gap(8),
                Text(_("PIN: {digits}").format(digits="*" * len(self.digits) or "-"), "heading", "dialog_ink"), Gap(8),
                Row(keys, gap=8, min_w=56), Gap(10), Row(bottom, gap=10),
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
        gate = self.app.guard.gate
        if self.mode == "set":
            try:
                gate.set_pin(self.digits)
            except ValueError as exc:
                self.digits, self.message = "", f"{exc}."
                self.rebuild()
                return
            self.app.pop()
            return
        if gate.submit_pin(self.digits):
            from ..classroom_ctl import open_setup

            self.app.pop()
            open_setup(self.app)
            return
        self.digits = ""
        self.message = _("That PIN is not right.")
        self.rebuild()
        if not gate.awaiting_pin:
            self.app.pop()

    def clear(self) -> None:
        self.app.guard.gate.set_pin("")
        self.app.pop()

    def cancel(self) -> None:
        self.app.guard.gate.cancel_pin()
        self.app.pop()

    def update(self, now: float) -> bool:
        if self.mode == "enter" and not self.app.guard.gate.awaiting_pin:
            self.app.pop()
            return True
        return False

    def wake_at(self, now: float) -> float | None:
        return now + 1.0 if self.mode == "enter" else None

    def autoplay_targets(self):
        return []

    def on_back(self) -> None:
        self.cancel()
