"""Every validator code has a broken-story fixture that reports exactly that code on the right line.

See tests/fixtures/broken/README.md for how the fixtures are written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.engine import yamlsafe
from game.engine.diagnostics import CODES, Report
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "broken"
BASE = FIXTURES / "base"
CASES = sorted(p for p in (FIXTURES / "cases").iterdir() if p.is_dir())
NOT_COPIED = {"expect.txt"}

# Codes that no story can trigger (kept registered so their numbers are never reused).
RESERVED = {"E211"}

_MARK = re.compile(rb"#\s*expect:\s*((?:[EW]\d{3}\s*)+)(?:\"([^\"]*)\")?")
_LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+)\s+(?P<codes>(?:[EW]\d{3}\s*)+)(?:\"(?P<text>[^\"]*)\")?\s*$")

Expected = tuple[str, int, str]  # (file relative to the story folder, line, code)


def expectations(case: Path) -> dict[Expected, str]:
    """What a case must report: (file, line, code) -> text the message must contain ("" for any)."""
    out: dict[Expected, str] = {}
    for path in sorted(case.rglob("*")):
        if not path.is_file() or path.name in NOT_COPIED:
            continue
        rel = path.relative_to(case).as_posix()
        for lineno, raw in enumerate(path.read_bytes().split(b"\n"), 1):
            m = _MARK.search(raw)
            if m:
                text = m.group(2).decode("utf-8") if m.group(2) else ""
                for code in m.group(1).decode().split():
                    out[(rel, lineno, code)] = text
    extra = case / "expect.txt"
    if extra.is_file():
        for raw in extra.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            m = _LINE.match(raw.strip())
            assert m, f"{extra}: cannot read the line {raw!r}"
            for code in m["codes"].split():
                out[(m["file"], int(m["line"]), code)] = m["text"] or ""
    return out


def build(case: Path, dest: Path) -> Path:
    shutil.copytree(BASE, dest)
    for path in case.rglob("*"):
        if path.is_file() and path.name not in NOT_COPIED:
            target = dest / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest


def reported(report: Report, root: Path) -> dict[Expected, list[str]]:
    out: dict[Expected, list[str]] = {}
    for d in report.items:
        p = Path(d.path)
        p = p if p.is_absolute() else Path.cwd() / p
        rel = p.resolve().relative_to(root.resolve()).as_posix()
        assert d.line >= 1 and d.col >= 1, f"{d}: lines and columns count from 1"
        out.setdefault((rel, d.line, d.code), []).append(d.message)
    return out


def test_base_story_is_valid(tmp_path):
    story = tmp_path / "story"
    shutil.copytree(BASE, story)
    result = load_and_validate(story)
    assert [str(d) for d in result.report.items] == []
    assert result.story is not None and list(result.story.lives) == ["pat"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_reports_exactly_its_code_and_line(case, tmp_path):
    want = expectations(case)
    assert want, f"{case.name} expects nothing: add '# expect: CODE' markers or expect.txt"
    code_in_name = case.name.split("_", 1)[0]
    assert code_in_name in {code for _, _, code in want}, f"{case.name} should expect {code_in_name}"
    story = build(case, tmp_path / "story")
    result = load_and_validate(story)
    got = reported(result.report, story)
    shown = "\n".join(str(d) for d in result.report.sorted())
    assert set(got) == set(want), f"reported:\n{shown}"
    for key, text in want.items():
        if text:
            assert any(text in m for m in got[key]), f"{key}: no message contains {text!r}:\n{shown}"
    assert bool(result.report.errors) == any(CODES[code][0] == "error" for _, _, code in want)


def test_every_registered_code_has_a_case():
    covered = {c.name.split("_", 1)[0] for c in CASES}
    missing = set(CODES) - covered - RESERVED
    assert not missing, f"no broken-story fixture for {sorted(missing)}"
    assert not covered - set(CODES), f"fixtures for unregistered codes: {sorted(covered - set(CODES))}"


def test_reserved_codes_are_never_reported_by_the_engine():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "game").rglob("*.py"))
    for code in RESERVED:
        assert code in CODES
        assert f'"{code}"' not in source.replace(f'"{code}": (', ""), (
            f"{code} is reported now: give it a fixture and take it out of RESERVED")


def test_python_tag_is_never_executed(tmp_path):
    story = build(FIXTURES / "cases" / "E005_python_tag", tmp_path / "story")
    load_and_validate(story)
    assert not (story / "owned.txt").exists() and not Path("owned.txt").exists()


def test_billion_laughs_is_refused_quickly(tmp_path):
    story = build(FIXTURES / "cases" / "E006_billion_laughs", tmp_path / "story")
    result = load_and_validate(story)
    assert [d.code for d in result.report.items] == ["E006"]


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a: ", "}"), ("- ", "")])
def test_very_deep_nesting_is_an_error_not_a_crash(tmp_path, opener, closer):
    """libyaml composes recursively in C: 100,000 levels would overflow the stack without a guard."""
    text = "terms: " + opener * 100_000 + "x" + closer * 100_000 + "\n" if closer else \
        "terms:\n  " + opener * 100_000 + "x\n"
    report = Report()
    assert yamlsafe.parse_text(text, "deep.yaml", report) is None
    assert [d.code for d in report.items] == ["E008"]
    assert report.items[0].line in (1, 2)


def test_file_too_large_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "big.yaml"
    path.write_text("text: " + "x" * 2000 + "\n", encoding="utf-8")
    report = Report()
    assert yamlsafe.load_file(path, report) is None
    assert [(d.code, d.line) for d in report.items] == [("E008", 1)]


def test_manifest_not_found(tmp_path):
    result = load_and_validate(tmp_path / "nowhere")
    assert result.story is None
    assert [(Path(d.path).name, d.line, d.code) for d in result.report.items] == [("story.yaml", 1, "E007")]


def test_a_case_can_hold_several_problems_and_all_are_reported(tmp_path):
    """The loader does not stop at the first problem: one pass reports every one, in file order."""
    story = build(FIXTURES / "cases" / "E212_loop_without_exit", tmp_path / "story")
    report = load_and_validate(story).report
    lines = [d.line for d in report.sorted()]
    assert len(lines) >= 2 and lines == sorted(lines)
