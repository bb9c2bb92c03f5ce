"""The rules of the world: what lists refuse, what grades bring, and how effects change the state.

Everything here reads the world from the story's data; the code holds only the mechanisms
(joint punishment, redlist grants, grade bands, appeal steps, dates).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

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
        s = self.state
        w = self.story.world
        a = eff.args
        k = eff.kind
        if k == "set":
            out = []
            for name, tree, _src in a["values"]:
                old = self.lookup(name)
                new = self.eval(tree)
                var = self.life.variables.get(name)
                whole = isinstance(new, float) and new.is_integer()
                if var is not None and not isinstance(var.initial, bool) and whole:
                    new = int(new)
                s.vars[name] = new
                if var is not None and var.show and old != new:
                    out.append(Event("changed", {"name": name, "label": var.label, "unit": var.unit,
                                                 "old": old, "new": new}))
            return out
        if k == "points":
            if self.scheme is None:
                return []
            before_grade = self.grade()
            before = s.points if s.points is not None else self.scheme.start
            s.points = before + a["change"]
            s.points_log.append({"date": s.date, "points": s.points, "change": a["change"],
                                 "reason": a["reason"].en if a["reason"] else "",
                                 "reason_id": a["reason"].id if a["reason"] else ""})
            out = [Event("points", {"change": a["change"], "reason": a["reason"], "points": s.points,
                                    "before": before})]
            after_grade = self.grade()
            if after_grade != before_grade:
                better = self.scheme.rank(after_grade) < self.scheme.rank(before_grade)
                out.append(Event("grade", {"old": before_grade, "new": after_grade, "better": better}))
            return out
        if k == "add_to_list":
            lst = w.lists[a["list"]]
            if lst.id in s.lists:
                return []
            s.lists[lst.id] = {"since": s.date, "reason": a["reason"].en if a["reason"] else ""}
            return [Event("listed", {"list": lst.id, "name": lst.name, "short": lst.short, "kind": lst.kind,
                                     "reason": a["reason"]})]
        if k == "remove_from_list":
            lst = w.lists[a["list"]]
            if lst.id not in s.lists:
                return []
            del s.lists[lst.id]
            return [Event("delisted", {"list": lst.id, "name": lst.name, "short": lst.short, "kind": lst.kind,
                                       "reason": a["reason"]})]
        if k == "appeal":
            proc = w.procedures[a["procedure"]]
            entry = s.appeals.setdefault(proc.id, {"step": "", "result": "", "since": s.date})
            if a["step"]:
                step = proc.step(a["step"])
                entry.update(step=a["step"], result="", since=s.date)
                return [Event("appeal", {"procedure": proc.name, "procedure_id": proc.id, "step": step.name,
                                         "step_id": step.id, "text": step.text, "limit_days": step.limit_days})]
            entry["result"] = a["result"]
            return [Event("appeal", {"procedure": proc.name, "procedure_id": proc.id, "result": a["result"]})]
        if k == "journal":
            t = a["text"]
            s.journal.append({"date": s.date, "id": t.id, "text": t.en})
            return [Event("journal", {"text": t, "date": s.date})]
        if k == "wait":
            try:
                s.date = (date.fromisoformat(s.date) + timedelta(days=a["days"])).isoformat()
            except OverflowError:  # only a story that waits thousands of years reaches the calendar's end
                s.date = date.max.isoformat()
            return [Event("time", {"days": a["days"], "label": a["label"], "date": s.date})]
        if k == "date":
            old = s.date
            s.date = a["date"]
            return [Event("time", {"days": (date.fromisoformat(s.date) - date.fromisoformat(old)).days,
                                   "label": None, "date": s.date})]
        if k == "travel":
            src = w.places.get(s.place)
            dst = w.places[a["to"]]
            trip = {"from": s.place, "to": dst.id, "by": a["by"].en if a["by"] else "",
                    "by_id": a["by"].id if a["by"] else "", "hours": a["hours"], "km": a["km"], "date": s.date}
            s.travels.append(trip)
            s.place = dst.id
            return [Event("travel", {"from_name": src.name if src else dst.name, "to_name": dst.name,
                                     "by": a["by"], "hours": a["hours"], "km": a["km"], "to": dst.id,
                                     "from": src.id if src else ""})]
        raise ValueError(f"unknown effect {k}")  # pragma: no cover
