"""The text player's debrief: paged part by part, each myth-or-fact claim asked before it is answered,
answers in the window's words ("Partly true"), sources by outlet and date, addresses decoded."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from game.cite import human_date
from game.cli import main
from game.engine.loader import load_story
from game.engine.model import Debrief, Ending, Myth, Section, Story, Text
from game.text.debrief import DebriefPager

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


@lru_cache(maxsize=1)
def shipped() -> Story:
    story = load_story(ROOT / "story").story
    assert story is not None
    return story


def play_example(capsys, tmp_path, lines: list[str]) -> str:
    """Play the example story to its ending ("1", "2", ""), then feed ``lines`` to its debrief."""
    script = tmp_path / "script.txt"
    script.write_text("\n".join(["1", "2", "", *lines]) + "\n", encoding="utf-8")
    assert main(["play", "--text", "--story", str(EXAMPLE), "--script", str(script), "--character", "ming"]) == 0
    return capsys.readouterr().out


def page(debrief: Debrief, answers: list[str | None], story: Story | None = None) -> tuple[str, dict[str, str]]:
    """Run the pager on ``debrief`` with scripted input (None: the input ends); return what it printed."""
    story = story or shipped()
    out = io.StringIO()
    feed = iter(answers)

    def ask(prompt: str) -> str | None:
        line = next(feed, None)
        out.write(f"{prompt}{'' if line is None else line}\n")
        return line

    pager = DebriefPager(story, lambda text="": out.write(text + "\n"), ask, lambda t: t.en)
    got = pager.run(Ending(Text("t.end", "The end"), debrief.id), debrief)
    return out.getvalue(), got


def li_debrief() -> Debrief:
    return shipped().lives["li_xiaolin"].debriefs["li_xiaolin"]


def test_each_claim_is_asked_before_its_answer_is_shown(capsys, tmp_path):
    out = play_example(capsys, tmp_path, ["", "1", "", ""])  # the example has no "not known" or "dramatized"
    claim = out.index("Claim 1 of 1: Everyone in China has one national score.")
    asked = out.index("Your answer > 1")
    verdict = out.index("You said myth. That matches the sources: MYTH.")
    explained = out.index("Blacklists are the backbone, not one score.")
    assert claim < asked < verdict < explained
    assert "MYTH" not in out[:asked] and "Blacklists are the backbone" not in out[:asked]
    assert out.index("Questions to discuss:") > explained
    assert out.rstrip().endswith("End of the debrief.")


def test_the_debrief_waits_for_enter_between_parts_and_q_leaves_it(capsys, tmp_path):
    out = play_example(capsys, tmp_path, ["q"])
    assert "What really happened:\nThis example is invented.\n(Enter: read on, q: finish) > q\nGoodbye." in out
    assert "Claim 1" not in out and "Questions to discuss:" not in out and "End of the debrief." not in out


def test_partly_true_is_said_as_the_window_says_it():
    d = li_debrief()
    mixed = [m for m in d.myths if m.answer == "mixed"]
    assert mixed, "the shipped Li Xiaolin debrief has partly-true claims"
    # read on through the three text parts, then answer every claim "partly true" in words
    out, got = page(d, ["", "", "", *["partly true"] * len(d.myths), "", ""])
    assert "MIXED" not in out and "Mixed" not in out
    assert out.count("That matches the sources: PARTLY TRUE.") == len(mixed)
    assert got == {m.id: "mixed" for m in d.myths}


def test_a_wrong_or_skipped_answer_still_reveals_the_sources_answer():
    d = li_debrief()
    first = d.myths[0]
    wrong = "fact" if first.answer != "fact" else "myth"
    out, got = page(d, ["", "", "", "2" if wrong == "fact" else "1", "", None])
    word = {"myth": "MYTH", "fact": "FACT", "mixed": "PARTLY TRUE"}[first.answer]
    assert f"The sources say otherwise: {word}." in out
    assert f"The sources say: {({'myth': 'MYTH', 'fact': 'FACT', 'mixed': 'PARTLY TRUE'}[d.myths[1].answer])}." in out
    assert got == {first.id: wrong}  # a skipped claim records no answer
    assert out.rstrip().endswith("(end of input)")


def test_an_unknown_answer_is_explained_and_asked_again():
    d = li_debrief()
    out, _ = page(d, ["", "", "", "perhaps", "1", None])
    assert "Your answer > perhaps\nType 1 for Myth, 2 for Fact or 3 for Partly true." in out
    assert "Your answer > 1\nYou said myth." in out


def test_sources_show_outlet_and_date_not_ids_and_addresses_decoded():
    story = shipped()
    ids = ["technode_2018", "clt_spc_2017"]
    d = Debrief("x", Section(Text("x.w", "What happened.")), None, None,
                [Myth("m", Text("x.c", "A claim."), "fact", Text("x.e", "Because."), ids)], [], ids)
    out, _ = page(d, ["", "3", "", None], story)
    assert "Sources: TechNode, 23 October 2018; Supreme People's Court, 28 February 2017." in out
    assert "technode_2018" not in out and "clt_spc_2017" not in out
    assert "高院关于公布失信被执行人名单信息的规定" in out and "%E9%AB%98" not in out
    assert story.sources["clt_spc_2017"].url.count("%") > 10  # the story keeps the encoded address


def test_readable_dates():
    assert human_date("2016-03-19") == "19 March 2016"
    assert human_date("2018-01") == "January 2018"
    assert human_date("2020") == "2020"
    assert human_date("2018-13") == "2018-13"
    assert human_date("soon") == "soon"
