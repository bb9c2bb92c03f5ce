"""The player's settings: text size, contrast, motion, text speed, speech, language, fullscreen, pinyin and
bilingual text (for learners of Chinese), keys.

They live in ``settings.json`` in the user's config folder (see :mod:`game.modes.paths`) as::

    {"format": "on-the-list-settings", "version": 1, "text_scale": 1.0, "high_contrast": false, ...}

Loading never fails: a missing file gives the defaults; a damaged file (not JSON, not an object, not
our format) gives the defaults with a message and is kept aside as ``settings.damaged-...json``;
a single value of the wrong type falls back to its default with a message; a number out of range
is clamped. Unknown keys are ignored, so a newer game's settings file still loads.

``keys`` remaps the keyboard: an action name and the keys for it, e.g. ``"keys": {"journal": ["j", "f2"]}``
(the actions and key names are those of :mod:`game.ui.keys`, which checks them and reports bad ones).

The window reads this file before its first frame, so this module does not import the engine until it has
to move a damaged file aside or write one (the engine loads on a thread after the first frame).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..i18n import N_, Message
from . import paths

SETTINGS_FORMAT = "on-the-list-settings"
SETTINGS_VERSION = 1
MAX_SETTINGS_BYTES = 1024 * 1024

# numeric settings and their (min, max)
RANGES: dict[str, tuple[float, float]] = {
    "text_scale": (1.0, 2.0),
    "text_speed": (0, 200),
    "speech_rate": (0.5, 2.0),
    "speech_volume": (0.0, 1.0),
}
_LANG = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


@dataclass
class Settings:
    """Every setting, with its default."""

    text_scale: float = 1.0  # 1.0 to 2.0: multiplies every font size (2.0 = 200%)
    high_contrast: bool = False  # the high-contrast palette
    reduced_motion: bool = False  # no animation beyond what is needed
    text_speed: int = 0  # characters per second for text that types itself; 0 = all at once
    speech: bool = False  # the game reads screens aloud (self-voicing)
    speech_rate: float = 1.0  # 0.5 to 2.0
    speech_volume: float = 1.0  # 0.0 to 1.0: eSpeak NG's loudness, 1.0 its default
    language: str = "en"  # a language code the story has, else English is shown
    fullscreen: bool = False
    pinyin: bool = False  # learners of Chinese: pinyin above the hanzi of the story (when it shows Chinese)
    bilingual: bool = False  # and the English under each Chinese paragraph
    keys: dict[str, list[str]] = field(default_factory=dict)  # action -> keys, replacing that action's defaults

    def clamped(self) -> Settings:
        """A copy with every number within its range (and integers where integers are meant)."""
        out = Settings(**asdict(self))
        for name, (lo, hi) in RANGES.items():
            value = getattr(out, name)
            default = getattr(Settings, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
                value = default
            value = min(max(value, lo), hi)
            setattr(out, name, int(round(value)) if isinstance(default, int) else float(value))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"format": SETTINGS_FORMAT, "version": SETTINGS_VERSION, **asdict(self.clamped())}


def _check(name: str, value: Any, default: Any) -> tuple[Any, bool]:
    """The value to use for one setting, and whether the given value was acceptable."""
    if isinstance(default, bool):
        return (value, True) if isinstance(value, bool) else (default, False)
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return default, False
        return value, True
    if name == "language":
        return (value, True) if isinstance(value, str) and _LANG.match(value) else (default, False)
    if name == "keys":
        ok = isinstance(value, dict) and all(isinstance(a, str) and isinstance(ks, list) and
                                             all(isinstance(k, str) for k in ks) for a, ks in value.items())
        return ({a: list(ks) for a, ks in value.items()}, True) if ok else (default, False)
    return (value, True) if isinstance(value, type(default)) else (default, False)


def settings_from_dict(data: Any) -> tuple[Settings, list[str]]:
    """Settings from parsed JSON, and the names of values that were wrong and replaced by defaults."""
    defaults = Settings()
    if not isinstance(data, dict):
        return defaults, ["(all)"]
    values: dict[str, Any] = {}
    bad: list[str] = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        value, ok = _check(f.name, data[f.name], getattr(defaults, f.name))
        values[f.name] = value
        if not ok:
            bad.append(f.name)
    return Settings(**values).clamped(), bad


def load_settings(path: str | Path | None = None) -> tuple[Settings, str | None]:
    """Read the settings; never raises. Returns the settings and a message when something was wrong."""
    p = Path(path) if path is not None else paths.settings_file()
    try:
        if p.stat().st_size > MAX_SETTINGS_BYTES:
            raise ValueError("too large")
        data = json.loads(p.read_bytes().decode("utf-8"))
        if not isinstance(data, dict) or data.get("format", SETTINGS_FORMAT) != SETTINGS_FORMAT:
            raise ValueError("not settings")
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        from ..engine.saves import DAMAGED, move_aside  # see the module's docstring: only when needed

        moved = move_aside(p, DAMAGED)
        if moved:
            return Settings(), Message(N_("The settings file was damaged, so the default settings are used. "
                                          "The damaged file was kept as {name}."), name=moved.name)
        return Settings(), Message(N_("The settings file was damaged, so the default settings are used."))
    settings, bad = settings_from_dict(data)
    if bad:
        return settings, Message(N_("Some settings were not valid and were reset: {names}."), names=", ".join(bad))
    return settings, None


def save_settings(settings: Settings, path: str | Path | None = None) -> str | None:
    """Write the settings atomically. Returns None, or a message when the disk refused.

    Writes nothing when writing is off (kiosk mode): a visitor's text size never outlives the visit.
    """
    if not paths.writes_enabled():
        return None
    from ..engine.saves import atomic_write_text  # see the module's docstring: only when needed

    p = Path(path) if path is not None else paths.settings_file()
    try:
        atomic_write_text(p, json.dumps(settings.to_dict(), indent=1, sort_keys=True) + "\n")
    except OSError as exc:
        return Message(N_("The settings could not be saved ({reason})."), reason=exc.strerror or "error")
    return None


__all__ = ["RANGES", "SETTINGS_FORMAT", "SETTINGS_VERSION", "Settings", "load_settings", "save_settings",
           "settings_from_dict"]
