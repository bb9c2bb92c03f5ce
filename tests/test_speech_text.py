"""``play --text --speak`` and ``--speak-to``: the text player says each screen with the window's
utterances, and every other line as printed; without a program or a device it says so once."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


def frames(path: Path) -> bytes:
    with wave.open(str(path)) as w:
        return w.readframes(w.getnframes())


def run(tmp_path, lines, *extra, env=None):
    script = tmp_path / "script.txt"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "game", "play", "--text", "--story", str(EXAMPLE), "--character",
                           "ming", "--script", str(script), *extra], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def test_one_wav_a_screen_with_the_same_sound_as_say(tmp_path, capsys):
    script = tmp_path / "script.txt"
    script.write_text("1\n2\n\n", encoding="utf-8")
    folder = tmp_path / "spoken"
    code = main(["play", "--text", "--story", str(EXAMPLE), "--character", "ming", "--script", str(script),
                 "--speak-to", str(folder)])
    printed = capsys.readouterr()
    assert code == 0 and printed.err == ""
    files = sorted(folder.glob("*.wav"))
    # one a prompt: the three screens, then the ending with the debrief's first part (and what follows)
    assert [f.name for f in files[:4]] == ["0001.wav", "0002.wav", "0003.wav", "0004.wav"]
    # screen 2 (after choice 1) and screen 3 (after 1, 2) are exactly what `say` renders for them
    for name, choices in (("0002.wav", "1"), ("0003.wav", "1,2")):
        ref = tmp_path / f"ref-{choices}.wav"
        assert main(["say", "--story", str(EXAMPLE), "--character", "ming", "--choices", choices, "-o", str(ref)]) == 0
        assert frames(folder / name) == frames(ref), name
    # the first file also has the introduction; the last the ending and the debrief, as printed
    assert len(frames(files[0])) > len(frames(tmp_path / "ref-1.wav")) / 2
    assert len(frames(files[-1])) > 0


def test_speak_without_a_device_is_one_message_and_the_game_goes_on(tmp_path):
    conf = tmp_path / "alsa.conf"
    conf.write_text("", encoding="utf-8")
    env = dict(os.environ, ALSA_CONFIG_PATH=str(conf), PULSE_SERVER="unix:/nonexistent")
    done = run(tmp_path, ["1", "2", "", "q"], "--speak", env=env)
    assert done.returncode == 0
    assert done.stderr.count("(speech: ") == 1 and "no sound device" in done.stderr
    assert "*** Ending: Home at last ***" in done.stdout


def test_speak_without_the_program_is_one_message(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    env = dict(os.environ, PATH=str(empty))
    done = run(tmp_path, ["1", "2", "", "q"], "--speak", env=env)
    assert done.returncode == 0
    assert done.stderr.count("(speech: ") == 1 and "espeak-ng" in done.stderr
    assert "Traceback" not in done.stderr
    assert "*** Ending: Home at last ***" in done.stdout


def test_speak_with_a_device_says_everything_without_a_message(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\n", encoding="utf-8")
    env = dict(os.environ, HOME=str(home), PULSE_SERVER="unix:/nonexistent")
    env.pop("ALSA_CONFIG_PATH", None)
    done = run(tmp_path, ["1", "2", "", "q"], "--speak", "--speech-rate", "2", env=env)
    assert done.returncode == 0 and done.stderr == ""
    assert "*** Ending: Home at last ***" in done.stdout


def test_bad_speech_options_are_usage_errors(tmp_path, capsys):
    for bad in (["--speech-rate", "9"], ["--speech-volume", "nan"]):
        try:
            main(["play", "--text", "--story", str(EXAMPLE), "--character", "ming", *bad])
        except SystemExit as exc:
            assert exc.code == 2
        assert "between" in capsys.readouterr().err


def test_chinese_text_player_speaks_chinese(tmp_path, capsys):
    script = tmp_path / "script.txt"
    script.write_text("1\n", encoding="utf-8")
    folder = tmp_path / "zh"
    assert main(["play", "--text", "--story", str(EXAMPLE), "--character", "ming", "--lang", "zh", "--script",
                 str(script), "--speak-to", str(folder)]) == 0
    ref = tmp_path / "ref.wav"
    assert main(["say", "--story", str(EXAMPLE), "--character", "ming", "--lang", "zh", "--choices", "1",
                 "-o", str(ref)]) == 0
    assert frames(folder / "0002.wav") == frames(ref)
    capsys.readouterr()


def test_no_sound_device_is_said_at_start_before_the_first_prompt(tmp_path):
    """QA B1: typed answers (no --script) cut each screen's speech short before eSpeak NG reports the
    missing device; the text player says so before the story begins, not after "Goodbye"."""
    conf = tmp_path / "alsa.conf"
    conf.write_text("", encoding="utf-8")
    env = dict(os.environ, ALSA_CONFIG_PATH=str(conf), PULSE_SERVER="unix:/nonexistent", PYTHONUNBUFFERED="1")
    done = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--story", str(EXAMPLE), "--character",
                           "ming", "--speak"], input="1\n2\n\nq\n", stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 0
    out = done.stdout
    assert out.count("(speech: ") == 1 and "no sound device" in out
    assert out.index("(speech: ") < out.index("> "), out[:400]
