"""Playing at home: an autosave at every choice, Continue, and three manual save slots.

Files, in :func:`game.modes.paths.saves_dir`::

    autosave.json            rewritten after every choice (one file)
    slot1.json ... slot3.json the manual slots

Every function here returns a plain message instead of raising, so the window can show it.
Kiosk mode turns writing off (:func:`game.modes.paths.set_writes_enabled`), so no visitor's run
ever reaches the disk: the save functions then write nothing and return None.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..engine.model import Story
from ..engine.runtime import Session
from ..engine.saves import SaveInfo, make_meta, peek_save, read_save, write_save
from ..i18n import N_, Message
from . import paths

SLOTS = 3
AUTOSAVE_NAME = "autosave.json"

def autosave_path() -> Path:
    return paths.saves_dir() / AUTOSAVE_NAME


def slot_path(slot: int) -> Path:
    """The file of manual slot 1, 2 or 3."""
    if not (isinstance(slot, int) and 1 <= slot <= SLOTS):
        raise ValueError(f"there are save slots 1 to {SLOTS}, not {slot!r}")
    return paths.saves_dir() / f"slot{slot}.json"


def _write(path: Path, session: Session, lang: str | None) -> str | None:
    if not paths.writes_enabled():
        return None
    try:
        write_save(path, session, make_meta(session, lang))
    except OSError as exc:
        return Message(N_("The game could not be saved ({why})."), why=exc.strerror or "disk error")
    return None


# -- autosave and Continue --------------------------------------------------------------------------
def autosave(session: Session, lang: str | None = None) -> str | None:
    """Save the run to the autosave file. Call it after every choice (and after undo).

    Returns None, or a message when the disk refused (the previous autosave is then untouched).
    """
    return _write(autosave_path(), session, lang)


def continue_info(story: Story | None = None) -> SaveInfo | None:
    """The autosave as the title screen shows it, or None when there is nothing to continue.

    With ``story``, a save of another story or of a life the story no longer has is not offered.
    A damaged autosave is returned with its ``problem`` set, so the title screen can still offer
    Continue and then show the message :func:`continue_session` gives.
    """
    info = peek_save(autosave_path())
    if info is None or story is None or not info.ok:
        return info
    if info.story_id and info.story_id != story.id:
        return None
    return info


def continue_available(story: Story | None = None) -> bool:
    """True when the title screen should offer Continue."""
    return continue_info(story) is not None


def continue_session(story: Story) -> tuple[Session | None, str | None]:
    """Resume the autosaved run: (session, None), (session, message) after a story edit, or
    (None, message) when the autosave was unusable and has been moved aside."""
    return read_save(autosave_path(), story)


def clear_autosave() -> None:
    """Forget the autosave (e.g. when the player starts a new life and confirms)."""
    try:
        autosave_path().unlink()
    except OSError:
        pass


# -- manual slots -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    """One manual slot as the save/load screen shows it."""

    number: int
    info: SaveInfo | None  # None: the slot is empty

    @property
    def empty(self) -> bool:
        return self.info is None

    def label(self) -> str:
        """One line: "Slot 2: Wei, Beijing, 2016-05-10 (saved 2025-11-21 14:03)" or "Slot 2: empty"."""
        if self.info is None:
            return f"Slot {self.number}: empty"
        if not self.info.ok:
            return f"Slot {self.number}: damaged"
        i = self.info
        where = ", ".join(x for x in (i.life_title, i.place_name, i.date) if x)
        saved = i.saved_local()
        ending = f", ended: {i.ending_title}" if i.ended and i.ending_title else ""
        return f"Slot {self.number}: {where}{ending}" + (f" (saved {saved})" if saved else "")


def slot_info() -> list[Slot]:
    """The three manual slots, in order, each empty or with its life, place, in-story date and saved time."""
    return [Slot(n, peek_save(slot_path(n))) for n in range(1, SLOTS + 1)]


def save_slot(slot: int, session: Session, lang: str | None = None) -> str | None:
    """Save the run into a manual slot (replacing what it held). None, or a message on failure."""
    return _write(slot_path(slot), session, lang)


def load_slot(slot: int, story: Story) -> tuple[Session | None, str | None]:
    """Load a manual slot; same results as :func:`continue_session`."""
    return read_save(slot_path(slot), story)


def delete_slot(slot: int) -> bool:
    """Empty a slot. True when a file was deleted."""
    try:
        slot_path(slot).unlink()
    except FileNotFoundError:
        return False
    except OSError:
        return False
    return True


__all__ = ["AUTOSAVE_NAME", "SLOTS", "Slot", "autosave", "autosave_path", "clear_autosave", "continue_available",
           "continue_info", "continue_session", "delete_slot", "load_slot", "save_slot", "slot_info",
           "slot_path"]
