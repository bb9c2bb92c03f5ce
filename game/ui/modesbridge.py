"""The window's calls into game/modes (settings, saves, classroom export, kiosk).

The settings are the modes package's own (the window cannot start without them). Saves, exports and the
kiosk go through one thin adapter each, so a broken one of those degrades to a message instead of a crash.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..i18n import _
from ..modes.settings import Settings, load_settings, save_settings

__all__ = ["Settings", "copy_settings", "load_settings", "save_settings"]  # and the functions below


def copy_settings(settings: Settings, **changes: Any) -> Settings:
    """The settings with some changed, every number within its range."""
    return dataclasses.replace(settings, **changes).clamped()


# -- home: autosave, Continue, slots -------------------------------------------------------------
def _home() -> Any | None:
    try:
        from ..modes import home
    except Exception:  # noqa: BLE001
        return None
    return home


def autosave(session: Any, lang: str | None) -> str | None:
    h = _home()
    return h.autosave(session, lang) if h else None


def continue_info(story: Any) -> Any | None:
    h = _home()
    if h is None:
        return None
    try:
        return h.continue_info(story)
    except Exception:  # noqa: BLE001
        return None


def continue_session(story: Any) -> tuple[Any | None, str | None]:
    h = _home()
    if h is None:
        return None, _("Saving is not available in this build.")
    return h.continue_session(story)


def slots() -> list[Any]:
    h = _home()
    if h is None:
        return []
    try:
        return h.slot_info()
    except Exception:  # noqa: BLE001
        return []


def save_slot(n: int, session: Any, lang: str | None) -> str | None:
    h = _home()
    return h.save_slot(n, session, lang) if h else _("Saving is not available in this build.")


def load_slot(n: int, story: Any) -> tuple[Any | None, str | None]:
    h = _home()
    if h is None:
        return None, _("Saving is not available in this build.")
    return h.load_slot(n, story)


def writes_enabled() -> bool:
    try:
        from ..modes import paths
    except Exception:  # noqa: BLE001
        return True
    return paths.writes_enabled()


# -- classroom -----------------------------------------------------------------------------------
def export_summary(session: Any, story: Any, out_dir: Any, answers: dict[str, str], show_questions: bool,
                   lang: str | None) -> tuple[str | None, str]:
    """(path of the HTML written, message)."""
    try:
        from ..modes import paths
        from ..modes.export import export_summary as export
    except Exception as exc:  # noqa: BLE001
        return None, _("Export is not available ({problem}).").format(problem=exc)
    folder = out_dir or paths.export_dir()
    try:
        html, _csv = export(session, story, folder, answers, show_questions=show_questions, lang=lang)
    except PermissionError:
        return None, _("Exports are off on this computer.")
    except OSError as exc:
        return None, _("The summary could not be written ({problem}).").format(problem=exc.strerror or exc)
    return str(html), _("Saved the summary as {path}").format(path=html)


# -- kiosk ---------------------------------------------------------------------------------------
def make_kiosk(story: Any, clock: Any = None) -> tuple[Any | None, str | None]:
    try:
        from ..modes import kiosk
    except Exception as exc:  # noqa: BLE001
        return None, _("Kiosk mode is not available ({problem}).").format(problem=exc)
    _config, message = kiosk.load_kiosk_config()  # only for the message; Kiosk.load logs it for staff
    if clock is None:
        return kiosk.Kiosk.load(story), message
    return kiosk.Kiosk.load(story, clock=clock), message
