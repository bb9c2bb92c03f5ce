"""The teacher's PIN pad (classroom mode): entered after the key chord to reach the set-up screen, or set
on the set-up screen, typed twice there (the digits show as stars, so a typo would otherwise lock the
teacher out). Wrong PINs lock it for a while, as the kiosk's staff exit does."""

from __future__ import annotations

from ...i18n import _
from ..flow import Item, W
from ..widgets import Button
from .classroom import CHORD_WORDS
from .pinpad import MAX_DIGITS, PinPad

MIN_DIGITS = 4


class TeacherPinScreen(PinPad):
    """The teacher's PIN pad: ``mode`` "enter" (after the chord) or "set" (on the set-up screen)."""

    width = 560

    def __init__(self, app, mode: str = "enter") -> None:
        super().__init__(app)
        self.mode = mode
        self.first: str | None = None  # setting: the PIN typed the first time, until it is typed again

    def heading(self) -> tuple[str, str]:
        if self.mode == "set" and self.first is not None:
            return _("Type the same PIN again"), _("To be sure of it: a PIN with a typo would lock you out.")
        if self.mode == "set":
            return _("Set the teacher's PIN"), _("4 to 12 digits. You will need it, after {keys}, to come back to "
                                                  "the set-up screen.").format(keys=CHORD_WORDS)
        return _("Teacher only"), _("Type the PIN to open the set-up screen.")

    def extra_buttons(self) -> list[Item]:
        if self.mode == "set" and self.app.guard.gate.needs_pin:
            return [W(Button("pin:none", _("No PIN"), self.clear, fill=False))]
        return []

    def submit(self) -> None:
        gate = self.app.guard.gate
        if self.mode == "set":
            self.set_twice()
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

    def set_twice(self) -> None:
        """The first entry is checked and kept; the second must match it, or both are typed again."""
        typed, self.digits = self.digits, ""
        if self.first is None:
            if not (typed.isdigit() and MIN_DIGITS <= len(typed) <= MAX_DIGITS):
                self.message = _("A PIN is {low} to {high} digits.").format(low=MIN_DIGITS, high=MAX_DIGITS)
            else:
                self.first, self.message = typed, ""
            self.rebuild()
            return
        if typed != self.first:
            self.first = None
            self.message = _("The two PINs were not the same, so no PIN was set. Type a new PIN twice.")
            self.rebuild()
            return
        self.app.guard.gate.set_pin(typed)
        self.app.pop()
        self.app.notify(_("The PIN is set. Keep it to yourself."))

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
