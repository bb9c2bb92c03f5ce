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

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..engine.events import Event, describe
from ..engine.model import ANSWERS, Life, Story, Text
from ..engine.runtime import Session
from .record import ANSWER_WORDS, STATUS_WORDS, AnswerLog, RunRecorder, pick_debrief

QUIET = ("journal", "moved", "travel", "time")  # the journal has its own section; decisions show date and place
_URL = re.compile(r"^https?://[^\s<>\"']+$")


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
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + " ..."


def _start_label(life: Life, start: str, tr) -> str:
    if start == "short":
        return "The short path"
    if start.startswith("chapter:"):
        cid = start.split(":", 1)[1]
        for ch in life.chapters:
            if ch.id == cid:
                return f"Chapter: {tr(ch.title)}"
        return "A chapter"
    return "From the beginning"


def as_log(answers: AnswerLog | dict[str, str] | None) -> AnswerLog:
    """An AnswerLog from a plain {claim: answer} (each taken as the first answer)."""
    if isinstance(answers, AnswerLog):
        return answers
    return AnswerLog(first={k: v for k, v in (answers or {}).items() if v in ANSWERS})


def build_summary(session: Session, story: Story, answers: AnswerLog | dict[str, str] | None = None,
                  show_questions: bool = True, lang: str | None = None,
                  now: datetime | None = None, record: dict[str, Any] | None = None) -> Summary:
    """Gather what the summary shows from a session (finished or not); ``record`` adds the group,
    the status and the minutes played."""
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
                                    tr(ev.data.get("reason")))
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
        for heading, sec in (("What really happened", debrief.what_happened),
                             ("What the sources do not say", debrief.not_known),
                             ("What this story invented", debrief.dramatized)):
            if sec is not None:
                sections.append((heading, tr(sec.text)))
                cite(sec.sources)
        if show_questions:
            questions = [tr(q) for q in debrief.questions]

    sources = []
    for sid in used_sources:
        s = story.sources.get(sid)
        if s is not None:
            sources.append(SourceRow(s.id, s.author, tr(s.title), s.outlet, s.date, s.url, s.trust))

    ending = session.node.ending
    when = now or datetime.now()
    return Summary(
        story_title=tr(story.title), language=lang or story.language, life_id=life.id, life_title=tr(life.title),
        player=tr(life.player), period=tr(life.period), start=_start_label(life, session.state.start, tr),
        ending=tr(ending.title) if ending is not None else "", made_at=when.strftime("%Y-%m-%d %H:%M"),
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


# -- HTML -------------------------------------------------------------------------------------------
CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#fff;
max-width:60rem;margin:1.2rem auto;padding:0 1rem;line-height:1.35;font-size:12pt;overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.1rem;margin:1rem 0 .3rem;border-bottom:2px solid #111}
table{border-collapse:collapse;width:100%;margin:.3rem 0;table-layout:auto}
th,td{border:1px solid #777;padding:.15rem .35rem;text-align:left;vertical-align:top}
th{background:#eee}td.n{text-align:right;white-space:nowrap}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.1rem 1rem;margin:.3rem 0}
.meta div{margin:0}.meta b{display:inline-block;min-width:7.5rem}
.ev{margin:0;padding-left:1rem}.muted{color:#444}.small{font-size:.85em}
.tag{font-size:.8em;border:1px solid #555;padding:0 .25rem;white-space:nowrap}
svg{max-width:100%;height:auto;display:block}ol,ul{margin:.2rem 0;padding-left:1.3rem}
.src{font-size:.85em}.src li{margin:.1rem 0}
.dec li{margin:0 0 .25rem}
.myth td:first-child{width:32%}.myth td:nth-child(2){width:8.5em}
@page{margin:9mm 10mm}
@media print{body{margin:0;max-width:none;font-size:8.5pt;line-height:1.18}h1{font-size:14pt}h2{font-size:11pt;
margin:.6rem 0 .2rem;break-after:avoid}tr{break-inside:avoid}a{color:#000;text-decoration:none}
.src{columns:4;column-gap:.8rem;font-size:6.8pt}.src li,.dec li,.jr li{break-inside:avoid}
.jr{columns:2;column-gap:1.2rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1.2rem}.dec{columns:2;column-gap:1.2rem}
svg{max-height:30mm;width:auto}.myth .small{font-size:7.5pt}th,td{padding:.1rem .3rem}}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _events_html(events: list[str]) -> str:
    if not events:
        return ""
    return '<ul class="ev">' + "".join(f"<li>{_e(x)}</li>" for x in events) + "</ul>"


def points_svg(summary: Summary, width: int = 640, height: int = 180) -> str:
    """An inline SVG line chart of the points over the steps, with the grade bands as lines."""
    pts = summary.points
    if not pts:
        return ""
    left, right, top, bottom = 56, 16, 12, 30
    xs = [p[0] for p in pts]
    ys = [p[2] for p in pts]
    lo_y = min(ys + [g[1] for g in summary.grades if min(ys) - 60 <= g[1] <= max(ys) + 60])
    hi_y = max(ys + [g[1] for g in summary.grades if min(ys) - 60 <= g[1] <= max(ys) + 60])
    pad = max(10, (hi_y - lo_y) // 10)
    lo_y, hi_y = lo_y - pad, hi_y + pad
    max_x = max(max(xs), 1)

    def sx(x: float) -> float:
        return round(left + (width - left - right) * x / max_x, 1)

    def sy(y: float) -> float:
        return round(top + (height - top - bottom) * (hi_y - y) / (hi_y - lo_y), 1)

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-labelledby="chart-title">',
           f'<title id="chart-title">{_e(summary.scheme)}: points at each step</title>',
           f'<rect x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}" '
           'fill="none" stroke="#777"/>']
    for grade, floor in summary.grades:
        if lo_y < floor < hi_y:
            y = sy(floor)
            out.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#999" '
                       'stroke-dasharray="4 3"/>')
            out.append(f'<text x="{width - right - 4}" y="{y - 3}" font-size="11" text-anchor="end" '
                       f'fill="#333">grade {_e(grade)} from {floor}</text>')
    for value in sorted({min(ys), max(ys)}):
        out.append(f'<text x="{left - 6}" y="{sy(value) + 4}" font-size="11" text-anchor="end">{value}</text>')
    path: list[str] = []  # a step line: points stay the same until the next change
    for k, (x, _d, y) in enumerate(pts):
        if k:
            path.append(f"{sx(x)},{sy(pts[k - 1][2])}")
        path.append(f"{sx(x)},{sy(y)}")
    out.append(f'<polyline points="{" ".join(path)}" fill="none" stroke="#003c8f" stroke-width="2.5"/>')
    for x, d, y in pts:
        when = "start" if x == 0 else f"step {x}"
        out.append(f'<circle cx="{sx(x)}" cy="{sy(y)}" r="3.5" fill="#003c8f"><title>{when}, {_e(d)}: '
                   f'{y} points</title></circle>')
    out.append(f'<text x="{left}" y="{height - 8}" font-size="11">start</text>')
    out.append(f'<text x="{width - right}" y="{height - 8}" font-size="11" text-anchor="end">step {max_x}</text>')
    out.append("</svg>")
    return "\n".join(out)


PATH_WORDS = {"main": "The whole life", "short": "The short version", "chapter": "A chapter"}


def _meta(s: Summary) -> list[str]:
    outcome = "Ending: " + s.ending if s.ending else "Not finished"
    if s.status and s.status not in ("playing", "finished"):
        outcome += f" ({STATUS_WORDS.get(s.status, s.status)})"
    rows = [("Group", s.group or "(no label)"), ("Life", f"{s.life_title}: {s.player}"), ("Started from", s.start),
            ("Place and time", s.period), ("Outcome", outcome), ("Choices made", str(len(s.choices)))]
    if s.minutes is not None:
        rows.append(("Minutes played", f"{s.minutes:g}"))
    rows.append(("Saved", s.made_at))
    return ['<div class="meta">'] + [f"<div><b>{_e(k)}</b> {_e(v)}</div>" for k, v in rows] + ["</div>"]


def _path_html(s: Summary) -> list[str]:
    decisions = [st for st in s.steps if st.choice and st.options > 1]
    passed = sum(1 for st in s.steps if st.choice and st.options <= 1)
    h = ["<h2>The decisions</h2>"]
    if not decisions:
        h.append("<p>No decision was made on this run.</p>")
    else:
        h.append('<ol class="dec">')
        where = ("", "")
        for st in decisions:
            tag = f' <span class="tag">{_e(st.evidence)}</span>' if st.evidence else ""
            caused = " ".join(st.events)
            caused = f'<br><span class="small">{_e(caused)}</span>' if caused else ""
            # the date and place when they change (a long run stays on two pages)
            when = ", ".join(x for x, was in zip((st.date, st.place), where, strict=True) if x != was)
            where = (st.date, st.place)
            when = f'<span class="muted small">{_e(when)}:</span> ' if when else ""
            h.append(f'<li value="{st.number}">{when}<b>{_e(st.choice)}</b>{tag}{caused}</li>')
        h.append("</ol>")
    if passed:
        h.append(f'<p class="muted small">Also {passed} scene{"s" if passed != 1 else ""} passed with '
                 '"Continue" (no decision).</p>')
    return h


def _lists_points_html(s: Summary) -> list[str]:
    h = ['<div class="pair"><div>', "<h2>Lists over time</h2>"]
    if s.start_events:
        h.append('<p class="small">At the start: ' + _e("; ".join(s.start_events)) + "</p>")
    if s.lists:
        h.append("<table><thead><tr><th>List</th><th>On from</th><th>Off from</th><th>Why</th></tr></thead><tbody>")
        for p in s.lists:
            until = f"step {p.until_step}, {p.until_date}" if p.until_step is not None else "still on at the end"
            h.append(f"<tr><td>{_e(p.name)}</td><td>step {p.since_step}, {_e(p.since_date)}</td>"
                     f"<td>{_e(until)}</td><td>{_e(p.reason)}</td></tr>")
        h.append("</tbody></table>")
    else:
        h.append("<p>This run put the player on no list.</p>")
    h.append("</div><div>")
    if s.points:
        h.append(f"<h2>Points over time</h2><p>{_e(s.scheme)}.</p>")
        h.append(points_svg(s))
        steps = ", ".join(f"{'start' if x == 0 else 'step ' + str(x)} ({d}): {y}" for x, d, y in s.points)
        h.append(f'<p class="small">{_e(steps)}.</p>')
    h.append("</div></div>")
    return h


def _myths_html(s: Summary) -> list[str]:
    if not s.myths:
        return []
    h = ['<h2>Myth or fact?</h2><p class="small muted">The first answer counts; a change made after seeing '
         "what the sources say is shown as a change.</p>",
         '<table class="myth"><thead><tr><th>Claim</th><th>First answer</th><th>The sources say</th></tr></thead>'
         "<tbody>"]
    for m in s.myths:
        given = ANSWER_WORDS.get(m.given, "Not answered")
        mark = "" if not m.given else (" (matches)" if m.matches else " (differs)")
        later = ""
        if m.changed_to:
            later = '<br><span class="small">Changed later to ' + _e(
                ", then ".join(ANSWER_WORDS.get(a, a) for a in m.changed_to)) + "</span>"
        h.append(f"<tr><td>{_e(m.claim)}</td><td>{_e(given + mark)}{later}</td>"
                 f"<td><b>{_e(ANSWER_WORDS.get(m.answer, m.answer))}</b>. "
                 f'<span class="small">{_e(m.explanation)}</span></td></tr>')
    h.append("</tbody></table>")
    return h


def _sources_html(s: Summary) -> list[str]:
    h = ["<h2>Sources of the scenes on this path</h2>"]
    if not s.sources:
        return h + ["<p>No sources were cited on this path.</p>"]
    h.append('<ol class="src">')
    for src in s.sources:
        bits = [_e(src.author) if src.author else "", f"<cite>{_e(src.title)}</cite>", _e(src.outlet),
                _e(src.date) if src.date else ""]
        line = ". ".join(b for b in bits if b) + "."
        if src.url and _URL.match(src.url):
            shown = unquote(src.url)  # readable ("%E4%B8%AD" -> the characters), still the same address
            line += f' <a href="{_e(src.url)}">{_e(shown)}</a>'  # the address once, as the link's text
        line += f' <span class="muted">(trust: {_e(src.trust)})</span>'
        h.append(f"<li>{line}</li>")
    h.append("</ol>")
    return h


def render_html(summary: Summary) -> str:
    """The summary as one self-contained HTML page."""
    s = summary
    title = f"{s.story_title}: {s.life_title}" + (f", {s.group}" if s.group else "")
    h: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(s.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(title)}: summary of a run</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        '<p class="muted small">A summary of one run through an educational game. It holds no names and no '
        "personal data: only a group label the class chose.</p>",
    ]
    h += _meta(s)
    h += _path_html(s)
    h += _lists_points_html(s)
    if s.journal:
        h.append('<h2>Journal</h2><ul class="small jr">')
        h += [f"<li>{_e(d)}: {_e(t)}</li>" for d, t in s.journal]
        h.append("</ul>")
    h += _myths_html(s)
    if s.questions:
        h.append("<h2>Questions to discuss</h2><ol>")
        h += [f"<li>{_e(q)}</li>" for q in s.questions]
        h.append("</ol>")
    h += _sources_html(s)
    h += ["</body>", "</html>", ""]
    return "\n".join(h)


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


__all__ = ["ListPeriod", "MythAnswer", "PATH_WORDS", "SourceRow", "Step", "Summary", "as_log", "build_summary",
           "export_summary", "points_svg", "render_html"]
