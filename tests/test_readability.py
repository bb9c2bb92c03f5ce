"""The readability checks' shortcuts never change what they find."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from game.engine.validate import (
    MAX_SCREEN_WORDS,
    MAX_SENTENCE_WORDS,
    count_words,
    long_sentences,
    screen_words,
    sentences,
)

WORDISH = st.text(alphabet=st.sampled_from(list("ab1 .!?—-'\n\"’,")), max_size=400)
SENTENCEISH = st.lists(st.sampled_from(["a", "b1", "word", "—", "x—y", "it's", ".", "!", "\n\n", " ", "  "]),
                       max_size=160).map(" ".join)


def long_sentences_plainly(text: str) -> list[tuple[int, str]]:
    return [(count_words(s), " ".join(s.split()[:6])) for s in sentences(text) if count_words(s) > MAX_SENTENCE_WORDS]


@settings(max_examples=examples(300), deadline=timedelta(seconds=5))
@given(st.one_of(WORDISH, SENTENCEISH))
def test_shortcuts_find_the_same(text: str) -> None:
    assert long_sentences(text) == long_sentences_plainly(text)
    words = count_words(text)
    assert screen_words(text) == (words if len(text) >= 2 * MAX_SCREEN_WORDS else 0)
    assert (screen_words(text) > MAX_SCREEN_WORDS) == (words > MAX_SCREEN_WORDS)


def test_boundaries() -> None:
    at_limit = " ".join(["word"] * MAX_SENTENCE_WORDS) + "."
    assert long_sentences(at_limit) == []
    over = " ".join(["word"] * (MAX_SENTENCE_WORDS + 1)) + "."
    assert long_sentences(over) == [(MAX_SENTENCE_WORDS + 1, "word word word word word word")]
    dashed = "—".join(["a"] * (MAX_SENTENCE_WORDS + 1))  # words with no spaces between them
    assert long_sentences(dashed) == [(MAX_SENTENCE_WORDS + 1, dashed)]
    crowded = ". ".join(["Word word"] * (MAX_SCREEN_WORDS // 2 + 1))
    assert screen_words(crowded) == count_words(crowded) > MAX_SCREEN_WORDS
    dense = " ".join(["a"] * (MAX_SCREEN_WORDS + 1))  # the shortest text over the limit
    assert screen_words(dense) == MAX_SCREEN_WORDS + 1
