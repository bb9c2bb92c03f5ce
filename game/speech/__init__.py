"""Self-voicing: speaking the game's screens aloud through the platform's speech program (eSpeak NG,
macOS's say, Windows' voices), and rendering them to WAV.

What to say comes from :mod:`game.engine.speech` (pure); this package only turns it into sound.
"""

from .backend import SpeechUnavailable, Voice, choose
from .speaker import Speaker

__all__ = ["Speaker", "SpeechUnavailable", "Voice", "choose"]
