"""Interface strings go through gettext; every catalog is complete; dates and numbers follow the language."""

from __future__ import annotations

import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from game import i18n

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


@lru_cache(maxsize=1)
def code_messages() -> frozenset[tuple[str | None, str]]:
    """Every (context, msgid) the code marks for translation, found by Babel as pybabel would."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT / "game"), method_map=[("**.py", "python")], keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return frozenset(found)


def catalog(lang: str):
    with i18n.catalog_path(lang).open("rb") as f:
        return read_po(f, locale=i18n.BABEL_LOCALE[lang])


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.use("en")


def test_the_code_marks_strings_for_translation():
    assert (None, "no language '{lang}'; choose one of: {names}") in code_messages()


@pytest.mark.parametrize("lang", [code for code in i18n.languages() if code != i18n.SOURCE_LANGUAGE])
def test_every_catalog_is_complete_and_current(lang):
    """A string in the code missing from a catalog, an untranslated or fuzzy entry, or a stale one fails."""
    cat = catalog(lang)
    entries = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in cat if m.id}
    code = code_messages()
    assert sorted(code - set(entries), key=str) == [], f"in the code but not in the {lang} catalog"
    assert sorted(set(entries) - code, key=str) == [], f"in the {lang} catalog but no longer in the code"
    for key, m in entries.items():
        assert not m.fuzzy, f"{key}: fuzzy (a guess nobody checked)"
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"{key}: untranslated"
    assert not cat.obsolete, "obsolete entries (#~) should be removed"


def test_languages_are_named_in_their_own_language():
    assert i18n.languages() == {"en": "English", "zh": "中文 (简体)"}


def test_an_unknown_language_names_the_languages_there_are():
    with pytest.raises(i18n.UnknownLanguage) as err:
        i18n.check_language("klingon")
    assert str(err.value) == "no language 'klingon'; choose one of: en (English), zh (中文 (简体))"


def test_switching_language_translates_and_english_is_the_source():
    msg = "no language '{lang}'; choose one of: {names}"
    assert i18n.use("zh") == "zh" and i18n._(msg) == "没有“{lang}”这种语言；可选：{names}"
    assert i18n.use(None) == "en" and i18n._(msg) == msg


def test_fuzzy_entries_are_not_used(tmp_path, monkeypatch):
    po = i18n.catalog_path("zh").read_text(encoding="utf-8")
    po += ('\n#, fuzzy\nmsgid "A guess"\nmsgstr "猜的"\n\n'
           'msgid "{n} day passes"\nmsgid_plural "{n} days pass"\nmsgstr[0] "过了{n}天"\n')
    target = tmp_path / "zh" / "LC_MESSAGES" / "game.po"
    target.parent.mkdir(parents=True)
    target.write_text(po, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translation.cache_clear()
    i18n.languages.cache_clear()
    try:
        i18n.use("zh")
        assert i18n._("A guess") == "A guess"
        assert i18n.ngettext("{n} day passes", "{n} days pass", 1) == "过了{n}天"
        assert i18n.ngettext("{n} day passes", "{n} days pass", 3) == "过了{n}天"
        i18n.use("en")
        assert i18n.ngettext("{n} day passes", "{n} days pass", 1) == "{n} day passes"
        assert i18n.ngettext("{n} day passes", "{n} days pass", 3) == "{n} days pass"
    finally:
        i18n.translation.cache_clear()
        i18n.languages.cache_clear()


def test_dates_and_numbers_follow_the_language():
    assert i18n.format_date("2016-05-09", "zh") == "2016年5月9日"
    assert i18n.format_date("2016-05-09", "en") == "9 May 2016"
    assert i18n.format_date("2018-10", "zh") == "2018年10月" and i18n.format_date("2018", "en") == "2018"
    assert i18n.format_date("2018-13", "en") == "2018-13", "what is not a date is shown as written"
    assert i18n.format_number(5000, "zh") == "5,000" and i18n.format_number(1234.5, "en") == "1,234.5"


def test_the_documented_pybabel_command_extracts_the_strings(tmp_path):
    """docs/translating.md's extract command, run as a translator would, finds the marked strings."""
    pot = tmp_path / "game.pot"
    run = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "game/locale/babel.cfg",
                          "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "-o", str(pot), "game"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "msgid \"no language '{lang}'; choose one of: {names}\"" in pot.read_text(encoding="utf-8")
    assert "pybabel extract -F game/locale/babel.cfg -k ngettext:1,2 -k pgettext:1c,2" in \
        (ROOT / "docs" / "translating.md").read_text(encoding="utf-8")
