"""A printable worksheet and its answer key for one life, made from the story data.

``python -m game worksheet --character ID -o FILE.html`` writes ``FILE.html`` (for the students) and
``FILE-answer-key.html`` (for the teacher). Both come from the story files every time, so they stay
true when the story changes: the myth-or-fact claims of the life's debriefs (with their answers,
explanations and sources in the key), the debrief's discussion questions, and the glossary terms the
life's scenes use (a matching exercise; the key gives the pairs and the definitions). The key also
holds the debrief's "what really happened / what is not known / what was dramatized" once, which the
run summaries leave out.

Like the run summary, each page is self-contained: inline CSS, no script, nothing loaded.
"""

from __future__ import annotations

import html
import random
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..cite import author_name, bibliography, cite_list, human_date, outlet_name
from ..engine.model import Life, Myth, Story, Term, Text
from ..engine.saves import atomic_write_text
from ..i18n import _, pgettext
from .record import ANSWER_WORDS, answer_word, speaking
from .summary_html import html_lang, tag, trust_word

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",
sans-serif;color:#111;background:#fff;
max-width:50rem;margin:1.5rem auto;padding:0 1rem;line-height:1.4;font-size:12pt;overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.2rem 0 .4rem;border-bottom:2px solid #111}
.card{border:1.5px solid #333;border-radius:6px;padding:.5rem .7rem;margin:.5rem 0;break-inside:avoid}
.boxes span{display:inline-block;margin-right:1.4rem}.boxes span::before{content:"";display:inline-block;
width:.9em;height:.9em;border:1.5px solid #111;margin-right:.35rem;vertical-align:-.1em}
.line{border-bottom:1px solid #777;height:1.7em}.muted{color:#333}.small{font-size:.85em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #666;padding:.25rem .4rem;text-align:left;
vertical-align:top}th{background:#eee}li{margin:.3rem 0}td.ans{white-space:nowrap}.mt th:nth-child(2){width:5em}
.mt td:first-child{width:30%}ol.q>li{break-inside:avoid;margin-bottom:.8rem}
@page{margin:14mm}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}a{color:#000;text-decoration:none}}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _head(title: str, lang: str) -> list[str]:
    return ["<!DOCTYPE html>", f'<html lang="{_e(html_lang(lang))}">', "<head>", '<meta charset="utf-8">',
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">', f"<title>{_e(title)}</title>",
            f"<style>{CSS}</style>", "</head>", "<body>"]


def myths_of(life: Life) -> list[Myth]:
    """Every claim of the life's debriefs, each once, in story order."""
    seen: dict[str, Myth] = {}
    for d in life.debriefs.values():
        for m in d.myths:
            seen.setdefault(m.id, m)
    return list(seen.values())


def questions_of(life: Life) -> list[Text]:
    out: list[Text] = []
    for d in life.debriefs.values():
        out += [q for q in d.questions if q.en not in {x.en for x in out}]
    return out


def terms_of(story: Story, life: Life, lang: str | None = None, limit: int = 8) -> list[Term]:
    """The glossary terms the life's scenes, choices and debriefs use (by the term's words), in
    glossary order, at most ``limit``."""
    texts: list[str] = []
    for node in life.nodes.values():
        texts.append(story.text(node.text, lang))
        texts += [story.text(c.label, lang) for c in node.choices]
    for d in life.debriefs.values():
        texts += [story.text(s.text, lang) for s in (d.what_happened, d.not_known, d.dramatized) if s]
    body = " ".join(texts).lower()
    found = []
    for term in story.glossary.values():
        word = story.text(term.term, lang).lower()
        core = re.sub(r"\s*\(.*?\)", "", word).strip()
        if core and re.search(r"(?<!\w)" + re.escape(core) + r"(?!\w)", body):
            found.append(term)
    return found[:limit]


def _matching_order(n: int, seed: str) -> list[int]:
    """The definitions' order on the worksheet: shuffled, the same every time for the same life."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    if n > 1 and order == list(range(n)):
        order = order[1:] + order[:1]
    return order


def _title(story: Story, life: Life, lang: str | None) -> str:
    return _("{story}: {life}").format(story=story.text(story.title, lang), life=story.text(life.title, lang))


def _terms_head() -> str:
    return ('<table class="mt"><thead><tr>' + "".join(f"<th>{_e(x)}</th>" for x in (
        _("Term"), pgettext("matching exercise", "Letter"), _("Meaning"))) + "</tr></thead><tbody>")


def render_worksheet(story: Story, life_id: str, lang: str | None = None) -> str:
    """The students' worksheet, its interface words and the story's in ``lang`` (None: the story's own)."""
    with speaking(lang or story.language):
        return _worksheet(story, life_id, lang)


def _worksheet(story: Story, life_id: str, lang: str | None) -> str:
    life = story.lives[life_id]
    tr = lambda t: story.text(t, lang)  # noqa: E731
    title = _("{title}: worksheet").format(title=_title(story, life, lang))
    h = _head(title, lang or story.language)
    blanks = _("Group label (a table or pair, not a name): {label} \u2003 Date: {date}").format(
        label="______________", date="__________")
    h += [f"<h1>{_e(title)}</h1>", f'<p class="muted">{_e(blanks)}</p>', f'<p class="small">{_e(tr(life.summary))}</p>']
    myths = myths_of(life)
    if myths:
        h.append(tag("h2", _("Myth or fact?")) + tag("p", _(
            "Tick one box for each claim BEFORE you read the debrief. Then write the reason and the source that "
            "settles it.")))
        boxes = "".join(f"<span>{_e(answer_word(a))}</span>" for a in ANSWER_WORDS)
        for i, m in enumerate(myths, 1):
            h.append(f'<div class="card"><b>{i}. {_e(tr(m.claim))}</b><p class="boxes">{boxes}</p>'
                     + tag("p", _("Why, and which source?"), 'class="small"') + '<div class="line"></div></div>')
    terms = terms_of(story, life, lang)
    if terms:
        order = _matching_order(len(terms), life.id)
        letters = "ABCDEFGHIJKLMNOP"
        h.append(tag("h2", _("Key terms")) + tag("p", _("Write the letter of the meaning next to each term.")))
        h.append(_terms_head())
        for row, idx in enumerate(order):
            term = terms[row]
            meaning = terms[idx]
            h.append(f"<tr><td>{_e(tr(term.term))}</td><td></td><td><b>{letters[row]}.</b> "
                     f"{_e(_first_sentences(tr(meaning.text)))}</td></tr>")
        h.append("</tbody></table>")
    questions = questions_of(life)
    if questions:
        note = _("Note your group\u2019s answer in a sentence or two.")
        h.append(tag("h2", _("Questions to discuss")) + tag("p", note) + '<ol class="q">')
        h += [f'<li>{_e(tr(q))}<div class="line"></div><div class="line"></div></li>' for q in questions]
        h.append("</ol>")
    h.append(tag("h2", _("One moment that surprised us")) + '<div class="line"></div><div class="line"></div>')
    return "\n".join(h + ["</body>", "</html>", ""])


def _first_sentences(text: str, limit: int = 160) -> str:
    """A definition short enough for a matching table: whole sentences up to about ``limit`` columns
    (a Chinese character takes two; a Chinese sentence ends at 。！？ with no space after it)."""
    flat = " ".join(text.split())
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s+|(?<=[\u3002\uff01\uff1f])", flat):
        if out and _width(out) + _width(sentence) > limit:
            break
        out = (out + (" " if out and _width(out[-1]) != 2 else "") + sentence).strip()
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def render_key(story: Story, life_id: str, lang: str | None = None) -> str:
    """The teacher's answer key, its interface words and the story's in ``lang`` (None: the story's own)."""
    with speaking(lang or story.language):
        return _key(story, life_id, lang)


def _key(story: Story, life_id: str, lang: str | None) -> str:
    life = story.lives[life_id]
    tr = lambda t: story.text(t, lang)  # noqa: E731
    title = _("{title}: answer key").format(title=_title(story, life, lang))
    h = _head(title, lang or story.language)
    h += [f"<h1>{_e(title)}</h1>",
          tag("p", _("For the teacher. Made from the story files, so it matches the game."), 'class="muted"')]
    cited: list[str] = []
    myths = myths_of(life)
    if myths:
        h.append(tag("h2", _("Myth or fact?")) + "<table><thead><tr>" + "".join(
            tag("th", x) for x in (_("Claim"), _("Answer"), _("Why"), _("Sources"))) + "</tr></thead><tbody>")
        for i, m in enumerate(myths, 1):
            cited += [s for s in m.sources if s not in cited]
            cites = cite_list(story.sources, m.sources, lang, story)
            h.append(f'<tr><td>{i}. {_e(tr(m.claim))}</td><td class="ans"><b>{_e(answer_word(m.answer))}</b></td>'
                     f"<td>{_e(tr(m.explanation))}</td><td>{_e(cites)}</td></tr>")
        h.append("</tbody></table>")
    terms = terms_of(story, life, lang)
    if terms:
        order = _matching_order(len(terms), life.id)
        letters = "ABCDEFGHIJKLMNOP"
        where = {idx: letters[row] for row, idx in enumerate(order)}
        h.append(tag("h2", _("Key terms")) + _terms_head())
        for i, term in enumerate(terms):
            shown = tr(term.term)
            chinese = f" ({_e(term.chinese)})" if term.chinese and term.chinese not in shown else ""  # not twice
            h.append(f"<tr><td>{_e(shown)}{chinese}</td><td><b>{where[i]}</b></td><td>{_e(tr(term.text))}</td>"
                     "</tr>")
        h.append("</tbody></table>")
    questions = questions_of(life)
    if questions:
        h.append(tag("h2", _("Questions to discuss")) + tag("p", _(
            "There is no single right answer. What the sources say, below, is the ground for a good one."))
            + "<ol>")
        h += [f"<li>{_e(tr(q))}</li>" for q in questions]
        h.append("</ol>")
    for d in life.debriefs.values():
        h.append(tag("h2", _("The debrief")) if len(life.debriefs) == 1
                 else tag("h2", _("The debrief ({id})").format(id=d.id)))
        for heading, sec in ((_("What really happened"), d.what_happened),
                             (_("What the sources do not say"), d.not_known),
                             (_("What this story invented"), d.dramatized)):
            if sec is not None:
                cited += [s for s in sec.sources if s not in cited]
                h.append(f"<h3>{_e(heading)}</h3>")
                h += [f"<p>{_e(p.strip())}</p>" for p in tr(sec.text).split("\n\n") if p.strip()]
    if cited:
        h.append(tag("h2", _("Sources")) + "<ol>")
        for sid in cited:
            s = story.sources.get(sid)
            if s is None:
                continue
            line = _e(bibliography([author_name(s, story, lang), tr(s.title), outlet_name(s, story, lang),
                                    human_date(s.date, lang) if s.date else ""]))
            if s.url.startswith(("https://", "http://")):
                line += f' <a href="{_e(s.url)}">{_e(s.url)}</a>'
            trust = tag("span", _("(trust: {level})").format(level=trust_word(s.trust)), 'class="small muted"')
            h.append(f"<li>{line} {trust}</li>")
        h.append("</ol>")
    return "\n".join(h + ["</body>", "</html>", ""])


def key_path(out: Path) -> Path:
    return out.with_name(out.stem + "-answer-key" + (out.suffix or ".html"))


def write_worksheet(story: Story, life_id: str, out: str | Path, lang: str | None = None) -> tuple[Path, Path]:
    """Write the worksheet to ``out`` and the answer key beside it. Raises KeyError for an unknown life."""
    if life_id not in story.lives:
        raise KeyError(life_id)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, render_worksheet(story, life_id, lang))
    key = key_path(path)
    atomic_write_text(key, render_key(story, life_id, lang))
    return path, key


__all__ = ["key_path", "myths_of", "questions_of", "render_key", "render_worksheet", "terms_of", "write_worksheet"]
