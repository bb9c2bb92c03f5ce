"""Reading a class's run records from a folder, for the class report (:mod:`game.modes.class_report`).

Every ``*.json`` under the folder (sub-folders too) is read and checked; what cannot be used is listed
with the reason and skipped: damaged JSON, a record of another format or game version, missing or
wrong fields, a second copy of the same run (the latest update is kept), a file that is not a record.
Nothing here raises on bad input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import _
from .record import ANSWER_WORDS, FORMAT, READS, STATUSES, VERSION

MAX_BYTES = 2_000_000  # a record of the longest life is a few tens of kB
PATHS = ("main", "short", "chapter")
COMPANIONS = (".csv", ".html")  # written beside each record: not reported as "not a record"


@dataclass
class Skipped:
    file: str  # relative to the folder read: no user or machine names
    reason: str


@dataclass
class Loaded:
    records: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the file of each record, same order
    skipped: list[Skipped] = field(default_factory=list)


# -- reading -----------------------------------------------------------------------------------------
def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    """isinstance, except that True and False are not numbers here."""
    return isinstance(value, kind) and not isinstance(value, bool)


def problems(rec: dict[str, Any]) -> list[str]:
    """What is missing or wrong in a version-1 or -2 record (empty when it can be used)."""
    out: list[str] = []

    def need(key: str, kind, where: dict[str, Any] = rec, name: str = "") -> Any:
        value = where.get(key)
        if not _is(value, kind):
            out.append(_("\u2018{field}\u2019 is missing or not {kind}").format(
                field=name or key, kind=getattr(kind, "__name__", _("a number"))))
            return None
        return value

    need("run_id", str)
    need("group", str)
    life = need("life", dict)
    if life is not None:
        need("id", str, life, "life.id")
        need("title", str, life, "life.title")
    if rec.get("path") not in PATHS:
        out.append(_("\u2018path\u2019 is not {values}").format(values=", ".join(PATHS)))
    if rec.get("status") not in STATUSES:
        out.append(_("\u2018status\u2019 is not one of {values}").format(values=", ".join(STATUSES)))
    need("minutes_played", (int, float))
    if rec.get("ending") is not None and not (isinstance(rec["ending"], dict) and _is(rec["ending"].get("title"), str)):
        out.append(_("\u2018ending\u2019 has no title"))
    for i, c in enumerate(need("choices", list) or []):
        if not (isinstance(c, dict) and _is(c.get("step"), int) and _is(c.get("node"), str)
                and _is(c.get("label"), str) and _is(c.get("options"), int) and isinstance(c.get("events"), list)
                and all(isinstance(e, dict) and _is(e.get("kind"), str) for e in c["events"])):
            out.append(_("choice {n} is damaged").format(n=i + 1))
            break
    for i, m in enumerate(need("myths", list) or []):
        if not (isinstance(m, dict) and _is(m.get("id"), str) and _is(m.get("claim"), str)
                and m.get("first") in ("", *ANSWER_WORDS) and m.get("answer") in ANSWER_WORDS
                and isinstance(m.get("changed_to", []), list)):
            out.append(_("myth-or-fact answer {n} is damaged").format(n=i + 1))
            break
    names = rec.get("names", {})
    if not (isinstance(names, dict) and all(isinstance(t, dict) for t in names.values())):
        out.append(_("\u2018names\u2019 is damaged"))
    qs = need("questions", list)
    if qs is not None and not all(isinstance(q, str) for q in qs):
        out.append(_("\u2018questions\u2019 holds something that is not text"))
    return out


def read_record(path: Path, name: str) -> tuple[dict[str, Any] | None, str]:
    """(record, "") or (None, why it was skipped)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, _("too large to be a record")
        raw = path.read_bytes()
    except OSError as exc:
        return None, _("could not be read ({reason})").format(reason=exc.strerror or exc)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, _("damaged: not UTF-8 text")
    except json.JSONDecodeError as exc:
        return None, _("damaged: not valid JSON (line {line}, column {column})").format(line=exc.lineno,
                                                                                       column=exc.colno)
    except RecursionError:
        return None, _("damaged: nested too deeply")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, _("not a record of this game")
    version = data.get("version")
    if not _is(version, int):
        return None, _("damaged: the record has no version number")
    if version > VERSION:
        return None, _("made by a newer version of the game (record version {version}; this one reads "
                       "{reads})").format(version=version, reads=_(", ").join(map(str, READS)))
    if version not in READS:
        return None, _("made by an older version of the game (record version {version}; this one reads "
                       "{reads})").format(version=version, reads=_(", ").join(map(str, READS)))
    found = problems(data)
    if found:
        return None, _("damaged: {problems}").format(problems=_("; ").join(found[:3]))
    return data, ""


def load_folder(folder: str | Path) -> Loaded:
    """Every record under ``folder`` (sub-folders too), duplicates and unusable files reported."""
    root = Path(folder)
    out = Loaded()
    try:
        files = sorted(p for p in root.rglob("*") if p.is_file())
    except OSError as exc:
        out.skipped.append(Skipped(".", _("the folder could not be read ({reason})").format(
            reason=exc.strerror or exc)))
        return out
    stems = {p.with_suffix("") for p in files if p.suffix.lower() == ".json"}
    by_run: dict[str, int] = {}
    for p in files:
        name = p.relative_to(root).as_posix()
        if p.suffix.lower() != ".json":
            if p.suffix.lower() in COMPANIONS and p.with_suffix("") in stems:
                continue  # the summary and CSV written beside a record
            if p.name.startswith("class-report") or p.name.startswith("."):
                continue  # an earlier class report, hidden files (.DS_Store...)
            out.skipped.append(Skipped(name, _("not a record (records are .json files)")))
            continue
        rec, why = read_record(p, name)
        if rec is None:
            out.skipped.append(Skipped(name, why))
            continue
        seen = by_run.get(rec["run_id"])
        if seen is None:
            by_run[rec["run_id"]] = len(out.records)
            out.records.append(rec)
            out.files.append(name)
            continue
        kept = out.records[seen]
        if _freshness(rec) > _freshness(kept):
            out.skipped.append(Skipped(out.files[seen], _("a copy of the same run as {file} (older)").format(
                file=name)))
            out.records[seen], out.files[seen] = rec, name
        else:
            out.skipped.append(Skipped(name, _("a copy of the same run as {file}").format(file=out.files[seen])))
    return out


def _freshness(rec: dict[str, Any]) -> tuple[str, bool]:
    return str(rec.get("updated_at", "")), bool(rec.get("final", False))
