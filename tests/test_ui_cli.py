"""The command line: runs end cleanly (--frames, --quit-after), autoplay goes through whole lives and
debriefs, screenshots are written, classroom export lands in --export-dir, kiosk ends cleanly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygame")

from game.cli import parse_window as parse  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


def run(args: list[str], home: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", ON_THE_LIST_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_options_parse():
    o = parse(["--character", "wei", "--size", "800x600", "--frames", "3", "--autoplay", "--pace", "0.5", "--seed",
               "7", "--kiosk", "--export-dir", "x", "--lang", "zh"])
    assert o.character == "wei" and o.size == (800, 600) and o.frames == 3 and o.autoplay and o.pace == 0.5
    assert o.seed == 7 and o.kiosk and o.export_dir == "x" and o.lang == "zh"
    with pytest.raises(SystemExit):
        parse(["--size", "huge"])


def test_frames_ends_cleanly(tmp_path):
    r = run(["--story", str(EXAMPLE), "--frames", "5"], tmp_path)
    assert r.returncode == 0, r.stderr


def test_autoplay_with_screenshots_reaches_debriefs(tmp_path):
    shots = tmp_path / "shots"
    r = run(["--story", str(EXAMPLE), "--autoplay", "--pace", "0.01", "--frames", "60", "--seed", "3",
             "--screenshot-dir", str(shots)], tmp_path)
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert any("debrief" in n for n in names)
    assert sum("debrief" in n for n in names) >= 2  # again and again
    assert "Traceback" not in r.stderr


def test_classroom_autoplay_exports_a_summary(tmp_path):
    out = tmp_path / "out"
    r = run(["--story", str(EXAMPLE), "--classroom", "--autoplay", "--seed", "2", "--pace", "0.02", "--frames",
             "60", "--export-dir", str(out), "--group", "Table 1"], tmp_path)
    assert r.returncode == 0, r.stderr
    import json

    records = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")]
    assert records and len(list(out.glob("*.html"))) == len(records)  # one summary per run, no duplicates
    assert len({r["run_id"] for r in records}) == len(records) and all(r["final"] for r in records)
    finished = [r for r in records if r["status"] == "finished"]
    assert finished and all(r["ending"]["title"] == "Home at last" for r in finished)
    html = [p for p in out.glob("*.html") if p.with_suffix(".json").exists()]
    assert "Home at last" in next(p for p in html if json.loads(p.with_suffix(".json").read_text())["ending"]
                                  ).read_text(encoding="utf-8")


def test_kiosk_quit_after_ends_cleanly(tmp_path):
    r = run(["--story", str(EXAMPLE), "--kiosk", "--quit-after", "1"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "data" / "saves").exists()  # a kiosk writes no saves


def test_broken_story_runs_and_quits(tmp_path):
    r = run(["--story", str(tmp_path / "missing"), "--frames", "5"], tmp_path)
    assert r.returncode == 0, r.stderr


def test_the_window_is_named_for_the_game_not_the_script(monkeypatch):
    from game.ui.window import WM_CLASS, name_windows

    assert WM_CLASS == "on-the-list"
    monkeypatch.setattr(sys, "argv", ["/x/game/__main__.py"])
    monkeypatch.setenv("SDL_VIDEO_X11_WMCLASS", "__main__.py")  # what importing pygame sets
    monkeypatch.delenv("SDL_VIDEO_WAYLAND_WMCLASS", raising=False)
    name_windows()
    assert os.environ["SDL_VIDEO_X11_WMCLASS"] == os.environ["SDL_VIDEO_WAYLAND_WMCLASS"] == "on-the-list"
    monkeypatch.setenv("SDL_VIDEO_X11_WMCLASS", "my-kiosk")  # someone chose a name: kept
    name_windows()
    assert os.environ["SDL_VIDEO_X11_WMCLASS"] == "my-kiosk"


XPROP = """
import os, subprocess, sys, time
import pygame  # as the game does, before the window
from game.ui.pilot import FakeClock
from game.ui.app import App
from game.ui.options import Options
app = App(Options(story=sys.argv[1]), clock=FakeClock(), threaded=False)
app.boot(); app.draw(); time.sleep(0.3)
wid = pygame.display.get_wm_info()["window"]
print(subprocess.run(["xprop", "-id", str(wid), "WM_CLASS", "WM_NAME"], capture_output=True, text=True).stdout)
"""


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("xprop")), reason="needs Xvfb and xprop")
def test_the_x11_window_class_and_title(tmp_path):
    """On a real X server (Xvfb): WM_CLASS is on-the-list (task bars group by it) and the title the game's."""
    env = dict(os.environ, ON_THE_LIST_HOME=str(tmp_path))
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("SDL_VIDEO_X11_WMCLASS", None)
    r = subprocess.run(["xvfb-run", "-a", sys.executable, "-c", XPROP, str(EXAMPLE)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert 'WM_CLASS(STRING) = "on-the-list", "on-the-list"' in r.stdout
    assert '"On the List"' in r.stdout
