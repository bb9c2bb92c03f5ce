"""The safe YAML reader, typed field reading and the loader that builds the story model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine import yamlsafe
from game.engine.diagnostics import CODES, Diagnostic, Report
from game.engine.fields import Fields
from game.engine.loader import FORMAT_VERSION, load_story, text_hash
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


def parse(text: str) -> tuple[yamlsafe.YMap | None, Report]:
    report = Report()
    return yamlsafe.parse_text(text, "t.yaml", report), report


# -- the safe YAML reader --------------------------------------------------------------------------
def test_values_and_positions():
    data, report = parse("a: 1\nb:\n  - x\n  - {c: true, d: 2.5}\ne: 2016-05-10\nf: ~\n")
    assert not report.items
    assert data == {"a": 1, "b": ["x", {"c": True, "d": 2.5}], "e": "2016-05-10", "f": None}
    assert data.pos == (1, 1)
    assert data.where("a") == (1, 4) and data.where_key("b") == (2, 1)
    assert data.where("missing") == data.pos
    seq = data["b"]
    assert isinstance(seq, yamlsafe.YSeq) and seq.where(0) == (3, 5) and seq.where(1) == (4, 5)
    assert seq.where(9) == seq.pos
    assert seq[1].where("d") == (4, 18)


def test_dates_stay_text_and_keys_become_text():
    data, _ = parse("date: 2016-05-10\n1: one\ntrue: yes\n")
    assert data["date"] == "2016-05-10"
    assert data["1"] == "one" and data["true"] is True


def test_plain_equals_and_merge_signs_are_text():
    data, report = parse("a: =\nb: <<\n")
    assert not report.items and data == {"a": "=", "b": "<<"}


def test_crlf_and_bom_keep_line_numbers(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: [x\r\n")
    report = Report()
    assert yamlsafe.load_file(path, report) is None
    assert [(d.code, d.line) for d in report.items] == [("E001", 3)] or [d.code for d in report.items] == ["E001"]
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    report = Report()
    data = yamlsafe.load_file(path, report)
    assert data == {"a": 1, "b": 2} and data.where("b") == (2, 4)


@pytest.mark.parametrize("text,code,line,col", [
    ("a: [1, 2\n", "E001", 2, 1),
    ("a: b: c\n", "E001", 1, 5),
    ("a:\n\tb: 1\n", "E001", 2, 1),
    ("a: 1\n---\nb: 2\n", "E001", 2, 1),
    ("a: *nothing\n", "E006", 1, 4),
    ("a: b\x00\n", "E001", 1, 5),
    ("", "E003", 1, 1),
    ("# nothing\n\n", "E003", 1, 1),
    ("---\n...\n", "E003", 1, 1),
    ("- a\n", "E004", 1, 1),
    ("42\n", "E004", 1, 1),
    ("a: !!python/object:os.system {}\n", "E005", 1, 4),
    ("a: !!python/name:os.system\n", "E005", 1, 4),
    ("a: !!binary aGVsbG8=\n", "E005", 1, 4),
    ("a: !!set {x}\n", "E005", 1, 4),
    ("a: !custom x\n", "E005", 1, 4),
    ("%TAG ! tag:yaml.org,2002:python/\n---\na: !object:os.system {}\n", "E005", 3, 4),
    ("a: &x [1]\nb: *x\n", "E006", 2, 4),
    ("a: &x 1\nb: *x\n", "E006", 2, 4),
    ("a: &x {k: 1}\nb:\n  <<: *x\n", "E006", 3, 3),
    ("a: " + "[" * 70 + "]" * 70 + "\n", "E008", 1, 68),
    ("? [a]\n: 1\n", "E102", 1, 3),
    ("a: 1\na: 2\n", "E106", 2, 1),
    ("a: 1" + "0" * 5000 + "\n", "E104", 1, 4),
    ("a: \ud800\n", "E002", 1, 4),
])
def test_problems_are_located(text, code, line, col):
    data, report = parse(text)
    assert [(d.code, d.line, d.col) for d in report.items] == [(code, line, col)], [str(d) for d in report.items]
    assert code != "E106" or data == {"a": 1}  # a duplicate key keeps the first value
    assert code == "E106" or data is None


@pytest.mark.parametrize("text,words", [
    ("a: 1" + "0" * 5000 + "\n", "far too long"),
    ("a: 0x_\n", "'0x_' is not a number YAML can read; put it in quotes"),
    ("a: [-0b_]\n", "'-0b_' is not a number YAML can read"),
])
def test_numbers_python_cannot_convert_say_why(text: str, words: str) -> None:
    _data, report = parse(text)
    assert [d.code for d in report.items] == ["E104"] and words in report.items[0].message


def test_non_utf8_is_located(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    report = Report()
    assert yamlsafe.load_file(path, report) is None
    assert [(d.code, d.line, d.col) for d in report.items] == [("E002", 2, 7)]
    assert "0xe9" in report.items[0].message


def test_missing_file(tmp_path):
    report = Report()
    assert yamlsafe.load_file(tmp_path / "nope.yaml", report) is None
    assert [d.code for d in report.items] == ["E007"]


# -- diagnostics ------------------------------------------------------------------------------------
def test_diagnostic_format_and_report():
    report = Report()
    report.add("b.yaml", 3, 2, "W201", "second")
    report.add("a.yaml", 7, 1, "E101", "first")
    assert [str(d) for d in report.sorted()] == ["a.yaml:7:1: error E101: first", "b.yaml:3:2: warning W201: second"]
    assert report.summary() == "1 error, 1 warning"
    report.add("a.yaml", 8, 1, "E102", "x")
    assert report.summary() == "2 errors, 1 warning"
    assert len(report.errors) == 2 and len(report.warnings) == 1
    with pytest.raises(KeyError):
        report.add("a.yaml", 1, 1, "E999", "not registered")
    assert Diagnostic("p", 1, 1, "W501", "m").severity == "warning"


def test_codes_are_well_formed():
    for code, (severity, title) in CODES.items():
        assert code[0] == {"error": "E", "warning": "W"}[severity] and code[1:].isdigit() and len(code) == 4
        assert title and not title.endswith(".")


# -- typed fields -------------------------------------------------------------------------------------
def fields(text: str, allowed=("id", "n", "x", "when", "items", "ok", "kind")):
    data, report = parse(text)
    assert data is not None
    return Fields(data, "t.yaml", report, allowed, "a thing"), report


def test_unknown_key_with_did_you_mean():
    _, report = fields("id: a\nkidn: b\nzzz: c\n")
    messages = [(d.code, d.line, d.message) for d in report.items]
    assert messages[0][:2] == ("E101", 2) and "did you mean 'kind'" in messages[0][2]
    assert messages[1][:2] == ("E101", 3) and "allowed keys: id, n, x" in messages[1][2]


def test_typed_readers():
    f, report = fields("id: Bad-Id\nn: '3'\nx: 2.5\nwhen: 2016-13-01\nitems: [a, 1]\nok: yes\nkind: blue\n")
    assert f.ident("id") == "Bad-Id"
    assert f.int("n") == 0
    assert f.number("x") == 2.5
    assert f.date("when") == ""
    assert f.id_list("items")[0][0] == "a"
    assert f.bool("ok") is True
    assert f.enum("kind", ("red", "blue")) == "blue"
    assert f.str("missing", required=True) == ""
    codes = [(d.code, d.line) for d in report.items]
    assert codes == [("E104", 1), ("E102", 2), ("E104", 4), ("E102", 5), ("E103", 1)]


def test_a_single_id_is_accepted_where_a_list_is_expected():
    f, report = fields("items: court\n")
    assert [i for i, _ in f.id_list("items")] == ["court"] and not report.items


# -- the loader ---------------------------------------------------------------------------------------
def test_example_story_model():
    result = load_story(EXAMPLE)
    story = result.story
    assert not result.report.items
    assert story.id == "example" and story.title.en == "Example story" and story.language == "en"
    assert list(story.lives) == ["ming"] and list(story.translations) == ["zh"]
    life = story.lives["ming"]
    assert life.start == "station" and life.scheme == "town_points" and life.short.start == "station"
    assert [c.id for c in life.chapters] == ["listed"]
    assert life.variables["money"].initial == 500 and life.variables["money"].show
    station = life.nodes["station"]
    assert station.kind == "system" and station.screen == "terminal" and station.evidence == "dramatized"
    fast, bike = station.choices
    assert (fast.id, fast.attempt, fast.to, fast.refused) == ("fast", "fast_train", "home", "refused")
    assert bike.cond_src == 'can_use("free_bike")' and bike.reason.en == "Your grade is too low"
    assert life.nodes["home"].ending.debrief == "main"
    assert life.nodes["slow"].next == "home"
    w = story.world
    assert w.lists["court_list"].restricts == ["fast_train"] and w.lists["court_list"].procedure == "objection"
    assert [g.id for g in w.schemes["town_points"].grades] == ["A", "B", "C"]
    assert w.procedures["objection"].step("filed").limit_days == 15
    assert story.sources["technode_2018"].trust == "high"
    assert story.fingerprint and len(story.fingerprint) == 64


def test_string_ids_follow_the_documented_scheme():
    strings = load_story(EXAMPLE).story.strings
    for sid in ["story.title", "ming.title", "ming.player", "ming.content_note", "ming.var.money.label",
                "ming.n.station.text", "ming.n.refused.speaker", "ming.n.station.c.fast.label",
                "ming.n.station.c.bike.reason", "ming.n.refused.e.0.journal", "ming.n.refused.c.call.e.2.label",
                "ming.n.home.ending.title", "ming.d.main.what_happened", "ming.d.main.myth.one_score.claim",
                "ming.d.main.q.1", "ming.ch.listed.title", "list.court_list.name", "service.fast_train.name",
                "procedure.objection.step.filed.text", "place.beijing.name", "source.technode_2018.title",
                "term.blacklist.text"]:
        assert sid in strings, sid
    assert strings["ming.n.station.text"] == "The ticket machine reads your ID card."


def test_translation_and_english_fallback():
    story = load_story(EXAMPLE).story
    node = story.lives["ming"].nodes["station"]
    assert story.text(node.text, "zh") == "售票机读取你的身份证。"
    assert story.text(node.text, "en") == node.text.en
    assert story.text(node.text, "fr") == node.text.en  # no such translation: English
    assert story.text(None, "zh") == ""
    zh = story.translations["zh"]
    assert zh.name == "中文"
    assert zh.strings["ming.title"] == ("小明", text_hash("Ming"))


def test_text_hash_is_the_documented_sha256_prefix():
    import hashlib
    assert text_hash("Ming") == hashlib.sha256(b"Ming").hexdigest()[:8] == "73012d6b"


def test_refs_and_expressions_are_recorded_with_locations():
    result = load_story(EXAMPLE)
    kinds = {(r.kind, r.id) for r in result.refs}
    assert ("node", "refused") in kinds and ("list", "court_list") in kinds and ("service", "fast_train") in kinds
    assert ("source", "technode_2018") in kinds and ("place", "chengdu") in kinds and ("debrief", "main") in kinds
    site = next(e for e in result.exprs if e.src == 'can_use("free_bike")')
    assert site.life == "ming" and site.want == "true/false"
    assert Path(site.loc.file).name == "ming.yaml" and site.loc.line == 40


def test_path_may_be_the_manifest_file_or_folder():
    a = load_story(EXAMPLE).story
    b = load_story(EXAMPLE / "story.yaml").story
    assert a.fingerprint == b.fingerprint and list(a.lives) == list(b.lives)


def test_fingerprint_changes_when_a_file_changes(tmp_path):
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    before = load_story(root).story.fingerprint
    life = root / "lives" / "ming.yaml"
    life.write_text(life.read_text(encoding="utf-8").replace("You are home.", "You are home at last."),
                    encoding="utf-8")
    assert load_story(root).story.fingerprint != before


def test_newer_format_is_refused_before_reading_the_rest(tmp_path):
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    manifest = root / "story.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("format: 1", f"format: {FORMAT_VERSION + 1}"),
                        encoding="utf-8")
    (root / "lives" / "ming.yaml").write_text("broken: [", encoding="utf-8")
    result = load_story(root)
    assert result.story is None
    assert [d.code for d in result.report.items] == ["E009"]


def test_one_pass_reports_every_problem(tmp_path):
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    life = root / "lives" / "ming.yaml"
    text = life.read_text(encoding="utf-8")
    text = text.replace("kind: narration", "kind: narative").replace("to: slow", "to: slwo")
    life.write_text(text, encoding="utf-8")
    codes = sorted(d.code for d in load_and_validate(root).report.items)
    assert codes.count("E104") == 2 and codes.count("E201") == 2


def test_an_unknown_translation_file_is_reported_where_it_is_named(tmp_path):
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    manifest = root / "story.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("translations: [zh]", "translations: [zh, fr]"),
                        encoding="utf-8")
    items = load_and_validate(root).report.items
    assert [(Path(d.path).name, d.line, d.code) for d in items] == [("story.yaml", 7, "E007")]
    assert "lang/fr.yaml" in items[0].message


def test_gc_paused_restores_the_collector_and_freezes_nothing() -> None:
    """Loading pauses the cyclic collector, then hands everything back to it: nothing stays frozen."""
    import gc

    from game.engine.loader import gc_paused, load_story

    assert gc.isenabled()
    before = gc.get_freeze_count()
    assert load_story(ROOT / "docs" / "example-story").story is not None
    assert gc.isenabled() and gc.get_freeze_count() == before

    class Built:  # stands for what a load builds
        pass

    gc.collect()  # start from empty young generations
    with gc_paused():
        built = Built()
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == before
    assert any(o is built for o in gc.get_objects(generation=2)), "what was built went to the oldest generation"
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled(), "a collector that was off stays off"
    finally:
        gc.enable()
