"""Kiosk screens: the attract loop, the "Still there?" countdown, and the staff PIN pad."""

from __future__ import annotations

import pygame

from ...i18n import _, ngettext
from .. import speechbridge
from ..context import Ctx
from ..flow import Gap, Item, Row, Text, W
from ..screen import Screen
from ..scroll import PosterView, ScrollView
from ..widgets import Button
from .dialog import Dialog
from .pinpad import PinPad

INTRO, SCENE, MAP = 6.0, 5.5, 6.0  # seconds each kind of beat shows on the attract loop
FRAME = 1 / 30  # the animation's frame time (the stamp landing, the map's places appearing)
# the demonstration's text grows with the text size up to the kiosk's default (kiosk.json text_scale 1.25):
# above it, on a small screen, it would show one line of a scene (see PosterView)
POSTER_TEXT = 1.25


class AttractScreen(Screen):
    """Shown when nobody is playing: the game plays each life's short path by itself (attractdemo.py: its
    scenes, the refusal stamp, the map), beside what a passer-by needs: what it is, how long a visit takes,
    the languages, and "Touch anywhere to begin". Under reduced motion: one calm still, nothing moves."""

    name = "attract"
    speak_changes = False  # reading aloud says the screen once, not each life the loop turns to

    def __init__(self, app) -> None:
        super().__init__(app)
        self.t0 = app.clock()
        self.beats: list = []  # (start second in the loop, length, Beat)
        self.loop_len = 0.0
        self.index = 0
        self.phase_key: object = None

    # -- the demonstration's schedule ------------------------------------------------------------------
    def schedule(self) -> list:
        """Every life's beats one after the other (made once, when the story is there)."""
        if not self.beats and self.app.game is not None:
            from ..attractdemo import plan

            t = 0.0
            for life in self.offered():
                for beat in plan(self.app.game.story, life.id):
                    n = {"intro": INTRO, "map": MAP}.get(beat.kind, SCENE)
                    self.beats.append((t, n, beat))
                    t += n
            self.loop_len = t
        return self.beats

    def offered(self) -> list:
        game, kiosk = self.app.game, self.app.kiosk
        if game is None:
            return []
        return kiosk.lives() if kiosk is not None else game.lives()

    def still(self) -> bool:
        return bool(self.app.ctx.reduced_motion)

    def at(self, now: float) -> tuple[int, float | None]:
        """The beat showing at ``now`` and the seconds since it began (None: the still version)."""
        beats = self.schedule()
        if not beats:
            return 0, None
        if self.still():  # the first refusal, at rest
            return next((i for i, (_t, _n, b) in enumerate(beats) if b.refused), 0), None
        t = (now - self.t0) % self.loop_len
        i = next(i for i, (start, n, _b) in enumerate(beats) if start <= t < start + n)
        return i, t - beats[i][0]

    # -- layout -----------------------------------------------------------------------------------------
    def compose(self, ctx: Ctx) -> None:
        """The demonstration on the left and the controls in a column on the right; when that column would not
        hold them all (large text, a narrow screen), the controls in a band at the foot instead. Nothing here
        scrolls: a touch anywhere begins, so a scroll button (or a drag) would begin the visit, and controls
        below the fold could never be reached."""
        W_, H = ctx.size
        sw = max(ctx.px(340), W_ * 38 // 100)
        sv = ScrollView(self.side_items(ctx), name="side", bg="panel", pad=24, pad_x=28, reserve=False)
        wide = W_ >= ctx.px(900) and sv.natural_height(ctx, sw) <= H
        if wide:
            sv.layout(ctx, pygame.Rect(W_ - sw, 0, sw, H))
            dv = PosterView(self.demo_items(ctx), cap=POSTER_TEXT, name="body", pad=24, pad_x=36, reserve=False,
                            scroll=False, crop=True)
            dv.layout(ctx, pygame.Rect(0, 0, W_ - sw, H))
            self.views = [dv, sv]
            return
        # the scene above is a poster (how long a visit takes at its head), cut at the band
        sv = ScrollView(self.compact_side_items(ctx), name="side", bg="panel", pad=12, pad_x=24, reserve=False)
        sh = min(sv.natural_height(ctx, W_), H // 2)
        sv.layout(ctx, pygame.Rect(0, H - sh, W_, sh))
        demo = [*self.visit_items(), *self.demo_items(ctx)]
        dv = PosterView(demo, cap=POSTER_TEXT, name="body", pad=8, pad_x=24, reserve=False, scroll=False, crop=True)
        dv.layout(ctx, pygame.Rect(0, 0, W_, H - sh))
        while dv.content_h > dv.rect.h and len(dv.root.items) > 1:  # whole items only, no line cut in half
            dv.root.items.pop()
            dv.layout(ctx, dv.rect)
        self.views = [dv, sv]

    def side_items(self, ctx: Ctx) -> list[Item]:
        """What it is, how long, "Touch anywhere to begin", the languages, and how to hear it read."""
        return self.title_items() + self.visit_items() + self.begin_items() + self.language_items() \
            + self.speech_items()

    def compact_side_items(self, ctx: Ctx) -> list[Item]:
        """The same in a band under a narrow or large-text demonstration: begin, the languages and Read aloud
        on one (wrapping) line (how long a visit takes goes above the demonstration)."""
        return [Row([self.begin_items()[0], *self.language_buttons(),
                     W(speechbridge.speech_button(self.app, fill=False))], gap=12)]

    def title_items(self) -> list[Item]:
        return [Text(_("On the List"), "title", "ink"), Gap(6),
                Text(_("Live a life built on the record of China's social credit lists."), "body", "ink"), Gap(14)]

    def speech_items(self) -> list[Item]:
        """How to have the game read aloud (a kiosk with a speaker or a headphone jack)."""
        return [Gap(16), Row([W(speechbridge.speech_button(self.app, fill=False))]), Gap(6),
                Text(speechbridge.attract_hint(self.app), "body", "muted")]

    def visit_items(self) -> list[Item]:
        from ..attractdemo import visit_minutes

        game = self.app.game
        minutes = visit_minutes(game.story, [life.id for life in self.offered()]) if game else 0
        if not minutes:
            return []
        return [Text(_("A visit takes about {minutes} minutes.").format(minutes=minutes), "heading", "ink"),
                Text(_("Nothing you do here is kept."), "small", "muted"), Gap(16)]

    def begin_items(self) -> list[Item]:
        return [W(Button("begin", _("Touch to begin"), self.begin, kind="primary", auto=True, fill=False)),
                Gap(18)]

    def language_items(self) -> list[Item]:
        """The languages the interface speaks, each named in its own language; choosing one begins in it."""
        buttons = self.language_buttons()
        if not buttons:
            return []
        return [Text(_("Language"), "small_bold", "ink"), Gap(4), Row(buttons, gap=10), Gap(14)]

    def language_buttons(self) -> list[Item]:
        """One button per language (none when there is only one)."""
        from ... import i18n

        try:
            names = i18n.languages()
        except Exception:  # noqa: BLE001 - no catalogs: no choice to offer
            return []
        if len(names) < 2:
            return []
        cur = getattr(self.app.settings, "language", "en") or "en"
        return [W(Button(f"lang:{code}", name, (lambda c=code: self.choose_language(c)), kind="toggle",
                         selected=cur == code, fill=False)) for code, name in names.items()]

    def demo_items(self, ctx: Ctx) -> list[Item]:
        from .. import attractviews as av

        beats = self.schedule()
        self.index, phase = self.at(self.app.clock())
        self.phase_key = self.anim_key(phase)
        if not beats:
            return [Gap(40), Text(_("On the List"), "title", "ink", align="center")]
        _start, length, beat = beats[self.index]
        tag = [Text(_("THE GAME PLAYS ITSELF: TOUCH TO PLAY") if phase is not None else _("A SCENE FROM THE GAME"),
                    "tag", "muted"), Gap(10)]
        game = self.app.game
        if beat.kind == "intro":
            return tag + av.intro_items(game, game.story.lives[beat.life])
        if beat.kind == "map":
            return tag + av.map_items(game, beat, phase)
        return tag + av.scene_items(game, beat, phase, self.begin, length)

    # -- motion -----------------------------------------------------------------------------------------
    def anim_key(self, phase: float | None) -> object:
        """What the frame shows of the beat's motion (changes only while something moves)."""
        from .. import attractviews as av

        if phase is None or not self.beats:
            return None
        _s, length, beat = self.beats[self.index]
        # tagged: a bare frame number 0 would equal False ("not pressed yet"), and a stamp whose first frame
        # was number 0 would then never be drawn landed (a slow frame at the start of the beat)
        if beat.kind == "map":
            return ("map", int(min(phase, av.MAP_DRAW) / FRAME))
        if beat.refused and phase < av.STAMP_LAND:
            return ("stamp", int(phase / FRAME))
        if beat.kind == "scene" and beat.chosen:
            return ("pressed", phase >= av.PRESS_AT * length)
        return None

    def update(self, now: float) -> bool:
        if self.still() or not self.schedule():
            return False
        index, phase = self.at(now)
        if index != self.index or self.anim_key(phase) != self.phase_key:
            self.rebuild()
            return True
        return False

    def wake_at(self, now: float) -> float | None:
        from .. import attractviews as av

        if self.still() or not self.schedule():
            return None
        index, phase = self.at(now)
        start, length, beat = self.beats[index]
        due = [length - phase]
        if beat.kind == "map" and phase < av.MAP_DRAW or beat.refused and phase < av.STAMP_LAND:
            due.append(FRAME)
        elif beat.kind == "scene" and beat.chosen and phase < av.PRESS_AT * length:
            due.append(av.PRESS_AT * length - phase)
        return now + max(0.001, min(due))

    # -- input --------------------------------------------------------------------------------------------
    def pointer_up(self, pos, kind) -> None:
        # a touch anywhere begins; a language button begins in that language; Read aloud only toggles
        pressed = self.st.pressed
        if pressed is None or not (pressed.key.startswith("lang:") or pressed.key == "speech"):
            self.st.pressed = None
            self.begin()
            return
        super().pointer_up(pos, kind)

    def choose_language(self, code: str) -> None:
        """The visit's language (for this visit only: a reset goes back to the kiosk's), then begin."""
        from .. import modesbridge

        self.app.apply_settings(modesbridge.copy_settings(self.app.settings, language=code), save=False)
        self.begin()

    def begin(self) -> None:
        from .lives import LivesScreen

        if self.app.top is self:
            self.app.push(LivesScreen(self.app))

    def on_back(self) -> None:
        pass


class StillThereScreen(Dialog):
    """"Still there?" with the seconds left; any touch or key keeps the visit going."""

    name = "still_there"

    def items(self, ctx: Ctx) -> list[Item]:
        k = self.app.kiosk
        left = k.timer.seconds_left() if k is not None else 0
        return [Text(_("Still there?"), "title", "dialog_ink"), Gap(8),
                Text(ngettext("The game starts again for the next visitor in {n} second. Touch anywhere to keep "
                              "playing.",
                              "The game starts again for the next visitor in {n} seconds. Touch anywhere to keep "
                              "playing.", left).format(n=left),
                     "body", "dialog_ink"), Gap(18),
                W(Button("stay", _("I'm still here"), self.stay, kind="primary", fill=False))]

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


class PinScreen(PinPad):
    """The staff PIN pad, opened by the staff key chord. A wrong PIN says so and leaves the pad open for
    another try; during a lockout (too many wrong PINs) the chord opens it to say how long is left."""

    width = 520

    def __init__(self, app) -> None:
        super().__init__(app)
        self.shown_lock = self.locked()  # the seconds shown, so the pad redraws when they change

    def locked(self) -> int:
        guard = self.app.guard
        return guard.locked_seconds() if guard is not None and hasattr(guard, "locked_seconds") else 0

    def heading(self) -> tuple[str, str]:
        return _("Staff only"), _("Type the PIN to close the kiosk.")

    def items(self, ctx: Ctx) -> list[Item]:
        left = self.locked()
        if not left:
            items = super().items(ctx)
            if self.message:  # where the eye is (under the digits typed), not small under the buttons
                items.pop()
                items.insert(4, Text(self.message, "body_bold", "dialog_ink"))
            return items
        title, _text = self.heading()
        out: list[Item] = [Text(title, "heading", "dialog_ink")]
        if self.message:
            out.append(Text(self.message, "body", "dialog_ink"))
        return out + [Text(ngettext("Too many wrong PINs: try again in {n} second.",
                                    "Too many wrong PINs: try again in {n} seconds.", left).format(n=left),
                           "body", "dialog_ink"), Gap(12),
                      W(Button("pin:cancel", _("Close"), self.cancel, kind="primary", fill=False))]

    def submit(self) -> None:
        guard = self.app.guard
        if self.locked():
            return
        if guard is not None and guard.submit_pin(self.digits):
            self.app.request_quit("staff")
            return
        self.digits = ""
        self.message = _("That PIN is not right.")
        self.shown_lock = self.locked()
        self.rebuild()

    def cancel(self) -> None:
        if self.app.guard is not None:
            self.app.guard.cancel_pin()
        self.app.pop()

    def update(self, now: float) -> bool:
        if self.app.guard is not None and not self.app.guard.awaiting_pin:
            self.app.pop()
            return True
        left = self.locked()
        if left != self.shown_lock:  # the lockout counts down, or has ended: the keypad is back
            if not left:
                self.message = ""
            self.shown_lock = left
            self.rebuild()
            return True
        return False

    def wake_at(self, now: float) -> float | None:
        return now + (0.5 if self.locked() else 1.0)

    def autoplay_targets(self):
        return []

    def on_back(self) -> None:
        self.cancel()
