"""``python -m game validate [PATH ...]``: check stories and print every problem, one a line.

A PATH may be a story folder or any file inside one (a life, a world file, a translation): the story
it belongs to is checked, and the problems of the file named come first, since that is the file the
author has open.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import DEFAULT_STORY
from ..engine.diagnostics import Report
from ..engine.storyroot import NotInAStory, find_story_root, named_file_first
from ..engine.validate import load_and_validate


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="a story folder or any file inside one (default: the shipped story)")


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [str(DEFAULT_STORY)]
    total = Report()
    checked: set[str] = set()  # story folders already checked
    lines = []
    for p in paths:
        if not Path(p).exists():  # inside a story folder too: a mistyped path must not pass as the story checked
            problem = "file not found"
        else:
            try:
                root = find_story_root(p)
                problem = ""
            except NotInAStory:
                problem = (f"this {'folder' if Path(p).is_dir() else 'file'} is not inside a story folder: "
                           "no story.yaml here or above")
        if problem:
            total.add(p, 1, 1, "E007", problem)
            lines.append(total.items[-1])
            continue
        if str(root) in checked:
            continue
        checked.add(str(root))
        result = load_and_validate(root)
        total.extend(result.report.items)
        lines += named_file_first(result.report.items, p)
    for d in lines:
        print(d)
    n = len(checked)
    print(f"{n} stor{'y' if n == 1 else 'ies'} checked: {total.summary()}")
    return 1 if total.errors else 0
