"""The loader's quick readers for common nodes, choices and effects give what the careful ones give.

The quick path takes only shapes it knows to be valid and hands anything else to the careful field
readers, which report what is wrong. These tests load stories both ways and compare everything the
loader produces: the report, the references and expressions for the validator, the string table,
the text locations and the model, on the shipped stories and on many mutated copies of them.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

from game.engine.loader import LoadResult, load_story
from game.engine.validate import validate

ROOT = Path(__file__).resolve().parent.parent
STORIES = [ROOT / "story", ROOT / "docs" / "example-story", ROOT / "tests" / "fixtures" / "runtime_story"]


def everything(result: LoadResult, check: bool = True) -> list[str]:
    """All a load gives, as text, with the validator's findings on top when ``check`` is set."""
    if check:
        validate(result)
    story = result.story
    return [
        repr([str(d) for d in result.report.items]),
        repr(result.refs),
        repr([(e.src, e.tree, e.loc, e.life, e.want, e.var) for e in result.exprs]),
        repr(list(result.text_locs.items())),
        repr(list(story.strings.items()) if story else None),
        repr({lid: life for lid, life in story.lives.items()} if story else None),
    ]


def same_both_ways(root: Path, check: bool = True) -> None:
    quick, careful = everything(load_story(root), check), everything(load_story(root, lean=False), check)
    for part, (a, b) in enumerate(zip(quick, careful)):
        assert a == b, f"part {part} differs for {root}"


@pytest.mark.parametrize("root", STORIES, ids=lambda p: p.name)
def test_stories_load_the_same_both_ways(root: Path) -> None:
    same_both_ways(root)


# Values a field may be given in a mutation: right and wrong types, empty, blank, odd ids.
ODD_VALUES = [None, "", "   ", "x", "Bad Id", "narration", "system", "document", "terminal", "documented",
              "money > 1", "money >", 0, 7, -3, 2.5, True, False, ["src"], ["src", 3], [], {"a": 1}, {},
              {"change": 2, "reason": "r"}, {"change": True, "reason": "r"}, {"change": 2}, {"change": 2, "reason": ""},
              {"change": 2, "reason": "r", "x": 1}, {"money": "money - 1"}, {"money": 3}, {"money": True},
              {"nope": "1"}]
NODE_KEYS = ["id", "kind", "screen", "title", "shows_grade", "speaker", "place", "evidence", "sources", "text",
             "effects", "choices", "next", "ending", "extra"]
CHOICE_KEYS = ["id", "label", "if", "reason", "effects", "attempt", "to", "refused", "extra"]
EFFECT_KINDS = ["set", "points", "flag", "journal", "wait", "add_to_list", "nope"]


def mutate(data: dict, rng: random.Random) -> None:
    """Change, add or remove one field of a node, a choice or an effect."""
    nodes = data.get("nodes") or []
    if not nodes:
        return
    node = rng.choice(nodes)
    target, keys = node, NODE_KEYS
    choices = node.get("choices")
    if isinstance(choices, list) and choices and rng.random() < 0.5:
        target, keys = rng.choice(choices), CHOICE_KEYS
    effects = target.get("effects")
    if isinstance(effects, list) and effects and rng.random() < 0.3:
        effect = rng.choice(effects)
        if isinstance(effect, dict) and effect:
            kind = next(iter(effect))
            if rng.random() < 0.3:
                effect[rng.choice(EFFECT_KINDS)] = effect.pop(kind)
            else:
                effect[kind] = rng.choice(ODD_VALUES)
            return
    key = rng.choice(keys)
    if rng.random() < 0.25:
        target.pop(key, None)
    else:
        target[key] = rng.choice(ODD_VALUES)


@pytest.mark.parametrize("seed", range(6))
def test_mutated_stories_load_the_same_both_ways(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    source = STORIES[seed % len(STORIES)]
    for attempt in range(8):
        root = tmp_path / f"story{attempt}"
        shutil.copytree(source, root)
        lives = sorted((root / "lives").glob("*.yaml"))
        path = rng.choice(lives)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for _ in range(rng.randint(1, 4)):
            mutate(data, rng)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
        same_both_ways(root)


def _first(items: list, test) -> dict:
    return next(item for item in items if isinstance(item, dict) and test(item))


# Fewer values for the exhaustive test: one of each kind the quick path must refuse or take.
FIELD_VALUES = [None, "", "   ", "x", "Bad Id", "system", "terminal", "documented", 7, True, ["src", 3], ["src"],
                {"a": 1}]
EFFECT_VALUES = [{"change": 2, "reason": "r"}, {"change": True, "reason": "r"}, {"change": 2.5, "reason": "r"},
                 {"change": 2}, {"change": 2, "reason": "  "}, {"change": 2, "reason": 5}, {"change": 2, "why": "r"},
                 {"change": 2, "reason": "r", "x": 1},
                 {"money": "money - 1"}, {"money": 3}, {"money": True}, {"money": ""}, {"money": "money >"}, {}, 4]


# Changes to how a node goes on, each of which the quick path must hand to the careful one or report
# as it does (a repeated choice id).
NODE_WAYS = {
    "a repeated choice id": lambda node: node["choices"].append(dict(node["choices"][0])),
    "choices and next": lambda node: node.update(next=node["choices"][0]["to"]),
    "choices and an ending": lambda node: node.update(ending={"title": "End", "debrief": "d"}),
    "a choice that is text": lambda node: node["choices"].append("go"),
    "no choices": lambda node: node.update(choices=[]),
    "choices of nothing": lambda node: node.update(choices=None),
}


def field_cases() -> list[tuple[str, str, object]]:
    """(where, key, value) for every odd value in every field of a node, a choice and an effect."""
    cases: list[tuple[str, str, object]] = [("node", key, v) for key in NODE_KEYS for v in FIELD_VALUES]
    cases += [("choice", key, v) for key in CHOICE_KEYS for v in FIELD_VALUES]
    cases += [("effect", kind, v) for kind in ("points", "set") for v in EFFECT_VALUES]
    return cases


def test_every_odd_value_in_every_field_loads_the_same_both_ways(tmp_path: Path) -> None:
    """Exhaustive over fields and values, so each check of the quick path is met by a value it must refuse."""
    root = tmp_path / "story"
    shutil.copytree(STORIES[1], root)
    path = root / "lives" / "ming.yaml"
    original = yaml.safe_load(path.read_text(encoding="utf-8"))
    for where, key, value in field_cases():
        data = yaml.safe_load(yaml.safe_dump(original))  # a deep copy
        node = _first(data["nodes"], lambda n: n.get("choices"))
        if where == "choice":
            target = _first(node["choices"], lambda c: True)
        elif where == "effect":
            target = {}
            node.setdefault("effects", []).insert(0, target)
        else:
            target = node
        target[key] = value
        path.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
        same_both_ways(root, check=False)
    for change in NODE_WAYS.values():
        data = yaml.safe_load(yaml.safe_dump(original))
        change(_first(data["nodes"], lambda n: n.get("choices")))
        path.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
        same_both_ways(root, check=False)
    path.write_text(yaml.safe_dump(original, sort_keys=False, width=200), encoding="utf-8")
    same_both_ways(root)
