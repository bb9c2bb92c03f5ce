"""How the game names a source to a player: by outlet and date ("TechNode, 23 October 2018"), never by
its id ("technode_2018"), and with web addresses decoded, so a reader sees the Chinese title in a China
Law Translate address instead of rows of %E9%AB%98. Pure functions with no pygame: the window, the text
player, speech and the class summary all say the same words.

Outlets and authors are story texts (``source.ID.outlet``, ``source.ID.author``), translated in the
story's catalogs like titles; given the story, these functions show them in the player's language
("最高人民法院，2013年7月16日"). Without the story they fall back to the English as written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import unquote

from . import i18n
from .engine.model import Source

if TYPE_CHECKING:
    from .engine.model import Story


def human_date(date: str, lang: str | None = None) -> str:
    """'2018-10-23' -> '23 October 2018', '2018-10' -> 'October 2018', '2018' -> '2018' (in Chinese:
    2018年10月23日). Anything else is shown as written rather than guessed at."""
    return i18n.format_date(date, lang)


def outlet_name(src: Source, story: Story | None = None, lang: str | None = None) -> str:
    """The outlet in the player's language: "Supreme People's Court", "最高人民法院"."""
    if story is not None and src.outlet_text is not None:
        return story.text(src.outlet_text, lang) or src.outlet
    return src.outlet


def author_name(src: Source, story: Story | None = None, lang: str | None = None) -> str:
    """The author (or "translated by ...") in the player's language; "" when the source names none."""
    if story is not None and src.author_text is not None:
        return story.text(src.author_text, lang) or src.author
    return src.author


def short_cite(src: Source, lang: str | None = None, story: Story | None = None) -> str:
    """'TechNode, 23 October 2018'. Without a date, the author tells apart two pieces from one outlet
    ('China Law Translate (Jeremy Daum)'); with neither, the outlet alone."""
    when = human_date(src.date, lang)
    outlet, author = outlet_name(src, story, lang), author_name(src, story, lang)
    if when:
        return i18n._("{outlet}, {date}").format(outlet=outlet, date=when)
    return i18n._("{outlet} ({author})").format(outlet=outlet, author=author) if author else outlet


def source_line(src: Source, lang: str | None = None, story: Story | None = None) -> str:
    """A bibliography line's facts after the title: 'Supreme People's Court, translated by China Law
    Translate, 28 February 2017' (each part in the player's language; missing parts left out)."""
    bits = (outlet_name(src, story, lang), author_name(src, story, lang), human_date(src.date, lang))
    return i18n._(", ").join(b for b in bits if b)


def bibliography(parts: Iterable[str]) -> str:
    """A bibliography entry from its parts (author, title, outlet, date), with the language's full stops:
    "Author. Title. Outlet. 2017." / "作者。标题。媒体。2017年。". Empty parts are left out."""
    stop = i18n.pgettext("bibliography", ". ")
    shown = [p for p in parts if p]
    return stop.join(shown) + stop.rstrip() if shown else ""


def cite_list(sources: Mapping[str, Source], ids: Iterable[str], lang: str | None = None,
              story: Story | None = None) -> str:
    """The sources behind a scene, each named once: 'TechNode, 23 October 2018; CTV News'. An id the
    story does not define (the validator rejects that, so only a broken story gets here) stays as is."""
    names: list[str] = []
    for sid in ids:
        src = sources.get(sid)
        name = short_cite(src, lang, story) if src is not None else sid
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
