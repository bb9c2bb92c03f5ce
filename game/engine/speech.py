"""What the game says aloud: the current screen as a list of utterances, each with its language and
voice role. Pure: no audio here, so it is tested directly, and the window, the text player and
``python -m game say`` speak exactly the same words.

The words are the screen's own: the heading from :func:`wording.format_date`, events from
:func:`events.describe`, the node's text, the choices with their numbers and the disabled line from
:func:`wording.not_available`. Nothing is re-worded for speech; only the order is the reading order.

Languages: a piece of text is spoken in the game's language, except that a run of Chinese characters
inside non-Chinese text (a term such as 失信被执行人名单) becomes its own utterance in Chinese, and
text with no Chinese at all in a Chinese game (an English string the translation lacks, an
interface word) is spoken in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import i18n
from ..cite import cite_list
from . import wording  # its fixed words are read when said, in the language in use then
from .events import Event, describe
from .model import Node, Story
from .runtime import Session
from .wording import evidence_words, format_date, not_available

NARRATION = "narration"  # the narrator: scene text, dialogue, what just happened
SYSTEM = "system"  # a system screen or document: ticket machine, court notice, phone app, letter
INTERFACE = "interface"  # the game's own controls and headings: place and date, choices, buttons
ROLES = (NARRATION, SYSTEM, INTERFACE)

# code point ranges (built into the pattern at import, so no bound is a character in the source's strings)
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # CJK ideographs, extension A, compatibility
CJK_PUNCT_RANGES = ((0x3000, 0x303F), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20), (0x00B7, 0x00B7))  # 。、，（）：· ...


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


_HAN = _char_class(HAN_RANGES)
_CJK_PUNCT = _char_class(CJK_PUNCT_RANGES)
# Chinese characters, with any Chinese punctuation or spaces between them (not around them)
_HAN_RUN = re.compile(f"[{_HAN}]+(?:[{_CJK_PUNCT}\\s]*[{_HAN}]+)*")
_HAS_HAN = re.compile(f"[{_HAN}]")
_SPEAKABLE = re.compile(r"\w", re.UNICODE)
_URL = re.compile(r"\b(?:https?://|www\.)\S+")  # shown for copying; letter by letter it helps no listener


@dataclass(frozen=True)
class Utterance:
    """One piece to say: its text, its language code ("en", "zh") and its voice role. ``joined``: it
    goes on the line the previous utterance began (a Chinese term inside an English sentence), so a
    speech engine that can switch voices mid-sentence says them as one."""

    text: str
    lang: str
    role: str = NARRATION
    joined: bool = False


def runs(text: str, lang: str) -> list[tuple[str, str]]:
    """Split ``text`` into (piece, language) in reading order. Web addresses are left out; pieces with
    nothing to say (a lone bracket) are dropped."""
    text = _URL.sub("", text)
    if lang == "zh":
        # a Chinese game: Latin inside Chinese stays with the Mandarin voice (it reads it as English);
        # a string with no Chinese at all is an English fallback or interface word
        out = [(text.strip(), "zh" if _HAS_HAN.search(text) else "en")]
    else:
        out = []
        pos = 0
        for m in _HAN_RUN.finditer(text):
            out.append((text[pos:m.start()].strip(), lang))
            out.append((m.group(0), "zh"))
            pos = m.end()
        out.append((text[pos:].strip(), lang))
    return [(t, lg) for t, lg in out if _SPEAKABLE.search(t)]


def utterances(text: str, lang: str, role: str = NARRATION) -> list[Utterance]:
    """The utterances for one shown line."""
    return [Utterance(t, lg, role, i > 0) for i, (t, lg) in enumerate(runs(text, lang))]


def lines(items: Iterable[tuple[str, str]], lang: str) -> list[Utterance]:
    """Utterances for (text, role) lines in order: for any screen that lists what it shows."""
    out: list[Utterance] = []
    for text, role in items:
        out += utterances(text, lang, role)
    return out


def game_lang(story: Story, lang: str | None) -> str:
    """The language the story is shown in: ``lang`` when the story has it, else the story's own."""
    return lang if lang and (lang == story.language or lang in story.translations) else story.language


def play_screen(story: Story, session: Session, lang: str | None = None,
                events: list[Event] | None = None) -> list[Utterance]:
    """What the play screen shows, in reading order: place and date, what just happened, the text
    (with a system screen's title), how firm it is, then the choices or the ending."""
    lang = game_lang(story, lang)
    shown: list[tuple[str, str]] = []

    def tr(t) -> str:
        return story.text(t, lang)

    s = session.state
    place = story.world.places.get(s.place)
    shown.append((i18n._("{place}, {date}").format(place=tr(place.name) if place else s.place,  # "北京，2016年5月9日"
                                                    date=format_date(s.date, lang)), INTERFACE))
    events = session.last_events if events is None else events
    if events:
        shown.append((wording.WHAT_HAPPENED, INTERFACE))
        shown += [(describe(e, tr), NARRATION) for e in events]
    view = session.view()
    node = view.node
    text = tr(node.text)
    speaker = tr(node.speaker) if node.speaker else ""
    if node.kind in ("system", "document"):
        title = wording.screen_title(node, tr)  # the heading the window draws, in the same words
        if title:
            shown.append((title, SYSTEM))
        shown.append((text, SYSTEM))
    else:
        if node.kind == "dialogue" and speaker:
            shown.append((speaker, NARRATION))
        shown.append((text, NARRATION))
    shown.append((evidence_line(story, node, lang), INTERFACE))
    if view.is_ending:
        ending = i18n._("{word}: {text}").format(word=wording.ENDING_WORD.capitalize(), text=tr(node.ending.title))
        shown += [(ending, INTERFACE), (wording.READ_DEBRIEF, INTERFACE)]
    else:
        for c in view.choices:
            shown += choice_lines(c.number, tr(c.label), c.enabled, tr(c.reason) if c.reason else "")
    return lines(shown, lang)


def evidence_line(story: Story, node: Node, lang: str) -> str:
    """How firm the scene is, as the window shows it beside its tag, sources included: "Documented. The
    sources state this. Sources: TechNode, 23 October 2018." (in Chinese with its own stops)."""
    word, meaning = evidence_words(node.evidence)
    if node.sources:
        meaning = i18n._("{meaning} Sources: {sources}.").format(
            meaning=meaning, sources=cite_list(story.sources, node.sources, lang, story))
    return i18n._("{word}. {meaning}").format(word=word.capitalize(), meaning=meaning)


def choice_lines(number: int | None, label: str, enabled: bool = True, reason: str = "",
                 sub: str = "") -> list[tuple[str, str]]:
    """A button as shown: its number and label, then its second line (the reason when disabled)."""
    out = [(f"{number}. {label}" if number is not None else label, INTERFACE)]
    second = sub if enabled else not_available(reason)
    if second:
        out.append((second, INTERFACE))
    return out


def control(label: str, lang: str, *, number: int | None = None, enabled: bool = True, reason: str = "",
            sub: str = "") -> list[Utterance]:
    """The utterances for a focused control: what its button shows."""
    return lines(choice_lines(number, label, enabled, reason, sub), lang)


def as_text(utts: Iterable[Utterance]) -> str:
    """The utterances as one line each (for logs, tests and the text player's echo)."""
    return "\n".join(u.text for u in utts)
