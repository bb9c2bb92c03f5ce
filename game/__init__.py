"""On the List: an educational narrative game about China's social credit system."""

__version__ = "0.1.0"

from pathlib import Path as _Path

# the story that ships with the game; every front end (window, terminal, tools) defaults to it
DEFAULT_STORY = _Path(__file__).resolve().parent.parent / "story"
