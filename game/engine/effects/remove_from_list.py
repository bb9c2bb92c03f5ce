"""``remove_from_list: list`` or ``{list, reason}``: take the person off a list; raises ``delisted``."""

from __future__ import annotations

from typing import Any

from ...i18n import _
from .add_to_list import CHANGE, list_data, parse_list_change, with_reason
from .base import BAD, GOOD, EffectKind, Event, EventKind, Shown, Tr


def apply(args: dict[str, Any], rules) -> list[Event]:
    lst, s = rules.story.world.lists[args["list"]], rules.state
    if lst.id not in s.lists:
        return []
    del s.lists[lst.id]
    return [Event("delisted", list_data(lst, args["reason"]))]


def show_delisted(d: dict[str, Any], tr: Tr) -> Shown:
    tone = GOOD if d.get("kind", "blacklist") == "blacklist" else BAD
    return Shown(_("REMOVED"), with_reason(_("you are no longer on {list}.").format(list=tr(d["short"])), d, tr),
                 tone, "list")


KIND = EffectKind("remove_from_list", parse_list_change, apply, (EventKind("delisted", show_delisted),),
                  value=CHANGE)
