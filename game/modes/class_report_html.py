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

from .. import i18n
from ..engine.saves import atomic_write_text
from ..i18n import _, ngettext
from . import class_report as cr
from .class_report import Loaded
from .record import answer_word, speaking, status_word
from .summary_html import html_lang, tag

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",
sans-serif;color:#111;background:#fff;
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
        k_of_n = _("{k} of {n}").format(k=i18n.format_number(value), n=i18n.format_number(total))
        tip = _("{label}: {count}").format(label=label, count=k_of_n)
        out.append(f'<rect x="0" y="{y + 27}" width="{w}" height="20" fill="{BAR}">{tag("title", tip)}</rect>')
        out.append(f'<text x="{bar_w + 12}" y="{y + 45}" font-size="20" font-weight="bold" fill="#111">'
                   f'{_e(k_of_n)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def class_language(loaded: Loaded) -> str:
    """The language most records were played in (the class's language; English when there are none,
    and a language the interface does not speak counts as English)."""
    played = (str(r.get("language") or "en") for r in loaded.records)
    langs = Counter(lang if lang in i18n.languages() else "en" for lang in played)
    return langs.most_common(1)[0][0] if langs else "en"


def _day(iso: str) -> str:
    try:
        return i18n.format_date(datetime.fromisoformat(iso).date())
    except ValueError:
        return iso


def _span(loaded: Loaded) -> str:
    days = sorted({str(r.get("started_at", ""))[:10] for r in loaded.records if r.get("started_at")})
    if not days:
        return ""
    if len(days) == 1:
        return _("played on {day}").format(day=_day(days[0]))
    return _("played from {first} to {last}").format(first=_day(days[0]), last=_day(days[-1]))


def render(loaded: Loaded, made_at: datetime | None = None, lang: str | None = None) -> str:
    """The page, in ``lang`` (default: :func:`class_language`). The story's words (lives, endings, lists,
    choices, claims) are added up by their ids and shown in ``lang`` too, from the records' ``names``;
    a version-1 record played in another language, whose words no other record translates, shows its own."""
    lang = lang or class_language(loaded)
    with speaking(lang):
        return _render(loaded, made_at or datetime.now(), lang)


def _render(loaded: Loaded, made_at: datetime, lang: str) -> str:
    recs = loaded.records
    n = len(recs)
    when = f"{i18n.format_date(made_at.date())} {made_at.strftime('%H:%M')}"
    title = _("On the List: class report")
    h = ["<!DOCTYPE html>", f'<html lang="{_e(html_lang(lang))}">', "<head>", '<meta charset="utf-8">',
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         '<meta name="referrer" content="no-referrer">', f"<title>{_e(title)}</title>",
         f"<style>{CSS}</style>", "</head>", "<body>", f"<h1>{_e(title)}</h1>"]
    span = _span(loaded)
    groups = len({cr.group_name(r) for r in recs})
    runs = ngettext("{n} run", "{n} runs", n).format(n=i18n.format_number(n))
    by = ngettext("{n} group", "{n} groups", groups).format(n=i18n.format_number(groups))
    intro = (_("{runs} by {groups}, {span}.") if span else _("{runs} by {groups}.")).format(
        runs=runs, groups=by, span=span)
    h.append(tag("p", _("{intro} Made {when}. It names groups only by the labels the class chose: no names, no "
                        "personal data.").format(intro=intro, when=when), 'class="muted"'))
    if not recs:
        h.append("<p><b>" + _e(_("No records were found in this folder.")) + "</b> " + _e(_(
            "Records are the {pattern} files the game writes in classroom mode.")).format(
            pattern="<code>record-*.json</code>") + "</p>")
    else:
        h += _played(recs) + _endings(recs) + _restrictions(recs) + _decisions(recs) + _myths(recs)
        h += _prompts(recs) + _groups(recs)
    h += _skipped(loaded)
    h += ["</body>", "</html>", ""]
    return "\n".join(h)


def _th(*names: str) -> str:
    return "<table><thead><tr>" + "".join(f"<th>{_e(x)}</th>" for x in names) + "</tr></thead><tbody>"


def _h(level: int, text: str) -> str:
    return f"<h{level}>{_e(text)}</h{level}>"


def _played(recs: list[dict[str, Any]]) -> list[str]:
    rows = cr.lives_played(recs)
    h = [_h(2, _("Who played what")), _th(_("Life"), _("Path"), _("Groups"), _("Minutes (median of finished runs)"))]
    for life, path, groups, minutes in rows:
        counts = Counter(groups)  # a group that played again is named once, with how many runs
        named = [g if counts[g] == 1 else _("{group} ({n} runs)").format(group=g, n=counts[g])
                 for g in dict.fromkeys(groups)]
        who = _("{n}: {groups}").format(n=len(groups), groups=_(", ").join(named))
        h.append(f"<tr><td>{_e(life)}</td><td>{_e(path)}</td><td>{_e(who)}</td>"
                 f'<td class="n">{"-" if minutes is None else i18n.format_number(minutes)}</td></tr>')
    h.append("</tbody></table>")
    h.append(bar_chart([(_("{life}, {path}").format(life=life, path=path), len(g)) for life, path, g, _m in rows],
                       len(recs), _("Groups per life and path")))
    return h


def _endings(recs: list[dict[str, Any]]) -> list[str]:
    h = [_h(2, _("Endings reached"))]
    unit = cr.unit_of(recs)
    for life, counts in sorted(cr.endings(recs).items()):
        total = sum(counts.values())
        h += [_h(3, _("{life} ({count})").format(life=life, count=cr.units(total, unit))),
              bar_chart(counts.most_common(), total, _("Endings reached: {life}").format(life=life))]
    return h


def _restrictions(recs: list[dict[str, Any]]) -> list[str]:
    refused, listed = cr.restrictions(recs)
    n = len(recs)
    h = [_h(2, _("Restrictions met and lists put on")), _h(3, _("Refused"))]
    h.append(bar_chart(refused.most_common(10), n, _("Groups refused each service")) if refused
             else tag("p", _("No group was refused anything.")))
    h.append(_h(3, _("Put on a list")))
    h.append(bar_chart(listed.most_common(10), n, _("Groups put on each list")) if listed
             else tag("p", _("No group was put on a list.")))
    return h


def _decisions(recs: list[dict[str, Any]], per_life: int = 10) -> list[str]:
    ds = cr.decisions(recs)
    unit = cr.unit_of(recs)
    h = [_h(2, _("Key decisions"))]
    if not ds:
        none = _("No decision was made in two runs or more.") if unit == "run" else _(
            "No decision was made by two groups or more.")
        return h + [f"<p>{_e(none)}</p>"]
    note = (_("Decisions made in two runs or more, in story order; the busiest {n} per life. A group that played "
              "twice counts twice.") if unit == "run" else
            _("Decisions made by two groups or more, in story order; the busiest {n} per life."))
    h.append(f'<p class="muted small">{_e(note.format(n=per_life))}</p>')
    by_life: dict[str, list] = {}
    for d in ds:
        by_life.setdefault(d.life, []).append(d)
    for life, items in by_life.items():
        h.append(_h(3, life))
        busiest = sorted(sorted(items, key=lambda d: -d.reached)[:per_life], key=lambda d: d.order)
        for d in busiest:
            made = _("({k} of {of} made this decision)").format(k=d.reached, of=cr.units(d.of, unit))
            h.append(f'<p><b>{_e(d.scene)}</b> <span class="muted small">{_e(made)}</span></p>')
            h.append('<ul class="dec">' + "".join(f"<li>{_e(cr.decision_sentence(d, c, unit))}</li>"
                                                  for c in d.choices) + "</ul>")
    return h


def _myths(recs: list[dict[str, Any]]) -> list[str]:
    stats = cr.myth_stats(recs)
    if not stats:
        return []
    h = [_h(2, _("Myth or fact: right on the first answer")),
         '<p class="muted small">' + _e(_("Only the first answer counts: a change made after reading what the "
                                          "sources say is counted apart.")) + "</p>"]
    lives = sorted({s.life for s in stats})
    for life in lives:
        rows = [s for s in stats if s.life == life]
        h.append(_h(3, life))
        h.append(_th(_("Claim"), _("The sources say"), _("Right first"), _("Changed later")))
        for s in rows:
            right = (_("{k} of {n} ({percent})").format(k=s.right, n=s.answered, percent=_percent(s.share))
                     if s.answered else _("not answered"))
            h.append(f"<tr><td>{_e(s.claim)}</td><td>{_e(answer_word(s.answer))}</td>"
                     f'<td class="n">{_e(right)}</td><td class="n">{s.changed}</td></tr>')
        h.append("</tbody></table>")
        answered = [s for s in rows if s.answered]
        if answered:
            h.append(_share_chart(answered, life))
    missed = cr.most_missed(stats)
    if missed:
        h.append(_h(3, _("The claims most groups got wrong at first (discuss these)")) + "<ol>")
        for s in missed:
            note = _("({life}: {k} of {n} wrong, most often \u201c{wrong}\u201d; the sources say {answer})").format(
                life=s.life, k=s.answered - s.right, n=s.answered, wrong=answer_word(s.common_wrong).lower(),
                answer=answer_word(s.answer).lower())
            h.append(f'<li>{_e(s.claim)} <span class="small">{_e(note)}</span></li>')
        h.append("</ol>")
    return h


def _percent(share: float) -> str:
    from babel.numbers import format_percent

    return format_percent(round(share, 2), locale=i18n.BABEL_LOCALE.get(i18n.current(), i18n.current()))


def _share_chart(stats, life: str) -> str:
    rows = [(s.claim, s.right) for s in stats]
    # one chart per life: the bars are out of the groups that answered each claim
    total = max(s.answered for s in stats)
    return bar_chart(rows, total, _("Groups right on their first answer: {life}").format(life=life))


def _prompts(recs: list[dict[str, Any]]) -> list[str]:
    ours = cr.prompts(recs)
    theirs = cr.debrief_questions(recs)
    h = [_h(2, _("Discussion")), '<div class="cols"><div>', _h(3, _("From this class\u2019s choices"))]
    h.append("<ol>" + "".join(f"<li>{_e(p)}</li>" for p in ours) + "</ol>" if ours
             else tag("p", _("Too few runs to draw prompts from.")))
    h += ["</div><div>", _h(3, _("The debrief\u2019s questions"))]
    for life, qs in theirs.items():
        h.append(f"<p><b>{_e(life)}</b></p><ol>" + "".join(f"<li>{_e(q)}</li>" for q in qs) + "</ol>")
    return h + ["</div></div>"]


def _groups(recs: list[dict[str, Any]]) -> list[str]:
    h = [_h(2, _("Every group")), _th(_("Group"), _("Life"), _("Path"), _("Ending"), _("Choices"), _("Minutes"),
                                      _("Right first"))]
    lex = cr.lexicon(recs)
    for r in sorted(recs, key=lambda r: (cr.natural_key(cr.group_name(r)), cr.life_title(r, lex))):
        end = r.get("ending") or {}
        ending = (lex(cr.life_id(r), f"ending:{end.get('node')}", end.get("title", "")) if end.get("title")
                  else status_word(r.get("status", "")))
        answered = [m for m in r.get("myths", []) if m.get("first")]
        right = sum(1 for m in answered if m["first"] == m["answer"])
        h.append(f"<tr><td>{_e(cr.group_name(r))}</td><td>{_e(cr.life_title(r, lex))}</td>"
                 f"<td>{_e(cr.path_label(r, lex))}</td>"
                 f"<td>{_e(ending)}</td><td class=\"n\">{len(r.get('choices', []))}</td>"
                 f"<td class=\"n\">{i18n.format_number(r.get('minutes_played', 0))}</td>"
                 + tag("td", _("{k} of {n}").format(k=right, n=len(answered)), 'class="n"') + "</tr>")
    return h + ["</tbody></table>"]


def _skipped(loaded: Loaded) -> list[str]:
    h = [_h(2, _("Files read"))]
    read = ngettext("{n} record read", "{n} records read", len(loaded.records)).format(n=len(loaded.records))
    if not loaded.skipped:
        return h + [tag("p", _("{read}; no file was skipped.").format(read=read))]
    skipped = ngettext("{n} file skipped", "{n} files skipped", len(loaded.skipped)).format(n=len(loaded.skipped))
    h.append(tag("p", _("{read}; {skipped}:").format(read=read, skipped=skipped)))
    h.append(_th(_("File"), _("Why it was skipped")))
    h += [f"<tr><td>{_e(s.file)}</td><td>{_e(s.reason)}</td></tr>" for s in loaded.skipped[:200]]
    if len(loaded.skipped) > 200:
        more = _("and {n} more").format(n=len(loaded.skipped) - 200)
        h.append(f"<tr><td colspan=\"2\">{_e(more)}</td></tr>")
    return h + ["</tbody></table>"]


def make_report(folder: str | Path, out: str | Path | None = None, csv_out: str | Path | None = None,
                made_at: datetime | None = None, lang: str | None = None) -> tuple[Path, Loaded]:
    """Read ``folder`` and write the report (default ``FOLDER/class-report.html``) in ``lang`` (default:
    the language most records were played in); optionally every record as one CSV. Raises OSError
    when the page cannot be written, UnknownLanguage for a language the game does not speak."""
    from .record import render_csv

    if lang is not None:
        i18n.check_language(lang)
    with speaking(lang or "en"):  # why a file was skipped is said in the page's language
        loaded = cr.load_folder(folder)
    if lang is None:
        lang = class_language(loaded)
        if lang != "en":  # records are small: reading them again is cheaper than translating reasons later
            with speaking(lang):
                loaded = cr.load_folder(folder)
    path = Path(out) if out else Path(folder) / "class-report.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, render(loaded, made_at, lang))
    if csv_out:
        rows = sorted(loaded.records, key=lambda r: (cr.natural_key(r.get("group") or ""), cr.life_id(r),
                                                     str(r.get("started_at", ""))))  # as the page lists them
        with speaking(lang):
            table = render_csv(rows)
        atomic_write_text(Path(csv_out), "\ufeff" + table)
    return path, loaded


__all__ = ["bar_chart", "class_language", "make_report", "render"]
