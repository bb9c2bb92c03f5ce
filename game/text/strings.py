"""``python -m game strings``: every displayed string id with its hash and English text, for translators.

``--po LANG`` writes (or refreshes) the story's gettext catalogs for a language instead, one per life
and one for the shared world, in ``lang/LANG/`` of the story: new strings are added empty, the
translations already made are kept, and one whose English changed is marked fuzzy with the old
English beside it, for the translator to check.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .. import DEFAULT_STORY
from ..engine import storypo
from ..engine.loader import text_hash
from ..engine.validate import load_and_validate


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--story", help="story folder (default: the shipped story)")
    p.add_argument("--po", metavar="LANG", help="write or refresh the story's .po catalogs for LANG in lang/LANG/")


def run(args: argparse.Namespace) -> int:
    root = Path(args.story or DEFAULT_STORY)
    result = load_and_validate(root)
    if result.story is None or result.report.errors:
        for d in result.report.sorted():
            print(d, file=sys.stderr)
        return 1
    if args.po:
        return write_catalogs(result.story, root, args.po)
    for sid, en in result.story.strings.items():
        print(f"{sid}\t{text_hash(en)}\t{en!r}")
    return 0


def write_catalogs(story, root: Path, lang: str) -> int:
    folder = root / "lang" / lang
    folder.mkdir(parents=True, exist_ok=True)
    for name in storypo.catalogs(story):
        path = folder / f"{name}.po"
        existing = storypo.read(path) if path.is_file() else {}
        text = storypo.export(story, lang, name, existing)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)  # a catalog is never left half written
        ids = [sid for sid in story.strings if storypo.catalog_name(sid, story) == name]
        changed = sum(1 for sid in ids if sid in existing and existing[sid].english != story.strings[sid])
        new = sum(1 for sid in ids if sid not in existing)
        print(f"wrote {path}: {len(ids) - new - changed} translated, {changed} to check (fuzzy), {new} new")
    print(f"Add '{lang}' to 'translations' in story.yaml if it is not there yet.")
    return 0
