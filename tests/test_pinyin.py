"""Pinyin above the hanzi: phrase-aware readings, surnames read as surnames, the story's own names."""

from __future__ import annotations

import pytest

from game.pinyin import annotate, check_overrides


def readings(text: str, overrides=None) -> str:
    return " ".join(r for _, r in annotate(text, overrides) if r)


@pytest.mark.parametrize("text,expected", [
    ("失信被执行人名单", "shī xìn bèi zhí xíng rén míng dān"),
    ("限制消费令", "xiàn zhì xiāo fèi lìng"),
    ("银行", "yín háng"),
    ("重庆", "chóng qìng"),
    ("成都", "chéng dū"),
    ("荣成市", "róng chéng shì"),
    ("信用中国", "xìn yòng zhōng guó"),
])
def test_phrases_are_read_in_context(text, expected):
    assert readings(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("单先生", "shàn xiān shēng"),
    ("曾女士来了", "zēng nǚ shì lái le"),
    ("解老师", "xiè lǎo shī"),
])
def test_surnames_before_a_title_are_read_as_surnames(text, expected):
    assert readings(text) == expected


def test_words_that_merely_contain_a_surname_character_keep_their_reading():
    assert readings("黑名单") == "hēi míng dān" and readings("曾经") == "céng jīng"


def test_the_storys_own_table_wins_and_only_hanzi_get_readings():
    pairs = annotate("Li 李小林 said: 好。", {"李小林": "lǐ xiǎo lín"})
    assert [(c, r) for c, r in pairs if r] == [("李", "lǐ"), ("小", "xiǎo"), ("林", "lín"), ("好", "hǎo")]
    assert "".join(c for c, _ in pairs) == "Li 李小林 said: 好。"
    assert readings("乐山", {"乐山": "lè shān"}) == "lè shān"


def test_an_override_table_is_checked():
    assert check_overrides({"李小林": "lǐ xiǎo lín"}) == []
    assert check_overrides({"李小林": "lǐ xiǎo", "abc": "a"}) == [
        "'李小林' has 3 characters but 2 syllables: 'lǐ xiǎo'; write one syllable per character",
        "'abc' holds no Chinese characters"]
