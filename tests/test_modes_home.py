"""Home mode: folders, autosave and Continue, the three manual slots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.runtime import Session
from game.modes import home, paths

CODE = Path(__file__).resolve().parent.parent / "game"


pytestmark = pytest.mark.usefixtures("user_home")


def test_folders_follow_the_override(user_home):
    for folder in (paths.data_dir(), paths.config_dir(), paths.cache_dir(), paths.log_dir(), paths.saves_dir(),
                   paths.export_dir()):
        assert user_home in folder.parents
    assert paths.settings_file().parent == paths.config_dir()


def test_default_folders_are_never_beside_the_code(monkeypatch):
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    for folder in (paths.data_dir(), paths.config_dir(), paths.cache_dir(), paths.log_dir()):
        assert "on-the-list" in str(folder)
        assert CODE.resolve() not in folder.resolve().parents


def test_autosave_and_continue_round_trip(story):
    assert not home.continue_available(story)
    s = Session(story, "ming", seed=4)
    for choice in ("fast", "call"):
        s.choose(choice)
        assert home.autosave(s) is None  # after every choice
    assert home.autosave_path().exists()
    assert home.continue_available(story)
    info = home.continue_info(story)
    assert (info.life_title, info.place_name, info.date, info.steps) == ("Ming", "Chengdu", "2016-05-25", 2)

    again, message = home.continue_session(story)
    assert message is None
    assert again.state.to_dict() == s.state.to_dict()
    assert again.enabled_choices() == s.enabled_choices()
    # one autosave file only
    assert [p.name for p in paths.saves_dir().iterdir()] == ["autosave.json"]

    home.clear_autosave()
    assert not home.continue_available(story)


def test_continue_with_damaged_autosave(story):
    s = Session(story, "ming")
    home.autosave(s)
    home.autosave_path().write_text('{"format": "on-the-list-save", "vers', encoding="utf-8")
    assert home.continue_available(story)  # offered, then explained
    session, message = home.continue_session(story)
    assert session is None and "damaged" in message
    assert not home.continue_available(story)
    assert any(p.name.startswith("autosave.damaged-") for p in paths.saves_dir().iterdir())


def test_continue_not_offered_for_another_story(story):
    home.autosave(Session(story, "ming"))
    doc = json.loads(home.autosave_path().read_text(encoding="utf-8"))
    doc["story_id"] = "other"
    home.autosave_path().write_text(json.dumps(doc), encoding="utf-8")
    assert not home.continue_available(story)
    assert home.continue_available()  # without a story: there is a file


def test_three_slots(story):
    slots = home.slot_info()
    assert [s.number for s in slots] == [1, 2, 3] and all(s.empty for s in slots)
    assert slots[0].label() == "Slot 1: empty"

    a = Session(story, "ming", seed=1)
    b = Session(story, "ming", seed=2)
    b.choose("fast")
    assert home.save_slot(1, a) is None
    assert home.save_slot(3, b) is None
    slots = home.slot_info()
    assert not slots[0].empty and slots[1].empty and not slots[2].empty
    assert slots[0].info.life_title == "Ming" and slots[0].info.place_name == "Beijing"
    assert slots[2].info.date == "2016-05-10" and slots[2].info.steps == 1
    assert slots[0].label().startswith("Slot 1: Ming, Beijing, 2016-05-10 (saved ")

    loaded, message = home.load_slot(3, story)
    assert message is None and loaded.state.node == "refused"
    assert home.delete_slot(3) and not home.delete_slot(3)
    assert home.slot_info()[2].empty
    assert home.load_slot(2, story) == (None, None)
    with pytest.raises(ValueError):
        home.slot_path(4)


def test_damaged_slot_shows_as_damaged(story):
    home.save_slot(2, Session(story, "ming"))
    home.slot_path(2).write_text("not json", encoding="utf-8")
    assert home.slot_info()[1].label() == "Slot 2: damaged"
    session, message = home.load_slot(2, story)
    assert session is None and "kept as slot2.damaged-" in message
    assert home.slot_info()[1].empty


def test_autosave_reports_a_full_disk(story, monkeypatch):
    import os

    home.autosave(Session(story, "ming"))
    before = home.autosave_path().read_bytes()

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    s = Session(story, "ming")
    s.choose("fast")
    message = home.autosave(s)
    assert message and "could not be saved" in message
    assert home.autosave_path().read_bytes() == before


def test_nothing_is_written_when_writes_are_off(story, user_home):
    paths.set_writes_enabled(False)
    s = Session(story, "ming")
    assert home.autosave(s) is None
    assert home.save_slot(1, s) is None
    assert not user_home.exists()
