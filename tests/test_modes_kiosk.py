"""Kiosk mode: configuration, the idle timer with a fake clock, the quit guard, the visit reset, the log."""

from __future__ import annotations

import json
import logging
import sys
import weakref
from pathlib import Path

import pytest

from game.engine.runtime import Session
from game.modes import home, kiosk, paths
from game.modes.kiosk import (
    ACTIVE,
    ATTRACT,
    RESET,
    WARNING,
    IdleTimer,
    Kiosk,
    KioskConfig,
    QuitGuard,
    Visit,
    load_kiosk_config,
    parse_chord,
    reset_visit,
)
from game.modes.settings import Settings, save_settings


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture(autouse=True)
def kiosk_home(user_home):
    yield user_home
    kiosk.close_log()  # the kiosk's log file is held open by the logging module


# -- configuration ----------------------------------------------------------------------------------
def test_default_config():
    c, message = load_kiosk_config()
    assert message is None
    assert c.idle_seconds == 90 and c.countdown_seconds == 30
    assert c.chord == (frozenset({"ctrl", "shift", "alt"}), "q")
    assert c.staff_pin == kiosk.DEFAULT_PIN


def write_config(data) -> Path:
    f = paths.kiosk_config_file()
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return f


def test_config_file_is_read():
    write_config({"idle_seconds": 120, "countdown_seconds": 45, "staff_pin": "482913",
                  "staff_chord": "ctrl+alt+k", "lives": ["ming"], "log_backups": 2})
    c, message = load_kiosk_config()
    assert message is None
    assert (c.idle_seconds, c.countdown_seconds, c.staff_pin, c.lives, c.log_backups) == (
        120, 45, "482913", ("ming",), 2)
    assert c.chord == (frozenset({"ctrl", "alt"}), "k")


def test_countdown_is_never_under_20_seconds():
    write_config({"countdown_seconds": 5})
    c, message = load_kiosk_config()
    assert c.countdown_seconds == 20 and "countdown_seconds" in message
    assert IdleTimer(90, 3).countdown_seconds == 20


@pytest.mark.parametrize("data, field", [({"staff_pin": "12"}, "staff_pin"), ({"staff_pin": 1234}, "staff_pin"),
                                         ({"staff_chord": "q"}, "staff_chord"),
                                         ({"staff_chord": "shift+q"}, "staff_chord"),
                                         ({"idle_seconds": "soon"}, "idle_seconds"), ({"colour": 1}, "colour")])
def test_bad_values_fall_back_with_a_message(data, field):
    write_config(data)
    c, message = load_kiosk_config()
    assert field in message
    assert c.staff_pin == kiosk.DEFAULT_PIN and c.chord[1] == "q"


def test_damaged_config_gives_defaults_and_is_left_for_staff():
    f = write_config("{oops")
    c, message = load_kiosk_config()
    assert c == KioskConfig() and "could not be read" in message
    assert f.exists()


def test_parse_chord():
    assert parse_chord("Control+Shift+Alt+Q") == (frozenset({"ctrl", "shift", "alt"}), "q")
    with pytest.raises(ValueError):
        parse_chord("ctrl+shift")


# -- idle timer -------------------------------------------------------------------------------------
def test_idle_timer_countdown_touch_and_reset():
    clock = FakeClock()
    t = IdleTimer(90, 30, clock)
    assert t.poll() == ATTRACT
    clock.advance(500)
    assert t.poll() == ATTRACT  # nobody is playing: nothing counts
    t.start()
    clock.advance(89)
    assert t.poll() == ACTIVE
    clock.advance(1)
    assert t.poll() == WARNING  # "Still there?"
    assert t.seconds_left() == 30
    clock.advance(12.5)
    assert t.poll() == WARNING and t.seconds_left() == 18
    t.feed()  # a touch keeps the visit going
    assert t.poll() == ACTIVE and t.seconds_left() == 0
    clock.advance(89)
    assert t.poll() == ACTIVE
    clock.advance(1)
    assert t.poll() == WARNING
    clock.advance(29.9)
    assert t.poll() == WARNING and t.seconds_left() == 1
    clock.advance(0.1)
    assert t.poll() == RESET
    assert t.poll() == ATTRACT  # reported once


def test_input_keeps_the_timer_from_warning():
    clock = FakeClock()
    t = IdleTimer(90, 30, clock)
    t.start()
    for _ in range(10):
        clock.advance(60)
        t.feed()
        assert t.poll() == ACTIVE


def test_a_late_poll_still_shows_the_whole_countdown():
    clock = FakeClock()
    t = IdleTimer(90, 30, clock)
    t.start()
    clock.advance(1000)  # e.g. the PC was suspended
    assert t.poll() == WARNING and t.seconds_left() == 30
    clock.advance(30)
    assert t.poll() == RESET


def test_pause_stops_the_clock():
    clock = FakeClock()
    t = IdleTimer(90, 30, clock)
    t.start()
    clock.advance(80)
    t.pause()
    clock.advance(300)  # the game is reading aloud
    assert t.poll() == ACTIVE
    t.resume()
    clock.advance(9)
    assert t.poll() == ACTIVE
    clock.advance(1)
    assert t.poll() == WARNING


# -- quitting ---------------------------------------------------------------------------------------
QUIT_SOURCES = ("window", "escape", "alt+f4", "ctrl+q", "ctrl+w")


def test_quit_is_free_outside_kiosk_mode():
    g = QuitGuard(False)
    assert all(g.allow_quit(s) for s in QUIT_SOURCES)
    assert not g.key("q", ctrl=True, shift=True, alt=True)


def test_kiosk_ignores_quit_requests():
    g = QuitGuard(True, KioskConfig(), FakeClock())
    assert not any(g.allow_quit(s) for s in QUIT_SOURCES)
    assert not g.key("escape")
    assert not g.key("f4", alt=True)
    assert not g.key("q", ctrl=True)
    assert not g.key("q", ctrl=True, shift=True)  # not the whole chord
    assert not g.key("q", ctrl=True, shift=True, alt=True, meta=True)  # more than the chord
    assert not g.submit_pin("0000")  # a PIN without the chord does nothing
    assert not g.allow_quit("window")


def test_staff_chord_then_pin_allows_quit():
    clock = FakeClock()
    g = QuitGuard(True, KioskConfig(staff_pin="482913"), clock)
    assert g.key("q", ctrl=True, shift=True, alt=True)
    assert g.awaiting_pin
    assert not g.submit_pin("000000")  # wrong
    assert g.awaiting_pin and not g.allow_quit("window")  # the pad stays open for another try
    assert g.submit_pin("482913")
    assert not g.awaiting_pin and g.allow_quit("window")
    g = QuitGuard(True, KioskConfig(staff_pin="482913"), clock)
    assert g.key("q", ctrl=True, shift=True, alt=True) and not g.submit_pin("1")
    g.cancel_pin()
    assert not g.awaiting_pin and not g.submit_pin("482913")  # closed: the chord first again
    assert g.key("Q", ctrl=True, shift=True, alt=True)
    assert g.submit_pin("482913")
    assert g.allow_quit("window") and g.allow_quit("escape")


def test_pin_pad_times_out():
    clock = FakeClock()
    g = QuitGuard(True, KioskConfig(staff_pin="482913", pin_timeout_seconds=20), clock)
    assert g.key("q", ctrl=True, shift=True, alt=True)
    clock.advance(21)
    assert not g.awaiting_pin
    assert not g.submit_pin("482913") and not g.allow_quit()


def test_wrong_pins_lock_the_chord_out():
    clock = FakeClock()
    g = QuitGuard(True, KioskConfig(staff_pin="482913", pin_attempts=3, lockout_seconds=60), clock, show_lockout=True)
    assert g.key("q", ctrl=True, shift=True, alt=True)
    for _ in range(3):
        assert g.locked_seconds() == 0
        assert not g.submit_pin("1111")
    assert g.locked_seconds() == 60 and g.awaiting_pin  # the pad shows the lockout
    clock.advance(10.5)
    assert g.locked_seconds() == 50
    assert not g.submit_pin("482913") and not g.allow_quit()  # locked out: not even the right PIN
    clock.advance(25)
    assert not g.awaiting_pin  # the pad closed by itself
    assert g.key("q", ctrl=True, shift=True, alt=True) and g.locked_seconds() == 25  # the chord shows the time left
    assert not g.submit_pin("482913")
    clock.advance(26)
    assert g.locked_seconds() == 0
    assert g.key("q", ctrl=True, shift=True, alt=True)
    assert g.submit_pin("482913") and g.allow_quit()



def test_without_show_lockout_the_pad_closes_and_the_chord_is_ignored_during_a_lockout():
    clock = FakeClock()  # the classroom's teacher gate, which has its own pad, uses the guard this way
    g = QuitGuard(True, KioskConfig(staff_pin="482913", pin_attempts=2, lockout_seconds=60), clock)
    assert g.key("q", ctrl=True, shift=True, alt=True)
    assert not g.submit_pin("1111") and g.awaiting_pin
    assert not g.submit_pin("1111") and not g.awaiting_pin and g.locked_seconds() == 60
    assert not g.key("q", ctrl=True, shift=True, alt=True)
    clock.advance(61)
    assert g.key("q", ctrl=True, shift=True, alt=True) and g.submit_pin("482913")

# -- the visit and its reset ------------------------------------------------------------------------
def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_idle_reset_clears_everything(story, user_home):
    clock = FakeClock()
    k = Kiosk(story, KioskConfig(staff_pin="482913"), clock=clock, seed=lambda: 5)
    assert [life.id for life in k.lives()] == ["ming"]
    defaults = k.config.visitor_settings()
    assert k.visit.is_clear(defaults)
    assert k.poll() == ATTRACT

    session = k.start_visit("ming")
    assert session.state.start == "short"
    session.choose("fast")
    k.touch()
    session.choose("call")
    k.touch()
    k.visit.answers["one_score"] = "fact"
    k.visit.scratch["screen"] = "debrief"
    k.visit.settings.text_scale = 2.0
    # the UI tries to save and export: kiosk mode writes nothing
    assert home.autosave(session) is None and home.save_slot(1, session) is None
    assert save_settings(Settings(text_scale=2.0)) is None
    gone = weakref.ref(session)
    history = weakref.ref(session.history[-1])
    state = weakref.ref(session.state)
    del session

    clock.advance(90)
    assert k.poll() == WARNING and k.timer.seconds_left() == 30
    k.touch()  # a touch cancels the countdown
    assert k.poll() == ACTIVE and k.visit.active
    clock.advance(90)
    assert k.poll() == WARNING
    clock.advance(30)
    assert k.poll() == RESET
    assert k.poll() == ATTRACT

    assert k.visit.is_clear(defaults)
    assert k.visit.settings.text_scale == defaults.text_scale
    assert gone() is None and history() is None and state() is None  # the run is gone from memory
    # on disk: only the kiosk's log, which holds nothing of the visit
    written = files_under(user_home)
    assert [p.name for p in written] == ["kiosk.log"]
    assert written[0].parent == paths.log_dir()
    kiosk.close_log()
    log = written[0].read_text(encoding="utf-8")
    assert "kiosk started" in log and "visit started: ming" in log and "reset (idle)" in log
    for secret in ("fast", "call", "Call the court", "one_score", "debrief", "refused", "ticket"):
        assert secret not in log


def test_reset_visit_function():
    defaults = Settings(text_scale=1.25)
    v = Visit(settings=Settings(text_scale=2.0), life="ming", answers={"a": "myth"}, scratch={"x": [1]},
              started=3.0)
    v.session = object()  # type: ignore[assignment]
    reset_visit(v, defaults)
    assert v.is_clear(defaults)
    v.settings.text_scale = 1.5
    assert defaults.text_scale == 1.25  # the defaults are copied, not shared


def test_finished_visit_reset_and_staff_exit(story, user_home):
    clock = FakeClock()
    k = Kiosk(story, KioskConfig(staff_pin="482913"), clock=clock)
    s = k.start_visit("ming")
    s.choose("bike")
    assert s.ended
    del s
    k.reset("finished")
    assert k.visit.is_clear(k.config.visitor_settings()) and k.timer.state == ATTRACT
    assert not k.guard.allow_quit("window")
    assert k.guard.key("q", ctrl=True, shift=True, alt=True) and k.guard.submit_pin("482913")
    assert k.staff_exit() == kiosk.STAFF_EXIT_STATUS != 0
    assert k.guard.allow_quit("window")
    kiosk.close_log()
    log = (paths.log_dir() / "kiosk.log").read_text(encoding="utf-8")
    assert "reset (finished)" in log and "staff exit" in log and "482913" not in log


def test_crash_log_holds_no_paths_or_host(user_home, monkeypatch):
    import socket

    monkeypatch.setattr(socket, "gethostname", lambda: "museum-pc-7")
    logger = kiosk.setup_log(KioskConfig())
    try:
        raise FileNotFoundError("/home/alice/secret/notes.txt on museum-pc-7")
    except FileNotFoundError as exc:
        kiosk.log_crash(exc, logger)
    kiosk.close_log()
    log = (paths.log_dir() / "kiosk.log").read_text(encoding="utf-8")
    assert "crash FileNotFoundError" in log and "notes.txt" in log and "test_modes_kiosk.py:" in log
    assert "alice" not in log and "/home" not in log and "museum-pc-7" not in log


def test_crash_hook_logs_then_calls_the_previous_hook(user_home, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: seen.append(a[0]))
    logger = kiosk.setup_log(KioskConfig())
    kiosk.install_crash_hook(logger)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert seen == [RuntimeError]
    kiosk.close_log()
    assert "crash RuntimeError: boom" in (paths.log_dir() / "kiosk.log").read_text(encoding="utf-8")


def test_log_rotates(user_home):
    logger = kiosk.setup_log(KioskConfig(log_max_bytes=4096, log_backups=2))
    for i in range(400):
        logger.info("reset (idle) after %d min", i)
    kiosk.close_log()
    names = sorted(p.name for p in paths.log_dir().iterdir())
    assert names == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    assert all(p.stat().st_size <= 4096 + 200 for p in paths.log_dir().iterdir())


def test_log_can_be_turned_off(story, user_home):
    Kiosk(story, KioskConfig(log_enabled=False), clock=FakeClock())
    assert files_under(user_home) == []
    assert isinstance(logging.getLogger(kiosk.LOGGER_NAME).handlers[0], logging.NullHandler)


def test_session_of_kiosk_is_a_plain_session(story):
    k = Kiosk(story, KioskConfig(), clock=FakeClock(), logger=logging.getLogger("test.kiosk"))
    assert isinstance(k.start_visit("ming"), Session)


def test_kiosk_load_logs_config_problems(story, user_home):
    write_config({"staff_pin": "CHANGE-ME", "idle_seconds": 60})
    k = Kiosk.load(story, clock=FakeClock())
    assert k.config.idle_seconds == 60 and k.config.staff_pin == kiosk.DEFAULT_PIN
    kiosk.close_log()
    log = (paths.log_dir() / "kiosk.log").read_text(encoding="utf-8")
    assert "'staff_pin' is not valid" in log and "default staff PIN" in log
