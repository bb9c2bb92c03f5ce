"""How the game names a source to a player: by outlet and date ("TechNode, 23 October 2018"), never by
its id ("technode_2018"), and with web addresses decoded, so a reader sees the Chinese title in a China
Law Translate address instead of rows of %E9%AB%98. Pure functions with no pygame: the window, the text
player and the class summary all say the same words."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from urllib.parse import unquote

from . import i18n
from .engine.model import Source


def human_date(date: str, lang: str | None = None) -> str:
    """'2018-10-23' -> '23 October 2018', '2018-10' -> 'October 2018', '2018' -> '2018' (in Chinese:
    2018年10月23日). Anything else is shown as written rather than guessed at."""
    return i18n.format_date(date, lang)


def short_cite(src: Source, lang: str | None = None) -> str:
    """'TechNode, 23 October 2018'. Without a date, the author tells apart two pieces from one outlet
    ('China Law Translate (Jeremy Daum)'); with neither, the outlet alone."""
    when = human_date(src.date, lang)
    if when:
        return i18n._("{outlet}, {date}").format(outlet=src.outlet, date=when)
    return i18n._("{outlet} ({author})").format(outlet=src.outlet, author=src.author) if src.author else src.outlet


def cite_list(sources: Mapping[str, Source], ids: Iterable[str], lang: str | None = None) -> str:
    """The sources behind a scene, each named once: 'TechNode, 23 October 2018; CTV News'. An id the
    story does not define (the validator rejects that, so only a broken story gets here) stays as is."""
    names: list[str] = []
    for sid in ids:
        src = sources.get(sid)
        name = short_cite(src, lang) if src is not None else sid
        if name not in names:
            names.append(name)
    return i18n._("; ").join(names)


def display_url(url: str) -> str:
    """The address as a reader would type it: percent-escapes decoded. The link itself (an export's
    href) keeps the encoded form. If the escapes are not UTF-8, or decoding would produce control or
    invisible formatting characters (a newline, a right-to-left override), the encoded form is shown."""
    try:
        shown = unquote(url, errors="strict")
    except UnicodeDecodeError:  # escapes that are not UTF-8 text: show them as they are
        return url
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in shown):
        return url
    return shown
