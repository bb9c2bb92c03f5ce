"""``wait: days`` or ``{days, label}``: let time pass; raises ``time`` (which ``date`` raises too)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ...i18n import _
from ..model import Effect
from ..shapes import Value, k, req, shape
from ..wording import amount, format_date, ngettext, sentence
from .base import NOTE, EffectKind, Event, EventKind, Shown, Site, Tr

MAX_WAIT_DAYS = 36500  # a hundred years: longer waits would run past the calendar at play time
_DAYS = dict(minimum=0, maximum=MAX_WAIT_DAYS)
VALUE = Value("Days, or {days, label}.", short=k("days", "int", "Days that pass.", **_DAYS),
              shape=shape("effect_wait", "a wait", "Time that passes.",
                          req("days", "int", "Days that pass.", **_DAYS),
                          k("label", "text", "Said instead of 'N days pass', e.g. Three weeks later.")))


def parse(site: Site) -> Effect | None:
    if isinstance(site.value, int) and not isinstance(site.value, bool):  # the short form: `wait: 21`
        f, label = site.short_form("days"), None
    else:
        f = site.fields(VALUE.shape.allowed)
        if f is None:
            return None
        label = site.text(f, "label")
    days = f.int("days", required=True, minimum=0)
    if days > MAX_WAIT_DAYS:
        f.error("days", "E104", f"a wait of {days} days is too long (at most {MAX_WAIT_DAYS})")
        days = 0
    return Effect("wait", {"days": days, "label": label}, site.loc)


def apply(args: dict[str, Any], rules) -> list[Event]:
    s = rules.state
    try:
        s.date = (date.fromisoformat(s.date) + timedelta(days=args["days"])).isoformat()
    except OverflowError:  # only a story that waits thousands of years reaches the calendar's end
        s.date = date.max.isoformat()
    return [Event("time", {"days": args["days"], "label": args["label"], "date": s.date})]


def show_time(d: dict[str, Any], tr: Tr) -> Shown:
    days = d.get("days", 0)
    said = (tr(d["label"]) if d.get("label")
            else ngettext("{n} day passes", "{n} days pass", days).format(n=amount(days)))
    return Shown(_("TIME"), _("{passed} It is now {date}.").format(passed=sentence(said), date=format_date(d["date"])),
                 NOTE, "clock")


TIME = EventKind("time", show_time)
KIND = EffectKind("wait", parse, apply, (TIME,), value=VALUE)
