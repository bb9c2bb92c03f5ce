"""Story loading benchmark: synthetic stories of 1,000, 10,000 and 50,000 nodes in the real format.

For each size it prints the time to load, to load and validate, and to load from the cache, each
also as a ratio to ``json.loads`` of the same data measured in the same run (so the figures compare
across machines), then how the time per node grows with size (beside json.loads's own growth on
the same machine), and how long the fast line reader and the libyaml event builder take to read
the life file, and how fast this machine runs plain Python. Targets: 10,000 nodes loaded and
validated in under 1 s, growing close to linearly; a second start from the cache in under 0.1 s.

    python bench/load.py [--sizes 1000,10000,50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from game.engine import fastyaml, yamlsafe  # noqa: E402
from game.engine.cache import load_with_cache  # noqa: E402
from game.engine.diagnostics import Report  # noqa: E402
from game.engine.loader import gc_paused, load_story  # noqa: E402
from game.engine.validate import load_and_validate  # noqa: E402

WORLD = {
    "services": [{"id": "flight", "name": "Buy a plane ticket", "icon": "plane"},
                 {"id": "bike", "name": "Rent a bike", "icon": "bike", "requires": 'grade_at_least("A")'}],
    "lists": [{"id": "court", "name": "Court list", "short": "the court's list", "kind": "blacklist",
               "run_by": "Courts", "how_on": "Not performing a judgment.", "how_off": "Perform it.",
               "restricts": ["flight"], "sources": ["src"]}],
    "schemes": [{"id": "pts", "name": "Points", "start": 1000, "sources": ["src"],
                 "grades": [{"id": "A", "min": 960}, {"id": "B", "min": 850}, {"id": "C", "min": 0}]}],
    "places": [{"id": "home", "name": "Home", "lat": 30.0, "lon": 104.0}],
}


def make_life(n: int) -> dict:
    nodes = []
    for i in range(n):
        node = {"id": f"n{i}", "kind": "narration", "evidence": "documented" if i % 3 else "dramatized",
                "text": f"Screen {i}. You wait at the counter. The clerk looks at your card and frowns.",
                "effects": [{"points": {"change": -5 if i % 2 else 2, "reason": "A recorded event"}}]}
        if i % 3:
            node["sources"] = ["src"]
        if i >= n - 3:
            node["ending"] = {"title": f"Ending {i}", "debrief": "d"}
            node.pop("effects")
        else:
            a, b = i + 1, min(i + 2, n - 1)
            node["choices"] = [
                {"id": "go", "label": "Go on", "to": f"n{a}", "effects": [{"set": {"money": "money - 1"}}]},
                {"id": "fly", "label": "Try to fly", "attempt": "flight", "to": f"n{b}", "refused": f"n{a}",
                 "if": "money > 10 and not on_list(\"court\")", "reason": "You cannot afford it"},
            ]
        nodes.append(node)
    return {"id": "synthetic", "title": "Synthetic", "player": "A tester", "place": "home",
            "date": "2016-05-10", "period": "May 2016", "summary": "Synthetic.", "content_note": "None.",
            "minutes": 5, "scheme": "pts", "start": "n0",
            "variables": {"money": {"initial": 5000, "label": "Money", "unit": "yuan", "show": True}},
            "nodes": nodes,
            "debriefs": [{"id": "d", "what_happened": {"text": "Synthetic."}, "questions": ["Why?"],
                          "myths": [], "sources": ["src"]}]}


def write_story(root: Path, n: int) -> dict:
    (root / "lives").mkdir(parents=True)
    (root / "story.yaml").write_text(yaml.safe_dump({"format": 1, "id": "bench", "title": "Bench",
                                                     "sources": "sources.yaml", "world": ["world.yaml"],
                                                     "lives": ["lives/synthetic.yaml"]}))
    (root / "sources.yaml").write_text(yaml.safe_dump({"sources": [{"id": "src", "title": "A source",
                                                                    "outlet": "Outlet", "trust": "high"}]}))
    (root / "world.yaml").write_text(yaml.safe_dump(WORLD, sort_keys=False))
    life = make_life(n)
    (root / "lives" / "synthetic.yaml").write_text(yaml.safe_dump(life, sort_keys=False, width=200))
    return life


def best(fn, repeat: int, times: list[float] | None = None) -> float:
    """The best of ``repeat`` runs. Each result is freed after its run is timed, not during it.

    Every run's time is added to ``times`` when it is given, so the spread can be shown.
    """
    times = [] if times is None else times
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        del result
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'nodes':>7} {'json.loads':>11} {'load':>9} {'load+validate':>14} {'cached':>9} "
          f"{'load/json':>10} {'valid/json':>11} {'cached/json':>12} {'s per 1k nodes':>15}")
    per_k, json_per_k, readers, spreads = [], [], [], []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "story"
            life = write_story(root, n)
            as_json = json.dumps(life)
            t_json = best(lambda s=as_json: json.loads(s), args.repeat)
            t_load = best(lambda r=root: load_story(r), args.repeat)
            result = load_and_validate(root)
            problems = [str(d) for d in result.report.errors]
            if problems:
                print("the synthetic story has errors:", *problems[:5], sep="\n  ")
                return 1
            del result
            valid_runs: list[float] = []
            t_valid = best(lambda r=root: load_and_validate(r), args.repeat, valid_runs)
            cache_dir = Path(tmp) / "cache"
            load_with_cache(root, cache_dir)  # first start writes the cache
            t_cached = best(lambda r=root, c=cache_dir: load_with_cache(r, c), args.repeat)
            story, report = load_with_cache(root, cache_dir)
            assert report is None and len(story.lives["synthetic"].nodes) == n, "cache was not used"
            text = (root / "lives" / "synthetic.yaml").read_text(encoding="utf-8")
            assert fastyaml.parse(text) is not None, "the synthetic story fell back to the event builder"
            with gc_paused():  # as when loading
                t_fast = best(lambda t=text: fastyaml.parse(t), args.repeat)
                t_events = best(lambda t=text: reference_read(t), args.repeat)
        per_k.append(t_valid / n * 1000)
        json_per_k.append(t_json / n * 1000)
        readers.append((n, t_fast, t_events))
        spreads.append((n, valid_runs))
        print(f"{n:>7} {t_json:>10.3f}s {t_load:>8.3f}s {t_valid:>13.3f}s {t_cached:>8.3f}s "
              f"{t_load / t_json:>9.1f}x {t_valid / t_json:>10.1f}x {t_cached / t_json:>11.1f}x {per_k[-1]:>14.4f}s")
    if len(per_k) > 1:
        print(f"growth: load+validate time per 1,000 nodes changes by {per_k[-1] / per_k[0]:.2f}x from {sizes[0]} "
              f"to {sizes[-1]} nodes; json.loads of the same data by {json_per_k[-1] / json_per_k[0]:.2f}x on this "
              "machine (1.00x is perfectly linear)")
    # A shared machine can slow down for seconds at a time: every run is shown, not only the best.
    for n, runs in spreads:
        print(f"load+validate of {n} nodes, each run: {', '.join(f'{t:.3f}s' for t in runs)}")
    for n, t_fast, t_events in readers:
        print(f"reading the {n}-node life file: fast line reader {t_fast:.3f}s, libyaml event builder "
              f"{t_events:.3f}s ({t_events / t_fast:.1f}x)")
    # The loader is pure Python, and json.loads is C: this plain Python loop, timed in the same run,
    # says how fast this machine runs Python, so figures from different machines can be compared.
    t_loop = best(lambda: sum(range(10**6)), 7)
    print(f"this machine: sum(range(10**6)) takes {t_loop * 1000:.1f} ms (best of 7)")
    return 0


def reference_read(text: str) -> None:
    """The event builder the fast reader steps aside to, reading the same text."""
    loader = yamlsafe._BaseLoader(text)
    try:
        yamlsafe._build(loader, "bench", Report())
    finally:
        loader.dispose()


if __name__ == "__main__":
    sys.exit(main())
