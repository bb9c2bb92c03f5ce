"""The window's main loop, and the App that the screens talk to.

The loop redraws only when something changed (a dirty flag) and otherwise sleeps until the next thing due
(an animation, autoplay, the kiosk's idle clock), looking at the event queue every few milliseconds after
input and less and less often while the page sits idle, so an idle page costs almost nothing (pygame's
``event.wait`` would wake a thousand times a second). The parts, one job each:

- window.py: the OS window, scaling and letterboxing, the drawing context;
- stack.py: the screen stack;          events.py: input turned into calls on the top screen;
- storyload.py: the story, loaded on a thread after the first frame; opening.py: the screen after it;
- settingsctl.py: settings put into effect; kioskctl.py: the kiosk's idle clock and reset;
- autoplay.py, screenshots.py: ``--autoplay`` and ``--screenshot-dir``;
- painter.py: drawing a frame, only what changed; transition.py, motion.py: screens sliding or fading in.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

import pygame

from ..i18n import Message, _, say
from . import artbridge, kioskctl, opening, settingsctl, stopsignals, watch
from .autoplay import Autoplay
from .events import InputRouter
from .options import Options
from .painter import Painter
from .screen import Screen
from .screenshots import Screenshots
from .speechbridge import SpeechBridge
from .stack import ScreenStack
from .storyload import StoryLoader
from .window import Window

Clock = Callable[[], float]
# the loop's sleeps between looks at the event queue when nothing is due: short right after input (typing
# and dragging stay smooth), growing with the time since (a tenth of it) to the longest, which is the most
# the first touch after a long idle can wait
NAP_MIN, NAP_MAX = 0.008, 0.05
MAX_ERRORS = 100  # errors kept in App.errors (all are logged): a kiosk runs for months


class App:
    def __init__(self, opts: Options, *, clock: Clock = time.monotonic, threaded: bool = True) -> None:
        self.opts = opts
        self.clock = clock
        self.threaded = threaded
        self.started = clock()
        self.settings, self.settings_message = settingsctl.initial(opts)
        self.bindings, self.key_table, keys_message = settingsctl.key_bindings(self.settings)
        if self.settings_message and keys_message:  # both, each still in the language of the moment (say)
            self.settings_message = Message("{first} {second}", first=self.settings_message, second=keys_message)
        else:
            self.settings_message = self.settings_message or keys_message
        self.win = Window(opts.size, bool(opts.fullscreen or opts.kiosk or self.settings.fullscreen),
                          self.settings, clock)
        self.screens = ScreenStack()
        self.painter = Painter()
        self.input = InputRouter(self)
        self.loader = StoryLoader(opts.story, use_cache=not opts.kiosk)
        self.autoplay = Autoplay(opts.seed, opts.pace, self.started) if opts.autoplay else None
        self.shots = Screenshots(opts.screenshot_dir) if opts.screenshot_dir else None
        self.watch = watch.StoryWatch(opts.story, self.started) if opts.watch else None  # --watch: live preview
        self.dirty = True
        self.running = True
        self.game: Any = None  # GameCtl once the story is loaded
        self.pending: list[Callable[[], None]] = []  # what waits for the story (when_loaded)
        self.errors: list[str] = []  # exceptions caught while handling input or drawing (tests assert none)
        self.frames = 0
        self.kiosk: Any = None  # the Kiosk in kiosk mode, once the story is loaded
        self.guard: Any = None  # the kiosk's quit guard
        self.exit_status = 0  # a kiosk's staff exit ends with its own status, so supervisors stay down
        self.stop_signal: int | None = None  # SIGTERM or SIGINT that ended the loop (stopsignals.py)
        self.export_dir = opts.export_dir
        self.toast: str | None = None
        self.toast_at = 0.0
        self._last_input = time.monotonic()
        self.speech = SpeechBridge(self)  # reads screens aloud when the speech setting is on
        if self.settings_message:  # a damaged settings file: said once at start (and kept in Settings)
            self.notify(self.settings_message)

    # -- the window (window.py) ------------------------------------------------------------------
    window = property(lambda self: self.win.surface)
    canvas = property(lambda self: self.win.canvas)
    canvas_rect = property(lambda self: self.win.canvas_rect)
    ctx = property(lambda self: self.win.ctx)
    layout_gen = property(lambda self: self.win.layout_gen)
    fullscreen = property(lambda self: self.win.fullscreen)

    def relayout(self) -> None:
        """Lay everything out again for the window's size and the settings (theme, text size)."""
        if self.win.build_ctx(self.settings):
            self.painter.drop_under()
        self.dirty = True

    def resize(self, size: tuple[int, int]) -> None:
        self.win.resize(size)
        self.relayout()

    def bring_back(self) -> None:
        """A kiosk's window was hidden, minimised or lost focus: back to the front, drawn again."""
        before = self.win.surface
        if self.win.bring_back():
            if self.win.surface is not before:
                self.relayout()
            self.painter.forget()
            self.dirty = True

    def apply_settings(self, settings: Any, *, save: bool = True) -> None:
        settingsctl.apply(self, settings, save=save)

    def toggle_fullscreen(self) -> None:
        settingsctl.toggle_fullscreen(self)

    def notify(self, text: str) -> None:
        """A message shown at the foot of the screen until the next input (a message from the engine or the
        save files in the current language)."""
        self.toast = say(text)
        self.toast_at = self.clock()
        self.dirty = True

    # -- the screens (stack.py) ------------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.screens.top

    def push(self, screen: Screen) -> None:
        if screen.opaque:
            self.painter.drop_under()
        self.screens.push(screen)
        self.dirty = True

    def pop(self) -> Screen | None:
        self.dirty = True
        return self.screens.pop()

    def replace(self, screen: Screen) -> None:
        self.screens.replace(screen)
        self.dirty = True

    def reset_to(self, screen: Screen) -> None:
        self.screens.reset_to(screen)
        self.dirty = True

    def pop_to(self, name: str) -> None:
        self.screens.pop_to(name)
        self.dirty = True

    def find(self, name: str) -> Screen | None:
        return self.screens.find(name)

    def ensure_layout(self) -> None:
        self.screens.ensure_layout(self.ctx, self.layout_gen)

    def visible_screens(self) -> list[Screen]:
        return self.screens.visible()

    # -- the story (storyload.py, opening.py) ----------------------------------------------------
    def boot(self) -> None:
        """The title screen, then the story (on a thread when threaded, started once the first frame is
        drawn: until then the loader would take half the interpreter's time from it)."""
        from .screens.title import TitleScreen

        self.reset_to(TitleScreen(self))
        if self.threaded:
            self.loader.prepare()
        else:
            self.loader.load()
            self._open_story()

    def _open_story(self) -> None:
        self.loader.taken = True
        opening.open_story(self, self.loader)

    def when_loaded(self, f: Callable[[], None]) -> None:
        if self.game is not None:
            f()
        else:
            self.pending.append(f)

    def run_pending(self) -> None:
        for f in self.pending:
            f()
        self.pending.clear()

    def start_life(self, life_id: str, start: str = "main") -> None:
        from .screens.play import PlayScreen

        if self.kiosk is not None:
            self.game.adopt(self.kiosk.start_visit(life_id))
        else:
            self.game.start(life_id, start)
        self.push(PlayScreen(self))

    def kiosk_reset(self) -> None:
        kioskctl.reset(self)

    def request_quit(self, source: str) -> None:
        if self.guard is not None and not self.guard.allow_quit(source):
            return
        if self.kiosk is not None and self.guard is not None and self.guard.unlocked:
            # the supervisor (systemd unit, Windows task) restarts the game after any other exit
            self.exit_status = self.kiosk.staff_exit()
        self.running = False

    def stop_by_signal(self, signum: int) -> None:
        """SIGTERM or SIGINT (a service stop, a shutdown, Ctrl+C): stop whatever the kiosk's quit guard says,
        with 128 + the signal's number, so a supervisor restarts the game (stopsignals.py)."""
        self.stop_signal = signum
        self.exit_status = stopsignals.exit_status(signum)
        self.running = False

    # -- the loop ----------------------------------------------------------------------------------
    def run(self) -> int:
        restore_signals = stopsignals.install(self.stop_by_signal)
        try:
            self.boot()
            self.draw()  # the first frame, while the story loads
            while not self.should_stop():
                timeout = self.timeout_ms()
                self.step(pygame.event.get() if timeout == 0 else self.wait_events(timeout))
            self.shutdown()
        finally:
            restore_signals()
        return self.exit_status

    def step(self, events: list[pygame.event.Event]) -> None:
        """One frame: handle events, take the loaded story, advance timers, redraw if needed."""
        for ev in events:
            self.safely(lambda ev=ev: self.input.handle(ev))
        self.loader.start()  # normally done by the first frame, unless that frame failed
        if self.loader.finished:
            self.safely(self._open_story)
        now = self.clock()
        self.ctx.now = now
        if self.kiosk is not None:
            self.safely(lambda: kioskctl.tick(self))
        if self.autoplay is not None and self.autoplay.due(now):
            self.safely(lambda: self.autoplay.step(self))
        if self.watch is not None and not self.loader.loading and self.watch.changed(now):
            self.safely(lambda: watch.reload(self))
        if self.game is not None and self.game.message:  # e.g. the autosave failed: say so once
            self.notify(self.game.message)
            self.game.message = None
        top = self.top
        if top is not None and top.update(now):
            self.dirty = True
        if self.painter.moving:  # a screen transition plays: its next frame
            self.dirty = True
        if self.dirty:
            self.safely(self.draw)
        self.safely(self.speech.after_frame)
        for text in artbridge.take_errors():  # a picture that failed: its plain version shows, the error counts
            self.record_error(text)
        self.screens.release_retired()
        self.frames += 1

    def safely(self, f: Callable[[], None]) -> None:
        """Run f; an exception is logged, kept in ``errors`` and shown on an error screen, never a crash."""
        try:
            f()
        except Exception as exc:  # noqa: BLE001 - never a crash in front of a class
            from .screens.error import ErrorScreen

            self.record_error("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
            self.push(ErrorScreen(self, _("Something went wrong"), [f"{type(exc).__name__}: {exc}",
                                  _("You can go back and carry on; the problem was written to the log.")],
                                  can_go_back=True))

    def record_error(self, text: str) -> None:
        """Log an error and keep it in ``errors`` (tests assert there are none)."""
        print(text, file=sys.stderr)
        if len(self.errors) < MAX_ERRORS and text not in self.errors:
            self.errors.append(text)

    def draw(self) -> None:
        self.ensure_layout()
        self.painter.paint(self.visible_screens(), self.ctx, self.window, self.canvas, self.canvas_rect,
                           self.layout_gen, self.toast, self.game.version if self.game else 0, self.clock())
        self.dirty = False
        self.loader.start()  # the first frame is up: now the story
        if self.shots is not None:  # the screen as it settles, not part way in
            self.shots.maybe(lambda: self.painter.settled(self.window, self.canvas_rect), self.top)

    def timeout_ms(self) -> int | None:
        """How long the loop may sleep waiting for input (None: until input)."""
        now = self.clock()
        due: list[float] = []
        if self.autoplay is not None:
            due.append(self.autoplay.next_at)
        if self.opts.quit_after is not None:
            due.append(self.started + self.opts.quit_after)
        if self.opts.frames is not None:
            return 16
        if self.loader.loading:
            return 20
        if self.kiosk is not None:
            due.append(now + kioskctl.TICK)
        if self.watch is not None:
            due.append(self.watch.next_look)
        top = self.top
        if top is not None:
            w = top.wake_at(now)
            if w is not None:
                due.append(w)
        w = self.painter.wake_at(now)  # a screen transition's next frame
        if w is not None:
            due.append(w)
        if self.dirty:
            return 0
        if not due:
            return None
        return max(0, int((min(due) - now) * 1000))

    def wait_events(self, timeout: int | None) -> list[pygame.event.Event]:
        """The events that come within ``timeout`` ms (None: wait for one); empty when none came.

        pygame's ``event.wait`` polls every millisecond, a thousand wake-ups a second; this sleeps between
        looks at the queue instead: NAP_MIN after input, longer the longer nothing happens (up to NAP_MAX),
        never past the timeout, so whatever is due still happens on time."""
        start = time.monotonic()
        deadline = None if timeout is None else start + timeout / 1000
        while True:
            events = pygame.event.get()
            now = time.monotonic()
            if events:
                self._last_input = now
                return events
            if not self.running:  # a stop signal came while nothing else happened
                return []
            if deadline is not None and now >= deadline:
                return []
            nap = min(NAP_MAX, max(NAP_MIN, (now - self._last_input) / 10))
            if deadline is not None:
                nap = min(nap, deadline - now)
            time.sleep(nap)

    def should_stop(self) -> bool:
        if not self.running:
            return True
        if self.opts.frames is not None and self.frames >= self.opts.frames:
            return True
        return self.opts.quit_after is not None and self.clock() - self.started >= self.opts.quit_after

    def shutdown(self) -> None:
        self.speech.close()
        if self.stop_signal is not None:
            name = stopsignals.signal_name(self.stop_signal)
            print(f"On the List: stopped by {name} (exit status {self.exit_status})", file=sys.stderr)
            if self.kiosk is not None:
                self.kiosk.stopped(name)
        for s in list(self.screens.screens):
            f = getattr(s, "on_quit", None)
            if f:
                try:
                    f()
                except Exception:  # noqa: BLE001
                    pass

    @property
    def frame_times(self) -> list[float]:
        return self.painter.frame_times


def run_window(opts: Options) -> int:
    """Open the window with these options and play until it closes; the exit status."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    stopsignals.keep_sdl_out()  # before the display starts: SIGTERM must reach our handler, not SDL's
    app = App(opts)
    try:
        return app.run()
    finally:
        pygame.quit()
