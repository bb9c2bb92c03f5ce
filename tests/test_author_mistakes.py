"""Realistic author mistakes, each made alone in a copy of the shipped story, are each reported at the
right line with a message that says the fix, whether the author validates the folder or the file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
LIFE = "lives/wei.yaml"


def node_field(text: str, node: str, field: str) -> int:
    """The index in ``text`` of ``field:`` inside the node with id ``node``."""
    start = re.search(rf"^  - id: {node}\n", text, re.M)
    assert start, f"no node {node}"
    m = re.compile(rf"^    {field}:", re.M).search(text, start.end())
    assert m, f"node {node} has no {field}"
    return m.start()


def replace_in_node(text: str, node: str, old: str, new: str) -> str:
    start = re.search(rf"^  - id: {node}\n", text, re.M).end()
    i = text.index(old, start)
    return text[:i] + new + text[i + len(old):]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# (name, edit of the life's text -> (new text, the line the report must name), code, words the message holds)
def colon_in_text(t):
    t = replace_in_node(t, "clerk", "    speaker: Ticket clerk\n", "    speaker: Ticket clerk: Ms Zhou\n")
    return t, line_of(t, "Ticket clerk: Ms Zhou")


def misaligned_key(t):
    t = replace_in_node(t, "clerk", "    evidence: dramatized\n", "     evidence: dramatized\n")
    return t, line_of(t, "     evidence: dramatized")


def unclosed_quote(t):
    t = replace_in_node(t, "clerk", "        label: Call your mother in Chengdu first\n",
                        '        label: "Call your mother in Chengdu first\n')
    return t, line_of(t, '"Call your mother in Chengdu first')


def tab_indent(t):
    t = replace_in_node(t, "clerk", "    evidence: dramatized\n", "\tevidence: dramatized\n")
    return t, line_of(t, "\tevidence: dramatized")


def misspelt_key(t):
    t = replace_in_node(t, "clerk", "    speaker: Ticket clerk\n", "    speeker: Ticket clerk\n")
    return t, line_of(t, "speeker:")


def unknown_target(t):
    t = replace_in_node(t, "clerk", "        to: list_entry\n", "        to: list_entri\n")
    return t, line_of(t, "to: list_entri")


def unknown_function(t):
    t = re.sub(r'if: can_use\("flight"\)', 'if: can_uses("flight")', t, count=1)
    return t, line_of(t, 'can_uses("flight")')


def unknown_list(t):
    t = t.replace("list: court_defaulters", "list: court_defaulter", 1)
    return t, line_of(t, "list: court_defaulter,")


MISTAKES = [
    (colon_in_text, "E001", ["holds a colon followed by a space", "put the whole text in quotes"]),
    (misaligned_key, "E001", ["does not line up with the lines above it", "1 space too far right",
                              "indent it by 4 spaces"]),
    (unclosed_quote, "E001", ["the quote (\") that opens here is not closed on its line", "end the text with \""]),
    (tab_indent, "E001", ["replace the tab with spaces"]),
    (misspelt_key, "E101", ["did you mean 'speaker'?"]),
    (unknown_target, "E201", ["unknown node 'list_entri'", "did you mean 'list_entry'?"]),
    (unknown_function, "E303", ["unknown function 'can_uses'", "did you mean 'can_use'?"]),
    (unknown_list, "E204", ["unknown list 'court_defaulter'", "did you mean 'court_defaulters'?"]),
]


@pytest.mark.parametrize("make,code,words", MISTAKES, ids=[m[0].__name__ for m in MISTAKES])
@pytest.mark.parametrize("target", ["folder", "file"])
def test_a_mistake_is_reported_at_its_line_with_its_fix(tmp_path, capsys, make, code, words, target):
    story = tmp_path / "story"
    shutil.copytree(ROOT / "story", story)
    life = story / LIFE
    text, line = make(life.read_text(encoding="utf-8"))
    life.write_text(text, encoding="utf-8")
    assert main(["validate", str(story if target == "folder" else life)]) == 1
    out = capsys.readouterr().out.splitlines()
    first = next(ln for ln in out if " error " in ln)
    assert first.startswith(f"{life}:{line}:"), (first, line)
    assert f" error {code}: " in first
    for w in words:
        assert w in first, first
    assert out[-1].startswith("1 story checked: ")


def test_a_file_outside_any_story_gets_one_clear_error(tmp_path, capsys):
    lone = tmp_path / "life.yaml"
    lone.write_text("id: x\n", encoding="utf-8")
    assert main(["validate", str(lone)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{lone}:1:1: error E007: this file is not inside a story folder: no story.yaml here or above",
        "0 stories checked: 1 error, 0 warnings"]


def test_the_named_files_problems_come_first(tmp_path, capsys):
    story = tmp_path / "story"
    shutil.copytree(ROOT / "story", story)
    for name in ("wei", "rongcheng"):
        life = story / "lives" / f"{name}.yaml"
        life.write_text(life.read_text(encoding="utf-8").replace("evidence: dramatized", "evidence: dramatised", 1),
                        encoding="utf-8")
    assert main(["validate", str(story / "lives" / "wei.yaml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "/lives/wei.yaml:" in out[0] and "/lives/rongcheng.yaml:" in out[1]
    assert main(["validate", str(story / "lives" / "rongcheng.yaml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "/lives/rongcheng.yaml:" in out[0] and "/lives/wei.yaml:" in out[1]
