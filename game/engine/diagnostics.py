"""Diagnostics reported like a compiler: ``path:line:col: error CODE: message``.

Every code is stable and documented in docs/errors.md; the registry below is the single source of
each code's severity and title, and a test checks that the documentation covers all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

# code -> (severity, short title). Never renumber: people search for these codes.
CODES: dict[str, tuple[str, str]] = {
    # files and YAML
    "E001": (ERROR, "YAML syntax error"),
    "E002": (ERROR, "file is not UTF-8"),
    "E003": (ERROR, "empty file"),
    "E004": (ERROR, "wrong root type"),
    "E005": (ERROR, "refused YAML tag"),
    "E006": (ERROR, "YAML alias refused"),
    "E007": (ERROR, "file not found"),
    "E008": (ERROR, "file too large or too deeply nested"),
    "E009": (ERROR, "unsupported format version"),
    "E010": (ERROR, "translation catalog cannot be read"),
    "E011": (ERROR, "pinyin reading does not fit"),
    # shape of the data
    "E101": (ERROR, "unknown key"),
    "E102": (ERROR, "wrong type"),
    "E103": (ERROR, "missing field"),
    "E104": (ERROR, "invalid value"),
    "E105": (ERROR, "duplicate id"),
    "E106": (ERROR, "duplicate key"),
    # references and story graph
    "E201": (ERROR, "unknown node"),
    "E202": (ERROR, "dead end"),
    "E203": (ERROR, "ending without a debrief"),
    "E204": (ERROR, "unknown list"),
    "E205": (ERROR, "unknown service"),
    "E206": (ERROR, "unknown variable"),
    "E207": (ERROR, "unknown source"),
    "E208": (ERROR, "unknown place"),
    "E209": (ERROR, "unknown procedure or step"),
    "E210": (ERROR, "unknown grade or scheme"),
    "E211": (ERROR, "unknown life"),
    "E212": (ERROR, "no ending reachable"),
    "E213": (ERROR, "unknown illustration"),
    "W201": (WARNING, "unreachable node"),
    "W202": (WARNING, "dialogue without a speaker"),
    # expressions
    "E301": (ERROR, "expression syntax error"),
    "E302": (ERROR, "expression type error"),
    "E303": (ERROR, "unknown function or wrong arguments"),
    # evidence
    "E304": (ERROR, "documented or reported text without a source"),
    "W301": (WARNING, "documented text backed only by a low-trust source"),
    # translations
    "W401": (WARNING, "missing translation"),
    "W402": (WARNING, "stale translation"),
    "W403": (WARNING, "translation of an unknown string"),
    # readability
    "W501": (WARNING, "long sentence"),
    "W502": (WARNING, "long screen"),
    "W503": (WARNING, "text folded into one paragraph"),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a story, located in its file."""

    path: str
    line: int
    col: int
    code: str
    message: str

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}"


class Report:
    """Collects diagnostics; the loader and validator add to one report so all are shown at once."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, path: str, line: int, col: int, code: str, message: str) -> None:
        if code not in CODES:
            raise KeyError(f"unregistered diagnostic code {code}")
        self.items.append(Diagnostic(str(path), int(line), int(col), code, message))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.items.extend(items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.path, d.line, d.col, d.code))

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
