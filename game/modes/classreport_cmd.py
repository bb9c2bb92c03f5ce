"""``python -m game class-report DIR [-o FILE.html] [--csv FILE.csv]``: one page of a class's results.

Bad input gets one clear line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(args: argparse.Namespace) -> int:
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


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="DIR", help="the folder that holds the records (sub-folders are read too)")
    p.add_argument("-o", "--output", metavar="FILE.html", help="the page to write (default: DIR/class-report.html)")
    p.add_argument("--csv", metavar="FILE.csv", help="also write every record as one row of a CSV")
