"""The class report: a folder of run records (30 generated, with damaged, foreign, duplicated and
other-version files among them) read into one self-contained page; the adding-up as pure functions."""

from __future__ import annotations

import json
import os
import random
import re
import socket
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli import main as cli_main
from game.modes import class_report as cr
from game.modes.class_report_html import bar_chart, make_report, render
from game.modes.classroom import ClassroomOptions, ClassroomRun
from game.modes.record import VERSION

pytestmark = pytest.mark.usefixtures("user_home")


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(text: str) -> Tags:
    t = Tags()
    t.feed(text)
    t.close()
    return t


def make_class(story, folder: Path, n: int = 30) -> list[str]:
    """``n`` seeded runs of the example life from different starts; some answered, some unfinished."""
    groups = []
    starts = ["main", "short", "chapter:listed"]
    for i in range(n):
        rng = random.Random(i)
        group = f"Table {i + 1}" if i % 3 else f"Pair {chr(65 + i // 3)}"
        opts = ClassroomOptions.from_start("ming", starts[i % 3], group=group)
        run = ClassroomRun.start(story, opts, seed=i)
        run.export(folder)
        steps = 1 if i % 10 == 9 else 50  # every tenth group leaves early
        for _ in range(steps):
            if run.session.ended:
                break
            run.session.choose(rng.choice(run.session.enabled_choices()))
        if run.session.ended:
            run.answer("one_score", rng.choice(["myth", "myth", "fact", "mixed"]))
            if i % 4 == 0:
                run.answer("one_score", "myth")  # a change after the verdict
        run.export(folder, status=None if run.session.ended else "left")
        groups.append(group)
    return groups


@pytest.fixture
def class_folder(story, tmp_path):
    folder = tmp_path / "class 7b"
    folder.mkdir()
    groups = make_class(story, folder)
    records = sorted(folder.glob("*.json"))
    good = json.loads(records[0].read_text(encoding="utf-8"))
    (folder / "truncated.json").write_text(records[1].read_text(encoding="utf-8")[:200], encoding="utf-8")
    (folder / "newer.json").write_text(json.dumps({**good, "version": VERSION + 1, "run_id": "n"}), encoding="utf-8")
    (folder / "older.json").write_text(json.dumps({**good, "version": 0, "run_id": "o"}), encoding="utf-8")
    broken = {k: v for k, v in good.items() if k != "life"}
    (folder / "no-life.json").write_text(json.dumps({**broken, "run_id": "x"}), encoding="utf-8")
    wrong = {**good, "run_id": "y", "myths": [{"id": "a", "claim": "c", "answer": "maybe", "first": ""}]}
    (folder / "bad-myth.json").write_text(json.dumps(wrong), encoding="utf-8")
    (folder / "settings.json").write_text('{"text_scale": 1.5}', encoding="utf-8")
    (folder / "list.json").write_text("[1, 2, 3]", encoding="utf-8")
    (folder / "empty.json").write_text("", encoding="utf-8")
    (folder / "latin1.json").write_bytes(b'{"format": "\xe9"}')
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "notes.txt").write_text("bring USB sticks", encoding="utf-8")
    usb = folder / "usb-stick"
    usb.mkdir()
    (usb / records[2].name).write_bytes(records[2].read_bytes())  # the same run, gathered twice
    return folder, groups, records


def test_thirty_records_with_damaged_ones_make_one_page(class_folder, tmp_path):
    folder, groups, records = class_folder
    loaded = cr.load_folder(folder)
    assert len(loaded.records) == 30
    reasons = {s.file: s.reason for s in loaded.skipped}
    assert reasons["truncated.json"].startswith("damaged: not valid JSON")
    assert "newer version" in reasons["newer.json"] and "older version" in reasons["older.json"]
    assert "\u2018life\u2019" in reasons["no-life.json"]
    assert "myth-or-fact answer 1 is damaged" in reasons["bad-myth.json"]
    for name in ("settings.json", "list.json"):
        assert reasons[name] == "not a record of this game"
    assert reasons["empty.json"].startswith("damaged: not valid JSON")
    assert reasons["latin1.json"] == "damaged: not UTF-8 text"
    assert reasons["deep.json"].startswith("damaged")
    assert reasons["notes.txt"].startswith("not a record")
    assert "a copy of the same run" in reasons[f"usb-stick/{records[2].name}"]
    assert not any(name.endswith((".csv", ".html")) for name in reasons)  # a record's own summary and CSV

    out = tmp_path / "report" / "class.html"
    path, _ = make_report(folder, out, tmp_path / "report" / "class.csv")
    text = path.read_text(encoding="utf-8")
    page = parse(text)
    body = " ".join(page.text)
    for g in groups:
        assert re.search(rf"\b{re.escape(g)}\b", body), g  # every group is named
    for name in reasons:
        assert name in body  # every skipped file is reported, with its reason
    assert "made by a newer version of the game" in body
    # self-contained: nothing loaded, no script, charts are inline SVG
    tags = {t for t, _ in page.tags}
    assert "svg" in tags and not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "use"}
    for _tag, attrs in page.tags:
        assert "src" not in attrs and not any(k.startswith("on") for k in attrs)
        assert "href" not in attrs
    assert "url(" not in text and "@import" not in text
    # no names of people, users or machines, no folder paths
    for private in (str(tmp_path), str(folder), "class 7b", str(Path.home())):
        assert private not in text
    host = socket.gethostname()
    if len(host) >= 3:
        assert host not in text
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    if len(user) >= 3:
        assert f"/{user}" not in text
    rows = (tmp_path / "report" / "class.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 31


def test_the_page_adds_up_what_the_records_say(class_folder):
    folder, groups, _records = class_folder
    loaded = cr.load_folder(folder)
    recs = loaded.records
    text = " ".join(parse(render(loaded)).text)
    finished = sum(1 for r in recs if r["ending"])
    assert "Home at last" in text and f"{finished} of 30" in text
    refused, listed = cr.restrictions(recs)
    met = sum(1 for r in recs if any(e["kind"] == "refused" for c in r["choices"] for e in c["events"]))
    assert refused["Buy a high-speed train ticket"] == met
    assert listed["List of Dishonest Persons Subject to Enforcement"] == sum(
        1 for r in recs if any(e["kind"] == "listed" for e in r["start_events"]))
    stats = {s.id: s for s in cr.myth_stats(recs)}
    answered = [r["myths"][0] for r in recs if r["myths"][0]["first"]]
    assert stats["one_score"].answered == len(answered)
    assert stats["one_score"].right == sum(1 for m in answered if m["first"] == "myth")
    assert stats["one_score"].changed == sum(1 for m in answered if m["changed_to"])
    share = f"{stats['one_score'].right} of {stats['one_score'].answered}"
    assert share in text
    assert "Who should be told before a court lists someone?" in text  # the debrief's question


def rec(group: str, choices: list[tuple[str, str, list[dict]]], myths=(), life="Wei", ending="Home") -> dict:
    return {"format": "on-the-list/run-record", "version": 1, "run_id": group, "group": group,
            "life": {"id": "wei", "title": life}, "path": "main", "status": "finished", "minutes_played": 12.5,
            "ending": {"title": ending} if ending else None, "start_events": [],
            "choices": [{"step": i + 1, "node": node, "scene": node.title(), "label": label, "options": 2,
                         "events": events} for i, (node, label, events) in enumerate(choices)],
            "myths": [{"id": mid, "claim": f"Claim {mid}", "answer": ans, "first": first, "changed_to": ch}
                      for mid, ans, first, ch in myths],
            "questions": ["Who decides?"]}


OBJECTION = [{"kind": "appeal", "name": "Objection", "result": "refused"}]


def test_decision_sentences_count_groups_and_outcomes():
    recs = [rec(f"Table {i}", [("window", "File an objection", OBJECTION)]) for i in range(1, 15)]
    recs.append(rec("Table 15", [("window", "Wait", [])]))
    ds = cr.decisions(recs)
    assert len(ds) == 1 and ds[0].reached == 15 and ds[0].of == 15
    top = ds[0].choices[0]
    assert cr.decision_sentence(ds[0], top) == ("14 of 15 groups chose \u201cFile an objection\u201d: "
                                                "Objection: refused, for all of them.")
    assert cr.decision_sentence(ds[0], ds[0].choices[1]) == "1 of 15 groups chose \u201cWait\u201d."
    # a scene visited twice counts once; a scene with one way on ("Continue") is no decision
    again = rec("Pair A", [("window", "Wait", []), ("window", "File an objection", OBJECTION)])
    again["choices"].append({"step": 3, "node": "walk", "scene": "", "label": "Continue", "options": 1,
                             "events": []})
    ds = cr.decisions(recs + [again])
    assert [d.node for d in ds] == ["window"] and ds[0].reached == 16
    assert Counter({c.label: c.groups for c in ds[0].choices}) == Counter({"File an objection": 14, "Wait": 2})
    # decisions made by one group only are left out
    assert cr.decisions([rec("A", [("x", "y", [])])]) == []


def test_myth_shares_most_missed_and_prompts():
    recs = [rec("T1", [("a", "Go", [])], [("m1", "myth", "fact", []), ("m2", "fact", "fact", ["myth"])]),
            rec("T2", [("a", "Stay", [])], [("m1", "myth", "fact", ["myth"]), ("m2", "fact", "fact", [])]),
            rec("T3", [("a", "Go", [])], [("m1", "myth", "myth", []), ("m2", "fact", "", [])], ending=None),
            rec("T4", [("a", "Stay", [{"kind": "refused", "name": "Buy a ticket"}])], [], ending="Stuck")]
    stats = {s.id: s for s in cr.myth_stats(recs)}
    assert (stats["m1"].answered, stats["m1"].right, stats["m1"].changed) == (3, 1, 1)
    assert (stats["m2"].answered, stats["m2"].right, stats["m2"].changed) == (2, 2, 1)
    assert stats["m1"].common_wrong == "fact"
    assert [s.id for s in cr.most_missed(list(stats.values()))] == ["m1"]  # m2: nobody wrong
    ps = cr.prompts(recs)
    assert any("2 groups chose \u201cGo\u201d and 2 chose \u201cStay\u201d" in p for p in ps)
    assert any("1 of 4 groups was refused \u201cBuy a ticket\u201d." in p for p in ps)
    assert any("2 of 3 groups first answered \u201cfact\u201d to \u201cClaim m1\u201d; the sources say myth." in p
               for p in ps)
    assert any("changed a myth-or-fact answer" in p for p in ps)
    assert cr.endings(recs)["Wei"] == Counter({"Home": 2, "Stuck": 1, "not finished": 1})
    assert cr.lives_played(recs) == [("Wei", "whole life", ["T1", "T2", "T3", "T4"], 12.5)]


def test_duplicates_keep_the_latest_copy(tmp_path):
    old = rec("Table 1", [("a", "Go", [])])
    new = {**old, "updated_at": "2026-12-02T10:00:00", "final": True}
    old = {**old, "updated_at": "2026-12-02T09:50:00", "final": False, "status": "playing"}
    (tmp_path / "a.json").write_text(json.dumps(new), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(old), encoding="utf-8")
    loaded = cr.load_folder(tmp_path)
    assert [r["updated_at"] for r in loaded.records] == ["2026-12-02T10:00:00"]
    assert [(s.file, "copy" in s.reason) for s in loaded.skipped] == [("b.json", True)]


def test_an_empty_or_missing_folder_never_crashes(tmp_path, capsys):
    page = render(cr.load_folder(tmp_path))
    assert "No records were found" in page
    assert cli_main(["class-report", str(tmp_path / "nowhere")]) == 2
    assert "no folder" in capsys.readouterr().err


def test_cli_writes_the_report(class_folder, tmp_path, capsys):
    folder, groups, _ = class_folder
    out = tmp_path / "r.html"
    assert cli_main(["class-report", str(folder), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Read 30 records" in said and f"Wrote {out}" in said and "skipped truncated.json" in said
    assert out.exists() and not (folder / "class-report.html").exists()
    assert cli_main(["class-report", str(folder)]) == 0
    assert (folder / "class-report.html").exists()  # the default place; it is not read as a record next time
    assert "class-report" not in " ".join(s.file for s in cr.load_folder(folder).skipped)


def test_bar_chart_says_each_number_in_words():
    svg = bar_chart([("Refused a train ticket", 14), ("Refused a loan", 3)], 15, "Refused")
    assert svg.startswith("<svg") and "14 of 15" in svg and "3 of 15" in svg and "<title>Refused</title>" in svg
    assert bar_chart([], 3, "x") == ""


def test_a_group_that_played_twice_is_counted_in_runs():
    twice = [rec("Table 1", [("window", "Wait", [])]), {**rec("Table 1", [("window", "File an objection", OBJECTION)]),
                                                        "run_id": "second"}]
    assert cr.unit_of(twice) == "run" and cr.unit_of(twice[:1]) == "group"
    d = cr.decisions(twice)[0]
    assert cr.decision_sentence(d, d.choices[0], cr.unit_of(twice)).startswith("1 of 2 runs chose")
    page = " ".join(parse(render(cr.Loaded(records=twice, files=["a", "b"]))).text)
    assert "2 runs by 1 group" in page and "(2 of 2 runs made this decision)" in page
    assert "2: Table 1 (2 runs)" in page, "a group that played again is named once, with its runs"


REFUSED = [{"kind": "refused", "id": "train", "name": "Buy a train ticket"}]


@pytest.mark.parametrize(("refused", "groups", "said"), [
    (1, 1, "The only group was refused \u201cBuy a train ticket\u201d."),
    (2, 2, "Both groups were refused \u201cBuy a train ticket\u201d."),
    (3, 3, "All 3 groups were refused \u201cBuy a train ticket\u201d."),
    (1, 3, "1 of 3 groups was refused \u201cBuy a train ticket\u201d."),
    (2, 3, "2 of 3 groups were refused \u201cBuy a train ticket\u201d."),
])
def test_prompts_agree_with_their_numbers(refused, groups, said):
    """No "1 of 1 group were refused": the count opens the sentence in words that fit it, and the verb
    agrees with it (ngettext)."""
    recs = [rec(f"T{i}", [("a", "Go", REFUSED if i < refused else [])],
                [("m1", "myth", "fact", [])]) for i in range(groups)]
    for r in recs:
        r["myths"][0]["claim"] = "Everyone has one score."
    ps = cr.prompts(recs)
    assert any(p.startswith(said) for p in ps), ps
    first = {1: "The only group", 2: "Both groups"}.get(groups, f"All {groups} groups")
    # the claim is quoted without its own full stop, never “...score.”: ...
    assert any(p.startswith(f"{first} first answered \u201cfact\u201d to \u201cEveryone has one score\u201d; the "
                            "sources say myth.") for p in ps), ps


def test_prompts_in_chinese_read_as_chinese():
    from game.modes.record import speaking

    recs = [rec(f"T{i}", [("a", "Go", REFUSED)], [("m1", "myth", "fact", [])]) for i in range(2)]
    with speaking("zh"):
        ps = cr.prompts(recs)
    assert any(p.startswith("两个小组都被拒绝\u201cBuy a train ticket\u201d") for p in ps), ps
    with speaking("zh"):
        ps = cr.prompts(recs[:1])
    assert any(p.startswith("唯一的小组被拒绝") for p in ps), ps
