"""The run summary's page: one self-contained printable HTML page from a :class:`~game.modes.export.Summary`.

At most two pages on A4 and on Letter (``bench/print_pages.py`` checks it in headless Chromium):
the decisions and the journal print in two columns, the sources in four, the points chart is small,
and each source's address shows once, as its link's text. On screen nothing scrolls sideways at
1280 px: long words and addresses wrap. It loads nothing: inline CSS, an inline SVG chart, no
script, and a Content-Security-Policy that forbids loading anything.
"""

from __future__ import annotations

import html
import re
from typing import Any

from .. import i18n
from ..cite import bibliography, display_url
from ..engine.effects.add_to_list import when_listed
from ..i18n import _, ngettext, pgettext
from .export import Summary
from .record import answer_word, status_word

_URL = re.compile(r"^https?://[^\s<>\"']+$")

# -- HTML -------------------------------------------------------------------------------------------
CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",
sans-serif;color:#111;background:#fff;
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


def tag(name: str, text: str, attrs: str = "") -> str:
    """``<name attrs>text</name>``, the text escaped. (Translated strings are never inside an f-string:
    pybabel does not look there.)"""
    return f"<{name}{' ' + attrs if attrs else ''}>{_e(text)}</{name}>"


def html_lang(lang: str) -> str:
    """The page's ``lang`` attribute: Chinese is written in simplified characters ("zh-Hans")."""
    return {"zh": "zh-Hans"}.get(lang, lang or "en")


def _date(iso: str) -> str:
    return i18n.format_date(iso) if iso else ""


def trust_word(level: str) -> str:
    """A source's trust level ("high", "medium", "low") in the current language."""
    words = {"high": pgettext("trust level", "high"), "medium": pgettext("trust level", "medium"),
             "low": pgettext("trust level", "low")}
    return words.get(level, level)


def evidence_word(evidence: str) -> str:
    """How well a scene is sourced ("documented", "reported", "dramatized") in the current language."""
    words = {"documented": pgettext("how well a scene is sourced", "documented"),
             "reported": pgettext("how well a scene is sourced", "reported"),
             "dramatized": pgettext("how well a scene is sourced", "dramatized")}
    return words.get(evidence, evidence)


def _step(x: int) -> str:
    return _("start") if x == 0 else _("step {n}").format(n=x)


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
           tag("title", _("{scheme}: points at each step").format(scheme=summary.scheme), 'id="chart-title"'),
           f'<rect x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}" '
           'fill="none" stroke="#777"/>']
    for grade, floor in summary.grades:
        if lo_y < floor < hi_y:
            y = sy(floor)
            out.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#999" '
                       'stroke-dasharray="4 3"/>')
            band = _("grade {grade} from {points}").format(grade=grade, points=floor)
            out.append(tag("text", band, f'x="{width - right - 4}" y="{y - 3}" font-size="11" text-anchor="end" '
                                         'fill="#333"'))
    for value in sorted({min(ys), max(ys)}):
        out.append(f'<text x="{left - 6}" y="{sy(value) + 4}" font-size="11" text-anchor="end">{value}</text>')
    path: list[str] = []  # a step line: points stay the same until the next change
    for k, (x, _d, y) in enumerate(pts):
        if k:
            path.append(f"{sx(x)},{sy(pts[k - 1][2])}")
        path.append(f"{sx(x)},{sy(y)}")
    out.append(f'<polyline points="{" ".join(path)}" fill="none" stroke="#003c8f" stroke-width="2.5"/>')
    for x, d, y in pts:
        tip = ngettext("{when}, {date}: {n} point", "{when}, {date}: {n} points", y).format(
            when=_step(x), date=_date(d), n=i18n.format_number(y))
        out.append(f'<circle cx="{sx(x)}" cy="{sy(y)}" r="3.5" fill="#003c8f"><title>{_e(tip)}</title></circle>')
    out.append(f'<text x="{left}" y="{height - 8}" font-size="11">{_e(_step(0))}</text>')
    out.append(f'<text x="{width - right}" y="{height - 8}" font-size="11" text-anchor="end">'
               f'{_e(_step(max_x))}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _meta(s: Summary) -> list[str]:
    outcome = _("Ending: {title}").format(title=s.ending) if s.ending else _("Not finished")
    if s.status and s.status not in ("playing", "finished"):
        outcome = _("{outcome} ({status})").format(outcome=outcome, status=status_word(s.status))
    rows = [(_("Group"), s.group or _("(no label)")),
            (_("Life"), _("{life}: {player}").format(life=s.life_title, player=s.player)),
            (_("Started from"), s.start), (_("Place and time"), s.period), (_("Outcome"), outcome),
            (_("Choices made"), i18n.format_number(len(s.choices)))]
    if s.minutes is not None:
        rows.append((_("Minutes played"), i18n.format_number(s.minutes)))
    rows.append((_("Saved"), s.made_at))
    return ['<div class="meta">'] + [f"<div><b>{_e(k)}</b> {_e(v)}</div>" for k, v in rows] + ["</div>"]


def _path_html(s: Summary) -> list[str]:
    decisions = [st for st in s.steps if st.choice and st.options > 1]
    passed = sum(1 for st in s.steps if st.choice and st.options <= 1)
    h = [tag("h2", _("The decisions"))]
    if not decisions:
        h.append(tag("p", _("No decision was made on this run.")))
    else:
        h.append('<ol class="dec">')
        where = ("", "")
        for st in decisions:
            label = " " + tag("span", evidence_word(st.evidence), 'class="tag"') if st.evidence else ""
            caused = " ".join(st.events)
            caused = f'<br><span class="small">{_e(caused)}</span>' if caused else ""
            # the date and place when they change (a long run stays on two pages)
            when = pgettext("between a date and a place", ", ").join(
                x for x, was in zip((_date(st.date), st.place), where, strict=True) if x != was)
            where = (_date(st.date), st.place)
            when = tag("span", _("{when}:").format(when=when), 'class="muted small"') + " " if when else ""
            h.append(f'<li value="{st.number}">{when}<b>{_e(st.choice)}</b>{label}{caused}</li>')
        h.append("</ol>")
    if passed:
        also = ngettext("Also {n} scene passed with \u201cContinue\u201d (no decision).",
                        "Also {n} scenes passed with \u201cContinue\u201d (no decision).", passed)
        h.append(f'<p class="muted small">{_e(also.format(n=i18n.format_number(passed)))}</p>')
    return h


def _lists_points_html(s: Summary) -> list[str]:
    h = ['<div class="pair"><div>', tag("h2", _("Lists over time"))]
    if s.start_events:
        h.append('<p class="small">' + _e(_("At the start: {events}").format(events=_("; ").join(s.start_events)))
                 + "</p>")
    if s.lists:
        h.append("<table><thead><tr>" + "".join(f"<th>{_e(x)}</th>" for x in (
            _("List"), _("On from"), _("Off from"), _("Why"))) + "</tr></thead><tbody>")
        for p in s.lists:
            until = (_("{step}, {date}").format(step=_step(p.until_step), date=_date(p.until_date))
                     if p.until_step is not None else _("still on at the end"))
            since = _("{step}, {date}").format(step=_step(p.since_step), date=when_listed(  # as the ID card says it
                {"since": p.since_date, "listed_on": p.listed_on}))
            h.append(f"<tr><td>{_e(p.name)}</td><td>{_e(since)}</td>"
                     f"<td>{_e(until)}</td><td>{_e(p.reason)}</td></tr>")
        h.append("</tbody></table>")
    else:
        h.append(tag("p", _("This run put the player on no list.")))
    h.append("</div><div>")
    if s.points:
        h.append(tag("h2", _("Points over time")) + tag("p", _("{scheme}.").format(scheme=s.scheme)))
        h.append(points_svg(s))
        steps = _(", ").join(_("{step} ({date}): {points}").format(step=_step(x), date=_date(d),
                                                                   points=i18n.format_number(y))
                             for x, d, y in s.points)
        h.append(tag("p", _("{list}.").format(list=steps), 'class="small"'))
    h.append("</div></div>")
    return h


def _myths_html(s: Summary) -> list[str]:
    if not s.myths:
        return []
    h = [tag("h2", _("Myth or fact?")) + tag("p", _("The first answer counts; a change made after seeing what the "
                                                   "sources say is shown as a change."), 'class="small muted"'),
         '<table class="myth"><thead><tr>' + "".join(f"<th>{_e(x)}</th>" for x in (
             _("Claim"), _("First answer"), _("The sources say"))) + "</tr></thead><tbody>"]
    for m in s.myths:
        if not m.given:
            given = _("Not answered")
        elif m.matches:
            given = _("{answer} (matches)").format(answer=answer_word(m.given))
        else:
            given = _("{answer} (differs)").format(answer=answer_word(m.given))
        later = ""
        if m.changed_to:
            later = '<br><span class="small">' + _e(_("Changed later to {answers}").format(
                answers=_(", then ").join(answer_word(a) for a in m.changed_to))) + "</span>"
        verdict = _("{answer}.").format(answer=answer_word(m.answer))
        h.append(f"<tr><td>{_e(m.claim)}</td><td>{_e(given)}{later}</td>"
                 f"<td><b>{_e(verdict)}</b> "
                 f'<span class="small">{_e(m.explanation)}</span></td></tr>')
    h.append("</tbody></table>")
    return h


def _sources_html(s: Summary) -> list[str]:
    h = [tag("h2", _("Sources of the scenes on this path"))]
    if not s.sources:
        return h + [tag("p", _("No sources were cited on this path."))]
    h.append('<ol class="src">')
    for src in s.sources:
        bits = [_e(src.author) if src.author else "", f"<cite>{_e(src.title)}</cite>", _e(src.outlet),
                _e(_date(src.date)) if src.date else ""]  # "2017年2月28日", not 2017-02-28
        line = bibliography(bits)
        if src.url and _URL.match(src.url):
            shown = display_url(src.url)  # readable ("%E4%B8%AD" -> the characters), still the same address
            line += f' <a href="{_e(src.url)}">{_e(shown)}</a>'  # the address once, as the link's text
        line += " " + tag("span", _("(trust: {level})").format(level=trust_word(src.trust)), 'class="muted"')
        h.append(f"<li>{line}</li>")
    h.append("</ol>")
    return h


def render_html(summary: Summary) -> str:
    """The summary as one self-contained HTML page."""
    s = summary
    title = (_("{story}: {life}, {group}") if s.group else _("{story}: {life}")).format(
        story=s.story_title, life=s.life_title, group=s.group)
    h: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(html_lang(s.language))}">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        tag("title", _("{title}: summary of a run").format(title=title)),
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        '<p class="muted small">' + _e(_("A summary of one run through an educational game. It holds no names "
                                         "and no personal data: only a group label the class chose.")) + "</p>",
    ]
    h += _meta(s)
    h += _path_html(s)
    h += _lists_points_html(s)
    if s.journal:
        h.append(tag("h2", _("Journal")) + '<ul class="small jr">')
        h += [tag("li", _("{date}: {text}").format(date=_date(d), text=t)) for d, t in s.journal]
        h.append("</ul>")
    h += _myths_html(s)
    if s.questions:
        h.append(tag("h2", _("Questions to discuss")) + "<ol>")
        h += [f"<li>{_e(q)}</li>" for q in s.questions]
        h.append("</ol>")
    h += _sources_html(s)
    h += ["</body>", "</html>", ""]
    return "\n".join(h)


__all__ = ["CSS", "evidence_word", "html_lang", "tag", "points_svg", "render_html", "trust_word"]
