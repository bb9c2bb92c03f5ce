"""What an operator writes in kiosk.json is what visitors get, and every slip is in the kiosk log, which
staff read (a kiosk never shows stderr): the lives offered (on the attract loop, on "Choose a life" and
when a life starts), unknown life ids, the language, numbers out of range (moved into it, as the guide
says), JSON syntax errors with line and column, and reduced motion kept across visitor resets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.modes import kiosk as kiosk_mode
from game.modes import paths
from game.modes.kiosk import Kiosk, KioskConfig, config_from_dict, load_kiosk_config
from game.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
EXAMPLE = ROOT / "docs" / "example-story"

pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture(autouse=True)
def _close_log():
    yield
    kiosk_mode.close_log()


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def write_config(data) -> Path:
    f = paths.kiosk_config_file()
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return f


def kiosk_log() -> str:
    kiosk_mode.close_log()
    return (paths.log_dir() / "kiosk.log").read_text(encoding="utf-8")


# -- the lives offered ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped():
    from game.engine.validate import load_and_validate

    result = load_and_validate(STORY)
    assert result.story is not None and not result.report.errors
    return result.story


def test_choose_a_life_offers_only_the_kiosks_lives(shipped):
    assert {"wei", "li_xiaolin", "rongcheng"} <= set(shipped.lives)
    write_config({"lives": ["li_xiaolin"]})
    p = Pilot.start(STORY, size=(1280, 800), kiosk=True)
    assert p.screen == "attract"
    assert {life.id for life in p.app.top.offered()} == {"li_xiaolin"}
    p.tap(key="begin")
    assert p.screen == "lives"
    assert sorted(w.key for w in p.widgets() if w.key.startswith(("life:", "short:"))) == ["life:li_xiaolin"]
    with pytest.raises(KeyError):  # nor can a life the kiosk leaves out be started any other way
        p.app.kiosk.start_visit("wei")
    assert p.app.game.session is None
    p.tap(key="life:li_xiaolin")
    assert p.screen == "play" and p.app.kiosk.visit.life == "li_xiaolin"
    assert "kiosk started (1 lives offered)" in kiosk_log()


def test_an_unknown_life_id_is_logged_and_left_out(story):
    k = Kiosk(story, KioskConfig(lives=("nobody", "ming")), clock=FakeClock())
    assert [life.id for life in k.lives()] == ["ming"]
    log = kiosk_log()
    assert "WARNING kiosk.json: 'lives' names 'nobody', which the story does not have (its lives: ming)" in log
    assert "kiosk started (1 lives offered)" in log and "every life is offered" not in log


def test_when_no_life_id_is_known_every_life_is_offered_and_the_log_says_so(shipped):
    k = Kiosk(shipped, KioskConfig(lives=("nobody", "wie")), clock=FakeClock())
    assert [life.id for life in k.lives()] == list(shipped.lives)
    k.start_visit("wei")
    log = kiosk_log()
    assert "'nobody', 'wie', which the story does not have" in log
    assert "no life in 'lives' is in the story, so every life is offered" in log
    assert f"kiosk started ({len(shipped.lives)} lives offered)" in log


# -- values and slips in the file --------------------------------------------------------------------
def test_an_unknown_language_falls_back_to_the_default_and_is_logged(story):
    write_config({"language": "fr", "staff_pin": "482913"})
    config, message = load_kiosk_config()
    assert config.language == "en"
    k = Kiosk.load(story, clock=FakeClock())
    assert k.visit.settings.language == "en"
    assert "'language' \"fr\" is not one of en, zh; using the default (en)" in kiosk_log()
    config, notes = config_from_dict({"language": "zh"})
    assert config.language == "zh" and notes == []


@pytest.mark.parametrize("name, given, used", [("idle_seconds", 5, 15), ("text_scale", 9, 2),
                                               ("countdown_seconds", 3, 20), ("lockout_seconds", 99999, 3600)])
def test_a_number_out_of_range_is_moved_into_it_and_the_log_says_to_what(story, name, given, used):
    write_config({name: given, "staff_pin": "482913"})
    k = Kiosk.load(story, clock=FakeClock())
    assert getattr(k.config, name) == used
    note = rf"WARNING In kiosk\.json: '{name}' {given} is not between \S+ and \S+; using {used}\."
    assert re.search(note, kiosk_log())


def test_the_guide_describes_what_the_code_does_with_a_number_out_of_range():
    text = " ".join((ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8").split())
    m = re.search(r"\(`('idle_seconds' 5 is not between 15 and 3600; using 15)`\)", text)
    assert m and "moved to the nearest end of the range" in text
    assert config_from_dict({"idle_seconds": 5})[1] == [m.group(1)]


def test_a_json_slip_is_logged_with_its_line_and_column(story):
    f = write_config('{\n  "idle_seconds": 120\n  "staff_pin": "482913"\n}\n')
    k = Kiosk.load(story, clock=FakeClock())
    assert k.config == KioskConfig()
    log = kiosk_log()
    assert "kiosk.json could not be read (line 3, column 3: Expecting ',' delimiter), so the defaults are used" in log
    assert str(f.parent) not in log  # the log keeps no paths
    f.write_bytes(b'{"language": "\xff"}')
    assert "could not be read (byte 14 is not UTF-8)" in load_kiosk_config()[1]


# -- reduced motion -------------------------------------------------------------------------------------
def shown(p: Pilot) -> tuple[str, str]:
    scr = p.app.top
    beat = scr.beats[scr.index][2]
    return beat.kind, beat.node.id if beat.node else ""


def assert_calm(p: Pilot) -> None:
    scr = p.app.top
    assert scr.name == "attract" and p.app.ctx.reduced_motion
    assert scr.wake_at(p.clock.t) is None  # no wake-ups: nothing is due
    first = shown(p)
    assert scr.beats[scr.index][2].refused
    before = len(p.app.frame_times)
    for _ in range(30):
        p.step(1, dt=1.7)
        assert shown(p) == first and p.screen == "attract"
    assert len(p.app.frame_times) == before  # nothing moved, nothing was drawn again


def test_reduced_motion_in_kiosk_json_gives_a_calm_attract_for_every_visit():
    assert config_from_dict({"reduced_motion": True}) == (KioskConfig(reduced_motion=True), [])
    write_config({"reduced_motion": True, "staff_pin": "482913"})
    p = Pilot.start(EXAMPLE, kiosk=True)
    assert_calm(p)
    p.tap(key="begin")
    p.tap(key="life:ming")
    assert p.screen == "play"
    k = p.app.kiosk
    p.step(1, dt=k.config.idle_seconds + 1)
    p.step(1, dt=k.config.countdown_seconds + 1)  # nobody answers "Still there?": the visit is reset
    assert p.screen == "attract" and p.app.settings.reduced_motion
    assert_calm(p)
    assert "unknown setting" not in kiosk_log()
