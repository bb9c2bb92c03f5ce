"""For learners of Chinese: the Pinyin and Bilingual settings (issue 12), driven through the real window
under SDL's dummy driver, and the story's own table of readings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.engine import pinyinfile
from game.modes.settings import Settings, load_settings
from game.pinyin import _pypinyin, annotate
from game.ui import ruby
from game.ui.drawing import Block
from game.ui.flow import Text, descendants
from game.ui.pilot import Pilot
from game.ui.widgets import Button

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
HANZI = re.compile(r"[\u4e00-\u9fff]")


# -- the story's reading table ---------------------------------------------------------------------
def test_the_story_table_is_valid_and_each_term_is_in_the_chinese_story():
    table, problems = pinyinfile.load(STORY, "zh")
    assert problems == []
    assert len(table) >= 10
    shown = "".join(p.read_text(encoding="utf-8") for p in (STORY / "lang" / "zh").glob("*.po"))
    assert [t for t in table if t not in shown] == []  # a stale term is dead weight


@pytest.mark.parametrize("text, want", [
    ("李肖霖", "lǐ xiāo lín"),  # pypinyin reads 肖 as xiào (肖像); as a surname it is xiāo
    ("你替老林还了银行", "nǐ tì lǎo lín huán le yín háng"),  # 还 "pay back" is huán, not hái
    ("把钱还了", "bǎ qián huán le"),
])
def test_the_table_corrects_what_pypinyin_gets_wrong(text, want):
    table, _ = pinyinfile.load(STORY, "zh")
    read = " ".join(r for _c, r in annotate(text, table) if r)
    assert read == want
    assert " ".join(_pypinyin(text)) != want  # without the table the reading is wrong: the table matters


def test_a_bad_table_is_reported_and_its_bad_term_left_out(tmp_path):
    d = tmp_path / "lang" / "zh"
    d.mkdir(parents=True)
    (d / "pinyin.yaml").write_text('李肖霖: "lǐ xiāo"\n孙慧: "sūn huì"\n', encoding="utf-8")
    table, problems = pinyinfile.load(tmp_path, "zh")
    assert table == {"孙慧": "sūn huì"}
    assert [str(p) for p in problems] == [
        f"{d / 'pinyin.yaml'}:1:6: error E011: '李肖霖' has 3 characters but 2 syllables: 'lǐ xiāo'; "
        "write one syllable per character"]
    (d / "pinyin.yaml").write_text("李肖霖: [unclosed\n", encoding="utf-8")
    table, problems = pinyinfile.load(tmp_path, "zh")
    assert table == {} and re.search(r"pinyin\.yaml:\d+:\d+: error E011", str(problems[0]))
    assert pinyinfile.load(tmp_path, "fr") == ({}, [])  # no table: pypinyin alone, no error


# -- the play screen -------------------------------------------------------------------------------
def _body(p: Pilot) -> list:
    p.step()
    return list(descendants(p.app.top.view("body").root))


def _play(user_home, lang: str = "zh", **settings) -> Pilot:
    p = Pilot.start(STORY, settings=Settings(language=lang, **settings), lang=lang, character="li_xiaolin")
    assert p.screen == "play"
    return p


def test_pinyin_puts_readings_over_the_hanzi_of_the_text_and_the_choices(user_home):
    p = _play(user_home, pinyin=True)
    rubies = [it for it in _body(p) if isinstance(it, ruby.RubyText)]
    assert rubies, "no text with pinyin on the play screen"
    b = rubies[0].block
    assert isinstance(b, ruby.RubyBlock)
    readings = b.readings()
    assert ("肖", "xiāo") in readings  # the story's table, not pypinyin's xiào
    assert len(readings) == len(HANZI.findall("".join(b.lines)))  # every hanzi has its reading
    assert all(not HANZI.search(r) for _h, r in readings)
    # the lines are taller by the ruby's band, so a reading never reaches the line above
    assert b.line_h >= b.fs.line_height + b.rfs.line_height
    assert b.height == len(b.lines) * b.line_h
    choices = [w for w in p.widgets() if w.key.startswith("choice:")]
    assert choices and all(isinstance(w._lab, ruby.RubyBlock) and w._lab.readings() for w in choices)
    assert p.app.errors == [] and p.app.ctx.overflow == []


def test_a_latin_run_gets_no_ruby(user_home):
    p = _play(user_home, pinyin=True)
    rt = next(it for it in _body(p) if isinstance(it, ruby.RubyText) and re.search(r"\d", it.text))
    placed = [(t, r) for line in rt.block.pieces for _x, _w, t, r in line]
    assert any(re.fullmatch(r"\d+", t) and r is None for t, r in placed)
    assert all(r is None for t, r in placed if not HANZI.search(t))


def test_the_ruby_is_drawn_above_its_hanzi(user_home):
    """Real drawing: pixels of the reading's ink lie in the band above the first line, none without pinyin."""
    on = _play(user_home, pinyin=True)
    rt = next(it for it in _body(on) if isinstance(it, ruby.RubyText))
    view = on.app.top.view("body")
    on.screenshot(str(user_home / "on.png"))
    surf = on.app.window
    x0, y0 = rt.x + view.rect.x + on.app.canvas_rect.x, rt.y + view.rect.y - view.offset + on.app.canvas_rect.y
    band = [(x, y) for x in range(x0, x0 + rt.block.width) for y in range(y0, y0 + rt.block.ruby_h)]
    bg = surf.get_at((x0 - 4, y0 + 2))
    inked = sum(1 for pt in band if surf.get_at(pt) != bg)
    assert inked > 50


def test_pinyin_is_off_by_default_and_never_in_english(user_home):
    assert Settings().pinyin is False and Settings().bilingual is False
    plain = _play(user_home)
    assert not any(isinstance(it, ruby.RubyText) for it in _body(plain))
    assert all(type(w._lab) is Block for w in plain.widgets() if w.key.startswith("choice:"))
    english = _play(user_home, lang="en", pinyin=True, bilingual=True)
    body = _body(english)
    assert not any(isinstance(it, ruby.RubyText) for it in body)
    assert not any(HANZI.search(getattr(it, "text", "") or "") for it in body if isinstance(it, Text)
                   and "李肖霖" not in it.text)


def test_bilingual_shows_the_english_under_each_chinese_paragraph(user_home):
    p = _play(user_home, bilingual=True)
    game = p.app.game
    node = game.session.node
    zh, en = game.tr(node.text), node.text.en
    body = [it for it in _body(p) if isinstance(it, Text)]
    en_paras = [t.strip() for t in re.split(r"\n\s*\n", en.strip())]
    zh_paras = [t.strip() for t in re.split(r"\n\s*\n", zh.strip())]
    assert len(en_paras) == len(zh_paras) > 1
    for z, e in zip(zh_paras, en_paras):
        zi = next(it for it in body if it.text == z)
        ei = next(it for it in body if it.text == e)
        assert ei.role == "small" and ei.color == "muted"
        assert zi.y + zi.h <= ei.y  # under its own Chinese paragraph
        nxt = [it for it in body if it.text in zh_paras and it.y > zi.y]
        assert all(ei.y < n.y for n in nxt)  # and before the next
    sub = [w.sub for w in p.widgets() if w.key.startswith("choice:") and w.enabled]
    assert sub and all(s and not HANZI.search(s) for s in sub)  # each choice's English under it
    assert p.app.errors == [] and p.app.ctx.overflow == []


def test_the_settings_are_chosen_in_settings_and_kept(user_home):
    p = Pilot.start(STORY, settings=None, lang="zh")
    p.click(key="settings")
    assert p.screen == "settings"
    assert p.find(key="pinyin").label == "拼音" and p.find(key="bilingual").label == "双语"
    assert not p.find(key="pinyin").selected
    p.click(key="pinyin")
    p.click(key="bilingual")
    assert p.app.settings.pinyin and p.app.settings.bilingual
    assert isinstance(p.find(key="pinyin"), Button) and p.find(key="pinyin").selected
    saved, message = load_settings()
    assert message is None and saved.pinyin and saved.bilingual
    again = Pilot.start(STORY, settings=None, lang="zh", character="li_xiaolin")
    assert again.app.settings.pinyin and any(isinstance(it, ruby.RubyText) for it in _body(again))
    p.click(key="pinyin")
    assert load_settings()[0].pinyin is False


def _readings_and_hanzi(b: ruby.RubyBlock, line: list) -> list[tuple[int, int, int, int]]:
    """Each hanzi of a line as drawn (ruby.draw): (its glyph's left, its width, its reading's left, width)."""
    out = []
    for x, w, t, r in line:
        if r:
            cx = x + w // 2
            hw, rw = b.fs.width(t), b.rfs.width(r)
            out.append((cx - hw // 2, hw, cx - rw // 2, rw))
    return out


def _runs(line: list) -> list[list]:
    """The line's runs of hanzi that follow one another with nothing between them."""
    runs: list[list] = [[]]
    for piece in line:
        if piece[3]:
            runs[-1].append(piece)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if len(r) > 1]


def test_no_two_readings_touch_and_no_line_runs_over(user_home):
    """Readings as drawn never collide (a gap of 2 px at least) nor reach out of their line, and lines
    keep within the text's width, at 100% and 200%."""
    for scale in (1.0, 2.0):
        p = _play(user_home, pinyin=True, text_scale=scale)
        for rt in (it for it in _body(p) if isinstance(it, ruby.RubyText)):
            b = rt.block
            for line in b.pieces:
                lw = line[-1][0] + line[-1][1] if line else 0
                assert lw <= rt.w
                boxes = [(rl, rw) for _hl, _hw, rl, rw in _readings_and_hanzi(b, line)]
                assert all(0 <= rl and rl + rw <= lw for rl, rw in boxes)
                for (l0, w0), (l1, _w1) in zip(boxes, boxes[1:]):
                    assert l0 + w0 + 2 <= l1, f"readings touch in {''.join(t for _x, _w, t, _r in line)!r}"
                for (x0, w0, *_), (x1, *_rest) in zip(line, line[1:]):
                    assert x0 + w0 <= x1  # slots never overlap
        assert p.app.ctx.overflow == []


def _gaps(b: ruby.RubyBlock, run: list) -> list[int]:
    glyphs = _readings_and_hanzi(b, run)
    return [l1 - (l0 + w0) for (l0, w0, *_), (l1, *_rest) in zip(glyphs, glyphs[1:])]


def test_the_hanzi_of_a_word_are_evenly_spaced_under_long_and_short_readings(user_home):
    """QA's L4: "周 六回 到 村里": each hanzi was as wide as its reading, so zhōu and dào pushed their
    hanzi apart while liù huí packed together. Within a word (within any run of hanzi), the gaps between
    consecutive hanzi are equal, at 100% and 200%, in the story's text and in the sentence QA saw."""
    table, _ = pinyinfile.load(STORY, "zh")
    for scale in (1.0, 2.0):
        p = _play(user_home, pinyin=True, text_scale=scale)
        blocks = [it.block for it in _body(p) if isinstance(it, ruby.RubyText)]
        ctx = p.app.ctx
        blocks.append(ruby.ruby_block(ctx, "周六回到村里。庄稼壮壮地长，状况好。", "body", 2000, table))
        checked = 0
        for b in blocks:
            for line in b.pieces:
                for run in _runs(line):
                    gaps = _gaps(b, run)
                    assert max(gaps) - min(gaps) <= 1, (scale, "".join(t for *_x, t, _r in run), gaps)
                    checked += 1
        assert checked > 10
        qa = blocks[-1]
        words = [w for w in _runs(qa.pieces[0]) if "".join(t for _x, _w, t, _r in w) == "周六回到村里"]
        assert words and len(set(_gaps(qa, words[0]))) == 1


def test_the_english_waits_for_the_typewriter(user_home):
    p = _play(user_home, bilingual=True, pinyin=True, text_speed=25)
    assert p.app.top.revealing
    english = [it for it in _body(p) if isinstance(it, Text) and it.role == "small" and it.color == "muted"
               and it.reveal is not None]
    assert english and all(it.reveal() == 0 for it in english)  # laid out (nothing jumps), not yet drawn
    p.key("space")
    p.step()
    first = re.split(r"\n\s*\n", p.app.game.session.node.text.en.strip())[0].strip()
    shown = [it for it in _body(p) if isinstance(it, Text) and it.text == first]
    assert shown and all(it.reveal is None or it.reveal() is None for it in shown)  # drawn whole now
