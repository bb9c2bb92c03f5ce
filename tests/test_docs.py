"""docs/errors.md documents every registered code, and only those, with the message it really gives."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from game.engine.diagnostics import CODES
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
ERRORS = ROOT / "docs" / "errors.md"
FIXTURES = ROOT / "tests" / "fixtures" / "broken"
DIAG = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning) "
                  r"(?P<code>[EW]\d{3}): (?P<msg>.+)$")


def sections() -> dict[str, str]:
    text = ERRORS.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)[1:]
    out = {}
    for part in parts:
        head, _, body = part.partition("\n")
        if re.fullmatch(r"[EW]\d{3}", head.strip()):
            assert head.strip() not in out, f"{head} is documented twice"
            out[head.strip()] = body
    return out


def fixture_messages() -> dict[str, set[str]]:
    """Every (code -> messages) the broken-story fixtures really produce."""
    out: dict[str, set[str]] = {}
    for case in sorted((FIXTURES / "cases").iterdir()):
        root = Path(tempfile.mkdtemp(prefix="otl-doc-")) / "story"
        shutil.copytree(FIXTURES / "base", root)
        for p in case.rglob("*"):
            if p.is_file() and p.name != "expect.txt":
                target = root / p.relative_to(case)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, target)
        for d in load_and_validate(root).report.items:
            rel = Path(d.path).resolve().relative_to(root.resolve()).as_posix()
            message = d.message.replace(str(root) + os.sep, "").replace(str(root.resolve()) + os.sep, "")
            out.setdefault(d.code, set()).add(f"{rel}:{d.line}:{d.col}: {d.severity} {d.code}: {message}")
        shutil.rmtree(root.parent, ignore_errors=True)
    return out


def test_every_registered_code_is_documented_and_every_documented_code_is_registered():
    documented = set(sections())
    assert documented - set(CODES) == set(), "documented but not registered"
    assert set(CODES) - documented == set(), "registered but not documented"


@pytest.mark.parametrize("code", sorted(CODES))
def test_section_shape(code):
    body = sections()[code]
    severity, title = CODES[code]
    first = body.strip().splitlines()[0]
    assert first.lower().startswith(f"**{title.lower()}** · {severity}"), first
    assert "```yaml\n" in body, "a minimal YAML example"
    assert "**Fix:**" in body


def test_summary_table_matches_the_registry():
    text = ERRORS.read_text(encoding="utf-8")
    rows = re.findall(r"^\| \[([EW]\d{3})\]\(#([ew]\d{3})\) \| (error|warning) \| (.+?) \|$", text, flags=re.M)
    assert [r[0] for r in rows] == list(CODES)
    for code, anchor, severity, title in rows:
        assert anchor == code.lower() and severity == CODES[code][0]
        assert title.removesuffix(" (reserved)") == CODES[code][1]


def test_documented_messages_are_the_real_ones():
    real = fixture_messages()
    checked = 0
    for code, body in sections().items():
        for line in re.findall(r"^```\n(.+?)\n```", body, flags=re.M | re.S):
            for shown in line.splitlines():
                m = DIAG.match(shown)
                if not m:
                    continue
                assert m["code"] == code, f"{shown!r} is in the section of {code}"
                assert shown in real.get(code, set()), f"{code}: no fixture reports {shown!r}"
                checked += 1
    assert checked >= len(CODES) - 1  # every code shows its message (E211 is reserved)


def test_links_to_the_errors_page():
    assert "docs/errors.md" in (ROOT / "README.md").read_text(encoding="utf-8")
