"""The format page's example is the example story the tests load, so the page cannot rot."""

import importlib.util
from pathlib import Path

from game.engine.runtime import Session
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent


def _sync_module():
    spec = importlib.util.spec_from_file_location("sync_example", ROOT / "docs" / "sync_example.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_format_page_shows_the_example_story_verbatim():
    mod = _sync_module()
    assert mod.PAGE.read_text(encoding="utf-8") == mod.synced_page(), \
        "docs/story-format.md is out of date: run python docs/sync_example.py"


def test_example_story_validates_cleanly_and_plays_to_its_ending():
    result = load_and_validate(ROOT / "docs" / "example-story")
    assert [str(d) for d in result.report.items] == []
    story = result.story
    session = Session(story, "ming", seed=1)
    session.choose("fast")  # refused: on the court's list
    assert session.state.node == "refused"
    session.choose("slow")
    session.choose("continue")
    assert session.ended
    assert session.node.ending.debrief == "main"
