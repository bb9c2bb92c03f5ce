"""The README's one-command setup: installs from the lock once, then starts with no install and no network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from game import bootstrap

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the files an install depends on, so changing them does not touch the checkout."""
    (tmp_path / "requirements").mkdir()
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for lock in bootstrap.LOCK_FOR.values():
        shutil.copy(ROOT / "requirements" / lock, tmp_path / "requirements" / lock)
    monkeypatch.setattr(bootstrap, "ROOT", tmp_path)
    monkeypatch.setattr(bootstrap, "LOCKS", tmp_path / "requirements")
    env = tmp_path / "env"
    bootstrap.venv_python(env).parent.mkdir(parents=True)
    bootstrap.venv_python(env).write_text("")
    return tmp_path, env


def test_an_install_is_recorded_and_a_change_to_the_lock_or_metadata_asks_for_another(project):
    root, env = project
    assert not bootstrap.is_installed(env, "play")
    bootstrap.write_stamp(env, "play")
    assert bootstrap.is_installed(env, "play")
    assert not bootstrap.is_installed(env, "test"), "the play lock lacks the test tools"
    with open(root / "requirements" / "play.lock", "a", encoding="utf-8") as f:
        f.write("# changed\n")
    assert not bootstrap.is_installed(env, "play")
    bootstrap.write_stamp(env, "test")
    assert bootstrap.is_installed(env, "play") and bootstrap.is_installed(env, "test")
    (root / "pyproject.toml").write_text((root / "pyproject.toml").read_text() + "\n# edited\n")
    assert not bootstrap.is_installed(env, "test")


@pytest.mark.parametrize("damage", ["", "{not json", "[1, 2]", '{"format": 999, "kind": "play"}'])
def test_a_damaged_record_means_install_again_not_a_crash(project, damage):
    _, env = project
    (env / bootstrap.STAMP_NAME).write_text(damage, encoding="utf-8")
    assert not bootstrap.is_installed(env, "play")


def _bare_env(path: Path) -> Path:
    """A real virtual environment with nothing installed in it, not even pip."""
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(path)
    return path


def test_a_second_start_needs_no_network_and_installs_nothing(tmp_path):
    env = _bare_env(tmp_path / "env")
    bootstrap.write_stamp(env, "play")
    run = subprocess.run([sys.executable, "-m", "game.bootstrap", "play", "--help"], cwd=ROOT,
                         env=dict(os.environ, ON_THE_LIST_VENV=str(env), **OFFLINE),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Installing" not in run.stdout
    assert "--classroom" in run.stdout, "the game's own --help answered, from the recorded environment"


def test_an_install_that_cannot_happen_says_so_without_a_traceback(tmp_path):
    env = _bare_env(tmp_path / "env")  # no pip in it, and no network: the install must fail
    run = subprocess.run([sys.executable, "-m", "game.bootstrap", "play", "--help"], cwd=ROOT,
                         env=dict(os.environ, ON_THE_LIST_VENV=str(env), **OFFLINE),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "Installation failed" in run.stderr and "Traceback" not in run.stderr
    assert not bootstrap.is_installed(env, "play")


def _pins(lock: str) -> dict[tuple[str, str], str]:
    pins = {}
    for line in (ROOT / "requirements" / lock).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            req, _, marker = line.rstrip(" \\").partition(";")
            name, version = req.strip().split("==")
            pins[(name.lower(), marker.strip())] = version
    return pins


def test_the_locks_pin_every_dependency_with_hashes_and_agree():
    play, test = _pins("play.lock"), _pins("test.lock")
    names = {name for name, _ in play}
    assert {"pygame-ce", "pyyaml", "platformdirs", "setuptools"} <= names
    assert {"pytest", "hypothesis", "ruff"} <= {name for name, _ in test}
    for key, version in play.items():
        assert test.get(key) == version, f"{key[0]}: the play and test locks pin different versions"
    for lock in bootstrap.LOCK_FOR.values():
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        blocks = [b for b in text.split("\n") if b and not b.startswith((" ", "#"))]
        assert text.count("--hash=sha256:") >= len(blocks), f"{lock}: every pin carries its hashes"


def test_a_python_without_the_dependencies_gets_a_sentence_not_a_traceback(tmp_path):
    env = _bare_env(tmp_path / "env")
    nothing = tmp_path / "never-installed"  # no private environment to hand the command to
    run = subprocess.run([str(bootstrap.venv_python(env)), "-m", "game", "validate", "story"], cwd=ROOT,
                         env=dict(os.environ, ON_THE_LIST_VENV=str(nothing)),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "is missing). Install it once with: python3 -m game.bootstrap install" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(os.name == "nt", reason="the stand-in for the environment's Python is a shell script")
def test_a_python_without_the_dependencies_hands_the_command_to_the_installed_environment(tmp_path):
    """After the README's first command, `python3 -m game validate story/` typed with the system Python (which
    lacks the dependencies) runs in the private environment instead of stopping with a sentence."""
    bare = _bare_env(tmp_path / "bare")
    installed = tmp_path / "installed"  # stands in for .venv: its python is the test run's own
    py = bootstrap.venv_python(installed)
    py.parent.mkdir(parents=True)
    py.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    py.chmod(0o755)
    bootstrap.write_stamp(installed, "play")
    run = subprocess.run([str(bootstrap.venv_python(bare)), "-m", "game", "validate", "story"], cwd=ROOT,
                         env=dict(os.environ, ON_THE_LIST_VENV=str(installed)),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "1 story checked: 0 errors, 0 warnings" in run.stdout
    assert "is missing" not in run.stderr
    (installed / bootstrap.STAMP_NAME).unlink()  # no record of an install: nothing to hand over to
    run = subprocess.run([str(bootstrap.venv_python(bare)), "-m", "game", "validate", "story"], cwd=ROOT,
                         env=dict(os.environ, ON_THE_LIST_VENV=str(installed)),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "is missing" in run.stderr
