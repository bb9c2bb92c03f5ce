"""``python -m game strings``: every displayed string id with its hash and English text, for translators."""

from __future__ import annotations

import argparse
import sys

from .. import DEFAULT_STORY
from ..engine.loader import text_hash
from ..engine.validate import load_and_validate


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--story", help="story folder (default: the shipped story)")


def run(args: argparse.Namespace) -> int:
    result = load_and_validate(args.story or DEFAULT_STORY)
    if result.story is None or result.report.errors:
        for d in result.report.sorted():
            print(d, file=sys.stderr)
        return 1
    for sid, en in result.story.strings.items():
        print(f"{sid}\t{text_hash(en)}\t{en!r}")
    return 0
