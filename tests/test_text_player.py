"""The text player, driven by --script and by standard input, in process and as a real command."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
RUNTIME = ROOT / "tests" / "fixtures" / "runtime_story"


def play(capsys, tmp_path, lines, *, story=EXAMPLE, character="ming", extra=()):
    script = tmp_path / "script.txt"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["play", "--text", "--story", str(story), "--script", str(script), *extra]
    if character:
        args += ["--character", character]
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_numbered_choices_refused_event_and_ending(capsys, tmp_path):
    code, out, err = play(capsys, tmp_path, ["1", "2", "", "q"])
    assert code == 0 and err == ""
    assert out.startswith("Ming: An invented traveller\nBeijing, May 2016. About 2 minutes.\n"
                          "Content note: An invented example; no real person.\n")
    assert "LISTED: you are now on the court's list. An unpaid judgment.\n" in out
    assert ("== Beijing, 10 May 2016 ==\n[Dramatized.]\n[Public terminal]\n"
            "The ticket machine reads your ID card.\n") in out
    assert "\n1. Buy a high-speed ticket\n2. Rent a bike instead\n> 1\n" in out
    assert "REFUSED: Buy a high-speed train ticket. You are on the court's list.\n" in out
    # sources are named by outlet and date, never by their ids
    assert ("[Documented. Sources: TechNode, 23 October 2018.]\n"
            "Ticket clerk: The clerk says you are on the court's list.\n") in out
    assert "technode_2018" not in out
    assert "JOURNEY: Beijing to Chengdu by slow train (1,800 km, 20 hours).\n" in out
    assert "\n1. Continue\n> \n" in out  # an empty line takes the only choice
    assert "*** Ending: Home at last ***" in out and "What really happened:\nThis example is invented." in out
    # the debrief is paged (tests/test_text_debrief.py): the script's q leaves it after its first part
    assert out.rstrip().endswith("This example is invented.\n(Enter: read on, q: finish) > q\nGoodbye.")


def test_disabled_choices_show_their_reasons_and_cannot_be_taken(capsys, tmp_path):
    code, out, _ = play(capsys, tmp_path, ["3", "8", "q"], story=RUNTIME, character="kim")
    assert code == 0
    assert "3. Take a taxi home (not available: You cannot afford a taxi)\n" in out
    assert "8. Object to the listing (not available: There is nothing to object to)\n" in out
    assert "> 3\nNot available: You cannot afford a taxi\n> 8\nNot available: There is nothing to object to\n" in out
    assert "Take the secret door" not in out  # hidden: its condition is false and it has no reason
    assert out.rstrip().endswith("Goodbye.")


def test_journal_status_undo_and_quit(capsys, tmp_path):
    code, out, _ = play(capsys, tmp_path, ["j", "1", "j", "s", "u", "u", "h", "q"])
    assert code == 0
    assert "> j\nThe journal is empty.\n" in out
    assert "> j\nJournal:\n- 10 May 2016: The machine refused your ID card.\n" in out
    assert ("> s\nOn lists: List of Dishonest Persons Subject to Enforcement\n"
            "Refused now: Buy a high-speed train ticket\nPoints: 950, grade B\nMoney: 500 yuan\n") in out
    after_undo = out.split("> u\n", 1)[1]
    assert after_undo.startswith("Undone: back to the previous choice.\n\n== Beijing, 10 May 2016 ==\n[Dramatized.]")
    assert "> u\nThere is nothing to undo.\n" in out
    assert "> h\nType the number of a choice." in out
    assert out.rstrip().endswith("> q\nGoodbye.")


def test_bad_input_is_explained(capsys, tmp_path):
    code, out, _ = play(capsys, tmp_path, ["7", "fly", "²", "9" * 5000, "q"])
    assert code == 0
    assert "> 7\nThere is no choice 7.\n" in out
    assert "> fly\nUnknown command 'fly'." in out
    assert "Unknown command '²'." in out
    assert out.count("Unknown command") == 3


def test_end_of_script_stops_cleanly(capsys, tmp_path):
    code, out, _ = play(capsys, tmp_path, ["# a comment line is skipped", "1"])
    assert code == 0 and "> # a comment" not in out
    assert out.rstrip().endswith("(end of input)")


def test_choose_a_life_when_none_is_given(capsys, tmp_path):
    code, out, _ = play(capsys, tmp_path, ["5", "x", "1", "q"], character=None)
    assert code == 0
    assert out.startswith("Choose a life:\n1. Ming: An invented traveller (Beijing, May 2016, about 2 minutes)\n")
    assert out.count("Type a number from 1 to 1, or q to quit.") == 2
    assert "Ming: An invented traveller\nBeijing, May 2016" in out


def test_translation(capsys, tmp_path):
    code, out, _ = play(capsys, tmp_path, ["1", "j", "q"], extra=["--lang", "zh"])
    assert code == 0
    assert "售票机读取你的身份证。" in out and "1. 购买高铁车票" in out
    assert "日志：\n- 2016年5月10日：售票机拒绝了你的身份证。" in out  # the journal is translated too, and its words


def test_chapter_start_and_errors(capsys, tmp_path):
    code, out, _ = play(capsys, tmp_path, ["q"], extra=["--start", "chapter:listed"])
    assert code == 0 and "LISTED" in out
    code, _, err = play(capsys, tmp_path, ["q"], extra=["--start", "chapter:nope"])
    assert code == 1 and "cannot start" in err
    code, _, err = play(capsys, tmp_path, ["q"], character="nobody")
    assert code == 1 and "no life 'nobody' in the story at " in err
    assert "choose one of: ming (or name another story with --story PATH)" in err
    assert main(["play", "--text", "--story", str(EXAMPLE), "--script", str(tmp_path / "none.txt")]) == 1
    assert "cannot read the script" in capsys.readouterr().err


def test_a_broken_story_is_not_played(capsys, tmp_path):
    code, out, err = play(capsys, tmp_path, ["1"], story=ROOT / "tests" / "fixtures" / "broken" / "cases"
                          / "E009_newer_format", character=None)
    assert code == 1 and out == ""
    assert "error E009" in err and err.rstrip().splitlines()[-1] == "cannot play: 1 error, 0 warnings"


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("2\n"))
    code = main(["play", "--text", "--story", str(EXAMPLE), "--character", "ming"])
    out = capsys.readouterr().out
    assert code == 0
    assert "1. Buy a high-speed ticket\n2. Rent a bike instead\n> " in out
    assert "*** Ending: Home at last ***" in out


def test_stdin_ends(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    assert main(["play", "--text", "--story", str(EXAMPLE), "--character", "ming"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("(end of input)")


# -- as a real command -----------------------------------------------------------------------------------
def run(args, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60, **kw)


def test_script_subprocess(tmp_path):
    script = tmp_path / "ming.txt"
    script.write_text("1\nj\n1\n\n", encoding="utf-8")
    proc = run(["play", "--text", "--story", "docs/example-story", "--character", "ming", "--script", str(script)])
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "REFUSED: Buy a high-speed train ticket. You are on the court's list." in out
    assert "Journal:\n- 10 May 2016: The machine refused your ID card." in out
    assert "APPEAL: Objection to the listing: Written objection. Time limit: 15 days." in out
    assert "TIME: Two weeks later. It is now 25 May 2016." in out
    assert "*** Ending: Home at last ***" in out
    assert all(len(line) <= 78 for line in out.splitlines())  # plain, wrapped lines


def test_stdin_subprocess():
    proc = run(["play", "--text", "--story", "docs/example-story", "--character", "ming"], input="1\nu\nq\n")
    assert proc.returncode == 0, proc.stderr
    assert "Undone: back to the previous choice." in proc.stdout
    assert proc.stdout.rstrip().endswith("Goodbye.")


@pytest.mark.parametrize("cmd", ["help", "?"])
def test_help_command(capsys, tmp_path, cmd):
    _, out, _ = play(capsys, tmp_path, [cmd, "q"])
    assert f"> {cmd}\nType the number of a choice. Other commands: u = undo" in out
