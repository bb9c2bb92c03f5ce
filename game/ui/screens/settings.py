"""Settings: text size, high contrast, reduced motion, text speed, language, full screen; saved at once."""

from __future__ import annotations

from ... import i18n
from ...i18n import N_, _, pgettext
from .. import modesbridge, speechbridge
from ..context import Ctx
from ..flow import Gap, Item, Row, Rule, Text, W
from ..screen import Screen
from ..widgets import Button
from .common import back_button, header

SIZES = [1.0, 1.25, 1.5, 1.75, 2.0]
SPEEDS = [(0, N_("All at once")), (25, N_("Slow")), (50, N_("Medium")), (100, N_("Fast"))]
KEY_HELP = [("next", N_("Next control")), ("prev", N_("Previous control")), ("activate", N_("Choose")),
            ("back", N_("Menu or back")), ("pick_1", N_("Choice 1 (and 2 to 9)")),
            ("scroll_down", N_("Scroll down")), ("scroll_up", N_("Scroll up")), ("journal", N_("Journal")),
            ("history", N_("History")), ("card", N_("ID card and map")), ("undo", N_("Undo the last choice")),
            ("fullscreen", N_("Full screen")), ("speech", N_("Read aloud on or off")),
            ("speech_repeat", N_("Say it again")), ("speech_stop", N_("Stop speaking"))]


class SettingsScreen(Screen):
    name = "settings"

    def compose(self, ctx: Ctx) -> None:
        s = self.app.settings
        scale = float(getattr(s, "text_scale", 1.0))
        items: list[Item] = []

        def group(title: str, note: str = "") -> None:
            items.extend([Text(title, "heading", "ink")])
            if note:
                items.append(Text(note, "small", "muted", max_w=760))
            items.append(Gap(8))

        group(_("Text size"), _("The layout reflows; long pages scroll."))
        items.append(Row([
            W(Button("size:-", _("Smaller"), self.smaller, enabled=scale > SIZES[0] + 0.01,
                     reason=_("smallest already"), fill=False)),
            Text(_("{percent}%").format(percent=round(scale * 100)), "heading", "ink"),
            W(Button("size:+", _("Larger"), self.larger, enabled=scale < SIZES[-1] - 0.01, reason=_("largest already"),
                     fill=False)),
        ], gap=16))
        items.append(Gap(18))
        group(_("Colours"))
        hc = bool(getattr(s, "high_contrast", False))
        items.append(Row([W(Button("theme:paper", _("Paper"), lambda: self.set(high_contrast=False), kind="toggle",
                                   selected=not hc, fill=False)),
                          W(Button("theme:contrast", _("High contrast"), lambda: self.set(high_contrast=True),
                                   kind="toggle", selected=hc, fill=False))], gap=12))
        items.append(Gap(18))
        group(_("Motion"), _("Reduced motion turns off every animation."))
        rm = bool(getattr(s, "reduced_motion", False))
        items.append(Row([W(Button("motion:full", pgettext("motion", "Normal"), lambda: self.set(reduced_motion=False),
                                   kind="toggle", selected=not rm, fill=False)),
                          W(Button("motion:reduced", _("Reduced"), lambda: self.set(reduced_motion=True), kind="toggle",
                                   selected=rm, fill=False))], gap=12))
        items.append(Gap(18))
        group(_("Text speed"), _("Typed text completes at once with any key or tap. Nothing moves on by itself."))
        sp = int(getattr(s, "text_speed", 0) or 0)
        items.append(Row([W(Button(f"speed:{v}", _(label), (lambda v=v: self.set(text_speed=v)), kind="toggle",
                                   selected=sp == v, fill=False)) for v, label in SPEEDS], gap=12))
        if len(i18n.languages()) > 1:
            items.append(Gap(18))
            group(_("Language"), _("Text not yet translated is shown in English."))
            cur = i18n.current()
            items.append(Row([W(Button(f"lang:{code}", name, (lambda c=code: self.set(language=c)), kind="toggle",
                                       selected=cur == code, fill=False)) for code, name in i18n.languages().items()],
                             gap=12))
        if self.app.kiosk is None:
            items.append(Gap(18))
            group(_("Window"))
            items.append(Row([W(Button("fullscreen", _("Full screen"), self.app.toggle_fullscreen, kind="toggle",
                                       selected=self.app.fullscreen, fill=False))]))
        items += [Gap(18), *speechbridge.settings_items(self.app)]
        if self.app.kiosk is None:  # a touch kiosk has no keyboard
            items += [Rule(), Text(_("Keys"), "heading", "ink"), Gap(4)]
            for action, what in KEY_HELP:
                keys = _(", ").join(k.title() for k in self.app.bindings.get(action, []))
                items.append(Text(_("{action}: {keys}").format(action=_(what), keys=keys), "small", "ink"))
        if self.app.settings_message:
            items += [Gap(10), Text(self.app.settings_message, "small", "muted")]
        sub = _("Saved as you change them") if self.app.kiosk is None else _("For this visit only: nothing is kept")
        self.stack_views(ctx, header(_("Settings"), back_button(self.on_back), sub=sub), items)

    def set(self, **changes) -> None:
        self.app.apply_settings(modesbridge.copy_settings(self.app.settings, **changes))

    def smaller(self) -> None:
        self._step(-1)

    def larger(self) -> None:
        self._step(1)

    def _step(self, d: int) -> None:
        cur = float(getattr(self.app.settings, "text_scale", 1.0))
        i = min(range(len(SIZES)), key=lambda k: abs(SIZES[k] - cur))
        i = max(0, min(len(SIZES) - 1, i + d))
        self.set(text_scale=SIZES[i])

    def autoplay_targets(self):
        return []

    def on_back(self) -> None:
        self.app.pop()
