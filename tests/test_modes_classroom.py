"""Classroom mode: the teacher's options, the debrief questions, the run's one record (JSON, CSV and
summary), the first myth-or-fact answer, the group label, and the teacher's chord and PIN."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.modes import paths
from game.modes.classroom import ClassroomOptions, ClassroomRun, TeacherGate, debrief_for, life_choices
from game.modes.export import build_summary, export_summary, render_html
from game.modes.record import MYTH_SLOTS, VERSION, RunRecorder, clean_group, csv_columns, group_slug, render_csv

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "teacher-guide.md"

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"


pytestmark = pytest.mark.usefixtures("user_home")


def finished_run(story, show_questions=True, group="Table 4") -> ClassroomRun:
    run = ClassroomRun.start(story, ClassroomOptions("ming", None, show_questions, group=group), seed=2)
    for choice in ("fast", "call", "continue"):
        run.session.choose(choice)
    assert run.session.ended
    run.answer("one_score", "fact")
    return run


class Page(HTMLParser):
    """Every tag with its attributes, and the text of each section (by the h2 above it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.section = ""
        self.sections: dict[str, str] = {}
        self.in_h2 = False
        self.links: list[tuple[str, str]] = []  # (section, href)
        self.style = ""
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "h2":
            self.in_h2, self.section = True, ""
        if tag == "style":
            self.in_style = True
        if "href" in a:
            self.links.append((self.section, a["href"] or ""))

    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_h2 = False
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_h2:
            self.section += data
        elif self.in_style:
            self.style += data
        else:
            self.sections[self.section] = self.sections.get(self.section, "") + data


def parse(html_text: str) -> Page:
    p = Page()
    p.feed(html_text)
    p.close()
    return p


def test_life_choices_for_the_teacher(story):
    lives = life_choices(story)
    assert [(x.id, x.title, x.minutes) for x in lives] == [("ming", "Ming", 2)]
    assert [(c.id, c.title) for c in lives[0].chapters] == [("listed", "Already on the list")]
    assert lives[0].content_note


def test_options(story):
    assert ClassroomOptions("ming").start == "main"
    opts = ClassroomOptions("ming", "listed", show_questions=False)
    assert opts.start == "chapter:listed" and opts.problem(story) is None
    s = opts.new_session(story)
    assert s.state.start == "chapter:listed" and "court_list" in s.state.lists
    assert "no life" in ClassroomOptions("nobody").problem(story)
    assert "no chapter" in ClassroomOptions("ming", "nope").problem(story)
    with pytest.raises(ValueError):
        ClassroomOptions("ming", "nope").new_session(story)


def test_questions_after_the_ending_unless_hidden(story):
    run = ClassroomRun.start(story, ClassroomOptions("ming"))
    assert run.questions() == [] and debrief_for(run.session) is None  # not over yet
    run.session.choose("bike")
    assert debrief_for(run.session).id == "main"
    assert run.questions() == ["Who should be told before a court lists someone?"]
    hidden = ClassroomRun(ClassroomOptions("ming", show_questions=False), run.session)
    assert hidden.questions() == []
    with pytest.raises(ValueError):
        run.answer("one_score", "maybe")


def test_short_start_and_group_options(story):
    opts = ClassroomOptions.from_start("ming", "short", group="Pair B")
    assert opts.start == "short" and opts.group == "Pair B" and opts.problem(story) is None
    assert ClassroomOptions.from_start("ming", "chapter:listed").start == "chapter:listed"
    assert "no letters" in ClassroomOptions("ming", group="<>/").problem(story)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_run_leaves_one_record_updated_in_place(story, tmp_path):
    run = ClassroomRun.start(story, ClassroomOptions("ming", group="Table 4"), seed=2)
    html1, csv1 = run.export(tmp_path)  # created when the run starts
    stem = html1.stem
    assert files(tmp_path) == [f"{stem}.csv", f"{stem}.html", f"{stem}.json"]
    assert stem.startswith("record-table-4-ming-")
    first = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
    assert first["status"] == "playing" and not first["final"] and first["choices"] == []
    for choice in ("fast", "call", "continue"):
        run.session.choose(choice)
        run.export(tmp_path)
    run.answer("one_score", "fact")
    html2, csv2 = run.export(tmp_path)  # "Save the class summary" again: the same files
    assert (html2, csv2) == (html1, csv1)
    assert files(tmp_path) == [f"{stem}.csv", f"{stem}.html", f"{stem}.json"]
    rec = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
    assert rec["status"] == "finished" and rec["final"] and rec["run_id"] == first["run_id"]
    assert [c["label"] for c in rec["choices"]] == ["Buy a high-speed ticket", "Call the court", "Continue"]
    assert rec["ending"]["title"] == "Home at last" and rec["group"] == "Table 4" and rec["path"] == "main"
    assert rec["format"] == "on-the-list/run-record" and rec["version"] == VERSION == 2
    refused = rec["choices"][0]["events"][0]
    assert refused["kind"] == "refused" and refused["id"] == "fast_train"
    # a second run of the same group in the same second gets its own record, never the first one's
    other = ClassroomRun.start(story, ClassroomOptions("ming", group="Table 4"), seed=2)
    other.recorder = RunRecorder(story, tmp_path, "Table 4", started=run.recorder.started)
    other.recorder.run_id = run.recorder.run_id[:4] + "0000"  # the same first letters: the name is still free
    other.export(tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 2
    assert {p.stem for p in tmp_path.glob("*.json")} == {stem, stem + "-2"}


def test_the_first_answer_counts_and_a_change_shows_as_a_change(story, tmp_path):
    run = finished_run(story)  # answered "fact" first: the sources say "myth"
    assert run.answer("one_score", "myth") is False  # changed after seeing the verdict
    assert run.answers == {"one_score": "fact"}
    html_path, csv_path = run.export(tmp_path)
    rec = json.loads(html_path.with_suffix(".json").read_text(encoding="utf-8"))
    myth = rec["myths"][0]
    assert (myth["first"], myth["right"], myth["changed_to"]) == ("fact", False, ["myth"])
    page = parse(html_path.read_text(encoding="utf-8"))
    text = page.sections["Myth or fact?"]
    assert "Fact (differs)" in text and "Changed later to Myth" in text and "Myth (matches)" not in text
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    row = dict(zip(rows[0], rows[1]))
    assert (row["myth_1_first_answer"], row["myth_1_right"], row["myth_1_changed_to"]) == ("Fact", "no", "Myth")
    # an unanswered claim is neither right nor wrong
    fresh = ClassroomRun.start(story, ClassroomOptions("ming", group="T1"))
    rec = json.loads(fresh.export(tmp_path / "b")[0].with_suffix(".json").read_text(encoding="utf-8"))
    assert rec["myths"][0]["first"] == "" and rec["myths"][0]["right"] is None


def test_group_label_is_cleaned_and_named_in_file_and_content(story, tmp_path):
    assert clean_group("  Table\t 4 ") == "Table 4"
    assert clean_group("Pair B/../..\\etc") == "Pair B .. .. etc"  # no path separators survive
    assert clean_group("x" * 80) == "x" * 24
    assert group_slug("Table 4") == "table-4" and group_slug("Pair B!") == "pair-b"
    assert group_slug("") == "no-group" and "/" not in group_slug("第四桌") and group_slug("第四桌")
    run = finished_run(story, group="../Table 7")
    html_path, csv_path = run.export(tmp_path)
    assert html_path.parent == tmp_path and "table-7" in html_path.name
    rec = json.loads(html_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert rec["group"] == clean_group("../Table 7") and "/" not in rec["group"]
    assert "Table 7" in parse(html_path.read_text(encoding="utf-8")).sections[""]
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == rec["group"]


def guide_columns() -> list[str]:
    """The columns the teacher guide lists under "The CSV columns", with myth_N expanded."""
    text = GUIDE.read_text(encoding="utf-8")
    part = text.split("### The CSV columns", 1)[1].split("\n#", 1)[0]
    names = re.findall(r"^\| `([a-z_N]+)` \|", part, re.M)
    out: list[str] = []
    myth = [n for n in names if "_N" in n or n == "myth_N"]
    for n in names:
        if n == myth[0]:
            for k in range(1, MYTH_SLOTS + 1):
                out += [m.replace("N", str(k)) for m in myth]
        elif n not in myth:
            out.append(n)
    return out


def test_the_guide_lists_the_csv_columns_of_the_file(story, tmp_path):
    _html, csv_path = finished_run(story).export(tmp_path)
    header = next(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert header == csv_columns() == guide_columns()


def test_csv_row_holds_what_a_teacher_sorts_by(story, tmp_path):
    run = ClassroomRun.start(story, ClassroomOptions("ming", "listed", group="Pair B"), seed=2)
    for choice in ("fast", "slow", "continue"):
        run.session.choose(choice)
    run.answer("one_score", "myth")
    _html, csv_path = run.export(tmp_path)
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1]))
    assert row["group"] == "Pair B" and row["life"] == "Ming" and row["path"] == "chapter"
    assert row["chapter"] == "Already on the list" and row["ending"] == "Home at last"
    assert row["choices_made"] == "3" and float(row["minutes_played"]) >= 0
    assert row["myth_1"] == "Everyone in China has one national score." and row["myth_1_right"] == "yes"
    assert row["choices"] == "1. Buy a high-speed ticket | 2. Take the slow train | 3. Continue"
    assert row["myth_2"] == "" and row["record_version"] == str(VERSION)


def test_export_writes_the_summary(story, tmp_path):
    run = finished_run(story)
    html_path, csv_path = run.export(tmp_path / "out")
    assert html_path.parent == tmp_path / "out" and html_path.suffix == ".html" and csv_path.suffix == ".csv"
    page = parse(html_path.read_text(encoding="utf-8"))
    decisions = page.sections["The decisions"]
    assert "Buy a high-speed ticket" in decisions and "Call the court" in decisions
    assert "10 May 2016" in decisions
    assert "REFUSED: Buy a high-speed train ticket" in decisions
    assert "1 scene passed" in decisions  # "Continue" is counted, not listed
    assert "List of Dishonest Persons Subject to Enforcement" in page.sections["Lists over time"]
    assert "still on at the end" in page.sections["Lists over time"]
    points = page.sections["Points over time"]
    assert "Town points" in points and "1000" in points and "950" in points
    assert any(tag == "svg" for tag, _ in page.tags) and any(tag == "polyline" for tag, _ in page.tags)
    assert "Everyone in China has one national score." in page.sections["Myth or fact?"]
    assert "Who should be told before a court lists someone?" in page.sections["Questions to discuss"]
    assert "Blacklists and redlists" in page.sections["Sources of the scenes on this path"]
    assert "The machine refused your ID card." in page.sections["Journal"]
    assert "Ending: Home at last" in page.sections[""] and "Table 4" in page.sections[""]


def test_each_address_once_and_no_css_copy_of_it(story, tmp_path):
    html_path, _ = finished_run(story).export(tmp_path)
    text = html_path.read_text(encoding="utf-8")
    assert "attr(href)" not in text
    body = re.sub(r"<[^>]+>", " ", text.split("<body>", 1)[1])
    for href in set(re.findall(r'href="([^"]+)"', text)):
        assert body.count(href) == 1, href


def test_export_loads_nothing_from_outside(story, tmp_path):
    run = finished_run(story)
    html_path, _ = run.export(tmp_path)
    page = parse(html_path.read_text(encoding="utf-8"))
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "video", "audio", "source",
                       "image", "use", "form", "frame"}
    for tag, attrs in page.tags:
        assert "src" not in attrs and "srcset" not in attrs and "xlink:href" not in attrs
        assert not any(k.startswith("on") for k in attrs), tag  # no event handlers
        if "href" in attrs:
            assert tag == "a"
        if tag == "meta" and attrs.get("http-equiv"):
            assert attrs["http-equiv"] == "Content-Security-Policy" and "default-src 'none'" in attrs["content"]
    assert "url(" not in page.style and "@import" not in page.style and "@font-face" not in page.style
    urls = {s.url for s in story.sources.values() if s.url}
    assert page.links and all(section.startswith("Sources") and href in urls for section, href in page.links)


def test_export_holds_no_personal_data(story, tmp_path):
    run = finished_run(story)
    html_path, csv_path = run.export(tmp_path / "class 7b")
    for path in (html_path, csv_path, html_path.with_suffix(".json")):
        text = path.read_text(encoding="utf-8-sig")
        for private in {str(tmp_path), str(Path.home()), story.root, str(EXAMPLE), os.getcwd(), "class 7b"}:
            assert private not in text
        host = socket.gethostname()
        if len(host) >= 3:
            assert host not in text
        user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
        if user:
            assert f"/{user}/" not in text and f"\\{user}\\" not in text
        assert "file:" not in text


def test_hidden_questions_are_not_exported(story, tmp_path):
    run = finished_run(story, show_questions=False)
    html_path, _ = run.export(tmp_path)
    html_text = html_path.read_text(encoding="utf-8")
    assert "Questions to discuss" not in html_text
    assert "Who should be told" not in html_text
    rec = json.loads(html_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert rec["questions_shown"] is False  # the class report still shows the debrief's questions


def test_unfinished_run_exports(story, tmp_path):
    run = ClassroomRun.start(story, ClassroomOptions("ming", "listed"))
    run.session.choose("fast")
    html_path, csv_path = run.export(tmp_path, status="left")
    page = parse(html_path.read_text(encoding="utf-8"))
    assert "Not finished" in page.sections[""] and "Chapter: Already on the list" in page.sections[""]
    assert "left before the end" in page.sections[""]
    assert "Not answered" in page.sections["Myth or fact?"]
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    row = dict(zip(rows[0], rows[1]))
    assert row["status"] == "left" and row["choices_made"] == "1" and row["ending"] == ""


def test_one_off_exports_never_overwrite(story, tmp_path):
    run = finished_run(story)
    first = export_summary(run.session, story, tmp_path, run.answers, group="Table 4")
    second = export_summary(run.session, story, tmp_path, run.answers, group="Table 4")
    assert first[0] != second[0] and first[1] != second[1]
    assert len(list(tmp_path.glob("*.html"))) == 2 and len(list(tmp_path.glob("*.json"))) == 2


def test_default_export_folder(story, user_home):
    html_path, _ = finished_run(story).export()
    assert html_path.parent == paths.export_dir() and user_home in html_path.parents


def test_translated_export(story, tmp_path):
    run = finished_run(story)
    html_path, _ = run.export(tmp_path, lang="zh")
    text = html_path.read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in text
    assert story.text(story.lives["ming"].nodes["station"].choices[0].label, "zh") in text
    assert "示例故事" in text


def test_text_is_escaped_and_csv_formulas_are_neutralised(story, tmp_path):
    run = finished_run(story)
    summary = build_summary(run.session, story, run.answers)
    summary.steps[0].choice = '<script src="http://evil.example/x.js"></script>'
    page = parse(render_html(summary))
    assert not any(tag == "script" for tag, _ in page.tags)
    rec = run.recorder.record(run.session) if run.recorder else None
    if rec is None:
        run.export(tmp_path)
        rec = run.recorder.record(run.session)
    rec["group"] = "=HYPERLINK(\"http://evil.example\")"
    rows = list(csv.reader(io.StringIO(render_csv([rec]))))
    assert rows[1][0].startswith("'=")


def test_no_export_in_kiosk_mode(story, tmp_path):
    run = finished_run(story)
    paths.set_writes_enabled(False)
    with pytest.raises(PermissionError):
        export_summary(run.session, story, tmp_path, run.answers)
    with pytest.raises(PermissionError):
        run.export(tmp_path)
    assert list(tmp_path.rglob("*.*")) == []


def test_teacher_gate_chord_pin_and_lockout():
    now = [100.0]
    gate = TeacherGate(clock=lambda: now[0], attempts=2, lockout=60)
    assert gate.allow_quit("window")  # students may close the window
    assert not gate.needs_pin
    assert not gate.key("t", ctrl=True, shift=True)  # not the chord
    assert gate.key("t", ctrl=True, shift=True, alt=True)
    with pytest.raises(ValueError):
        gate.set_pin("12")
    gate.set_pin("2468")
    assert gate.needs_pin
    assert gate.key("t", ctrl=True, shift=True, alt=True) and gate.awaiting_pin
    assert not gate.submit_pin("1111")
    assert gate.key("t", ctrl=True, shift=True, alt=True)
    assert gate.submit_pin("2468") and not gate.unlocked  # the set-up opens; quitting is not "unlocked"
    assert not gate.submit_pin("2468")  # not without the chord first
    for _ in range(2):
        assert gate.key("t", ctrl=True, shift=True, alt=True)
        assert not gate.submit_pin("0000")
    assert not gate.key("t", ctrl=True, shift=True, alt=True)  # locked out after 2 wrong PINs
    now[0] += 61
    assert gate.key("t", ctrl=True, shift=True, alt=True)
