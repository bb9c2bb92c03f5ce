"""The kiosk's log: a rotating ``kiosk.log`` of starts, resets, staff exits, stops and crashes only.

Never a choice, an answer or any text a visitor saw; file paths and the host name are scrubbed from
crash messages. Split from kiosk.py, which re-exports these names.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import socket
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from . import paths

if TYPE_CHECKING:
    from .kiosk import KioskConfig

LOGGER_NAME = "on_the_list.kiosk"
LOG_FILE = "kiosk.log"

_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][^\\/\s'\"<>|:]+)+[\\/]?")


def scrub(text: str) -> str:
    """Remove what could identify a machine or a person from a log line: file paths (only the file
    name is kept) and the host name."""
    out = _PATH.sub(lambda m: "<path>/" + re.split(r"[\\/]", m.group(0).rstrip("\\/"))[-1], text)
    host = socket.gethostname()
    if len(host) >= 3:
        out = out.replace(host, "<host>")
    return out


def setup_log(config: KioskConfig | None = None, folder: str | Path | None = None) -> logging.Logger:
    """The kiosk logger, writing to a rotating ``kiosk.log`` in the user log folder (or ``folder``).

    It records starts, resets, staff exits and crashes only: never a choice, an answer or any text
    a visitor saw. Calling it again replaces the earlier handler.
    """
    if config is None:
        from .kiosk import KioskConfig

        config = KioskConfig()
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    close_log()
    if not config.log_enabled:
        logger.addHandler(logging.NullHandler())
        return logger
    where = Path(folder) if folder is not None else paths.log_dir()
    try:
        where.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            where / LOG_FILE, maxBytes=config.log_max_bytes, backupCount=config.log_backups, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()  # a read-only disk must not stop the kiosk
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    logger.addHandler(handler)
    return logger


def close_log() -> None:
    """Close and remove the kiosk log's handlers (so the file can be moved, and tests can clean up)."""
    logger = logging.getLogger(LOGGER_NAME)
    for h in list(logger.handlers):
        logger.removeHandler(h)
        h.close()


def log_crash(exc: BaseException, logger: logging.Logger | None = None) -> None:
    """Record a crash: the exception type, its scrubbed message, and the code locations (file names
    and line numbers only)."""
    logger = logger or logging.getLogger(LOGGER_NAME)
    frames = traceback.extract_tb(exc.__traceback__)
    where = " < ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames[-8:]))
    logger.error("crash %s: %s%s", type(exc).__name__, scrub(str(exc))[:300], f" at {where}" if where else "")


def install_crash_hook(logger: logging.Logger | None = None) -> None:
    """Log any uncaught exception as a crash, then let Python report it as usual (the supervisor
    restarts the game)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        try:
            log_crash(exc.with_traceback(tb), logger)
        finally:
            previous(kind, exc, tb)

    sys.excepthook = hook
