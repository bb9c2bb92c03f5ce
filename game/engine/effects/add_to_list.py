"""``add_to_list: list`` or ``{list, reason}``: put the person on a list; raises ``listed``."""

from __future__ import annotations

from typing import Any

from ...i18n import _
from ..model import Effect
from ..shapes import Value, k, req, shape
from ..wording import sentence
from .base import BAD, GOOD, EffectKind, Event, EventKind, Shown, Site, Tr

VALUE = Value("A list id, or {list, reason}.", short=k("list", "ref", "The list's id."),
              shape=shape("effect_list_change", "a list change", "A list and why.",
                          req("list", "ref", "The list's id."),
                          k("reason", "text", "Why, as a phrase or sentences shown after the game's words.")))


def parse_list_change(site: Site) -> Effect | None:
    """The reader shared with ``remove_from_list``: a list id, or a mapping with the list and a reason."""
    if isinstance(site.value, str):
        site.reader.refer("list", site.value, site.loc)
        return Effect(site.kind, {"list": site.value, "reason": None}, site.loc)
    f = site.fields(VALUE.shape.allowed)
    if f is None:
        return None
    return Effect(site.kind, {"list": site.reader.ref(f, "list", "list", required=True),
                              "reason": site.text(f, "reason")}, site.loc)


def list_data(lst, reason) -> dict[str, Any]:
    return {"list": lst.id, "name": lst.name, "short": lst.short, "kind": lst.kind, "reason": reason}


def apply(args: dict[str, Any], rules) -> list[Event]:
    lst, s = rules.story.world.lists[args["list"]], rules.state
    if lst.id in s.lists:
        return []
    reason = args["reason"]
    s.lists[lst.id] = {"since": s.date, "reason": reason.en if reason else ""}
    return [Event("listed", list_data(lst, reason))]


def with_reason(line: str, d: dict[str, Any], tr: Tr) -> str:
    return _("{line} {reason}").format(line=line, reason=sentence(tr(d["reason"]))) if d.get("reason") else line


def show_listed(d: dict[str, Any], tr: Tr) -> Shown:
    tone = BAD if d.get("kind", "blacklist") == "blacklist" else GOOD
    return Shown(_("LISTED"), with_reason(_("you are now on {list}.").format(list=tr(d["short"])), d, tr), tone,
                 "list")


KIND = EffectKind("add_to_list", parse_list_change, apply, (EventKind("listed", show_listed),), value=VALUE)
