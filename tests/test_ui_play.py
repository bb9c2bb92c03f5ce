"""A whole life to its debrief with the mouse alone, the keyboard alone and touch alone; undo, the
pause menu, the typewriter, and a broken story."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygame")

import pygame  # noqa: E402

from game.ui.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


pytestmark = pytest.mark.usefixtures("user_home")


def node(p: Pilot) -> str:
    return p.app.game.session.state.node


def test_mouse_alone():
    p = Pilot.start(EXAMPLE)
    assert p.screen == "title"
    p.click("Play")
    assert p.screen == "lives"
    p.click(key="life:ming")
    assert p.screen == "play" and node(p) == "station"
    p.click(key="choice:fast")
    assert node(p) == "refused"
    p.click(key="choice:slow")
    assert node(p) == "slow"
    p.click("Continue")
    assert node(p) == "home"
    p.click("Read the debrief")
    assert p.screen == "debrief"
    p.click(key="myth:one_score:myth")
    assert p.app.game.answers == {"one_score": "myth"}
    assert p.has("You said myth") is False  # verdicts are text, not buttons
    p.click("Play another life")
    assert p.screen == "lives"
    assert p.app.errors == []


def test_keyboard_alone():
    p = Pilot.start(EXAMPLE)
    p.key("return")  # Play has the focus
    assert p.screen == "lives"
    p.key("return")  # the first life
    assert p.screen == "play"
    p.key("1")  # buy a ticket: refused
    assert node(p) == "refused"
    p.key("tab")  # the focus ring appears on the first choice
    p.key("tab")
    assert p.focus.key == "choice:slow"
    p.key("space")
    assert node(p) == "slow"
    p.key("return")  # Continue has the focus
    assert node(p) == "home"
    p.key("return")
    assert p.screen == "debrief"
    p.key("tab")
    assert p.focus.key.startswith("myth:")
    p.key("return")
    assert p.app.game.answers
    p.key("escape")  # back to the ending
    assert p.screen == "play"
    p.key("escape")  # the pause menu
    assert p.screen == "pause"
    p.key("escape")
    assert p.screen == "play"
    assert p.app.errors == []


def test_touch_alone_without_double_activation():
    p = Pilot.start(EXAMPLE)
    # SDL also sends a mouse copy of each touch; it must not act a second time
    p.tap("Play", synthesize_mouse=True)
    assert p.screen == "lives"
    p.tap(key="life:ming", synthesize_mouse=True)
    assert p.screen == "play" and node(p) == "station"
    p.tap(key="choice:fast", synthesize_mouse=True)
    assert node(p) == "refused"
    p.tap(key="choice:call", synthesize_mouse=True)
    assert node(p) == "slow"
    assert len(p.app.game.session.state.log) == 2
    p.tap("Continue", synthesize_mouse=True)
    p.tap("Read the debrief", synthesize_mouse=True)
    assert p.screen == "debrief"
    p.tap(key="myth:one_score:fact", synthesize_mouse=True)
    assert p.app.game.answers == {"one_score": "fact"}
    assert p.app.errors == []


def test_disabled_choice_shows_reason_and_does_nothing():
    p = Pilot.start(EXAMPLE, character="ming", start="chapter:listed")
    assert p.screen == "play"
    # grade A at the start, so the bike is allowed; lose points first
    p.key("1")
    assert node(p) == "refused"
    p.app.game.undo()
    p.app.top.rebuild()
    p.step()
    bike = p.find(key="choice:bike")
    assert bike.enabled


def test_undo_from_pause_menu():
    p = Pilot.start(EXAMPLE, character="ming")
    p.key("1")
    assert node(p) == "refused"
    p.key("escape")
    assert p.screen == "pause"
    p.click("Undo the last choice")
    assert p.screen == "play" and node(p) == "station"
    p.key("escape")
    assert not p.find(key="undo").enabled


def test_leave_to_title_asks_first():
    p = Pilot.start(EXAMPLE, character="ming")
    p.key("escape")
    p.click("Leave to the title screen")
    assert p.screen == "confirm"
    p.click("Stay")
    assert p.screen == "pause"
    p.click("Leave to the title screen")
    p.click(key="yes")
    assert p.screen == "title"
    assert p.has("Continue")  # the autosave


def test_continue_resumes_in_one_click():
    p = Pilot.start(EXAMPLE, character="ming")
    p.key("1")
    p2 = Pilot.start(EXAMPLE)
    p2.click("Continue")
    assert p2.screen == "play" and node(p2) == "refused"


def test_typewriter_completes_on_a_key_and_never_advances_alone():
    from game.modes.settings import Settings

    p = Pilot.start(EXAMPLE, settings=Settings(text_speed=10), character="ming")
    top = p.app.top
    assert top.revealing
    assert not p.has(key="choice:fast")  # choices wait for the text
    p.key("1")  # completes the text; does not choose
    assert not top.revealing and node(p) == "station"
    p.step(5, dt=10.0)
    assert node(p) == "station"  # nothing moves on by itself
    p.key("1")
    assert node(p) == "refused"


def test_journal_history_card_screens_open_and_close():
    p = Pilot.start(EXAMPLE, character="ming")
    p.key("1")
    p.key("j")
    assert p.screen == "journal"
    p.key("escape")
    p.key("h")
    assert p.screen == "history"
    p.key("escape")
    p.key("i")
    assert p.screen == "card"
    p.key("escape")
    assert p.screen == "play"


def test_broken_story_shows_error_screen(tmp_path):
    bad = tmp_path / "story"
    shutil.copytree(EXAMPLE, bad)
    life = bad / "lives" / "ming.yaml"
    life.write_text(life.read_text(encoding="utf-8").replace("to: home\n", "to: nowhere\n", 1), encoding="utf-8")
    p = Pilot.start(bad)
    assert p.screen == "error"
    lines = " ".join(p.app.top.lines)
    assert "E201" in lines and "nowhere" in lines
    assert p.app.errors == []


def test_missing_story_folder_shows_error_screen(tmp_path):
    p = Pilot.start(tmp_path / "no-such-story")
    assert p.screen == "error"


def test_unknown_character_shows_error_screen():
    p = Pilot.start(EXAMPLE, character="nobody")
    assert p.screen == "error"


def _story_with_bike_refused(root: Path, reason: str) -> Path:
    """The example story with the bike always disabled (money is never 0 at the station), for this reason."""
    d = root / "story"
    shutil.copytree(EXAMPLE, d)
    life = d / "lives" / "ming.yaml"
    text = life.read_text(encoding="utf-8")
    assert 'if: can_use("free_bike")' in text and "reason: Your grade is too low" in text
    text = text.replace('if: can_use("free_bike")', "if: money == 0").replace("Your grade is too low", reason)
    life.write_text(text, encoding="utf-8")
    return d


def _drawn(p: Pilot, key: str) -> tuple[pygame.Rect, bytes]:
    """Where a widget is in the window and the pixels drawn there."""
    p.app.dirty = True
    p.step()
    r = p.find(key=key).rect.move(p.app.canvas_rect.topleft)
    return r, pygame.image.tobytes(p.app.window.subsurface(r), "RGB")


def test_a_disabled_choice_is_drawn_as_disabled_with_its_reason(tmp_path):
    """Two stories that differ only in the reason: the drawn choices must differ (the reason is drawn); and
    the choice is drawn in the disabled colours, unlike the same choice enabled."""
    drawn = []
    for i, reason in enumerate(("Your grade is too low", "Your score is too low")):
        p = Pilot.start(_story_with_bike_refused(tmp_path / str(i), reason), character="ming")
        bike = p.find(key="choice:bike")
        assert not bike.enabled and bike.reason == reason
        drawn.append(_drawn(p, "choice:bike"))
        theme = p.app.ctx.theme
        r = drawn[-1][0]
        inside = (r.x + p.app.ctx.px(5), r.centery)  # inside the edge, left of the lock
        assert p.app.window.get_at(inside)[:3] == theme["disabled"][:3]
        assert p.app.errors == []
    (r1, px1), (r2, px2) = drawn
    assert r1.size == r2.size  # same layout: only the reason's letters differ
    assert px1 != px2, "the reason of a disabled choice is not drawn"
    enabled = Pilot.start(EXAMPLE, character="ming")
    assert enabled.find(key="choice:bike").enabled
    r3, px3 = _drawn(enabled, "choice:bike")
    assert r3.size != r1.size or px3 != px1


def test_a_failed_autosave_is_said_on_screen_in_the_game_language(user_home, monkeypatch):
    """The disk refuses the autosave after a choice: the player is told once, in Chinese on a Chinese
    screen (the message comes from the save code, which knows no language), and play goes on."""
    import errno

    from game.modes import home
    from game.modes.settings import Settings

    def full(*_args, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    p = Pilot.start(EXAMPLE, settings=Settings(language="zh"), character="ming")
    monkeypatch.setattr(home, "write_save", full)
    before = node(p)
    p.key("1")
    p.step(2)
    assert node(p) != before
    assert p.app.toast == "无法保存游戏（No space left on device）。"
    assert p.app.errors == []
