"""Key bindings as data: the settings file may remap an action; bad entries are reported, never a crash,
and the game then answers the new keys (and the settings screen shows them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")

from game.modes import paths  # noqa: E402
from game.ui.flow import Text  # noqa: E402
from game.ui.keys import BINDINGS, action_for, bindings_with, build_table  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"

pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture(autouse=True)
def _pygame():
    pygame.init()  # key names need it


def key(name: str) -> int:
    return pygame.key.key_code(name)


def test_defaults_map_every_key_of_the_table():
    table = build_table()
    for action, keys in BINDINGS.items():
        for k in keys:
            mod = pygame.KMOD_CTRL if k.startswith("ctrl+") else pygame.KMOD_SHIFT if k.startswith("shift+") else 0
            assert action_for(key(k.split("+")[-1] if "+" in k[1:] else k), mod, table) == action, k


def test_a_remapped_key_takes_over_and_leaves_its_old_action():
    bindings, problems = bindings_with({"journal": ["h", "f2"]})
    assert problems == []
    table = build_table(bindings)
    assert action_for(key("h"), 0, table) == "journal"
    assert action_for(key("f2"), 0, table) == "journal"
    assert action_for(key("j"), 0, table) is None  # replaced, not added to
    assert "h" not in bindings["history"]


def test_bad_entries_are_reported_and_left_out():
    bindings, problems = bindings_with({"fly": ["x"], "journal": ["nosuchkey", "alt+j", "f3"], "card": []})
    assert bindings["journal"] == ["f3"] and bindings["card"] == BINDINGS["card"]
    text = " ".join(problems)
    assert "'fly' is not an action" in text and "no key called 'nosuchkey'" in text
    assert "'alt' is not a modifier" in text and "card: no usable key" in text


def texts(p: Pilot) -> list[str]:
    """Every line of text the top screen lays out."""
    out: list[str] = []

    def walk(item) -> None:
        if isinstance(item, Text):
            out.append(item.text)
        for child in getattr(item, "items", []):
            walk(child)

    for v in p.app.top.views:
        walk(v.root)
    return out


def write_settings(data: dict) -> None:
    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text(json.dumps(data), encoding="utf-8")


def test_the_settings_file_remaps_keys_in_the_game():
    write_settings({"keys": {"journal": ["f2"]}})
    p = Pilot.start(EXAMPLE, character="ming")
    assert p.screen == "play"
    p.key("j")
    assert p.screen == "play"  # j no longer opens the journal
    p.key("f2")
    assert p.screen == "journal"
    p.key("escape")
    p.key("escape")
    p.click("Settings")
    assert p.screen == "settings"
    assert "Journal: F2" in texts(p)
    assert p.app.errors == []


def test_a_bad_keys_entry_is_said_on_the_settings_screen_and_the_rest_works():
    write_settings({"keys": {"journal": ["nosuchkey"], "fly": ["x"]}, "high_contrast": True})
    p = Pilot.start(EXAMPLE, character="ming")
    assert p.app.settings.high_contrast  # the rest of the file still counts
    assert "nosuchkey" in p.app.settings_message and "fly" in p.app.settings_message
    p.key("j")
    assert p.screen == "journal"  # the usual key stays
    assert p.app.errors == []


def test_keys_of_the_wrong_shape_reset_with_a_message():
    write_settings({"keys": ["j"]})
    p = Pilot.start(EXAMPLE)
    assert p.app.settings.keys == {} and "keys" in p.app.settings_message
    assert p.app.errors == []
