"""macOS: the system's ``say`` program, with the voices installed in System Settings.

``say -v '?'`` lists the voices, one a line: a name (which may hold spaces and brackets, "Bad News",
"Eddy (Chinese (China mainland))"), a locale ("en_US", "zh_CN", once "en-scotland"), then ``#`` and a
sample sentence. For each language we take a real voice of that locale, never a novelty one ("Bad
News", "Zarvox"), and for Chinese a Mandarin voice of the mainland first, then Taiwan's Mandarin,
never Hong Kong's (Cantonese). A system screen gets the second voice of the language where there is
one, as eSpeak NG's announcer variant.

``say`` reads the text from standard input (``-f -``). It has no volume option, so the volume is the
embedded command ``[[volm 0.5]]`` that we put first; the story's own text is changed so that it can
never hold such a command (``[[`` becomes ``[ [``). Lines are separated by ``[[slnc 250]]``, a pause.
A run of text in one voice is one process; a Chinese term inside English text is its own process.
WAV files are written by ``say -o FILE --file-format=WAVE --data-format=LEI16@22050``.

Tested on Linux only, against sample listings and a stand-in ``say``: see docs/speech.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..engine.speech import Utterance
from ..i18n import N_
from .backend import (
    NORMAL,
    TIMEOUT_S,
    ListedVoices,
    SpeechUnavailable,
    Step,
    Voice,
    creation_flags,
    join,
    rank_voices,
    read_wav,
)

PROGRAM = "say"
SYSTEM_PATH = "/usr/bin/say"
BASE_WPM = 175  # speech_rate 1.0, as for eSpeak NG; macOS voices speak at about this rate by default
MIN_WPM, MAX_WPM = 80, 450
PAUSE_MS = 250  # between lines, as the gap in a rendered file
RATE_HZ = 22050
LIST_TIMEOUT_S = 15.0

# locales that speak each of our languages, best first (zh_HK is Cantonese: never for Mandarin)
LOCALES = {"en": ("en_US", "en_GB", "en_AU", "en_IE", "en_IN", "en_ZA", "en"), "zh": ("zh_CN", "zh_TW")}
PREFERRED = {"en": ("Samantha", "Alex", "Daniel", "Karen", "Moira", "Tessa", "Fiona", "Veena", "Rishi"),
             "zh": ("Tingting", "Ting-Ting", "Lili", "Yu-shu", "Meijia", "Mei-Jia")}
# voices that are sound effects or characters, not readers (macOS's own list of "novelty" voices)
NOVELTY = frozenset({"Albert", "Bad News", "Bahh", "Bells", "Boing", "Bubbles", "Cellos", "Deranged",
                     "Good News", "Hysterical", "Jester", "Organ", "Pipe Organ", "Superstar", "Trinoids",
                     "Whisper", "Wobble", "Zarvox", "Junior", "Ralph", "Fred", "Kathy", "Princess",
                     "Bruce", "Agnes", "Vicki", "Victoria"})
_LOCALE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]+)*$")


def parse_voices(listing: str) -> list[tuple[str, str]]:
    """``say -v '?'`` output -> [(voice name, locale)], in the listed order; lines that are not a voice
    are skipped."""
    out = []
    for line in listing.splitlines():
        head = line.split("#", 1)[0].rstrip()
        name, _, locale = head.rpartition(" ")
        name = name.strip()
        if name and _LOCALE.match(locale):
            out.append((name, locale))
    return out


def base_name(name: str) -> str:
    """"Eddy (Chinese (China mainland))" -> "Eddy"."""
    return name.split(" (", 1)[0]


def ranked(voices: list[tuple[str, str]], lang: str) -> list[str]:
    """The voices that can read ``lang``, best first: by locale, then the known good readers, then as
    listed; novelty voices left out."""
    return rank_voices(voices, lang, LOCALES, PREFERRED, skip=NOVELTY, base=base_name)


def words_per_minute(rate: float) -> int:
    return int(min(max(round(BASE_WPM * rate), MIN_WPM), MAX_WPM))


def clean(text: str) -> str:
    """Story text that can never be read as an embedded speech command ("[[volm 0]]", "[[inpt PHON]]")."""
    return re.sub(r"\[(?=\s*\[)", "[ ", text)


def spoken(utts: list[Utterance], how: Voice) -> bytes:
    """Standard input for one ``say``: the volume, then the lines with a pause between them."""
    parts = [f"[[volm {min(max(how.volume, 0.0), 1.0):.2f}]]"]
    for i, u in enumerate(utts):
        if i and not u.joined:
            parts.append(f"[[slnc {PAUSE_MS}]]")
        parts.append(clean(u.text))
    return " ".join(parts).encode("utf-8")


class MacSay(ListedVoices):
    name = "macOS speech"
    not_found = N_("Speech needs macOS's say program (/usr/bin/say), which was not found, "
                   "so the game stays silent.")
    no_voice = {"zh": N_("No Mandarin voice is installed, so Chinese is not read aloud. Add a Chinese "
                         "(China mainland) voice, such as Tingting, in System Settings > Accessibility > "
                         "Spoken Content > System voice > Manage Voices, then restart the game."),
                "en": N_("No English voice is installed, so English is not read aloud. Add an English "
                         "voice in System Settings > Accessibility > Spoken Content > System voice > "
                         "Manage Voices, then restart the game."),
                "": N_("A language of this game has no voice installed, so it is not read aloud. Add a voice "
                       "for it in System Settings > Accessibility > Spoken Content > System voice > Manage "
                       "Voices, then restart the game.")}

    list_timeout = LIST_TIMEOUT_S

    @classmethod
    def find(cls, env: Mapping[str, str] | None = None) -> MacSay:
        env = os.environ if env is None else env
        found = shutil.which(PROGRAM, path=env.get("PATH"))
        if found is None and os.access(SYSTEM_PATH, os.X_OK):
            found = SYSTEM_PATH
        return cls(found)

    def listing(self) -> tuple[list[str], bytes | None]:
        assert self.program is not None
        return [self.program, "-v", "?"], None

    def parse_voices(self, listing: str) -> list[tuple[str, str]]:
        return parse_voices(listing)

    def ranked(self, voices: list[tuple[str, str]], lang: str) -> list[str]:
        return ranked(voices, lang)

    def runs(self, utts: list[Utterance]) -> list[tuple[str | None, list[Utterance]]]:
        """Consecutive utterances that one voice says, with that voice."""
        out: list[tuple[str | None, list[Utterance]]] = []
        for u in utts:
            v = self.voice_for(u.lang, u.role)
            if out and out[-1][0] == v:
                out[-1][1].append(u)
            else:
                out.append((v, [u]))
        return out

    def command(self, voice: str | None, how: Voice, output: str | None = None) -> list[str]:
        assert self.program is not None
        argv = [self.program]
        if voice:
            argv += ["-v", voice]
        argv += ["-r", str(words_per_minute(how.rate))]
        if output:
            argv += ["-o", output, "--file-format=WAVE", f"--data-format=LEI16@{RATE_HZ}"]
        return [*argv, "-f", "-"]

    def steps(self, utts: list[Utterance], how: Voice) -> list[Step]:
        # between two processes the pause is the next process's start-up
        return [Step(self.command(voice, how), spoken(run, how)) for voice, run in self.runs(utts)]

    def render(self, utts: Iterable[Utterance], how: Voice = NORMAL) -> tuple[int, bytes]:
        if self.program is None:
            raise SpeechUnavailable(self.not_found)
        parts: list[tuple[int, bytes, bool]] = []
        with tempfile.TemporaryDirectory(prefix="on-the-list-say-") as tmp:
            out = str(Path(tmp) / "part.wav")
            for voice, run in self.runs([u for u in utts if u.text.strip()]):
                # one line (or a joined term) a file, so the gaps are the same as eSpeak NG's
                for u in run:
                    argv = self.command(voice, how, out)
                    try:
                        done = subprocess.run(argv, input=spoken([u], how), capture_output=True, timeout=TIMEOUT_S,
                                              check=False, creationflags=creation_flags())
                        data = Path(out).read_bytes() if done.returncode == 0 else b""
                    except (OSError, subprocess.TimeoutExpired) as exc:
                        raise SpeechUnavailable(f"say could not be run ({exc}).") from exc
                    if done.returncode != 0:
                        raise SpeechUnavailable(self.failure(done.returncode, done.stderr.decode("utf-8", "replace"))
                                                or "say failed")
                    rate, pcm = read_wav(data, "say")
                    parts.append((rate, pcm, u.joined))
        return join(parts, "say")
