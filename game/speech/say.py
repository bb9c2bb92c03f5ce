"""``python -m game say``: render what the game would speak on one screen to a WAV file, so an author
can hear a scene and tests can check the sound. The screen is reached the way a player reaches it:
a life, a start, then choices by the numbers the screen shows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine import speech
from ..engine.model import Story
from ..engine.runtime import InvalidChoice, Session
from . import backend


def parse_choices(value: str) -> list[int]:
    """"1,2,3" -> [1, 2, 3]; argparse turns the ValueError into a usage message."""
    out = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isascii() or not part.isdigit() or len(part) > 6:
            raise argparse.ArgumentTypeError(f"'{part}' is not a choice number")
        out.append(int(part))
    return out


def in_range(lo: float, hi: float):
    """An argparse type: a number from lo to hi."""

    def parse(value: str) -> float:
        try:
            x = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
        if not lo <= x <= hi:  # also refuses nan
            raise argparse.ArgumentTypeError(f"{value} is not between {lo:g} and {hi:g}")
        return x

    return parse


def reach(story: Story, life_id: str, start: str, numbers: list[int], seed: int = 0) -> Session:
    """The session after taking the choices by their shown numbers. Raises ValueError saying which
    number could not be taken and why."""
    if life_id not in story.lives:
        raise ValueError(f"no life '{life_id}'; choose one of: {', '.join(story.lives)}")
    try:
        session = Session(story, life_id, seed=seed, start=start)
    except KeyError as exc:
        raise ValueError(f"cannot start: {exc.args[0]}") from exc
    for step, n in enumerate(numbers, 1):
        view = session.view()
        if view.is_ending:
            raise ValueError(f"choice {step} ({n}): the life has already ended")
        hit = next((c for c in view.choices if c.number == n), None)
        if hit is None:
            raise ValueError(f"choice {step} ({n}): this screen has choices 1 to {len(view.choices)}")
        if not hit.enabled:
            raise ValueError(f"choice {step} ({n}) is not available: {story.text(hit.reason)}")
        try:
            session.choose(hit.id)
        except InvalidChoice as exc:
            raise ValueError(f"choice {step} ({n}): {exc}") from exc
    return session


def run(args: argparse.Namespace) -> int:
    """The screen's words in ``--lang``, the interface's too (as the window and the text player say them)."""
    from .. import i18n

    before = i18n.current()
    try:
        i18n.use(args.lang)
    except i18n.UnknownLanguage:
        i18n.use(None)  # a story language the interface lacks: its own words in English; the story is checked below
    try:
        return _say(args)
    finally:
        i18n.use(before)


def _say(args: argparse.Namespace) -> int:
    from .. import DEFAULT_STORY
    from ..text.common import load_or_report

    story = load_or_report(args.story or DEFAULT_STORY)
    if story is None:
        return 1
    if args.lang and args.lang != story.language and args.lang not in story.translations:
        have = ", ".join([story.language, *story.translations])
        print(f"this story has no language '{args.lang}'; it has: {have}", file=sys.stderr)
        return 1
    try:
        session = reach(story, args.character, args.start, args.choices or [], args.seed)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    utts = speech.play_screen(story, session, args.lang)
    if args.print:
        for u in utts:
            print(f"[{u.lang} {u.role}] {u.text}")
    try:
        rate, pcm = backend.render(utts, backend.Voice(args.rate, args.volume))
        backend.write_wav(args.output, rate, pcm)
    except backend.SpeechUnavailable as exc:
        print(f"cannot speak: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    seconds = len(pcm) / 2 / rate
    print(f"wrote {args.output}: {len(utts)} utterances, {seconds:.1f} s")
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--character", required=True, help="the life (wei, li_xiaolin, rongcheng)")
    p.add_argument("--lang", help="language code of a translation (default: the story's own)")
    p.add_argument("--start", default="main", help="main, short, or chapter:ID")
    p.add_argument("--choices", type=parse_choices, default=[],
                   help="choices to take first, by the numbers shown, e.g. 1,2,1")
    p.add_argument("-o", "--output", required=True, type=Path, help="the WAV file to write")
    p.add_argument("--story", help="story folder (default: the shipped story)")
    p.add_argument("--seed", type=int, default=0, help="seed for any randomness (default 0)")
    p.add_argument("--rate", type=in_range(0.5, 2.0), default=1.0, help="speech rate, 0.5 to 2.0 (default 1.0)")
    p.add_argument("--volume", type=in_range(0.0, 1.0), default=1.0, help="volume, 0.0 to 1.0 (default 1.0)")
    p.add_argument("--print", action="store_true", help="also print each utterance with its language and voice")
