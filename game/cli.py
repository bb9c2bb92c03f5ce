"""The one command line: ``python -m game [window options]`` plays in a window; ``python -m game COMMAND
...`` runs a tool (validate, play --text, explore, map, strings) without a window.

Adding a command is one line in SUBCOMMANDS and one module that defines two functions::

    def add_arguments(parser: argparse.ArgumentParser) -> None: ...   # the command's own options
    def run(args: argparse.Namespace) -> int: ...                      # the exit status

The module is imported only when its command is run (or its own ``--help`` is asked for), so ``--help``
and opening the window import none of them; the window's options are parsed and checked here, before
pygame is imported.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from . import DEFAULT_STORY
from .ui.options import Options

# command -> (module that defines add_arguments and run, one line for --help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("game.text.validate", "check a story and report every problem"),
    "play": ("game.text.player", "play a life (--text: in the terminal)"),
    "explore": ("game.text.explorer", "play every path and report coverage and problems"),
    "map": ("game.text.graph", "write a life's story graph: DOT, Mermaid (.mmd), or .svg/.png (needs Graphviz)"),
    "strings": ("game.text.strings", "list every displayed string id with its hash and English text"),
    "say": ("game.speech.say", "render what the game would speak on one screen to a WAV file"),
    "class-report": ("game.modes.classreport_cmd", "one page of a whole class's results from a folder of run records"),
    "worksheet": ("game.modes.worksheet_cmd", "a printable worksheet and answer key for one life, from the story"),
    "schema": ("game.engine.schema", "write the JSON Schemas editors use to check story files as they are typed"),
}


def _size(value: str) -> tuple[int, int]:
    try:
        w, h = value.lower().split("x")
        size = int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size like 1280x720") from None
    if not (320 <= size[0] <= 10000 and 240 <= size[1] <= 10000):
        raise argparse.ArgumentTypeError("the size must be between 320x240 and 10000x10000")
    return size


def _positive(kind):
    def conv(value: str):
        try:
            v = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
        if v < 0:
            raise argparse.ArgumentTypeError("must not be negative")
        return v
    return conv


def story_lives(argv: list[str]) -> str:
    """The lives of the story a command line would load (its --story, or the shipped one), for --help.

    Only the manifest and each life's top-level ``id`` are read, with PyYAML's safe loader; when that
    cannot be done (no PyYAML yet, a broken file) the help says where to look instead."""
    path = Path(DEFAULT_STORY)
    for i, arg in enumerate(argv):
        if arg == "--story" and i + 1 < len(argv):
            path = Path(argv[i + 1])
        elif arg.startswith("--story="):
            path = Path(arg.split("=", 1)[1])
    root = path.parent if path.is_file() else path
    try:
        import yaml

        manifest = yaml.safe_load((root / "story.yaml").read_text(encoding="utf-8"))
        ids = []
        for rel in manifest.get("lives") or []:
            life = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
            ids.append(str(life.get("id") or Path(rel).stem))
        return ", ".join(ids) + f" in {root}"
    except Exception:  # noqa: BLE001 - help must never fail; it points to the story instead
        return f"a life id of the story at {root}"


def _add_window_options(p: argparse.ArgumentParser, lives: str) -> None:
    w = p.add_argument_group("window options (without a command)")
    w.add_argument("--character", help=f"open this life directly ({lives})")
    w.add_argument("--start", default="main", help="with --character: main, short or chapter:ID")
    w.add_argument("--lang", help="language code of a translation (e.g. zh)")
    w.add_argument("--size", type=_size, default=(1280, 720), help="window size, e.g. 1280x720")
    w.add_argument("--fullscreen", action="store_true", help="fill the screen")
    w.add_argument("--frames", type=_positive(int), help="quit cleanly after this many frames")
    w.add_argument("--quit-after", type=_positive(float), metavar="SECONDS", help="quit cleanly after this long")
    w.add_argument("--autoplay", action="store_true", help="make seeded random choices, life after life")
    w.add_argument("--pace", type=_positive(float), default=1.0, metavar="SECONDS",
                   help="seconds between autoplay choices (default 1)")
    w.add_argument("--seed", type=int, default=0, help="seed for the story's chances and for autoplay")
    w.add_argument("--screenshot-dir", metavar="DIR", help="save a PNG of each new screen here")
    w.add_argument("--story", default=str(DEFAULT_STORY), metavar="PATH", help="story folder")
    w.add_argument("--watch", action="store_true", help="for authors: reload the story each time a file is saved "
                                                      "and put the player back where they were")
    w.add_argument("--classroom", action="store_true", help="classroom mode: a teacher's start screen")
    w.add_argument("--kiosk", action="store_true", help="kiosk mode: fullscreen, touch-first, resets when idle")
    w.add_argument("--export-dir", metavar="DIR", help="classroom: write each run's record here")
    w.add_argument("--group", metavar="LABEL", help="classroom: the group's label in its record, e.g. \"Table 4\" "
                                                   "(never a name)")


def build_parser(command: str | None = None, lives: str = "a life id of the story") -> argparse.ArgumentParser:
    """The whole command line; only ``command``'s module (if any) is imported to add its options.

    ``lives`` names the lives in the help of --character (see ``story_lives``)."""
    p = argparse.ArgumentParser(prog="python -m game", description="On the List: an educational narrative game "
                                "about China's social credit system. Without a command it opens the window.")
    _add_window_options(p, lives)
    sub = p.add_subparsers(dest="command", title="commands (no window)", metavar="COMMAND")
    for name, (module, help_line) in SUBCOMMANDS.items():
        sp = sub.add_parser(name, help=help_line, description=help_line)
        if name == command:
            sp.set_defaults(lives=lives)
            importlib.import_module(module).add_arguments(sp)
    return p


def window_options(a: argparse.Namespace) -> Options:
    return Options(character=a.character, lang=a.lang, size=a.size, fullscreen=a.fullscreen, frames=a.frames,
                   quit_after=a.quit_after, autoplay=a.autoplay, pace=a.pace, seed=a.seed,
                   screenshot_dir=a.screenshot_dir, story=a.story, classroom=a.classroom, kiosk=a.kiosk,
                   export_dir=a.export_dir, start=a.start, group=a.group, watch=a.watch)


def parse_window(argv: list[str]) -> Options:
    """The window's options from a command line without a command (argparse exits on a bad one)."""
    return window_options(build_parser().parse_args(argv))


# What the game needs installed (pyproject.toml); a Python without them gets a sentence, not a traceback.
DEPENDENCIES = {"yaml": "PyYAML", "pygame": "pygame-ce", "babel": "Babel", "pypinyin": "pypinyin",
                "platformdirs": "platformdirs"}


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top not in DEPENDENCIES:
            raise
        handed = hand_over(argv)
        if handed is not None:
            return handed
        print(f"This Python does not have what the game needs ({DEPENDENCIES[top]} is missing). Install it once "
              "with: python3 -m game.bootstrap install, then run the game with .venv/bin/python -m game "
              "(on Windows: .venv\\Scripts\\python -m game).", file=sys.stderr)
        return 2


HANDED = "ON_THE_LIST_HANDED_OVER"  # set for the environment's Python, so a broken environment never loops


def hand_over(argv: list[str] | None) -> int | None:
    """``python3 -m game validate story/`` typed with a Python that lacks the dependencies, in a checkout
    where the README's first command already installed them into the private environment: run the same
    command there (its status; on POSIX the process is replaced). None when there is no such environment,
    or this already is it."""
    from . import bootstrap

    where = bootstrap.venv_dir()
    py = bootstrap.venv_python(where)
    inside = Path(sys.prefix).resolve() == where.resolve()
    if os.environ.get(HANDED) or inside or not py.exists() or bootstrap.read_stamp(where).get("kind") is None:
        return None
    cmd = [str(py), "-m", "game", *(sys.argv[1:] if argv is None else argv)]
    env = dict(os.environ, **{HANDED: "1"})
    sys.stdout.flush()
    if os.name != "nt":
        os.execve(cmd[0], cmd, env)
    import subprocess

    return subprocess.call(cmd, env=env)


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    wants_help = any(a in ("-h", "--help") for a in argv)
    parser = build_parser(command, story_lives(argv) if wants_help else "a life id of the story")
    args = parser.parse_args(argv)
    if getattr(args, "lang", None) is not None and command in (None, "play"):  # the window and the text player
        from . import i18n

        try:
            i18n.check_language(args.lang)
        except i18n.UnknownLanguage as exc:
            parser.error(str(exc))  # exit status 2, with the usage line, like any bad option
    if args.command is None:
        from .ui.app import run_window  # pygame loads here, once the command line is known to be good

        return run_window(window_options(args))
    if command is None:  # "--kiosk validate": the window's options mean nothing to a command
        parser.error(f"the window options go without a command: put '{args.command}' first")
    return int(importlib.import_module(SUBCOMMANDS[command][0]).run(args) or 0)


def main_exit() -> None:
    """Entry point of the ``on-the-list`` console script."""
    sys.exit(main())
