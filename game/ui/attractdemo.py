"""The attract loop's demonstration: a short path of each life, played by itself from the story data.

:func:`plan` walks a life's short path (its whole path when it has none) in a private session, taking at
each scene the choice a visitor would most likely try (an attempt that can be refused, else the first one
open), and keeps what the attract screen shows of each scene: the scene, its choices, the one taken,
and whether it was a refusal. It stops a scene after the first refusal (or at an ending, or after
MAX_SCENES), then ends on the map of the journeys made. No pygame here, and nothing of a visitor: the
session is the demo's own and is dropped once the plan is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..engine.model import Node, Story
from ..engine.runtime import ChoiceView, Session

MAX_SCENES = 6


@dataclass(frozen=True)
class Beat:
    """One thing the attract loop shows for a while: a life's introduction, a scene, or the map."""

    kind: str  # "intro", "scene" or "map"
    life: str
    node: Node | None = None
    choices: tuple[ChoiceView, ...] = ()
    chosen: str = ""  # the choice the demo takes at the end of the beat
    events: tuple[Any, ...] = ()  # what entering the scene caused (a refusal...)
    place: str = ""
    date: str = ""
    places: tuple[str, ...] = ()  # map: the life's places
    travels: tuple[dict, ...] = field(default_factory=tuple)  # map: the journeys made

    @property
    def refused(self) -> bool:
        return any(e.kind == "refused" for e in self.events)


def _pick(node: Node, choices: list[ChoiceView]) -> ChoiceView | None:
    """The choice the demo takes: an attempt that can be refused first (the moment that carries a life),
    else the first open one."""
    open_ = [c for c in choices if c.enabled]
    attempts = {c.id for c in node.choices if c.refused}
    return next((c for c in open_ if c.id in attempts), open_[0] if open_ else None)


def plan(story: Story, life_id: str, seed: int = 0) -> list[Beat]:
    """The beats of one life's demonstration (see the module's docstring)."""
    life = story.lives[life_id]
    s = Session(story, life_id, seed=seed, start="short" if life.short else "main")
    beats = [Beat("intro", life_id)]
    after_refusal = -1
    for _ in range(MAX_SCENES):
        view = s.view()
        events = tuple(s.last_events)
        choice = None if view.is_ending else _pick(view.node, view.choices)
        beat = Beat("scene", life_id, view.node, tuple(view.choices), choice.id if choice else "", events,
                    s.state.place, s.state.date)
        beats.append(beat)
        if beat.refused and after_refusal < 0:
            after_refusal = 1
        elif after_refusal > 0:
            after_refusal -= 1
        if choice is None or after_refusal == 0:
            break
        s.choose(choice.id)
    beats.append(Beat("map", life_id, place=s.state.place, date=s.state.date, places=tuple(life.place_ids()),
                      travels=tuple(dict(t) for t in s.state.travels)))
    return beats


def visit_minutes(story: Story, life_ids: list[str]) -> int:
    """The longest visit a kiosk offers: the lives' short paths (a life without one: its whole length)."""
    return max((life.short.minutes if life.short else life.minutes
                for lid, life in story.lives.items() if lid in life_ids), default=0)
