"""``add_to_list: list`` or ``{list, reason, listed_on, sources}``: put the person on a list; raises ``listed``.

The story's date when the effect runs is the day the player meets the listing (often the day they find
out); the day a court or office really listed someone is often earlier or not known at all. So the
date a source gives is written apart (``listed_on``, with the ``sources`` that give it), and a list is
said to be held "since" a date only when that date is given; otherwise the player "found out on" the
day the effect ran, which claims no more than the story knows.
"""

from __future__ import annotations

from typing import Any

from ...i18n import _
from ..model import Effect
from ..shapes import Value, k, req, shape
from ..wording import format_date, sentence
from .base import BAD, GOOD, EffectKind, Event, EventKind, Shown, Site, Tr

CHANGE = Value("A list id, or {list, reason}.", short=k("list", "ref", "The list's id."),
               shape=shape("effect_list_change", "a list change", "A list and why.",
                           req("list", "ref", "The list's id."),
                           k("reason", "text", "Why, as a phrase or sentences shown after the game's words.")))
VALUE = Value("A list id, or {list, reason, listed_on, sources}.", short=k("list", "ref", "The list's id."),
              shape=shape("effect_list_add", "a listing", "A list, why, and when the sources say it happened.",
                          req("list", "ref", "The list's id."),
                          k("reason", "text", "Why, as a phrase or sentences shown after the game's words."),
                          k("listed_on", "date", "The day the sources say the listing was made, YYYY-MM-DD; "
                                                 "shown as \"since\" that day. Without it the player is told "
                                                 "the day they found out (the story's date)."),
                          k("sources", "ids", "The sources that give listed_on: ids from sources.yaml; "
                                              "needed with listed_on."),
                          needs={"listed_on": ("sources",), "sources": ("listed_on",)}))


def parse_list_change(site: Site) -> Effect | None:
    """The reader shared with ``remove_from_list``: a list id, or a mapping with the list and a reason
    (and, for ``add_to_list``, the documented day of the listing with its sources)."""
    if isinstance(site.value, str):
        site.reader.refer("list", site.value, site.loc)
        return Effect(site.kind, {"list": site.value, "reason": None}, site.loc)
    adding = site.kind == "add_to_list"
    f = site.fields((VALUE if adding else CHANGE).shape.allowed)
    if f is None:
        return None
    args: dict[str, Any] = {"list": site.reader.ref(f, "list", "list", required=True),
                            "reason": site.text(f, "reason")}
    if adding and (f.has("listed_on") or f.has("sources")):  # written only when given: older models stay equal
        args["listed_on"] = f.date("listed_on")
        args["sources"] = site.reader.ids(f, "sources", "source") if f.has("sources") else []
        if f.has("listed_on") and not args["sources"]:
            site.error("E103", "'listed_on' needs 'sources': the sources that give the day of the listing")
        elif not f.has("listed_on"):
            site.error("E103", "'sources' on add_to_list gives where 'listed_on' comes from; add 'listed_on' "
                               "or cite the sources on the node")
    return Effect(site.kind, args, site.loc)


def list_data(lst, reason, listed_on: str = "") -> dict[str, Any]:
    out = {"list": lst.id, "name": lst.name, "short": lst.short, "kind": lst.kind, "reason": reason}
    if listed_on:
        out["listed_on"] = listed_on
    return out


def apply(args: dict[str, Any], rules) -> list[Event]:
    lst, s = rules.story.world.lists[args["list"]], rules.state
    if lst.id in s.lists:
        return []
    reason, listed_on = args["reason"], args.get("listed_on", "")
    s.lists[lst.id] = {"since": s.date, "reason": reason.en if reason else ""}
    if listed_on:
        s.lists[lst.id]["listed_on"] = listed_on
    return [Event("listed", list_data(lst, reason, listed_on))]


def when_listed(info: dict[str, Any]) -> str:
    """How long a list has held the player, as much as is known: "since 22 February 2016" when the
    sources give the day (``listed_on``), else "found out on 9 May 2016" (the story's date when the
    effect ran, ``since``), else nothing. ``info`` is a run's ``state.lists`` entry or a ``listed``
    event's data with ``since`` added."""
    if info.get("listed_on"):
        return _("since {date}").format(date=format_date(info["listed_on"]))
    if info.get("since"):
        return _("found out on {date}").format(date=format_date(info["since"]))
    return ""


def with_reason(line: str, d: dict[str, Any], tr: Tr) -> str:
    return _("{line} {reason}").format(line=line, reason=sentence(tr(d["reason"]))) if d.get("reason") else line


def show_listed(d: dict[str, Any], tr: Tr) -> Shown:
    tone = BAD if d.get("kind", "blacklist") == "blacklist" else GOOD
    return Shown(_("LISTED"), with_reason(_("you are now on {list}.").format(list=tr(d["short"])), d, tr), tone,
                 "list")


KIND = EffectKind("add_to_list", parse_list_change, apply, (EventKind("listed", show_listed),), value=VALUE)
