"""One-command setup from a fresh checkout: ``python3 -m game.bootstrap play`` or ``... test``.

It creates a private virtual environment in ``.venv`` (so it works where the system Python refuses
``pip install``, as on recent Debian, Ubuntu and Homebrew), installs the game into it, then plays or
runs the tests. It uses only the standard library, so it runs before anything is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    exe = "python.exe" if os.name == "nt" else "python"
    return VENV / sub / exe


def ensure_venv() -> Path:
    py = venv_python()
    if not py.exists():
        print(f"Creating a private Python environment in {VENV} ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
        except Exception as exc:  # e.g. Debian without python3-venv (no ensurepip)
            sys.exit(f"Could not create a virtual environment ({exc}).\n"
                     "On Debian or Ubuntu, install it first:  sudo apt install python3-venv")
    return py


def install(py: Path, extra: str) -> None:
    target = f".[{extra}]" if extra else "."
    print(f"Installing the game ({target}) ...", flush=True)
    cmd = [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target]
    if subprocess.call(cmd, cwd=ROOT) != 0:
        sys.exit("Installation failed; see the messages above.")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    what = argv[0] if argv else "play"
    rest = argv[1:]
    if what not in ("play", "test", "install"):
        print("usage: python3 -m game.bootstrap [play|test|install] [arguments...]")
        return 2
    py = ensure_venv()
    install(py, "test" if what == "test" else "")
    if what == "install":
        return 0
    if what == "test":
        return subprocess.call([str(py), "-m", "pytest", *rest], cwd=ROOT)
    return subprocess.call([str(py), "-m", "game", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
