"""Where the game keeps its files: the user's data, config, cache and log folders, never beside the code.

The folders come from platformdirs (app name ``on-the-list``). Setting the environment variable
``ON_THE_LIST_HOME`` to a folder puts everything under it instead (``data/``, ``config/``,
``cache/``, ``logs/``, ``exports/``): tests, kiosks and portable installs use it.

Nothing here creates a folder; the code that writes a file creates its folder first.

Kiosk mode calls ``set_writes_enabled(False)``: saves, settings and exports then write nothing, so no
visitor's run ever reaches the disk (only the kiosk's own log, which holds no personal data).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "on-the-list"
ENV_HOME = "ON_THE_LIST_HOME"

_writes_enabled = True


def set_writes_enabled(enabled: bool) -> None:
    """Allow or forbid saves, settings and exports for the whole process (kiosk mode forbids them)."""
    global _writes_enabled
    _writes_enabled = bool(enabled)


def writes_enabled() -> bool:
    return _writes_enabled


def _override() -> Path | None:
    value = os.environ.get(ENV_HOME, "").strip()
    return Path(value).expanduser() if value else None


def _platform(kind: str) -> Path:
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - platformdirs is a dependency; this keeps tools working
        return Path.home() / f".{APP_NAME}" / kind
    if kind == "documents":
        return Path(platformdirs.user_documents_dir())
    fn = {"data": platformdirs.user_data_dir, "config": platformdirs.user_config_dir,
          "cache": platformdirs.user_cache_dir, "logs": platformdirs.user_log_dir}[kind]
    return Path(fn(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Saves and other things the player would miss if they were deleted."""
    home = _override()
    return home / "data" if home else _platform("data")


def config_dir() -> Path:
    """Settings and the kiosk configuration."""
    home = _override()
    return home / "config" if home else _platform("config")


def cache_dir() -> Path:
    """Things that can be rebuilt (a parsed-story cache)."""
    home = _override()
    return home / "cache" if home else _platform("cache")


def log_dir() -> Path:
    """The kiosk's rotating log."""
    home = _override()
    return home / "logs" if home else _platform("logs")


def saves_dir() -> Path:
    """The autosave and the manual save slots."""
    return data_dir() / "saves"


def export_dir() -> Path:
    """Where a classroom summary goes when no folder is given: ``Documents/On the List summaries``."""
    home = _override()
    return home / "exports" if home else _platform("documents") / "On the List summaries"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def kiosk_config_file() -> Path:
    return config_dir() / "kiosk.json"


__all__ = ["APP_NAME", "ENV_HOME", "cache_dir", "config_dir", "data_dir", "export_dir", "kiosk_config_file",
           "log_dir", "saves_dir", "set_writes_enabled", "settings_file", "writes_enabled"]
