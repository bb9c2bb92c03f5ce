"""A PIN pad dialog: ten digit buttons, the digits typed shown as stars, OK and Cancel. The kiosk's staff
exit and the classroom's teacher set-up each say what it is for and what a right PIN does."""

from __future__ import annotations

import pygame

from ...i18n import _
from ..context import Ctx
from ..flow import Column, Gap, Item, Row, Text, W
from ..widgets import Button
from .dialog import Dialog

MAX_DIGITS = 12
DIGIT_KEYS = {**{getattr(pygame, f"K_{d}"): str(d) for d in range(10)},
              **{getattr(pygame, f"K_KP{d}"): str(d) for d in range(10)}}


class PinPad(Dialog):
    name = "pin"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.digits = ""
        self.message = ""

    def heading(self) -> tuple[str, str]:
        """(title, one line saying what the PIN is for)."""
        raise NotImplementedError

    def extra_buttons(self) -> list[Item]:
        return []

    def submit(self) -> None:
        raise NotImplementedError

    def items(self, ctx: Ctx) -> list[Item]:
        title, text = self.heading()
        def key(d: str) -> Item:
            return W(Button(f"pin:{d}", d, (lambda d=d: self.add(d)), fill=False))

        # laid out as a keypad, 1 2 3 / 4 5 6 / 7 8 9 / 0, where the hand expects the digits (not one long row)
        pad = [Row([key(d) for d in digits], gap=8, min_w=56) for digits in ("123", "456", "789", "0")]
        bottom = [W(Button("pin:ok", _("OK"), self.submit, kind="primary", fill=False)),
                  W(Button("pin:cancel", _("Cancel"), self.cancel, fill=False)), *self.extra_buttons()]
        return [Text(title, "heading", "dialog_ink"), Text(text, "body", "dialog_ink"), Gap(8),
                Text(_("PIN: {digits}").format(digits="*" * len(self.digits) or "-"), "heading", "dialog_ink"), Gap(8),
                Column(pad, gap=8), Gap(10), Row(bottom, gap=10),
                Text(self.message, "small", "dialog_ink") if self.message else Gap(0)]

    def add(self, d: str) -> None:
        if len(self.digits) < MAX_DIGITS:
            self.digits += d
        self.rebuild()

    def text_key(self, ev) -> bool:
        digit = DIGIT_KEYS.get(ev.key, "")  # by key: KEYDOWN has no unicode while text input is off
        if digit or (ev.unicode and ev.unicode.isdigit()):
            self.add(digit or ev.unicode)
            return True
        if ev.key == pygame.K_BACKSPACE:
            self.digits = self.digits[:-1]
            self.rebuild()
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and (self.digits or self.st.focused is None):
            self.submit()
            return True
        return False
