"""Windows: the system's voices (SAPI5) through .NET's System.Speech, run by Windows PowerShell 5.1,
which every Windows 10 and 11 has. Nothing to install, no Python package.

The script is fixed text (:data:`SCRIPT`), handed to ``powershell.exe -EncodedCommand`` (UTF-16LE
base64, so no quoting of the command line is involved). Everything that varies goes in on standard
input as a small line protocol whose every value is a number or base64 (:func:`job`): story text
can hold quotes, ``$``, backticks or newlines and still never becomes PowerShell code, a command
line or SSML; it reaches the synthesiser only through ``PromptBuilder.AppendText``, which speaks it
as text. Lines::

    voices                       list the installed voices (culture, enabled, base64 name) and stop
    rate N                       SpeechSynthesizer.Rate, -10..10
    volume N                     SpeechSynthesizer.Volume, 0..100
    out BASE64PATH               write a 22,050 Hz 16-bit mono WAV there instead of speaking
    gap MS                       a pause (between lines)
    say BASE64VOICE BASE64TEXT   the text in that voice ("-" for the default voice)

One process says a whole screen (PromptBuilder switches voice mid-sentence); a new screen ends it.
The script loads System.Speech before it reads its input, so the speaker keeps the next screen's
process started and waiting (:attr:`WinSpeech.warm`): a new screen costs no PowerShell start.

Tested on Linux only, against sample listings and a stand-in ``powershell``: see docs/speech.md.
"""

from __future__ import annotations

import base64
import math
import os
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
    rank_voices,
    read_wav,
)

PAUSE_MS = 250
RATE_HZ = 22050
LIST_TIMEOUT_S = 30.0  # PowerShell's start and loading System.Speech can take seconds on a slow machine

# cultures that speak each of our languages, best first (zh-HK is Cantonese: never for Mandarin)
CULTURES = {"en": ("en-US", "en-GB", "en-AU", "en-CA", "en-IN", "en-IE"), "zh": ("zh-CN", "zh-SG", "zh-TW")}
PREFERRED = {"en": ("Microsoft Zira Desktop", "Microsoft David Desktop", "Microsoft Hazel Desktop",
                    "Microsoft Mark Desktop", "Microsoft George Desktop"),
             "zh": ("Microsoft Huihui Desktop", "Microsoft Yaoyao Desktop", "Microsoft Kangkang Desktop",
                    "Microsoft Hanhan Desktop")}

SCRIPT = r"""
$ErrorActionPreference = 'Stop'
try {
  function Decode([string]$b) { [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b)) }
  Add-Type -AssemblyName System.Speech
  $synth = New-Object System.Speech.Synthesis.SpeechSynthesizer
  $prompt = New-Object System.Speech.Synthesis.PromptBuilder
  # ready: a process started ahead waits here for its screen
  $stdin = [Console]::OpenStandardInput()
  $buffer = New-Object System.IO.MemoryStream
  $stdin.CopyTo($buffer)
  $lines = [System.Text.Encoding]::ASCII.GetString($buffer.ToArray()) -split "`n"
  $out = $null
  foreach ($line in $lines) {
    $f = $line.Trim().Split(' ')
    switch ($f[0]) {
      'voices' {
        foreach ($v in $synth.GetInstalledVoices()) {
          $name = [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($v.VoiceInfo.Name))
          [Console]::Out.WriteLine(('{0} {1} {2}' -f $v.VoiceInfo.Culture.Name, $v.Enabled, $name))
        }
        exit 0
      }
      'rate' { $synth.Rate = [int]$f[1] }
      'volume' { $synth.Volume = [int]$f[1] }
      'out' { $out = Decode $f[1] }
      'gap' { $prompt.AppendBreak([TimeSpan]::FromMilliseconds([int]$f[1])) }
      'say' {
        if ($f[1] -ne '-') { $prompt.StartVoice((Decode $f[1])) }
        $prompt.AppendText((Decode $f[2]))
        if ($f[1] -ne '-') { $prompt.EndVoice() }
      }
    }
  }
  if ($out) {
    $format = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(22050,
      [System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, [System.Speech.AudioFormat.AudioChannel]::Mono)
    $synth.SetOutputToWaveFile($out, $format)
  } else {
    $synth.SetOutputToDefaultAudioDevice()
  }
  $synth.Speak($prompt)
  $synth.Dispose()
  exit 0
} catch {
  [Console]::Error.WriteLine($_.Exception.Message)
  exit 3
}
"""


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def encoded_script() -> str:
    """``-EncodedCommand``'s argument: the script as base64 of UTF-16LE."""
    return base64.b64encode(SCRIPT.encode("utf-16-le")).decode("ascii")


def sapi_rate(rate: float) -> int:
    """1.0 -> 0. SAPI's 10 is three times the normal rate and -10 a third, so each step is 3^(1/10)."""
    return int(min(max(round(10 * math.log(max(rate, 0.01)) / math.log(3)), -10), 10))


def sapi_volume(volume: float) -> int:
    return int(round(min(max(volume, 0.0), 1.0) * 100))


def parse_voices(listing: str) -> list[tuple[str, str]]:
    """The script's ``voices`` output -> [(voice name, culture)] of the enabled voices (Windows turns a
    voice whose registration fails its checks off; it cannot be selected)."""
    out = []
    for line in listing.splitlines():
        fields = line.strip().split(" ")
        if len(fields) != 3 or fields[1].lower() != "true":
            continue
        try:
            name = base64.b64decode(fields[2], validate=True).decode("utf-8")
        except ValueError:
            continue
        out.append((name, fields[0]))
    return out


def ranked(voices: list[tuple[str, str]], lang: str) -> list[str]:
    """The voices that can read ``lang``, best first: by culture, then the known good ones, then as listed."""
    return rank_voices(voices, lang, CULTURES, PREFERRED)


def job(parts: list[tuple[str | None, Utterance]], how: Voice, output: str | None = None) -> bytes:
    """The script's standard input: (voice, utterance) pairs, a pause before each new line."""
    lines = [f"rate {sapi_rate(how.rate)}", f"volume {sapi_volume(how.volume)}"]
    if output:
        lines.append(f"out {b64(output)}")
    for i, (voice, u) in enumerate(parts):
        if i and not u.joined:
            lines.append(f"gap {PAUSE_MS}")
        lines.append(f"say {b64(voice) if voice else '-'} {b64(u.text)}")
    return ("\n".join(lines) + "\n").encode("ascii")


class WinSpeech(ListedVoices):
    name = "Windows speech"
    warm = True  # PowerShell and System.Speech take a noticeable time to start: the next process waits ready
    not_found = N_("Speech needs Windows PowerShell (powershell.exe), which was not found, so the game "
                   "stays silent. It is part of Windows; ask whoever looks after this computer to restore it.")
    no_voice = {"zh": N_("No Chinese voice is installed, so Chinese is not read aloud. Add the Chinese "
                         "(Simplified) speech voice in Windows Settings > Time & language > Speech, then "
                         "restart the game."),
                "en": N_("No English voice is installed, so English is not read aloud. Add an English "
                         "speech voice in Windows Settings > Time & language > Speech, then restart the game."),
                "": N_("A language of this game has no voice installed, so it is not read aloud. Add a speech "
                       "voice for it in Windows Settings > Time & language > Speech, then restart the game.")}

    list_timeout = LIST_TIMEOUT_S

    @classmethod
    def find(cls, env: Mapping[str, str] | None = None) -> WinSpeech:
        env = os.environ if env is None else env
        found = shutil.which("powershell", path=env.get("PATH"))
        root = env.get("SystemRoot") or env.get("windir")
        if found is None and root:
            found = shutil.which(str(Path(root) / "System32" / "WindowsPowerShell" / "v1.0" / "powershell.exe"))
        return cls(found)

    def argv(self) -> list[str]:
        assert self.program is not None
        return [self.program, "-NoLogo", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded_script()]

    def listing(self) -> tuple[list[str], bytes | None]:
        return self.argv(), b"voices\n"

    def parse_voices(self, listing: str) -> list[tuple[str, str]]:
        return parse_voices(listing)

    def ranked(self, voices: list[tuple[str, str]], lang: str) -> list[str]:
        return ranked(voices, lang)

    def steps(self, utts: list[Utterance], how: Voice) -> list[Step]:
        if not utts:
            return []
        return [Step(self.argv(), job([(self.voice_for(u.lang, u.role), u) for u in utts], how))]

    def render(self, utts: Iterable[Utterance], how: Voice = NORMAL) -> tuple[int, bytes]:
        if self.program is None:
            raise SpeechUnavailable(self.not_found)
        parts = [(self.voice_for(u.lang, u.role), u) for u in utts if u.text.strip()]
        with tempfile.TemporaryDirectory(prefix="on-the-list-sapi-") as tmp:
            out = str(Path(tmp) / "screen.wav")
            try:
                done = subprocess.run(self.argv(), input=job(parts, how, out), capture_output=True,
                                      timeout=TIMEOUT_S * max(1, len(parts)), check=False,
                                      creationflags=creation_flags())
                data = Path(out).read_bytes() if done.returncode == 0 else b""
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise SpeechUnavailable(f"Windows PowerShell could not be run ({exc}).") from exc
        if done.returncode != 0:
            raise SpeechUnavailable(self.failure(done.returncode, done.stderr.decode("utf-8", "replace"))
                                    or "Windows speech failed")
        return read_wav(data, self.name)
