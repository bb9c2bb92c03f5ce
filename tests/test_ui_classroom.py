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
        if getattr(item, "item", None) is not None:  # a Fixed width: the label field's box
            walk(item.item)
        for child, _width in getattr(item, "cols", []) or []:
            walk(child)

    p.app.ensure_layout()
    for v in p.app.top.views:
        walk(v.root)
    out += [w.label for w in p.widgets()]
    return "\n".join(out)


def type_text(p: Pilot, text: str) -> None:
    """Keys as SDL2 sends them: KEYDOWN (with its unicode), then TEXTINPUT with the same character, then
    KEYUP (a space comes with unicode " ", which Pilot.key leaves out)."""
    for ch in text:
        code = pygame.K_SPACE if ch == " " else pygame.key.key_code(ch.lower())
        mod = pygame.KMOD_SHIFT if ch.isupper() else 0
        p.post(pygame.KEYDOWN, key=code, mod=mod, unicode=ch, scancode=0)
        p.post(pygame.TEXTINPUT, text=ch)
        p.post(pygame.KEYUP, key=code, mod=mod, unicode=ch, scancode=0)
        p.step()


def ime(p: Pilot, composing: list[str], text: str) -> None:
    """An input method as SDL2 delivers it: the composition as it grows (TEXTEDITING: pinyin), keys
    whose KEYDOWN carries no character, then the chosen characters as one TEXTINPUT."""
    for part in composing:
        p.post(pygame.KEYDOWN, key=pygame.key.key_code(part[-1]), mod=0, unicode="", scancode=0)
        p.post(pygame.TEXTEDITING, text=part, start=len(part), length=0)
        p.step()
    p.post(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode="", scancode=0)  # picks the first candidate
    p.post(pygame.TEXTEDITING, text="", start=0, length=0)
    p.post(pygame.TEXTINPUT, text=text)
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


def test_the_label_note_speaks_to_its_reader(tmp_path):
    """The students read that their teacher collects the record; the teacher is told what to ask for."""
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path))
    teacher = shown(p)
    assert "your teacher" not in teacher
    assert ("never a student\u2019s name: the label goes into each run\u2019s record and into the class "
            "report") in teacher
    p.click("Start")
    assert "the label goes into the record your teacher collects" in shown(p)


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
    for _twice in range(2):
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
        check(p, f"set pin again {size} {scale}", seen)  # the second entry, its own heading
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


def test_a_label_typed_with_an_input_method(tmp_path, monkeypatch):
    """Chinese labels come from an input method as TEXTINPUT (the pinyin being composed as TEXTEDITING):
    the field takes them, shows the composition, keeps the keys from being shortcuts (V is speech), types
    a plain key once though SDL sends it twice, and text input is on (placed by the field) only while
    the field is on screen."""
    calls: list[tuple] = []
    for name in ("start_text_input", "stop_text_input", "set_text_input_rect"):
        real = getattr(pygame.key, name)
        monkeypatch.setattr(pygame.key, name, lambda *a, _n=name, _r=real: (calls.append((_n, *a)), _r(*a))[1])
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path))
    assert not calls  # the teacher's set-up has no field while the students type the label
    p.click("Start")
    assert p.screen == "student"
    assert [c[0] for c in calls] == ["start_text_input", "set_text_input_rect"]
    rect = calls[-1][1]
    assert p.app.window.get_rect().contains(rect) and rect.h > 10
    speech = p.app.settings.speech
    ime(p, ["d", "di", "div"], "第4桌")
    assert p.app.top.group == "第4桌" and p.find(key="begin").enabled
    assert p.app.settings.speech == speech  # the v of the pinyin was not the V of speech
    ime(p, ["ha", "hao"], "")  # a composition under way shows in the field, after the label
    p.post(pygame.TEXTEDITING, text="hao", start=3, length=0)
    p.step()
    assert "第4桌hao_" in shown(p) and p.app.top.group == "第4桌"
    p.post(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0)  # the input method's
    p.step()
    assert p.app.top.group == "第4桌"
    p.post(pygame.TEXTEDITING, text="", start=0, length=0)
    p.post(pygame.TEXTINPUT, text="好")
    p.step()
    assert p.app.top.group == "第4桌好"
    p.key("backspace")
    type_text(p, " B")  # KEYDOWN and TEXTINPUT for each key: one character each
    assert p.app.top.group == "第4桌 B"
    p.click("Start")
    assert p.screen == "play" and calls[-1] == ("stop_text_input",)
    assert records(tmp_path)[0]["group"] == "第4桌 B"


def test_the_teachers_label_field_takes_text_input_only_while_shown(tmp_path):
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path))
    p.post(pygame.TEXTINPUT, text="x")  # no field yet: typing goes nowhere
    p.step()
    p.click(key="group:fixed")
    assert p.app.input.text_rect is not None
    p.post(pygame.TEXTINPUT, text="第2组")
    p.step()
    assert p.app.top.group == "第2组"
    p.click("Set a PIN")  # the PIN pad over it: no text field on top
    assert p.screen == "pin" and p.app.input.text_rect is None
    p.post(pygame.TEXTINPUT, text="9")
    p.step()
    p.click("Cancel")
    assert p.app.top.group == "第2组" and p.app.input.text_rect is not None


def pin_keys(p: Pilot, digits: str) -> None:
    """Digits as KEYDOWN without a character (what SDL sends while text input is off), then Enter."""
    for d in digits:
        p.post(pygame.KEYDOWN, key=pygame.key.key_code(d), mod=0, unicode="", scancode=0)
        p.step()
    p.key("return")


def test_the_pin_is_set_by_typing_it_twice(tmp_path):
    """A typo in a PIN nobody sees (stars) would lock the teacher out: it is asked twice, and two
    different entries set nothing and say so."""
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path))
    gate = p.app.guard.gate
    p.click("Set a PIN")
    pin_keys(p, "12")
    assert p.screen == "pin" and "A PIN is 4 to 12 digits." in shown(p) and not gate.needs_pin
    pin_keys(p, "2468")
    assert p.screen == "pin" and "Type the same PIN again" in shown(p) and not gate.needs_pin
    pin_keys(p, "2486")  # the typo
    assert p.screen == "pin" and not gate.needs_pin
    assert "The two PINs were not the same, so no PIN was set. Type a new PIN twice." in shown(p)
    assert "Set the teacher's PIN" in shown(p)  # from the first entry again
    pin_keys(p, "2468")
    pin_keys(p, "2468")
    assert p.screen == "teacher" and gate.needs_pin and gate.pin == "2468"
    assert "A PIN is set" in shown(p)
