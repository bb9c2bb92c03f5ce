"""Words every front end shows the same way: long dates, evidence labels, the disabled-choice line.

They live here, not in the window, so the game window, the text player and speech (which speaks what
the window shows) take them from one place and cannot drift apart.
"""

from __future__ import annotations

from datetime import date

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

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


def long_date(iso: str, lang: str | None = None) -> str:
    """"2016-02-03" as the game shows it: "3 February 2016", or "2016年2月3日" in Chinese."""
    try:
        d = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def not_available(reason: str) -> str:
    """The line under a disabled choice (and the notice when one is picked)."""
    return f"Not available: {reason}" if reason else "Not available"


def evidence_words(level: str) -> tuple[str, str]:
    return EVIDENCE_WORDS.get(level, EVIDENCE_WORDS["dramatized"])
