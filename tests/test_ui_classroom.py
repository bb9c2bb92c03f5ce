"""Classroom mode in the window: the teacher's set-up is the teacher's, the students' start takes a
group label, a run leaves one record kept up to date, and the teacher comes back with the chord and
the PIN."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.modes import paths
from game.ui.pilot import Pilot

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"
CHORD = pygame.KMOD_CTRL | pygame.KMOD_SHIFT | pygame.KMOD_ALT

pytestmark = pytest.mark.usefixtures("user_home")


def shown(p: Pilot) -> str:
    """Every text and button label on the top screen (what a student reads)."""
    from game.ui.flow import Text

    out: list[str] = []

    def walk(item) -> None:
        if isinstance(item, Text):
            out.append(item.text)
        for child in getattr(item, "items", []) or []:
            walk(child)
        for child, _width in getattr(item, "cols", []) or []:
            walk(child)

    p.app.ensure_layout()
    for v in p.app.top.views:
        walk(v.root)
    out += [w.label for w in p.widgets()]
    return "\n".join(out)


def type_text(p: Pilot, text: str) -> None:
    """Keys as a keyboard sends them (a space comes with unicode " ", which Pilot.key leaves out)."""
    for ch in text:
        code = pygame.K_SPACE if ch == " " else pygame.key.key_code(ch.lower())
        mod = pygame.KMOD_SHIFT if ch.isupper() else 0
        p.post(pygame.KEYDOWN, key=code, mod=mod, unicode=ch, scancode=0)
        p.post(pygame.KEYUP, key=code, mod=mod, unicode=ch, scancode=0)
        p.step()


def records(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def play_to_the_end(p: Pilot) -> None:
    for _ in range(8):
        if p.app.game.session.ended:
            break
        p.key("1")
    p.click("Read the debrief")
    assert p.screen == "debrief"


def test_a_lesson_round_trip(tmp_path):
    out = tmp_path / "class"
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(out))
    assert p.screen == "teacher" and p.app.screens.screens[0].name == "teacher"
    p.click(key="start:chapter:listed")
    p.click(key="questions:off")
    p.click("Start")
    # the teacher's screen is gone: only the students' start is left
    assert p.screen == "student" and [s.name for s in p.app.screens.screens] == ["student"]
    assert not p.find(key="begin").enabled  # no label yet
    assert ("A table or pair label such as \u201cTable 4\u201d or \u201cPair B\u201d. Never a name: the label "
            "goes into the record your teacher collects.") in shown(p)
    type_text(p, "Table 4")
    assert p.app.top.group == "Table 4"
    p.click("Start")
    assert p.screen == "play" and "court_list" in p.app.game.session.state.lists
    (first,) = records(out)  # created when the run starts
    assert first["status"] == "playing" and first["group"] == "Table 4" and first["path"] == "chapter"
    play_to_the_end(p)
    assert "Questions to discuss" not in shown(p) and "Myth or fact?" in shown(p)
    p.click(key="myth:one_score:fact")  # the sources say "myth"
    p.click(key="myth:one_score:myth")  # changed after the verdict
    assert "Your first answer was fact. The sources say otherwise: MYTH." in shown(p)
    assert "You changed it to myth." in shown(p)
    (rec,) = records(out)
    assert rec["status"] == "finished" and rec["myths"][0]["first"] == "fact"
    assert rec["myths"][0]["changed_to"] == ["myth"] and rec["run_id"] == first["run_id"]
    p.click("Save the class summary")
    assert len(list(out.glob("*.json"))) == 1 and len(list(out.glob("*.html"))) == 1
    p.click("Play again: back to the start")
    assert p.screen == "student" and p.app.top.group == "Table 4"  # the same pair: the label is kept
    p.click("Start")
    assert len(records(out)) == 2  # a second run, a second record
    p.key("escape")
    p.click("Leave: back to the start")
    p.click(key="yes")
    assert p.screen == "student"
    statuses = sorted(r["status"] for r in records(out))
    assert statuses == ["finished", "left"]
    assert not (paths.saves_dir() / "autosave.json").exists()  # nothing for another session's "Continue"
    assert all(s.name != "title" for s in p.app.screens.screens)


def test_preset_labels_by_touch_and_a_group_set_by_the_teacher(tmp_path):
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path))
    p.click("Start")
    p.tap(key="kind:Pair")
    p.tap(key="num:3")
    assert p.app.top.group == "Pair 3"
    p2 = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path / "b"), group="Table 9")
    p2.click("Start")
    assert "Set by your teacher." in shown(p2) and "Table 9" in shown(p2) and not p2.has(key="num:3")
    p2.click("Start")
    assert records(tmp_path / "b")[0]["group"] == "Table 9"
    assert list((tmp_path / "b").glob("record-table-9-ming-*.json"))


def test_the_teacher_comes_back_with_the_chord_and_pin_and_quits(tmp_path):
    out = tmp_path / "class"
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(out), group="Table 2")
    p.click("Set a PIN")
    assert p.screen == "pin"
    for d in "2468":
        p.key(d)
    p.key("return")
    assert p.screen == "teacher" and p.app.guard.gate.needs_pin
    p.click("Start")
    p.click("Start")
    assert p.screen == "play"
    p.key("t", CHORD)
    assert p.screen == "pin"
    for d in "1111":
        p.key(d)
    p.key("return")
    assert p.screen == "pin" and "That PIN is not right." in shown(p)  # another try
    p.click("Cancel")
    assert p.screen == "play"
    p.key("t", CHORD)
    for d in "2468":
        p.key(d)
    p.key("return")
    assert p.screen == "teacher"
    p.click("Back to the students' run")
    assert p.screen == "play" and records(out)[0]["status"] == "playing"  # nothing ended by looking
    p.key("t", CHORD)
    for d in "2468":
        p.key(d)
    p.key("return")
    p.click("Quit the game")
    assert not p.app.running and p.app.exit_status == 0
    assert [r["status"] for r in records(out)] == ["ended"]  # the teacher ended the session


def test_without_a_pin_the_chord_alone_opens_set_up_and_closing_ends_the_record(tmp_path):
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path), group="Table 1")
    p.click("Start")
    p.click("Start")
    p.key("t", CHORD)
    assert p.screen == "teacher"
    p.click("Back to the students' run")
    p.post(pygame.QUIT)  # students may close the window
    p.step()
    assert not p.app.running
    p.app.shutdown()
    assert [r["status"] for r in records(tmp_path)] == ["ended"]


def test_class_report_button(tmp_path):
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path), group="Table 5")
    p.click("Start")
    p.click("Start")
    play_to_the_end(p)
    p.key("t", CHORD)
    p.click("Make the class report")
    assert (tmp_path / "class-report.html").exists()
    assert "Table 5" in (tmp_path / "class-report.html").read_text(encoding="utf-8")
    assert p.has(key="report")


@pytest.mark.parametrize("size", [(800, 600), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_classroom_screens_fit_at_double_text(size, tmp_path):
    """The students' start, the teacher's set-up with a typed label, and both PIN pads: nothing runs off
    the window at 100 % and 200 % text, and every target is big enough."""
    from game.modes.settings import Settings
    from tests.test_ui_render import check

    seen: set[str] = set()
    for scale in (1.0, 2.0):
        p = Pilot.start(EXAMPLE, size=size, settings=Settings(text_scale=scale), classroom=True,
                        export_dir=str(tmp_path))
        p.click(key="group:fixed")
        type_text(p, "Table 12")
        small: list[str] = []
        check(p, f"teacher {size} {scale}", seen, small)
        assert small == [], small
        p.click("Set a PIN")
        check(p, f"set pin {size} {scale}", seen)
        type_text(p, "2468")
        p.key("return")
        p.click(key="group:students")
        p.click("Start")
        check(p, f"student {size} {scale}", seen, small)
        assert small == [], small
        p.key("t", CHORD)
        check(p, f"enter pin {size} {scale}", seen)
    assert {"teacher", "pin", "student"} <= seen


def test_a_folder_that_cannot_be_written_is_said_and_the_run_goes_on(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the records folder should be", encoding="utf-8")
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(blocker), group="Table 1")
    p.click("Start")
    p.click("Start")
    assert p.screen == "play" and p.app.game.record_problem.startswith("The record could not be saved")
    play_to_the_end(p)
    p.click("Save the class summary")
    assert "The record could not be saved" in shown(p) and p.app.errors == []
