"""The text player: any life in a terminal, in plain lines a screen reader can follow."""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import TextIO

from .. import DEFAULT_STORY, i18n
from ..cite import cite_list
from ..engine import wording
from ..engine.events import describe
from ..engine.model import Life, Story, Text
from ..engine.runtime import InvalidChoice, NodeView, Session
from ..engine.wording import format_date, not_available, number
from ..i18n import N_, _, format_number, ngettext
from ..ui.options import Options
from .common import load_or_report, no_such_life

WIDTH = 78
HELP = N_("Type the number of a choice. Other commands: u = undo the last choice, j = journal, "
          "s = status (lists, points), h = help, q = quit.")


class TextPlayer:
    """Plays one life, reading commands from ``ask`` and writing plain lines to ``out``."""

    def __init__(self, story: Story, session: Session, ask: Callable[[str], str | None], out: TextIO,
                 lang: str | None = None, voice=None) -> None:
        self.story = story
        self.session = session
        self.out = out
        self.lang = lang
        self.voice = voice  # a game.speech.textvoice.TextVoice for --speak, or None
        self._on_screen = False  # printing a screen: speech says it with the window's utterances
        self._events: list = []
        self.ask = ask if voice is None else _flushing(ask, voice)

    def tr(self, t) -> str:
        return self.story.text(t, self.lang)

    def say(self, text: str = "") -> None:
        if not text:
            print("", file=self.out)
            return
        for para in text.split("\n"):
            # long words and hyphens stay whole, so a web address can be copied from the terminal
            line = fill(para, WIDTH) if para.strip() else ""
            print(line, file=self.out)
        if self.voice is not None and not self._on_screen:
            self.voice.line(text, "narration")

    def run(self) -> int:
        life = self.session.life
        self.say(_("{title}: {player}").format(title=self.tr(life.title), player=self.tr(life.player)))
        self.say(ngettext("{period}. About {n} minute.", "{period}. About {n} minutes.", life.minutes).format(
            period=self.tr(life.period), n=life.minutes))
        self.say(_("Content note: {note}").format(note=self.tr(life.content_note)))
        self.say(_(HELP))
        self.show_events(self.session.last_events)
        while True:
            view = self.session.view()
            self.show_node(view)
            if view.is_ending:
                self.show_debrief(view)
                return 0
            while True:
                line = self.ask("> ")
                if line is None:
                    self.say(_("(end of input)"))
                    return 0
                cmd = line.strip().lower()
                if cmd in ("q", "quit", "exit"):
                    self.say(_("Goodbye."))
                    return 0
                if cmd in ("h", "help", "?"):
                    self.say(_(HELP))
                    continue
                if cmd in ("j", "journal"):
                    self.show_journal()
                    continue
                if cmd in ("s", "status"):
                    self.show_status()
                    continue
                if cmd in ("u", "undo"):
                    if self.session.undo():
                        self.say(_("Undone: back to the previous choice."))
                        self.show_events([])
                        break
                    self.say(_("There is nothing to undo."))
                    continue
                chosen = self.pick(view, cmd)
                if chosen is None:
                    continue
                try:
                    events = self.session.choose(chosen)
                except InvalidChoice as exc:
                    self.say(_("That choice is not available: {reason}.").format(reason=exc))
                    continue
                self.show_events(events)
                break

    def pick(self, view: NodeView, cmd: str) -> str | None:
        if cmd == "" and len(view.choices) == 1 and view.choices[0].enabled:
            return view.choices[0].id
        n = _number(cmd)
        if n is None:
            self.say(_("Unknown command '{command}'. {help}").format(command=cmd, help=_(HELP)))
            return None
        for c in view.choices:
            if c.number == n:
                if not c.enabled:
                    self.say(not_available(self.tr(c.reason)))
                    return None
                return c.id
        self.say(_("There is no choice {n}.").format(n=n))
        return None

    def show_node(self, view: NodeView) -> None:
        self._on_screen = True
        try:
            self._print_node(view)
        finally:
            self._on_screen = False
        if self.voice is not None:
            from ..engine.speech import play_screen

            self.voice.screen(play_screen(self.story, self.session, self.lang, self._events))

    def _print_node(self, view: NodeView) -> None:
        node = view.node
        s = self.session.state
        place = self.story.world.places.get(s.place)
        self.say()
        self.say(_("== {place}, {date} ==").format(place=self.tr(place.name) if place else s.place,
                                                    date=format_date(s.date, self.lang)))
        tag = {"documented": _("Documented."), "reported": _("Reported."),
               "dramatized": _("Dramatized.")}[node.evidence]
        if node.sources:
            tag = _("{evidence} Sources: {sources}.").format(
                evidence=tag, sources=cite_list(self.story.sources, node.sources, self.lang, self.story))
        self.say(f"[{tag}]")
        title = wording.screen_title(node, self.tr)  # the window's heading and what speech says, word for word
        if title:
            self.say(f"[{title}]")
        if view.illustration is not None:
            self.say(_("[Picture: {alt}]").format(alt=self.tr(view.illustration.alt)))
        text = self.tr(node.text)
        if node.speaker is not None:
            text = _("{speaker}: {text}").format(speaker=self.tr(node.speaker), text=text)
        self.say(text)
        if view.is_ending:
            return
        self.say()
        for c in view.choices:
            if c.enabled:
                self.say(f"{c.number}. {self.tr(c.label)}")
            else:
                self.say(_("{n}. {label} (not available: {reason})").format(n=c.number, label=self.tr(c.label),
                                                                            reason=self.tr(c.reason)))

    def show_events(self, events) -> None:
        self._events = list(events)
        self._on_screen = True
        try:
            for e in events:
                self.say(describe(e, self.tr))
        finally:
            self._on_screen = False

    def show_journal(self) -> None:
        s = self.session.state
        if not s.journal:
            self.say(_("The journal is empty."))
            return
        self.say(_("Journal:"))
        for entry in s.journal:
            text = self.tr(Text(entry["id"], entry["text"]))  # in the player's language
            self.say(_("- {date}: {text}").format(date=format_date(entry["date"], self.lang), text=text))

    def show_status(self) -> None:
        s = self.session.state
        w = self.story.world
        lists = [self.tr(w.lists[lid].name) for lid in s.lists if lid in w.lists]
        self.say(_("On lists: {lists}").format(lists=_("; ").join(lists) if lists else _("none")))
        refused = [self.tr(w.services[sid].name) for sid in self.session.rules.restricted_services()]
        if refused:
            self.say(_("Refused now: {services}").format(services=_("; ").join(refused)))
        if s.points is not None:
            self.say(_("Points: {points}, grade {grade}").format(points=s.points, grade=self.session.rules.grade()))
        for name, var in self.session.life.variables.items():
            if var.show:
                value = s.vars.get(name)
                shown = format_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
                    else number(value)
                if var.unit:
                    shown = _("{value} {unit}").format(value=shown, unit=self.tr(var.unit))
                self.say(_("{label}: {value}").format(label=self.tr(var.label) if var.label else name, value=shown))

    def show_debrief(self, view: NodeView) -> None:
        """The debrief, part by part, asking each myth-or-fact claim before answering it."""
        from .debrief import DebriefPager  # imported here to keep this change local (the imports above are busy)

        ending = view.node.ending
        debrief = self.session.life.debriefs.get(ending.debrief)
        DebriefPager(self.story, self.say, self.ask, self.tr, lang=self.lang).run(ending, debrief)



_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
_TOKEN = re.compile(r"(?:https?|ftp)://\S+|[^\s\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+|\s+|.")
_NO_LINE_START = set("，。、；：？！）》」』”’…%,.;:?!)")  # closing punctuation stays on the line before
_NO_LINE_END = set("（《「『“‘(")


def fill(text: str, width: int = WIDTH) -> str:
    """Text wrapped to ``width`` terminal columns. Chinese has no spaces to break at: it breaks between
    any two characters (each two columns wide), never before a closing mark or after an opening one;
    Latin words and web addresses stay whole, so they can be copied."""
    if not _WIDE.search(text):
        return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)
    lines: list[str] = []
    line, cols = "", 0
    for tok in _TOKEN.findall(text):
        w = sum(2 if _WIDE.match(ch) else 1 for ch in tok)
        if tok.isspace():
            if line:
                line, cols = line + " ", cols + 1
            continue
        if line and cols + w > width and tok[0] not in _NO_LINE_START:
            carry = ""
            while line and line[-1] in _NO_LINE_END:  # an opening mark goes down with what it opens
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line = carry
            cols = sum(2 if _WIDE.match(ch) else 1 for ch in line)
        line, cols = line + tok, cols + w
    lines.append(line.rstrip())
    return "\n".join(lines)


def _flushing(ask: Callable[[str], str | None], voice) -> Callable[[str], str | None]:
    """``ask`` that first says what was printed since the last prompt."""

    def wrapped(prompt: str) -> str | None:
        voice.flush()
        return ask(prompt)

    return wrapped


def _number(cmd: str) -> int | None:
    """The choice number typed, or None (also for "²" or a thousand digits, which int() refuses)."""
    if not cmd.isascii() or not cmd.isdigit() or len(cmd) > 9:
        return None
    return int(cmd)


def choose_life(story: Story, ask: Callable[[str], str | None], out: TextIO,
                lang: str | None = None) -> Life | None:
    lives = list(story.lives.values())
    print(_("Choose a life:"), file=out)
    for i, life in enumerate(lives, 1):
        print(ngettext("{n}. {title}: {player} ({period}, about {minutes} minute)",
                       "{n}. {title}: {player} ({period}, about {minutes} minutes)", life.minutes).format(
            n=i, title=story.text(life.title, lang), player=story.text(life.player, lang),
            period=story.text(life.period, lang), minutes=life.minutes), file=out)
    while True:
        line = ask("> ")
        if line is None or line.strip().lower() in ("q", "quit"):
            return None
        n = _number(line.strip())
        if n is not None and 1 <= n <= len(lives):
            return lives[n - 1]
        print(_("Type a number from 1 to {n}, or q to quit.").format(n=len(lives)), file=out)


def script_reader(lines: list[str], out: TextIO) -> Callable[[str], str | None]:
    it: Iterator[str] = iter(line.rstrip("\n") for line in lines if not line.lstrip().startswith("#"))

    def ask(prompt: str) -> str | None:
        line = next(it, None)
        if line is not None:
            print(f"{prompt}{line}", file=out)
        return line

    return ask


def stdin_reader(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:
        return None


def run(args: argparse.Namespace) -> int:
    if not args.text:
        from ..ui.app import run_window  # the window, and pygame, only when asked for

        return run_window(Options(character=args.character, lang=args.lang, seed=args.seed, start=args.start,
                                  story=args.story or str(DEFAULT_STORY)))
    before = i18n.current()
    try:
        i18n.use(args.lang)  # the player's own words; the story's follow with self.lang
    except i18n.UnknownLanguage as exc:
        print(f"python -m game play: error: {exc}", file=sys.stderr)
        return 2
    try:
        return _play(args)
    finally:
        i18n.use(before)  # a caller in the same process (a test, a tool) keeps its language


def _play(args: argparse.Namespace) -> int:
    story = load_or_report(args.story or DEFAULT_STORY)
    if story is None:
        return 1
    out = sys.stdout
    if args.script:
        try:
            with open(args.script, encoding="utf-8") as fh:
                ask = script_reader(fh.readlines(), out)
        except OSError as exc:
            print(_("cannot read the script {path}: {problem}").format(path=args.script, problem=exc.strerror),
                  file=sys.stderr)
            return 1
    else:
        ask = stdin_reader
    if args.character:
        if args.character not in story.lives:
            no_such_life(story, args.character, args.story or DEFAULT_STORY)
            return 1
        life = story.lives[args.character]
    else:
        life = choose_life(story, ask, out, args.lang)
        if life is None:
            return 0
    try:
        session = Session(story, life.id, seed=args.seed, start=args.start)
    except KeyError as exc:
        print(_("cannot start: {problem}").format(problem=exc.args[0]), file=sys.stderr)
        return 1
    voice = None
    if args.speak or args.speak_to:
        from ..engine.speech import game_lang
        from ..speech.textvoice import TextVoice

        voice = TextVoice(game_lang(story, args.lang), rate=args.speech_rate, volume=args.speech_volume,
                          folder=args.speak_to, wait=bool(args.script))
        voice.check(story.text(story.title, args.lang))  # no sound device: said now, not after "Goodbye"
    try:
        return TextPlayer(story, session, ask, out, args.lang, voice).run()
    finally:
        if voice is not None:
            voice.close()


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text", action="store_true", help="play in the terminal with numbered choices")
    p.add_argument("--character", help=f"the life to play ({p.get_default('lives') or 'a life id of the story'})")
    p.add_argument("--script", help="read choices from this file, one per line")
    p.add_argument("--story", help="story folder (default: the shipped story)")
    p.add_argument("--seed", type=int, default=0, help="seed for any randomness (default 0)")
    p.add_argument("--start", default="main", help="main, short, or chapter:ID")
    p.add_argument("--lang", help="language code of a translation")
    from ..speech.textvoice import add_speech_options

    add_speech_options(p)
