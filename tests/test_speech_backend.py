"""The speech backend (game.speech) against the real eSpeak NG program: rendering, rate and volume,
speaking beside the caller, interrupting, and going silent with a message when there is no program or
no sound device. No test mocks our own code: a missing program is a PATH without it, a sound device
is ALSA's null device, a missing device is an ALSA setup with no device at all.
"""

from __future__ import annotations

import array
import math
import os
import shutil
import sys

import pytest

from game.engine.speech import NARRATION, SYSTEM, Utterance
from game.speech import Speaker, SpeechUnavailable, Voice, espeak

REAL_PROGRAM = shutil.which("espeak-ng")  # looked up before any test empties PATH
LINE = Utterance("The ticket machine reads your ID card. It refuses the sale.", "en", NARRATION)


def rms(pcm: bytes) -> float:
    a = array.array("h", pcm)
    if sys.byteorder == "big":
        a.byteswap()
    return math.sqrt(sum(x * x for x in a) / len(a)) if a else 0.0


@pytest.fixture
def no_program(tmp_path, monkeypatch):
    """A PATH on which espeak-ng cannot be found."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def null_device(tmp_path, monkeypatch):
    """A sound device that takes the audio and plays it nowhere (ALSA's null device)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent")  # never a real speaker while testing
    monkeypatch.delenv("ALSA_CONFIG_PATH", raising=False)


@pytest.fixture
def no_device(tmp_path, monkeypatch):
    """No sound device at all: ALSA knows none, PulseAudio cannot be reached."""
    conf = tmp_path / "alsa.conf"
    conf.write_text("", encoding="utf-8")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(conf))
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent")


def test_the_program_is_installed():
    # CI installs it (.ci/run); speech tests must run there, not be skipped
    assert espeak.find_program(), "espeak-ng is not on PATH: install it (apt-get install espeak-ng)"


def test_english_and_mandarin_render_to_sound():
    for utt in (LINE, Utterance("失信被执行人名单", "zh", NARRATION), Utterance("订票失败", "zh", SYSTEM)):
        rate, pcm = espeak.synth(utt)
        assert rate > 8000
        assert len(pcm) / 2 / rate > 0.5, utt
        assert rms(pcm) > 300, utt


def test_voices_follow_language_and_role():
    assert espeak.voice("en", NARRATION) == "en"
    assert espeak.voice("zh", NARRATION) == "cmn"
    assert espeak.voice("zh", SYSTEM) == "cmn+announcer"
    assert espeak.voice("en-GB", NARRATION) == "en"
    # the system voice really is another voice: the same words sound different
    assert espeak.synth(LINE)[1] != espeak.synth(Utterance(LINE.text, "en", SYSTEM))[1]


def test_volume_scales_the_sound_and_rate_the_length():
    _, loud = espeak.synth(LINE, Voice(1.0, 1.0))
    _, quiet = espeak.synth(LINE, Voice(1.0, 0.5))
    assert 0.35 < rms(quiet) / rms(loud) < 0.65
    _, fast = espeak.synth(LINE, Voice(2.0, 1.0))
    _, slow = espeak.synth(LINE, Voice(0.5, 1.0))
    assert len(fast) < 0.7 * len(loud) < 0.7 * 0.7 * len(slow)
    _, silent = espeak.synth(LINE, Voice(1.0, 0.0))
    assert rms(silent) < 5


def test_text_is_never_read_as_an_option():
    # on the command line "-w /tmp/x" would be an option; on standard input it is words
    rate, pcm = espeak.synth(Utterance("-w /tmp/x --stdout", "en"))
    assert rms(pcm) > 300


def test_a_screen_is_one_ssml_document_with_a_sentence_a_line():
    lines = [Utterance("Beijing, 10 May 2016", "en", "interface"), Utterance("What just happened", "en", "interface"),
             Utterance("Booking <failed> & refused", "en", SYSTEM), Utterance("订票失败", "zh", SYSTEM, True)]
    doc = espeak.text_in(lines).decode("utf-8")
    assert doc == ('<speak><s><voice name="en">Beijing, 10 May 2016</voice> </s>'
                   '<s><voice name="en">What just happened</voice> </s>'
                   '<s><voice name="en+announcer">Booking &lt;failed&gt; &amp; refused</voice> '
                   '<voice name="cmn+announcer">订票失败</voice> </s></speak>')
    rate, pcm = espeak.synth(lines)
    assert rms(pcm) > 300
    # each line a sentence of its own: a pause between them that the same words run together lack
    _, two = espeak.synth(lines[:2])
    _, run_on = espeak.synth(Utterance("Beijing, 10 May 2016 What just happened", "en", "interface"))
    assert len(two) > len(run_on)


def test_render_joins_utterances_with_a_gap():
    r1, a = espeak.synth(LINE)
    rate, both = espeak.render([LINE, LINE])
    assert rate == r1
    assert len(both) == 2 * len(a) + 2 * int(espeak.GAP_S * rate)


def test_no_program_is_an_error_to_report_not_a_crash(no_program):
    assert espeak.find_program() is None
    with pytest.raises(SpeechUnavailable, match="espeak-ng"):
        espeak.render([LINE])


def test_speaker_without_the_program_says_so_once_and_stays_silent(no_program):
    sp = Speaker()
    assert not sp.available
    sp.speak([LINE])  # no exception, no thread, nothing to wait for
    assert sp.wait(timeout=1.0)
    assert "eSpeak NG" in (sp.take_message() or "")
    assert sp.take_message() is None
    sp.repeat()
    sp.stop()
    sp.close()


def test_speaker_without_a_sound_device_says_so_once(no_device):
    sp = Speaker()
    assert sp.available  # the program is there; only speaking shows the device is missing
    sp.speak([LINE, LINE])
    assert sp.wait(timeout=30)
    assert not sp.available
    assert sp.take_message() == espeak.NO_DEVICE
    assert sp.take_message() is None
    assert list(sp.said) == []
    sp.speak([LINE])  # silent from now on
    assert sp.wait(timeout=1.0)
    sp.close()


def test_speaker_speaks_beside_the_caller_and_a_new_screen_interrupts(null_device):
    sp = Speaker(rate=1.5, volume=0.5)
    old = [Utterance(f"Old screen, line {i}.", "en") for i in range(40)]
    new = [Utterance("New screen.", "en"), Utterance("新的屏幕", "zh")]
    sp.speak(old)  # returns at once; the worker speaks
    sp.speak(new)  # before 40 processes could have run: the old screen is dropped
    assert sp.wait(timeout=30)
    assert sp.take_message() is None and sp.available
    said = list(sp.said)
    assert said[-2:] == new
    assert len(said) < len(old) + len(new)
    assert sp.last == new
    sp.repeat()
    assert sp.wait(timeout=30)
    assert list(sp.said)[-2:] == new and len(sp.said) == len(said) + 2
    sp.stop()
    sp.close()


def test_stop_ends_speech_and_rate_and_volume_apply_to_the_next_utterance(null_device):
    sp = Speaker()
    sp.set_rate(2.0)
    sp.set_volume(0.25)
    assert sp.voice == Voice(2.0, 0.25)
    argv = espeak.command("espeak-ng", LINE, sp.voice)
    assert argv[argv.index("-s") + 1] == "350" and argv[argv.index("-a") + 1] == "25"
    sp.speak([Utterance(f"Line {i}.", "en") for i in range(40)])
    sp.stop()
    assert sp.wait(timeout=30)
    assert len(sp.said) < 40
    sp.close()


@pytest.mark.skipif(os.name != "posix", reason="PATH semantics of the test are POSIX")
def test_say_command_without_the_program_is_a_message(tmp_path):
    import subprocess

    empty = tmp_path / "bin"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PATH"}
    env["PATH"] = str(empty)
    out = tmp_path / "x.wav"
    done = subprocess.run([sys.executable, "-m", "game", "say", "--character", "ming", "--story",
                           "docs/example-story", "-o", str(out)], capture_output=True, text=True, env=env,
                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))), timeout=120)
    assert done.returncode == 1
    assert "cannot speak" in done.stderr and "espeak-ng" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert shutil.which("espeak-ng", path=env["PATH"]) is None


def test_an_empty_screen_after_a_pending_one_leaves_nothing_to_wait_for(null_device):
    sp = Speaker()
    for _ in range(20):  # the worker may or may not have taken the first job yet: both must end
        sp.speak([LINE])
        sp.speak([])
        assert sp.wait(timeout=30)
    sp.close()


def test_a_named_program_is_used_and_a_wrong_name_is_no_program(no_program, tmp_path, monkeypatch):
    real = REAL_PROGRAM
    assert real, "espeak-ng is installed"
    monkeypatch.setenv(espeak.ENV_PROGRAM, real)
    assert espeak.find_program() == real
    assert rms(espeak.render([LINE])[1]) > 300
    monkeypatch.setenv(espeak.ENV_PROGRAM, str(tmp_path / "nothing-here"))
    assert espeak.find_program() is None
    sp = Speaker()
    assert not sp.available and "espeak-ng" in (sp.take_message() or "")


def test_a_chinese_term_inside_a_sentence_is_said_in_one_go_with_its_voice():
    from game.engine.speech import utterances

    line = utterances("On the List of Dishonest Persons (失信被执行人名单), published <by> the court & others.",
                      "en", SYSTEM)
    assert [(u.lang, u.joined) for u in line] == [("en", False), ("zh", True), ("en", True)]
    assert espeak.groups([LINE, *line, LINE]) == [[LINE], line, [LINE]]
    ssml = espeak.text_in(line).decode("utf-8")
    assert ssml.startswith('<speak><s><voice name="en+announcer">On the List of Dishonest Persons (</voice> ')
    assert ssml.endswith("</s></speak>") and ssml.count("<s>") == 1  # one sentence
    assert '<voice name="cmn+announcer">失信被执行人名单</voice>' in ssml
    assert "published &lt;by&gt; the court &amp; others." in ssml
    assert "-m" in espeak.command("espeak-ng", line, Voice()) and "-m" not in espeak.command("espeak-ng", LINE, Voice())
    rate, joined = espeak.render(line)
    assert rms(joined) > 300
    # one process, no gaps: shorter than the three parts said apart with the gaps between them
    apart = sum(len(espeak.synth(u)[1]) for u in line) + 2 * 2 * int(espeak.GAP_S * rate)
    assert len(joined) < apart
    # and the Chinese is said by the Mandarin voice: the English voice would spell each character out
    _, en_voice = espeak.synth(Utterance("On the List of Dishonest Persons (失信被执行人名单), published <by> the "
                                         "court & others.", "en", SYSTEM))
    assert len(joined) < 0.8 * len(en_voice)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in program is a shell script")
def test_a_synthesiser_that_hangs_is_ended_and_reported_once(tmp_path, monkeypatch):
    """A broken engine (here a program that never ends) must not keep the speaker busy for ever: a
    kiosk's idle timer waits while speech is busy."""
    from game.speech import speaker as speaker_mod

    hang = tmp_path / "espeak-ng"
    hang.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    hang.chmod(0o755)
    monkeypatch.setenv(espeak.ENV_PROGRAM, str(hang))
    monkeypatch.setattr(speaker_mod, "HANG_MIN_S", 0.3)
    monkeypatch.setattr(speaker_mod, "HANG_CHARS_PER_S", 1000.0)
    sp = Speaker()
    sp.speak([LINE, LINE])
    assert sp.wait(timeout=30)
    assert not sp.available and sp.take_message() == speaker_mod.HUNG
    assert sp.take_message() is None and list(sp.said) == []
    sp.close()


def test_then_waits_for_the_current_speech_and_keeps_only_the_latest(null_device):
    sp = Speaker()
    screen = [Utterance(f"Line {i} of the screen.", "en") for i in range(30)]
    sp.speak(screen)
    sp.then([Utterance("In 29 seconds.", "en")])
    sp.then([Utterance("In 28 seconds.", "en")])  # replaces the one before: only the latest is said
    assert sp.wait(timeout=60)
    assert list(sp.said) == [*screen, Utterance("In 28 seconds.", "en")]  # the screen was not cut short
    sp.then([Utterance("In 27 seconds.", "en")])  # nothing being said: at once
    assert sp.wait(timeout=30)
    assert list(sp.said)[-1].text == "In 27 seconds."
    sp.speak(screen)
    sp.then([Utterance("In 26 seconds.", "en")])
    sp.stop()  # stop drops what was waiting
    assert sp.wait(timeout=30)
    assert "In 26 seconds." not in [u.text for u in sp.said]
    sp.close()
