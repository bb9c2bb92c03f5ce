"""Story translations as gettext catalogs: one ``.po`` file per life, and one for the shared world.

Each entry's ``msgctxt`` is the stable string id, its ``msgid`` the English it translates, and its
translator comments say what the string is (a node's text, who speaks it, how it is known), so a
translator working in Poedit or Weblate sees what a line is for. The English kept in ``msgid`` is
also how a stale translation is found: when the story's English changes, the catalog's ``msgid`` no
longer matches (the validator's W402), and ``export`` marks the entry fuzzy with the old English as
``#| msgid`` for the translator to compare.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from .model import Story


@dataclass(frozen=True, slots=True)
class Entry:
    """One translated story string, with the English it was made from and where it sits in the file."""

    text: str
    english: str
    line: int
    fuzzy: bool


EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
HEADER = ("# Story strings of On the List: {catalog}.\n"
          "# msgctxt is the string's stable id, msgid the English, msgstr the translation. The comments\n"
          "# say what each string is. Refresh with: python -m game strings --po LANG (see docs/translating.md).")


def catalog_name(string_id: str, story: Story) -> str:
    """The catalog a string lives in: its life's id, or "world" for everything shared."""
    head = string_id.split(".", 1)[0]
    return head if head in story.lives else "world"


def _comments(string_id: str, story: Story) -> list[str]:
    """What a translator needs to know about a string, from the story itself."""
    parts = string_id.split(".")
    if len(parts) >= 4 and parts[0] in story.lives and parts[1] == "n":
        node = story.lives[parts[0]].nodes.get(parts[2])
        if node is not None:
            what = {"text": "screen text", "title": "screen title", "speaker": "who speaks"}.get(parts[3], parts[3])
            if parts[3] == "c" and len(parts) > 4:
                what = "a choice the player can make"
            notes = [f"{what}; node '{node.id}', a {node.kind} screen, {node.evidence}"]
            if node.speaker is not None:
                notes.append(f"spoken by: {story.text(node.speaker)}")
            return notes
    return []


def export(story: Story, lang: str, catalog: str, existing: dict[str, Entry] | None = None) -> str:
    """The PO text of one catalog for ``lang``: every string of it, with the translations already made.

    A translation whose English has changed is kept, marked fuzzy, with the old English beside it."""
    existing = existing or {}
    # Fixed header dates: exporting the same story twice gives the same bytes, so diffs show only text.
    cat = Catalog(locale=lang, domain=catalog, project=story.id, version=catalog, charset="utf-8",
                  header_comment=HEADER.format(catalog=catalog), creation_date=EPOCH, revision_date=EPOCH,
                  last_translator="", language_team="", fuzzy=False)
    for sid, english in story.strings.items():
        if catalog_name(sid, story) != catalog:
            continue
        old = existing.get(sid)
        text, flags, previous = "", (), ()
        if old is not None and old.text:
            text = old.text
            if old.english != english:
                flags, previous = ("fuzzy",), (old.english,)
            elif old.fuzzy:
                flags = ("fuzzy",)
        cat.add(english, text, context=sid, auto_comments=_comments(sid, story), flags=flags,
                previous_id=previous)
    buf = io.BytesIO()
    write_po(buf, cat, width=0, omit_header=False, include_previous=True, sort_output=False)
    return buf.getvalue().decode("utf-8")


class CatalogError(ValueError):
    """A catalog that cannot be read, with the line where reading stopped."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def read(path: Path) -> dict[str, Entry]:
    """The translations in one catalog, by string id; an entry with no translation is left out."""
    try:
        with path.open("rb") as f:
            cat = read_po(f, abort_invalid=True)
    except PoFileError as exc:
        raise CatalogError(str(exc), getattr(exc, "lineno", 1) or 1) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise CatalogError(f"not a UTF-8 gettext catalog ({exc})", 1) from None
    out: dict[str, Entry] = {}
    for message in cat:
        if not message.id or not message.context:
            continue
        text = message.string if isinstance(message.string, str) else (message.string[0] if message.string else "")
        if text:
            out[message.context] = Entry(text, message.id, message.lineno, message.fuzzy)
    return out


def catalogs(story: Story) -> Iterable[str]:
    """The catalog names of a story: "world" first, then each life in the manifest's order."""
    yield "world"
    yield from story.lives
