"""The functional core stays free of pygame: the engine, the text front ends and the modes import without
it, and so does the command line until it opens the window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

IMPORT_ALL = """
import importlib, json, pkgutil, sys
import game.engine, game.modes, game.text
names = []
for pkg in (game.engine, game.text, game.modes):
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(m.name)
        names.append(m.name)
print(json.dumps({"modules": names, "pygame": sorted(k for k in sys.modules if k.split(".")[0] == "pygame")}))
"""

PARSE_ONLY = """
import json, sys
import game.cli
opts = game.cli.parse_window(["--kiosk", "--lang", "zh", "--size", "1024x768"])
for name in game.cli.SUBCOMMANDS:
    game.cli.build_parser(name)
print(json.dumps({"kiosk": opts.kiosk, "pygame": sorted(k for k in sys.modules if k.split(".")[0] == "pygame")}))
"""


def run(code: str) -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_engine_text_and_modes_import_without_pygame():
    out = run(IMPORT_ALL)
    packages = {name.split(".")[1] for name in out["modules"]}
    assert packages == {"engine", "text", "modes"}
    assert len(out["modules"]) >= 20  # every module, not an empty walk
    assert out["pygame"] == []


def test_the_command_line_is_parsed_without_pygame():
    out = run(PARSE_ONLY)
    assert out["kiosk"] is True
    assert out["pygame"] == []
