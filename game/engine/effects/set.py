"""``set``: give variables new values (expressions, or literal numbers and true/false); raises ``changed``."""

from __future__ import annotations

import math
import re
from typing import Any

from ...i18n import _
from ..model import Effect, Loc
from ..shapes import Value
from ..wording import amount
from ..yamlsafe import YMap
from .base import NOTE, EffectKind, Event, EventKind, Shown, Site, Tr

VALUE = Value("Variable names, each with a value: a number, true/false, or an expression in quotes.",
              assign=True)


def parse(site: Site) -> Effect | None:
    value = site.value
    if not isinstance(value, YMap) or not value:
        site.error("E102", "'set' should map variable names to values")
        return None
    reader, file = site.reader, site.loc.file
    values = []
    for name, v in value.items():
        at = value.locs[name]
        where = Loc(file, at[2], at[3])
        reader.refer("variable", name, Loc(file, at[0], at[1]), site.life)
        if isinstance(v, float) and not math.isfinite(v):
            reader.report.add(file, where.line, where.col, "E104", f"'{name}' must be set to a finite number, not {v}")
        elif isinstance(v, (bool, int, float)):
            tree = ("bool", v, 0) if isinstance(v, bool) else ("num", v, 0)
            values.append((name, tree, str(v)))
            reader.constant(str(v), tree, where, site.life, name)
        else:  # an expression (anything but text is reported by the expression reader)
            tree = reader.expression(v, where, site.life, "", name)
            if tree is not None:
                values.append((name, tree, v))
    return Effect("set", {"values": values}, site.loc)


def apply(args: dict[str, Any], rules) -> list[Event]:
    out = []
    for name, tree, _src in args["values"]:
        old = rules.lookup(name)
        new = rules.eval(tree)
        var = rules.life.variables.get(name)
        if var is not None and not isinstance(var.initial, bool) and isinstance(new, float) and new.is_integer():
            new = int(new)  # a whole-number variable stays whole after arithmetic
        rules.state.vars[name] = new
        if var is not None and var.show and old != new:
            out.append(Event("changed", {"name": name, "label": var.label, "unit": var.unit, "old": old, "new": new}))
    return out


def show_changed(d: dict[str, Any], tr: Tr) -> Shown:
    label = tr(d["label"]) if d.get("label") else d["name"]
    unit = tr(d["unit"]) if d.get("unit") else ""
    if unit and re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", label, re.IGNORECASE):
        unit = ""  # "Hours lost: 0 to 1" rather than "0 to 1 hours", which needs a plural it cannot know
    change = (_("{old} to {new} {unit}.") if unit else _("{old} to {new}.")).format(
        old=amount(d["old"]), new=amount(d["new"]), unit=unit)
    return Shown(label.upper(), change, NOTE, "info")


KIND = EffectKind("set", parse, apply, (EventKind("changed", show_changed),), value=VALUE)
