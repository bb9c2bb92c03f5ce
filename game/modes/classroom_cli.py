"""The classroom's command-line tools, registered by game/cli.py:

    python -m game class-report DIR [-o FILE.html] [--csv FILE.csv]
    python -m game worksheet --character ID [-o FILE.html] [--lang CODE] [--story PATH]

Bad input gets one clear line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_STORY = Path(__file__).resolve().parent.parent.parent / "story"


def cmd_class_report(args: argparse.Namespace) -> int:
    from .class_report_html import make_report

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"{folder}: error: there is no folder here (give the folder that holds the class's records)",
              file=sys.stderr)
        return 2
    try:
        path, loaded = make_report(folder, args.output, args.csv)
    except OSError as exc:
        print(f"{args.output or folder}: error: the report could not be written ({exc.strerror or exc})",
              file=sys.stderr)
        return 2
    groups = sorted({r.get("group") or "(no label)" for r in loaded.records})
    print(f"Read {len(loaded.records)} record{'s' if len(loaded.records) != 1 else ''} "
          f"({len(groups)} group{'s' if len(groups) != 1 else ''}); skipped {len(loaded.skipped)} file"
          f"{'s' if len(loaded.skipped) != 1 else ''}.")
    for s in loaded.skipped[:20]:
        print(f"  skipped {s.file}: {s.reason}")
    print(f"Wrote {path}" + (f" and {args.csv}" if args.csv else ""))
    return 0


def cmd_worksheet(args: argparse.Namespace) -> int:
    from ..engine.validate import load_and_validate
    from .worksheet import write_worksheet

    result = load_and_validate(args.story)
    if result.story is None or result.report.errors:
        for d in result.report.sorted():
            print(d, file=sys.stderr)
        return 2
    story = result.story
    if args.character not in story.lives:
        print(f"error: there is no life '{args.character}'; lives: {', '.join(story.lives)}", file=sys.stderr)
        return 2
    lang = args.lang if args.lang and (args.lang == story.language or args.lang in story.translations) else None
    if args.lang and lang is None:
        print(f"note: no '{args.lang}' translation; writing {story.language}", file=sys.stderr)
    out = Path(args.output or f"worksheet-{args.character}.html")
    try:
        sheet, key = write_worksheet(story, args.character, out, lang)
    except OSError as exc:
        print(f"{out}: error: could not be written ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"Wrote the worksheet {sheet} and the answer key {key}")
    return 0


def add_class_report_parser(sub) -> None:
    p = sub.add_parser("class-report", help="one page of a whole class's results from a folder of run records")
    p.add_argument("folder", metavar="DIR", help="the folder that holds the records (sub-folders are read too)")
    p.add_argument("-o", "--output", metavar="FILE.html", help="the page to write (default: DIR/class-report.html)")
    p.add_argument("--csv", metavar="FILE.csv", help="also write every record as one row of a CSV")
    p.set_defaults(func=cmd_class_report)


def add_worksheet_parser(sub) -> None:
    p = sub.add_parser("worksheet", help="a printable worksheet and answer key for one life, from the story")
    p.add_argument("--character", required=True, metavar="ID", help="the life (wei, li_xiaolin, rongcheng)")
    p.add_argument("-o", "--output", metavar="FILE.html",
                   help="the worksheet (default worksheet-ID.html); the key goes beside it as FILE-answer-key.html")
    p.add_argument("--lang", help="a translation's language code")
    p.add_argument("--story", default=str(DEFAULT_STORY), metavar="PATH", help="story folder")
    p.set_defaults(func=cmd_worksheet)


__all__ = ["add_class_report_parser", "add_worksheet_parser", "cmd_class_report", "cmd_worksheet"]
