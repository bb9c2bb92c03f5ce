"""Save files: round trip, atomic writing, and damaged, truncated, newer or stale saves."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from game.engine import saves
from game.engine.runtime import Session
from game.engine.saves import SAVE_FORMAT, SAVE_VERSION, peek_save, read_save, write_save
from game.engine.validate import load_and_validate

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"


def played(story) -> Session:
    """A run at the 'slow' node: listed, refused, an appeal and a journey behind it."""
    s = Session(story, "ming", seed=7)
    s.choose("fast")
    s.choose("call")
    assert s.state.node == "slow"
    return s


def aside(folder: Path, tag: str) -> list[Path]:
    return sorted(p for p in folder.iterdir() if f".{tag}-" in p.name)


def test_round_trip(story, tmp_path):
    s = played(story)
    path = tmp_path / "slot1.json"
    write_save(path, s)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == SAVE_FORMAT and doc["version"] == SAVE_VERSION
    assert doc["story_id"] == story.id and doc["story_fingerprint"] == story.fingerprint
    assert doc["saved_at"].endswith("Z")
    assert doc["meta"]["life_title"] == "Ming" and doc["meta"]["place_name"] == "Chengdu"
    assert doc["meta"]["date"] == s.state.date and doc["meta"]["steps"] == 2

    loaded, message = read_save(path, story)
    assert message is None
    assert loaded is not None
    assert loaded.state.to_dict() == s.state.to_dict()
    assert [h.node for h in loaded.history] == [h.node for h in s.history]
    assert path.exists()  # a good save stays where it is


def test_round_trip_of_finished_chapter_run(story, tmp_path):
    s = Session(story, "ming", seed=3, start="chapter:listed")
    s.choose("fast")
    s.choose("slow")
    s.choose("continue")
    assert s.ended
    write_save(tmp_path / "a.json", s)
    loaded, message = read_save(tmp_path / "a.json", story)
    assert message is None and loaded.ended and loaded.state.start == "chapter:listed"
    info = peek_save(tmp_path / "a.json")
    assert info.ok and info.ended and info.ending_title == "Home at last"


def test_missing_file_is_not_a_problem(story, tmp_path):
    assert read_save(tmp_path / "none.json", story) == (None, None)
    assert peek_save(tmp_path / "none.json") is None


def test_peek_does_not_replay_or_move(story, tmp_path):
    path = tmp_path / "s.json"
    write_save(path, played(story))
    info = peek_save(path)
    assert info.ok and info.life == "ming" and info.life_title == "Ming"
    assert info.place_name == "Chengdu" and info.date == "2016-05-25" and info.steps == 2
    assert info.saved_local()
    path.write_text("{broken", encoding="utf-8")
    info = peek_save(path)
    assert info is not None and not info.ok and "damaged" in info.problem
    assert path.exists()  # peeking never moves a file


@pytest.mark.parametrize("damage, tag, words", [
    (lambda raw: raw[: len(raw) // 2], "damaged", "cut short"),  # truncated
    (lambda raw: b"", "damaged", "empty"),
    (lambda raw: b"\xff\xfe\x00garbage", "damaged", "not text"),
    (lambda raw: b"[1, 2, 3]", "damaged", "not a save"),
    (lambda raw: b'{"format": "something-else", "version": 1}', "damaged", "not a save"),
])
def test_damaged_saves_are_moved_aside(story, tmp_path, damage, tag, words):
    path = tmp_path / "autosave.json"
    write_save(path, played(story))
    path.write_bytes(damage(path.read_bytes()))
    session, message = read_save(path, story)
    assert session is None
    assert words in message and "kept as" in message
    assert not path.exists()
    kept = aside(tmp_path, tag)
    assert len(kept) == 1 and kept[0].name.startswith("autosave.damaged-") and kept[0].suffix == ".json"
    assert kept[0].name in message


def edit(path: Path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize("change, tag, words", [
    (lambda d: d.update(version=SAVE_VERSION + 1), "newer", "newer version"),
    (lambda d: d.update(version="1"), "damaged", "version"),
    (lambda d: d.update(state=[]), "damaged", "no game state"),
    (lambda d: d["state"].update(log="not a list"), "damaged", "damaged"),
    (lambda d: d["state"].update(log=[["station"]]), "damaged", "damaged"),
    (lambda d: d["state"].update(seed="seven"), "damaged", "damaged"),
    (lambda d: d["state"].pop("node"), "damaged", "damaged"),
    (lambda d: d.update(meta="oops"), "damaged", "damaged"),
    (lambda d: d["state"].update(life="ghost"), "unusable", "no longer has"),
])
def test_unusable_saves_are_reported_and_kept_aside(story, tmp_path, change, tag, words):
    path = tmp_path / "slot2.json"
    write_save(path, played(story))
    edit(path, change)
    session, message = read_save(path, story)
    assert session is None and words in message
    assert not path.exists()
    assert len(aside(tmp_path, tag)) == 1


def test_moving_aside_never_overwrites(story, tmp_path):
    for _ in range(3):
        path = tmp_path / "autosave.json"
        path.write_text("{", encoding="utf-8")
        session, message = read_save(path, story)
        assert session is None and message
    assert len(aside(tmp_path, "damaged")) == 3
    assert all(saves.is_aside(p) for p in aside(tmp_path, "damaged"))


def test_save_of_another_story_is_left_alone(story, tmp_path):
    path = tmp_path / "s.json"
    write_save(path, played(story))
    edit(path, lambda d: d.update(story_id="another"))
    session, message = read_save(path, story)
    assert session is None and "another story" in message
    assert path.exists()


def test_story_edit_resumes_at_last_valid_point(story, tmp_path):
    save = tmp_path / "s.json"
    s = played(story)
    write_save(save, s)
    edited = tmp_path / "story"
    shutil.copytree(EXAMPLE, edited)
    life = edited / "lives" / "ming.yaml"
    text = life.read_text(encoding="utf-8")
    assert "      - id: call\n" in text
    life.write_text(text.replace("      - id: call\n", "      - id: phone\n"), encoding="utf-8")
    result = load_and_validate(edited)
    assert result.story is not None and not result.report.errors
    assert result.story.fingerprint != story.fingerprint
    session, message = read_save(save, result.story)
    assert session is not None
    assert "story has changed" in message
    assert session.state.node == "refused"  # the last point that still exists
    assert save.exists()


def test_atomic_write_leaves_old_save_and_no_temp_file(story, tmp_path, monkeypatch):
    path = tmp_path / "slot1.json"
    first = Session(story, "ming", seed=1)
    write_save(path, first)
    before = path.read_bytes()

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_save(path, played(story))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slot1.json"]


def test_atomic_write_failure_while_writing(tmp_path, monkeypatch):
    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        saves.atomic_write_text(tmp_path / "x.json", "{}")
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8"))))
def test_random_bytes_never_crash(story, tmp_path, data):
    path = tmp_path / "random.json"
    path.write_bytes(data)
    info = peek_save(path)
    session, message = read_save(path, story)
    assert session is None and message  # nothing random is a valid save
    assert info is not None and not info.ok
    for p in tmp_path.iterdir():
        p.unlink()


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(state=st.dictionaries(st.sampled_from(["life", "node", "date", "place", "log", "seed", "start", "vars",
                                              "points", "lists", "draws"]),
                             st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
                                       st.lists(st.lists(st.text(max_size=8), max_size=3), max_size=3)),
                             max_size=11))
def test_random_states_never_crash(story, tmp_path, state):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"format": SAVE_FORMAT, "version": 1, "story_id": story.id, "state": state}),
                    encoding="utf-8")
    session, message = read_save(path, story)
    assert session is not None or message
    for p in tmp_path.iterdir():
        p.unlink()


def test_save_messages_are_said_in_the_language_of_the_moment(story, tmp_path):
    """The engine knows no language: its messages read as English and keep their template, so a
    Chinese screen shows them in Chinese (with the file's new name), and an English one as they are."""
    from game import i18n

    path = tmp_path / "s.json"
    path.write_text("{ cut short", encoding="utf-8")
    session, message = read_save(path, story)
    assert session is None
    moved = aside(tmp_path, saves.DAMAGED)[0].name
    assert message == f"The save file is damaged or was cut short. It was kept as {moved}."
    i18n.use("zh")
    try:
        said = i18n.say(message)
    finally:
        i18n.use("en")
    assert said == f"存档文件已损坏或不完整。已另存为 {moved}。"
    assert i18n.say(message) == message
