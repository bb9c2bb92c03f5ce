"""Story loading benchmark: what an author and a player wait for, against json.loads in the same run.

For the shipped story it prints three figures, each also as a ratio to ``json.loads`` of the same
data (every story file's content as JSON), timed just before each run so figures compare across
machines, and hold better on a shared one:
  cold     load and validate from the YAML, with no cache (a first start, ``game validate``);
  warm     a start from the story cache (every later start);
  edited   load and validate after editing one life, with the parse cache holding the other files
           (an author's edit, then a check or a start).
Then a realistic large story: the shipped lives repeated under new ids up to about 10,000 nodes,
timed at three sizes, with the time per node as a ratio to json.loads's time per node of the same
data. Linear growth shows as a ratio that stays flat from size to size.

    python bench/load.py [--repeat 5] [--sizes 2500,5000,10000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from game.engine.cache import PARSED, load_with_cache  # noqa: E402
from game.engine.parsecache import ParseCache  # noqa: E402
from game.engine.validate import load_and_validate  # noqa: E402

STORY = Path(__file__).resolve().parent.parent / "story"


def best(fn: Callable[[], object], repeat: int, before: Callable[[int], None] | None = None,
         baseline: Callable[[], object] | None = None, base_times: list[float] | None = None) -> float:
    """The best of ``repeat`` timed runs; ``before(i)`` prepares run i outside the timing.

    With a ``baseline``, it is timed just before each run and its times go to ``base_times``: on a
    shared machine that slows down for seconds at a time, the baseline then sees the same moments
    as what it is compared with.
    """
    times = []
    for i in range(repeat):
        if baseline is not None and base_times is not None:
            t0 = time.perf_counter()
            baseline()
            base_times.append(time.perf_counter() - t0)
        if before is not None:
            before(i)
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        del result
    return min(times)


def as_json(root: Path) -> str:
    """Every YAML file of the story as one JSON text: the same data, for json.loads to read."""
    data = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in sorted(root.rglob("*.yaml"))]
    return json.dumps(data, ensure_ascii=False, default=str)


def manifest(root: Path) -> dict:
    return yaml.safe_load((root / "story.yaml").read_text(encoding="utf-8"))


def repeated_story(dest: Path, copies: int) -> int:
    """The shipped story with its lives repeated ``copies`` times under new ids; returns the node count."""
    shutil.copytree(STORY, dest)
    top = manifest(dest)
    lives, nodes = [], 0
    for rel in top["lives"]:
        life = yaml.safe_load((STORY / rel).read_text(encoding="utf-8"))
        base = life["id"]
        for i in range(copies):
            life["id"] = base if i == 0 else f"{base}_{i}"
            name = f"lives/{life['id']}.yaml"
            (dest / name).write_text(yaml.safe_dump(life, allow_unicode=True, sort_keys=False, width=100),
                                     encoding="utf-8")
            lives.append(name)
            nodes += len(life["nodes"])
    top["lives"] = lives
    (dest / "story.yaml").write_text(yaml.safe_dump(top, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return nodes


def measure(root: Path, work: Path, repeat: int) -> dict[str, float]:
    """Cold load+validate, a warm start from the cache and a re-validation after editing one life."""
    result = load_and_validate(root)
    if result.story is None or result.report.errors:
        raise SystemExit("the story has errors:\n  " + "\n  ".join(str(d) for d in result.report.errors[:5]))
    nodes = sum(len(life.nodes) for life in result.story.lives.values())
    del result
    text = as_json(root)
    json_times: list[float] = []
    base = {"baseline": lambda: json.loads(text), "base_times": json_times}
    out: dict = {"nodes": nodes}
    out["cold"] = best(lambda: load_and_validate(root), repeat, **base)
    cache = work / "cache"
    load_with_cache(root, cache)
    story, report = load_with_cache(root, cache)
    assert report is None and len(story.lives) == len(manifest(root)["lives"]), "the cache was not used"
    out["warm"] = best(lambda: load_with_cache(root, cache), repeat, **base)
    life = root / manifest(root)["lives"][0]
    original = life.read_text(encoding="utf-8")

    def edit(i: int) -> None:  # a new text each run, so the edited file is never in the parse cache
        life.write_text(original + f"\n# edited {i}\n", encoding="utf-8")

    parse_cache = ParseCache(cache / PARSED)
    out["edited"] = best(lambda: load_and_validate(root, parse_cache), repeat, edit, **base)
    life.write_text(original, encoding="utf-8")
    out["json"] = min(json_times)
    out["life"] = life.name
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", default="2500,5000,10000", help="node counts of the repeated story")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "story"
        shutil.copytree(STORY, root)
        m = measure(root, Path(tmp), args.repeat)
    j = m["json"]
    print(f"shipped story: {m['nodes']} nodes; json.loads of the same data {j * 1000:.1f} ms")
    for key, what in (("cold", "cold load+validate"), ("warm", "warm start from the cache"),
                      ("edited", f"re-validate after editing {m['life']}")):
        print(f"  {what:<36} {m[key] * 1000:8.1f} ms  {m[key] / j:6.1f}x json.loads")
    per_set = m["nodes"]
    print("\nthe shipped lives repeated under new ids (per-node ratio flat = linear growth):")
    print(f"  {'nodes':>6} {'json.loads':>11} {'cold':>9} {'warm':>8} {'edited':>8} {'cold/json per node':>19}")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        copies = max(1, round(size / per_set))
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "story"
            repeated_story(root, copies)
            r = measure(root, Path(tmp), max(2, args.repeat // 2))
        rows.append(r)
        print(f"  {r['nodes']:>6} {r['json'] * 1000:>9.1f}ms {r['cold'] * 1000:>7.0f}ms {r['warm'] * 1000:>6.1f}ms "
              f"{r['edited'] * 1000:>6.0f}ms {r['cold'] / r['json']:>18.1f}x")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["cold"] / last["nodes"]) / (first["cold"] / first["nodes"])
        json_growth = (last["json"] / last["nodes"]) / (first["json"] / first["nodes"])
        print(f"  cold time per node changes {growth:.2f}x from {first['nodes']} to {last['nodes']} nodes "
              f"(json.loads per node: {json_growth:.2f}x; 1.00x is linear)")
    t_loop = best(lambda: sum(range(10**6)), 7)
    print(f"\nthis machine: sum(range(10**6)) takes {t_loop * 1000:.1f} ms (best of 7)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
