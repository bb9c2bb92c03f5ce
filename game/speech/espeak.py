"""eSpeak NG, called as a program: voices per language and role, rate and volume, and WAV rendering.

Why the program and not pyttsx3 (measured on Linux, pyttsx3 2.99 over libespeak-ng, see docs/speech.md):
pyttsx3's eSpeak driver synthesises a whole utterance into memory and then plays it with
``os.system("aplay ...")``, which blocks and cannot be interrupted, needs aplay, prints "Audio saved
to" on stdout, and keeps the last ``save_to_file`` name so a later ``say`` overwrites that file.
The program streams (first sample in about 10 ms), is interrupted by ending its process (about 2 ms),
writes WAV to stdout, has the Mandarin voice ``cmn``, and runs outside our process, so a crash or a
hang in the synthesiser cannot take the window with it.

Text goes in on standard input, never on the command line, so it is never read as an option.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from ..engine.speech import SYSTEM, Utterance
from ..i18n import N_
from .backend import ENV_ESPEAK, GAP_S, NORMAL, TIMEOUT_S, Backend, SpeechUnavailable, Step, Voice, read_wav, write_wav

__all__ = ["GAP_S", "Espeak", "SpeechUnavailable", "Voice", "read_wav", "write_wav"]

PROGRAM = "espeak-ng"
BASE_WPM = 175  # eSpeak NG's own default rate: speech_rate 1.0
MIN_WPM, MAX_WPM = 80, 450
VOICES = {"en": "en", "zh": "cmn"}  # our language code -> eSpeak NG voice
ROLE_VARIANTS = {SYSTEM: "announcer"}  # a system screen sounds like a station announcement
ENV_PROGRAM = ENV_ESPEAK


def find_program(env: Mapping[str, str] | None = None) -> str | None:
    """The eSpeak NG program: the one ``ON_THE_LIST_ESPEAK`` names, else espeak-ng on PATH, else (on
    Windows) where its installer puts it; None when there is none."""
    env = os.environ if env is None else env
    named = env.get(ENV_PROGRAM)
    if named:
        return shutil.which(named, path=env.get("PATH"))  # one missing or not executable counts as none
    found = shutil.which(PROGRAM, path=env.get("PATH"))
    if found or os.name != "nt":
        return found
    for root in (env.get("ProgramFiles"), env.get("ProgramFiles(x86)")):
        if root:
            found = shutil.which(str(Path(root) / "eSpeak NG" / f"{PROGRAM}.exe"))
            if found:
                return found
    return None


def voice(lang: str, role: str) -> str:
    base = VOICES.get(lang) or VOICES.get(lang.split("-")[0].split("_")[0], "en")
    variant = ROLE_VARIANTS.get(role)
    return f"{base}+{variant}" if variant else base


def words_per_minute(rate: float) -> int:
    return int(min(max(round(BASE_WPM * rate), MIN_WPM), MAX_WPM))


def amplitude(volume: float) -> int:
    """0.0-1.0 -> eSpeak NG's amplitude 0-100 (100 is its default loudness)."""
    return int(round(min(max(volume, 0.0), 1.0) * 100))


def command(program: str, utt: Utterance | list[Utterance], how: Voice, *, to_stdout: bool = False) -> list[str]:
    """The argument list that says ``utt``, or a group of joined utterances (read from standard input,
    see :func:`text_in`)."""
    group = utt if isinstance(utt, list) else [utt]
    first = group[0]
    argv = [program, "--stdin", "-b", "1", "-v", voice(first.lang, first.role), "-s",
            str(words_per_minute(how.rate)), "-a", str(amplitude(how.volume))]
    if len(group) > 1:
        argv.append("-m")  # SSML: the voice changes inside the sentence
    if to_stdout:
        argv.append("--stdout")
    return argv


def text_in(utts: list[Utterance]) -> bytes:
    """What goes to standard input: the plain text of one utterance, or for several an SSML document in
    which each line is a sentence (``<s>``) and each part has its voice, a Chinese term joined to its
    line staying in the sentence. The text is escaped, so it is never read as markup."""
    if len(utts) == 1:
        return utts[0].text.encode("utf-8")
    out = ["<speak>"]
    for i, u in enumerate(utts):
        if i and not u.joined:
            out.append("</s>")
        if not i or not u.joined:
            out.append("<s>")
        out.append(f'<voice name="{voice(u.lang, u.role)}">{escape(u.text)}</voice> ')
    out.append("</s></speak>")
    return "".join(out).encode("utf-8")


def groups(utts: Iterable[Utterance]) -> list[list[Utterance]]:
    """Utterances with the ones that continue a line joined to it."""
    out: list[list[Utterance]] = []
    for u in utts:
        if u.joined and out and out[-1][-1].role == u.role:
            out[-1].append(u)
        else:
            out.append([u])
    return out


def synth(utt: Utterance | list[Utterance], how: Voice = NORMAL, program: str | None = None) -> tuple[int, bytes]:
    """Render one utterance (or a joined group): (sample rate, 16-bit mono PCM). Raises SpeechUnavailable."""
    program = program or find_program()
    if program is None:
        raise SpeechUnavailable(NOT_FOUND)
    group = utt if isinstance(utt, list) else [utt]
    try:
        done = subprocess.run(command(program, group, how, to_stdout=True), input=text_in(group),
                              capture_output=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpeechUnavailable(f"{PROGRAM} could not be run ({exc}).") from exc
    if done.returncode != 0 or len(done.stdout) < 44:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpeechUnavailable(f"{PROGRAM} failed: {err[-1] if err else f'exit status {done.returncode}'}")
    return read_wav(done.stdout, PROGRAM)


def render(utts: Iterable[Utterance], how: Voice = NORMAL, program: str | None = None) -> tuple[int, bytes]:
    """All the utterances one after another with a short gap (none inside a joined group):
    (sample rate, PCM)."""
    rate = 0
    parts: list[bytes] = []
    for group in groups(utts):
        r, pcm = synth(group, how, program)
        if rate and r != rate:
            raise SpeechUnavailable(f"{PROGRAM} voices differ in sample rate ({rate} and {r} Hz).")
        rate = r
        if parts:
            parts.append(b"\0\0" * int(GAP_S * rate))
        parts.append(pcm)
    return rate or 22050, b"".join(parts)


class Espeak(Backend):
    """eSpeak NG behind the speaker's interface: a whole screen in one process (SSML switches voice)."""

    name = "eSpeak NG"
    not_found = N_("Speech needs the eSpeak NG program (espeak-ng), which was not found. "
                   "Install it (for example: apt-get install espeak-ng) and restart the game.")

    @classmethod
    def find(cls, env: Mapping[str, str] | None = None) -> Espeak:
        return cls(find_program(env))

    def steps(self, utts: list[Utterance], how: Voice) -> list[Step]:
        assert self.program is not None
        return [Step(command(self.program, utts, how), text_in(utts))] if utts else []

    def render(self, utts: Iterable[Utterance], how: Voice = NORMAL) -> tuple[int, bytes]:
        if self.program is None:
            raise SpeechUnavailable(self.not_found)
        return render(utts, how, self.program)

    def failure(self, returncode: int, err: str) -> str | None:
        if returncode != 0:
            return f"{PROGRAM} failed (exit status {returncode})."
        if "error" in err.lower():
            return NO_DEVICE  # eSpeak NG exits 0 even when no sound device opens; its error text says so
        return None


# marked for translation; the window shows them through _() (they are raised in English, as logged)
NOT_FOUND = Espeak.not_found
NO_DEVICE = N_("Speech is on, but no sound device could be opened, so the game stays silent.")
