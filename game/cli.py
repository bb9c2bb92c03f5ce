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
import sys

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


def _add_window_options(p: argparse.ArgumentParser) -> None:
    w = p.add_argument_group("window options (without a command)")
    w.add_argument("--character", help="open this life directly (wei, li_xiaolin, rongcheng)")
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
    w.add_argument("--classroom", action="store_true", help="classroom mode: a teacher's start screen")
    w.add_argument("--kiosk", action="store_true", help="kiosk mode: fullscreen, touch-first, resets when idle")
    w.add_argument("--export-dir", metavar="DIR", help="classroom: write each run's summary here")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; only ``command``'s module (if any) is imported to add its options."""
    p = argparse.ArgumentParser(prog="python -m game", description="On the List: an educational narrative game "
                                "about China's social credit system. Without a command it opens the window.")
    _add_window_options(p)
    sub = p.add_subparsers(dest="command", title="commands (no window)", metavar="COMMAND")
    for name, (module, help_line) in SUBCOMMANDS.items():
        sp = sub.add_parser(name, help=help_line, description=help_line)
        if name == command:
            importlib.import_module(module).add_arguments(sp)
    return p


def window_options(a: argparse.Namespace) -> Options:
    return Options(character=a.character, lang=a.lang, size=a.size, fullscreen=a.fullscreen, frames=a.frames,
                   quit_after=a.quit_after, autoplay=a.autoplay, pace=a.pace, seed=a.seed,
                   screenshot_dir=a.screenshot_dir, story=a.story, classroom=a.classroom, kiosk=a.kiosk,
                   export_dir=a.export_dir, start=a.start)


def parse_window(argv: list[str]) -> Options:
    """The window's options from a command line without a command (argparse exits on a bad one)."""
    return window_options(build_parser().parse_args(argv))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    parser = build_parser(command)
    args = parser.parse_args(argv)
    if args.command is None:
        from .ui.app import run_window  # pygame loads here, once the command line is known to be good

        return run_window(window_options(args))
    if command is None:  # "--kiosk validate": the window's options mean nothing to a command
        parser.error(f"the window options go without a command: put '{args.command}' first")
    return int(importlib.import_module(SUBCOMMANDS[command][0]).run(args) or 0)


def main_exit() -> None:
    """Entry point of the ``on-the-list`` console script."""
    sys.exit(main())
