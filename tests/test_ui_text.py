"""Line breaking for English, Chinese and mixed text, with a fake measure and with the real fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ui.textlayout import NO_START, has_cjk, runs, tokens, wrap


def m(s: str) -> int:
    return sum(20 if has_cjk(c) else 10 for c in s)


def test_english_breaks_at_spaces():
    lines = wrap("The ticket machine reads your ID card. A red line appears.", 200, m)
    assert lines == ["The ticket machine", "reads your ID card.", "A red line appears."]
    assert all(m(x) <= 200 for x in lines)


def test_chinese_breaks_anywhere_but_not_before_closing_punctuation():
    text = "售票机读取你的身份证。一条红线出现了，你不能买票。"
    lines = wrap(text, 200, m)
    assert "".join(lines) == text
    assert all(m(x) <= 200 for x in lines)
    assert not any(x[0] in NO_START for x in lines if x)


def test_mixed_text_keeps_words_whole():
    lines = wrap("You are on the 失信被执行人名单 (the court's list) now.", 160, m)
    assert all(m(x) <= 160 for x in lines)
    joined = " ".join(lines)
    for word in ("court's", "list)", "now."):
        assert word in joined


def test_a_word_wider_than_the_line_is_cut():
    lines = wrap("Supercalifragilisticexpialidocious", 100, m)
    assert all(m(x) <= 100 for x in lines)
    assert "".join(lines) == "Supercalifragilisticexpialidocious"


def test_newlines_and_blank_lines_are_kept():
    assert wrap("one\n\ntwo", 500, m) == ["one", "", "two"]


def test_tokens_and_runs():
    assert tokens("你好，世界") == ["你", "好，", "世", "界"]
    assert runs("ab中文cd") == [(False, "ab"), (True, "中文"), (False, "cd")]


@pytest.mark.parametrize("text", [
    "The court's List of Dishonest Persons Subject to Enforcement names you.",
    "法院把你列入失信被执行人名单。你不能坐飞机，也不能坐高铁。",
    "Mixed: 你在法院的名单上 since 2016-05-10, so the 12306 machine says no。",
])
@pytest.mark.parametrize("width", [120, 333, 900])
def test_real_fonts_never_exceed_the_width(text, width):
    pytest.importorskip("pygame")
    from game.ui.fonts import FontBook

    fs = FontBook(1.0, 1.0)["body"]
    lines = wrap(text, width, fs.width)
    for line in lines:
        assert fs.width(line) <= width
    surf = fs.render(lines[0], (0, 0, 0))
    assert surf.get_width() <= width + 2


def test_an_opening_bracket_stays_with_its_word():
    lines = wrap("flight bans (China Daily, 14 Feb 2017).", 130, m)
    assert not any(line.endswith("(C") or line.startswith("hina") for line in lines)
    assert "(China" in " ".join(lines)


def test_a_name_shown_in_chinese_is_not_followed_by_its_chinese_again():
    from game.engine.validate import load_and_validate
    from game.ui.gamectl import GameCtl

    story = load_and_validate(Path(__file__).resolve().parent.parent / "docs" / "example-story").story
    term = story.glossary["blacklist"]
    assert GameCtl(story).with_chinese(term.term, "黑名单") == "Blacklist (黑名单)"
    assert GameCtl(story, lang="zh").with_chinese(term.term, "黑名单") == "黑名单"
    assert GameCtl(story).with_chinese(term.term, "") == "Blacklist"
