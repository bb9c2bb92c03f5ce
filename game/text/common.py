"""Loading a story for a command-line tool, reporting problems the way the validator does."""

from __future__ import annotations

import sys
from pathlib import Path

from ..engine.model import Story
from ..engine.validate import load_and_validate
from ..i18n import _


def load_or_report(path: Path | str, out=None) -> Story | None:
    """Load and validate; print errors and return None when the story cannot be played."""
    out = out if out is not None else sys.stderr  # looked up now: sys.stderr may have been replaced
    result = load_and_validate(path)
    if result.story is None or result.report.errors:
        for d in result.report.sorted():
            if d.is_error:
                print(d, file=out)
        print(_("cannot play: {summary}").format(summary=result.report.summary()), file=out)
        return None
    return result.story


def no_such_life(story: Story, life_id: str, story_path: Path | str, out=None) -> None:
    """Say that a story has no life ``life_id``: which story was looked in, its lives, and --story."""
    out = out if out is not None else sys.stderr
    print(_("no life '{life}' in the story at {path}; choose one of: {lives} (or name another story with "
            "--story PATH)").format(life=life_id, path=story_path, lives=", ".join(story.lives)), file=out)
