"""Speech in the window: the V key and the toggles, the play screen said with the words it shows,
focus moves, repeat and stop, settings that persist, and a message (no crash) without eSpeak NG.
The sound goes to ALSA's null device; the speaker is the real one."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game import i18n
from game.engine import speech
from game.modes.settings import Settings
from game.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"

pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture
def null_device(tmp_path, monkeypatch):
    home = tmp_path / "alsa-home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent")
    monkeypatch.delenv("ALSA_CONFIG_PATH", raising=False)


def said(p: Pilot) -> list[str]:
    return [u.text for u in p.app.speech.speaker.last]


def shown_texts(p: Pilot) -> set[str]:
    from game.ui.speechbridge import _walk

    out: list[tuple[str, str]] = []
    for v in p.app.top.views:
        _walk(v.root, out)
    return {t for t, _ in out}


def start(**settings) -> Pilot:
    p = Pilot.start(EXAMPLE, settings=Settings(**settings))
    return p


def test_v_turns_speech_on_anywhere_and_the_title_is_read(null_device):
    p = start()
    assert p.screen == "title" and p.app.speech.speaker is None  # off by default: no thread, no process
    p.key("v")
    assert p.app.settings.speech is True
    assert said(p)[0] == "Reading aloud is on."
    assert "Play" in said(p) and "Settings" in said(p)
    assert p.find(key="speech").selected  # the title's toggle shows it
    p.key("v")
    assert p.app.settings.speech is False
    assert said(p) == ["Reading aloud is off."]
    p.step(3)
    assert said(p) == ["Reading aloud is off."]  # nothing more is said while off
    assert p.app.errors == []


def test_the_play_screen_is_said_with_the_words_it_shows(null_device):
    p = start(speech=True)
    p.key("return")  # Play
    p.key("return")  # the first life
    assert p.screen == "play"
    game = p.app.game
    expected = speech.play_screen(game.story, game.session, game.lang, game.last_events())
    assert p.app.speech.speaker.last == expected
    assert said(p) == [u.text for u in expected]
    # what the window shows: every event line, the text and each choice button's label
    shown = shown_texts(p)
    for text in ("The ticket machine reads your ID card.", "1. Buy a high-speed ticket", "2. Rent a bike instead"):
        assert text in said(p)
    assert "Buy a high-speed ticket" in {w.label for w in p.widgets()}
    assert "The ticket machine reads your ID card." in shown
    p.key("1")  # refused: a new screen interrupts the old and is said
    assert p.app.game.session.state.node == "refused"
    assert "REFUSED: Buy a high-speed train ticket. You are on the court's list." in said(p)
    assert said(p)[-2:] == ["1. Call the court", "2. Take the slow train"]
    assert p.app.speech.speaker.wait(timeout=30)
    assert p.app.speech.speaker.take_message() is None and p.app.speech.message is None
    assert list(p.app.speech.speaker.said)[-1].text == "2. Take the slow train"


def test_focus_moves_repeat_and_stop(null_device):
    p = start(speech=True)
    p.key("return")
    p.key("return")
    p.key("1")
    p.key("tab")
    p.key("tab")
    assert p.focus.key == "choice:slow"
    assert said(p) == ["2. Take the slow train"]
    p.key("r")
    assert said(p) == ["2. Take the slow train"]
    p.key("left ctrl", pygame.KMOD_LCTRL)
    assert p.app.speech.speaker.wait(timeout=5)
    p.key("space")  # choose with the keyboard: the new screen is said
    assert "JOURNEY: Beijing to Chengdu by slow train (1,800 km, 20 hours)." in said(p)


def test_disabled_choice_notice_is_said(null_device, tmp_path):
    p = Pilot.start(ROOT / "tests" / "fixtures" / "runtime_story", settings=Settings(speech=True))
    p.key("return")
    p.key("return")
    assert p.screen == "play"
    taxi = next(c for c in p.app.game.view().choices if c.id == "taxi")
    assert "Not available: You cannot afford a taxi" in said(p)
    p.key(str(taxi.number))
    assert said(p) == ["Not available: You cannot afford a taxi"]


def test_settings_speech_group_rate_volume_and_keys_help(null_device):
    p = start()
    p.click("Settings")
    assert p.screen == "settings"
    p.click(key="speech:on")
    assert p.app.settings.speech is True
    p.click(key="speech_rate:1.5")
    assert p.app.settings.speech_rate == 1.5 and p.app.speech.speaker.voice.rate == 1.5
    p.click(key="speech_volume:-")
    assert p.app.settings.speech_volume == 0.75
    p.step()
    assert p.app.speech.speaker.voice.volume == 0.75
    shown = shown_texts(p)
    assert "Read aloud on or off: V" in shown and "Say it again: R" in shown
    assert "Stop speaking: Left Ctrl, Right Ctrl" in shown
    from game.modes.settings import load_settings

    saved, msg = load_settings()
    assert msg is None and saved.speech is True and saved.speech_rate == 1.5 and saved.speech_volume == 0.75


def test_no_program_is_a_message_in_settings_not_a_crash(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    p = start()
    p.key("v")
    assert p.app.settings.speech is True
    assert p.app.toast and "eSpeak NG" in p.app.toast
    p.click("Settings")
    assert any("eSpeak NG" in t for t in shown_texts(p))
    p.key("tab")
    p.key("r")
    p.key("left ctrl")
    assert p.app.errors == []


def test_speech_on_does_not_slow_a_frame_down_by_waiting(null_device):
    """The worker speaks: a frame that hands over a long screen returns before that screen is said."""
    p = start(speech=True)
    p.key("return")
    p.key("return")
    assert p.screen == "play"
    assert p.app.speech.speaker.busy  # still speaking after the frame that started it returned
    p.app.speech.speaker.stop()
    assert p.app.speech.speaker.wait(timeout=10)


def test_kiosk_config_turns_speech_on_and_the_attract_screen_says_how(null_device):
    import json

    from game.modes import paths
    from game.ui.speechbridge import attract_hint

    cfg = paths.kiosk_config_file()
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text(json.dumps({"speech": True, "speech_rate": 1.5}), encoding="utf-8")
    p = Pilot.start(EXAMPLE, kiosk=True)
    assert p.screen == "attract"
    assert p.app.settings.speech is True and p.app.settings.speech_rate == 1.5
    hint = attract_hint(p.app)
    assert hint == "To hear the game read aloud, touch Read aloud."  # a touch kiosk: no key to press
    assert hint in shown_texts(p)
    assert hint in said(p) and "Touch to begin" in said(p)
    # while the game reads to a visitor, the idle countdown does not run
    p.tap(key="speech")  # a visitor turns it off, then on again
    assert p.app.settings.speech is False and p.screen == "attract"
    p.tap(key="speech")
    assert p.app.settings.speech is True
    p.tap_at((5, 5))
    p.tap(key="life:ming")
    assert p.screen == "play"
    assert p.app.kiosk.timer.paused  # the frame that began reading the scene paused the idle timer
    p.step(1, dt=200)  # far past the idle time, but the game is still reading
    assert p.screen == "play"
    p.app.speech.speaker.stop()
    assert p.app.speech.speaker.wait(timeout=10)
    p.step()
    assert not p.app.kiosk.timer.paused
    p.step(1, dt=91)
    assert p.screen == "still_there"
    p.step(1, dt=31)
    assert p.screen == "attract"
    # the next visitor starts from the kiosk's settings again: reading aloud
    assert p.app.settings.speech is True
    assert p.app.errors == []


def test_the_debrief_is_read_and_an_answer_says_its_verdict(null_device):
    p = start(speech=True)
    p.key("return")
    p.key("return")
    for k in ("1", "2", "1", "return"):
        p.key(k)
    assert p.screen == "debrief"
    first = said(p)
    assert first[:3] == ["Debrief", "Ming", "Back to the ending"]
    for text in ("What really happened", "This example is invented.", "Everyone in China has one national score.",
                 "1. Who should be told before a court lists someone?"):
        assert text in first
    assert p.app.top.st.show_focus and p.focus.label == "Myth"  # reached by keys: the focus shows at once
    p.key("space")
    assert said(p) == ["Myth", "Selected", "You said myth. That matches the sources: MYTH.",
                       "Blacklists are the backbone, not one score.", "Sources: TechNode, 23 October 2018"]
    p.step(3)  # redrawing the same screen says nothing again
    assert said(p)[0] == "Myth" and len(said(p)) == 5


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_whole_shipped_life_by_keyboard_from_what_is_said(null_device, lang):
    """Screen off: each key is chosen from the spoken words alone (the first choice not said to be
    unavailable, by its number), through Wei's whole life to the debrief, in English and in Chinese."""
    p = Pilot.start(ROOT / "story", settings=Settings(speech=True, language=lang))
    word = i18n._  # the interface's words, in the language being played
    assert word("Play") in said(p) and (lang == "en" or "Play" not in said(p))
    p.key("return")  # Play has the focus
    assert p.screen == "lives"
    p.key("return")  # the first life offered
    assert p.screen == "play" and p.app.game.life.id == "wei"
    assert p.app.speech.speaker.last[0].lang == lang  # the place and date, in the game's language
    for _ in range(200):
        heard = said(p)
        if word("Read the debrief") in heard:
            break
        numbered = [(i, t) for i, t in enumerate(heard) if t.split(". ", 1)[0].isdigit()]
        pick = next(t.split(".")[0] for i, t in numbered
                    if i + 1 >= len(heard) or not heard[i + 1].startswith(word("Not available")))
        before = len(p.app.game.session.state.log)
        p.key(pick)
        assert len(p.app.game.session.state.log) == before + 1, (pick, heard)
    assert p.app.game.session.ended
    p.key("return")
    assert p.screen == "debrief"
    assert word("What really happened") in said(p)
    assert p.app.errors == [] and p.app.speech.message is None


def test_a_chinese_game_speaks_chinese_with_the_mandarin_voice(null_device):
    p = Pilot.start(EXAMPLE, settings=Settings(speech=True, language="zh"))
    p.key("return")
    p.key("return")
    assert p.screen == "play"
    last = p.app.speech.speaker.last
    assert speech.Utterance("售票机读取你的身份证。", "zh", speech.SYSTEM) in last
    assert speech.Utterance("1. 购买高铁车票", "zh", speech.INTERFACE) in last
    assert p.app.speech.speaker.wait(timeout=30)
    assert p.app.speech.message is None
    assert any(u.lang == "zh" for u in p.app.speech.speaker.said)


def test_speech_saved_on_is_on_at_the_next_start(null_device):
    from game.modes.settings import save_settings

    assert save_settings(Settings(speech=True, speech_rate=0.75, speech_volume=0.5)) is None
    p = Pilot.start(EXAMPLE)  # the settings file, as a player's next start reads it
    p.step(3)
    assert p.app.settings.speech is True
    assert "Play" in said(p)
    assert p.app.speech.speaker.voice.rate == 0.75
    assert p.app.speech.speaker.voice.volume == 0.5


def test_the_speech_key_can_be_remapped_and_the_screens_name_the_new_key(null_device):
    p = start(keys={"speech": ["f5"]})
    p.key("v")
    assert p.app.settings.speech is False
    assert p.find(key="speech").sub == "Off: press F5 to turn on"
    p.key("f5")
    assert p.app.settings.speech is True
    assert p.find(key="speech").sub == "On: press F5 to turn off"


def test_a_countdown_is_said_without_cutting_itself_short(null_device):
    import json

    from game.modes import paths

    cfg = paths.kiosk_config_file()
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text(json.dumps({"speech": True}), encoding="utf-8")
    p = Pilot.start(EXAMPLE, kiosk=True)
    p.tap_at((5, 5))
    p.tap(key="life:ming")
    p.app.speech.speaker.stop()
    assert p.app.speech.speaker.wait(timeout=10)
    p.step()  # the idle timer runs again
    p.step(1, dt=91)
    assert p.screen == "still_there"
    first = list(p.app.speech.speaker.last)
    assert first[0].text == "Still there?"
    for _ in range(6):  # the countdown is laid out again each half second with a new number
        p.step(1, dt=0.5)
    assert p.app.speech.speaker.wait(timeout=30)
    texts = [u.text for u in p.app.speech.speaker.said]
    assert texts.count("Still there?") == 1  # the screen was read once, to its end
    assert texts[texts.index("Still there?"):][-1].startswith("The game starts again for the next visitor in ")
    assert texts.count("I'm still here") == 1


def test_the_attract_loop_is_read_once_not_at_each_turn(null_device):
    import json

    from game.modes import paths

    cfg = paths.kiosk_config_file()
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text(json.dumps({"speech": True}), encoding="utf-8")
    p = Pilot.start(ROOT / "story", kiosk=True)
    assert p.screen == "attract" and len(p.app.game.lives()) > 1
    first = p.app.speech.speaker.last
    assert p.app.speech.speaker.wait(timeout=30)
    shown = shown_texts(p)
    p.step(1, dt=8)  # the loop turns to the next life
    assert shown_texts(p) != shown
    assert p.app.speech.speaker.last is first and not p.app.speech.speaker.busy
