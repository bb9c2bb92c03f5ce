"""Settings: defaults, persistence, clamping, and a damaged file kept aside."""

from __future__ import annotations

import json

import pytest

from game.modes import paths
from game.modes.settings import Settings, load_settings, save_settings, settings_from_dict

pytestmark = pytest.mark.usefixtures("user_home")


def test_missing_file_gives_defaults():
    assert load_settings() == (Settings(), None)


def test_settings_persist():
    s = Settings(text_scale=1.5, high_contrast=True, reduced_motion=True, text_speed=40, speech_rate=1.5,
                 language="zh", fullscreen=True, speech=True, keys={"journal": ["f2"]})
    assert save_settings(s) is None
    assert paths.settings_file().exists()
    loaded, message = load_settings()
    assert message is None and loaded == s
    doc = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert doc["format"] == "on-the-list-settings" and doc["version"] == 1


def test_out_of_range_values_are_clamped():
    paths.settings_file().parent.mkdir(parents=True)
    paths.settings_file().write_text(json.dumps({"text_scale": 5, "text_speed": -1,
                                                 "speech_rate": 0.1}), encoding="utf-8")
    s, message = load_settings()
    assert message is None
    assert (s.text_scale, s.text_speed, s.speech_rate) == (2.0, 0, 0.5)
    assert Settings(text_speed=10_000).clamped().text_speed == 200
    assert Settings(text_scale=0.2).clamped().text_scale == 1.0


def test_wrong_types_fall_back_per_value_with_a_message():
    paths.settings_file().parent.mkdir(parents=True)
    paths.settings_file().write_text(json.dumps({"text_scale": "big", "high_contrast": 1, "language": "../x",
                                                 "text_speed": 50, "keys": {"journal": "f2"},
                                                 "future_setting": 3}), encoding="utf-8")
    s, message = load_settings()
    assert s.text_scale == 1.0 and s.high_contrast is False and s.language == "en" and s.text_speed == 50
    assert s.keys == {}
    assert "text_scale" in message and "high_contrast" in message and "language" in message and "keys" in message
    assert paths.settings_file().exists()


@pytest.mark.parametrize("raw", [b"{not json", b"", b"[1, 2]", b"\xff\xfe", b'{"format": "other"}', b"null"])
def test_damaged_file_falls_back_and_is_kept_aside(raw):
    f = paths.settings_file()
    f.parent.mkdir(parents=True)
    f.write_bytes(raw)
    s, message = load_settings()
    assert s == Settings()
    assert "damaged" in message and "default" in message
    assert not f.exists()
    kept = [p for p in f.parent.iterdir() if p.name.startswith("settings.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    # saving again works, and the damaged copy stays
    assert save_settings(Settings(text_scale=1.2)) is None
    assert load_settings() == (Settings(text_scale=1.2), None)
    assert kept[0].exists()


def test_settings_from_dict_rejects_non_objects():
    s, bad = settings_from_dict("x")
    assert s == Settings() and bad


def test_no_settings_written_when_writes_are_off(user_home):
    paths.set_writes_enabled(False)
    assert save_settings(Settings(text_scale=2.0)) is None
    assert not user_home.exists()
