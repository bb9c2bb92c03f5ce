"""``journal: text``: add an entry to the person's journal; raises ``journal``."""

from __future__ import annotations

from typing import Any

from ...i18n import _
from ..model import Effect
from ..shapes import Value, req
from .base import NOTE, EffectKind, Event, EventKind, Shown, Site, Tr

VALUE = Value("The text of the journal entry.", short=req("journal", "words", "The entry."))


def parse(site: Site) -> Effect | None:
    if not isinstance(site.value, str) or not site.value.strip():
        site.error("E102", "'journal' should be the text of the entry")
        return None
    return Effect("journal", {"text": site.reader.own_text(f"{site.sid}.journal", site.value.strip(), site.loc)},
                  site.loc)


def apply(args: dict[str, Any], rules) -> list[Event]:
    t, s = args["text"], rules.state
    s.journal.append({"date": s.date, "id": t.id, "text": t.en})
    return [Event("journal", {"text": t, "date": s.date})]


def show_journal(d: dict[str, Any], tr: Tr) -> Shown:
    return Shown(_("JOURNAL"), tr(d["text"]), NOTE, "book")


KIND = EffectKind("journal", parse, apply, (EventKind("journal", show_journal),), value=VALUE)
