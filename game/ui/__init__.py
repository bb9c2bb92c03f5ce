"""The pygame front end: draws the engine's state and turns input into engine commands."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
