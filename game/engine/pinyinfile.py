"""The story's own pinyin readings: ``story/lang/<lang>/pinyin.yaml`` (name or term -> syllables).

Read with a safe loader and checked with :func:`game.pinyin.check_overrides`, so a term whose syllables
do not match its characters is reported (``path:line:col: error E011: ...``, by ``validate`` and by the
game) and left out, never shown wrong. A missing file is no error: pypinyin's readings are used alone.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..pinyin import check_overrides
from .diagnostics import Diagnostic

FILE = "pinyin.yaml"
MAX_BYTES = 256 * 1024
CODE = "E011"
_STR = "tag:yaml.org,2002:str"


def path_for(story_root: str | Path, lang: str) -> Path:
    return Path(story_root) / "lang" / lang / FILE


def languages(story_root: str | Path) -> list[str]:
    """The languages that have a reading table in this story."""
    base = Path(story_root) / "lang"
    try:
        return sorted(d.name for d in base.iterdir() if (d / FILE).is_file())
    except OSError:
        return []


def load(story_root: str | Path, lang: str) -> tuple[dict[str, str], list[Diagnostic]]:
    """The table for ``lang`` (empty when there is none) and the problems found in it, each at its line."""
    p = path_for(story_root, lang)

    def problem(message: str, mark: yaml.Mark | None = None) -> Diagnostic:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return Diagnostic(str(p), line, col, CODE, message)

    try:
        if p.stat().st_size > MAX_BYTES:
            return {}, [problem(f"the reading table is larger than {MAX_BYTES // 1024} KB")]
        root = yaml.compose(p.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [problem(f"the reading table cannot be read ({exc})")]
    except yaml.YAMLError as exc:
        return {}, [problem(f"the reading table is not valid YAML ({getattr(exc, 'problem', None) or exc})",
                            getattr(exc, "problem_mark", None))]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [problem("the reading table must be a list of 'term: syllables' lines", root.start_mark)]
    table: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for key, value in root.value:
        term = key.value if isinstance(key, yaml.ScalarNode) and key.tag == _STR else None
        reading = value.value if isinstance(value, yaml.ScalarNode) and value.tag == _STR else None
        if term is None or reading is None:
            problems.append(problem("each line must be a term and its syllables, both text: "
                                    "'李肖霖: lǐ xiāo lín'", key.start_mark))
            continue
        if term in table:
            problems.append(problem(f"'{term}' is in the table twice; keep one", key.start_mark))
            continue
        bad = check_overrides({term: reading})
        if bad:
            problems += [problem(b, value.start_mark) for b in bad]
            continue
        table[term] = " ".join(reading.split())
    return table, problems
