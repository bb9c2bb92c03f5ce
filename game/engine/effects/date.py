"""``date: YYYY-MM-DD``: set the story's date; raises ``time`` with the days between, as ``wait`` does."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Effect
from ..shapes import Value, req
from .base import EffectKind, Event, Site
from .wait import TIME

VALUE = Value("The new date, YYYY-MM-DD.", short=req("date", "date", "The new date, YYYY-MM-DD."))


def parse(site: Site) -> Effect | None:
    if not isinstance(site.value, str):
        site.error("E102", "'date' should be a date written YYYY-MM-DD")
        return None
    d = site.short_form("date").date("date", required=True)
    return Effect("date", {"date": d}, site.loc) if d else None


def apply(args: dict[str, Any], rules) -> list[Event]:
    s = rules.state
    old, s.date = s.date, args["date"]
    return [Event("time", {"days": (date.fromisoformat(s.date) - date.fromisoformat(old)).days, "label": None,
                           "date": s.date})]


KIND = EffectKind("date", parse, apply, (TIME,), value=VALUE)
