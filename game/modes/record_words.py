"""The words of the story a run record holds, keyed by the story's ids: what the record writer
translates into the story's other languages (the record's ``names``) and what the class report adds
up by, so one list, ending, choice or claim is one thing whatever language each group played in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

EVENT_THINGS = {"refused": "service", "allowed": "service", "listed": "list", "delisted": "list",
                "appeal": "procedure"}


def event_key(ev: dict[str, Any]) -> str:
    """"service:train_ticket": what an event in a record is about, by its id (its name if it has none)."""
    return f"{EVENT_THINGS.get(str(ev.get('kind')), str(ev.get('kind')))}:{ev.get('id') or ev.get('name') or '?'}"


def record_texts(rec: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(key, text) for every word of the story a record holds, keyed by the story's ids ("life",
    "ending:NODE", "service:ID", "choice:NODE/CHOICE", "myth:ID", "question:DEBRIEF/N"...): the class
    report adds up by these keys, so a class that played in two languages is one class. Works on
    version-1 records too (they hold the same ids)."""
    life = rec.get("life") or {}
    yield "life", str(life.get("title", ""))
    yield "player", str(life.get("player", ""))
    chapter = rec.get("chapter") or {}
    if chapter.get("id"):
        yield f"chapter:{chapter['id']}", str(chapter.get("title", ""))
    ending = rec.get("ending") or {}
    if ending.get("node"):
        yield f"ending:{ending['node']}", str(ending.get("title", ""))
    events = list(rec.get("start_events", []))
    for c in rec.get("choices", []):
        yield f"scene:{c.get('node')}", str(c.get("scene", ""))
        if c.get("choice"):
            yield f"choice:{c.get('node')}/{c['choice']}", str(c.get("label", ""))
        events += c.get("events", [])
    for e in events:
        if e.get("kind") in EVENT_THINGS and e.get("name"):
            yield event_key(e), str(e["name"])
    for m in rec.get("myths", []):
        yield f"myth:{m.get('id')}", str(m.get("claim", ""))
    for i, q in enumerate(rec.get("questions", [])):
        yield f"question:{rec.get('debrief', '')}/{i}", str(q)


WORLD = ("service", "list", "procedure")  # keys shared by every life; the others belong to one life


class Lexicon:
    """The words to show for each key in one language (the class report's), from a folder of records:
    a record played in that language says it first, then a record's ``names`` in it, then whatever a
    record says (a version-1 record of another language: the best there is)."""

    def __init__(self, records: list[dict[str, Any]], lang: str) -> None:
        self.lang = lang
        self.own: dict[tuple[str, str], str] = {}
        self.translated: dict[tuple[str, str], str] = {}
        self.other: dict[tuple[str, str], str] = {}
        for r in records:
            life = str((r.get("life") or {}).get("id", ""))
            mine = self.own if r.get("language") == lang else self.other
            for key, text in record_texts(r):
                if text:
                    mine.setdefault(self.scoped(life, key), text)
            names = r.get("names")
            table = names.get(lang) if isinstance(names, dict) else None
            if isinstance(table, dict):
                for key, text in table.items():
                    if isinstance(key, str) and isinstance(text, str) and text:
                        self.translated.setdefault(self.scoped(life, key), text)

    @staticmethod
    def scoped(life: str, key: str) -> tuple[str, str]:
        return ("" if key.split(":", 1)[0] in WORLD else life), key

    def __call__(self, life: str, key: str, default: str = "") -> str:
        k = self.scoped(life, key)
        return self.own.get(k) or self.translated.get(k) or self.other.get(k) or default


__all__ = ["EVENT_THINGS", "Lexicon", "event_key", "record_texts"]
