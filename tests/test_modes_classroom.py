"""Classroom mode: the teacher's options, the debrief questions, and the summary export's content."""

from __future__ import annotations

import csv
import io
import os
import socket
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.modes import paths
from game.modes.classroom import ClassroomOptions, ClassroomRun, debrief_for, life_choices
from game.modes.export import CSV_COLUMNS, build_summary, export_summary, render_csv, render_html

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"


pytestmark = pytest.mark.usefixtures("user_home")


def finished_run(story, show_questions=True) -> ClassroomRun:
    run = ClassroomRun.start(story, ClassroomOptions("ming", None, show_questions), seed=2)
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


def test_export_writes_html_and_csv(story, tmp_path):
    run = finished_run(story)
    html_path, csv_path = run.export(tmp_path / "out")
    assert html_path.parent == tmp_path / "out" and html_path.suffix == ".html" and csv_path.suffix == ".csv"
    assert html_path.name.startswith("summary-ming-")
    html_text = html_path.read_text(encoding="utf-8")
    page = parse(html_text)
    # the choices, the path with dates, the events, the lists and points, the answers, the questions, sources
    path_text = page.sections["The path taken"]
    for label in ("Buy a high-speed ticket", "Call the court", "Continue"):
        assert label in path_text
    for date in ("2016-05-10", "2016-05-25"):
        assert date in path_text
    assert "REFUSED: Buy a high-speed train ticket" in path_text
    assert "APPEAL: Objection to the listing" in path_text
    assert "List of Dishonest Persons Subject to Enforcement" in page.sections["Lists over time"]
    assert "still on at the end" in page.sections["Lists over time"]
    points = page.sections["Points over time"]
    assert "Town points" in points and "1000" in points and "950" in points
    assert any(tag == "svg" for tag, _ in page.tags) and any(tag == "polyline" for tag, _ in page.tags)
    myth = page.sections["Myth or fact?"]
    assert "Everyone in China has one national score." in myth and "Fact (differs)" in myth
    assert "Who should be told before a court lists someone?" in page.sections["Questions to discuss"]
    assert "Blacklists and redlists" in page.sections["Sources"]
    assert "The machine refused your ID card." in page.sections["Journal"]
    assert "Ending: Home at last" in page.sections[""]

    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r[4] for r in rows[1:]] == ["Buy a high-speed ticket", "Call the court", "Continue"]
    assert [r[3] for r in rows[1:]] == ["station", "refused", "slow"]
    assert [r[1] for r in rows[1:]] == ["2016-05-10", "2016-05-10", "2016-05-25"]
    assert "REFUSED" in rows[1][6]


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
    # links: only the bibliography's, only to the sources' own addresses
    urls = {s.url for s in story.sources.values() if s.url}
    assert page.links and all(section == "Sources" and href in urls for section, href in page.links)


def test_export_holds_no_personal_data(story, tmp_path):
    run = finished_run(story)
    html_path, csv_path = run.export(tmp_path / "class 7b")
    for text in (html_path.read_text(encoding="utf-8"), csv_path.read_text(encoding="utf-8-sig")):
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


def test_unfinished_run_exports(story, tmp_path):
    run = ClassroomRun.start(story, ClassroomOptions("ming", "listed"))
    run.session.choose("fast")
    html_path, csv_path = run.export(tmp_path)
    page = parse(html_path.read_text(encoding="utf-8"))
    assert "Not finished" in page.sections[""] and "Chapter: Already on the list" in page.sections[""]
    assert "Not answered" in page.sections["Myth or fact?"]
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2 and rows[1][5] == "fast"


def test_exports_never_overwrite(story, tmp_path):
    run = finished_run(story)
    first = run.export(tmp_path)
    second = run.export(tmp_path)
    assert first[0] != second[0] and first[1] != second[1]
    assert len(list(tmp_path.glob("*.html"))) == 2 and len(list(tmp_path.glob("*.csv"))) == 2


def test_default_export_folder(story, user_home):
    html_path, _ = finished_run(story).export()
    assert html_path.parent == paths.export_dir() and user_home in html_path.parents


def test_translated_export(story, tmp_path):
    run = finished_run(story)
    html_path, _ = run.export(tmp_path, lang="zh")
    text = html_path.read_text(encoding="utf-8")
    assert '<html lang="zh">' in text
    assert story.text(story.lives["ming"].nodes["station"].choices[0].label, "zh") in text
    assert "示例故事" in text


def test_text_is_escaped_and_csv_formulas_are_neutralised(story):
    run = finished_run(story)
    summary = build_summary(run.session, story, run.answers)
    summary.steps[0].choice = '<script src="http://evil.example/x.js"></script>'
    summary.steps[1].choice = "=HYPERLINK(\"http://evil.example\")"
    page = parse(render_html(summary))
    assert not any(tag == "script" for tag, _ in page.tags)
    rows = list(csv.reader(io.StringIO(render_csv(summary))))
    assert rows[2][4].startswith("'=")


def test_no_export_in_kiosk_mode(story, tmp_path):
    run = finished_run(story)
    paths.set_writes_enabled(False)
    with pytest.raises(PermissionError):
        export_summary(run.session, story, tmp_path, run.answers)
    assert list(tmp_path.rglob("*.html")) == [] and list(tmp_path.rglob("*.csv")) == []
