"""The classroom summary of a run: one self-contained printable HTML page and a CSV of the choices.

The page holds the life, where the run started, the path taken (every node with its date and the
lists the player was on after it), the choices and the events they caused, the points over time as
an inline SVG chart with a table, the lists over time, the journal, the myth-or-fact answers the
student gave, the debrief (with its discussion questions unless the teacher hid them) and the
sources cited along the way.

It loads nothing: the CSS is inline, the chart is inline SVG, there is no script, no image, no font
and no stylesheet link, and a Content-Security-Policy forbids loading anything. Sources' URLs are
plain ``<a href>`` links in the bibliography, which load nothing until someone clicks them.

It holds no personal data: no names, usernames, hostnames or file paths, only the run (from the
story) and the time of the export.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..cite import display_url
from ..engine.events import Event, describe
from ..engine.model import ANSWERS, Debrief, Life, Story, Text
from ..engine.runtime import Session
from ..engine.saves import atomic_write_text
from . import paths

CSV_COLUMNS = ("step", "date", "place", "node", "choice", "choice_id", "events")
ANSWER_WORDS = {"myth": "Myth", "fact": "Fact", "mixed": "Partly true"}
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
    given: str  # "myth", "fact", "mixed" or "" when not answered
    answer: str
    explanation: str

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


def _pick_debrief(session: Session, answers: dict[str, str]) -> Debrief | None:
    life = session.life
    node = session.node
    if node.ending is not None and node.ending.debrief in life.debriefs:
        return life.debriefs[node.ending.debrief]
    for d in life.debriefs.values():  # unfinished: the debrief whose myths the student answered
        if any(m.id in answers for m in d.myths):
            return d
    return next(iter(life.debriefs.values()), None)


def build_summary(session: Session, story: Story, answers: dict[str, str] | None = None,
                  show_questions: bool = True, lang: str | None = None,
                  now: datetime | None = None) -> Summary:
    """Gather what the summary shows from a session (finished or not)."""
    answers = dict(answers or {})

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
                    lists=[p.name for p in on.values()])
        if entry.choice is not None:
            step.choice = tr(entry.choice)
            step.choice_id = log[i][1] if i < len(log) else ""
            step.events = say(hist[i + 1].events) if i + 1 < len(hist) else []
        steps.append(step)
    if points and steps and points[-1][0] < len(steps):
        points.append((len(steps), steps[-1].date, points[-1][2]))

    debrief = _pick_debrief(session, answers)
    myths: list[MythAnswer] = []
    sections: list[tuple[str, str]] = []
    questions: list[str] = []
    if debrief is not None:
        cite(debrief.sources)
        for m in debrief.myths:
            given = answers.get(m.id, "")
            myths.append(MythAnswer(m.id, tr(m.claim), given if given in ANSWERS else "", m.answer,
                                    tr(m.explanation)))
            cite(m.sources)
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
        myths=myths, debrief=sections, questions=questions, sources=sources)


def _journal(session: Session, story: Story, lang: str | None) -> list[dict[str, str]]:
    out = []
    for j in session.state.journal:
        text = story.text(Text(j.get("id", ""), j.get("text", "")), lang) if j.get("id") else j.get("text", "")
        out.append({"date": j.get("date", ""), "text": text})
    return out


# -- CSV --------------------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(summary: Summary) -> str:
    """The choices, one row each: step, date, place, node, choice label, choice id, events."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for s in summary.choices:
        w.writerow([_cell(x) for x in (s.number, s.date, s.place, s.node, s.choice, s.choice_id,
                                       " | ".join(s.events))])
    return buf.getvalue()


# -- HTML -------------------------------------------------------------------------------------------
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#fff;
max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45;font-size:12pt}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:2px solid #111}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #777;padding:.25rem .4rem;
text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right;white-space:nowrap}
.meta{margin:.2rem 0}.meta dt{font-weight:bold;float:left;clear:left;width:9rem}.meta dd{margin:0 0 .2rem 9.5rem}
.ev{margin:0;padding-left:1.1rem}.muted{color:#444}.tag{font-size:.8em;border:1px solid #555;padding:0 .25rem}
svg{max-width:100%;height:auto}ol.q li{margin:.3rem 0 1.6rem}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}tr{break-inside:avoid}
a{color:#000;text-decoration:none}a[href]::after{content:" (" attr(href) ")";font-size:.85em;word-break:break-all}}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _events_html(events: list[str]) -> str:
    if not events:
        return ""
    return '<ul class="ev">' + "".join(f"<li>{_e(x)}</li>" for x in events) + "</ul>"


def points_svg(summary: Summary, width: int = 640, height: int = 240) -> str:
    """An inline SVG line chart of the points over the steps, with the grade bands as lines."""
    pts = summary.points
    if not pts:
        return ""
    left, right, top, bottom = 56, 16, 16, 36
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
    # a step line: points stay the same until the next change
    path: list[str] = []
    for k, (x, _d, y) in enumerate(pts):
        if k:
            path.append(f"{sx(x)},{sy(pts[k - 1][2])}")
        path.append(f"{sx(x)},{sy(y)}")
    out.append(f'<polyline points="{" ".join(path)}" fill="none" stroke="#003c8f" stroke-width="2.5"/>')
    for x, d, y in pts:
        when = "start" if x == 0 else f"step {x}"
        out.append(f'<circle cx="{sx(x)}" cy="{sy(y)}" r="3.5" fill="#003c8f"><title>{when}, {_e(d)}: '
                   f'{y} points</title></circle>')
    out.append(f'<text x="{left}" y="{height - 10}" font-size="11">start</text>')
    out.append(f'<text x="{width - right}" y="{height - 10}" font-size="11" text-anchor="end">step {max_x}</text>')
    out.append("</svg>")
    return "\n".join(out)


def render_html(summary: Summary) -> str:
    """The summary as one self-contained HTML page."""
    s = summary
    title = f"{s.story_title}: {s.life_title}"
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
        '<p class="muted">A summary of one run through an educational game. It holds no names and no '
        "personal data.</p>",
        '<dl class="meta">',
        f"<dt>Life</dt><dd>{_e(s.life_title)}: {_e(s.player)}</dd>",
        f"<dt>Place and time</dt><dd>{_e(s.period)}</dd>",
        f"<dt>Started</dt><dd>{_e(s.start)}</dd>",
        f"<dt>Outcome</dt><dd>{_e('Ending: ' + s.ending if s.ending else 'Not finished')}</dd>",
        f"<dt>Choices made</dt><dd>{len(s.choices)}</dd>",
        f"<dt>Exported</dt><dd>{_e(s.made_at)}</dd>",
        "</dl>",
    ]
    if s.start_events:
        h += ["<h2>At the start</h2>", _events_html(s.start_events)]

    h += ["<h2>The path taken</h2>",
          "<table><thead><tr><th>Step</th><th>Date</th><th>Place</th><th>What happened</th><th>Choice</th>"
          "<th>What the choice caused</th><th>On lists after</th></tr></thead><tbody>"]
    for st in s.steps:
        tag = f' <span class="tag">{_e(st.evidence)}</span>' if st.evidence else ""
        h.append(f'<tr><td class="n">{st.number}</td><td>{_e(st.date)}</td><td>{_e(st.place)}</td>'
                 f"<td>{_e(st.excerpt)}{tag}</td><td>{_e(st.choice)}</td><td>{_events_html(st.events)}</td>"
                 f"<td>{_e(', '.join(st.lists)) if st.lists else '-'}</td></tr>")
    h.append("</tbody></table>")

    h.append("<h2>Lists over time</h2>")
    if s.lists:
        h.append("<table><thead><tr><th>List</th><th>Kind</th><th>On from</th><th>Off from</th><th>Why</th>"
                 "</tr></thead><tbody>")
        for p in s.lists:
            until = f"step {p.until_step}, {p.until_date}" if p.until_step is not None else "still on at the end"
            h.append(f"<tr><td>{_e(p.name)}</td><td>{_e(p.kind)}</td><td>step {p.since_step}, {_e(p.since_date)}"
                     f"</td><td>{_e(until)}</td><td>{_e(p.reason)}</td></tr>")
        h.append("</tbody></table>")
    else:
        h.append("<p>This run put the player on no list.</p>")

    h.append("<h2>Points over time</h2>")
    if s.points:
        h.append(f"<p>{_e(s.scheme)}.</p>")
        h.append(points_svg(s))
        h.append("<table><thead><tr><th>Step</th><th>Date</th><th>Points</th></tr></thead><tbody>")
        for x, d, y in s.points:
            h.append(f'<tr><td class="n">{"start" if x == 0 else x}</td><td>{_e(d)}</td><td class="n">{y}</td></tr>')
        h.append("</tbody></table>")
    else:
        h.append("<p>No point scheme applies to this life.</p>")

    if s.journal:
        h.append("<h2>Journal</h2><ul>")
        h += [f"<li>{_e(d)}: {_e(t)}</li>" for d, t in s.journal]
        h.append("</ul>")

    if s.myths:
        h.append("<h2>Myth or fact?</h2><table><thead><tr><th>Claim</th><th>Answer given</th>"
                 "<th>What the sources say</th><th>Why</th></tr></thead><tbody>")
        for m in s.myths:
            given = ANSWER_WORDS.get(m.given, "Not answered")
            mark = "" if not m.given else (" (matches)" if m.matches else " (differs)")
            h.append(f"<tr><td>{_e(m.claim)}</td><td>{_e(given + mark)}</td>"
                     f"<td>{_e(ANSWER_WORDS.get(m.answer, m.answer))}</td><td>{_e(m.explanation)}</td></tr>")
        h.append("</tbody></table>")

    if s.debrief:
        h.append("<h2>Debrief</h2>")
        for heading, text in s.debrief:
            h.append(f"<h3>{_e(heading)}</h3>")
            h += [f"<p>{_e(par.strip())}</p>" for par in text.split("\n\n") if par.strip()]

    if s.questions:
        h.append('<h2>Questions to discuss</h2><ol class="q">')
        h += [f"<li>{_e(q)}</li>" for q in s.questions]
        h.append("</ol>")

    h.append("<h2>Sources</h2>")
    if s.sources:
        h.append("<ol>")
        for src in s.sources:
            bits = [_e(src.author) if src.author else "", f"<cite>{_e(src.title)}</cite>", _e(src.outlet),
                    _e(src.date) if src.date else ""]
            line = ". ".join(b for b in bits if b) + "."
            if src.url and _URL.match(src.url):
                line += f' <a href="{_e(src.url)}">{_e(display_url(src.url))}</a>'
            line += f' <span class="muted">(trust: {_e(src.trust)})</span>'
            h.append(f"<li>{line}</li>")
        h.append("</ol>")
    else:
        h.append("<p>No sources were cited on this path.</p>")
    h += ["</body>", "</html>", ""]
    return "\n".join(h)


# -- writing ----------------------------------------------------------------------------------------
def _free_path(folder: Path, stem: str, suffix: str) -> Path:
    p = folder / f"{stem}{suffix}"
    n = 2
    while p.exists():
        p = folder / f"{stem}-{n}{suffix}"
        n += 1
    return p


def export_summary(session: Session, story: Story, out_dir: str | Path, answers: dict[str, str] | None = None,
                   show_questions: bool = True, lang: str | None = None) -> tuple[Path, Path]:
    """Write ``summary-LIFE-YYYYmmdd-HHMMSS.html`` and ``.csv`` into ``out_dir`` (created if needed).

    Never overwrites an earlier export. Returns both paths. Raises OSError when the folder cannot be
    written (the window shows the error and offers another folder), and PermissionError when writing
    is off (kiosk mode exports nothing).
    """
    if not paths.writes_enabled():
        raise PermissionError("exports are off in kiosk mode")
    now = datetime.now()
    summary = build_summary(session, story, answers, show_questions, lang, now)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"summary-{summary.life_id}-{now.strftime('%Y%m%d-%H%M%S')}"
    html_path = _free_path(folder, stem, ".html")
    csv_path = html_path.with_suffix(".csv")
    atomic_write_text(html_path, render_html(summary))
    atomic_write_text(csv_path, "\ufeff" + render_csv(summary))  # the BOM makes spreadsheets read UTF-8
    return html_path, csv_path


__all__ = ["CSV_COLUMNS", "ListPeriod", "MythAnswer", "SourceRow", "Step", "Summary", "build_summary",
           "export_summary", "points_svg", "render_csv", "render_html"]
