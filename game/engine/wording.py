"""How numbers, counts, dates and sentences are worded in the engine's own lines, in one place, and the
play screen's own words that speech says too.

Every event line the players read goes through these helpers: plurals through gettext (``game.i18n``,
so each language has its own plural rules and words) and dates through Babel's locale data.
"""

from __future__ import annotations

import re
from typing import Any

from .. import i18n

_ENDS_SENTENCE = re.compile(r"[.!?…。！？][\"'”’)\]）」]*$")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]$")  # Chinese text closes with a full-width stop


def ngettext(singular: str, plural: str, n: float) -> str:
    """The form for ``n`` in the current language (gettext takes whole numbers: 1.5 hours is plural)."""
    return i18n.ngettext(singular, plural, int(n) if float(n).is_integer() else 2)


def count(n: float, singular: str, plural: str) -> str:
    """A number with its noun: "1 day", "802 days", "1.5 hours"."""
    return f"{number(n)} {ngettext(singular, plural, n)}"


def number(value: Any) -> str:
    """A value as a player reads it: whole floats without ".0", true/false as yes/no."""
    if isinstance(value, bool):
        return i18n._("yes") if value else i18n._("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def amount(value: Any) -> str:
    """A quantity (money, hours) grouped as the language writes it: "20,000"; true/false as yes/no."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return i18n.format_number(value)
    return number(value)


def format_date(iso: str, lang: str | None = None) -> str:
    """A story date (YYYY-MM-DD, YYYY-MM or YYYY) for reading: "10 May 2016", "May 2016", "2016";
    in Chinese "2016年5月10日". Anything else is shown as written, so a date is never lost."""
    return i18n.format_date(iso, lang)


def sentence(text: str) -> str:
    """Text made a sentence of its own: a capital first letter and a closing full stop when it has none.

    Story text that explains something ("a court listed you. Nobody told you.") is written as
    one or more sentences; setting it after a line in brackets doubled its brackets and stops.
    """
    text = text.strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    if _ENDS_SENTENCE.search(text):
        return text
    return text + ("。" if _CJK.search(text) else ".")


def capital(text: str) -> str:
    """Text with a capital first letter (for a line shown on its own, after a tag)."""
    return text[:1].upper() + text[1:]


# -- words the play screen shows, which speech says too (game.engine.speech) ----------------------------

# These are read in the language in use when they are shown, never when this module is imported:
# ``wording.ENDING_WORD`` is looked up by the module's ``__getattr__`` below, so import the module
# (``from . import wording``), not the names.

# evidence level -> (the tag's word, what it means), as the play screen shows them under the text
_EVIDENCE_WORDS: dict[str, tuple[str, str]] = {
    "documented": (i18n.N_("DOCUMENTED"), i18n.N_("The sources state this.")),
    "reported": (i18n.N_("REPORTED"), i18n.N_("A source reports this; it is less firm.")),
    "dramatized": (i18n.N_("DRAMATIZED"), i18n.N_("Invented detail that fits the record.")),
}
_WORDS = {
    "ENDING_WORD": i18n.N_("ENDING"),
    "READ_DEBRIEF": i18n.N_("Read the debrief"),
    "READ_DEBRIEF_SUB": i18n.N_("What really happened, and what the game invented"),
    "WHAT_HAPPENED": i18n.N_("What just happened"),
    "TERMINAL_TITLE": i18n.N_("Public terminal"),
    "NOTICE_TITLE": i18n.N_("Notice"),
    "PHONE_TITLE": i18n.N_("Phone"),
}


def __getattr__(name: str) -> Any:
    """The fixed words, in the current language (``wording.READ_DEBRIEF``)."""
    if name in _WORDS:
        return i18n._(_WORDS[name])
    if name == "EVIDENCE_WORDS":
        return {level: evidence_words(level) for level in _EVIDENCE_WORDS}
    raise AttributeError(name)


def screen_title(node: Any, tr: Any) -> str:
    """The heading a system or document node shows, as the window draws it and speech and the text
    player say it: the node's ``title`` ("Ticket machine, Beijing West station"), else its speaker, else
    the screen's fixed word (Public terminal, Notice, Phone); a letter without either has none. Other
    nodes have no screen heading ("")."""
    if node.kind not in ("system", "document"):
        return ""
    screen = node.screen or ("terminal" if node.kind == "system" else "letter")
    title = tr(node.title) if node.title else tr(node.speaker) if node.speaker else ""
    fixed = {"terminal": _WORDS["TERMINAL_TITLE"], "notice": _WORDS["NOTICE_TITLE"], "app": _WORDS["PHONE_TITLE"]}
    return title or (i18n._(fixed[screen]) if screen in fixed else "")


def not_available(reason: str) -> str:
    """The line under a disabled choice (and the notice when one is picked)."""
    return i18n._("Not available: {reason}").format(reason=reason) if reason else i18n._("Not available")


def evidence_words(level: str) -> tuple[str, str]:
    word, meaning = _EVIDENCE_WORDS.get(level, _EVIDENCE_WORDS["dramatized"])
    return i18n._(word), i18n._(meaning)
