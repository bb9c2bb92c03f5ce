"""``flag: name``: set a true/false variable to true. It is read as a ``set`` and applied as one."""

from __future__ import annotations

from ..model import Effect
from ..shapes import Value, req
from .base import EffectKind, Site

TRUE = ("bool", True, 0)  # the parsed expression ``true``
VALUE = Value("A true/false variable, set to true.", short=req("flag", "variable", "The variable's name."))


def parse(site: Site) -> Effect | None:
    name = site.value
    if not isinstance(name, str):
        site.error("E102", "'flag' should name a true/false variable")
        return None
    site.reader.refer("variable", name, site.loc, site.life)
    site.reader.constant("true", TRUE, site.loc, site.life, name)
    return Effect("set", {"values": [(name, TRUE, "true")]}, site.loc)


KIND = EffectKind("flag", parse, value=VALUE)
