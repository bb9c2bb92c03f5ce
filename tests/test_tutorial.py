"""docs/writing-a-life.md works as written: its steps are replayed in a fresh copy of the story, and each
command prints exactly what the page shows."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "writing-a-life.md"
STEP = re.compile(r"<!-- (?P<what>[^>]+?) -->\n```[a-z]*\n(?P<body>.*?)```", re.S)


def _node_span(text: str, node: str) -> tuple[int, int]:
    start = re.search(rf"^  - id: {re.escape(node)}\n", text, re.M)
    assert start, f"the tutorial names a node '{node}' the file does not have"
    end = re.compile(r"^(  - id: |\S)", re.M).search(text, start.end())
    return start.start(), end.start() if end else len(text)


def apply(step: str, body: str, here: Path) -> None:
    if step == "step: copy":
        assert body.strip() == "cp -r story my-story"
        shutil.copytree(ROOT / "story", here / "my-story")
        return
    kind, _, rest = step.partition(": ")
    if kind == "file":
        (here / rest).write_text(body, encoding="utf-8")
        return
    if kind == "append":
        path = here / rest
        path.write_text(path.read_text(encoding="utf-8") + body, encoding="utf-8")
        return
    if kind == "edit":  # a line that replaces the line with the same key
        path = here / rest
        key = body.split(":", 1)[0]
        text = path.read_text(encoding="utf-8")
        new, n = re.subn(rf"^{re.escape(key)}:.*\n", body, text, count=1, flags=re.M)
        assert n == 1, f"{rest} has no line '{key}:'"
        path.write_text(new, encoding="utf-8")
        return
    m = re.fullmatch(r"(replace-node|insert-after-node): (\w+) in (\S+)", step)
    if m:
        path = here / m.group(3)
        text = path.read_text(encoding="utf-8")
        a, b = _node_span(text, m.group(2))
        text = text[:a] + body + text[b:] if m.group(1) == "replace-node" else text[:b] + body + text[b:]
        path.write_text(text, encoding="utf-8")
        return
    m = re.fullmatch(r'insert-after: "(.+)" in (\S+)', step)
    if m:
        path = here / m.group(2)
        anchor = m.group(1).encode().decode("unicode_escape")
        text = path.read_text(encoding="utf-8")
        assert anchor in text, f"{m.group(2)} has no {anchor!r}"
        i = text.index(anchor) + len(anchor)
        path.write_text(text[:i] + body + text[i:], encoding="utf-8")
        return
    raise AssertionError(f"the tutorial has a step this test does not know: {step!r}")


def test_the_tutorial_works_as_written(tmp_path, monkeypatch, capsys):
    """With UPDATE_TUTORIAL=1 the page's shown outputs are rewritten from what the commands print (for a
    maintainer after a deliberate change of wording; read the diff before committing it)."""
    monkeypatch.chdir(tmp_path)
    page = TUTORIAL.read_text(encoding="utf-8")
    update = os.environ.get("UPDATE_TUTORIAL") == "1"
    steps = list(STEP.finditer(page))
    assert len(steps) >= 12
    runs = 0
    for m in steps:
        what, body = m.group("what"), m.group("body")
        if what != "run":
            apply(what, body, tmp_path)
            continue
        command, *expected = body.rstrip("\n").split("\n")
        assert command.startswith("$ python -m game "), command
        args = shlex.split(command.removeprefix("$ python -m game "))
        code = main(args)
        out = capsys.readouterr().out.rstrip("\n").split("\n")
        if update and out != expected:
            page = page.replace(body, "\n".join([command, *out]) + "\n", 1)
            expected = out
        assert out == expected, f"{command}\nprinted:\n" + "\n".join(out)
        assert code == (1 if any(" error " in line for line in expected) else 0), command
        runs += 1
    assert runs >= 5
    if update:
        TUTORIAL.write_text(page, encoding="utf-8")
    assert (tmp_path / "lan.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
