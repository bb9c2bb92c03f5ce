"""Interface strings through gettext, dates and numbers through Babel's locale data (CLDR).

Translators work on standard catalogs, ``game/locale/<lang>/LC_MESSAGES/game.po``, with any PO tool
(Poedit, Weblate, Lokalize). The game compiles a catalog in memory when it first needs that language,
so a fresh clone works with no build step and no ``.mo`` file to forget. English is the source
language: its strings are the ``msgid`` themselves.

Code marks a string with ``_("...")`` (``ngettext`` for plurals, ``pgettext`` where one English word
needs two translations) and fills placeholders with ``format``, so word order stays the translator's:
``_("{count} days pass")``, never ``"passes " + str(n)``.
"""

from __future__ import annotations

import datetime as _dt
import gettext as _gettext
import io
from functools import cache, lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "game"
SOURCE_LANGUAGE = "en"
# The Babel locale each language's dates and numbers follow: Chinese here is Simplified, as in mainland China;
# English writes dates day first ("9 May 2016"), as the story's sources from outside the US mostly do.
BABEL_LOCALE = {"en": "en_GB", "zh": "zh_Hans_CN"}


class UnknownLanguage(ValueError):
    """A language the game has no catalog for; the message names those there are."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        names = ", ".join(f"{code} ({name})" for code, name in languages().items())
        super().__init__(_("no language '{lang}'; choose one of: {names}").format(lang=lang, names=names))


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=1)
def languages() -> dict[str, str]:
    """Every language the interface speaks, each named in its own language ("中文 (简体)")."""
    codes = [SOURCE_LANGUAGE] + sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return {code: native_name(code) for code in dict.fromkeys(codes)}


def native_name(lang: str) -> str:
    from babel import Locale

    loc = Locale.parse(BABEL_LOCALE.get(lang, lang))
    name = Locale(loc.language, script=loc.script).get_display_name(loc)
    return name[:1].upper() + name[1:]


def check_language(lang: str | None) -> str:
    """The language to use for ``lang`` (None: the source language); UnknownLanguage when there is none."""
    if lang is None:
        return SOURCE_LANGUAGE
    if lang not in languages():
        raise UnknownLanguage(lang)
    return lang


@cache
def translation(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (English: no catalog, the msgids are the text)."""
    check_language(lang)
    if lang == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(lang).open("rb") as f:
        catalog = read_po(f, locale=BABEL_LOCALE.get(lang, lang), domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)  # a fuzzy entry is a guess: English is shown until it is checked
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


_current: list[_gettext.NullTranslations] = [_gettext.NullTranslations()]
_current_lang: list[str] = [SOURCE_LANGUAGE]


def use(lang: str | None) -> str:
    """Switch the interface to ``lang`` (raises UnknownLanguage); returns the language now in use."""
    lang = check_language(lang)
    _current[0] = translation(lang)
    _current_lang[0] = lang
    return lang


def current() -> str:
    return _current_lang[0]


def _(message: str) -> str:
    """The current language's text for an interface string."""
    return _current[0].gettext(message)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined (a module-level constant, read before ``use``);
    the code that shows it calls ``_()`` on it when it draws, in the language of that moment."""
    return message


class Message(str):
    """A message made where no language is known (the engine, the save files): it reads as English,
    and keeps its template and values so that :func:`say` can give it in the language of the moment.

    ``Message(N_("The save is for {life}."), life=name)``: ``N_`` marks the template for the catalog."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Message:
        self = super().__new__(cls, template.format(**values))
        self.template = template
        self.values = values
        return self


def say(message: str) -> str:
    """A message in the current language: a :class:`Message` translated with its values (themselves
    translated when they are messages); any other text as it is."""
    if not isinstance(message, Message):
        return message
    values = {k: say(v) if isinstance(v, str) else v for k, v in message.values.items()}
    return _(message.template).format(**values)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The right plural form for ``n`` in the current language (Chinese has one form)."""
    return _current[0].ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A string whose translation depends on where it is used (``context`` tells translators where)."""
    return _current[0].pgettext(context, message)


def _babel_locale(lang: str | None) -> str:
    lang = lang or current()
    return BABEL_LOCALE.get(lang, lang)


def format_date(value: _dt.date | str, lang: str | None = None, width: str = "long") -> str:
    """A date as the language writes it: "9 May 2016", "2016年5月9日".

    Story dates may be partial ("2018-10", "2018"): they are written with what is known ("October
    2018", "2018年10月"). Anything that is not a date is returned as written, never lost."""
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_skeleton

    loc = _babel_locale(lang)
    if isinstance(value, _dt.date):
        return babel_format_date(value, width, locale=loc)
    parts = value.split("-") if value else []
    try:
        if len(parts) == 3:
            return babel_format_date(_dt.date.fromisoformat(value), width, locale=loc)
        if len(parts) == 2 and len(parts[0]) == 4:
            return format_skeleton("yMMMM", _dt.date(int(parts[0]), int(parts[1]), 1), locale=loc)
        if len(parts) == 1 and len(parts[0]) == 4 and parts[0].isdigit():
            return format_skeleton("y", _dt.date(int(parts[0]), 1, 1), locale=loc)
    except ValueError:
        pass
    return value


def format_number(value: float, lang: str | None = None) -> str:
    """A number with the language's grouping and decimal marks: "5,000", "1,234.5"."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_babel_locale(lang))
