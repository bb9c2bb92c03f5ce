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

from ..engine.speech import SYSTEM, Utterance
from ..i18n import N_
from .backend import NORMAL, TIMEOUT_S, Backend, SpeechUnavailable, Step, Voice, creation_flags, join, read_wav

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


def _rank(lang: str, locale: str) -> int | None:
    locales = LOCALES.get(lang)
    if locales is None:
        return 0 if locale.replace("-", "_").split("_")[0] == lang else None
    norm = locale.replace("-", "_")
    if norm in locales:
        return locales.index(norm)
    if lang == "en" and norm.startswith("en"):
        return len(locales)  # "en-scotland"
    return None


def second(voices: list[tuple[str, str]], names: list[str]) -> str:
    """A system screen's voice: the language's second voice where it has the first one's locale (a
    ticket machine in Beijing does not speak with Taiwan's accent), else the first."""
    where = dict(voices)
    return names[1] if len(names) > 1 and where[names[1]] == where[names[0]] else names[0]


def ranked(voices: list[tuple[str, str]], lang: str) -> list[str]:
    """The voices that can read ``lang``, best first: by locale, then the known good readers, then as
    listed; novelty voices left out."""
    lang = lang.replace("-", "_").split("_")[0]
    liked = PREFERRED.get(lang, ())
    found = []
    for i, (name, locale) in enumerate(voices):
        r = _rank(lang, locale)
        if r is None or base_name(name) in NOVELTY:
            continue
        pref = liked.index(base_name(name)) if base_name(name) in liked else len(liked)
        found.append((r, pref, i, name))
    return [name for *_, name in sorted(found)]


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


class MacSay(Backend):
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

    def __init__(self, program: str | None) -> None:
        super().__init__(program)
        self._voices: list[tuple[str, str]] | None = None
        self._listed = False

    @classmethod
    def find(cls, env: Mapping[str, str] | None = None) -> MacSay:
        env = os.environ if env is None else env
        found = shutil.which(PROGRAM, path=env.get("PATH"))
        if found is None and os.access(SYSTEM_PATH, os.X_OK):
            found = SYSTEM_PATH
        return cls(found)

    def voices(self) -> list[tuple[str, str]] | None:
        """The installed voices, listed once; None when they cannot be listed (say then uses the default)."""
        if not self._listed and self.program is not None:
            self._listed = True
            try:
                done = subprocess.run([self.program, "-v", "?"], capture_output=True, timeout=LIST_TIMEOUT_S,
                                      check=False, stdin=subprocess.DEVNULL, creationflags=creation_flags())
                if done.returncode == 0:
                    self._voices = parse_voices(done.stdout.decode("utf-8", "replace"))
            except (OSError, subprocess.TimeoutExpired):
                self._voices = None
        return self._voices

    def voice_for(self, lang: str, role: str) -> str | None:
        """The voice name for this language and role; None to let ``say`` use the system's voice."""
        voices = self.voices()
        if voices is None:
            return None
        names = ranked(voices, lang)
        if not names:
            return None
        return second(voices, names) if role == SYSTEM else names[0]

    def unvoiced(self, langs: Iterable[str]) -> tuple[set[str], str | None]:
        voices = self.voices()
        if voices is None:
            return set(), None
        missing = {lang for lang in langs if not ranked(voices, lang)}
        for lang in sorted(missing, key=lambda x: (x != "zh", x)):
            return missing, self.no_voice.get(lang.split("-")[0].split("_")[0], self.no_voice[""])
        return missing, None

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
