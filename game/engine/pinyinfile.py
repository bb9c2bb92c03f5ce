"""The story's own pinyin readings: ``story/lang/<lang>/pinyin.yaml`` (name or term -> syllables).

Read with a safe loader and checked with :func:`game.pinyin.check_overrides`, so a term whose syllables
do not match its characters is reported (``path: error P001: ...``) and left out, never shown wrong.
A missing file is no error: pypinyin's readings are used alone.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..pinyin import check_overrides

FILE = "pinyin.yaml"
MAX_BYTES = 256 * 1024


def path_for(story_root: str | Path, lang: str) -> Path:
    return Path(story_root) / "lang" / lang / FILE


def load(story_root: str | Path, lang: str) -> tuple[dict[str, str], list[str]]:
    """The table for ``lang`` (empty when there is none) and the problems found in it."""
    p = path_for(story_root, lang)
    try:
        if p.stat().st_size > MAX_BYTES:
            return {}, [f"{p}: error P001: the file is larger than {MAX_BYTES // 1024} KB"]
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{p}: error P001: cannot be read ({exc})"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{p}:{mark.line + 1}:{mark.column + 1}" if mark else str(p)
        return {}, [f"{where}: error P001: not valid YAML ({getattr(exc, 'problem', None) or exc})"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{p}: error P001: expected a mapping of term: readings"]
    table: dict[str, str] = {}
    problems: list[str] = []
    for term, reading in data.items():
        if not isinstance(term, str) or not isinstance(reading, str):
            problems.append(f"{p}: error P001: '{term}': a term and its readings must both be text")
            continue
        bad = check_overrides({term: reading})
        if bad:
            problems += [f"{p}: error P001: {b}" for b in bad]
            continue
        table[term] = " ".join(reading.split())
    return table, problems
