"""Command line: ``python -m game`` plays in a window; subcommands validate, play --text, explore, map
and strings work without pygame."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_STORY = Path(__file__).resolve().parent.parent / "story"
SUBCOMMANDS = ("validate", "play", "explore", "map", "strings", "class-report", "worksheet")


def story_path(value: str | None) -> Path:
    return Path(value) if value else DEFAULT_STORY


def cmd_validate(args: argparse.Namespace) -> int:
    from .engine.diagnostics import Report
    from .engine.validate import load_and_validate

    paths = args.paths or [str(DEFAULT_STORY)]
    total = Report()
    for p in paths:
        result = load_and_validate(p)
        total.extend(result.report.items)
    for d in total.sorted():
        print(d)
    print(f"{len(paths)} stor{'y' if len(paths) == 1 else 'ies'} checked: {total.summary()}")
    return 1 if total.errors else 0


def cmd_strings(args: argparse.Namespace) -> int:
    from .engine.loader import text_hash
    from .engine.validate import load_and_validate

    result = load_and_validate(story_path(args.story))
    if result.story is None or result.report.errors:
        for d in result.report.sorted():
            print(d, file=sys.stderr)
        return 1
    for sid, en in result.story.strings.items():
        print(f"{sid}\t{text_hash(en)}\t{en!r}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="on-the-list", description="On the List: an educational narrative game "
                                "about China's social credit system.")
    sub = p.add_subparsers(dest="command")

    v = sub.add_parser("validate", help="check a story and report every problem")
    v.add_argument("paths", nargs="*", help="story folders (default: the shipped story)")
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("strings", help="list every displayed string id with its hash and English text")
    s.add_argument("--story", help="story folder (default: the shipped story)")
    s.set_defaults(func=cmd_strings)

    from .text.explorer import add_explore_parser
    from .text.graph import add_map_parser
    from .text.player import add_play_parser

    add_play_parser(sub)
    add_explore_parser(sub)
    add_map_parser(sub)

    from .modes.classroom_cli import add_class_report_parser, add_worksheet_parser

    add_class_report_parser(sub)
    add_worksheet_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help"):
        from .ui.app import main as window_main

        return window_main(argv)
    args = build_parser().parse_args(argv)
    if not getattr(args, "func", None):
        build_parser().print_help()
        return 0
    return int(args.func(args) or 0)


def main_exit() -> None:
    """Entry point of the ``on-the-list`` console script."""
    sys.exit(main())
