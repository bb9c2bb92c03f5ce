"""Pace: each life fits a lesson, and the minutes the game shows match what it asks a player to read.

The measure (issue 17, "A life that fits a lesson"): 200 seeded random walks (seeds 0..199) from the
main start and 200 from the short start of every life, with the engine's own runtime (the API the
explorer uses), picking uniformly among the enabled choices. A walk counts the words
(whitespace-split) of every node text shown, every choice label offered (enabled or shown disabled)
and every event line, as ``describe`` words it for the text player and the window. A main walk also
counts the debrief of the ending it reached: the ending's title, what happened, what is not known,
what was dramatized, each myth-or-fact claim with its answer and explanation, and the questions.

At 150 words a minute:
- main: the median over seeds of path plus debrief is at most 3,000 words (20 minutes);
- short: the longest walk (path only) is at most 750 words (5 minutes);
- the life's ``minutes`` is within a minute of the main median's reading time, and its short
  ``minutes`` within a minute of the longest short walk's.

Run ``python tests/test_pace.py`` to print the figures for every life.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from shipped import shipped_story

from game.engine.events import describe
from game.engine.model import Debrief, Story, Text
from game.engine.runtime import Session

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
LIVES = ("wei", "li_xiaolin", "rongcheng")
SEEDS = range(200)
WORDS_PER_MINUTE = 150
MAIN_MAX_WORDS = 3000  # 20 minutes
SHORT_MAX_WORDS = 750  # 5 minutes
MAX_STEPS = 500


def story() -> Story:
    return shipped_story()


def words(text: str) -> int:
    return len(text.split())


def tr(t) -> str:
    return story().text(t) if isinstance(t, Text) else ("" if t is None else str(t))


def debrief_words(d: Debrief, ending_title: Text) -> int:
    """Everything the player reads in a debrief (the source list is a "learn more", not counted)."""
    n = words(tr(ending_title)) + words(tr(d.what_happened.text))
    for section in (d.not_known, d.dramatized):
        if section is not None:
            n += words(tr(section.text))
    for m in d.myths:
        n += words(tr(m.claim)) + 1 + words(tr(m.explanation))  # +1: the answer
    n += sum(words(tr(q)) for q in d.questions)
    return n


@dataclass(frozen=True)
class Walk:
    seed: int
    ending: str
    path_words: int
    debrief_words: int

    @property
    def total(self) -> int:
        return self.path_words + self.debrief_words


def walk(life_id: str, start: str, seed: int) -> Walk:
    """One seeded random walk to an ending, counting what the player reads on the way."""
    rng = random.Random(seed)
    session = Session(story(), life_id, seed=seed, start=start)
    n = sum(words(describe(e, tr)) for e in session.last_events)
    for _ in range(MAX_STEPS):
        view = session.view()
        n += words(tr(view.node.text)) + sum(words(tr(c.label)) for c in view.choices)
        if view.is_ending:
            ending = view.node.ending
            d = session.life.debriefs[ending.debrief]
            return Walk(seed, view.node.id, n, debrief_words(d, ending.title))
        options = session.enabled_choices()
        assert options, f"{life_id} ({start}) seed {seed}: dead end at '{session.state.node}'"
        events = session.choose(rng.choice(options))
        n += sum(words(describe(e, tr)) for e in events)
    raise AssertionError(f"{life_id} ({start}) seed {seed}: no ending within {MAX_STEPS} choices")


@dataclass(frozen=True)
class Pace:
    life: str
    main_median: float  # path plus debrief
    main_path_median: float
    main_max: int
    short_max: int
    short_longest_seed: int
    minutes: int
    short_minutes: int

    def line(self) -> str:
        return (f"{self.life}: main median {self.main_median:.0f} words with debrief "
                f"({self.main_median / WORDS_PER_MINUTE:.1f} min; path alone {self.main_path_median:.0f}, "
                f"longest {self.main_max}); short max {self.short_max} words "
                f"({self.short_max / WORDS_PER_MINUTE:.1f} min, seed {self.short_longest_seed}); "
                f"the life says {self.minutes} and {self.short_minutes} minutes")


@cache
def pace(life_id: str) -> Pace:
    lf = story().lives[life_id]
    main = [walk(life_id, "main", s) for s in SEEDS]
    short = [walk(life_id, "short", s) for s in SEEDS]
    longest = max(short, key=lambda w: w.path_words)
    return Pace(life_id, statistics.median(w.total for w in main), statistics.median(w.path_words for w in main),
                max(w.total for w in main), longest.path_words, longest.seed, lf.minutes,
                lf.short.minutes if lf.short else 0)


@pytest.mark.parametrize("life_id", LIVES)
def test_main_path_and_debrief_fit_twenty_minutes(life_id):
    p = pace(life_id)
    print(p.line())
    assert p.main_median <= MAIN_MAX_WORDS, p.line()


@pytest.mark.parametrize("life_id", LIVES)
def test_every_short_walk_fits_five_minutes(life_id):
    p = pace(life_id)
    print(p.line())
    assert story().lives[life_id].short is not None, f"{life_id} has no short path"
    assert p.short_max <= SHORT_MAX_WORDS, p.line()


@pytest.mark.parametrize("life_id", LIVES)
def test_minutes_shown_match_the_reading(life_id):
    p = pace(life_id)
    measured = p.main_median / WORDS_PER_MINUTE
    assert abs(p.minutes - measured) <= 1, f"main 'minutes' should be about {measured:.1f}: {p.line()}"
    short_measured = p.short_max / WORDS_PER_MINUTE
    assert abs(p.short_minutes - short_measured) <= 1, (
        f"short 'minutes' should be about {short_measured:.1f}: {p.line()}")


def test_the_count_sees_every_part_of_a_walk():
    """The measure itself: a walk counts node text, labels, events and the debrief, so the figures
    above cannot pass by counting too little."""
    lf = story().lives[LIVES[0]]
    w = walk(lf.id, "main", 0)
    session = Session(story(), lf.id, seed=0, start="main")
    first = session.view()
    floor = words(tr(first.node.text)) + sum(words(tr(c.label)) for c in first.choices)
    assert w.path_words > floor
    node = lf.nodes[w.ending]
    d = lf.debriefs[node.ending.debrief]
    assert w.debrief_words > words(tr(d.what_happened.text)) + sum(words(tr(q)) for q in d.questions)
    assert walk(lf.id, "main", 0) == w  # seeded: the same seed reads the same words


if __name__ == "__main__":
    for lid in LIVES:
        print(pace(lid).line())
