"""The worksheet and answer key come from the story data: every claim, question and matched glossary
term of a life, the answers only in the key."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli import main as cli_main
from game.modes.record import ANSWER_WORDS
from game.modes.worksheet import myths_of, questions_of, render_key, render_worksheet, terms_of

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shipped():
    from game.engine.validate import load_and_validate

    result = load_and_validate(ROOT / "story")
    assert result.story is not None and not result.report.errors
    return result.story


def text_of(page: str) -> str:
    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.tags: set[str] = set()

        def handle_starttag(self, tag, attrs):
            self.tags.add(tag)

        def handle_data(self, data):
            self.out.append(data)

    p = P()
    p.feed(page)
    assert not p.tags & {"script", "img", "link", "iframe"}
    return " ".join(" ".join(p.out).split())


@pytest.mark.parametrize("life", ["wei", "li_xiaolin", "rongcheng"])
def test_worksheet_and_key_hold_every_claim_and_question(shipped, life):
    sheet = text_of(render_worksheet(shipped, life))
    key = text_of(render_key(shipped, life))
    tr = shipped.text
    myths = myths_of(shipped.lives[life])
    assert myths and questions_of(shipped.lives[life])
    for m in myths:
        claim = " ".join(tr(m.claim).split())
        assert claim in sheet and claim in key
        assert " ".join(tr(m.explanation).split()) in key and " ".join(tr(m.explanation).split()) not in sheet
    for q in questions_of(shipped.lives[life]):
        assert " ".join(tr(q).split()) in sheet
    # the key gives each claim's answer next to it; the worksheet only offers the three boxes
    for i, m in enumerate(myths, 1):
        assert re.search(rf"{i}\. {re.escape(' '.join(tr(m.claim).split()))} {ANSWER_WORDS[m.answer]}\b", key)
    assert "Group label (a table or pair, not a name)" in sheet


def test_terms_are_the_ones_the_life_uses_and_the_key_matches_them(shipped):
    life = shipped.lives["wei"]
    terms = terms_of(shipped, life)
    assert terms and all(t.id in shipped.glossary for t in terms)
    body = " ".join(shipped.text(n.text) for n in life.nodes.values()).lower()
    assert any(shipped.text(t.term).lower() in body for t in terms)
    sheet, key = render_worksheet(shipped, "wei"), render_key(shipped, "wei")
    # the letter the key gives each term is the row of the worksheet whose meaning is that term's
    rows = re.findall(r"<tr><td>([^<]+)</td><td></td><td><b>([A-P])\.</b> ([^<]+)</td></tr>", sheet)
    assert len(rows) == len(terms)
    meaning_at = {letter: meaning for _term, letter, meaning in rows}
    for term in terms:
        name = re.escape(html.escape(shipped.text(term.term)))
        m = re.search(rf"<tr><td>{name}(?: \([^)]*\))?</td><td><b>([A-P])</b></td><td>([^<]+)</td>", key)
        assert m, term.id
        assert m.group(2).startswith(meaning_at[m.group(1)].rstrip("."))


def test_cli_writes_worksheet_and_key(tmp_path, capsys):
    out = tmp_path / "sheets" / "wei.html"
    assert cli_main(["worksheet", "--character", "wei", "-o", str(out)]) == 0
    assert out.exists() and (tmp_path / "sheets" / "wei-answer-key.html").exists()
    assert "answer key" in capsys.readouterr().out
    assert cli_main(["worksheet", "--character", "nobody", "-o", str(out)]) == 2
    assert "no life 'nobody'" in capsys.readouterr().err


def test_worksheet_follows_the_story(tmp_path, story):
    """A changed story changes the worksheet: the example story's one claim, not the shipped ones."""
    sheet = text_of(render_worksheet(story, "ming"))
    assert "Everyone in China has one national score." in sheet
    assert "Who should be told before a court lists someone?" in sheet


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_answer_key_cites_sources_as_the_game_does(shipped, lang):
    """The key's Sources column and list name each source by outlet and date, as the game's screens do
    (game.cite), never by the story's internal ids (technode_2018, listicle_grim)."""
    from game.cite import cite_list
    from game.modes.record import speaking

    life = shipped.lives["wei"]
    key = text_of(render_key(shipped, "wei", lang))
    cited = {s for m in myths_of(life) for s in m.sources}
    assert cited
    for sid in cited:
        assert not re.search(rf"\b{re.escape(sid)}\b", key), sid
    with speaking(lang):
        for m in myths_of(life):
            assert " ".join(cite_list(shipped.sources, m.sources, lang, shipped).split()) in key
    if lang == "zh":
        assert "最高人民法院" in key and "Supreme People's Court" not in key  # outlets in the key's language
