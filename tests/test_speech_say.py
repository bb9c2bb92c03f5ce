"""``python -m game say``: one screen rendered to a WAV file, in English and in Chinese.

The shipped story has no Chinese translation yet, so Chinese is tested on the example story, whose
lang/zh.yaml translates it; the shipped story's Chinese terms inside English text are tested too.
"""

from __future__ import annotations

import array
import math
import sys
import wave
from pathlib import Path

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


def wav_rms(path: Path) -> tuple[float, float]:
    """(RMS of the samples, seconds) of a mono 16-bit WAV, read with the wave module."""
    with wave.open(str(path)) as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
        rate = w.getframerate()
        a = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        a.byteswap()
    return math.sqrt(sum(x * x for x in a) / len(a)), len(a) / rate


def test_english_screen_to_a_wav(tmp_path, capsys):
    out = tmp_path / "ming.wav"
    code = main(["say", "--story", str(EXAMPLE), "--character", "ming", "--choices", "1", "-o", str(out),
                 "--print"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "[en system] Ticket clerk" not in printed  # a dialogue speaker is the narrator's
    assert "[en narration] REFUSED: Buy a high-speed train ticket. You are on the court's list." in printed
    assert "[en interface] 2. Take the slow train" in printed
    level, seconds = wav_rms(out)
    assert level > 300 and seconds > 5
    assert f"wrote {out}:" in printed


def test_chinese_screen_to_a_wav(tmp_path, capsys):
    out = tmp_path / "ming-zh.wav"
    assert main(["say", "--story", str(EXAMPLE), "--character", "ming", "--lang", "zh", "-o", str(out),
                 "--print"]) == 0
    printed = capsys.readouterr().out
    assert "[zh system] 售票机读取你的身份证。" in printed
    assert "[zh interface] 1. 购买高铁车票" in printed
    level, seconds = wav_rms(out)
    assert level > 300 and seconds > 3


def test_shipped_story_chinese_term_inside_english(tmp_path, capsys):
    out = tmp_path / "li.wav"
    # Li Xiaolin at the airport machine: the list's Chinese name inside the English notice
    assert main(["say", "--character", "li_xiaolin", "--choices", "1,1", "-o", str(out), "--print"]) == 0
    printed = capsys.readouterr().out
    assert "[zh system] 失信被执行人名单" in printed
    assert wav_rms(out)[0] > 300


def test_rate_makes_the_file_shorter(tmp_path, capsys):
    normal, fast = tmp_path / "n.wav", tmp_path / "f.wav"
    base = ["say", "--story", str(EXAMPLE), "--character", "ming", "--start", "chapter:listed"]
    assert main([*base, "-o", str(normal)]) == 0
    assert main([*base, "--rate", "2", "-o", str(fast)]) == 0
    assert wav_rms(fast)[1] < 0.75 * wav_rms(normal)[1]


def test_bad_requests_are_messages_not_tracebacks(tmp_path, capsys):
    out = tmp_path / "x.wav"
    base = ["say", "--story", str(EXAMPLE), "-o", str(out)]
    assert main([*base, "--character", "nobody"]) == 1
    assert "no life 'nobody'; choose one of: ming" in capsys.readouterr().err
    assert main([*base, "--character", "ming", "--choices", "9"]) == 1
    assert "choice 1 (9): this screen has choices 1 to 2" in capsys.readouterr().err
    assert main([*base, "--character", "ming", "--choices", "1,1,1,1"]) == 1
    assert "the life has already ended" in capsys.readouterr().err
    assert main([*base, "--character", "ming", "--lang", "fr"]) == 1
    assert "no language 'fr'; it has: en, zh" in capsys.readouterr().err
    assert main([*base, "--character", "ming", "--start", "chapter:nope"]) == 1
    assert "cannot start: life 'ming' has no chapter 'nope'" in capsys.readouterr().err
    assert main(["say", "--story", str(EXAMPLE), "--character", "ming", "-o",
                 str(tmp_path / "no" / "such" / "dir.wav")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert not out.exists()
