"""Settings: text size, high contrast, reduced motion, text speed, language, pinyin and bilingual text for
learners of Chinese, full screen; saved at once."""

from __future__ import annotations

from ... import i18n
from ...i18n import N_, _, pgettext
from .. import modesbridge, speechbridge
from ..context import Ctx
from ..flow import Custom, Fixed, Gap, Item, Row, Rule, Text, W
from ..screen import Screen
from ..scroll import ScrollView
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
        if self._lead_px:  # keeps the size buttons where they were on the window (see relayout)
            items.insert(0, Custom(lambda c, w, h=self._lead_px: h, lambda c, s, r: None))
        smallest, largest = scale <= SIZES[0] + 0.01, scale >= SIZES[-1] - 0.01
        now = _("{percent}%").format(percent=round(scale * 100))
        if smallest or largest:
            now = (_("{size}, smallest already") if smallest else _("{size}, largest already")).format(size=now)
        # both buttons first, the same width whether or not they can be pressed, the size after them, and
        # Larger at the left edge (growing, it stays there; shrinking, Smaller still covers where it was):
        # a press leaves each button under the pointer
        items.append(Row([
            _Space(self._indent) if self._indent else None,
            Fixed(W(Button("size:+", _("Larger"), self.larger, enabled=not largest, reason=_("largest already"),
                           fill=False, steady=True, icon="up")), 170),
            Fixed(W(Button("size:-", _("Smaller"), self.smaller, enabled=not smallest, reason=_("smallest already"),
                           fill=False, steady=True, icon="down")), 170),
            Text(now, "heading", "ink"),
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
        if "zh" in i18n.languages():
            items.append(Gap(18))
            group(_("Learners of Chinese"), _("When the story is shown in Chinese."))
            pin, bi = bool(getattr(s, "pinyin", False)), bool(getattr(s, "bilingual", False))
            items.append(Row([W(Button("pinyin", _("Pinyin"), lambda: self.set(pinyin=not pin), kind="toggle",
                                       selected=pin, fill=False, check=True,
                                       sub=_("Pinyin above the Chinese characters"))),
                              W(Button("bilingual", _("Bilingual"), lambda: self.set(bilingual=not bi),
                                       kind="toggle", selected=bi, fill=False, check=True,
                                       sub=_("The English under each Chinese paragraph")))], gap=12))
        if self.app.kiosk is None:
            items.append(Gap(18))
            group(_("Window"))
            items.append(Row([W(Button("fullscreen", _("Full screen"), self.app.toggle_fullscreen, kind="toggle",
                                       selected=self.app.fullscreen, fill=False, check=True))]))
        items += [Gap(18), *speechbridge.settings_items(self.app)]
        if self.app.kiosk is None:  # a touch kiosk has no keyboard
            items += [Rule(), Text(_("Keys"), "heading", "ink"), Gap(4)]
            for action, what in KEY_HELP:
                keys = _(", ").join(k.title() for k in self.app.bindings.get(action, []))
                items.append(Text(_("{action}: {keys}").format(action=_(what), keys=keys), "small", "ink"))
        if self.app.settings_message:
            items += [Gap(10), Text(i18n.say(self.app.settings_message), "small", "muted")]
        sub = _("Saved as you change them") if self.app.kiosk is None else _("For this visit only: nothing is kept")
        self.stack_views(ctx, header(_("Settings"), back_button(self.on_back), sub=sub), items)

    def __init__(self, app) -> None:
        super().__init__(app)
        self._lead_px = 0  # room added above the page so the size buttons stay put (see relayout)
        self._indent = 0  # and before them on their line
        self._anchor: tuple[str, int, int] | None = None  # (button key, its centre) before a size change

    def on_enter(self) -> None:
        self._lead_px = self._indent = 0

    def relayout(self, ctx: Ctx) -> None:
        """After a text-size change, put the button pressed back where it was: scroll the page when it
        moved down, add room above the page when it moved up."""
        super().relayout(ctx)
        anchor, self._anchor = self._anchor, None
        if anchor is None:
            return
        key, cx, cy = anchor  # the pressed button's centre before

        def moved() -> tuple[ScrollView | None, int, int]:
            w = next((w for w in self.all_widgets() if w.key == key), None)
            v = self.view("body")
            if w is None or v is None:
                return v, 0, 0
            return v, w.rect.centerx - cx, w.rect.centery - cy

        v, dx, dy = moved()
        if dx < 0 or (dx > 0 and self._indent):
            self._indent = max(0, self._indent - dx)
            super().relayout(ctx)
            v, dx, dy = moved()
        if dy > 0 and self._lead_px:  # take back room added before, then scroll
            self._lead_px -= min(dy, self._lead_px)
            super().relayout(ctx)
            v, dx, dy = moved()
        if v is not None and dy:
            v.scroll_by(dy)
            v, dx, dy = moved()
        if dy < 0:
            self._lead_px -= dy
            super().relayout(ctx)

    def set(self, **changes) -> None:
        self.app.apply_settings(modesbridge.copy_settings(self.app.settings, **changes))

    def smaller(self) -> None:
        self._step(-1)

    def larger(self) -> None:
        self._step(1)

    def _step(self, d: int) -> None:
        pressed = next((w for w in self.all_widgets() if w.key == ("size:+" if d > 0 else "size:-")), None)
        if pressed is not None:
            self._anchor = (pressed.key, *pressed.rect.center)
        cur = float(getattr(self.app.settings, "text_scale", 1.0))
        i = min(range(len(SIZES)), key=lambda k: abs(SIZES[k] - cur))
        i = max(0, min(len(SIZES) - 1, i + d))
        self.set(text_scale=SIZES[i])

    def autoplay_targets(self):
        return []

    def on_back(self) -> None:
        self.app.pop()


class _Space(Item):
    """Room of a width in window pixels at the start of a row."""

    def __init__(self, px: int) -> None:
        self.px = px

    def measure(self, ctx: Ctx, width: int) -> int:
        self.w = self.ww = min(self.px, width)
        self.h = 1
        return self.h
