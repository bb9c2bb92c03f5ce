"""Events that no effect raises: a service tried and allowed or refused, and arriving at a node's place."""

from __future__ import annotations

from typing import Any

from .base import BAD, GOOD, NOTE, EventKind, Shown, Tr


def show_allowed(d: dict[str, Any], tr: Tr) -> Shown:
    return Shown("ALLOWED", f"{tr(d['service'])}.", GOOD, d.get("icon") or "card")


def show_refused(d: dict[str, Any], tr: Tr) -> Shown:
    if d.get("lists"):
        why = f"You are on {' and '.join(tr(n) for n in d['lists'])}."
    else:
        why = d.get("why", "Your grade is not high enough.")
    return Shown("REFUSED", f"{tr(d['service'])}. {why}", BAD, d.get("icon") or "card")


def show_moved(d: dict[str, Any], tr: Tr) -> Shown:
    return Shown("PLACE", f"{tr(d['name'])}.", NOTE, "pin")


EVENTS = (EventKind("allowed", show_allowed), EventKind("refused", show_refused), EventKind("moved", show_moved))
