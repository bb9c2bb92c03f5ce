"""Which story a path belongs to: authors run ``validate`` on the file they are editing.

A story is a folder with a ``story.yaml`` manifest; any file inside it (a life, a world file, a
translation) belongs to the nearest such folder at or above it. Problems in the file the author named
are listed first, since that is the file open in their editor.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic

MANIFEST = "story.yaml"


class NotInAStory(ValueError):
    """The path is not a story folder and no folder above it holds a manifest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is not inside a story folder: no {MANIFEST} here or above")


def find_story_root(path: str | Path) -> Path:
    """The story folder ``path`` is, or is inside; NotInAStory when there is none.

    A path that does not exist is looked up from its nearest existing folder, so a mistyped file name
    inside a story still finds the story (whose loader then reports what is missing)."""
    given = Path(path)
    here = given.resolve()
    candidates = [here] if here.is_dir() else []
    candidates += list(here.parents)
    for folder in candidates:
        if (folder / MANIFEST).is_file():
            return folder
    raise NotInAStory(given)


def named_file_first(items: list[Diagnostic], named: str | Path) -> list[Diagnostic]:
    """Diagnostics in file order, with those of the file the author named first."""
    target = Path(named).resolve()
    if target.is_dir():
        return sorted(items, key=_order)
    return sorted(items, key=lambda d: (_resolve(d.path) != target, *_order(d)))


def _resolve(path: str) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path)


def _order(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.col, d.code)
