"""One-command setup from a fresh checkout: ``python3 -m game.bootstrap play`` or ``... test``.

It creates a private virtual environment in ``.venv`` (so it works where the system Python refuses
``pip install``, as on recent Debian, Ubuntu and Homebrew), installs the exact versions the tests
passed with from the hash-checked lock files in ``requirements/``, then plays or runs the tests. It
uses only the standard library, so it runs before anything is installed.

What was installed is recorded in the environment (a fingerprint of ``pyproject.toml``, the lock and
the Python version), so a second start installs nothing: it opens at once, and works with no network.

Maintainers: ``python3 -m game.bootstrap latest`` tests against the newest versions that
``pyproject.toml`` allows, in a separate ``.venv-latest``, and says which packages drifted from the lock.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"
STAMP_NAME = "on-the-list-install.json"
STAMP_FORMAT = 1
# Each way of using the game installs one lock; the test lock holds everything the play lock does.
LOCK_FOR = {"play": "play.lock", "test": "test.lock"}
COVERS = {"play": {"play"}, "test": {"play", "test"}}


def venv_dir() -> Path:
    """The private environment; ``ON_THE_LIST_VENV`` moves it (used by the tests and the benchmark)."""
    return Path(os.environ.get("ON_THE_LIST_VENV") or ROOT / ".venv")


def venv_python(where: Path | None = None) -> Path:
    where = where or venv_dir()
    sub, exe = ("Scripts", "python.exe") if os.name == "nt" else ("bin", "python")
    return where / sub / exe


def fingerprint(kind: str) -> str:
    """What an install of ``kind`` depends on: the project's metadata, its lock and this Python."""
    h = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCKS / LOCK_FOR[kind]):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(".".join(map(str, sys.version_info[:2])).encode())
    return h.hexdigest()


def read_stamp(where: Path) -> dict:
    """The record of the last install, or an empty one when there is none or it cannot be read."""
    try:
        data = json.loads((where / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == STAMP_FORMAT else {}


def write_stamp(where: Path, kind: str) -> None:
    """Record an install atomically, so an interrupted write never looks like a finished install."""
    data = {"format": STAMP_FORMAT, "kind": kind, "fingerprint": fingerprint(kind)}
    tmp = where / (STAMP_NAME + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, where / STAMP_NAME)


def is_installed(where: Path, kind: str) -> bool:
    """True when the environment already holds an install that covers ``kind`` and is up to date."""
    stamp = read_stamp(where)
    have = stamp.get("kind")
    return have in COVERS and kind in COVERS[have] and stamp.get("fingerprint") == fingerprint(have) \
        and venv_python(where).exists()


def ensure_venv(where: Path) -> Path:
    import venv  # only on an install: a start that installs nothing should not pay for it

    py = venv_python(where)
    if not py.exists():
        print(f"Creating a private Python environment in {where} ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=False).create(where)
        except Exception as exc:  # e.g. Debian without python3-venv (no ensurepip)
            sys.exit(f"Could not create a virtual environment ({exc}).\n"
                     "On Debian or Ubuntu, install it first:  sudo apt install python3-venv")
    return py


def pip(py: Path, *args: str) -> int:
    import subprocess

    return subprocess.call([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", *args], cwd=ROOT)


def install(where: Path, kind: str) -> None:
    """Install the locked versions (hash-checked), then the game itself, editable, without a network build."""
    py = ensure_venv(where)
    print(f"Installing the game and the exact versions it was tested with ({kind}) ...", flush=True)
    lock = str(LOCKS / LOCK_FOR[kind])
    if pip(py, "--require-hashes", "--no-deps", "-r", lock) != 0 or \
            pip(py, "--no-deps", "--no-build-isolation", "-e", ".") != 0:
        sys.exit("Installation failed; see the messages above. The first start needs a network connection "
                 "(later starts do not).")
    write_stamp(where, kind)


def run(cmd: list[str]) -> int:
    """Hand over to the game or the tests; on POSIX the process is replaced, so nothing waits in between."""
    if os.name != "nt":
        sys.stdout.flush()
        os.chdir(ROOT)
        os.execv(cmd[0], cmd)
    import subprocess

    return subprocess.call(cmd, cwd=ROOT)


def latest() -> int:
    """Maintainers: test with the newest versions pyproject.toml allows, and name what drifted from the lock."""
    import subprocess

    where = ROOT / ".venv-latest"
    py = ensure_venv(where)
    print("Installing the newest versions pyproject.toml allows into .venv-latest ...", flush=True)
    if pip(py, "--upgrade", "-e", ".[test]") != 0:
        return 1
    out = subprocess.run([str(py), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
                         capture_output=True, text=True, check=True).stdout
    installed = {d["name"].lower(): d["version"] for d in json.loads(out)}
    locked = {}
    for line in (LOCKS / LOCK_FOR["test"]).read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(";")[0].strip().split("==")
            locked[name.lower()] = version.strip(" \\")
    build_only = {"setuptools"}  # requirements/build.in: the editable build, not something the game runs on
    drift = sorted(f"{n} {installed[n]} (lock: {v})" for n, v in locked.items()
                   if n in installed and installed[n] != v and n not in build_only)
    code = subprocess.call([str(py), "-m", "pytest", "-q", "-x"], cwd=ROOT)
    print("\nInstalled versions that differ from the lock: " + (", ".join(drift) if drift else "none"))
    if code == 0:
        print("The tests pass with the newest versions." + (" Refresh the lock (see README, 'For maintainers')."
                                                            if drift else ""))
    else:
        print("The tests FAIL with the newest versions: the lock keeps users on the tested ones. "
              "Fix the code (or narrow the range in pyproject.toml) before refreshing the lock.")
    return code


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    what = argv[0] if argv else "play"
    rest = argv[1:]
    if what == "latest":
        return latest()
    if what not in ("play", "test", "install"):
        print("usage: python3 -m game.bootstrap [play|test|install|latest] [arguments...]")
        return 2
    kind = "test" if what in ("test", "install") else "play"
    where = venv_dir()
    if not is_installed(where, kind):
        install(where, kind)
    if what == "install":
        return 0
    py = str(venv_python(where))
    if what == "test":
        return run([py, "-m", "pytest", *rest])
    return run([py, "-m", "game", *rest])


if __name__ == "__main__":
    sys.exit(main())
