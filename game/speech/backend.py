"""What every speech engine offers the speaker, and which engine this computer uses.

The game speaks through a program of the platform, run as a separate process for each screen
(docs/speech.md says why, with the measurements against pyttsx3):

- Linux (and anywhere ``ON_THE_LIST_ESPEAK`` names a program): eSpeak NG (:mod:`.espeak`);
- macOS: the system's ``say`` (:mod:`.macsay`), which speaks with the voices of System Settings;
- Windows: the system's voices (SAPI5) through .NET's System.Speech, driven by Windows PowerShell
  (:mod:`.winsapi`).

An engine turns utterances into :class:`Step` s, programs to run one after another with their
standard input; the speaker interrupts by ending the running process. The text always goes in on
standard input, never on a command line, so story text is never read as an option or as code.
``ON_THE_LIST_SPEECH`` (espeak, macos or windows) overrides the choice.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import wave
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..engine.speech import SYSTEM, Utterance

GAP_S = 0.25  # silence between utterances in a rendered file
TIMEOUT_S = 60.0  # one utterance never takes longer to render than this
ENV_BACKEND = "ON_THE_LIST_SPEECH"
ENGINES = ("espeak", "macos", "windows")  # the values ENV_BACKEND takes
ENV_ESPEAK = "ON_THE_LIST_ESPEAK"  # a path to espeak-ng, e.g. one shipped beside a portable game


class SpeechUnavailable(Exception):
    """No speech engine could be run; the message says why, for the player."""


@dataclass(frozen=True)
class Voice:
    """How to say things: rate (1.0 = normal) and volume (0.0 to 1.0)."""

    rate: float = 1.0
    volume: float = 1.0


NORMAL = Voice()


@dataclass(frozen=True)
class Step:
    """One program to run: its arguments and what to write to its standard input."""

    argv: list[str]
    stdin: bytes


class Backend:
    """The interface the speaker and ``say`` use; each engine module has one subclass."""

    name = ""  # the engine, as a player knows it ("eSpeak NG")
    warm = False  # True: its steps all have one command line, so a process can be started ahead and wait
    not_found = ""  # the message when the engine's program is missing (marked for translation)

    def __init__(self, program: str | None) -> None:
        self.program = program

    def steps(self, utts: list[Utterance], how: Voice) -> list[Step]:
        """The programs that say these utterances aloud, in order."""
        raise NotImplementedError

    def render(self, utts: Iterable[Utterance], how: Voice = NORMAL) -> tuple[int, bytes]:
        """All the utterances as (sample rate, 16-bit mono PCM), a short gap between lines.
        Raises SpeechUnavailable."""
        raise NotImplementedError

    def unvoiced(self, langs: Iterable[str]) -> tuple[set[str], str | None]:
        """The languages among ``langs`` that no installed voice speaks, and the message naming what to
        install (None when every language has a voice). An engine that cannot tell says none."""
        return set(), None

    def failure(self, returncode: int, err: str) -> str | None:
        """Why a finished step failed (its exit status and error text), or None when it spoke."""
        if returncode != 0:
            lines = err.strip().splitlines()
            return f"{self.name} failed: {lines[-1] if lines else f'exit status {returncode}'}"
        return None


def _norm(locale: str) -> str:
    return locale.replace("_", "-").lower()


def rank_voices(voices: list[tuple[str, str]], lang: str, locales: Mapping[str, tuple[str, ...]],
                preferred: Mapping[str, tuple[str, ...]], *, skip: frozenset[str] = frozenset(),
                base: Callable[[str], str] = str) -> list[str]:
    """The voices (name, locale) that can read ``lang``, best first: by the language's locales in
    ``locales`` (best first; for a language not in it, any of its locales), other English locales after
    the listed ones; then by ``preferred`` names; then as listed. ``skip`` leaves out voices by their
    ``base`` name (macOS's novelty voices). Locales compare as "en-US" whether written en_US or en-us."""
    lang = _norm(lang).split("-")[0]
    table = [_norm(x) for x in locales.get(lang, ())]
    liked = preferred.get(lang, ())
    found = []
    for i, (name, locale) in enumerate(voices):
        loc = _norm(locale)
        if loc in table:
            r = table.index(loc)
        elif not table and loc.split("-")[0] == lang:
            r = 0
        elif lang == "en" and loc.startswith("en-"):
            r = len(table)  # "en-scotland"
        else:
            continue
        key = base(name)
        if key in skip:
            continue
        found.append((r, liked.index(key) if key in liked else len(liked), i, name))
    return [name for *_, name in sorted(found)]


def second(voices: list[tuple[str, str]], names: list[str]) -> str:
    """A system screen's voice: the language's second voice where it has the first one's locale (a
    ticket machine in Beijing does not speak with Taiwan's accent), else the first."""
    where = dict(voices)
    return names[1] if len(names) > 1 and where[names[1]] == where[names[0]] else names[0]


class ListedVoices(Backend):
    """An engine that lists its installed voices (once, by running its program) and picks one per language
    and role (macOS ``say``, Windows speech). Subclasses give the listing's command and parser, the ranking
    (:meth:`ranked`) and ``no_voice``: per base language, the message naming what to install ("" for any)."""

    list_timeout = 15.0
    no_voice: dict[str, str] = {}

    def __init__(self, program: str | None) -> None:
        super().__init__(program)
        self._voices: list[tuple[str, str]] | None = None
        self._listed = False

    def listing(self) -> tuple[list[str], bytes | None]:
        """The command that lists the voices, and its standard input (None: none)."""
        raise NotImplementedError

    def parse_voices(self, listing: str) -> list[tuple[str, str]]:
        raise NotImplementedError

    def ranked(self, voices: list[tuple[str, str]], lang: str) -> list[str]:
        raise NotImplementedError

    def voices(self) -> list[tuple[str, str]] | None:
        """The installed voices, listed once; None when they cannot be listed (the default voice is used)."""
        if not self._listed and self.program is not None:
            self._listed = True
            argv, stdin = self.listing()
            try:
                done = subprocess.run(argv, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                                      capture_output=True, timeout=self.list_timeout, check=False,
                                      creationflags=creation_flags())
                if done.returncode == 0:
                    self._voices = self.parse_voices(done.stdout.decode("utf-8", "replace"))
            except (OSError, subprocess.TimeoutExpired):
                self._voices = None
        return self._voices

    def voice_for(self, lang: str, role: str) -> str | None:
        """The voice for this language and role; None to let the program use the system's voice."""
        voices = self.voices()
        names = self.ranked(voices, lang) if voices is not None else []
        if not names:
            return None
        return second(voices, names) if role == SYSTEM else names[0]

    def unvoiced(self, langs: Iterable[str]) -> tuple[set[str], str | None]:
        voices = self.voices()
        if voices is None:
            return set(), None
        missing = {lang for lang in langs if not self.ranked(voices, lang)}
        for lang in sorted(missing, key=lambda x: (x != "zh", x)):  # the message for Chinese first
            return missing, self.no_voice.get(_norm(lang).split("-")[0], self.no_voice[""])
        return missing, None


def choose(platform: str | None = None, env: Mapping[str, str] | None = None) -> Backend:
    """The engine for this computer (``platform`` is a ``sys.platform`` value; both arguments are
    for tests and default to this process's)."""
    platform = sys.platform if platform is None else platform
    env = os.environ if env is None else env
    forced = env.get(ENV_BACKEND, "").strip().lower()
    if forced not in ENGINES and env.get(ENV_ESPEAK):
        forced = "espeak"  # a program shipped beside the game is what its packager wants used
    if forced not in ENGINES:  # unset (or a misspelling): the platform's own
        forced = {"darwin": "macos", "win32": "windows", "cygwin": "windows"}.get(platform, "espeak")
    if forced == "macos":
        from .macsay import MacSay

        return MacSay.find(env)
    if forced == "windows":
        from .winsapi import WinSpeech

        return WinSpeech.find(env)
    from .espeak import Espeak

    return Espeak.find(env)


def render(utts: Iterable[Utterance], how: Voice = NORMAL, engine: Backend | None = None) -> tuple[int, bytes]:
    """What ``say`` and ``--speak-to`` write: the utterances through this computer's engine. Raises
    SpeechUnavailable when the engine is missing or a language has no voice (a file that silently
    left a language out would mislead an author)."""
    utts = [u for u in utts if u.text.strip()]
    engine = engine or choose()
    if engine.program is None:
        raise SpeechUnavailable(engine.not_found)
    missing, message = engine.unvoiced({u.lang for u in utts})
    if missing:
        raise SpeechUnavailable(message or f"no voice for {', '.join(sorted(missing))}")
    return engine.render(utts, how)


def creation_flags() -> int:
    """Process creation flags: on Windows a speech process must not flash a console window over the game,
    and runs below the game's priority (elsewhere the speaker lowers its priority after the start)."""
    if os.name != "nt":
        return 0
    return getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)


def read_wav(data: bytes, engine: str) -> tuple[int, bytes]:
    """(sample rate, PCM) from a 16-bit mono WAV (eSpeak NG's streamed one has no true length)."""
    try:
        with wave.open(io.BytesIO(data)) as w:
            if w.getnchannels() != 1 or w.getsampwidth() != 2:
                raise SpeechUnavailable(f"{engine} gave audio in an unexpected format.")
            return w.getframerate(), w.readframes(len(data))
    except (wave.Error, EOFError) as exc:
        raise SpeechUnavailable(f"{engine} gave no readable audio ({exc}).") from exc


def join(parts: list[tuple[int, bytes, bool]], engine: str) -> tuple[int, bytes]:
    """(rate, pcm, joined) pieces one after another: a gap before each piece that starts a line."""
    rate = 0
    out: list[bytes] = []
    for r, pcm, joined in parts:
        if rate and r != rate:
            raise SpeechUnavailable(f"{engine} voices differ in sample rate ({rate} and {r} Hz).")
        rate = r
        if out and not joined:
            out.append(b"\0\0" * int(GAP_S * rate))
        out.append(pcm)
    return rate or 22050, b"".join(out)


def write_wav(path: Path | str, rate: int, pcm: bytes) -> None:
    """Write a mono 16-bit WAV atomically (a half-written file never has the final name)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as fh, wave.open(fh, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
