"""Pinyin for learners of Chinese: each hanzi with its reading, to set as ruby above the line.

Readings come from pypinyin (phrase-aware: 银行 yín háng, 行不行 xíng bù xíng). Its known trap is a
surname read as the common word (单先生 is Shàn, not Dān); those are fixed by a small table of
surnames, read as surnames when a title or a given name follows, and by the story's own table of names
and terms (passed in as ``overrides``), which wins over both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

# Surnames whose reading differs from the common word's.
SURNAME_READINGS = {"单": "shàn", "曾": "zēng", "解": "xiè", "仇": "qiú", "区": "ōu", "查": "zhā", "朴": "piáo",
                    "盖": "gě", "乐": "yuè", "尉": "yù", "种": "chóng"}
TITLES = ("先生", "女士", "老师", "律师", "法官", "阿姨", "叔叔", "师傅", "大爷", "奶奶", "爷爷", "同学",
          "书记", "主任")
_SURNAME_BEFORE_TITLE = re.compile(f"([{''.join(SURNAME_READINGS)}])(?={'|'.join(TITLES)})")
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_hanzi(ch: str) -> bool:
    return bool(_HANZI.fullmatch(ch))


@lru_cache(maxsize=4096)
def _pypinyin(run: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    return tuple(r[0] for r in pinyin(run, style=Style.TONE, errors=lambda chars: [[None]] * len(chars)))


def annotate(text: str, overrides: Mapping[str, str] | None = None) -> list[tuple[str, str | None]]:
    """``text`` as (character, reading) pairs: a reading for every hanzi, None for anything else.

    ``overrides`` maps a name or term to its readings, one syllable per hanzi, space-separated
    ("李小林": "lǐ xiǎo lín"); the longest match wins."""
    readings: list[str | None] = [None] * len(text)
    fixed = [False] * len(text)
    for term in sorted(overrides or {}, key=len, reverse=True):
        syllables = (overrides or {})[term].split()
        for m in re.finditer(re.escape(term), text):
            span = range(m.start(), m.end())
            if any(fixed[i] for i in span):
                continue
            hanzi = [i for i in span if is_hanzi(text[i])]
            for i, s in zip(hanzi, syllables):
                readings[i], fixed[i] = s, True
    for m in _SURNAME_BEFORE_TITLE.finditer(text):
        if not fixed[m.start()]:
            readings[m.start()], fixed[m.start()] = SURNAME_READINGS[m.group(1)], True
    # pypinyin reads runs of hanzi together, so phrases keep their context readings.
    for m in re.finditer(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", text):
        guessed = _pypinyin(m.group())
        for offset, reading in enumerate(guessed):
            i = m.start() + offset
            if not fixed[i]:
                readings[i] = reading
    return list(zip(text, readings))


def check_overrides(overrides: Mapping[str, str]) -> list[str]:
    """Problems in an override table: each term needs one syllable per hanzi."""
    problems = []
    for term, reading in overrides.items():
        hanzi = sum(1 for ch in term if is_hanzi(ch))
        n = len(reading.split())
        if hanzi == 0:
            problems.append(f"'{term}' holds no Chinese characters")
        elif n != hanzi:
            chars = f"{hanzi} character" + ("s" if hanzi != 1 else "")
            sylls = f"{n} syllable" + ("s" if n != 1 else "")
            problems.append(f"'{term}' has {chars} but {sylls}: '{reading}'; write one syllable per character")
    return problems
