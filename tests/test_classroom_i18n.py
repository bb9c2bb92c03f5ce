"""The classroom's outputs in the class's language: a run's summary and CSV in the language it was
played in, the class report in the class's (``--lang``), the worksheet's own words; the CSV header
stays the same English identifiers in every language; the window's language is left as it was."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from game import i18n
from game.cli import main as cli_main
from game.modes.class_report_html import make_report
from game.modes.classroom import ClassroomOptions, ClassroomRun
from game.modes.record import csv_columns
from game.modes.worksheet import render_key, render_worksheet

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}

pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.use("en")


def english_labels(*modules: str) -> set[str]:
    """The words of every string these modules mark for translation, as a reader would find them on a
    page: each run of text between placeholders that holds a word of four letters or more."""
    out: set[str] = set()
    for module in modules:
        for _line, message, _comments, _context in extract_from_file("python", ROOT / module, keywords=KEYWORDS):
            for msgid in (message if isinstance(message, tuple) else (message,)):
                for piece in re.split(r"\{\w+\}", msgid or ""):
                    piece = piece.strip(" .,:;()\u201c\u201d\u2018\u2019_-")
                    if re.search(r"[A-Za-z]{4,}", piece):
                        out.add(piece)
    return out


class Visible(HTMLParser):
    """The text a reader sees (and the <title>), without the sources' own titles and addresses, which
    are the sources' words, not the interface's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.skip = 0
        self.html_lang = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang") or ""
        if tag in ("style", "cite", "a") or (tag == "ol" and a.get("class") == "src"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "cite", "a") or (tag == "ol" and self.skip and tag == "ol"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def visible(page: str) -> tuple[str, str]:
    v = Visible()
    v.feed(page)
    v.close()
    return v.html_lang, " ".join(" ".join(v.text).split())


def english_left(text: str, labels: set[str]) -> list[str]:
    return sorted(x for x in labels if re.search(r"(?<![A-Za-z])" + re.escape(x) + r"(?![A-Za-z])", text))


def zh_runs(story, folder: Path, n: int = 6, lang: str | None = "zh", first: int = 1) -> None:
    """``n`` seeded runs of the example life, each with a group label (Table ``first``, the next...) and a
    first myth-or-fact answer."""
    for i in range(n):
        rng = random.Random(i)
        opts = ClassroomOptions.from_start("ming", ["main", "short"][i % 2], group=f"Table {i + first}")
        run = ClassroomRun.start(story, opts, seed=i)
        for _ in range(50):
            if run.session.ended:
                break
            run.session.choose(rng.choice(run.session.enabled_choices()))
        run.answer("one_score", ["myth", "fact", "mixed"][i % 3])
        if i % 2:
            run.answer("one_score", "myth")  # a change after the verdict
        run.export(folder, lang=lang, status=None if run.session.ended else "left")


SUMMARY_MODULES = ("game/modes/summary_html.py", "game/modes/export.py", "game/modes/record.py")
REPORT_MODULES = ("game/modes/class_report_html.py", "game/modes/class_report.py", "game/modes/record.py",
                  "game/modes/summary_html.py")


def test_the_english_label_list_is_real():
    """The check below must be able to fail: the English pages hold these labels."""
    labels = english_labels(*SUMMARY_MODULES)
    assert {"The decisions", "Lists over time", "Myth or fact?", "Minutes played", "summary of a run"} <= labels


def test_a_chinese_run_summary_is_in_chinese(story, tmp_path):
    zh_runs(story, tmp_path, n=2)
    labels = english_labels(*SUMMARY_MODULES)
    for page in sorted(tmp_path.glob("*.html")):
        lang, text = visible(page.read_text(encoding="utf-8"))
        assert lang == "zh-Hans"
        assert english_left(text, labels) == []
        assert "我们做出的选择" not in text and "做出的选择" in text and "误解还是事实？" in text
        assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text), "dates through Babel, as Chinese writes them"


def test_an_english_run_summary_keeps_its_labels(story, tmp_path):
    zh_runs(story, tmp_path, n=1, lang=None)
    lang, text = visible(next(tmp_path.glob("*.html")).read_text(encoding="utf-8"))
    assert lang == "en"
    assert {"The decisions", "Myth or fact?", "Minutes played"} <= set(english_left(text, english_labels(
        *SUMMARY_MODULES)))


def test_the_record_follows_the_run_not_the_window(story, tmp_path):
    """A window that speaks Chinese writes an English run's record in English, and stays Chinese."""
    i18n.use("zh")
    zh_runs(story, tmp_path / "en", n=1, lang=None)
    assert i18n.current() == "zh"
    lang, text = visible(next((tmp_path / "en").glob("*.html")).read_text(encoding="utf-8"))
    assert lang == "en" and "The decisions" in text and "做出的选择" not in text
    i18n.use("en")
    zh_runs(story, tmp_path / "zh", n=1)
    assert i18n.current() == "en"
    assert "做出的选择" in next((tmp_path / "zh").glob("*.html")).read_text(encoding="utf-8")


def test_the_csv_header_stays_english_and_its_words_follow_the_record(story, tmp_path):
    zh_runs(story, tmp_path, n=2)
    for path in sorted(tmp_path.glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert rows[0] == csv_columns()
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["myth_1_first_answer"] in ("误解", "事实", "部分属实")
        assert row["myth_1_right"] in ("对", "错")
        assert json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["language"] == "zh"
    changed = [r for p in tmp_path.glob("*.csv")
               for r in csv.DictReader(io.StringIO(p.read_text(encoding="utf-8-sig"))) if r["myth_1_changed_to"]]
    assert changed and all(r["myth_1_changed_to"] == "误解" for r in changed)


def test_a_class_of_chinese_runs_gets_a_chinese_report(story, tmp_path):
    folder = tmp_path / "class"
    zh_runs(story, folder)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    path, loaded = make_report(folder)
    lang, text = visible(path.read_text(encoding="utf-8"))
    assert lang == "zh-Hans" and len(loaded.records) == 6
    assert english_left(text, english_labels(*REPORT_MODULES)) == []
    assert "在名单上：班级报告" in text and "已损坏：不是有效的 JSON" in text
    assert all(f"Table {i}" in text for i in range(1, 7))  # the labels the class chose, as they chose them
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)


def test_the_report_language_can_be_chosen(story, tmp_path):
    folder = tmp_path / "class"
    zh_runs(story, folder, n=3)
    out = tmp_path / "report-en.html"
    assert cli_main(["class-report", str(folder), "-o", str(out), "--lang", "en"]) == 0
    lang, text = visible(out.read_text(encoding="utf-8"))
    assert lang == "en" and "class report" in text and "Key decisions" in text and "班级报告" not in text
    assert cli_main(["class-report", str(folder), "-o", str(tmp_path / "zh.html"), "--lang", "zh"]) == 0
    assert visible((tmp_path / "zh.html").read_text(encoding="utf-8"))[0] == "zh-Hans"


def test_an_unknown_report_language_is_exit_2_naming_the_languages(story, tmp_path, capsys):
    folder = tmp_path / "class"
    zh_runs(story, folder, n=1)
    assert cli_main(["class-report", str(folder), "--lang", "klingon"]) == 2
    err = capsys.readouterr().err
    assert "klingon" in err and "en (English)" in err and "zh (中文 (简体))" in err
    assert "Traceback" not in err and not (folder / "class-report.html").exists()


def test_the_chinese_worksheet_and_key_speak_chinese(story):
    labels = english_labels("game/modes/worksheet.py", "game/modes/record.py")
    for page in (render_worksheet(story, "ming", "zh"), render_key(story, "ming", "zh")):
        lang, text = visible(page)
        assert lang == "zh-Hans"
        assert english_left(text, labels) == []
    assert "学习单" in render_worksheet(story, "ming", "zh") and "参考答案" in render_key(story, "ming", "zh")
    assert "worksheet" in render_worksheet(story, "ming") and i18n.current() == "en"


def test_the_worksheet_command_writes_chinese_and_refuses_an_unknown_language(tmp_path, capsys):
    out = tmp_path / "ws.html"
    assert cli_main(["worksheet", "--character", "wei", "--lang", "zh", "-o", str(out)]) == 0
    assert '<html lang="zh-Hans">' in out.read_text(encoding="utf-8")
    assert "学习单" in out.read_text(encoding="utf-8") and "已写入学习单" in capsys.readouterr().out
    assert cli_main(["worksheet", "--character", "wei", "--lang", "klingon", "-o", str(tmp_path / "k.html")]) == 2
    err = capsys.readouterr().err
    assert "klingon" in err and "zh (中文 (简体))" in err and not (tmp_path / "k.html").exists()
    assert i18n.current() == "en"


def test_the_students_start_offers_chinese_labels_and_the_record_is_chinese(tmp_path):
    from game.ui.pilot import Pilot

    i18n.use("zh")
    example = ROOT / "docs" / "example-story"
    p = Pilot.start(example, classroom=True, export_dir=str(tmp_path), lang="zh")
    assert p.screen == "teacher" and p.has(label="开始")
    p.tap(key="begin")
    assert p.screen == "student" and p.has(label="桌")
    p.tap(key="kind:Pair")
    p.tap(key="num:3")
    assert p.app.top.group == "搭档3"
    p.tap(key="kind:Table")  # the kind changes, the number stays
    assert p.app.top.group == "第3桌"
    p.tap(key="begin")
    rec = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert rec["group"] == "第3桌" and rec["language"] == "zh"
    lang, text = visible(next(tmp_path.glob("*.html")).read_text(encoding="utf-8"))
    assert lang == "zh-Hans" and "第3桌" in text and "小组" in text


def test_the_teacher_chooses_the_language_of_the_runs(tmp_path):
    from game.ui.pilot import Pilot

    example = ROOT / "docs" / "example-story"
    p = Pilot.start(example, classroom=True, export_dir=str(tmp_path), group="Table 1")
    assert p.screen == "teacher" and p.has(key="lang:zh")
    p.tap(key="lang:zh")
    assert p.app.game.lang == "zh" and p.app.settings.language == "zh"
    p.tap(key="begin")
    p.tap(key="begin")  # the students' start: the label was set by the teacher
    rec = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert rec["language"] == "zh" and rec["life"]["title"] != "Ming"
    assert visible(next(tmp_path.glob("*.html")).read_text(encoding="utf-8"))[0] == "zh-Hans"


def test_a_class_that_played_in_two_languages_is_one_class(story, tmp_path):
    """Four groups played in Chinese and four, making the same choices, in English: the report adds up
    by the story's ids, so each life, ending, list, decision and claim is one bar or row, counted 8
    times, and named in the report's language."""
    from game.modes import class_report as cr
    from game.modes.record import speaking

    folder = tmp_path / "class"
    zh_runs(story, folder, n=4)
    zh_runs(story, folder, n=4, lang=None, first=5)  # the same seeds: the same choices, in English
    recs = cr.load_folder(folder).records
    assert sorted(r["language"] for r in recs) == ["en"] * 4 + ["zh"] * 4
    ming = {lang: story.text(story.lives["ming"].title, lang) for lang in ("en", "zh")}
    assert ming["en"] != ming["zh"]
    for lang in ("zh", "en"):
        with speaking(lang):
            ends = cr.endings(recs)
            refused, listed = cr.restrictions(recs)
            ds = cr.decisions(recs)
            stats = cr.myth_stats(recs)
            played = cr.lives_played(recs)
        assert list(ends) == [ming[lang]] and sum(ends[ming[lang]].values()) == 8
        assert all(n % 2 == 0 for n in ends[ming[lang]].values()), ends  # each ending: an en and a zh group
        assert listed and all(n % 2 == 0 for n in listed.values()), listed
        names = {story.text(x.name, lang) for x in story.world.lists.values()}
        assert set(listed) <= names, (lang, listed)
        assert set(refused) <= {story.text(x.name, lang) for x in story.world.services.values()}
        assert ds and all(d.life == ming[lang] and d.reached % 2 == 0 for d in ds)
        assert all(c.groups % 2 == 0 for d in ds for c in d.choices), [(d.node, d.choices) for d in ds]
        assert [(s.life, s.answered) for s in stats] == [(ming[lang], 8)]
        claims = {m.id: m.claim for d in story.lives["ming"].debriefs.values() for m in d.myths}
        assert stats[0].claim == story.text(claims[stats[0].id], lang)
        assert {life for life, _path, _g, _m in played} == {ming[lang]}
    # the page in Chinese names the life in Chinese only
    path, _loaded = make_report(folder, lang="zh")
    _lang, text = visible(path.read_text(encoding="utf-8"))
    assert ming["zh"] in text and not re.search(rf"\b{ming['en']}\b", text)


def test_version_1_records_are_read_and_added_up_by_their_ids(story, tmp_path):
    """Records written before version 2 (no ``names``) still count: by the ids they always held, named
    in the report's language where a record of that language says it, else as they were played."""
    from game.modes import class_report as cr
    from game.modes.record import speaking

    folder = tmp_path / "class"
    zh_runs(story, folder, n=2)
    zh_runs(story, folder, n=2, lang=None, first=3)
    for path in folder.glob("*.json"):
        rec = json.loads(path.read_text(encoding="utf-8"))
        if rec["language"] == "en":
            rec["version"] = 1
            del rec["names"]
            path.write_text(json.dumps(rec), encoding="utf-8")
    loaded = cr.load_folder(folder)
    assert len(loaded.records) == 4 and not loaded.skipped
    zh_title = story.text(story.lives["ming"].title, "zh")
    with speaking("zh"):
        assert list(cr.endings(loaded.records)) == [zh_title]
        assert [s.answered for s in cr.myth_stats(loaded.records)] == [4]
    only_v1 = [r for r in loaded.records if r["version"] == 1]
    with speaking("zh"):  # nothing says it in Chinese: the English the runs were played in
        assert list(cr.endings(only_v1)) == ["Ming"]


def test_a_mixed_class_csv_is_one_table_in_the_report_language(story, tmp_path):
    """The class report's CSV, like its page: every row keyed by the story's ids and every word in the
    report's language, whatever language each group played in; the same choices give the same cells."""
    folder = tmp_path / "class"
    zh_runs(story, folder, n=3)
    zh_runs(story, folder, n=3, lang=None, first=4)  # the same seeds: the same choices, in English
    life = story.lives["ming"]
    claims = {m.id: m.claim for d in life.debriefs.values() for m in d.myths}
    endings = {n.id: n.ending.title for n in life.nodes.values() if n.ending is not None}
    for lang in ("zh", "en"):
        out = tmp_path / f"class-{lang}.csv"
        assert cli_main(["class-report", str(folder), "-o", str(tmp_path / f"{lang}.html"), "--csv", str(out),
                         "--lang", lang]) == 0
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert [r["group"] for r in rows] == [f"Table {i}" for i in range(1, 7)]  # the page's order
        assert {r["life"] for r in rows} == {story.text(life.title, lang)} and {r["life_id"] for r in rows} == {"ming"}
        for r in rows:
            assert r["ending_id"] in endings and r["ending"] == story.text(endings[r["ending_id"]], lang)
            assert r["myth_1"] == story.text(claims[r["myth_1_id"]], lang)
            assert r["myth_1_first_answer"] in ({"误解", "事实", "部分属实"} if lang == "zh" else
                                                {"Myth", "Fact", "Partly true"})
        played = {r["group"]: r for r in rows}
        for i in range(1, 4):  # Table i (Chinese) and Table i+3 (English) made the same choices
            zh, en = played[f"Table {i}"], played[f"Table {i + 3}"]
            same = ("life", "ending", "ending_id", "myth_1", "myth_1_first_answer", "myth_1_right", "choices")
            assert [zh[k] for k in same] == [en[k] for k in same], (lang, i)
        other = "[\u4e00-\u9fff]" if lang == "en" else "[A-Za-z]{4,}"
        words = [r[k] for r in rows for k in ("life", "ending", "myth_1", "choices", "chapter")]
        assert not [w for w in words if re.search(other, w)], (lang, words)
