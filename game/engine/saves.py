"""Save files: one run as JSON, written atomically, read back without ever crashing.

A save file looks like::

    {"format": "on-the-list-save", "version": 1, "story_id": "on_the_list",
     "story_fingerprint": "...", "saved_at": "2025-11-21T14:03:00Z",
     "meta": {"life": "wei", "life_title": "Wei", "place": "beijing", "place_name": "Beijing",
              "date": "2016-05-10", "node": "opening", "steps": 3, "ended": false, ...},
     "state": {... GameState.to_dict() ...}}

``meta`` is only for showing a slot (life, place, in-story date) without replaying the run; the
``state`` is the truth. Loading replays the state's choices in the current story
(:meth:`Session.resume`), so a save made before a story edit resumes at the last point that still
exists, with a message.

Writing goes to a temporary file in the same folder, which is flushed, fsynced and renamed over the
target (``os.replace``), then the folder is fsynced where the system allows it: a save is either the
old one or the new one, never half of each.

Reading never raises. A damaged, truncated, wrongly typed or newer-version file, or one for a life
that no longer exists, is moved aside (``NAME.damaged-YYYYmmdd-HHMMSS.json``, never overwriting
anything) and a plain message says what happened.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..i18n import N_, Message
from .model import Story
from .runtime import Session

SAVE_FORMAT = "on-the-list-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 16 * 1024 * 1024  # far above any real run; a bigger file is not ours

# the tags used in the name of a file moved aside
DAMAGED = "damaged"
NEWER = "newer"
UNUSABLE = "unusable"


# -- atomic writing and moving aside (also used for settings) -------------------------------------
def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that the file is either wholly old or wholly new.

    Raises OSError when the file cannot be written; no temporary file is left behind then.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def fsync_dir(folder: str | Path) -> None:
    """Flush a folder's entries to disk (so a rename survives a power cut); a no-op where unsupported."""
    if os.name == "nt":  # Windows cannot open a folder for fsync
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def aside_name(path: str | Path, tag: str, now: float | None = None) -> Path:
    """A free name beside ``path`` for a file kept aside: ``NAME.TAG-YYYYmmdd-HHMMSS.SUFFIX``."""
    p = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))
    suffix = p.suffix or ".json"
    candidate = p.with_name(f"{p.stem}.{tag}-{stamp}{suffix}")
    n = 1
    while candidate.exists():
        candidate = p.with_name(f"{p.stem}.{tag}-{stamp}-{n}{suffix}")
        n += 1
    return candidate


def move_aside(path: str | Path, tag: str = DAMAGED) -> Path | None:
    """Rename a file that cannot be used so it is kept but no longer read. Returns the new path,
    or None when it could not be moved (the caller still reports the problem)."""
    p = Path(path)
    for _ in range(5):
        dest = aside_name(p, tag)
        try:
            if dest.exists():  # another process took the name between the check and now
                continue
            os.rename(p, dest)
            return dest
        except FileExistsError:
            continue
        except OSError:
            return None
    return None


def is_aside(path: str | Path) -> bool:
    """True for a file this module moved aside (so listings can skip it)."""
    name = Path(path).name
    return any(f".{tag}-" in name for tag in (DAMAGED, NEWER, UNUSABLE))


# -- the save file --------------------------------------------------------------------------------
def make_meta(session: Session, lang: str | None = None) -> dict[str, Any]:
    """What a save slot shows without replaying: the life, place and in-story date, in ``lang``."""
    story, state = session.story, session.state
    place = story.world.places.get(state.place)
    meta: dict[str, Any] = {
        "life": state.life,
        "life_title": story.text(session.life.title, lang),
        "place": state.place,
        "place_name": story.text(place.name, lang) if place else state.place,
        "date": state.date,
        "node": state.node,
        "start": state.start,
        "steps": len(state.log),
        "ended": bool(state.ended),
    }
    if session.node.ending is not None:
        meta["ending_title"] = story.text(session.node.ending.title, lang)
    return meta


def save_document(session: Session, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON document a save file holds."""
    return {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "story_id": session.story.id,
        "story_fingerprint": session.story.fingerprint,
        "saved_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "meta": dict(meta) if meta is not None else make_meta(session),
        "state": session.state.to_dict(),
    }


def write_save(path: str | Path, session: Session, meta: dict[str, Any] | None = None) -> None:
    """Save ``session`` to ``path`` atomically. ``meta`` defaults to :func:`make_meta`.

    Raises OSError when the disk refuses; the previous save at ``path`` is then untouched.
    """
    text = json.dumps(save_document(session, meta), ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write_text(path, text + "\n")


class _Unusable(Exception):
    def __init__(self, message: str, tag: str = DAMAGED) -> None:
        super().__init__(message)
        self.message = message
        self.tag = tag


def _load_document(path: Path) -> dict[str, Any]:
    """Read and check the outer shape of a save; raises _Unusable (FileNotFoundError when absent)."""
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise _Unusable(Message(N_("The save file is far too large to be a save.")))
        raw = path.read_bytes()
    except (FileNotFoundError, _Unusable):
        raise
    except OSError as exc:
        raise _Unusable(Message(N_("The save file could not be read ({why})."), why=exc.strerror or "error")) from None
    if not raw.strip():
        raise _Unusable(Message(N_("The save file is empty.")))
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Unusable(Message(N_("The save file is damaged (it is not text)."))) from None
    except (ValueError, RecursionError):
        raise _Unusable(Message(N_("The save file is damaged or was cut short."))) from None
    if not isinstance(doc, dict) or doc.get("format") != SAVE_FORMAT:
        raise _Unusable(Message(N_("The file is not a save of this game.")))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Unusable(Message(N_("The save file is damaged (its version is missing).")))
    if version > SAVE_VERSION:
        raise _Unusable(Message(N_(
            "The save was made by a newer version of the game. Update the game to load it.")), NEWER)
    if not isinstance(doc.get("state"), dict):
        raise _Unusable(Message(N_("The save file is damaged (it holds no game state).")))
    if not isinstance(doc.get("meta", {}), dict):
        raise _Unusable(Message(N_("The save file is damaged (its description is not readable).")))
    for key in ("story_id", "saved_at"):
        if key in doc and not isinstance(doc[key], str):
            raise _Unusable(Message(N_("The save file is damaged (its '{key}' is not text)."), key=key))
    return doc


def read_save(path: str | Path, story: Story) -> tuple[Session | None, str | None]:
    """Load a save into a playable session. Never raises.

    Returns ``(session, None)`` on success; ``(session, message)`` when the story changed since the
    save and the run resumes at the last point that still exists; ``(None, None)`` when there is no
    file; ``(None, message)`` when the file cannot be used. An unusable file is moved aside first
    (except a save of another story, which is left where it is); the message says so.
    """
    p = Path(path)
    try:
        doc = _load_document(p)
        story_id = doc.get("story_id", story.id)
        if story_id != story.id:
            return None, Message(N_("This save belongs to another story ('{story}'), so it was not loaded."),
                                 story=story_id)
        life = doc["state"].get("life")
        if isinstance(life, str) and life not in story.lives:
            raise _Unusable(Message(N_("The save is for a life this story no longer has.")), UNUSABLE)
        try:
            return Session.resume(story, doc["state"])
        except ValueError as exc:
            raise _Unusable(Message(N_("The save file is damaged ({why})."), why=str(exc))) from None
        except Exception:  # a state that passes the checks but cannot be replayed: never crash
            raise _Unusable(Message(N_("The save file is damaged (its choices could not be replayed)."))) from None
    except FileNotFoundError:
        return None, None
    except _Unusable as problem:
        moved = move_aside(p, problem.tag)
        where = (Message(N_("It was kept as {name}."), name=moved.name) if moved else
                 Message(N_("It could not be moved aside.")))
        return None, Message(N_("{problem} {where}"), problem=problem.message, where=where)
    except Exception as exc:  # last line of defence: a save must never crash the game
        moved = move_aside(p, DAMAGED)
        why = Message(N_("The save could not be loaded ({why})."), why=type(exc).__name__)
        if moved is None:
            return None, why
        return None, Message(N_("{problem} {where}"), problem=why,
                             where=Message(N_("It was kept as {name}."), name=moved.name))


@dataclass(frozen=True)
class SaveInfo:
    """A save file as a slot shows it, read without replaying. ``problem`` is set when it looks unusable."""

    path: Path
    life: str = ""
    life_title: str = ""
    place: str = ""
    place_name: str = ""
    date: str = ""  # in-story date, YYYY-MM-DD
    saved_at: str = ""  # when it was saved, UTC, ISO 8601 with Z
    steps: int = 0
    ended: bool = False
    ending_title: str = ""
    start: str = "main"
    story_id: str = ""
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def saved_local(self) -> str:
        """The saved time in local time, "YYYY-MM-DD HH:MM", or "" when unknown."""
        try:
            when = datetime.strptime(self.saved_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        except ValueError:
            return ""
        return when.astimezone().strftime("%Y-%m-%d %H:%M")


def peek_save(path: str | Path) -> SaveInfo | None:
    """Describe a save without replaying or moving it: None when there is no file. Never raises."""
    p = Path(path)
    try:
        doc = _load_document(p)
    except FileNotFoundError:
        return None
    except _Unusable as problem:
        return SaveInfo(path=p, problem=problem.message)
    except Exception as exc:  # pragma: no cover - defensive
        return SaveInfo(path=p, problem=Message(N_("The save could not be read ({why})."), why=type(exc).__name__))
    meta = doc.get("meta") or {}
    state = doc["state"]

    def text(key: str, fallback: Any = "") -> str:
        v = meta.get(key, fallback)
        return v if isinstance(v, str) else (fallback if isinstance(fallback, str) else "")

    steps = meta.get("steps")
    if not isinstance(steps, int) or isinstance(steps, bool):
        log = state.get("log")
        steps = len(log) if isinstance(log, list) else 0
    return SaveInfo(
        path=p,
        life=text("life", state.get("life", "")),
        life_title=text("life_title", text("life", state.get("life", ""))),
        place=text("place", state.get("place", "")),
        place_name=text("place_name", text("place", state.get("place", ""))),
        date=text("date", state.get("date", "")),
        saved_at=doc.get("saved_at", "") if isinstance(doc.get("saved_at"), str) else "",
        steps=steps,
        ended=bool(meta.get("ended", state.get("ended", False)) is True),
        ending_title=text("ending_title"),
        start=text("start", state.get("start", "main")),
        story_id=doc.get("story_id", "") if isinstance(doc.get("story_id"), str) else "",
    )


__all__ = ["SAVE_FORMAT", "SAVE_VERSION", "SaveInfo", "atomic_write_text", "aside_name", "fsync_dir", "is_aside",
           "make_meta", "move_aside", "peek_save", "read_save", "save_document", "write_save"]
