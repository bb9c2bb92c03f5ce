"""``points: {change, reason}``: change the life's score under its point scheme; raises ``points``
and, when the score crosses a band, ``grade``."""

from __future__ import annotations

from typing import Any

from ...i18n import _
from ..model import Effect
from ..shapes import Value, req, shape
from ..wording import amount, ngettext, sentence
from .base import BAD, GOOD, NOTE, EffectKind, Event, EventKind, Shown, Site, Tr

VALUE = Value("{change, reason}.", shape=shape("effect_points", "a points change", "A change of points and why.",
                                                req("change", "int", "Points added (or taken, when negative)."),
                                                req("reason", "text", "Why, as the scheme would say it.")))


def parse(site: Site) -> Effect | None:
    f = site.fields(VALUE.shape.allowed)
    if f is None:
        return None
    change = f.int("change", required=True)
    return Effect("points", {"change": change, "reason": site.text(f, "reason", required=True)}, site.loc)


def apply(args: dict[str, Any], rules) -> list[Event]:
    scheme, s = rules.scheme, rules.state
    if scheme is None:
        return []
    before_grade = rules.grade()
    before = s.points if s.points is not None else scheme.start
    s.points = before + args["change"]
    reason = args["reason"]
    s.points_log.append({"date": s.date, "points": s.points, "change": args["change"],
                         "reason": reason.en if reason else "", "reason_id": reason.id if reason else ""})
    out = [Event("points", {"change": args["change"], "reason": reason, "points": s.points, "before": before})]
    after_grade = rules.grade()
    if after_grade != before_grade:
        better = scheme.rank(after_grade) < scheme.rank(before_grade)
        out.append(Event("grade", {"old": before_grade, "new": after_grade, "better": better}))
    return out


def show_points(d: dict[str, Any], tr: Tr) -> Shown:
    change = d["change"]
    signed = f"{'+' if change >= 0 else '-'}{amount(abs(change))}"
    reason = sentence(tr(d["reason"])) if d.get("reason") else ""
    tone = GOOD if change > 0 else BAD if change < 0 else NOTE
    now = _("Now {points}.").format(points=amount(d["points"]))  # grouped as the card shows it: "1,004"
    detail = ngettext("Now {n} point.", "Now {n} points.", d["points"]).format(n=amount(d["points"]))
    if reason:
        now, detail = (_("{reason} {now}").format(reason=reason, now=now),
                       _("{reason} {now}").format(reason=reason, now=detail))
    return Shown(_("POINTS"), _("{amount}. {rest}").format(amount=signed, rest=now), tone, "star",
                 tag=_("POINTS {amount}").format(amount=signed), detail=detail)


def show_grade(d: dict[str, Any], tr: Tr) -> Shown:
    text = (_("{old} to {new} (up).") if d["better"] else _("{old} to {new} (down).")).format(old=d["old"],
                                                                                              new=d["new"])
    return Shown(_("GRADE"), text, GOOD if d["better"] else BAD, "star",
                 tag=_("GRADE UP") if d["better"] else _("GRADE DOWN"))


KIND = EffectKind("points", parse, apply, (EventKind("points", show_points), EventKind("grade", show_grade)),
                  uses_points=True, value=VALUE)
