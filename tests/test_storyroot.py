"""validate on any file of a story checks the story it belongs to, and lists that file's problems first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine.diagnostics import Diagnostic
from game.engine.storyroot import NotInAStory, find_story_root, named_file_first

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


def test_a_file_or_folder_inside_a_story_finds_the_story(tmp_path):
    story = tmp_path / "story"
    shutil.copytree(EXAMPLE, story)
    assert find_story_root(story) == story.resolve()
    assert find_story_root(story / "lives" / "ming.yaml") == story.resolve()
    assert find_story_root(story / "lang" / "zh.yaml") == story.resolve()
    assert find_story_root(story / "lives") == story.resolve()
    assert find_story_root(story / "lives" / "mnig.yaml") == story.resolve(), "a mistyped file still finds it"


def test_a_path_with_no_story_above_says_so(tmp_path):
    (tmp_path / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(NotInAStory) as err:
        find_story_root(tmp_path / "notes.yaml")
    assert str(err.value) == f"{tmp_path / 'notes.yaml'} is not inside a story folder: no story.yaml here or above"


def test_the_named_files_problems_come_first(tmp_path):
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    items = [Diagnostic(a, 3, 1, "E201", "x"), Diagnostic(b, 9, 1, "E201", "y"), Diagnostic(b, 2, 1, "E101", "z"),
             Diagnostic(a, 1, 1, "E101", "w")]
    assert [(Path(d.path).name, d.line) for d in named_file_first(items, b)] == \
        [("b.yaml", 2), ("b.yaml", 9), ("a.yaml", 1), ("a.yaml", 3)]
    assert [(Path(d.path).name, d.line) for d in named_file_first(items, tmp_path)] == \
        [("a.yaml", 1), ("a.yaml", 3), ("b.yaml", 2), ("b.yaml", 9)]
