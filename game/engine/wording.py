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

# evidence level -> (the tag's word, what it means), as the play screen shows them under the text
EVIDENCE_WORDS: dict[str, tuple[str, str]] = {
    "documented": ("DOCUMENTED", "The sources state this."),
    "reported": ("REPORTED", "A source reports this; it is less firm."),
    "dramatized": ("DRAMATIZED", "Invented detail that fits the record."),
}
ENDING_WORD = "ENDING"
READ_DEBRIEF = "Read the debrief"
READ_DEBRIEF_SUB = "What really happened, and what the game invented"
WHAT_HAPPENED = "What just happened"
TERMINAL_TITLE = "Public terminal"
NOTICE_TITLE = "Notice"
PHONE_TITLE = "Phone"


def not_available(reason: str) -> str:
    """The line under a disabled choice (and the notice when one is picked)."""
    return f"Not available: {reason}" if reason else "Not available"


def evidence_words(level: str) -> tuple[str, str]:
    return EVIDENCE_WORDS.get(level, EVIDENCE_WORDS["dramatized"])
