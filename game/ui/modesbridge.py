"""The window's calls into game/modes (settings, saves, classroom export, kiosk), behind one thin
adapter so a missing or broken modes package degrades to plain defaults instead of a crash."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass
class FallbackSettings:
    """Used only when game.modes.settings cannot be imported (same field names)."""

    text_scale: float = 1.0
    high_contrast: bool = False
    reduced_motion: bool = False
    text_speed: int = 0
    volume: float = 0.8
    language: str = "en"
    fullscreen: bool = False


def _settings_mod() -> Any | None:
    try:
        from ..modes import settings
    except Exception:  # noqa: BLE001
        return None
    return settings


def quick_settings() -> FallbackSettings:
    """The few settings the first frame needs (theme, text size, motion), read straight from the JSON
    without importing the settings module and the engine behind it; the full load follows on a thread
    and validates everything (a damaged file is handled there)."""
    import json

    out = FallbackSettings()
    try:
        from ..modes import paths

        data = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - anything odd: the full load decides
        return out
    if not isinstance(data, dict):
        return out
    for name in ("high_contrast", "reduced_motion", "fullscreen"):
        if isinstance(data.get(name), bool):
            setattr(out, name, data[name])
    ts = data.get("text_scale")
    if isinstance(ts, (int, float)) and not isinstance(ts, bool) and 1.0 <= ts <= 2.0:
        out.text_scale = float(ts)
    lang = data.get("language")
    if isinstance(lang, str) and 1 < len(lang) < 12:
        out.language = lang
    return out


def real_settings(settings: Any) -> Any:
    """A FallbackSettings turned into the modes package's Settings when it is available."""
    mod = _settings_mod()
    if mod is None or not isinstance(settings, FallbackSettings):
        return settings
    return mod.Settings(**dataclasses.asdict(settings)).clamped()


def load_settings() -> tuple[Any, str | None]:
    mod = _settings_mod()
    if mod is None:
        return FallbackSettings(), None
    try:
        return mod.load_settings()
    except Exception as exc:  # noqa: BLE001
        return mod.Settings(), f"The settings could not be read ({exc})."


def default_settings() -> Any:
    mod = _settings_mod()
    return mod.Settings() if mod is not None else FallbackSettings()


def save_settings(settings: Any) -> str | None:
    mod = _settings_mod()
    if mod is None:
        return None
    try:
        return mod.save_settings(settings)
    except Exception as exc:  # noqa: BLE001
        return f"The settings could not be saved ({exc})."


def copy_settings(settings: Any, **changes: Any) -> Any:
    s = dataclasses.replace(real_settings(settings), **changes)
    clamp = getattr(s, "clamped", None)
    return clamp() if callable(clamp) else s


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
        return None, "Saving is not available in this build."
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
    return h.save_slot(n, session, lang) if h else "Saving is not available in this build."


def load_slot(n: int, story: Any) -> tuple[Any | None, str | None]:
    h = _home()
    if h is None:
        return None, "Saving is not available in this build."
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
        return None, f"Export is not available ({exc})."
    folder = out_dir or paths.export_dir()
    try:
        html, _csv = export(session, story, folder, answers, show_questions=show_questions, lang=lang)
    except PermissionError:
        return None, "Exports are off on this computer."
    except OSError as exc:
        return None, f"The summary could not be written ({exc.strerror or exc})."
    return str(html), f"Saved the summary as {html}"


# -- kiosk ---------------------------------------------------------------------------------------
def make_kiosk(story: Any, clock: Any = None) -> tuple[Any | None, str | None]:
    try:
        from ..modes import kiosk
    except Exception as exc:  # noqa: BLE001
        return None, f"Kiosk mode is not available ({exc})."
    _config, message = kiosk.load_kiosk_config()  # only for the message; Kiosk.load logs it for staff
    if clock is None:
        return kiosk.Kiosk.load(story), message
    return kiosk.Kiosk.load(story, clock=clock), message


def quit_guard(kiosk_on: bool) -> Any | None:
    if not kiosk_on:
        return None
    try:
        from ..modes import kiosk
    except Exception:  # noqa: BLE001
        return None
    config, _ = kiosk.load_kiosk_config()
    return kiosk.QuitGuard(True, config)


def kiosk_writes_off() -> None:
    try:
        from ..modes import paths
    except Exception:  # noqa: BLE001
        return
    paths.set_writes_enabled(False)
