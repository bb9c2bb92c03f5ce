"""Every effect kind, each defined once in its own module, and every event kind they raise.

A story's effect ``kind: value`` is read, applied and shown through the kind registered here under
that name. Adding a kind is one module with a ``KIND`` (see ``base.EffectKind``) listed below, its
row in docs/story-format.md, and its tests; the loader, rules and front ends need no change.
"""

from __future__ import annotations

from typing import Any

from ..model import Effect
from . import add_to_list, appeal, date, flag, journal, outcomes, points, remove_from_list, travel, wait
from . import set as set_
from .base import NOTE, EffectKind, Event, EventKind, Shown, Site, Tr

# In the order the documentation and error messages list them.
KINDS: dict[str, EffectKind] = {m.KIND.name: m.KIND for m in (
    set_, flag, points, add_to_list, remove_from_list, appeal, journal, wait, date, travel)}
NAMES = tuple(KINDS)
EVENTS: dict[str, EventKind] = {e.name: e for e in (*outcomes.EVENTS, *(e for k in KINDS.values() for e in k.events))}


def read(site: Site) -> Effect | None:
    """The effect written at ``site`` (its kind must be registered), or None after reporting why not."""
    return KINDS[site.kind].parse(site)


def apply(effect: Effect, rules: Any) -> list[Event]:
    """Apply one effect to the run the rules hold; the events it raised."""
    run = KINDS[effect.kind].apply
    if run is None:  # pragma: no cover - kinds without apply are read as another kind
        raise ValueError(f"effect kind '{effect.kind}' is read as another kind and never applied")
    return run(effect.args, rules)


def places(effect: Effect) -> list[str]:
    """The places an effect can take the player to (for a life's map)."""
    where = KINDS[effect.kind].places
    return where(effect.args) if where is not None else []


def show(event: Event, tr: Tr) -> Shown:
    kind = EVENTS.get(event.kind)
    return kind.show(event.data, tr) if kind is not None else Shown(event.kind.upper(), "", NOTE, "info")


__all__ = ["EVENTS", "KINDS", "NAMES", "EffectKind", "Event", "EventKind", "Shown", "Site", "apply", "places",
           "read", "show"]
