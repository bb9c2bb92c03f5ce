"""The macOS and Windows speech engines (game/speech/macsay.py, winsapi.py) and the choice between them.

This machine is Linux: neither macOS's ``say`` nor Windows' System.Speech can run here. What is tested
is everything on our side of the process boundary, for real: which engine a platform gets, the voice
lists parsed from real ``say -v '?'`` output, the voice chosen for each language and role, the command
lines and standard input built (story text never reaching a command line, a script or an embedded
command), and the speaker driving the program: speaking beside the caller, a new screen ending the
old process, a language without a voice reported once. The programs themselves are stand-ins placed
on PATH (fakes of external programs, as ALSA's null device stands in for a sound card): they log what
they were given, take time to "speak", and write real audio with eSpeak NG when asked for a file.

Sample ``say -v '?'`` listings, as printed by macOS:
- OS X 10.10 (Yosemite): the README of tomorrowkey/notifier-plugin (a Gradle plugin), which lists the
  full output, with "Bad News", "Fiona  en-scotland", "Ting-Ting zh_CN", "Sin-ji zh_HK", "Mei-Jia zh_TW";
- macOS 13 and later: the comment in fish-shell's completions for say (share/completions/say.fish),
  with names such as "Eddy (Chinese (China mainland)) zh_CN" and "Flo (English (UK))  en_GB".
Windows voice names and cultures (VoiceInfo.Name, VoiceInfo.Culture) are those of the voices Windows
10 and 11 ship or add with a language's speech pack: Microsoft David Desktop and Zira Desktop (en-US),
Hazel Desktop (en-GB), Huihui Desktop (zh-CN), Tracy Desktop (zh-HK), as listed by SAPI in public code
that selects them (for example "Microsoft Huihui Desktop - Chinese (Simplified, PRC)" is the token's
description, "Microsoft Huihui Desktop" the name System.Speech gives).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import sys
import textwrap
import time
from pathlib import Path

import pytest

from game.engine.speech import INTERFACE, NARRATION, SYSTEM, Utterance
from game.speech import Speaker, SpeechUnavailable, Voice, backend, macsay, winsapi
from game.speech.espeak import Espeak

ESPEAK = shutil.which("espeak-ng")
YOSEMITE = """\
Agnes               en_US    # Isn't it nice to have a computer that will talk to you?
Albert              en_US    #  I have a frog in my throat. No, I mean a real frog!
Alex                en_US    # Most people recognize me by my voice.
Alice               it_IT    # Salve, mi chiamo Alice e sono una voce italiana.
Bad News            en_US    # The light you see at the end of the tunnel is the headlamp of a fast approaching train.
Daniel              en_GB    # Hello, my name is Daniel. I am a British-English voice.
Fiona               en-scotland # Hello, my name is Fiona. I am a Scottish-English voice.
Fred                en_US    # I sure like being inside this fancy computer
Kyoko               ja_JP    # こんにちは、私の名前はKyokoです。日本語の音声をお届けします。
Lekha               hi_IN    # नमस्कार, मेरा नाम लेखा है.Lekha[[FEMALE_NAME]]मै हिंदी मे बोलने वाली आवाज़ हूँ.
Mei-Jia             zh_TW    # 您好，我叫美佳。我說國語。
Pipe Organ          en_US    # We must rejoice in this morbid voice.
Samantha            en_US    # Hello, my name is Samantha. I am an American-English voice.
Sin-ji              zh_HK    # 您好，我叫 Sin-ji。我講廣東話。
Ting-Ting           zh_CN    # 您好，我叫Ting-Ting。我讲中文普通话。
Zarvox              en_US    # That looks like a peaceful planet.
"""
VENTURA = """\
Eddy (Chinese (China mainland)) zh_CN    # 你好！我叫Eddy。
Eddy (Chinese (Taiwan)) zh_TW    # 你好，我叫Eddy。
Ellen               nl_BE    # Hallo! Mijn naam is Ellen.
Flo (German (Germany)) de_DE    # Hallo! Ich heiße Flo.
Flo (English (UK))  en_GB    # Hello! My name is Flo.
"""
WINDOWS = [("en-US", True, "Microsoft David Desktop"), ("en-US", True, "Microsoft Zira Desktop"),
           ("en-GB", True, "Microsoft Hazel Desktop"), ("zh-HK", True, "Microsoft Tracy Desktop"),
           ("zh-CN", True, "Microsoft Huihui Desktop"), ("zh-CN", False, "Microsoft Broken Desktop")]
EVIL = "It's \"$(Remove-Item C:\\ -Recurse)\" `whoami` ${env:PATH}; '@\n\"@\nvolume 0\n<speak>[[volm 0]]</speak> -o x"


def listing(voices: list[tuple[str, bool, str]]) -> str:
    """What the Windows script prints for its ``voices`` line (culture, enabled, base64 name)."""
    return "".join(f"{c} {'True' if on else 'False'} {base64.b64encode(n.encode()).decode()}\r\n"
                   for c, on, n in voices)


# -- which engine ---------------------------------------------------------------------------------------
def test_each_platform_gets_its_engine_and_the_choice_can_be_overridden(tmp_path):
    env = {"PATH": str(tmp_path)}
    assert type(backend.choose("linux", env)).__name__ == "Espeak"
    assert isinstance(backend.choose("darwin", env), macsay.MacSay)
    assert isinstance(backend.choose("win32", env), winsapi.WinSpeech)
    assert isinstance(backend.choose("linux", {**env, backend.ENV_BACKEND: "windows"}), winsapi.WinSpeech)
    assert isinstance(backend.choose("win32", {**env, backend.ENV_BACKEND: "espeak"}), Espeak)
    assert isinstance(backend.choose("win32", {**env, backend.ENV_BACKEND: "sapi"}), winsapi.WinSpeech)  # unknown
    # an eSpeak NG shipped beside the game is used on any platform
    assert isinstance(backend.choose("darwin", {**env, backend.ENV_ESPEAK: "/opt/espeak-ng"}), Espeak)


def test_a_missing_program_is_the_engines_own_message(tmp_path):
    env = {"PATH": str(tmp_path)}
    for platform, words in (("darwin", "/usr/bin/say"), ("win32", "powershell.exe"), ("linux", "espeak-ng")):
        engine = backend.choose(platform, env)
        if platform == "darwin" and engine.program == macsay.SYSTEM_PATH:
            continue  # only on a Mac
        assert engine.program is None
        assert words in engine.not_found
        with pytest.raises(SpeechUnavailable, match=words.replace(".", r"\.")):
            backend.render([Utterance("Hello.", "en")], engine=engine)


# -- macOS: voices --------------------------------------------------------------------------------------
def test_say_voice_listings_parse_with_spaces_brackets_and_odd_locales():
    voices = macsay.parse_voices(YOSEMITE)
    assert len(voices) == YOSEMITE.count("\n")
    assert ("Bad News", "en_US") in voices and ("Fiona", "en-scotland") in voices
    assert ("Lekha", "hi_IN") in voices  # "[[" and "#" inside the sample sentence do not matter
    modern = macsay.parse_voices(VENTURA)
    assert modern[0] == ("Eddy (Chinese (China mainland))", "zh_CN")
    assert modern[4] == ("Flo (English (UK))", "en_GB")
    assert macsay.parse_voices("\nnot a voice\n# comment\n") == []


def test_say_picks_a_reader_for_each_language_never_a_novelty_voice_nor_cantonese():
    voices = macsay.parse_voices(YOSEMITE)
    en = macsay.ranked(voices, "en")
    assert en[:2] == ["Samantha", "Alex"]
    assert not {"Bad News", "Zarvox", "Pipe Organ", "Albert", "Fred", "Agnes"} & set(en)
    assert macsay.ranked(voices, "zh") == ["Ting-Ting", "Mei-Jia"]  # mainland first; Sin-ji is Cantonese
    modern = macsay.parse_voices(VENTURA)
    assert macsay.ranked(modern, "zh") == ["Eddy (Chinese (China mainland))", "Eddy (Chinese (Taiwan))"]
    assert macsay.ranked(modern, "en") == ["Flo (English (UK))"]
    assert macsay.ranked([("Sin-ji", "zh_HK")], "zh") == []


def test_say_text_can_never_hold_an_embedded_command():
    assert macsay.clean("[[volm 0]] hello [[ rate 1]]") == "[ [volm 0]] hello [ [ rate 1]]"
    assert "[[" not in macsay.clean("[[[[x")
    doc = macsay.spoken([Utterance("Line one [[slnc 9000]].", "en"), Utterance("Line two.", "en"),
                         Utterance("term", "en", NARRATION, True)], Voice(1.0, 0.25)).decode()
    assert doc == "[[volm 0.25]] Line one [ [slnc 9000]]. [[slnc 250]] Line two. term"


# -- Windows: the script and its input ------------------------------------------------------------------
def decode_job(data: bytes) -> list[tuple[str, ...]]:
    """The job's lines as the script reads them, base64 fields decoded."""
    out = []
    for line in data.decode("ascii").splitlines():
        f = line.split(" ")
        if f[0] == "say":
            voice = "-" if f[1] == "-" else base64.b64decode(f[1]).decode()
            out.append(("say", voice, base64.b64decode(f[2]).decode()))
        elif f[0] == "out":
            out.append(("out", base64.b64decode(f[1]).decode()))
        else:
            out.append(tuple(f))
    return out


def test_story_text_reaches_the_windows_script_only_as_base64():
    engine = winsapi.WinSpeech("powershell")
    engine._voices, engine._listed = winsapi.parse_voices(listing(WINDOWS)), True
    utts = [Utterance(EVIL, "en", NARRATION), Utterance("失信被执行人名单", "zh", NARRATION, True),
            Utterance("Next line.", "en", SYSTEM)]
    (step,) = engine.steps(utts, Voice(2.0, 0.5))
    # the command line is the same whatever is said: the fixed script, never the text
    assert step.argv == engine.steps([Utterance("Other words.", "en")], Voice())[0].argv
    assert step.argv[-2] == "-EncodedCommand"
    assert base64.b64decode(step.argv[-1]).decode("utf-16-le") == winsapi.SCRIPT
    assert "-File" not in step.argv and not any(EVIL[:5] in a for a in step.argv)
    # standard input: ASCII lines of keywords, numbers and base64, one per line whatever the text holds
    raw = step.stdin.decode("ascii")
    assert all(ch.isalnum() or ch in " +/=-\n" for ch in raw)
    assert decode_job(step.stdin) == [
        ("rate", "6"), ("volume", "50"),
        ("say", "Microsoft Zira Desktop", EVIL),
        ("say", "Microsoft Huihui Desktop", "失信被执行人名单"),  # joined: no pause before the term
        ("gap", "250"),
        ("say", "Microsoft David Desktop", "Next line.")]  # a system screen: the language's second voice


def test_windows_script_is_fixed_text_that_speaks_only_through_append_text():
    script = winsapi.SCRIPT
    assert "AppendText((Decode $f[2]))" in script and "StartVoice((Decode $f[1]))" in script
    assert "SpeakSsml" not in script and "Invoke-Expression" not in script and "iex " not in script
    assert "{" + "0}" in script  # the only format string: the voice list's own line
    assert "SetOutputToWaveFile($out, $format)" in script and "22050" in script


def test_windows_voices_parse_and_rank():
    voices = winsapi.parse_voices(listing(WINDOWS) + "garbage line\nen-US True !!notbase64!!\n")
    assert ("Microsoft Broken Desktop", "zh-CN") not in voices  # disabled: Windows will not select it
    assert len(voices) == 5
    assert winsapi.ranked(voices, "en") == ["Microsoft Zira Desktop", "Microsoft David Desktop",
                                            "Microsoft Hazel Desktop"]
    assert winsapi.ranked(voices, "zh") == ["Microsoft Huihui Desktop"]  # Tracy is Cantonese (zh-HK)


def test_windows_rate_and_volume_map_to_sapi_scales():
    assert [winsapi.sapi_rate(r) for r in (0.5, 1.0, 1.5, 2.0, 3.0, 9.0)] == [-6, 0, 4, 6, 10, 10]
    assert [winsapi.sapi_volume(v) for v in (0.0, 0.25, 1.0, 7.0)] == [0, 25, 100, 100]


# -- stand-in programs ----------------------------------------------------------------------------------
FAKE_SAY = '''\
import json, os, re, subprocess, sys, time
args = sys.argv[1:]
if args == ["-v", "?"]:
    sys.stdout.buffer.write(open(os.environ["FAKE_VOICES"], "rb").read())
    sys.exit(0)
text = sys.stdin.buffer.read().decode("utf-8")
log = open(os.environ["FAKE_LOG"], "a", encoding="utf-8")
log.write(json.dumps({"pid": os.getpid(), "argv": args, "stdin": text}) + "\\n"); log.flush()
if "-o" in args:
    words = re.sub(r"\\[\\[[^\\]]*\\]\\]", " ", text)  # say's embedded commands are not words
    voice = "cmn" if re.search("[\\u4e00-\\u9fff]", words) else "en"
    subprocess.run([os.environ["FAKE_ESPEAK"], "-v", voice, "--stdin", "-w", args[args.index("-o") + 1]],
                   input=words.encode("utf-8"), check=True)
else:
    time.sleep(float(open(os.environ["FAKE_SECONDS"]).read() or 0))  # read when speaking, not at the start
log.write(json.dumps({"done": os.getpid()}) + "\\n")
'''
FAKE_POWERSHELL = '''\
import base64, json, os, re, subprocess, sys, time
args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as started:
    started.write(json.dumps({"started": os.getpid(), "at": time.time()}) + "\\n")
if os.environ.get("FAKE_FAIL"):  # as PowerShell in Constrained Language mode refuses Add-Type
    sys.stdin.buffer.read()
    sys.stderr.write(os.environ["FAKE_FAIL"] + "\\n")
    sys.exit(3)
script = base64.b64decode(args[args.index("-EncodedCommand") + 1]).decode("utf-16-le")
lines = sys.stdin.buffer.read().decode("ascii").split("\\n")
if lines[0].strip() == "voices":
    sys.stdout.buffer.write(open(os.environ["FAKE_VOICES"], "rb").read())
    with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as listed:
        listed.write(json.dumps({"listed": os.getpid()}) + "\\n")
    sys.exit(0)
dec = lambda b: base64.b64decode(b).decode("utf-8")
job, out = [], None
for line in lines:
    f = line.strip().split(" ")
    if f[0] == "say":
        job.append(["say", None if f[1] == "-" else dec(f[1]), dec(f[2])])
    elif f[0] == "out":
        out = dec(f[1])
    elif f[0] in ("rate", "volume", "gap"):
        job.append([f[0], int(f[1])])
log = open(os.environ["FAKE_LOG"], "a", encoding="utf-8")
log.write(json.dumps({"pid": os.getpid(), "argv": args[:-1], "script": len(script), "job": job}) + "\\n"); log.flush()
if out:
    words = " ".join(j[2] for j in job if j[0] == "say")
    voice = "cmn" if re.search("[\\u4e00-\\u9fff]", words) else "en"
    subprocess.run([os.environ["FAKE_ESPEAK"], "-v", voice, "--stdin", "-w", out], input=words.encode(), check=True)
else:
    time.sleep(float(open(os.environ["FAKE_SECONDS"]).read() or 0))  # read when speaking, not at the start
log.write(json.dumps({"done": os.getpid()}) + "\\n")
'''


@pytest.fixture
def stand_in(tmp_path, monkeypatch):
    """Put a stand-in program on PATH: stand_in("say" or "powershell", what it lists as the voices)."""
    assert ESPEAK, "espeak-ng is installed (the stand-ins render real audio with it)"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log.jsonl"
    log.touch()
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_ESPEAK", ESPEAK)
    monkeypatch.setenv("FAKE_SECONDS", str(tmp_path / "seconds.txt"))  # how long "speaking" takes
    (tmp_path / "seconds.txt").write_text("0", encoding="utf-8")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")

    def make(name: str, voices: str) -> None:
        source = FAKE_SAY if name == "say" else FAKE_POWERSHELL
        prog = bin_dir / name
        prog.write_text(f"#!{sys.executable}\n" + textwrap.dedent(source), encoding="utf-8")
        prog.chmod(0o755)
        (tmp_path / "voices.txt").write_bytes(voices.encode("utf-8"))
        monkeypatch.setenv("FAKE_VOICES", str(tmp_path / "voices.txt"))

    return make


def entries(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


pytestmark = pytest.mark.skipif(os.name != "posix", reason="the stand-in programs are scripts with a #! line")

SCREEN = [Utterance("Beijing, 10 May 2016", "en", INTERFACE),
          Utterance("On the List of Dishonest Persons (", "en", SYSTEM),
          Utterance("失信被执行人名单", "zh", SYSTEM, True),
          Utterance("), published by the court.", "en", SYSTEM, True)]


def test_speaker_on_macos_say_switches_voice_for_the_chinese_term(stand_in, tmp_path):
    stand_in("say", YOSEMITE)
    sp = Speaker(rate=2.0, volume=0.5, engine=macsay.MacSay.find())
    sp.speak(SCREEN)
    assert sp.wait(timeout=30)
    assert sp.take_message() is None and sp.available
    assert list(sp.said) == SCREEN
    said = [e for e in entries(tmp_path / "log.jsonl") if "argv" in e]
    # one process per run of one voice; a system screen takes the language's second voice (Alex)
    assert [e["argv"] for e in said] == [["-v", "Samantha", "-r", "350", "-f", "-"],
                                         ["-v", "Alex", "-r", "350", "-f", "-"],
                                         ["-v", "Ting-Ting", "-r", "350", "-f", "-"],
                                         ["-v", "Alex", "-r", "350", "-f", "-"]]
    assert said[0]["stdin"] == "[[volm 0.50]] Beijing, 10 May 2016"
    assert said[2]["stdin"] == "[[volm 0.50]] 失信被执行人名单"
    sp.close()


def test_a_new_screen_ends_the_old_say_process(stand_in, tmp_path, monkeypatch):
    stand_in("say", YOSEMITE)
    (tmp_path / "seconds.txt").write_text("20", encoding="utf-8")  # a long screen
    sp = Speaker(engine=macsay.MacSay.find())
    sp.speak([Utterance("A long old screen.", "en")])
    log = tmp_path / "log.jsonl"
    deadline = time.monotonic() + 30
    while not entries(log) and time.monotonic() < deadline:
        time.sleep(0.02)  # the old screen's process is speaking
    old_pid = entries(log)[0]["pid"]
    (tmp_path / "seconds.txt").write_text("0", encoding="utf-8")
    new = [Utterance("New screen.", "en")]
    sp.speak(new)
    assert sp.wait(timeout=15)  # far less than the 20 s the old process would have spoken
    done = {e["done"] for e in entries(log) if "done" in e}
    assert old_pid not in done  # ended, not waited for
    assert list(sp.said) == new
    with pytest.raises(ProcessLookupError):
        os.kill(old_pid, 0)
    sp.close()


def test_without_a_mandarin_voice_macos_says_what_to_install_once_and_reads_the_english(stand_in, tmp_path):
    stand_in("say", "".join(line + "\n" for line in YOSEMITE.splitlines() if "zh_" not in line))
    sp = Speaker(engine=macsay.MacSay.find())
    sp.speak(SCREEN)
    assert sp.wait(timeout=30)
    message = sp.take_message()
    assert message == macsay.MacSay.no_voice["zh"] and "Spoken Content" in message and "Tingting" in message
    assert sp.available  # English is still read
    assert [u.lang for u in sp.said] == ["en", "en", "en"]
    sp.speak(SCREEN)
    assert sp.wait(timeout=30)
    assert sp.take_message() is None  # once
    assert all("Ting" not in " ".join(e["argv"]) for e in entries(tmp_path / "log.jsonl") if "argv" in e)
    sp.close()


def waiting_spare(log: Path) -> int:
    """The stand-in PowerShell started ahead and waiting for a job, once it has logged its start."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        used = {e.get("pid", e.get("listed")) for e in entries(log) if "job" in e or "listed" in e}
        spares = {e["started"] for e in entries(log) if "started" in e} - used
        if spares:
            (spare,) = spares
            return spare
        time.sleep(0.02)
    raise AssertionError("no process was started ahead")


def test_speaker_on_windows_sends_one_job_and_a_new_screen_ends_it(stand_in, tmp_path, monkeypatch):
    stand_in("powershell", listing(WINDOWS))
    (tmp_path / "seconds.txt").write_text("20", encoding="utf-8")
    engine = winsapi.WinSpeech.find()
    assert engine.program == str(tmp_path / "bin" / "powershell")
    sp = Speaker(rate=0.5, volume=0.25, engine=engine)
    sp.speak([Utterance(EVIL, "en")])
    log = tmp_path / "log.jsonl"
    deadline = time.monotonic() + 30
    while not [e for e in entries(log) if "job" in e] and time.monotonic() < deadline:
        time.sleep(0.02)
    first = [e for e in entries(log) if "job" in e][0]
    assert first["argv"] == ["-NoLogo", "-NoProfile", "-NonInteractive", "-EncodedCommand"]
    assert first["script"] == len(winsapi.SCRIPT)
    assert first["job"] == [["rate", -6], ["volume", 25], ["say", "Microsoft Zira Desktop", EVIL]]
    (tmp_path / "seconds.txt").write_text("0", encoding="utf-8")
    ahead = waiting_spare(log)  # started while the old screen speaks
    sp.speak(SCREEN)
    assert sp.wait(timeout=15)
    assert first["pid"] not in {e["done"] for e in entries(log) if "done" in e}
    # the new screen went to the process started ahead: no PowerShell start to wait for
    second = [e for e in entries(log) if "job" in e][-1]
    assert second["pid"] == ahead != first["pid"]
    last = [e for e in entries(log) if "job" in e][-1]["job"]
    assert last[2:] == [["say", "Microsoft Zira Desktop", "Beijing, 10 May 2016"], ["gap", 250],
                        ["say", "Microsoft David Desktop", "On the List of Dishonest Persons ("],
                        ["say", "Microsoft Huihui Desktop", "失信被执行人名单"],
                        ["say", "Microsoft David Desktop", "), published by the court."]]
    assert list(sp.said) == SCREEN
    spare = waiting_spare(log)  # the one started for the screen after this
    os.kill(spare, 0)  # waiting, alive
    started = {e["started"] for e in entries(log) if "started" in e}
    sp.close()  # ends it: a closed game leaves no speech process behind
    for pid in started:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_without_a_chinese_voice_windows_names_the_setting_and_say_writes_no_file(stand_in, tmp_path, capsys,
                                                                                  monkeypatch):
    from game.cli import main

    stand_in("powershell", listing([v for v in WINDOWS if not v[0].startswith("zh")]))
    sp = Speaker(engine=winsapi.WinSpeech.find())
    sp.speak(SCREEN)
    assert sp.wait(timeout=30)
    assert "Add the Chinese (Simplified) speech voice in Windows Settings > Time & language > Speech" in (
        sp.take_message() or "")
    assert [u.lang for u in sp.said] == ["en", "en", "en"]
    sp.close()
    monkeypatch.setenv(backend.ENV_BACKEND, "windows")
    out = tmp_path / "ming-zh.wav"
    code = main(["say", "--story", str(Path(__file__).resolve().parent.parent / "docs" / "example-story"),
                 "--character", "ming", "--lang", "zh", "-o", str(out)])
    assert code == 1 and not out.exists()
    assert "Windows Settings > Time & language > Speech" in capsys.readouterr().err


@pytest.mark.parametrize("platform", ["macos", "windows"])
def test_say_command_renders_a_wav_through_the_platform_engine(platform, stand_in, tmp_path, monkeypatch, capsys):
    from test_speech_say import EXAMPLE, wav_rms

    from game.cli import main

    if platform == "macos":
        stand_in("say", YOSEMITE)
    else:
        stand_in("powershell", listing(WINDOWS))
    monkeypatch.setenv(backend.ENV_BACKEND, platform)
    out = tmp_path / "ming.wav"
    assert main(["say", "--story", str(EXAMPLE), "--character", "ming", "--lang", "zh", "--volume", "0.8",
                 "-o", str(out)]) == 0
    assert f"wrote {out}:" in capsys.readouterr().out
    level, seconds = wav_rms(out)
    assert level > 300 and seconds > 3
    calls = [e for e in entries(tmp_path / "log.jsonl") if "pid" in e]
    if platform == "macos":  # one file a line, each in the Mandarin voice, at 22,050 Hz 16-bit
        assert all(e["argv"][:2] == ["-v", "Ting-Ting"] and "--data-format=LEI16@22050" in e["argv"]
                   for e in calls if any("\u4e00" <= ch <= "\u9fff" for ch in e["stdin"]))
        assert len(calls) > 3 and all(e["stdin"].startswith("[[volm 0.80]]") for e in calls)
    else:  # the whole screen in one job
        (call,) = calls
        assert call["job"][:2] == [["rate", 0], ["volume", 80]]
        assert ["say", "Microsoft Huihui Desktop", "售票机读取你的身份证。"] in call["job"]


def test_the_window_shows_in_settings_what_to_install_when_chinese_has_no_voice(stand_in, tmp_path, monkeypatch,
                                                                                   user_home):
    from game import i18n
    from game.modes.settings import Settings
    from game.ui.pilot import Pilot
    from game.ui.speechbridge import _walk

    stand_in("powershell", listing([v for v in WINDOWS if not v[0].startswith("zh")]))
    monkeypatch.setenv(backend.ENV_BACKEND, "windows")
    p = Pilot.start(Path(__file__).resolve().parent.parent / "docs" / "example-story",
                    settings=Settings(speech=True, language="zh"))
    p.key("return")
    p.key("return")
    assert p.screen == "play"
    assert p.app.speech.speaker.wait(timeout=30)
    p.step(2)
    expected = i18n._(winsapi.WinSpeech.no_voice["zh"])  # in the game's language
    assert expected != winsapi.WinSpeech.no_voice["zh"] and "设置 > 时间和语言 > 语音" in expected
    assert p.app.speech.message == expected and p.app.errors == []
    assert all(u.lang != "zh" for u in p.app.speech.speaker.said)  # never by an English voice
    p.tap(key="menu")
    p.tap(key="settings")
    shown: list[tuple[str, str]] = []
    for v in p.app.top.views:
        _walk(v.root, shown)
    assert expected in {t for t, _ in shown}
    if os.environ.get("SPEECH_SCREENSHOT"):  # to look at: the message kept in the Speech group
        for _ in range(12):
            p.wheel(-3)
        p.step(1, dt=10.0)  # the notice has gone; the message stays in Settings
        p.screenshot(os.environ["SPEECH_SCREENSHOT"])
    p.app.speech.close()  # the game closing: its speech processes end with it


def test_each_missing_language_gets_its_own_message():
    mac = macsay.MacSay("say")
    mac._voices, mac._listed = [("Samantha", "en_US")], True
    assert mac.unvoiced({"en"}) == (set(), None)
    assert mac.unvoiced({"en", "zh"}) == ({"zh"}, macsay.MacSay.no_voice["zh"])
    assert mac.unvoiced({"fr"}) == ({"fr"}, macsay.MacSay.no_voice[""])  # never "no English voice" for French
    win = winsapi.WinSpeech("powershell")
    win._voices, win._listed = [("Microsoft Huihui Desktop", "zh-CN")], True
    assert win.unvoiced({"en", "zh"}) == ({"en"}, winsapi.WinSpeech.no_voice["en"])
    win._voices = None  # the voices could not be listed: the default voice is used, nothing is said missing
    assert win.unvoiced({"en", "zh"}) == (set(), None)


def test_windows_speech_that_fails_says_why_once_and_leaves_no_process(stand_in, tmp_path, monkeypatch):
    reason = "Cannot add type. Definition of new types is not supported in this language mode."
    monkeypatch.setenv("FAKE_FAIL", reason)
    stand_in("powershell", listing(WINDOWS))
    sp = Speaker(engine=winsapi.WinSpeech.find())
    sp.speak(SCREEN)
    assert sp.wait(timeout=30)
    assert sp.take_message() == f"Windows speech failed: {reason}"
    assert not sp.available and list(sp.said) == []
    sp.speak(SCREEN)  # silent from now on, without starting anything
    assert sp.wait(timeout=5)
    assert sp.take_message() is None
    sp.close()
    log = entries(tmp_path / "log.jsonl")
    assert len([e for e in log if "started" in e]) <= 3  # the voice list, the screen, at most one started ahead
    for pid in (e["started"] for e in log if "started" in e):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
