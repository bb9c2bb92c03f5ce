"""The classroom summary of a run: one self-contained printable HTML page (at most two pages on A4
and on Letter; ``bench/print_pages.py`` checks it in headless Chromium).

The page holds the group, the life, the path (main, short or a chapter), the ending, the decisions
made (each with its date and what it caused; the scenes passed with "Continue" are only counted),
the lists over time, the points over time as an inline SVG chart with the values as text, the
journal, the myth-or-fact answers (the FIRST answer counts; a later change is shown as a change),
the discussion questions unless the teacher hid them, and the sources cited along the way (each
address once). The debrief's own text is the same for every run of a life, so it is not repeated
here: the answer key (``python -m game worksheet``) prints it once for the class.
The record's data and its one-row CSV come from :mod:`game.modes.record`.

It loads nothing: the CSS is inline, the chart is inline SVG, there is no script, no image, no font
and no stylesheet link, and a Content-Security-Policy forbids loading anything. Sources' URLs are
plain ``<a href>`` links in the bibliography, which load nothing until someone clicks them.

It holds no personal data: no names, usernames, hostnames or file paths, only the run (from the
story) and the time of the export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import i18n
from ..engine.events import Event, describe
from ..engine.model import ANSWERS, Life, Story, Text
from ..engine.runtime import Session
from ..i18n import _
from .record import AnswerLog, RunRecorder, excerpt, pick_debrief

QUIET = ("journal", "moved", "travel", "time")  # the journal has its own section; decisions show date and place


@dataclass
class Step:
    """One node on the path: what was shown, the choice made there and what that choice caused."""

    number: int  # 1-based
    date: str
    place: str
    node: str
    excerpt: str
    evidence: str
    choice: str = ""  # "" at the last node
    choice_id: str = ""
    events: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)  # the lists the player is on after this step
    options: int = 0  # how many choices the scene offered (1: only "Continue")


@dataclass
class ListPeriod:
    name: str
    kind: str
    since_step: int
    since_date: str
    reason: str = ""
    until_step: int | None = None  # None: still on at the end
    until_date: str = ""
    listed_on: str = ""  # the day the sources give for the listing, when they give one (since_date is the story's)


@dataclass
class MythAnswer:
    id: str
    claim: str
    given: str  # the FIRST answer: "myth", "fact", "mixed" or "" when not answered
    answer: str
    explanation: str
    changed_to: list[str] = field(default_factory=list)  # later answers, after the verdict was shown

    @property
    def matches(self) -> bool:
        return self.given == self.answer


@dataclass
class SourceRow:
    id: str
    author: str
    title: str
    outlet: str
    date: str
    url: str
    trust: str


@dataclass
class Summary:
    """Everything the page and the CSV show, as plain strings (already translated)."""

    story_title: str
    language: str
    life_id: str
    life_title: str
    player: str
    period: str
    start: str
    ending: str  # "" when the run is not finished
    made_at: str
    start_events: list[str]
    steps: list[Step]
    scheme: str
    points: list[tuple[int, str, int]]  # (step, date, points), step 0 = the start
    grades: list[tuple[str, int]]  # (grade, min points), highest first
    lists: list[ListPeriod]
    journal: list[tuple[str, str]]
    myths: list[MythAnswer]
    debrief: list[tuple[str, str]]  # (heading, text)
    questions: list[str]
    sources: list[SourceRow]
    group: str = ""
    status: str = ""
    minutes: float | None = None
    path: str = "main"

    @property
    def choices(self) -> list[Step]:
        return [s for s in self.steps if s.choice]


def _excerpt(text: str, limit: int = 140) -> str:
    return excerpt(text, limit)


def _start_label(life: Life, start: str, tr) -> str:
    if start == "short":
        return _("The short path")
    if start.startswith("chapter:"):
        cid = start.split(":", 1)[1]
        for ch in life.chapters:
            if ch.id == cid:
                return _("Chapter: {title}").format(title=tr(ch.title))
        return _("A chapter")
    return _("From the beginning")


def as_log(answers: AnswerLog | dict[str, str] | None) -> AnswerLog:
    """An AnswerLog from a plain {claim: answer} (each taken as the first answer)."""
    if isinstance(answers, AnswerLog):
        return answers
    return AnswerLog(first={k: v for k, v in (answers or {}).items() if v in ANSWERS})


def build_summary(session: Session, story: Story, answers: AnswerLog | dict[str, str] | None = None,
                  show_questions: bool = True, lang: str | None = None,
                  now: datetime | None = None, record: dict[str, Any] | None = None) -> Summary:
    """Gather what the summary shows from a session (finished or not); ``record`` adds the group,
    the status and the minutes played. The interface words are in the current language: call it
    inside :func:`game.modes.record.speaking` (RunRecorder does)."""
    log_ = as_log(answers)

    def tr(t: Text | None) -> str:
        return story.text(t, lang)

    def say(events: Iterable[Event]) -> list[str]:
        return [describe(e, tr) for e in events]

    life = session.life
    world = story.world
    hist = session.history
    log = session.state.log
    scheme = world.schemes.get(life.scheme) if life.scheme else None

    on: dict[str, ListPeriod] = {}
    periods: list[ListPeriod] = []
    pts = scheme.start if scheme else None
    points: list[tuple[int, str, int]] = [(0, life.date, pts)] if pts is not None else []
    steps: list[Step] = []
    used_sources: list[str] = []

    def cite(ids: Iterable[str]) -> None:
        used_sources.extend(i for i in ids if i not in used_sources)

    for i, entry in enumerate(hist):
        number = i + 1
        for ev in entry.events:  # what happened on arriving here (by the previous choice, or the setup)
            if ev.kind == "listed":
                lst = world.lists.get(ev.data.get("list", ""))
                period = ListPeriod(tr(ev.data.get("name")), ev.data.get("kind", ""), number, entry.date,
                                    tr(ev.data.get("reason")), listed_on=ev.data.get("listed_on", ""))
                on[ev.data.get("list", "")] = period
                periods.append(period)
                if lst is not None:
                    cite(lst.sources)
            elif ev.kind == "delisted":
                period = on.pop(ev.data.get("list", ""), None)
                if period is not None:
                    period.until_step, period.until_date = number, entry.date
            elif ev.kind == "points" and pts is not None:
                pts = int(ev.data.get("points", pts))
                points.append((number, entry.date, pts))
        node = life.nodes.get(entry.node)
        if node is not None:
            cite(node.sources)
        place = world.places.get(entry.place)
        step = Step(number, entry.date, tr(place.name) if place else entry.place, entry.node,
                    _excerpt(tr(entry.text)), node.evidence if node else "",
                    lists=[p.name for p in on.values()], options=len(node.choices) if node else 0)
        if entry.choice is not None:
            step.choice = tr(entry.choice)
            step.choice_id = log[i][1] if i < len(log) else ""
            step.events = say(e for e in hist[i + 1].events if e.kind not in QUIET) if i + 1 < len(hist) else []
        steps.append(step)
    if points and steps and points[-1][0] < len(steps):
        points.append((len(steps), steps[-1].date, points[-1][2]))

    debrief = pick_debrief(session, log_)
    myths: list[MythAnswer] = []
    sections: list[tuple[str, str]] = []
    questions: list[str] = []
    if debrief is not None:  # its sources are the same for every run: the answer key lists them
        for m in debrief.myths:
            given = log_.first.get(m.id, "")
            myths.append(MythAnswer(m.id, tr(m.claim), given, m.answer, tr(m.explanation),
                                    list(log_.changes.get(m.id, []))))
        for heading, sec in ((_("What really happened"), debrief.what_happened),
                             (_("What the sources do not say"), debrief.not_known),
                             (_("What this story invented"), debrief.dramatized)):
            if sec is not None:
                sections.append((heading, tr(sec.text)))
                cite(sec.sources)
        if show_questions:
            questions = [tr(q) for q in debrief.questions]

    sources = []
    for sid in used_sources:
        s = story.sources.get(sid)
        if s is not None:
            sources.append(SourceRow(s.id, tr(s.author_text) if s.author_text else s.author, tr(s.title),
                                     tr(s.outlet_text) if s.outlet_text else s.outlet, s.date, s.url, s.trust))

    ending = session.node.ending
    when = now or datetime.now()
    return Summary(
        story_title=tr(story.title), language=lang or story.language, life_id=life.id, life_title=tr(life.title),
        player=tr(life.player), period=tr(life.period), start=_start_label(life, session.state.start, tr),
        ending=tr(ending.title) if ending is not None else "",
        made_at=f"{i18n.format_date(when.date(), lang or story.language)} {when.strftime('%H:%M')}",
        start_events=say(hist[0].events) if hist else [], steps=steps, scheme=tr(scheme.name) if scheme else "",
        points=points, grades=[(g.id, g.min) for g in scheme.grades] if scheme else [], lists=periods,
        journal=[(j.get("date", ""), j.get("text", "")) for j in _journal(session, story, lang)],
        myths=myths, debrief=sections, questions=questions, sources=sources,
        group=str((record or {}).get("group", "")), status=str((record or {}).get("status", "")),
        minutes=(record or {}).get("minutes_played"), path=str((record or {}).get("path", "main")))


def _journal(session: Session, story: Story, lang: str | None) -> list[dict[str, str]]:
    out = []
    for j in session.state.journal:
        text = story.text(Text(j.get("id", ""), j.get("text", "")), lang) if j.get("id") else j.get("text", "")
        out.append({"date": j.get("date", ""), "text": text})
    return out


# -- writing ----------------------------------------------------------------------------------------
def export_summary(session: Session, story: Story, out_dir: str | Path,
                   answers: AnswerLog | dict[str, str] | None = None, show_questions: bool = True,
                   lang: str | None = None, group: str = "") -> tuple[Path, Path]:
    """Write one run's record once (``record-GROUP-LIFE-DATE-TIME`` .json, .csv and .html) into ``out_dir``.

    For a run that goes on, keep a :class:`~game.modes.record.RunRecorder` instead: it rewrites the
    same files. Returns the HTML and CSV paths. Raises OSError when the folder cannot be written,
    and PermissionError when writing is off (kiosk mode exports nothing).
    """
    rec = RunRecorder(story, out_dir, group, show_questions=show_questions, lang=lang)
    rec.answers = as_log(answers)
    path = rec.write(session, "finished" if session.ended else "playing")
    return path.with_suffix(".html"), path.with_suffix(".csv")


def render_html(summary: Summary) -> str:
    """The summary as one self-contained HTML page (:mod:`game.modes.summary_html`)."""
    from .summary_html import render_html as render

    return render(summary)


__all__ = ["ListPeriod", "MythAnswer", "SourceRow", "Step", "Summary", "as_log", "build_summary", "export_summary",
           "render_html"]
