"""``appeal: {procedure, step}`` or ``{procedure, result}``: move an appeal to a step of its procedure,
or end it (granted, refused, withdrawn); raises ``appeal``."""

from __future__ import annotations

from typing import Any

from ...i18n import N_, _
from ..model import Effect
from ..shapes import Value, k, req, shape
from ..wording import amount, ngettext
from .base import BAD, GOOD, NOTE, EffectKind, Event, EventKind, Shown, Site, Tr

RESULTS = ("granted", "refused", "withdrawn")
RESULT_WORDS = {"granted": N_("granted"), "refused": N_("refused"), "withdrawn": N_("withdrawn")}
VALUE = Value("{procedure, step} or {procedure, result}.",
              shape=shape("effect_appeal", "an appeal", "Move an appeal to a step, or end it.",
                          req("procedure", "ref", "The appeal procedure's id."),
                          k("step", "ref", "The step the appeal moves to."),
                          k("result", "enum", "How the appeal ends.", options=RESULTS),
                          one_of=("step", "result")))


def parse(site: Site) -> Effect | None:
    f = site.fields(VALUE.shape.allowed)
    if f is None:
        return None
    proc = site.reader.ref(f, "procedure", "procedure", required=True)
    step = f.str("step")
    result = f.enum("result", RESULTS)
    if step:
        site.reader.refer("step", step, f.loc("step"), extra=proc)
    if bool(step) == bool(result):
        f.error(None, "E104", "an 'appeal' effect needs exactly one of 'step' or 'result'")
    return Effect("appeal", {"procedure": proc, "step": step, "result": result}, site.loc)


def apply(args: dict[str, Any], rules) -> list[Event]:
    proc, s = rules.story.world.procedures[args["procedure"]], rules.state
    entry = s.appeals.setdefault(proc.id, {"step": "", "result": "", "since": s.date})
    if args["step"]:
        step = proc.step(args["step"])
        entry.update(step=args["step"], result="", since=s.date)
        return [Event("appeal", {"procedure": proc.name, "procedure_id": proc.id, "step": step.name,
                                 "step_id": step.id, "text": step.text, "limit_days": step.limit_days})]
    entry["result"] = args["result"]
    return [Event("appeal", {"procedure": proc.name, "procedure_id": proc.id, "result": args["result"]})]


def show_appeal(d: dict[str, Any], tr: Tr) -> Shown:
    result = d.get("result")
    if result:
        tone = GOOD if result == "granted" else BAD if result == "refused" else NOTE
        return Shown(_("APPEAL"), _("{procedure}: {result}.").format(procedure=tr(d["procedure"]),
                                                                     result=_(RESULT_WORDS.get(result, result))),
                     tone, "gavel")
    limit = d.get("limit_days")
    step = _("{procedure}: {step}.").format(procedure=tr(d["procedure"]), step=tr(d["step"]))
    if limit is not None:
        step = ngettext("{step} Time limit: {n} day.", "{step} Time limit: {n} days.", limit).format(
            step=step, n=amount(limit))
    return Shown(_("APPEAL"), step, NOTE, "gavel")


KIND = EffectKind("appeal", parse, apply, (EventKind("appeal", show_appeal),), value=VALUE)
