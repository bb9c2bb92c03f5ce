"""What the game speaks for a screen (game.engine.speech): pure, no audio. The words must be the ones
the play screen shows, in reading order, with their language and voice role."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import speech
from game.engine.events import describe
from game.engine.runtime import Session
from game.engine.speech import INTERFACE, NARRATION, SYSTEM, Utterance
from game.engine.validate import load_and_validate
from game.engine.wording import format_date

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "tests" / "fixtures" / "runtime_story"


@pytest.fixture(scope="module")
def kim_story():
    result = load_and_validate(RUNTIME)
    assert result.story is not None and not result.report.errors
    return result.story


def test_first_screen_of_the_example_in_reading_order(story):
    s = Session(story, "ming")
    assert speech.play_screen(story, s) == [
        Utterance("Beijing, 10 May 2016", "en", INTERFACE),
        Utterance("What just happened", "en", INTERFACE),
        Utterance("LISTED: you are now on the court's list. An unpaid judgment.", "en", NARRATION),
        Utterance("Public terminal", "en", SYSTEM),
        Utterance("The ticket machine reads your ID card.", "en", SYSTEM),
        Utterance("Dramatized. Invented detail that fits the record.", "en", INTERFACE),
        Utterance("1. Buy a high-speed ticket", "en", INTERFACE),
        Utterance("2. Rent a bike instead", "en", INTERFACE),
    ]


def test_events_are_the_engines_own_lines_refused_points_and_journal(story):
    s = Session(story, "ming")
    events = s.choose("fast")  # the ticket machine refuses: the clerk's screen
    kinds = [e.kind for e in events]
    assert "refused" in kinds and "points" in kinds and "journal" in kinds
    said = [u.text for u in speech.play_screen(story, s)]
    tr = story.text
    lines = [describe(e, tr) for e in events]
    start = said.index("What just happened") + 1
    assert said[start:start + len(lines)] == lines
    assert "REFUSED: Buy a high-speed train ticket. You are on the court's list." in said
    assert "POINTS: -50. Listed by a court. Now 950." in said
    # a dialogue: who speaks, then what they say, in the narrator's voice
    i = said.index("Ticket clerk")
    assert said[i + 1] == "The clerk says you are on the court's list."
    # the evidence line as the window shows it beside its tag, sources included (QA M9)
    assert said[i + 2] == "Documented. The sources state this. Sources: TechNode, 23 October 2018."
    assert said[-2:] == ["1. Call the court", "2. Take the slow train"]


def test_a_disabled_choice_is_said_with_its_number_and_reason(kim_story):
    s = Session(kim_story, "kim")
    said = [(u.text, u.role) for u in speech.play_screen(kim_story, s)]
    view = s.view()
    taxi = next(c for c in view.choices if c.id == "taxi")
    assert not taxi.enabled
    i = said.index((f"{taxi.number}. Take a taxi home", INTERFACE))
    assert said[i + 1] == ("Not available: You cannot afford a taxi", INTERFACE)
    # every shown choice is said, numbered as shown; a hidden one (no reason) is not
    numbered = [t for t, _ in said if t[:1].isdigit() and ". " in t]
    assert numbered == [f"{c.number}. {kim_story.text(c.label)}" for c in view.choices]
    assert not any("secret door" in t for t, _ in said)


def test_the_ending_says_its_title_and_the_debrief_button(story):
    s = Session(story, "ming")
    s.choose("fast")
    s.choose("slow")
    s.choose("continue")
    assert s.ended
    said = [u.text for u in speech.play_screen(story, s)]
    assert said[-3:] == ["Dramatized. Invented detail that fits the record.", "Ending: Home at last",
                         "Read the debrief"]
    assert not any(t.startswith("1. ") for t in said)


def test_place_and_date_follow_the_state_and_the_language(story):
    s = Session(story, "ming")
    assert speech.play_screen(story, s)[0].text == f"Beijing, {format_date(s.state.date)}"
    zh = speech.play_screen(story, s, "zh")
    assert zh[0] == Utterance("北京, 2016年5月10日", "zh", INTERFACE)
    # an interface word not yet translated is English, and said in English
    assert Utterance("What just happened", "en", INTERFACE) in zh
    assert Utterance("售票机读取你的身份证。", "zh", SYSTEM) in zh
    # an unknown language falls back to the story's own, as the window does
    assert speech.play_screen(story, s, "xx") == speech.play_screen(story, s)


def test_chinese_runs_inside_english_get_the_chinese_voice():
    text = "You are on the List of Dishonest Persons (失信被执行人名单), published by the court."
    assert speech.runs(text, "en") == [("You are on the List of Dishonest Persons (", "en"),
                                       ("失信被执行人名单", "zh"), ("), published by the court.", "en")]
    # Chinese punctuation between characters stays inside the run; a lone bracket is not said
    assert speech.runs("联合惩戒，黑名单", "en") == [("联合惩戒，黑名单", "zh")]
    assert speech.runs("(", "en") == []
    assert speech.runs("- Zhima Credit (Wikipedia) https://en.wikipedia.org/wiki/Sesame_Credit", "en") == [
        ("- Zhima Credit (Wikipedia)", "en")]
    # in a Chinese game, Chinese text keeps its Latin words; a string with no Chinese is English
    assert speech.runs("你的ID卡", "zh") == [("你的ID卡", "zh")]
    assert speech.runs("Continue", "zh") == [("Continue", "en")]


def test_the_shipped_story_speaks_its_chinese_terms_in_chinese():
    result = load_and_validate(ROOT / "story")
    story = result.story
    assert story is not None
    found = []
    for life_id in story.lives:
        s = Session(story, life_id)
        for _ in range(40):
            found += [u for u in speech.play_screen(story, s) if u.lang == "zh"]
            ids = s.enabled_choices()
            if not ids:
                break
            s.choose(ids[0])
    assert found, "the shipped story has Chinese terms in its text"
    assert all(not any("a" <= ch.lower() <= "z" for ch in u.text) for u in found)


def test_a_focused_control_is_said_as_its_button_shows_it():
    assert speech.control("Rent a bike", "en", number=2, enabled=False, reason="Your grade is too low") == [
        Utterance("2. Rent a bike", "en", INTERFACE),
        Utterance("Not available: Your grade is too low", "en", INTERFACE)]
    assert speech.control("Read the debrief", "en", sub="What really happened") == [
        Utterance("Read the debrief", "en", INTERFACE), Utterance("What really happened", "en", INTERFACE)]


@pytest.mark.parametrize("life_id", ["wei", "li_xiaolin", "rongcheng"])
def test_a_whole_life_can_be_played_from_the_spoken_words_alone(life_id):
    """A listener who hears only the utterances picks the first choice not said to be unavailable,
    by the number said, until the ending is said: every life reaches its debrief that way."""
    story = load_and_validate(ROOT / "story").story
    s = Session(story, life_id)
    for _ in range(300):
        said = [u.text for u in speech.play_screen(story, s)]
        if said[-1] == "Read the debrief":
            break
        numbered = [(i, t) for i, t in enumerate(said) if t.split(". ", 1)[0].isdigit()]
        pick = next(int(t.split(".")[0]) for i, t in numbered
                    if i + 1 >= len(said) or not said[i + 1].startswith("Not available"))
        choice = next(c for c in s.view().choices if c.number == pick)  # the key the listener presses
        assert choice.enabled
        s.choose(choice.id)
    assert s.ended and said[-2].startswith("Ending: ")


@pytest.mark.parametrize("life_id", ["wei", "li_xiaolin", "rongcheng"])
def test_a_whole_life_in_chinese_is_said_in_chinese_to_the_debrief(life_id):
    """Each shipped life in Simplified Chinese (story/lang/zh), played from the spoken words alone: the
    story's own text is said by the Mandarin voice; only interface words not yet translated are English."""
    story = load_and_validate(ROOT / "story").story
    assert "zh" in story.translations
    s = Session(story, life_id)
    story_lines = zh_lines = 0
    for _ in range(300):
        utts = speech.play_screen(story, s, "zh")
        said = [u.text for u in utts]
        # the engine's event lines ("TIME: 11 days pass...") are English until the engine's wording is
        # translated: said in English, rightly; the story's own text is what must be Chinese here
        event_lines = {describe(e, lambda t: story.text(t, "zh")) for e in s.last_events}
        for u in utts:
            if u.role in (NARRATION, SYSTEM) and u.text not in event_lines:
                story_lines += 1
                zh_lines += u.lang == "zh"
        if said[-1] == "Read the debrief":
            break
        numbered = [(i, t) for i, t in enumerate(said) if t.split(". ", 1)[0].isdigit()]
        pick = next(int(t.split(".")[0]) for i, t in numbered
                    if i + 1 >= len(said) or not said[i + 1].startswith("Not available"))
        s.choose(next(c.id for c in s.view().choices if c.number == pick))
    assert s.ended
    assert utts[0].lang == "zh" and "年" in utts[0].text  # the place and the Chinese date
    assert zh_lines >= 0.9 * story_lines, (zh_lines, story_lines)
