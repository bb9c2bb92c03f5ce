"""Ending the window cleanly on SIGTERM and SIGINT (a service stop, a logout, a shutdown, Ctrl+C).

SDL would otherwise turn SIGTERM and SIGINT into a window-close request, which a kiosk refuses by design,
so ``systemctl stop`` or a shutdown would hang until the supervisor killed the game. So SDL is told not to
install signal handlers (the ``SDL_NO_SIGNAL_HANDLERS`` hint, set before the display starts), and Python
handlers ask the main loop to stop instead. The loop then ends within one nap (at most 50 ms) with the
shell's status for a death by signal, 128 + the signal's number (143 for SIGTERM, 130 for SIGINT): not the
staff exit's 10, so a supervisor starts the game again.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

HINT = "SDL_NO_SIGNAL_HANDLERS"


def _stop_signals() -> list[signal.Signals]:
    names = ("SIGTERM", "SIGINT", "SIGHUP")  # SIGHUP: the session ended (no such signal on Windows)
    return [getattr(signal, n) for n in names if hasattr(signal, n)]


def keep_sdl_out() -> None:
    """Tell SDL not to take SIGTERM and SIGINT; must run before the display is initialised."""
    os.environ[HINT] = "1"


def exit_status(signum: int) -> int:
    """The shell's exit status for a process ended by this signal."""
    return 128 + int(signum)


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def install(on_stop: Callable[[int], None]) -> Callable[[], None]:
    """Call ``on_stop(signum)`` on each stop signal; returns a function putting the previous handlers back.
    Does nothing outside the main thread (Python handles signals only there)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, _frame: FrameType | None) -> None:
        on_stop(signum)

    for sig in _stop_signals():
        try:
            previous[sig] = signal.signal(sig, handler)
        except (OSError, ValueError):  # not settable here (e.g. an embedded interpreter)
            continue

    def restore() -> None:
        for sig, old in previous.items():
            try:
                signal.signal(sig, old if old is not None else signal.SIG_DFL)
            except (OSError, ValueError, TypeError):
                pass

    return restore
