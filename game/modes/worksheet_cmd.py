"""``python -m game worksheet --character ID [-o FILE.html] [--lang CODE] [--story PATH]``: a printable
worksheet and its answer key for one life, made from the story data so they stay true when it changes.

Bad input gets one clear line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import DEFAULT_STORY
from ..i18n import _


def run(args: argparse.Namespace) -> int:
    from .. import i18n
    from ..engine.validate import load_and_validate
    from .record import speaking

    if args.lang:
        try:
            i18n.check_language(args.lang)
        except i18n.UnknownLanguage as exc:
            print(_("error: {problem}").format(problem=exc), file=sys.stderr)
            return 2
    result = load_and_validate(args.story)
    if result.story is None or result.report.errors:
        for d in result.report.sorted():
            print(d, file=sys.stderr)
        return 2
    story = result.story
    with speaking(args.lang):  # the messages in the sheets' language
        return _write(args, story)


def _write(args: argparse.Namespace, story) -> int:
    from .worksheet import write_worksheet

    if args.character not in story.lives:
        print(_("error: there is no life '{life}'; lives: {lives}").format(
            life=args.character, lives=", ".join(story.lives)), file=sys.stderr)
        return 2
    lang = args.lang if args.lang and (args.lang == story.language or args.lang in story.translations) else None
    if args.lang and lang is None:
        print(_("note: the story has no \u2018{lang}\u2019 translation; its own text is written in {story}").format(
            lang=args.lang, story=story.language), file=sys.stderr)
    out = Path(args.output or f"worksheet-{args.character}.html")
    try:
        sheet, key = write_worksheet(story, args.character, out, lang)
    except OSError as exc:
        print(_("{file}: error: could not be written ({reason})").format(file=out, reason=exc.strerror or exc),
              file=sys.stderr)
        return 2
    print(_("Wrote the worksheet {sheet} and the answer key {key}").format(sheet=sheet, key=key))
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--character", required=True, metavar="ID",
                   help=f"the life ({p.get_default('lives') or 'a life id of the story'})")
    p.add_argument("-o", "--output", metavar="FILE.html",
                   help="the worksheet (default worksheet-ID.html); the key goes beside it as FILE-answer-key.html")
    p.add_argument("--lang", metavar="CODE", help="the sheets' language, their own words and the story's (e.g. zh)")
    p.add_argument("--story", default=str(DEFAULT_STORY), metavar="PATH", help="story folder")
