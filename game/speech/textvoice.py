"""Speech for the text player (``play --text --speak``): each new screen is said with the same
utterances the window speaks (:func:`game.engine.speech.play_screen`); any other line the player
prints (help, journal, status, the debrief, a refusal) is said as printed.

Two outputs: the sound device, through :class:`Speaker` (a new screen interrupts the old one unless
a script is playing, which waits so every screen is heard), or a folder of WAV files, one a screen,
for a machine without a sound device or to listen later (``--speak-to DIR``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..engine import speech
from ..engine.speech import Utterance
from . import backend
from .speaker import Speaker

CHECK_WAIT = 10.0  # seconds the title may take to be said at start (a slow machine's first eSpeak NG run)


class TextVoice:
    """Collects what to say between two prompts and says it when the player is asked again."""

    def __init__(self, lang: str, *, rate: float = 1.0, volume: float = 1.0, folder: Path | None = None,
                 wait: bool = False, err: TextIO | None = None) -> None:
        self.lang = lang
        self.how = backend.Voice(rate, volume)
        self.folder = folder
        self.wait_each = wait
        self.err = err if err is not None else sys.stderr
        self.pending: list[Utterance] = []
        self.files: list[Path] = []
        self.silent = False
        self.speaker = None if folder is not None else Speaker(rate=rate, volume=volume)

    def screen(self, utts: list[Utterance]) -> None:
        self.pending += utts

    def line(self, text: str, role: str = speech.INTERFACE) -> None:
        self.pending += speech.utterances(text, self.lang, role)

    def flush(self) -> None:
        """Say what was collected (called before each prompt and at the end)."""
        utts, self.pending = self.pending, []
        if not utts or self.silent:
            return
        if self.folder is not None:
            self._write(utts)
            return
        assert self.speaker is not None
        self.speaker.speak(utts)
        if self.wait_each:
            self.speaker.wait()
        self._report(self.speaker.take_message())

    def check(self, text: str) -> None:
        """Say ``text`` (the story's title) and wait until it is said, so a machine that cannot sound says so
        before the game starts: later, each new screen cuts the one before off before eSpeak NG can report
        that no sound device opened, and the message came only after "Goodbye"."""
        if self.speaker is None or self.silent:
            return
        self.speaker.speak(speech.utterances(text, self.lang, speech.INTERFACE))
        self.speaker.wait(CHECK_WAIT)
        self._report(self.speaker.take_message())

    def close(self) -> None:
        """Say the rest, wait until it is said, and end the worker."""
        try:
            self.flush()
            if self.speaker is not None:
                self.speaker.wait()
                self._report(self.speaker.take_message())
        except KeyboardInterrupt:
            pass  # Ctrl+C while the last screen is read: stop speaking and end quietly
        finally:
            if self.speaker is not None:
                self.speaker.close()

    def _write(self, utts: list[Utterance]) -> None:
        assert self.folder is not None
        path = self.folder / f"{len(self.files) + 1:04d}.wav"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            rate, pcm = backend.render(utts, self.how)
            backend.write_wav(path, rate, pcm)
        except backend.SpeechUnavailable as exc:
            self._report(str(exc))
            return
        except OSError as exc:
            self._report(f"Speech cannot be written to {self.folder}: {exc.strerror or exc}")
            return
        self.files.append(path)

    def _report(self, message: str | None) -> None:
        if message and not self.silent:
            self.silent = True
            print(f"(speech: {message})", file=self.err)


def add_speech_options(p) -> None:
    """The text player's speech options (``play --text --speak``)."""
    from .say import in_range

    p.add_argument("--speak", action="store_true", help="with --text: read each screen aloud")
    p.add_argument("--speak-to", type=Path, metavar="DIR",
                   help="with --text: write what would be spoken, one WAV file a screen, into DIR")
    p.add_argument("--speech-rate", type=in_range(0.5, 2.0), default=1.0, help="speech rate, 0.5 to 2.0")
    p.add_argument("--speech-volume", type=in_range(0.0, 1.0), default=1.0, help="speech volume, 0.0 to 1.0")
