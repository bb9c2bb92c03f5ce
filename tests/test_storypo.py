"""Story translations as gettext catalogs: written by `strings --po`, read by the loader, checked by the
validator (missing W401, stale or fuzzy W402, unreadable E010), and shown in the game."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from game.cli import main
from game.engine import storypo
from game.engine.runtime import Session
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


def example(tmp_path) -> Path:
    """The example story with its translation moved from lang/zh.yaml into catalogs."""
    story = tmp_path / "story"
    shutil.copytree(EXAMPLE, story)
    (story / "lang" / "zh.yaml").unlink()
    manifest = story / "story.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("translations: [zh]\n", ""), encoding="utf-8")
    assert main(["strings", "--story", str(story), "--po", "zh"]) == 0  # as a translator starts a language
    manifest.write_text(text, encoding="utf-8")
    return story


def translate(po: Path, sid: str, text: str) -> None:
    body = po.read_text(encoding="utf-8")
    new, n = re.subn(rf'(msgctxt "{re.escape(sid)}"\nmsgid (?:".*"\n)+)msgstr ""\n', rf'\1msgstr "{text}"\n', body)
    assert n == 1, sid
    po.write_text(new, encoding="utf-8")


def codes(story: Path) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in load_and_validate(story).report.items]


def test_new_catalogs_hold_every_string_with_what_a_translator_needs(tmp_path, capsys):
    story = example(tmp_path)
    out = capsys.readouterr().out
    assert "wrote " in out and "0 translated, 0 to check (fuzzy)" in out
    names = sorted(p.name for p in (story / "lang" / "zh").glob("*.po"))
    assert names == ["ming.po", "world.po"]
    po = (story / "lang" / "zh" / "ming.po").read_text(encoding="utf-8")
    assert 'msgctxt "ming.n.refused.text"\nmsgid "The clerk says you are on the court\'s list."' in po
    assert "#. spoken by: Ticket clerk" in po and "documented" in po
    loaded = load_and_validate(story)
    missing = sorted(d.message for d in loaded.report.items if d.code == "W401")
    n_world = sum(1 for sid in loaded.story.strings if not sid.startswith("ming."))
    n_ming = len(loaded.story.strings) - n_world
    assert missing == sorted([  # nothing is translated yet: one line a catalog, not one a string
        f"{n_ming} strings of 'ming' have no 'zh' translation yet, from 'ming.title' on; a translator fills them "
        "in lang/zh/ming.po (python -m game strings --po zh adds them)",
        f"{n_world} strings of 'world' have no 'zh' translation yet, from 'term.blacklist.term' on; a translator "
        "fills them in lang/zh/world.po (python -m game strings --po zh adds them)"])


def test_a_translation_is_shown_and_a_changed_english_is_reported_stale(tmp_path):
    story = example(tmp_path)
    po = story / "lang" / "zh" / "ming.po"
    translate(po, "ming.n.refused.text", "售票员说你在法院的名单上。")
    result = load_and_validate(story)
    assert result.story.text(result.story.lives["ming"].nodes["refused"].text, "zh") == "售票员说你在法院的名单上。"
    assert not [m for c, m in codes(story) if c == "W402"]
    life = story / "lives" / "ming.yaml"
    life.write_text(life.read_text(encoding="utf-8").replace(
        "The clerk says you are on the court's list.", "The clerk says you are on a court's list."),
        encoding="utf-8")
    stale = [(d.path, d.line, d.message) for d in load_and_validate(story).report.items if d.code == "W402"]
    assert len(stale) == 1 and stale[0][0].endswith("ming.po")
    assert "the English of 'ming.n.refused.text' changed since it was translated" in stale[0][2]
    assert "python -m game strings --po zh" in stale[0][2]
    # refreshing marks it fuzzy with the old English beside it, and the English is shown until it is checked
    assert main(["strings", "--story", str(story), "--po", "zh"]) == 0
    body = po.read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid "The clerk says you are on the court\'s list."\n' in body
    result = load_and_validate(story)
    assert [d.code for d in result.report.items if "refused.text" in d.message] == ["W402"]
    assert "is marked fuzzy" in next(d.message for d in result.report.items if d.code == "W402")
    assert result.story.text(result.story.lives["ming"].nodes["refused"].text, "zh") == \
        "The clerk says you are on a court's list."


def test_a_damaged_catalog_is_an_error_at_its_line_not_a_crash(tmp_path):
    story = example(tmp_path)
    po = story / "lang" / "zh" / "world.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgctxt "x"\nmsgid "unterminated\n', encoding="utf-8")
    found = [(Path(d.path).name, d.code) for d in load_and_validate(story).report.items if d.code == "E010"]
    assert found == [("world.po", "E010")]


def test_the_shipped_story_is_fully_translated_into_chinese():
    result = load_and_validate(ROOT / "story")
    assert "zh" in result.story.translations
    assert [d for d in result.report.items if d.code in ("W401", "W402", "W403")] == []
    life = result.story.lives["wei"]
    assert "魏" in result.story.text(life.title, "zh")


def test_a_life_plays_in_chinese(tmp_path):
    result = load_and_validate(ROOT / "story")
    story = result.story
    for life_id in story.lives:
        s = Session(story, life_id, seed=1)
        while not s.ended:
            view = s.view()
            text = story.text(view.node.text, "zh")
            assert re.search(r"[\u4e00-\u9fff]", text), (life_id, view.node.id)
            s.choose(s.enabled_choices()[0])


def test_export_is_stable(tmp_path):
    result = load_and_validate(ROOT / "story")
    for name in storypo.catalogs(result.story):
        path = ROOT / "story" / "lang" / "zh" / f"{name}.po"
        assert storypo.export(result.story, "zh", name, storypo.read(path)) == path.read_text(encoding="utf-8"), \
            f"{path.name} is not as `strings --po zh` writes it"
