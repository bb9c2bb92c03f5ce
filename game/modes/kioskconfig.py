"""The kiosk's configuration: ``kiosk.json`` in the config folder, read and checked (see docs/kiosk.md).

Every value is checked, so a mistyped file never stops a museum's kiosk: a number outside its range is
moved to the nearest end of the range (what the operator most likely meant: 5 idle seconds asks for a
short wait, so 15, not the default 90), any other wrong value falls back to its default, and each change
is named in a note for the kiosk log. Split from kiosk.py, which re-exports these names.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from . import paths
from .settings import Settings

MIN_COUNTDOWN = 20.0  # WCAG 2.2.1: a warning of at least 20 seconds
DEFAULT_CHORD = "ctrl+shift+alt+q"
DEFAULT_PIN = "0000"
MODIFIERS = ("ctrl", "shift", "alt", "meta")


@dataclass(frozen=True)
class KioskConfig:
    """The kiosk's settings. Every field can be set in ``kiosk.json``; see docs/kiosk.md."""

    idle_seconds: float = 90.0  # no input this long -> "Still there?"
    countdown_seconds: float = 30.0  # the "Still there?" countdown; at least 20
    staff_chord: str = DEFAULT_CHORD  # then the PIN; e.g. "ctrl+shift+alt+q"
    staff_pin: str = DEFAULT_PIN  # 4 to 12 digits; change it on every kiosk
    pin_timeout_seconds: float = 20.0  # the PIN pad closes by itself after this long
    pin_attempts: int = 3  # wrong PINs before the chord is locked out
    lockout_seconds: float = 60.0
    lives: tuple[str, ...] = ()  # the lives offered (ids); empty: every life
    language: str = "en"
    text_scale: float = 1.25  # the visitor's starting text size (1.0 to 2.0)
    high_contrast: bool = False
    reduced_motion: bool = False  # a calm attract (one still) and no animation, for every visit
    speech: bool = False  # each visit starts reading aloud (a kiosk with headphones or a speaker)
    speech_rate: float = 1.0  # 0.5 to 2.0
    log_enabled: bool = True
    log_max_bytes: int = 256 * 1024  # one log file's size before it rotates
    log_backups: int = 5  # rotated files kept

    @property
    def chord(self) -> tuple[frozenset[str], str]:
        return parse_chord(self.staff_chord)

    def visitor_settings(self) -> Settings:
        """The settings each visit starts from."""
        return Settings(text_scale=self.text_scale, high_contrast=self.high_contrast, language=self.language,
                        reduced_motion=self.reduced_motion, speech=self.speech, speech_rate=self.speech_rate,
                        fullscreen=True).clamped()


def parse_chord(text: str) -> tuple[frozenset[str], str]:
    """``"ctrl+shift+alt+q"`` -> ({"ctrl", "shift", "alt"}, "q"). Raises ValueError when malformed."""
    parts = [p.strip().lower() for p in str(text).split("+")]
    if len(parts) < 2 or not all(parts):
        raise ValueError("a chord is modifiers and a key joined by '+', e.g. ctrl+shift+alt+q")
    *mods, key = parts
    aliases = {"control": "ctrl", "option": "alt", "cmd": "meta", "super": "meta", "win": "meta"}
    mods = [aliases.get(m, m) for m in mods]
    if any(m not in MODIFIERS for m in mods) or key in MODIFIERS:
        raise ValueError(f"modifiers are {', '.join(MODIFIERS)}; the key comes last")
    if len(set(mods)) < 2:
        raise ValueError("the chord needs at least two modifiers, so no visitor presses it by chance")
    return frozenset(mods), key


_LIMITS: dict[str, tuple[float, float]] = {
    "idle_seconds": (15.0, 3600.0),
    "countdown_seconds": (MIN_COUNTDOWN, 600.0),
    "pin_timeout_seconds": (5.0, 300.0),
    "pin_attempts": (1, 20),
    "lockout_seconds": (0.0, 3600.0),
    "text_scale": (1.0, 2.0),
    "speech_rate": (0.5, 2.0),
    "log_max_bytes": (4096, 64 * 1024 * 1024),
    "log_backups": (1, 50),
}


def config_from_dict(data: Any) -> tuple[KioskConfig, list[str]]:
    """A config from parsed JSON, and a note for each value that was wrong (replaced by its default)."""
    base = KioskConfig()
    if not isinstance(data, dict):
        return base, ["the file does not hold a JSON object"]
    values: dict[str, Any] = {}
    notes: list[str] = []
    known = {f.name for f in fields(KioskConfig)}
    for key in data:
        if key not in known and key not in ("format", "version") and not key.startswith("_"):
            notes.append(f"unknown setting '{key}'")
    for name in known:
        if name not in data:
            continue
        value, default = data[name], getattr(base, name)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, (int, float)):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            if ok:
                lo, hi = _LIMITS.get(name, (-math.inf, math.inf))
                if not lo <= value <= hi:
                    notes.append(f"'{name}' {value:g} is not between {lo:g} and {hi:g}; using "
                                 f"{min(max(value, lo), hi):g}")
                value = min(max(value, lo), hi)
                value = int(value) if isinstance(default, int) else float(value)
        elif name == "lives":
            ok = isinstance(value, list) and all(isinstance(x, str) for x in value)
            value = tuple(value) if ok else default
        elif name == "language":
            ok = isinstance(value, str) and value in _languages()
            if not ok:
                notes.append(f"'language' {json.dumps(value, ensure_ascii=False)[:40]} is not one of "
                             f"{', '.join(_languages())}; using the default ({default})")
                continue
        elif name == "staff_pin":
            ok = isinstance(value, str) and re.fullmatch(r"[0-9]{4,12}", value) is not None
        elif name == "staff_chord":
            try:
                parse_chord(value)
                ok = True
            except (ValueError, AttributeError):
                ok = False
        else:
            ok = isinstance(value, str)
        if ok:
            values[name] = value
        else:
            notes.append(f"'{name}' is not valid; using the default")
    return replace(base, **values), notes


def _languages() -> list[str]:
    """The interface's language codes (English and each catalog)."""
    from .. import i18n

    return [i18n.SOURCE_LANGUAGE] + sorted(p.parent.parent.name
                                           for p in i18n.LOCALE_DIR.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po"))


def load_kiosk_config(path: str | Path | None = None) -> tuple[KioskConfig, str | None]:
    """Read ``kiosk.json`` (default: in the config folder). Never raises; a missing file gives the
    defaults, a bad file or value the defaults with a message. The file is never moved or written:
    staff manage it."""
    p = Path(path) if path is not None else paths.kiosk_config_file()
    try:
        data = json.loads(p.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return KioskConfig(), None
    except json.JSONDecodeError as exc:  # a slip in the file: say where, as an editor counts lines and columns
        return KioskConfig(), (f"The kiosk configuration {p.name} could not be read (line {exc.lineno}, column "
                               f"{exc.colno}: {exc.msg}), so the defaults are used.")
    except UnicodeDecodeError as exc:
        return KioskConfig(), (f"The kiosk configuration {p.name} could not be read (byte {exc.start} is not "
                               "UTF-8), so the defaults are used.")
    except (OSError, ValueError, RecursionError) as exc:
        return KioskConfig(), (f"The kiosk configuration {p.name} could not be read ({type(exc).__name__}), so the "
                               "defaults are used.")
    config, notes = config_from_dict(data)
    if notes:
        return config, f"In {p.name}: " + "; ".join(notes) + "."
    return config, None
