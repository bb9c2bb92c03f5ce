"""One classroom run's record: a versioned JSON file, one CSV row and the printable summary beside it.

A run leaves exactly one record. :class:`RunRecorder` picks the file name once, when the run starts
(``record-GROUP-LIFE-YYYYmmdd-HHMMSS-XXXX``, XXXX from the run's random id; ``-2``, ``-3``... only if
that name is somehow taken already), and rewrites the same three files atomically whenever the run changes: after each
choice, each myth-or-fact answer, and when the run ends (``status``: ``finished``, ``left``,
``ended`` by the teacher). Pressing "Save the class summary" only updates it.

Myth-or-fact answers: :class:`AnswerLog` keeps the FIRST answer to each claim as the answer; a later
change (after the student saw the verdict) is kept as a change, never as the answer.

The record holds no names: the group label is a table or pair label the class chose, checked by
:func:`clean_group`; there are no user names, machine names or file paths in it.
The class report (:mod:`game.modes.class_report`) reads these files and nothing else.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import i18n
from ..engine.events import Event, describe
from ..engine.model import ANSWERS, Debrief, Story, Text
from ..engine.runtime import Session
from ..engine.saves import atomic_write_text
from ..i18n import _, pgettext
from . import paths
from .record_words import Lexicon, record_texts

FORMAT = "on-the-list/run-record"
VERSION = 2  # 2: "names", the story's words in its other languages (version 1 is still read)
READS = (1, 2)  # the record versions the class report reads
STATUSES = ("playing", "finished", "left", "ended")
ANSWER_WORDS = {"myth": "Myth", "fact": "Fact", "mixed": "Partly true"}  # the answers (keys); words: answer_word
GROUP_MAX = 24
MYTH_SLOTS = 8  # the CSV always has this many myth-or-fact column groups (more if a debrief has more)
_GROUP_OK = re.compile(r"[^\w .'-]+", re.UNICODE)


# -- words in the record's language --------------------------------------------------------------------
@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Interface strings in ``lang`` inside the block (a record is written in the language its run was
    played in, a class report in the class's), whatever the window speaks; the language in use before
    comes back afterwards. A language the interface has no catalog for is written in English."""
    before = i18n.current()
    try:
        yield i18n.use(lang if lang in i18n.languages() else None)
    finally:
        i18n.use(before)


def answer_word(answer: str) -> str:
    """"Myth", "Fact", "Partly true" in the current language (an unknown answer as written)."""
    words = {"myth": _("Myth"), "fact": _("Fact"), "mixed": _("Partly true")}
    return words.get(answer, answer)


def status_word(status: str) -> str:
    """What became of a run, in a few words ("reached an ending")."""
    words = {"playing": _("still playing"), "finished": _("reached an ending"), "left": _("left before the end"),
             "ended": _("ended by the teacher")}
    return words.get(status, status)


def yes_no(value: bool) -> str:
    return pgettext("a CSV cell: was the answer right?", "yes") if value else pgettext(
        "a CSV cell: was the answer right?", "no")


# -- the group label -------------------------------------------------------------------------------
def clean_group(text: str | None) -> str:
    """The label as stored: printable, single spaces, at most GROUP_MAX characters ("" if nothing left)."""
    flat = unicodedata.normalize("NFC", str(text or ""))
    flat = _GROUP_OK.sub(" ", "".join(ch for ch in flat if ch.isprintable()))
    return " ".join(flat.split())[:GROUP_MAX].strip(" .'-")


def group_slug(text: str) -> str:
    """The label in a file name: lower-case letters and digits joined by '-' ("Table 4" -> "table-4")."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if not slug and text:  # a label in another script: keep it recognisable but safe on every file system
        slug = "g" + "".join(f"{ord(c):x}" for c in text if not c.isspace())[:20]
    return slug[:32] or "no-group"


# -- answers ------------------------------------------------------------------------------------------
@dataclass
class AnswerLog:
    """Myth-or-fact answers: the first one given for each claim, and every later change."""

    first: dict[str, str] = field(default_factory=dict)
    changes: dict[str, list[str]] = field(default_factory=dict)

    def give(self, myth_id: str, given: str) -> bool:
        """Record an answer. True when it is the first for this claim (the one that counts)."""
        if given not in ANSWERS:
            raise ValueError(f"an answer is one of {', '.join(ANSWERS)}, not {given!r}")
        if myth_id not in self.first:
            self.first[myth_id] = given
            return True
        if given != self.latest(myth_id):
            self.changes.setdefault(myth_id, []).append(given)
        return False

    def latest(self, myth_id: str) -> str | None:
        later = self.changes.get(myth_id)
        return later[-1] if later else self.first.get(myth_id)

    def clear(self) -> None:
        self.first.clear()
        self.changes.clear()


# -- building the record ------------------------------------------------------------------------------
def path_kind(start: str) -> tuple[str, str]:
    """("main" | "short" | "chapter", chapter id or "") from a Session start."""
    if start.startswith("chapter:"):
        return "chapter", start.split(":", 1)[1]
    return ("short", "") if start == "short" else ("main", "")


def _event(ev: Event, tr) -> dict[str, Any]:
    d = ev.data
    out: dict[str, Any] = {"kind": ev.kind, "text": describe(ev, tr)}
    if ev.kind in ("refused", "allowed"):
        out.update(id=d.get("service_id", ""), name=tr(d.get("service")))
    elif ev.kind in ("listed", "delisted"):
        out.update(id=d.get("list", ""), name=tr(d.get("name")))
    elif ev.kind == "appeal":
        out.update(id=d.get("procedure_id", ""), name=tr(d.get("procedure")), result=str(d.get("result") or ""))
    return out


KEPT_EVENTS = ("refused", "allowed", "listed", "delisted", "appeal", "points", "grade")


def _excerpt(text: str, limit: int = 90) -> str:
    return excerpt(text, limit)


def excerpt(text: str, limit: int) -> str:
    """The start of ``text`` in about ``limit`` columns (a Chinese character takes two), cut at a word
    where the text has spaces, with an ellipsis when something was left out."""
    flat = " ".join(text.split())
    width = 0
    for i, ch in enumerate(flat):
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        width += 2 if wide else 1
        if width > limit:
            cut = flat[:i]
            if wide:
                return cut + "\u2026"
            if ch != " " and " " in cut:
                cut = cut.rsplit(" ", 1)[0]  # a Latin word is not cut in two
            return cut.rstrip() + " ..."
    return flat


def pick_debrief(session: Session, answers: AnswerLog | dict[str, str] | None = None) -> Debrief | None:
    """The debrief of the ending reached; before the end, the one whose claims were answered (or the first)."""
    life, node = session.life, session.node
    if node.ending is not None and node.ending.debrief in life.debriefs:
        return life.debriefs[node.ending.debrief]
    given = answers.first if isinstance(answers, AnswerLog) else (answers or {})
    for d in life.debriefs.values():
        if any(m.id in given for m in d.myths):
            return d
    return next(iter(life.debriefs.values()), None)


def build_record(session: Session, story: Story, *, group: str, answers: AnswerLog, run_id: str,
                 started: datetime, now: datetime, status: str = "playing", undos: int = 0,
                 show_questions: bool = True, lang: str | None = None) -> dict[str, Any]:
    """The record of a run as plain JSON data: strings in the run's language, and under ``names`` the
    same words in the story's other languages (keyed as :func:`record_texts` keys them), so a class
    report in another language can show them in its own."""
    if status not in STATUSES:
        raise ValueError(f"status is one of {', '.join(STATUSES)}")
    args = dict(group=group, answers=answers, run_id=run_id, started=started, now=now, status=status, undos=undos,
                show_questions=show_questions)
    rec = _record(session, story, lang=lang, **args)
    own = dict(record_texts(rec))
    names: dict[str, dict[str, str]] = {}
    for other in dict.fromkeys([story.language, *story.translations]):
        if other == rec["language"]:
            continue
        with speaking(other):  # the engine's own words ("Continue") in that language too
            theirs = record_texts(_record(session, story, lang=other, **args))
        names[other] = {k: v for k, v in theirs if v and own.get(k) != v}
    rec["names"] = names
    return rec


def _record(session: Session, story: Story, *, group: str, answers: AnswerLog, run_id: str, started: datetime,
            now: datetime, status: str, undos: int, show_questions: bool, lang: str | None) -> dict[str, Any]:
    def tr(t: Text | None) -> str:
        return story.text(t, lang)

    life = session.life
    kind, chapter = path_kind(session.state.start)
    chapter_title = next((tr(c.title) for c in life.chapters if c.id == chapter), chapter)
    hist, log = session.history, session.state.log
    choices = []
    for i, entry in enumerate(hist[:-1]):
        node = life.nodes.get(entry.node)
        choice_id = log[i][1] if i < len(log) else ""
        options = len(node.choices) if node is not None else 0
        events = [_event(e, tr) for e in (hist[i + 1].events if i + 1 < len(hist) else [])
                  if e.kind in KEPT_EVENTS]
        choices.append({"step": i + 1, "date": entry.date, "node": entry.node,
                        "scene": _excerpt(tr(node.title) if node is not None and node.title else tr(entry.text)),
                        "choice": choice_id, "label": tr(entry.choice), "options": options, "events": events})
    start_events = [_event(e, tr) for e in (hist[0].events if hist else []) if e.kind in KEPT_EVENTS]
    ending = session.node.ending
    debrief = pick_debrief(session, answers)
    myths = []
    if debrief is not None:
        for m in debrief.myths:
            first = answers.first.get(m.id, "")
            myths.append({"id": m.id, "claim": tr(m.claim), "answer": m.answer, "first": first,
                          "right": (first == m.answer) if first else None,
                          "changed_to": list(answers.changes.get(m.id, []))})
    minutes = max(0.0, (now - started).total_seconds() / 60)
    return {
        "format": FORMAT, "version": VERSION, "run_id": run_id, "story": story.id,
        "language": lang or story.language, "group": clean_group(group),
        "life": {"id": life.id, "title": tr(life.title), "player": tr(life.player)},
        "path": kind, "chapter": {"id": chapter, "title": chapter_title} if chapter else None,
        "status": status, "final": status != "playing",
        "started_at": started.isoformat(timespec="seconds"), "updated_at": now.isoformat(timespec="seconds"),
        "minutes_played": round(minutes, 1), "undos": int(undos),
        "ending": {"node": session.node.id, "title": tr(ending.title)} if ending is not None else None,
        "start_events": start_events, "choices": choices,
        "debrief": debrief.id if debrief is not None else "", "myths": myths,
        "questions": [tr(q) for q in debrief.questions] if debrief is not None else [],
        "questions_shown": bool(show_questions),
    }


# -- the CSV -----------------------------------------------------------------------------------------
def csv_columns(slots: int = MYTH_SLOTS) -> list[str]:
    """The CSV header: docs/teacher-guide.md lists exactly these (a test checks it)."""
    cols = ["group", "life", "life_id", "path", "chapter", "status", "ending", "ending_id", "choices_made",
            "minutes_played"]
    for n in range(1, slots + 1):
        cols += [f"myth_{n}", f"myth_{n}_id", f"myth_{n}_first_answer", f"myth_{n}_right", f"myth_{n}_changed_to"]
    return cols + ["choices", "started", "record_version"]


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_row(rec: dict[str, Any], slots: int = MYTH_SLOTS, lex: Lexicon | None = None) -> list[str]:
    """One record as one row: the story's words looked up by their ids in ``lex`` (the language being
    spoken; by default the record's own words), the ids beside them."""
    lex = lex or Lexicon([rec], i18n.current())
    life = str(rec["life"].get("id") or "")
    ending = rec.get("ending") or {}
    chapter = rec.get("chapter") or {}
    end_id = str(ending.get("node") or "")
    chapter_title = (lex(life, f"chapter:{chapter['id']}", chapter.get("title", "")) if chapter.get("id")
                     else chapter.get("title", ""))
    row: list[Any] = [rec.get("group", ""), lex(life, "life", rec["life"]["title"]), life, rec.get("path", ""),
                      chapter_title, rec.get("status", ""),
                      lex(life, f"ending:{end_id}", ending.get("title", "")) if end_id else ending.get("title", ""),
                      end_id, len(rec.get("choices", [])), rec.get("minutes_played", "")]
    myths = list(rec.get("myths", []))
    for n in range(slots):
        if n < len(myths):
            m = myths[n]
            right = "" if m.get("right") is None else yes_no(m["right"])
            first = answer_word(m["first"]) if m.get("first") else ""
            row += [lex(life, f"myth:{m.get('id')}", m.get("claim", "")), m.get("id", ""), first, right,
                    _(", then ").join(answer_word(a) for a in m.get("changed_to", []))]
        else:
            row += ["", "", "", "", ""]
    labels = (lex(life, f"choice:{c['node']}/{c['choice']}", c["label"]) if c.get("choice") else c["label"]
              for c in rec.get("choices", []))
    row.append(" | ".join(f"{c['step']}. {label}" for c, label in zip(rec.get("choices", []), labels)))
    row += [rec.get("started_at", ""), rec.get("version", "")]
    return [_cell(x) for x in row]


def render_csv(records: list[dict[str, Any]]) -> str:
    """A header and one row per record, for a spreadsheet (the class report writes all of them).

    The header is the same stable English identifiers in every language (spreadsheets and the class
    report read them); every word in the cells (lives, endings, claims, choices, answers, yes/no) is in
    the current language, found by the story's ids as the class report finds it (:class:`Lexicon`), so a
    class that played in two languages is one table: call it inside :func:`speaking`."""
    slots = max([MYTH_SLOTS] + [len(r.get("myths", [])) for r in records])
    lex = Lexicon(records, i18n.current())
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(csv_columns(slots))
    for r in records:
        w.writerow(csv_row(r, slots, lex))
    return buf.getvalue()


# -- writing ---------------------------------------------------------------------------------------
def record_stem(group: str, life_id: str, started: datetime, run_id: str = "") -> str:
    """``record-GROUP-LIFE-DATE-TIME-XXXX``: the last part, from the run's id, keeps two computers that
    write to one shared folder from ever choosing the same name in the same second."""
    tail = f"-{run_id[:4]}" if run_id else ""
    return f"record-{group_slug(clean_group(group))}-{life_id}-{started.strftime('%Y%m%d-%H%M%S')}{tail}"


class RunRecorder:
    """Keeps one run's record up to date in one place: ``STEM.json``, ``STEM.csv`` and ``STEM.html``.

    The stem is chosen on the first write and kept, so every later write replaces the same files.
    Raises PermissionError when writing is off (kiosk mode) and OSError when the folder cannot be
    written; the caller says so on screen and the run goes on.
    """

    def __init__(self, story: Story, folder: str | Path | None, group: str, *, show_questions: bool = True,
                 lang: str | None = None, started: datetime | None = None) -> None:
        self.story = story
        self.folder = Path(folder) if folder is not None else paths.export_dir()
        self.group = clean_group(group)
        self.show_questions = show_questions
        self.lang = lang
        self.started = started or datetime.now()
        self.run_id = secrets.token_hex(8)
        self.answers = AnswerLog()
        self.undos = 0
        self.status = "playing"
        self.stem: str | None = None
        self.writes = 0

    @property
    def json_path(self) -> Path | None:
        return self.folder / f"{self.stem}.json" if self.stem else None

    def _choose_stem(self, life_id: str) -> str:
        base = record_stem(self.group, life_id, self.started, self.run_id)
        stem, n = base, 2
        while any((self.folder / f"{stem}{ext}").exists() for ext in (".json", ".csv", ".html")):
            stem, n = f"{base}-{n}", n + 1
        return stem

    def record(self, session: Session, now: datetime | None = None) -> dict[str, Any]:
        return build_record(session, self.story, group=self.group, answers=self.answers, run_id=self.run_id,
                            started=self.started, now=now or datetime.now(), status=self.status, undos=self.undos,
                            show_questions=self.show_questions, lang=self.lang)

    def write(self, session: Session, status: str | None = None, now: datetime | None = None) -> Path:
        """Write (or rewrite) the record of ``session``; ``status`` other than "playing" makes it final."""
        from .export import build_summary, render_html

        if not paths.writes_enabled():
            raise PermissionError("records are off in kiosk mode")  # a program's message, not shown as such
        if status is not None:
            self.status = status
        now = now or datetime.now()
        with speaking(self.lang or self.story.language):  # the run's own language, whatever the window speaks
            rec = self.record(session, now)
            summary = build_summary(session, self.story, self.answers, self.show_questions, self.lang, now,
                                    record=rec)
            page, table = render_html(summary), render_csv([rec])
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.stem is None:
            self.stem = self._choose_stem(session.life.id)
        base = self.folder / self.stem
        # the summary and the CSV first: the JSON, which the class report reads, is written last
        atomic_write_text(base.with_suffix(".html"), page)
        atomic_write_text(base.with_suffix(".csv"), "\ufeff" + table)  # BOM: spreadsheets read UTF-8
        atomic_write_text(base.with_suffix(".json"), json.dumps(rec, ensure_ascii=False, indent=1) + "\n")
        self.writes += 1
        return base.with_suffix(".json")


__all__ = ["ANSWER_WORDS", "FORMAT", "GROUP_MAX", "MYTH_SLOTS", "READS", "STATUSES", "VERSION", "AnswerLog",
           "RunRecorder", "answer_word", "build_record", "clean_group", "csv_columns", "csv_row", "group_slug",
           "path_kind", "excerpt", "pick_debrief", "record_stem", "render_csv", "speaking", "status_word", "yes_no"]
