"""``python -m game class-report DIR [-o FILE.html] [--csv FILE.csv] [--lang CODE]``: one page of a
class's results, in the class's language (default: the language most records were played in).

Bad input gets one clear line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import i18n
from ..i18n import _, ngettext


def run(args: argparse.Namespace) -> int:
    from .class_report_html import class_language, make_report
    from .record import speaking

    lang = getattr(args, "lang", None)
    try:
        if lang is not None:
            i18n.check_language(lang)
    except i18n.UnknownLanguage as exc:
        print(_("error: {problem}").format(problem=exc), file=sys.stderr)
        return 2
    folder = Path(args.folder)
    if not folder.is_dir():
        print(_("{folder}: error: there is no folder here (give the folder that holds the class's records)").format(
            folder=folder), file=sys.stderr)
        return 2
    try:
        path, loaded = make_report(folder, args.output, args.csv, lang=lang)
    except OSError as exc:
        print(_("{file}: error: the report could not be written ({reason})").format(
            file=args.output or folder, reason=exc.strerror or exc), file=sys.stderr)
        return 2
    groups = sorted({r.get("group") or "" for r in loaded.records})
    with speaking(lang or class_language(loaded)):  # the same language as the page
        n, k, skipped = len(loaded.records), len(groups), len(loaded.skipped)
        print(_("Read {records} ({groups}); skipped {files}.").format(
            records=ngettext("{n} record", "{n} records", n).format(n=n),
            groups=ngettext("{n} group", "{n} groups", k).format(n=k),
            files=ngettext("{n} file", "{n} files", skipped).format(n=skipped)))
        for s in loaded.skipped[:20]:
            print("  " + _("skipped {file}: {reason}").format(file=s.file, reason=s.reason))
        print(_("Wrote {page} and {csv}").format(page=path, csv=args.csv) if args.csv
              else _("Wrote {page}").format(page=path))
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="DIR", help="the folder that holds the records (sub-folders are read too)")
    p.add_argument("-o", "--output", metavar="FILE.html", help="the page to write (default: DIR/class-report.html)")
    p.add_argument("--csv", metavar="FILE.csv", help="also write every record as one row of a CSV")
    p.add_argument("--lang", metavar="CODE",
                   help="the report's language (default: the language most records were played in)")
