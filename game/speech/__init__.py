"""Self-voicing: speaking the game's screens aloud through eSpeak NG, and rendering them to WAV.

What to say comes from :mod:`game.engine.speech` (pure); this package only turns it into sound.
"""

from .espeak import SpeechUnavailable, Voice
from .speaker import Speaker

__all__ = ["Speaker", "SpeechUnavailable", "Voice"]
