"""The class report as one self-contained HTML page: large type for a projector, a compact print.

Everything is inline: the CSS, and the charts as SVG (each bar also says its number in words, so
colour is never the only cue). No script, no image, no font or stylesheet link, and a
Content-Security-Policy that forbids loading anything. It names the groups by the labels the class
chose and nothing else: no names, no user or machine names, no folder paths.
"""

from __future__ import annotations

import html
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from ..engine.saves import atomic_write_text
from . import class_report as cr
from .class_report import Loaded
from .record import ANSWER_WORDS, STATUS_WORDS

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#fff;
max-width:72rem;margin:1.5rem auto;padding:0 1.2rem;line-height:1.4;font-size:20px;overflow-wrap:anywhere}
h1{font-size:1.9rem;margin:0 0 .3rem}h2{font-size:1.35rem;margin:1.6rem 0 .5rem;border-bottom:3px solid #111}
h3{font-size:1.1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #555;padding:.25rem .45rem;
text-align:left;vertical-align:top}th{background:#e8e8e8}td.n{text-align:right;white-space:nowrap}
.muted{color:#333}.small{font-size:.85em}svg{max-width:100%;height:auto;display:block;margin:.3rem 0}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:0 2rem}
.dec{margin:.2rem 0 .8rem;padding-left:1.2rem}.dec li{margin:.15rem 0}
ol,ul{padding-left:1.4rem}li{margin:.2rem 0}
@page{margin:12mm}
@media print{body{font-size:10pt;max-width:none;margin:0}h2{break-after:avoid;margin:1rem 0 .3rem}
tr,li,svg{break-inside:avoid}.cols{gap:0 1.2rem}}
"""
BAR = "#0b4f8a"
BAR_BG = "#d9d9d9"


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def bar_chart(rows: list[tuple[str, int]], total: int, title: str, width: int = 1000) -> str:
    """Horizontal bars, one per row: the label above its bar, "k of N" beside it (an inline SVG drawn
    at the page's full width, so its 20 px type stays readable on a projector)."""
    if not rows:
        return ""
    row_h, top = 58, 4
    height = top + row_h * len(rows)
    bar_w = width - 150
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{_e(title)}"><title>{_e(title)}</title>']
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        shown = label if len(label) <= 90 else label[:88] + "\u2026"
        w = round(bar_w * value / total, 1) if total else 0
        out.append(f'<text x="0" y="{y + 19}" font-size="20" fill="#111">{_e(shown)}</text>')
        out.append(f'<rect x="0" y="{y + 27}" width="{bar_w}" height="20" fill="{BAR_BG}"/>')
        out.append(f'<rect x="0" y="{y + 27}" width="{w}" height="20" fill="{BAR}"><title>{_e(label)}: '
                   f'{value} of {total}</title></rect>')
        out.append(f'<text x="{bar_w + 12}" y="{y + 45}" font-size="20" font-weight="bold" fill="#111">'
                   f'{value} of {total}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _language(loaded: Loaded) -> str:
    langs = Counter(str(r.get("language") or "en") for r in loaded.records)
    return langs.most_common(1)[0][0] if langs else "en"


def _span(loaded: Loaded) -> str:
    days = sorted({str(r.get("started_at", ""))[:10] for r in loaded.records if r.get("started_at")})
    if not days:
        return ""
    return days[0] if len(days) == 1 else f"{days[0]} to {days[-1]}"


def render(loaded: Loaded, made_at: datetime | None = None) -> str:
    recs = loaded.records
    n = len(recs)
    when = (made_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
    h = ["<!DOCTYPE html>", f'<html lang="{_e(_language(loaded))}">', "<head>", '<meta charset="utf-8">',
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         '<meta name="referrer" content="no-referrer">', "<title>On the List: class report</title>",
         f"<style>{CSS}</style>", "</head>", "<body>", "<h1>On the List: class report</h1>"]
    span = _span(loaded)
    groups = len({cr.group_name(r) for r in recs})
    h.append(f'<p class="muted">{n} run{"s" if n != 1 else ""} by {groups} group{"s" if groups != 1 else ""}'
             + (f", played {span}" if span else "") + f". Made {when}. It names groups only by the labels the "
             "class chose: no names, no personal data.</p>")
    if not recs:
        h.append("<p><b>No records were found in this folder.</b> Records are the <code>record-*.json</code> files "
                 "the game writes in classroom mode.</p>")
    else:
        h += _played(recs) + _endings(recs) + _restrictions(recs) + _decisions(recs) + _myths(recs)
        h += _prompts(recs) + _groups(recs)
    h += _skipped(loaded)
    h += ["</body>", "</html>", ""]
    return "\n".join(h)


def _played(recs: list[dict[str, Any]]) -> list[str]:
    rows = cr.lives_played(recs)
    h = ["<h2>Who played what</h2>", "<table><thead><tr><th>Life</th><th>Path</th><th>Groups</th>"
         "<th>Minutes (median of finished runs)</th></tr></thead><tbody>"]
    for life, path, groups, minutes in rows:
        h.append(f"<tr><td>{_e(life)}</td><td>{_e(path)}</td><td>{len(groups)}: {_e(', '.join(groups))}</td>"
                 f'<td class="n">{"-" if minutes is None else f"{minutes:g}"}</td></tr>')
    h.append("</tbody></table>")
    h.append(bar_chart([(f"{life}, {path}", len(g)) for life, path, g, _m in rows], len(recs),
                       "Groups per life and path"))
    return h


def _endings(recs: list[dict[str, Any]]) -> list[str]:
    h = ["<h2>Endings reached</h2>"]
    unit = cr.unit_of(recs)
    for life, counts in sorted(cr.endings(recs).items()):
        total = sum(counts.values())
        h += [f"<h3>{_e(life)} ({total} {unit}{'s' if total != 1 else ''})</h3>",
              bar_chart(counts.most_common(), total, f"Endings reached: {life}")]
    return h


def _restrictions(recs: list[dict[str, Any]]) -> list[str]:
    refused, listed = cr.restrictions(recs)
    n = len(recs)
    h = ["<h2>Restrictions met and lists put on</h2>", "<h3>Refused</h3>"]
    h.append(bar_chart(refused.most_common(10), n, "Groups refused each service") if refused
             else "<p>No group was refused anything.</p>")
    h.append("<h3>Put on a list</h3>")
    h.append(bar_chart(listed.most_common(10), n, "Groups put on each list") if listed
             else "<p>No group was put on a list.</p>")
    return h


def _decisions(recs: list[dict[str, Any]], per_life: int = 10) -> list[str]:
    ds = cr.decisions(recs)
    unit = cr.unit_of(recs)
    h = ["<h2>Key decisions</h2>"]
    if not ds:
        return h + [f"<p>No decision was made in two {unit}s or more.</p>"]
    h.append(f'<p class="muted small">Decisions made in two {unit}s or more, in story order; the busiest '
             f"{per_life} per life." + (" A group that played twice counts twice." if unit == "run" else "")
             + "</p>")
    by_life: dict[str, list] = {}
    for d in ds:
        by_life.setdefault(d.life, []).append(d)
    for life, items in by_life.items():
        h.append(f"<h3>{_e(life)}</h3>")
        busiest = sorted(sorted(items, key=lambda d: -d.reached)[:per_life], key=lambda d: d.order)
        for d in busiest:
            h.append(f'<p><b>{_e(d.scene)}</b> <span class="muted small">({d.reached} of {d.of} {unit}s made this '
                     "decision)</span></p>")
            h.append('<ul class="dec">' + "".join(f"<li>{_e(cr.decision_sentence(d, c, unit))}</li>"
                                                  for c in d.choices) + "</ul>")
    return h


def _myths(recs: list[dict[str, Any]]) -> list[str]:
    stats = cr.myth_stats(recs)
    if not stats:
        return []
    h = ["<h2>Myth or fact: right on the first answer</h2>",
         '<p class="muted small">Only the first answer counts: a change made after reading what the sources say '
         "is counted apart.</p>"]
    lives = sorted({s.life for s in stats})
    for life in lives:
        rows = [s for s in stats if s.life == life]
        h.append(f"<h3>{_e(life)}</h3>")
        h.append("<table><thead><tr><th>Claim</th><th>The sources say</th><th>Right first</th>"
                 "<th>Changed later</th></tr></thead><tbody>")
        for s in rows:
            right = f"{s.right} of {s.answered} ({round(100 * s.share)}%)" if s.answered else "not answered"
            h.append(f"<tr><td>{_e(s.claim)}</td><td>{_e(ANSWER_WORDS.get(s.answer, s.answer))}</td>"
                     f'<td class="n">{_e(right)}</td><td class="n">{s.changed}</td></tr>')
        h.append("</tbody></table>")
        answered = [s for s in rows if s.answered]
        if answered:
            h.append(_share_chart(answered, life))
    missed = cr.most_missed(stats)
    if missed:
        h.append("<h3>The claims most groups got wrong at first (discuss these)</h3><ol>")
        for s in missed:
            wrong = ANSWER_WORDS.get(s.common_wrong, s.common_wrong).lower()
            h.append(f"<li>{_e(s.claim)} <span class=\"small\">({_e(s.life)}: {s.answered - s.right} of {s.answered}"
                     f" wrong, most often \u201c{_e(wrong)}\u201d; the sources say "
                     f"{_e(ANSWER_WORDS.get(s.answer, s.answer).lower())})</span></li>")
        h.append("</ol>")
    return h


def _share_chart(stats, life: str) -> str:
    rows = [(s.claim, s.right) for s in stats]
    # one chart per life: the bars are out of the groups that answered each claim
    total = max(s.answered for s in stats)
    return bar_chart(rows, total, f"Groups right on their first answer: {life}")


def _prompts(recs: list[dict[str, Any]]) -> list[str]:
    ours = cr.prompts(recs)
    theirs = cr.debrief_questions(recs)
    h = ["<h2>Discussion</h2>", '<div class="cols"><div>', "<h3>From this class's choices</h3>"]
    h.append("<ol>" + "".join(f"<li>{_e(p)}</li>" for p in ours) + "</ol>" if ours
             else "<p>Too few runs to draw prompts from.</p>")
    h += ["</div><div>", "<h3>The debrief's questions</h3>"]
    for life, qs in theirs.items():
        h.append(f"<p><b>{_e(life)}</b></p><ol>" + "".join(f"<li>{_e(q)}</li>" for q in qs) + "</ol>")
    return h + ["</div></div>"]


def _groups(recs: list[dict[str, Any]]) -> list[str]:
    h = ["<h2>Every group</h2>", "<table><thead><tr><th>Group</th><th>Life</th><th>Path</th><th>Ending</th>"
         "<th>Choices</th><th>Minutes</th><th>Right first</th></tr></thead><tbody>"]
    for r in sorted(recs, key=lambda r: (cr.natural_key(cr.group_name(r)), r["life"]["title"])):
        ending = (r.get("ending") or {}).get("title") or STATUS_WORDS.get(r.get("status", ""), "")
        answered = [m for m in r.get("myths", []) if m.get("first")]
        right = sum(1 for m in answered if m["first"] == m["answer"])
        h.append(f"<tr><td>{_e(cr.group_name(r))}</td><td>{_e(r['life']['title'])}</td><td>{_e(cr.path_label(r))}</td>"
                 f"<td>{_e(ending)}</td><td class=\"n\">{len(r.get('choices', []))}</td>"
                 f"<td class=\"n\">{r.get('minutes_played', 0):g}</td>"
                 f"<td class=\"n\">{right} of {len(answered)}</td></tr>")
    return h + ["</tbody></table>"]


def _skipped(loaded: Loaded) -> list[str]:
    h = ["<h2>Files read</h2>"]
    if not loaded.skipped:
        return h + [f"<p>{len(loaded.records)} record{'s' if len(loaded.records) != 1 else ''} read; no file "
                    "was skipped.</p>"]
    h.append(f"<p>{len(loaded.records)} record{'s' if len(loaded.records) != 1 else ''} read; "
             f"{len(loaded.skipped)} file{'s' if len(loaded.skipped) != 1 else ''} skipped:</p>")
    h.append("<table><thead><tr><th>File</th><th>Why it was skipped</th></tr></thead><tbody>")
    h += [f"<tr><td>{_e(s.file)}</td><td>{_e(s.reason)}</td></tr>" for s in loaded.skipped[:200]]
    if len(loaded.skipped) > 200:
        h.append(f"<tr><td colspan=\"2\">and {len(loaded.skipped) - 200} more</td></tr>")
    return h + ["</tbody></table>"]


def make_report(folder: str | Path, out: str | Path | None = None, csv_out: str | Path | None = None,
                made_at: datetime | None = None) -> tuple[Path, Loaded]:
    """Read ``folder`` and write the report (default ``FOLDER/class-report.html``); optionally every
    record as one CSV. Raises OSError when the page cannot be written."""
    from .record import render_csv

    loaded = cr.load_folder(folder)
    path = Path(out) if out else Path(folder) / "class-report.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, render(loaded, made_at))
    if csv_out:
        atomic_write_text(Path(csv_out), "\ufeff" + render_csv(loaded.records))
    return path, loaded


__all__ = ["bar_chart", "make_report", "render"]
