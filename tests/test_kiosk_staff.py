"""Kiosk mode hides what does not apply to a visitor (saving, keyboard shortcuts), logs failed staff PINs
without their digits, and its guide shows the very configuration file it ships."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pygame
import pytest

from game.modes import kiosk as kiosk_mode
from game.modes import paths
from game.modes.kiosk import config_from_dict
from game.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
CHORD = pygame.KMOD_CTRL | pygame.KMOD_SHIFT | pygame.KMOD_ALT

pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture(autouse=True)
def _close_log():
    yield
    kiosk_mode.close_log()


def texts(p: Pilot) -> list[str]:
    p.app.ensure_layout()
    out: list[str] = []

    seen: set[int] = set()

    def walk(item) -> None:
        if id(item) in seen:
            return
        seen.add(id(item))
        if isinstance(getattr(item, "text", None), str):
            out.append(item.text)
        for value in vars(item).values():  # the items inside: in lists, or one (a header's title...)
            for child in value if isinstance(value, (list, tuple)) else [value]:
                if hasattr(child, "measure") and hasattr(child, "draw"):
                    walk(child)

    for v in p.app.top.views:
        walk(v.root)
    return out


def open_settings(p: Pilot) -> None:
    if p.app.kiosk is not None:
        p.tap_at((5, 5))
        p.tap(key="life:ming")
        p.tap(key="menu")
        p.tap(key="settings")
    else:
        p.click("Settings")
    assert p.screen == "settings"


def test_kiosk_settings_say_nothing_is_kept_and_show_no_keys():
    p = Pilot.start(EXAMPLE, kiosk=True)
    open_settings(p)
    shown = texts(p)
    assert "Saved as you change them" not in shown
    assert "For this visit only: nothing is kept" in shown
    assert "Keys" not in shown and not any(t.startswith("Next control:") for t in shown)


def test_home_settings_keep_both():
    p = Pilot.start(EXAMPLE)
    open_settings(p)
    shown = texts(p)
    assert "Saved as you change them" in shown and "Keys" in shown


def kiosk_log() -> str:
    kiosk_mode.close_log()
    return (paths.log_dir() / "kiosk.log").read_text(encoding="utf-8")


def test_failed_staff_pins_are_logged_without_their_digits():
    p = Pilot.start(EXAMPLE, kiosk=True)
    tries = ["9137", "2468", "5550"]
    for pin in tries:
        p.key("q", CHORD)
        assert p.screen == "pin"
        for d in pin:
            p.key(d)
        p.key("return")
        assert p.app.running
    log = kiosk_log()
    assert "wrong staff PIN (1 of 3" in log and "wrong staff PIN (3 of 3" in log
    assert "staff PIN locked for 60 s after 3 wrong PINs" in log
    for pin in tries:
        assert pin not in log
    lines = [line for line in log.splitlines() if "wrong staff PIN" in line]
    assert len(lines) == 3 and all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d WARNING ", line) for line in lines)


def docs_json_example() -> dict:
    text = (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")
    m = re.search(r"Start from \[`kiosk/kiosk\.example\.json`\].*?```json\n(.*?)```", text, re.S)
    assert m, "docs/kiosk.md shows the example configuration after its link"
    return json.loads(m.group(1))


def test_the_guide_shows_the_shipped_example_config():
    shipped = json.loads((ROOT / "docs" / "kiosk" / "kiosk.example.json").read_text(encoding="utf-8"))
    assert docs_json_example() == shipped


def test_the_example_pin_placeholder_is_refused_until_staff_change_it():
    shipped = json.loads((ROOT / "docs" / "kiosk" / "kiosk.example.json").read_text(encoding="utf-8"))
    config, notes = config_from_dict(shipped)
    assert notes == ["'staff_pin' is not valid; using the default"]  # every other value is valid as shipped
    assert config.staff_pin == kiosk_mode.DEFAULT_PIN
    text = (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")
    assert shipped["staff_pin"] in text  # the guide names the placeholder to replace
    config, notes = config_from_dict(shipped | {"staff_pin": "482913"})
    assert notes == [] and config.staff_pin == "482913"


def type_pin(p: Pilot, pin: str) -> None:
    for d in pin:
        p.key(d)
    p.key("return")


def test_a_wrong_staff_pin_says_so_and_a_lockout_shows_its_time_left():
    p = Pilot.start(EXAMPLE, kiosk=True)
    p.key("q", CHORD)
    type_pin(p, "9137")
    assert p.screen == "pin" and "That PIN is not right." in texts(p)  # the pad stays open for another try
    assert p.find(key="pin:1") is not None
    type_pin(p, "2468")
    type_pin(p, "5550")
    assert p.screen == "pin"
    shown = texts(p)
    assert "That PIN is not right." in shown and "Too many wrong PINs: try again in 60 seconds." in shown
    assert not any(w.key.startswith("pin:") and w.key[4:].isdigit() for w in p.widgets())  # no keypad now
    p.step(1, dt=5)
    assert "Too many wrong PINs: try again in 55 seconds." in texts(p)  # it counts down
    p.tap(key="pin:cancel")
    assert p.screen == "attract"
    p.key("q", CHORD)  # the chord during the lockout: the pad says how long is left
    assert p.screen == "pin" and "Too many wrong PINs: try again in 55 seconds." in texts(p)
    type_pin(p, kiosk_mode.DEFAULT_PIN)  # not even the right PIN during a lockout
    assert p.app.running and p.screen == "pin"
    p.step(1, dt=19)
    p.step(1, dt=2)
    assert p.screen == "attract"  # closed by itself
    p.step(1, dt=40)
    p.key("q", CHORD)
    assert p.screen == "pin" and not any(t.startswith("Too many") for t in texts(p))
    type_pin(p, kiosk_mode.DEFAULT_PIN)
    assert not p.app.running and p.app.exit_status == kiosk_mode.STAFF_EXIT_STATUS


def test_the_kiosk_says_to_touch_read_aloud_never_to_press_a_key():
    from game.ui import speechbridge

    p = Pilot.start(EXAMPLE, kiosk=True)
    shown = texts(p)
    assert "To hear the game read aloud, touch Read aloud." in shown
    assert not any("press" in t.lower() for t in shown)
    button = p.find(key="speech")
    assert button.sub == "Off: touch to turn on"
    p.tap(key="speech")
    assert p.screen == "attract" and p.find(key="speech").sub == "On: touch to turn off"
    home = Pilot.start(EXAMPLE)  # a keyboard at home: the key is named there
    assert speechbridge.attract_hint(home.app) == "To hear the game read aloud, touch Read aloud or press V."
    assert speechbridge.speech_button(home.app).sub == "Off: press V to turn on"
