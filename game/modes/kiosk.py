"""Kiosk mode: a museum PC that visitors cannot leave, which resets itself when they walk away.

The parts, all driven by the window front end and testable with a fake clock:

- :class:`KioskConfig`, read from ``kiosk.json`` in the config folder (:func:`load_kiosk_config`):
  idle time (90 s), countdown (30 s, never under 20 s), the staff key chord and PIN, the log.
- :class:`IdleTimer`: ``attract`` (nobody playing) -> ``active`` -> after ``idle_seconds`` with no
  input, ``warning`` ("Still there?" with a countdown; any input goes back to ``active``) -> after
  ``countdown_seconds``, ``reset`` (reported once, then ``attract`` again).
- :class:`QuitGuard`: a quit request (window close, Esc, Alt+F4...) is never allowed in kiosk
  mode, except after the staff chord followed by the right PIN.
- :class:`Visit` and :func:`reset_visit`: everything one visitor leaves in memory, and the function
  that clears it. Kiosk mode writes nothing to disk (no saves, settings or exports); see
  :func:`game.modes.paths.set_writes_enabled`.
- :class:`Kiosk`: the above wired together, plus a rotating log of starts, resets and crashes only.

Key names are pygame's ``pygame.key.name()`` names in lower case (``"q"``, ``"escape"``, ``"f4"``),
so this module needs no pygame.
"""

from __future__ import annotations

import gc
import hmac
import logging
import logging.handlers
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..engine.model import Life, Story
from ..engine.runtime import Session
from . import paths
from .settings import Settings

Clock = Callable[[], float]

# The exit status after a staff exit (chord + PIN). The supervisors in docs/kiosk/ restart the game
# after any other exit (a crash, a kill), and leave it stopped after this one.
STAFF_EXIT_STATUS = 10


# -- configuration (kioskconfig.py) -------------------------------------------------------------------
from .kioskconfig import (  # noqa: E402
    DEFAULT_CHORD,
    DEFAULT_PIN,
    MIN_COUNTDOWN,
    KioskConfig,
    config_from_dict,
    load_kiosk_config,
    parse_chord,
)

# -- the idle timer ---------------------------------------------------------------------------------
ATTRACT = "attract"
ACTIVE = "active"
WARNING = "warning"
RESET = "reset"


class IdleTimer:
    """Counts the time since the last input during a visit.

    Call :meth:`start` when a visit begins, :meth:`feed` on every input (touch, click, key), and
    :meth:`poll` every frame; it returns the state. The warning lasts the full countdown from the
    moment :meth:`poll` first sees it (even after a long gap such as a suspended PC), so a visitor
    always gets the whole countdown. :meth:`pause` stops the clock while the game speaks or plays
    a video.
    """

    def __init__(self, idle_seconds: float = 90.0, countdown_seconds: float = 30.0,
                 clock: Clock = time.monotonic) -> None:
        self.idle_seconds = float(idle_seconds)
        self.countdown_seconds = max(MIN_COUNTDOWN, float(countdown_seconds))
        self.clock = clock
        self.state = ATTRACT
        self._last = clock()
        self._warned_at = 0.0
        self._paused_at: float | None = None

    def start(self) -> None:
        """A visit begins: the clock runs from now."""
        self.state = ACTIVE
        self._last = self.clock()
        self._paused_at = None

    def stop(self) -> None:
        """Back to the attract loop: nothing is counted."""
        self.state = ATTRACT
        self._paused_at = None

    def feed(self) -> None:
        """Any input: the visit goes on, and a "Still there?" countdown is cancelled."""
        if self.state in (ACTIVE, WARNING):
            self.state = ACTIVE
            self._last = self.clock()
            if self._paused_at is not None:
                self._paused_at = self._last

    def pause(self) -> None:
        """Stop counting (while the game reads aloud or plays a video)."""
        if self._paused_at is None:
            self._paused_at = self.clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            gap = self.clock() - self._paused_at
            self._last += gap
            self._warned_at += gap
            self._paused_at = None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def poll(self) -> str:
        """Advance by the clock and return the state. ``reset`` is returned once, then ``attract``."""
        if self.state == RESET:
            self.state = ATTRACT
        if self.state == ATTRACT or self._paused_at is not None:
            return self.state
        now = self.clock()
        if self.state == ACTIVE and now - self._last >= self.idle_seconds:
            self.state = WARNING
            self._warned_at = now
        elif self.state == WARNING and now - self._warned_at >= self.countdown_seconds:
            self.state = RESET
        return self.state

    def seconds_left(self) -> int:
        """Whole seconds left on the countdown (to show), or 0 when no warning is showing."""
        if self.state != WARNING:
            return 0
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0, math.ceil(self.countdown_seconds - (now - self._warned_at)))


# -- quitting ---------------------------------------------------------------------------------------
class QuitGuard:
    """Decides whether the game may quit.

    Outside kiosk mode every quit request is allowed. In kiosk mode none is (window close, Esc,
    Alt+F4, Ctrl+Q...), until staff press the chord (:meth:`key` returns True: show a PIN pad) and
    then give the right PIN (:meth:`submit_pin` returns True: quit). A wrong PIN keeps the pad open
    for another try. The PIN pad closes by itself ``pin_timeout_seconds`` after the chord or the last
    try; after ``pin_attempts`` wrong PINs no PIN is checked for ``lockout_seconds``
    (:meth:`locked_seconds`). With ``show_lockout`` (the kiosk), the pad stays open to say so and the
    chord opens it during the lockout to show the time left; without it (the classroom's teacher gate,
    which has its own pad) the pad closes and the chord is ignored until the lockout ends.
    """

    def __init__(self, kiosk: bool, config: KioskConfig | None = None, clock: Clock = time.monotonic,
                 log: logging.Logger | None = None, show_lockout: bool = False) -> None:
        self.kiosk = kiosk
        self.show_lockout = show_lockout
        self.config = config or KioskConfig()
        self.clock = clock
        self.log = log  # failed PINs are logged (how many, and when: never the digits)
        self._mods, self._key = self.config.chord
        self._asked_at: float | None = None
        self._failures = 0
        self._locked_until = -math.inf
        self.unlocked = False

    def allow_quit(self, source: str = "window") -> bool:
        """True when a quit request (``source``: "window", "escape", "alt+f4", ...) may end the game."""
        return not self.kiosk or self.unlocked

    def key(self, key: str, ctrl: bool = False, shift: bool = False, alt: bool = False, meta: bool = False) -> bool:
        """Report a key press; True when it is the staff chord and the PIN pad should open."""
        if not self.kiosk:
            return False
        held = {name for name, down in (("ctrl", ctrl), ("shift", shift), ("alt", alt), ("meta", meta)) if down}
        if str(key).lower() != self._key or held != set(self._mods):
            return False
        # during a lockout the kiosk's pad opens too, to say how long is left (no PIN is checked until then):
        # staff must be able to tell a lockout from a chord the keyboard did not send
        if self.locked_seconds() and not self.show_lockout:
            return False
        self._asked_at = self.clock()
        return True

    def locked_seconds(self) -> int:
        """Whole seconds left of a lockout after too many wrong PINs (0: none)."""
        left = self._locked_until - self.clock()
        return math.ceil(left) if left > 0 else 0

    @property
    def awaiting_pin(self) -> bool:
        """True while the PIN pad should be showing."""
        if self._asked_at is None:
            return False
        if self.clock() - self._asked_at > self.config.pin_timeout_seconds:
            self._asked_at = None
            return False
        return True

    def cancel_pin(self) -> None:
        self._asked_at = None

    def submit_pin(self, pin: str) -> bool:
        """Check the PIN typed after the chord. True: staff may quit (:meth:`allow_quit` is then True)."""
        if not self.awaiting_pin or self.locked_seconds():
            return False  # during a lockout no PIN is checked, not even the right one
        if hmac.compare_digest(str(pin).encode(), self.config.staff_pin.encode()):
            self._asked_at = None
            self._failures = 0
            self.unlocked = True
            return True
        self._asked_at = self.clock()  # the pad stays open for another try (or to show the lockout)
        self._failures += 1
        if self.log is not None:
            self.log.warning("wrong staff PIN (%d of %d before a lockout)", self._failures, self.config.pin_attempts)
        if self._failures >= self.config.pin_attempts:
            self._failures = 0
            self._locked_until = self.clock() + self.config.lockout_seconds
            if not self.show_lockout:
                self._asked_at = None
            if self.log is not None:
                self.log.warning("staff PIN locked for %g s after %d wrong PINs", self.config.lockout_seconds,
                                 self.config.pin_attempts)
        return False


# -- one visit --------------------------------------------------------------------------------------
@dataclass
class Visit:
    """Everything one visitor leaves in memory. The window keeps per-visit things only here
    (``scratch`` holds anything else: the screen they were on, a scroll position...)."""

    settings: Settings = field(default_factory=Settings)
    session: Session | None = None
    life: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    scratch: dict[str, Any] = field(default_factory=dict)
    started: float | None = None

    @property
    def active(self) -> bool:
        return self.session is not None

    def is_clear(self, defaults: Settings) -> bool:
        """True when nothing of a visitor remains (what the tests check after a reset)."""
        return (self.session is None and self.life == "" and not self.answers and not self.scratch
                and self.started is None and self.settings == defaults)


def reset_visit(visit: Visit, defaults: Settings) -> None:
    """Forget the visitor: the run and its history, the answers, anything kept for the visit, and
    their settings (back to the kiosk's). Nothing of a visit is ever on disk (kiosk mode writes
    nothing), so there is nothing to delete there. Collects garbage so the old run is gone now."""
    visit.session = None
    visit.life = ""
    visit.answers.clear()
    visit.scratch.clear()
    visit.started = None
    visit.settings = replace(defaults)
    gc.collect()


# -- the log (kiosklog.py) ----------------------------------------------------------------------------
from .kiosklog import LOG_FILE, LOGGER_NAME, close_log, install_crash_hook, log_crash, scrub, setup_log  # noqa: E402


# -- all together -----------------------------------------------------------------------------------
class Kiosk:
    """The kiosk's state for the window: the config, the idle timer, the quit guard and the visit.

    Creating one turns writing off for the whole process (no saves, settings or exports) and, unless
    a ``logger`` is given, opens the rotating log (:func:`setup_log`).
    """

    def __init__(self, story: Story, config: KioskConfig | None = None, clock: Clock = time.monotonic,
                 logger: logging.Logger | None = None, seed: Callable[[], int] | None = None) -> None:
        paths.set_writes_enabled(False)
        self.story = story
        self.config = config or KioskConfig()
        self.timer = IdleTimer(self.config.idle_seconds, self.config.countdown_seconds, clock)
        self.log = logger or setup_log(self.config)
        self.guard = QuitGuard(True, self.config, clock, self.log, show_lockout=True)
        self.visit = Visit(settings=self.config.visitor_settings())
        self._seed = seed or (lambda: secrets.randbelow(2**31))
        self.clock = clock
        self._offered = self._choose_lives()
        self.log.info("kiosk started (%d lives offered)", len(self._offered))
        if self.config.staff_pin == DEFAULT_PIN:
            self.log.warning("the default staff PIN is in use; set staff_pin in kiosk.json")

    @classmethod
    def load(cls, story: Story, path: str | Path | None = None, clock: Clock = time.monotonic) -> Kiosk:
        """Read ``kiosk.json`` (:func:`load_kiosk_config`), start the log, and log any problem with the file."""
        config, message = load_kiosk_config(path)
        kiosk = cls(story, config, clock)
        if message:
            kiosk.log.warning("%s", scrub(message))
        return kiosk

    def _choose_lives(self) -> tuple[str, ...]:
        """The ids of the lives offered: the config's ``lives`` the story has, in the story's order. An id the
        story does not have is logged (a typo staff would otherwise never see); when none is left, every life
        is offered (the default), and the log says so."""
        wanted = self.config.lives
        every = tuple(self.story.lives)
        if not wanted:
            return every
        unknown = [lid for lid in dict.fromkeys(wanted) if lid not in self.story.lives]
        if unknown:
            self.log.warning("kiosk.json: 'lives' names %s, which the story does not have (its lives: %s)",
                             ", ".join(f"'{lid}'" for lid in unknown), ", ".join(every))
        offered = tuple(lid for lid in every if lid in wanted)
        if not offered:
            self.log.warning("kiosk.json: no life in 'lives' is in the story, so every life is offered")
            return every
        return offered

    def lives(self) -> list[Life]:
        """The lives offered, in the story's order (the config's ``lives`` filter, if any): the only ones
        "Choose a life" and the attract loop show, and the only ones :meth:`start_visit` starts."""
        return [self.story.lives[lid] for lid in self._offered]

    def start_visit(self, life_id: str) -> Session:
        """A visitor picked a life: play its short path (or the whole life when it has none). A life this
        kiosk does not offer is refused (KeyError), wherever the request came from."""
        if life_id not in self._offered:
            raise KeyError(f"this kiosk does not offer the life '{life_id}'")
        life = self.story.lives[life_id]
        session = Session(self.story, life_id, seed=self._seed(), start="short" if life.short else "main")
        self.visit.session = session
        self.visit.life = life_id
        self.visit.started = self.clock()
        self.timer.start()
        self.log.info("visit started: %s", life_id)
        return session

    def touch(self) -> None:
        """Any input from the visitor (also on the attract loop)."""
        self.timer.feed()

    def wake(self) -> None:
        """Someone left the attract loop ("Touch to begin", a language, the staff chord): the idle clock runs
        from now, on every screen, before a life is picked too. Does nothing while it already runs."""
        if self.timer.state == ATTRACT:
            self.timer.start()

    def sleep(self) -> None:
        """Back on the attract loop with no run (a visitor went back from "Choose a life"): the idle clock
        stops, there is nothing to reset."""
        if not self.visit.active and self.timer.state != ATTRACT:
            self.timer.stop()
            self.guard.cancel_pin()

    def poll(self) -> str:
        """Call every frame; on ``reset`` the visit has already been cleared: show the attract loop."""
        state = self.timer.poll()
        if state == RESET:
            self.reset("idle")
        return state

    def reset(self, reason: str = "finished") -> None:
        """End the visit ("idle", "finished", "staff") and clear everything the visitor left."""
        minutes = (self.clock() - self.visit.started) / 60 if self.visit.started is not None else 0.0
        had_visit = self.visit.active
        reset_visit(self.visit, self.config.visitor_settings())
        self.timer.stop()
        self.guard.cancel_pin()
        if had_visit:
            self.log.info("reset (%s) after %.1f min", reason, minutes)

    def stopped(self, signal_name: str) -> None:
        """The game was told to stop (SIGTERM by a service stop or shutdown, SIGINT): log it. The process
        ends with 128 + the signal's number, which the supervisors treat like a crash: they restart it."""
        self.log.info("stopped by %s", signal_name)

    def staff_exit(self) -> int:
        """Staff gave the PIN: log it and return the exit status the process must end with."""
        self.log.info("staff exit")
        return STAFF_EXIT_STATUS


__all__ = ["ACTIVE", "ATTRACT", "DEFAULT_CHORD", "DEFAULT_PIN", "LOGGER_NAME", "LOG_FILE", "MIN_COUNTDOWN", "RESET",
           "STAFF_EXIT_STATUS",
           "WARNING", "IdleTimer",
           "Kiosk", "KioskConfig", "QuitGuard", "Visit", "close_log", "config_from_dict", "install_crash_hook",
           "load_kiosk_config", "log_crash", "parse_chord", "reset_visit", "scrub", "setup_log"]
