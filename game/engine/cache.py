"""A cache of the loaded, validated story, so a second start skips YAML parsing and validation.

The cache is plain JSON (never pickle) in the user's cache folder, keyed by the story files' names,
sizes and modification times and by the engine's format version. Any doubt about a cache file
(unreadable, another key, damaged) means it is ignored and rebuilt: the YAML stays the truth.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from . import model
from .loader import FORMAT_VERSION, gc_paused
from .model import Story, Text
from .validate import load_and_validate

CACHE_VERSION = 1
_CLASSES = {cls.__name__: cls for cls in vars(model).values()
            if isinstance(cls, type) and is_dataclass(cls)}
_SKIP_FIELDS = {"loc"}  # locations only matter for validation, which the cache has already passed


ENGINE_DIR = Path(__file__).resolve().parent


def story_key(root: Path) -> str:
    """A key that changes whenever any YAML file under the story folder, or the engine, changes."""
    h = hashlib.sha256(f"{CACHE_VERSION}:{FORMAT_VERSION}:{root.resolve()}".encode())
    for p in sorted(ENGINE_DIR.glob("*.py")):  # a new engine may read the same files differently
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    for p in sorted(root.rglob("*.yaml")):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


class LazyNodes(Mapping):
    """A life's nodes from the cache, each decoded from its own JSON text the first time it is read.

    A 10,000-node story starts without building 10,000 nodes: play touches only the nodes it
    visits, and the JSON parser skims over the rest as plain strings.
    """

    __slots__ = ("_raw", "_done")

    def __init__(self, raw: dict[str, str]) -> None:
        self._raw = raw
        self._done: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        node = self._done.get(key)
        if node is None:
            node = json.loads(self._raw[key], object_hook=_hook)  # KeyError for unknown ids, like a dict
            self._done[key] = node
        return node

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, key: object) -> bool:
        return key in self._raw


class LazyStrings(Mapping):
    """The story's string table from the cache, parsed from its JSON text on first use.

    Only translations and a few screens (the journal) read it, so most starts never pay for it.
    """

    __slots__ = ("_raw", "_data")

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._data: dict[str, str] | None = None

    def _table(self) -> dict[str, str]:
        if self._data is None:
            self._data = json.loads(self._raw)
        return self._data

    def __getitem__(self, key: str) -> str:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def _encode(obj: Any) -> Any:
    if isinstance(obj, Text):
        return {"$t": [obj.id, obj.en]}
    if is_dataclass(obj) and not isinstance(obj, type):
        out = {"$c": type(obj).__name__}
        for f in fields(obj):
            if f.name in _SKIP_FIELDS:
                continue
            value = getattr(obj, f.name)
            if isinstance(obj, model.Story) and f.name == "strings":
                out[f.name] = json.dumps(dict(value), ensure_ascii=False, separators=(",", ":"))
            elif isinstance(obj, model.Life) and f.name == "nodes":
                out[f.name] = {k: json.dumps(_encode(v), ensure_ascii=False, separators=(",", ":"))
                               for k, v in value.items()}
            else:
                out[f.name] = _encode(value)
        return out
    if isinstance(obj, dict):
        return {k: _encode(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_encode(v) for v in obj]
    return obj


def _hook(d: dict[str, Any]) -> Any:
    cls = d.pop("$c", None)
    if cls is not None:
        if cls == "Life":
            d["nodes"] = LazyNodes(d["nodes"])
        elif cls == "Story":
            d["strings"] = LazyStrings(d["strings"])
        return _CLASSES[cls](**d)
    t = d.get("$t")
    if t is not None and len(d) == 1:
        return Text(t[0], t[1])
    return d


def encode_story(story: Story) -> str:
    return json.dumps(_encode(story), ensure_ascii=False, separators=(",", ":"))


def decode_story(text: str) -> Story:
    with gc_paused():
        story = json.loads(text, object_hook=_hook)
    if not isinstance(story, Story):
        raise ValueError("not a story")
    return story


def cache_file(cache_dir: Path, root: Path) -> Path:
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"story-{name}.json"


def load_with_cache(path: str | Path, cache_dir: Path | None):
    """Load a story, using and refreshing the cache when ``cache_dir`` is given.

    Returns ``(story, report)``; ``report`` is None when the story came from the cache (it had
    validated without errors when the cache was written). A story with errors is never cached.
    """
    p = Path(path)
    root = p.parent if p.is_file() else p
    key = story_key(root)
    target = cache_file(cache_dir, root) if cache_dir else None
    if target is not None and target.is_file():
        try:
            with target.open(encoding="utf-8") as fh:
                head = fh.readline().strip()
                if head == key:
                    return decode_story(fh.read()), None
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache is simply rebuilt
    result = load_and_validate(root)
    if result.story is not None and not result.report.errors and target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".story-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(key + "\n")
                fh.write(encode_story(result.story))
            os.replace(tmp, target)
        except OSError:
            pass  # no cache is only slower, never wrong
    return result.story, result.report
