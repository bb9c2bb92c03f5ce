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
    assert "staff chord locked for 60 s after 3 wrong PINs" in log
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
