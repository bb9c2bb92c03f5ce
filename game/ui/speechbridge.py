"""Self-voicing in the window: the app's one link to game.speech.

Each frame the app calls :meth:`SpeechBridge.after_frame`. When speech is on it says a new screen
(the play screen through the engine's :func:`game.engine.speech.play_screen`, so the words are the
ones the text player and ``say`` use; any other screen by reading its texts and buttons in order),
then whatever control the keyboard moves the focus to, and any notice that pops up. Keys (in
keys.BINDINGS): ``speech`` toggles it anywhere, ``speech_repeat`` says the last thing again,
``speech_stop`` stops. The speaker runs on its own thread: nothing here waits for sound.

Settings read: ``speech`` (on/off), ``speech_rate``, ``speech_volume``.
Without the speech program or a sound device (or a voice for a language), the reason is shown once as
a notice and kept for Settings.
"""

from __future__ import annotations

from typing import Any

from .. import i18n
from ..engine import speech as words
from ..engine.speech import INTERFACE, Utterance
from ..i18n import N_, _, pgettext
from . import modesbridge
from .flow import Text, descendants
from .widgets import Button

ACTIONS = ("speech", "speech_repeat", "speech_stop")
SPEECH_ON = N_("Reading aloud is on.")
SPEECH_OFF = N_("Reading aloud is off.")
SELECTED = N_("Selected")


class SpeechBridge:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.speaker: Any = None  # a game.speech.Speaker once speech was first turned on
        self.message: str | None = None  # why speech is silent (no program, no device), for Settings
        self._screen_key: Any = None
        self._focus: Any = None
        self._toast: str | None = None
        self._prefix: list[Utterance] = []  # said before the next screen ("Reading aloud is on.")
        self._lines: list[tuple[str, str]] = []  # what a screen other than play showed when last read
        self._views: list[Any] = []  # the views last read: new ones mean the screen was laid out again

    # -- settings ----------------------------------------------------------------------------------
    @property
    def on(self) -> bool:
        return bool(getattr(self.app.settings, "speech", False))

    def lang(self) -> str:
        game = self.app.game
        if game is None:
            return "en"
        return words.game_lang(game.story, game.lang)

    def _ensure(self) -> Any:
        if self.speaker is None:
            from ..speech import Speaker

            self.speaker = Speaker()
        s = self.app.settings
        self.speaker.set_rate(float(getattr(s, "speech_rate", 1.0)))
        self.speaker.set_volume(float(getattr(s, "speech_volume", 1.0)))
        return self.speaker

    def set_on(self, on: bool) -> None:
        """Turn speech on or off (saved like any setting) and say so."""
        self.app.apply_settings(modesbridge.copy_settings(self.app.settings, speech=on))
        self._screen_key = None  # on: say the screen from the top; off: do not cut "off" short
        if on:
            self._prefix = words.utterances(_(SPEECH_ON), i18n.current(), INTERFACE)
        elif self.speaker is not None:
            self.speaker.speak(words.utterances(_(SPEECH_OFF), i18n.current(), INTERFACE))
        self.app.dirty = True

    # -- keys ----------------------------------------------------------------------------------------
    def on_action(self, action: str) -> bool:
        """Handle a speech key; False for any other action."""
        if action not in ACTIONS:
            return False
        if action == "speech":
            self.set_on(not self.on)
        elif action == "speech_repeat" and self.on and self.speaker is not None:
            self.speaker.repeat()
        elif action == "speech_stop" and self.speaker is not None:
            self.speaker.stop()
        return True

    # -- each frame ----------------------------------------------------------------------------------
    def after_frame(self) -> None:
        if not self.on:
            if self.speaker is not None and self._screen_key is not None:
                self.speaker.stop()  # turned off by a setting (a kiosk's next visitor): silence now
            self._screen_key = None
            kiosk = self.app.kiosk
            if kiosk is not None and kiosk.timer.paused:  # paused while it read: the idle time runs again
                kiosk.timer.resume()
            return
        top = self.app.top
        if top is None:
            return
        sp = self._ensure()
        game = self.app.game
        key = (top.serial, game.version if game is not None and top.name == "play" else None, self.lang())
        focused = top.st.focused if top.st.show_focus else None
        focus = _control_state(focused)  # a screen laid out again makes new widgets: compare what they show
        toast = self.app.toast
        views = list(getattr(top, "views", []))
        relaid = len(views) != len(self._views) or any(a is not b for a, b in zip(views, self._views))
        self._views = views
        if key != self._screen_key:
            self._screen_key, self._focus, self._toast = key, focus, toast
            prefix, self._prefix = self._prefix, []
            self._lines = self.screen_lines(top)
            self._speak(prefix + self.screen_words(top))
        else:
            said: list[Utterance] = []
            acted = focus != self._focus  # the player moved or pressed something
            if acted:
                self._focus = focus
                if focused is not None:
                    said += self.control_words(focused)
            news: list[Utterance] = []
            if relaid and top.name != "play" and getattr(top, "speak_changes", True):
                # the screen changed in place (an answer's verdict, a countdown): say what is new
                lines = self.screen_lines(top)
                news = words.lines(_added(self._lines, lines), self.lang())
                self._lines = lines
            if said:
                self._speak(said + news)
            elif news:
                # a change nobody made (a countdown ticking): after what is being said, never cutting it
                # short, and only the latest
                sp.then(news)
        if toast != self._toast:
            self._toast = toast
            if toast:
                self._speak(words.utterances(toast, self.lang(), INTERFACE))
        kiosk = self.app.kiosk
        if kiosk is not None:
            # the idle time does not run out while the game reads to the visitor; the "Still there?"
            # countdown, once shown, runs (reading it aloud must not keep the visit open for ever)
            timer = kiosk.timer
            if sp.busy and timer.state == "active":
                timer.pause()
            elif timer.paused and (not sp.busy or timer.state != "active"):
                timer.resume()
        self._report(sp.take_message())

    def _report(self, msg: str | None) -> None:
        if msg:
            msg = _(msg)  # the speaker's fixed messages are in the catalog; others (a program's error) stay as given
            self.message = msg
            self.app.notify(msg)
            top = self.app.top
            if top is not None and top.name == "settings":
                top.rebuild()  # Settings shows why speech is silent

    def _speak(self, utts: list[Utterance]) -> None:
        sp = self._ensure()
        sp.speak(utts)
        self._report(sp.take_message())

    # -- what to say ---------------------------------------------------------------------------------
    def screen_words(self, top: Any) -> list[Utterance]:
        game = self.app.game
        if top.name == "play" and game is not None and game.session is not None:
            return words.play_screen(game.story, game.session, game.lang, game.last_events())
        return words.lines(self.screen_lines(top), self.lang())

    @staticmethod
    def screen_lines(top: Any) -> list[tuple[str, str]]:
        """A screen's texts and buttons as (text, role), in reading order."""
        lines: list[tuple[str, str]] = []
        if top.name != "play":
            for view in getattr(top, "views", []):
                _walk(view.root, lines)
        return lines

    def control_words(self, w: Any) -> list[Utterance]:
        if not isinstance(w, Button):
            return words.utterances(w.label, self.lang(), INTERFACE)
        out = words.control(w.spoken, self.lang(), number=w.number, enabled=w.enabled, reason=w.reason, sub=w.sub)
        if w.kind == "toggle" and w.selected:
            out += words.utterances(_(SELECTED), i18n.current(), INTERFACE)
        return out

    def close(self) -> None:
        if self.speaker is not None:
            self.speaker.close()


def _control_state(w: Any) -> Any:
    """What a focused control shows, to tell a move or a press from the same control made anew."""
    if w is None:
        return None
    return (w.key, w.label, w.enabled, getattr(w, "selected", None), getattr(w, "sub", None),
            getattr(w, "reason", None))


def _walk(item: Any, out: list[tuple[str, str]]) -> None:
    """The texts and buttons of a layout tree, in reading order."""
    for it in descendants(item):
        if isinstance(it, Text):
            out.append((it.text, INTERFACE))
            continue
        widget = getattr(it, "widget", None)
        if isinstance(widget, Button):
            out.extend(words.choice_lines(widget.number, widget.label, widget.enabled, widget.reason, widget.sub))
        elif widget is not None and getattr(widget, "label", ""):
            out.append((widget.label, INTERFACE))


def _added(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The lines of ``new`` that ``old`` did not have (as many times as they are new), in order."""
    left: dict[tuple[str, str], int] = {}
    for line in old:
        left[line] = left.get(line, 0) + 1
    out = []
    for line in new:
        if left.get(line, 0) > 0:
            left[line] -= 1
        else:
            out.append(line)
    return out


def key_name(app: Any, action: str) -> str:
    """The first key bound to an action, as the keys help shows it ("V"); the settings may remap it."""
    bound = getattr(app, "bindings", {}).get(action) or []
    return bound[0].title() if bound else ""


def speech_button(app: Any, *, fill: bool = True) -> Button:
    """The "Read aloud" toggle for the title and attract screens."""
    bridge = app.speech
    on = bridge.on
    key = touch_only_key(app)
    if getattr(app, "kiosk", None) is not None:  # a touch kiosk: no key to name
        sub = _("On: touch to turn off") if on else _("Off: touch to turn on")
    elif key:
        sub = (_("On: press {key} to turn off") if on else _("Off: press {key} to turn on")).format(key=key)
    else:
        sub = pgettext("switch", "On") if on else pgettext("switch", "Off")
    return Button("speech", _("Read aloud"), lambda: bridge.set_on(not on), kind="toggle", selected=on, fill=fill,
                  sub=sub, check=True)


def touch_only_key(app: Any) -> str:
    """The speech key to name on screen: none on a kiosk, whose visitors have only the touch screen."""
    return "" if getattr(app, "kiosk", None) is not None else key_name(app, "speech")


def attract_hint(app: Any) -> str:
    """How to turn reading aloud on, for the attract loop: by touch alone on a kiosk."""
    key = touch_only_key(app)
    return _("To hear the game read aloud, touch Read aloud or press {key}.").format(key=key) if key else \
        _("To hear the game read aloud, touch Read aloud.")


def settings_items(app: Any) -> list[Any]:
    """The Speech group of the Settings screen."""
    from .flow import Gap, Row, W

    s = app.settings
    bridge = app.speech
    on = bridge.on
    rate = float(getattr(s, "speech_rate", 1.0))
    vol = float(getattr(s, "speech_volume", 1.0))

    def setter(**changes: Any):
        return lambda: app.apply_settings(modesbridge.copy_settings(app.settings, **changes))

    items: list[Any] = [Text(_("Speech"), "heading", "ink"),
                        Text(_("The game reads each screen aloud, and the control you move to. The keys for it "
                               "are under Keys below."), "small", "muted", max_w=760),
                        Gap(8),
                        Row([W(Button("speech:off", pgettext("switch", "Off"), (lambda: bridge.set_on(False)),
                                      kind="toggle", selected=not on, fill=False)),
                             W(Button("speech:on", _("Read aloud"), (lambda: bridge.set_on(True)), kind="toggle",
                                      selected=on, fill=False))], gap=12),
                        Gap(10), Text(_("Reading speed"), "small_bold", "ink"),
                        Row([W(Button(f"speech_rate:{r}", label, setter(speech_rate=r), kind="toggle",
                                      selected=abs(rate - r) < 0.01, fill=False))
                             for r, label in rates()], gap=12),
                        Gap(10), Text(_("Speech volume"), "small_bold", "ink"),
                        Row([W(Button("speech_volume:-", _("Quieter"), setter(speech_volume=round(vol - 0.25, 2)),
                                      enabled=vol > 0.01, reason=_("silent already"), fill=False)),
                             Text(_("{percent}%").format(percent=round(vol * 100)), "heading", "ink"),
                             W(Button("speech_volume:+", _("Louder"), setter(speech_volume=round(vol + 0.25, 2)),
                                      enabled=vol < 0.99, reason=_("loudest already"), fill=False))], gap=16)]
    if bridge.message:
        items += [Gap(6), Text(bridge.message, "small", "ink", max_w=760)]
    return items


def rates() -> list[tuple[float, str]]:
    """The reading speeds offered, named in the language in use."""
    return [(0.75, _("Slower")), (1.0, pgettext("speed", "Normal")), (1.5, _("Faster")), (2.0, _("Fastest"))]
