"""The rules of the world: what lists refuse, what grades bring, and how effects change the state.

Everything here reads the world from the story's data; the code holds only the mechanisms
(joint punishment, redlist grants, grade bands, appeal steps, dates).
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from . import effects as effect_kinds
from . import expr as ex
from .events import Event
from .model import Effect, Life, Story
from .state import GameState


class Rules:
    """Applies effects and answers questions about one life's state."""

    def __init__(self, story: Story, life: Life, state: GameState) -> None:
        self.story = story
        self.life = life
        self.state = state
        self.scheme = story.world.schemes.get(life.scheme) if life.scheme else None

    # -- expression environment ------------------------------------------------------------------
    def lookup(self, name: str) -> Any:
        s = self.state
        if name in s.vars:
            return s.vars[name]
        if name == "points":
            return s.points if s.points is not None else 0
        if name == "grade":
            return self.grade()
        if name == "days":
            return self.days()
        var = self.life.variables.get(name)
        return var.initial if var else 0

    def call(self, name: str, args: list[Any]) -> Any:
        s = self.state
        if name == "on_list":
            return args[0] in s.lists
        if name == "can_use":
            return not self.refusal(args[0])
        if name == "visited":
            return s.visits.get(args[0], 0) > 0
        if name == "visits":
            return s.visits.get(args[0], 0)
        if name == "chose":
            return [args[0], args[1]] in s.log
        if name == "grade_at_least":
            return self.grade_at_least(args[0])
        if name == "appeal_at":
            a = s.appeals.get(args[0])
            return bool(a) and a.get("step") == args[1] and not a.get("result")
        if name == "appeal_result":
            return (s.appeals.get(args[0]) or {}).get("result", "")
        if name == "chance":
            return self.draw() * 100 < args[0]
        raise ValueError(f"unknown function {name}")  # the validator prevents this

    def eval(self, tree: Any) -> Any:
        return ex.evaluate(tree, self)

    def draw(self) -> float:
        """A reproducible random number: the seed and the count of earlier draws fix it."""
        value = random.Random(f"{self.state.seed}:{self.state.draws}").random()
        self.state.draws += 1
        return value

    # -- points and grades -----------------------------------------------------------------------
    def grade(self) -> str:
        if self.scheme is None or self.state.points is None:
            return ""
        return self.scheme.grade_for(self.state.points)

    def grade_at_least(self, grade_id: str) -> bool:
        if self.scheme is None or self.state.points is None:
            return False
        return self.scheme.rank(self.grade()) <= self.scheme.rank(grade_id)

    def days(self) -> int:
        try:
            return (date.fromisoformat(self.state.date) - date.fromisoformat(self.state.start_date)).days
        except ValueError:
            return 0

    # -- services --------------------------------------------------------------------------------
    def refusal(self, service_id: str) -> dict[str, Any] | None:
        """Why a service would be refused now, or None when it is allowed."""
        w = self.story.world
        blocking = [w.lists[lid] for lid in self.state.lists
                    if lid in w.lists and w.lists[lid].kind == "blacklist" and service_id in w.lists[lid].restricts]
        if blocking:
            return {"lists": [lst.short for lst in blocking], "list_ids": [lst.id for lst in blocking]}
        svc = w.services.get(service_id)
        if svc is not None and svc.requires is not None and not self.eval(svc.requires):
            granted = any(lid in w.lists and w.lists[lid].kind == "redlist" and service_id in w.lists[lid].grants
                          for lid in self.state.lists)
            if not granted:
                return {"lists": [], "list_ids": [], "why": "It needs a higher grade than you have now."}
        return None

    def attempt(self, service_id: str) -> Event:
        svc = self.story.world.services[service_id]
        refused = self.refusal(service_id)
        if refused is None:
            return Event("allowed", {"service": svc.name, "service_id": service_id, "icon": svc.icon})
        return Event("refused", {"service": svc.name, "service_id": service_id, "icon": svc.icon, **refused})

    def restricted_services(self) -> list[str]:
        """Every service the lists the person is on refuse now (for the ID-card panel)."""
        w = self.story.world
        out: list[str] = []
        for lid in self.state.lists:
            lst = w.lists.get(lid)
            if lst is not None and lst.kind == "blacklist":
                out.extend(s for s in lst.restricts if s not in out)
        return out

    # -- effects ---------------------------------------------------------------------------------
    def apply(self, effects: list[Effect]) -> list[Event]:
        events: list[Event] = []
        for eff in effects:
            events.extend(self.apply_one(eff))
        return events

    def apply_one(self, eff: Effect) -> list[Event]:
        """Apply one effect as its kind defines (see game/engine/effects/)."""
        return effect_kinds.apply(eff, self)
