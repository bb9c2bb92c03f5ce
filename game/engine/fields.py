"""Typed, located reading of one YAML mapping: the loader's schema checks in one place.

Each reader reports a wrong type, a missing field or an unknown key (with a did-you-mean) to the
shared report and returns a usable default, so one pass finds every problem in a file.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from typing import Any

from .diagnostics import Report
from .model import Loc, Text
from .yamlsafe import YMap, YSeq

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

MISSING = object()

_ALLOWED: dict[tuple[str, ...], frozenset[str]] = {}  # each schema's allowed keys, as a set


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


class Fields:
    """Reads the keys of one mapping, knowing the file it came from and where each value sits."""

    __slots__ = ("data", "file", "report", "what")

    def __init__(self, data: YMap, file: str, report: Report, allowed: Iterable[str], what: str) -> None:
        self.data = data
        self.file = file
        self.report = report
        self.what = what
        if type(allowed) is not tuple:
            allowed = tuple(allowed)
        known = _ALLOWED.get(allowed)
        if known is None:
            known = _ALLOWED[allowed] = frozenset(allowed)
        if known.issuperset(data):
            return
        for key in data:
            if key not in known:
                hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                extra = f"; did you mean '{hint[0]}'?" if hint else f"; allowed keys: {', '.join(allowed)}"
                line, col = data.where_key(key)
                report.add(file, line, col, "E101", f"unknown key '{key}' in {what}{extra}")

    # -- locations ------------------------------------------------------------------------------
    def loc(self, key: str | None = None) -> Loc:
        data = self.data
        at = data.locs.get(key) if key else None
        if at is None:
            return Loc(self.file, data.pos[0], data.pos[1])
        return Loc(self.file, at[2], at[3])

    def error(self, key: str | None, code: str, message: str) -> None:
        loc = self.loc(key)
        self.report.add(self.file, loc.line, loc.col, code, message)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    # -- typed readers --------------------------------------------------------------------------
    def raw(self, key: str, required: bool = False) -> Any:
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(None, "E103", f"{self.what} needs '{key}'")
            return MISSING
        return value

    def str(self, key: str, required: bool = False, default: str = "") -> str:
        value = self.data.get(key)
        if type(value) is str:
            return value
        if value is None:
            if required:
                self.error(None, "E103", f"{self.what} needs '{key}'")
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.error(key, "E102", f"'{key}' should be text, not {type_name(value)}")
            return default
        return value

    def text(self, key: str, sid: str, required: bool = False) -> Text | None:
        value = self.str(key, required)
        if not value:
            if required and self.has(key):
                self.error(key, "E104", f"'{key}' must not be empty")
            return None
        return Text(sid, value.strip())

    def req_text(self, key: str, sid: str) -> Text:
        return self.text(key, sid, required=True) or Text(sid, "")

    def ident(self, key: str, required: bool = False) -> str:
        value = self.str(key, required)
        if value and not ID_RE.match(value):
            self.error(key, "E104", f"'{value}' is not a valid id: use lower-case letters, digits and _, "
                                    "starting with a letter")
        return value

    def int(self, key: str, required: bool = False, default: int = 0, minimum: int | None = None) -> int:
        value = self.raw(key, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, "E102", f"'{key}' should be a whole number, not {type_name(value)}")
            return default
        if minimum is not None and value < minimum:
            self.error(key, "E104", f"'{key}' must be at least {minimum}")
            return default
        return value

    def number(self, key: str, required: bool = False, default: float = 0.0) -> float:
        value = self.raw(key, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(key, "E102", f"'{key}' should be a number, not {type_name(value)}")
            return default
        if not math.isfinite(value):
            self.error(key, "E104", f"'{key}' must be a finite number, not {value}")
            return default
        return value

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.raw(key)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.error(key, "E102", f"'{key}' should be true or false, not {type_name(value)}")
            return default
        return value

    def enum(self, key: str, options: tuple[str, ...], required: bool = False, default: str = "") -> str:
        value = self.str(key, required)
        if value and value not in options:
            hint = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            self.error(key, "E104", f"'{key}' must be one of {', '.join(options)}, not '{value}'{extra}")
            return default
        return value or default

    def date(self, key: str, required: bool = False, full: bool = True) -> str:
        value = self.str(key, required)
        pattern = FULL_DATE_RE if full else DATE_RE
        if value and not pattern.match(value):
            form = "YYYY-MM-DD" if full else "YYYY-MM-DD, YYYY-MM or YYYY"
            self.error(key, "E104", f"'{key}' should be a date written {form}, not '{value}'")
            return ""
        if value and full:
            from datetime import date as _date
            try:
                _date.fromisoformat(value)
            except ValueError:
                self.error(key, "E104", f"'{value}' is not a real date")
                return ""
        return value

    def mapping(self, key: str, required: bool = False) -> YMap | None:
        value = self.raw(key, required)
        if value is MISSING:
            return None
        if not isinstance(value, YMap):
            self.error(key, "E102", f"'{key}' should be a mapping (key: value lines), not {type_name(value)}")
            return None
        return value

    def seq(self, key: str, required: bool = False) -> YSeq:
        value = self.raw(key, required)
        if value is MISSING:
            return YSeq(self.data.where(key))
        if not isinstance(value, YSeq):
            self.error(key, "E102", f"'{key}' should be a list, not {type_name(value)}")
            return YSeq(self.data.where(key))
        return value

    def id_list(self, key: str, required: bool = False) -> list[tuple[str, Loc]]:
        """A list of ids with the location of each, for reference checks later."""
        out: list[tuple[str, Loc]] = []
        raw = self.raw(key, required)
        if raw is MISSING:
            return out
        if isinstance(raw, str):  # a single id is accepted where a list is expected
            line, col = self.data.where(key)
            return [(raw, Loc(self.file, line, col))]
        seq = self.seq(key)
        for item, (line, col) in zip(seq, seq.item_pos):
            if not isinstance(item, str):
                self.report.add(self.file, line, col, "E102", f"'{key}' should list ids, not {type_name(item)}")
                continue
            out.append((item, Loc(self.file, line, col)))
        return out

    def items(self, key: str, what: str, required: bool = False) -> list[tuple[YMap, Loc]]:
        """The mappings in a list-of-mappings field, each with its location."""
        seq = self.seq(key, required)
        out: list[tuple[YMap, Loc]] = []
        for item, (line, col) in zip(seq, seq.item_pos):
            if type(item) is not YMap:
                self.report.add(self.file, line, col, "E102", f"each {what} should be a mapping, not {type_name(item)}")
                continue
            out.append((item, Loc(self.file, line, col)))
        return out
