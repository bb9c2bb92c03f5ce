"""A cache of the loaded, validated story, so a second start skips YAML parsing and validation.

The cache is plain JSON (never pickle) in the user's cache folder, keyed by the story files' names
and contents, the cache's format number and the game's version. When the story must be read again,
files whose text has not changed come from the per-file parse cache (``parsecache``). A cache file
holds the key, a checksum, one line of JSON for the story, then each node's JSON text and the string
table's, which are decoded only when first read. Any doubt about a cache file (unreadable, another
key, a checksum that does not match) means it is ignored and rebuilt: the YAML stays the truth.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from . import model
from .loader import FORMAT_VERSION, gc_paused
from .model import Story, Text
from .parsecache import ParseCache
from .validate import load_and_validate

CACHE_VERSION = 3
_CLASSES = {cls.__name__: cls for cls in vars(model).values()
            if isinstance(cls, type) and is_dataclass(cls)}
PARSED = "parsed"  # the folder of the per-file parse cache, inside the cache folder
_SKIP_FIELDS = {"loc"}  # locations only matter for validation, which the cache has already passed


def story_key(root: Path) -> str:
    """A key that changes whenever the text of any YAML file or translation catalog under the story
    folder changes, or the game.

    The game's version and the cache's format number stand for the engine: a released game reads
    the same files the same way, and a new release is a new version. (Engine source files'
    modification times were used before; they change on every checkout and mean nothing once
    installed.) Files are keyed by their content, so touching a file without changing it costs nothing.
    """
    h = hashlib.sha256(f"{CACHE_VERSION}:{FORMAT_VERSION}:{__version__}:{root.resolve()}\n".encode())
    for p in sorted([*root.rglob("*.yaml"), *root.rglob("*.po")]):
        try:
            data = p.read_bytes()
        except OSError:
            continue
        h.update(f"{p.relative_to(root).as_posix()}:{len(data)}:".encode())
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


class LazyNodes(Mapping):
    """A life's nodes from the cache, each decoded from its own span of the file the first time it is read.

    A 10,000-node story starts without building 10,000 nodes, or even scanning their text: play
    touches only the nodes it visits.
    """

    __slots__ = ("_data", "_ids", "_bounds", "_index", "_done")

    def __init__(self, data: bytes, ids: list[str], bounds: list[int]) -> None:
        self._data = data  # the node texts, one after another; node i is data[bounds[i]:bounds[i + 1]]
        self._ids = ids
        self._bounds = bounds
        self._index: dict[str, int] | None = None
        self._done: dict[str, Any] = {}

    def _position(self, key: str) -> int:
        if self._index is None:
            self._index = {node_id: i for i, node_id in enumerate(self._ids)}
        return self._index[key]  # KeyError for unknown ids, like a dict

    def __getitem__(self, key: str) -> Any:
        node = self._done.get(key)
        if node is None:
            i = self._position(key)
            node = json.loads(self._data[self._bounds[i]:self._bounds[i + 1]], object_hook=_hook)
            self._done[key] = node
        return node

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, key: object) -> bool:
        try:
            self._position(key)  # type: ignore[arg-type]
        except (KeyError, TypeError):
            return False
        return True


class LazyStrings(Mapping):
    """The story's string table from the cache, parsed from its span of the file on first use.

    Only translations and a few screens (the journal) read it, so most starts never pay for it.
    """

    __slots__ = ("_data", "_span", "_table_data")

    def __init__(self, data: bytes, span: list[int]) -> None:
        self._data = data
        self._span = span
        self._table_data: dict[str, str] | None = None

    def _table(self) -> dict[str, str]:
        if self._table_data is None:
            start, end = self._span
            self._table_data = json.loads(self._data[start:end])
        return self._table_data

    def __getitem__(self, key: str) -> str:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


class _Spans:
    """Collects the texts decoded lazily (node by node, the string table) and where each one sits."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, text: str) -> list[int]:
        data = text.encode("utf-8")
        start = self.size
        self.parts.append(data)
        self.size += len(data)
        return [start, self.size]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _encode(obj: Any, spans: _Spans) -> Any:
    if isinstance(obj, Text):
        return {"$t": [obj.id, obj.en]}
    if is_dataclass(obj) and not isinstance(obj, type):
        out = {"$c": type(obj).__name__}
        for f in fields(obj):
            if f.name in _SKIP_FIELDS:
                continue
            value = getattr(obj, f.name)
            if isinstance(obj, model.Story) and f.name == "strings":
                out[f.name] = {"$s": spans.add(_json(dict(value)))}
            elif isinstance(obj, model.Life) and f.name == "nodes":
                bounds = [spans.size]
                for node in value.values():
                    bounds.append(spans.add(_json(_encode(node, spans)))[1])
                out[f.name] = {"$n": [list(value), bounds]}
            else:
                out[f.name] = _encode(value, spans)
        return out
    if isinstance(obj, dict):
        return {k: _encode(v, spans) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_encode(v, spans) for v in obj]
    return obj


def _hook(d: dict[str, Any]) -> Any:
    cls = d.pop("$c", None)
    if cls is not None:
        return _CLASSES[cls](**d)
    t = d.get("$t")
    if t is not None and len(d) == 1:
        return Text(t[0], t[1])
    return d


def encode_story(story: Story) -> bytes:
    """The story as one line of JSON, then the texts it decodes lazily (each node, the string table).

    Keeping node texts out of the JSON line means a start reads them as bytes without scanning them:
    the line holds each node's span instead.
    """
    spans = _Spans()
    head = _json(_encode(story, spans)).encode("utf-8")  # JSON escapes line breaks: this is one line
    return head + b"\n" + b"".join(spans.parts)


def decode_story(data: bytes) -> Story:
    end = data.index(b"\n")
    rest = data[end + 1:]

    def hook(d: dict[str, Any]) -> Any:
        cls = d.get("$c")
        if cls == "Life":
            ids, bounds = d["nodes"]["$n"]
            d["nodes"] = LazyNodes(rest, ids, bounds)
        elif cls == "Story":
            d["strings"] = LazyStrings(rest, d["strings"]["$s"])
        return _hook(d)

    with gc_paused():
        story = json.loads(data[:end], object_hook=hook)
    if not isinstance(story, Story):
        raise ValueError("not a story")
    return story


def _check(body: bytes) -> bytes:
    """A checksum and length of the cached story: a damaged or cut file is rebuilt, never half-read."""
    return f"{zlib.crc32(body)}:{len(body)}".encode()


def cache_file(cache_dir: Path, root: Path) -> Path:
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"story-{name}.json"


def load_with_cache(path: str | Path, cache_dir: str | Path | None):
    """Load a story, using and refreshing the cache when ``cache_dir`` is given.

    Returns ``(story, report)``; ``report`` is None when the story came from the cache (it had
    validated without errors when the cache was written). A story with errors is never cached.
    """
    p = Path(path)
    root = p.parent if p.is_file() else p
    key = story_key(root)
    cache_dir = Path(cache_dir) if cache_dir else None
    target = cache_file(cache_dir, root) if cache_dir else None
    if target is not None and target.is_file():
        try:
            data = target.read_bytes()
            first = data.index(b"\n")
            second = data.index(b"\n", first + 1)
            if data[:first].decode("utf-8") == key:
                body = data[second + 1:]
                if data[first + 1:second] == _check(body):
                    return decode_story(body), None
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache is simply rebuilt
    result = load_and_validate(root, ParseCache(cache_dir / PARSED) if cache_dir else None)
    if result.story is not None and not result.report.errors and target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            body = encode_story(result.story)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".story-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(key.encode("utf-8") + b"\n" + _check(body) + b"\n")
                    fh.write(body)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # no cache is only slower, never wrong
    return result.story, result.report
