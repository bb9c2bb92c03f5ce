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


def documented_without_sources(t):
    t = replace_in_node(t, "clerk", "    evidence: dramatized\n", "    evidence: documented\n")
    return t, line_of(t, "    evidence: documented\n    text: |\n      \"Sorry.")


def two_ways_on(t):
    t = replace_in_node(t, "clerk", "    choices:\n", "    next: list_entry\n    choices:\n")
    i = t.index("    next: list_entry\n    choices:\n")
    return t, t[:i].count("\n") + 2


def misspelt_variable(t):
    m = re.search(r"^      - set: \{(\w+): ", t, re.M)
    name = m.group(1)
    t = t[:m.start(1)] + name[:-1] + t[m.end(1):]
    return t, t[:m.start()].count("\n") + 1


def misspelt_name_in_condition(t):
    t = t.replace("        if: waiting_berth\n", "        if: waiting_bert\n", 1)
    return t, line_of(t, "if: waiting_bert\n")


def invalid_node_id(t):
    t = t.replace("  - id: list_entry\n", "  - id: list-entry\n", 1)
    return t, line_of(t, "to: list_entry")


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
    (documented_without_sources, "E304", ["is documented but cites no sources", "add 'sources: [...]'"]),
    (two_ways_on, "E104", ["must have only one of choices, next or ending, but has next and choices"]),
    (misspelt_variable, "E206", ["unknown variable", "did you mean"]),
    (invalid_node_id, "E201", ["unknown node 'list_entry'; 'list-entry' may be meant, but its own id is not valid"]),
    (misspelt_name_in_condition, "E206", ["unknown name 'waiting_bert'", "did you mean 'waiting_berth'?"]),
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


def test_text_written_over_lines_without_a_bar_is_a_warning_at_its_line(tmp_path, capsys):
    story = tmp_path / "story"
    shutil.copytree(ROOT / "story", story)
    life = story / LIFE
    text = life.read_text(encoding="utf-8")
    i = node_field(text, "clerk", "text")
    end = text.index("    choices:", i)
    folded = "    text: The clerk looks up.\n      \"Sorry. The system won't sell you a ticket.\"\n"
    text = text[:i] + folded + text[end:]
    life.write_text(text, encoding="utf-8")
    assert main(["validate", str(life)]) == 0, "a warning, not an error"
    out = capsys.readouterr().out.splitlines()
    line = line_of(text, "    text: The clerk looks up.")
    w503 = [ln for ln in out if " W503: " in ln]
    assert len(w503) == 1 and w503[0].startswith(f"{life}:{line}:11: warning W503: ")
    assert "start it with '|'" in w503[0]
