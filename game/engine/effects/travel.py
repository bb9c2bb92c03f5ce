"""``travel: {to, by, hours, km}``: go to another place; raises ``travel`` and adds the trip to the map."""

from __future__ import annotations

from typing import Any

from ...i18n import _
from ..model import Effect
from ..shapes import Value, k, req, shape
from ..wording import amount, ngettext
from .base import NOTE, EffectKind, Event, EventKind, Shown, Site, Tr

VALUE = Value("{to, by, hours, km}.", shape=shape("effect_travel", "a journey", "A journey to another place.",
                                                   req("to", "ref", "The place the player goes to."),
                                                   k("by", "text", "How, e.g. slow train."),
                                                   k("hours", "number", "How long the journey takes."),
                                                   k("km", "number", "How far it is.")))


def parse(site: Site) -> Effect | None:
    f = site.fields(VALUE.shape.allowed)
    if f is None:
        return None
    return Effect("travel", {"to": site.reader.ref(f, "to", "place", required=True), "by": site.text(f, "by"),
                             "hours": f.number("hours") if f.has("hours") else None,
                             "km": f.number("km") if f.has("km") else None}, site.loc)


def apply(args: dict[str, Any], rules) -> list[Event]:
    s, places = rules.state, rules.story.world.places
    src, dst, by = places.get(s.place), places[args["to"]], args["by"]
    s.travels.append({"from": s.place, "to": dst.id, "by": by.en if by else "", "by_id": by.id if by else "",
                      "hours": args["hours"], "km": args["km"], "date": s.date})
    s.place = dst.id
    return [Event("travel", {"from_name": src.name if src else dst.name, "to_name": dst.name, "by": by,
                             "hours": args["hours"], "km": args["km"], "to": dst.id, "from": src.id if src else ""})]


def show_travel(d: dict[str, Any], tr: Tr) -> Shown:
    bits = [_("{km} km").format(km=amount(d["km"])) if d.get("km") else "",
            ngettext("{n} hour", "{n} hours", d["hours"]).format(n=amount(d["hours"])) if d.get("hours") else ""]
    extra = _(", ").join(b for b in bits if b)
    places = {"origin": tr(d["from_name"]), "destination": tr(d["to_name"])}
    route = (_("{origin} to {destination} by {mode}").format(mode=tr(d["by"]), **places) if d.get("by")
             else _("{origin} to {destination}").format(**places))
    text = _("{route} ({details}).").format(route=route, details=extra) if extra else _("{route}.").format(route=route)
    return Shown(_("JOURNEY"), text, NOTE, "travel")


KIND = EffectKind("travel", parse, apply, (EventKind("travel", show_travel),), places=lambda args: [args.get("to", "")],
                  value=VALUE)
