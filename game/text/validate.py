"""``python -m game validate [PATH ...]``: check stories and print every problem, one a line."""

from __future__ import annotations

import argparse

from .. import DEFAULT_STORY
from ..engine.diagnostics import Report
from ..engine.validate import load_and_validate


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="story folders (default: the shipped story)")


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [str(DEFAULT_STORY)]
    total = Report()
    for p in paths:
        result = load_and_validate(p)
        total.extend(result.report.items)
    for d in total.sorted():
        print(d)
    print(f"{len(paths)} stor{'y' if len(paths) == 1 else 'ies'} checked: {total.summary()}")
    return 1 if total.errors else 0
