"""SIGTERM and SIGINT end the real game cleanly (kiosk or not) with 128 + the signal's number, and the
shipped supervisor script starts a kiosk again after that, but not after a staff exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUPERVISOR = ROOT / "docs" / "kiosk" / "on-the-list-kiosk.sh"
STOP = 3.0  # generous: the game ends within one loop nap (50 ms); this only catches a hang
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and a POSIX shell")


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", ON_THE_LIST_HOME=str(home),
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("SDL_NO_SIGNAL_HANDLERS", None)  # the game must set it itself
    return env


def log_of(home: Path) -> str:
    f = home / "logs" / "kiosk.log"
    return f.read_text(encoding="utf-8") if f.exists() else ""


def wait_for(check, what: str, limit: float = 60.0) -> None:
    """Wait until the game is ready (loading the story takes a while on a busy machine)."""
    end = time.monotonic() + limit
    while not check():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@posix
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_kiosk_ends_on_a_stop_signal_and_logs_it(tmp_path, sig):
    proc = subprocess.Popen([sys.executable, "-m", "game", "--kiosk"], cwd=ROOT, env=env_for(tmp_path),
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: "kiosk started" in log_of(tmp_path) or proc.poll() is not None, "the kiosk to start")
        assert proc.poll() is None
        proc.send_signal(sig)
        status = proc.wait(timeout=STOP)  # raises TimeoutExpired if it hangs
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert status == 128 + sig
    assert f"stopped by {sig.name}" in log_of(tmp_path)
    assert f"stopped by {sig.name} (exit status {128 + sig})" in proc.stderr.read()


@posix
def test_the_ordinary_window_ends_on_sigterm_too(tmp_path):
    shots = tmp_path / "shots"
    proc = subprocess.Popen([sys.executable, "-m", "game", "--screenshot-dir", str(shots)], cwd=ROOT,
                            env=env_for(tmp_path), stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: any(shots.glob("*.png")) or proc.poll() is not None, "the first frame")
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        status = proc.wait(timeout=STOP)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert status == 143


def children_of(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@posix
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the game's process in /proc")
def test_the_supervisor_restarts_a_kiosk_stopped_by_sigterm(tmp_path):
    env = env_for(tmp_path) | {"ON_THE_LIST_DIR": str(ROOT), "ON_THE_LIST_PYTHON": sys.executable,
                               "ON_THE_LIST_RESTART_DELAY": "0.2"}
    sup = subprocess.Popen(["sh", str(SUPERVISOR)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: log_of(tmp_path).count("kiosk started") == 1, "the first kiosk")
        first = children_of(sup.pid)
        assert len(first) == 1
        os.kill(first[0], signal.SIGTERM)
        wait_for(lambda: log_of(tmp_path).count("kiosk started") == 2, "the supervisor to start it again")
        second = children_of(sup.pid)
        assert len(second) == 1 and second != first
        assert "stopped by SIGTERM" in log_of(tmp_path)
        sup.send_signal(signal.SIGTERM)  # stopping the supervisor stops the game, with no restart
        assert sup.wait(timeout=10) == 0
    finally:
        if sup.poll() is None:
            sup.kill()
            sup.wait()
    assert not Path(f"/proc/{second[0]}").exists() or "zombie" in Path(f"/proc/{second[0]}/status").read_text()
    assert log_of(tmp_path).count("stopped by SIGTERM") == 2
    assert "ended with status 143; starting it again" in sup.stderr.read()


@posix
def test_the_supervisor_stays_down_after_a_staff_exit(tmp_path):
    runs = tmp_path / "runs"
    fake = tmp_path / "python"  # stands in for the game: a staff exit
    fake.write_text(f"#!/bin/sh\necho run >> '{runs}'\nexit 10\n")
    fake.chmod(0o755)
    env = env_for(tmp_path) | {"ON_THE_LIST_DIR": str(ROOT), "ON_THE_LIST_PYTHON": str(fake),
                               "ON_THE_LIST_RESTART_DELAY": "0.1"}
    assert subprocess.run(["sh", str(SUPERVISOR)], env=env, timeout=30).returncode == 0
    assert runs.read_text().splitlines() == ["run"]
