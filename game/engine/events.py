"""Events a choice causes, and their plain-language descriptions for any front end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# kinds: changed, points, grade, listed, delisted, allowed, refused, appeal, journal, time, travel, moved


@dataclass(frozen=True)
class Event:
    """Something that happened, with the data a front end needs to show it."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


Tr = Callable[[Any], str]  # turns a Text (or None) into the string to show


def describe(event: Event, tr: Tr) -> str:
    """One plain line for an event, as the text player prints it and the game window announces it."""
    d = event.data
    k = event.kind
    if k == "listed":
        why = f" ({tr(d['reason'])})" if d.get("reason") else ""
        return f"LISTED: you are now on {tr(d['short'])}{why}."
    if k == "delisted":
        why = f" ({tr(d['reason'])})" if d.get("reason") else ""
        return f"REMOVED: you are no longer on {tr(d['short'])}{why}."
    if k == "refused":
        if d.get("lists"):
            names = " and ".join(tr(n) for n in d["lists"])
            return f"REFUSED: {tr(d['service'])}. You are on {names}."
        return f"REFUSED: {tr(d['service'])}. {d.get('why', 'Your grade is not high enough.')}"
    if k == "allowed":
        return f"ALLOWED: {tr(d['service'])}."
    if k == "points":
        sign = "+" if d["change"] >= 0 else "-"
        return f"POINTS: {sign}{abs(d['change'])} ({tr(d['reason'])}). Now {d['points']}."
    if k == "grade":
        direction = "up" if d["better"] else "down"
        return f"GRADE: {d['old']} to {d['new']} ({direction})."
    if k == "appeal":
        if d.get("result"):
            return f"APPEAL: {tr(d['procedure'])}: {d['result']}."
        limit = f" Time limit: {d['limit_days']} days." if d.get("limit_days") is not None else ""
        return f"APPEAL: {tr(d['procedure'])}: {tr(d['step'])}.{limit}"
    if k == "journal":
        return f"JOURNAL: {tr(d['text'])}"
    if k == "time":
        label = tr(d["label"]) if d.get("label") else f"{d.get('days', 0)} days pass"
        return f"TIME: {label}. It is now {d['date']}."
    if k == "travel":
        bits = [f"{d['km']:g} km" if d.get("km") else "", f"{d['hours']:g} hours" if d.get("hours") else ""]
        extra = ", ".join(b for b in bits if b)
        by = f" by {tr(d['by'])}" if d.get("by") else ""
        return f"JOURNEY: {tr(d['from_name'])} to {tr(d['to_name'])}{by}" + (f" ({extra})." if extra else ".")
    if k == "changed":
        label = tr(d["label"]) if d.get("label") else d["name"]
        unit = f" {tr(d['unit'])}" if d.get("unit") else ""
        return f"{label.upper()}: {_fmt(d['old'])} to {_fmt(d['new'])}{unit}."
    if k == "moved":
        return f"PLACE: {tr(d['name'])}."
    return k.upper()


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)
