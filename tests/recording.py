"""Records what a story does when played, so a change to the engine can be shown to change nothing.

A recording holds, for every life and every start (main, short path, each chapter), seeded random
walks: the nodes visited, the choices taken, every event with its data, and the final state; and
the whole loaded model as JSON (locations, the folder and the files' fingerprint left out, as they
depend on where and how the story was checked out). Two recordings of the same story compare
equal exactly when the engine loads the same model and plays it the same way.

    python -m tests.recording STORY OUT.json   # write a recording
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from game.engine.model import Story, Text
from game.engine.runtime import Session
from game.engine.validate import load_and_validate

SEEDS = 12  # walks per start
MAX_STEPS = 400


def plain(value: Any) -> Any:
    """A model value or event data as JSON-ready data (Text as [id, en]; locations left out)."""
    if isinstance(value, Text):
        return ["$t", value.id, value.en]
    if is_dataclass(value) and not isinstance(value, type):
        out = {"$c": type(value).__name__}
        for f in fields(value):
            if f.name not in ("loc", "root", "fingerprint"):
                out[f.name] = plain(getattr(value, f.name))
        return out
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def starts(story: Story, life_id: str) -> list[str]:
    life = story.lives[life_id]
    out = ["main"] + (["short"] if life.short else [])
    return out + [f"chapter:{c.id}" for c in life.chapters]


def walk(story: Story, life_id: str, start: str, seed: int) -> dict[str, Any]:
    """One seeded random walk to an ending: each step's node, choice and events."""
    session = Session(story, life_id, seed=seed, start=start)
    pick = random.Random(f"{life_id}:{start}:{seed}")
    steps = [{"node": session.state.node, "events": plain(session.last_events)}]
    for _ in range(MAX_STEPS):
        if session.ended:
            break
        choice = pick.choice(session.enabled_choices())
        events = session.choose(choice)
        steps.append({"choice": choice, "node": session.state.node, "events": plain(events)})
    return {"steps": steps, "state": session.state.to_dict()}


def record(path: str | Path) -> dict[str, Any]:
    result = load_and_validate(path)
    story = result.story
    assert story is not None and not result.report.errors, [str(d) for d in result.report.errors[:5]]
    plays = {}
    for life_id in story.lives:
        for start in starts(story, life_id):
            plays[f"{life_id}/{start}"] = [walk(story, life_id, start, seed) for seed in range(SEEDS)]
    return {"model": plain(story), "plays": plays}


def main(argv: list[str]) -> int:
    story, out = argv
    Path(out).write_text(json.dumps(record(story), ensure_ascii=False, sort_keys=True, indent=0) + "\n",
                         encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
