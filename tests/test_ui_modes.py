"""The screens that host home, classroom and kiosk modes: Continue and slots, the teacher's start
screen and export, the kiosk's attract loop, "Still there?" countdown, reset, quit guard and PIN."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.modes.settings import Settings
from game.ui.pilot import Pilot

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"


pytestmark = pytest.mark.usefixtures("user_home")


def test_save_slot_shows_life_place_and_date_and_loads():
    p = Pilot.start(EXAMPLE, character="ming")
    p.key("1")
    p.key("escape")
    p.click("Save or load")
    p.click(key="save:2")
    text = [w for w in p.widgets() if w.key == "load:2"][0]
    assert text.enabled
    p2 = Pilot.start(EXAMPLE)
    p2.click("Saved games")
    assert p2.screen == "saves"
    p2.click(key="load:2")
    assert p2.screen == "play" and p2.app.game.session.state.node == "refused"


def test_teacher_screen_chapter_and_hidden_questions(tmp_path):
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path / "out"), group="Table 3")
    assert p.screen == "teacher"
    p.click(key="start:chapter:listed")
    p.click(key="questions:off")
    p.click("Start")
    assert p.screen == "student"  # the students' start, not the teacher's screen
    p.click("Start")
    assert p.screen == "play"
    assert "court_list" in p.app.game.session.state.lists
    for _ in range(6):
        if p.app.game.session.ended:
            break
        p.key("1")
    p.click("Read the debrief")
    assert p.screen == "debrief"
    assert not p.app.game.show_questions
    assert len(list((tmp_path / "out").glob("*.html"))) == 1  # the run's one record, kept up to date
    p.click("Play again: back to the start")
    assert p.screen == "student"


def test_kiosk_attract_countdown_touch_and_reset():
    p = Pilot.start(EXAMPLE, kiosk=True)
    assert p.screen == "attract"
    p.tap_at((5, 5))  # a touch anywhere begins
    assert p.screen == "lives"
    p.tap(key="life:ming")
    assert p.screen == "play"
    assert p.app.game.session.state.start == "short"
    p.step(1, dt=91)
    assert p.screen == "still_there"
    p.tap_at((5, 5))  # any touch keeps the visit
    assert p.screen == "play"
    p.step(1, dt=91)
    assert p.screen == "still_there"
    p.step(1, dt=31)  # the countdown runs out
    assert p.screen == "attract"
    assert p.app.game.session is None
    assert p.app.kiosk.visit.is_clear(p.app.kiosk.config.visitor_settings())


def test_kiosk_ignores_quit_and_escape_but_honours_the_staff_chord():
    p = Pilot.start(EXAMPLE, kiosk=True)
    p.post(pygame.QUIT)
    p.step()
    assert p.app.running
    p.key("f4", pygame.KMOD_ALT)
    assert p.app.running
    p.key("escape")
    assert p.app.running
    p.key("q", pygame.KMOD_CTRL | pygame.KMOD_SHIFT | pygame.KMOD_ALT)
    assert p.screen == "pin"
    for d in "0000":
        p.key(d)
    p.key("return")
    assert not p.app.running
    # the supervisors restart the game after any exit except this one
    from game.modes.kiosk import STAFF_EXIT_STATUS

    assert p.app.exit_status == STAFF_EXIT_STATUS != 0


def test_an_ordinary_quit_exits_with_status_zero():
    p = Pilot.start(EXAMPLE)
    p.post(pygame.QUIT)
    p.step()
    assert not p.app.running
    assert p.app.exit_status == 0


def test_settings_screen_changes_and_persists():
    p = Pilot.start(EXAMPLE)
    p.click("Settings")
    p.click("Larger")
    p.click("High contrast")
    assert p.app.settings.text_scale == 1.25 and p.app.settings.high_contrast
    assert p.app.ctx.theme.id == "contrast"
    p2 = Pilot.start(EXAMPLE)
    assert p2.app.settings.text_scale == 1.25 and p2.app.ctx.theme.id == "contrast"


def test_language_from_settings_translates():
    p = Pilot.start(EXAMPLE, settings=Settings(language="zh"), character="ming")
    place, _date = p.app.game.heading()
    assert place == "北京"
    assert p.find(key="choice:fast").label == "购买高铁车票"
