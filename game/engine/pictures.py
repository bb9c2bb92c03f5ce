"""Where the game keeps the pictures a story names: one folder of SVG files, ``assets/illustrations/``.

A story names an illustration's file by its bare name (the loader refuses folders and '..'), and the game
resolves it here, never relative to the story, so no story can make the game open a file elsewhere.
"""

from __future__ import annotations

from pathlib import Path

ILLUSTRATIONS_DIR = Path(__file__).resolve().parents[2] / "assets" / "illustrations"


def picture_path(file: str, folder: Path = ILLUSTRATIONS_DIR) -> Path | None:
    """The path of an illustration file, or None for a name that is not a bare file name."""
    if not file or "/" in file or "\\" in file or ".." in file or file.startswith("."):
        return None
    return folder / file
