"""A cache of parsed story files, keyed by each file's content, so after an edit only that file is parsed.

Parsing YAML is most of what loading a story costs. An author who edits one life and validates
again should wait for that one file, not for all of them. Each cleanly parsed file is kept as JSON
(never pickle), named by a hash of the cache format, the game's version and the file's text, so a
changed file, a new game or a new cache format simply misses. An entry holds a checksum of its
body: a damaged, cut or foreign entry is ignored and parsed again, never trusted and never a crash.
Entries are written atomically, and the oldest are removed beyond a fixed number, so the folder
cannot grow without end however often an author edits.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

from .. import __version__
from .yamlsafe import YMap, YSeq

PARSE_FORMAT = 1  # raise when the entries' layout or what the reader builds changes
KEEP = 256  # entries kept: the files of a few stories, with room for many edits


def _encode(value: Any) -> Any:
    """A parsed value as JSON data: a mapping is ["M", line, col, then key, 4 positions, value per entry];
    a list is ["S", line, col, items, flat item positions]. Every other value is a scalar."""
    if type(value) is YMap:
        out: list[Any] = ["M", *value.pos]
        for key, item in value.items():
            out += [key, *value.locs[key], _encode(item)]
        return out
    if type(value) is YSeq:
        return ["S", *value.pos, [_encode(v) for v in value], [n for pos in value.item_pos for n in pos]]
    return value


def _decode(data: Any) -> Any:
    """The parsed value back from its JSON data; ValueError for anything ``_encode`` cannot have made."""
    kind = type(data)
    if kind is not list:
        if kind is dict:
            raise ValueError("not a parsed story file")
        return data
    tag = data[0]
    if tag == "M":
        m = YMap(_pos(data[1], data[2]))
        locs = m.locs
        for i in range(3, len(data), 6):
            key, at = data[i], tuple(data[i + 1:i + 5])
            if type(key) is not str or len(at) != 4 or not all(type(n) is int for n in at):
                raise ValueError("not a parsed story file")
            m[key] = _decode(data[i + 5])
            locs[key] = at
        return m
    if tag == "S":
        s = YSeq(_pos(data[1], data[2]))
        s.extend([_decode(v) for v in data[3]])
        flat = data[4]
        s.item_pos = [_pos(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
        if len(s.item_pos) != len(s):
            raise ValueError("not a parsed story file")
        return s
    raise ValueError("not a parsed story file")


def _pos(line: Any, col: Any) -> tuple[int, int]:
    if type(line) is not int or type(col) is not int:
        raise ValueError("not a parsed story file")
    return (line, col)


def _check(body: bytes) -> bytes:
    return f"{zlib.crc32(body)}:{len(body)}".encode()


class ParseCache:
    """Parsed files in ``folder``, each found again by its text."""

    def __init__(self, folder: Path, keep: int = KEEP) -> None:
        self.folder = Path(folder)
        self.keep = keep

    def entry(self, text: str) -> Path:
        h = hashlib.sha256(f"{PARSE_FORMAT}:{__version__}\n".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return self.folder / f"{h.hexdigest()[:32]}.json"

    def get(self, text: str) -> YMap | None:
        """The parsed value of ``text`` when a sound entry holds it, else None."""
        path = self.entry(text)
        try:
            data = path.read_bytes()
            end = data.index(b"\n")
            body = data[end + 1:]
            if data[:end] != _check(body):
                return None
            value = _decode(json.loads(body))
        except (OSError, ValueError, TypeError, IndexError, KeyError, RecursionError):
            return None  # missing or damaged: the file is parsed again and the entry rewritten
        if type(value) is not YMap:
            return None
        try:
            os.utime(path)  # recently used entries are the ones pruning keeps
        except OSError:
            pass
        return value

    def put(self, text: str, value: YMap) -> None:
        """Keep a cleanly parsed file; a cache that cannot be written only means slower loads."""
        path = self.entry(text)
        try:
            body = json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".parse-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(_check(body) + b"\n" + body)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self._prune()
        except (OSError, ValueError, UnicodeEncodeError, RecursionError):
            pass

    def _prune(self) -> None:
        entries = []
        for p in self.folder.glob("*.json"):
            try:
                entries.append((p.stat().st_mtime_ns, p))
            except OSError:
                continue
        if len(entries) > self.keep:
            entries.sort()
            for _, p in entries[: len(entries) - self.keep]:
                p.unlink(missing_ok=True)
