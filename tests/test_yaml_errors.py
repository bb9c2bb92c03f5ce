"""YAML syntax slips (E001) are reported where the author must look, with a message that says the fix."""

from __future__ import annotations

import pytest

from game.engine import yamlsafe
from game.engine.diagnostics import Report

NODE = "nodes:\n  - id: a\n    kind: narration\n    text: {text}\n    next: b\n  - id: b\n    text: Done.\n"


def e001(text: str) -> tuple[int, int, str]:
    report = Report()
    assert yamlsafe.parse_text(text, "life.yaml", report) is None
    assert [d.code for d in report.items] == ["E001"], [str(d) for d in report.items]
    d = report.items[0]
    return d.line, d.col, d.message


def test_a_colon_inside_text_says_to_quote_it_or_use_a_block():
    line, col, msg = e001(NODE.format(text="The clerk said: no ticket today."))
    assert (line, col) == (4, 25), "at the colon"
    assert "the text of 'text' holds a colon followed by a space" in msg
    assert "put the whole text in quotes" in msg and "'text: |'" in msg
    assert msg.endswith("[mapping values are not allowed in this context]"), "libyaml's words follow for experts"


@pytest.mark.parametrize("bad,off,target,how", [
    ("     next: b\n", 5, 4, "1 space too far right"),
    ("   next: b\n", 3, 4, "1 space too far left"),
    ("      next: b\n", 6, 4, "2 spaces too far right"),
])
def test_a_key_that_does_not_line_up_names_its_line_and_how_far_off_it_is(bad, off, target, how):
    text = NODE.format(text="Hello.").replace("    next: b\n", bad)
    line, col, msg = e001(text)
    assert line == 5 and col == off + 1
    assert f"line 5 does not line up with the lines above it: it is indented {off} spaces where line 4 uses " \
           f"{target} ({how}); indent it by {target} spaces" in msg


def test_a_list_item_that_does_not_line_up_is_compared_with_the_item_above():
    text = NODE.format(text="Hello.").replace("  - id: b\n", "   - id: b\n")
    line, col, msg = e001(text)
    assert (line, col) == (6, 4)
    assert "it is indented 3 spaces where the list item on line 2 uses 2 (1 space too far right)" in msg


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end_of_the_file(quote):
    line, col, msg = e001(NODE.format(text=quote + "The clerk said no") + "  - id: c\n    text: More.\n")
    assert (line, col) == (4, 11)
    assert f"the quote ({quote}) that opens here is never closed: end the text with {quote}" in msg


def test_a_tab_says_to_indent_with_spaces():
    line, col, msg = e001(NODE.format(text="Hello.").replace("    next: b", "\tnext: b"))
    assert line == 5 and "replace the tab with spaces" in msg


def test_an_unclosed_bracket_names_where_it_opened():
    line, _, msg = e001("sources: [technode_2018, ctv_2018\nnext: b\n")
    assert line == 2 and "the '[' opened on line 1, column 10 is not closed before this point" in msg
