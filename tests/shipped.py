"""The shipped story, loaded and validated once for every test module that reads it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from game.engine.loader import load_story
from game.engine.model import Story
from game.engine.validate import validate

STORY = Path(__file__).resolve().parent.parent / "story"


@cache
def shipped_story() -> Story:
    result = load_story(STORY)
    report = validate(result)
    assert result.story is not None and not report.errors, report.summary()
    return result.story
