"""The state of one run through a life, as plain data that serializes to JSON and back."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from typing import Any

STATE_VERSION = 1


@dataclass
class GameState:
    """Everything that changes while a life is played. Only JSON types, so saves are plain data."""

    life: str
    node: str
    date: str
    place: str
    start: str = "main"  # "main", "short", or "chapter:ID": where the run began (for replay)
    seed: int = 0
    draws: int = 0  # how many random draws were made; with the seed this makes replays exact
    vars: dict[str, Any] = field(default_factory=dict)
    lists: dict[str, dict[str, str]] = field(default_factory=dict)  # list id -> {since, reason}
    points: int | None = None
    points_log: list[dict[str, Any]] = field(default_factory=list)  # {date, points, change, reason}
    appeals: dict[str, dict[str, str]] = field(default_factory=dict)  # proc -> {step, result, since}
    journal: list[dict[str, str]] = field(default_factory=list)  # {date, id, text}
    travels: list[dict[str, Any]] = field(default_factory=list)  # {from, to, by, hours, km, date}
    visits: dict[str, int] = field(default_factory=dict)
    log: list[list[str]] = field(default_factory=list)  # [node, choice] taken, in order
    start_date: str = ""
    ended: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameState:
        """Build a state from saved data; raises ValueError when required fields are missing or odd."""
        if not isinstance(data, dict):
            raise ValueError("the state is not an object")
        known = {f for f in cls.__dataclass_fields__}
        for key in ("life", "node", "date", "place"):
            if not isinstance(data.get(key), str):
                raise ValueError(f"the state's '{key}' is missing or not text")
        kwargs = {k: copy.deepcopy(v) for k, v in data.items() if k in known}
        state = cls(**kwargs)
        _check_types(state)
        return state

    def copy(self) -> GameState:
        return GameState.from_dict(self.to_dict())


def _check_types(s: GameState) -> None:
    expect = {"vars": dict, "lists": dict, "points_log": list, "appeals": dict, "journal": list,
              "travels": list, "visits": dict, "log": list, "seed": int, "draws": int, "start": str}
    for name, typ in expect.items():
        if not isinstance(getattr(s, name), typ):
            raise ValueError(f"the state's '{name}' has the wrong type")
    if s.points is not None and not isinstance(s.points, int):
        raise ValueError("the state's 'points' has the wrong type")
    for entry in s.log:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise ValueError("the state's choice log is damaged")
