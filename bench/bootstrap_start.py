"""How much the README's play command adds to a start once the game is installed, and that it works offline.

Times ``python3 -m game.bootstrap play`` against ``.venv/bin/python -m game`` (the direct start), each
opening the window at a life's first scene under SDL's dummy drivers, alternating the two so both see the same
machine load. The bootstrap runs with the network made unreachable (a proxy on a closed port, pip
told not to use an index), so a start that tried to install would fail here. Target: at most 1.2x.

Run with the Python you start the game with, after ``python3 -m game.bootstrap install``:
    python3 bench/bootstrap_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import bootstrap  # noqa: E402  (standard library only, like the bootstrap itself)

OFFLINE = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""}


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0 or "Installing" in done.stdout:
        sys.exit(f"{' '.join(cmd)} failed or reinstalled (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    if not bootstrap.is_installed(bootstrap.venv_dir(), "play"):
        sys.exit("Install first: python3 -m game.bootstrap install")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", **OFFLINE)
    game_args = ["--character", "wei", "--frames", "3"]  # start to the first scene of a life, as a player would
    direct = [str(bootstrap.venv_python()), "-m", "game", *game_args]
    via = [sys.executable, "-m", "game.bootstrap", "play", *game_args]
    timed(direct, env)  # warm the file cache and the story cache for both
    d, b = [], []
    for _ in range(args.runs):
        d.append(timed(direct, env))
        b.append(timed(via, env))
    md, mb = statistics.median(d), statistics.median(b)
    print(f"direct start (.venv python -m game): median {md * 1000:.0f} ms over {args.runs} runs")
    print(f"bootstrap play, offline:             median {mb * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio bootstrap/direct: {mb / md:.2f}x (target: at most 1.20x)")
    return 0 if mb / md <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
