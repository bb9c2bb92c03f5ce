"""Events that no effect raises: a service tried and allowed or refused, and arriving at a node's place."""

from __future__ import annotations

from typing import Any

from ...i18n import _
from .base import BAD, GOOD, NOTE, EventKind, Shown, Tr


def show_allowed(d: dict[str, Any], tr: Tr) -> Shown:
    return Shown(_("ALLOWED"), _("{service}.").format(service=tr(d["service"])), GOOD, d.get("icon") or "card")


def show_refused(d: dict[str, Any], tr: Tr) -> Shown:
    if d.get("lists"):
        why = _("You are on {lists}.").format(lists=_(" and ").join(tr(n) for n in d["lists"]))
    else:
        why = d.get("why") or _("Your grade is not high enough.")
    return Shown(_("REFUSED"), _("{service}. {why}").format(service=tr(d["service"]), why=why), BAD,
                 d.get("icon") or "card")


def show_moved(d: dict[str, Any], tr: Tr) -> Shown:
    return Shown(_("PLACE"), _("{place}.").format(place=tr(d["name"])), NOTE, "pin")


EVENTS = (EventKind("allowed", show_allowed), EventKind("refused", show_refused), EventKind("moved", show_moved))
