"""The interface's language: chosen on the title and in Settings, put into effect at once on every screen,
given by --lang in both front ends (an unknown one is an error that names the languages there are)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game import i18n
from game.cli import build_parser, main
from game.text import player
from game.ui.pilot import Pilot
from game.ui.speechbridge import _walk

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
CJK = re.compile(r"[\u4e00-\u9fff]")
# labels and headings these screens show in English: none may be left once the game speaks Chinese
ENGLISH = {"Play", "Continue", "Saved games", "Settings", "About and sources", "Quit", "Read aloud", "Back",
           "Text size", "Colours", "Motion", "Text speed", "Language", "Keys", "Speech", "Smaller", "Larger",
           "Journal", "Menu", "ID card", "Map and details", "What just happened", "See the sources",
           "Choose a life to live", "Saved as you change them", "High contrast", "Full screen"}
UNKNOWN = "no language 'klingon'; choose one of: en (English), zh (中文 (简体))"


def shown(p: Pilot) -> list[str]:
    """Every text and button line the top screen has laid out and drawn, in reading order."""
    p.step()
    lines: list[tuple[str, str]] = []
    for view in p.app.top.views:
        _walk(view.root, lines)
    return [text for text, _role in lines]


def labels(p: Pilot) -> list[str]:
    """The labels of the screen's buttons, but the language choice (each named in its own language)."""
    return [w.label for w in p.widgets() if not w.key.startswith("lang:") and w.label]


def assert_chinese(p: Pilot) -> None:
    texts = shown(p)
    assert not ENGLISH & set(texts), f"{p.screen}: English left: {sorted(ENGLISH & set(texts))}"
    untranslated = [label for label in labels(p) if not CJK.search(label) and not label.strip("0123456789. ")]
    assert untranslated == [], f"{p.screen}: buttons not in Chinese: {untranslated}"
    assert sum(bool(CJK.search(t)) for t in texts) >= 3


def test_the_title_switches_every_screen_to_chinese_and_back(user_home):
    p = Pilot.start(ROOT / "story")
    assert "Play" in shown(p) and i18n.current() == "en"
    assert p.find(key="lang:zh").label == "中文 (简体)" and p.find(key="lang:en").label == "English"
    p.click(key="lang:zh")
    assert i18n.current() == "zh" and p.app.settings.language == "zh"
    assert p.screen == "title" and "开始" in shown(p)
    assert_chinese(p)
    p.click(key="settings")
    assert p.screen == "settings" and "文字大小" in shown(p)
    assert_chinese(p)
    p.key("escape")
    p.click(key="play")
    assert p.screen == "lives"
    assert_chinese(p)
    p.click(key="life:wei")
    assert p.screen == "play"
    assert {"日志", "菜单"} <= set(labels(p))
    assert_chinese(p)
    # back in Settings, English again: the screen under it speaks English too, at once
    p.key("escape")
    p.click(key="settings")
    p.click(key="lang:en")
    assert i18n.current() == "en" and "Text size" in shown(p) and "文字大小" not in shown(p)
    p.key("escape")
    assert "Journal" in labels(p) and "日志" not in labels(p)
    assert p.app.errors == []


def test_the_language_chosen_is_remembered_for_the_next_start(user_home):
    p = Pilot.start(EXAMPLE)
    p.click(key="lang:zh")
    i18n.use(None)  # as a new process starts
    again = Pilot.start(EXAMPLE)
    assert again.app.settings.language == "zh" and i18n.current() == "zh"
    assert "开始" in shown(again)


def test_dates_on_screen_follow_the_language(user_home):
    p = Pilot.start(EXAMPLE, settings=None, lang="zh", character="ming")
    assert p.screen == "play"
    place, date = p.app.game.heading()
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", date), date


@pytest.mark.parametrize("argv", [["--lang", "klingon"], ["play", "--text", "--lang", "klingon"]])
def test_an_unknown_language_exits_2_naming_the_languages(argv):
    """As a user types it: the window's command line and the text player's."""
    run = subprocess.run([sys.executable, "-m", "game", *argv], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 2
    assert UNKNOWN in run.stderr and "Traceback" not in run.stderr


def test_the_text_player_itself_refuses_an_unknown_language(capsys):
    args = build_parser("play").parse_args(["play", "--text", "--lang", "klingon", "--story", str(EXAMPLE)])
    assert player.run(args) == 2
    assert UNKNOWN in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "klingon"])
    assert exit_.value.code == 2


def test_the_text_player_speaks_chinese(capsys, tmp_path):
    script = tmp_path / "script.txt"
    script.write_text("h\nwhat\nq\n", encoding="utf-8")
    code = main(["play", "--text", "--story", str(EXAMPLE), "--script", str(script), "--character", "ming",
                 "--lang", "zh"])
    out = capsys.readouterr().out
    assert code == 0
    assert "输入选项的编号。其他命令：u = 撤回上一个选择" in out  # the help
    assert "没有“what”这个命令。" in out and out.rstrip().endswith("再见。")
    assert "内容提示：" in out and "列入名单：你现在被列入了" in out  # an event, in Chinese words
    for english in ("Type the number of a choice", "Unknown command", "Goodbye.", "Content note", "LISTED",
                    "terminal screen"):
        assert english not in out
    assert i18n.current() == "en", "the player gives the language back to its caller"


def test_chinese_text_wraps_in_the_terminal_at_the_width_and_the_rules():
    """No spaces to break at: Chinese lines break between characters (two columns each), never before a
    closing mark or after an opening one; a web address stays whole, so it can be copied."""
    text = ("儿子在成都，由你妈妈照看。昨晚他问你什么时候回来。“明天。”你答应了他。"
            "见 https://technode.com/2018/10/23/china-social-credit/ 一文。"
            "见 http://example.cn/荣成市个人信用评价标准.html 。")
    lines = player.fill(text, 20).split("\n")
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert "https://technode.com/2018/10/23/china-social-credit/" in lines
    assert any("http://example.cn/荣成市个人信用评价标准.html" in line for line in lines)
    for line in lines:
        if "http" not in line:
            # two columns a Chinese character or full-width mark; a closing mark may end a full line
            assert sum(2 if "\u4e00" <= c <= "\u9fff" or c in "，。" else 1 for c in line) <= 22, line
        assert line[:1] not in "，。”）", line
        assert line[-1:] not in "“（", line
    assert player.fill("An English line that wraps at the spaces.", 20) == "An English line that\nwraps at the spaces."
