"""The bundled fonts: present, licensed, small, and able to draw every character the story uses."""

import re
from pathlib import Path

import pygame
import pytest

from game.ui.art import fonts

ROOT = Path(__file__).resolve().parent.parent
STORY_DIRS = [ROOT / "story", ROOT / "docs" / "example-story"]
KINDS = ("text", "bold", "cjk", "cjk_bold")


def story_text() -> str:
    """All the text of the story YAML (the shipped story and the example, translations included)."""
    parts = []
    for d in STORY_DIRS:
        for path in sorted(d.rglob("*.yaml")):
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


@pytest.mark.parametrize("kind", KINDS)
def test_font_files_exist_with_licences(kind):
    path = fonts.font_path(kind)
    assert path.is_file() and path.stat().st_size > 10_000
    assert path.parent == ROOT / "assets" / "fonts"
    licence = fonts.licence_path(kind).read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Copyright" in licence or "\u00a9" in licence
    assert "PERMISSION & CONDITIONS" in licence and "DISCLAIMER" in licence


def test_fonts_are_modest_in_size():
    total = sum(fonts.font_path(k).stat().st_size for k in KINDS)
    assert total < 4_000_000, f"bundled fonts are {total:,} bytes"


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        fonts.font_path("comic")


def test_the_build_script_and_readme_document_the_fonts():
    script = (ROOT / "assets" / "fonts" / "build_fonts.py").read_text(encoding="utf-8")
    readme = (ROOT / "assets" / "README.md").read_text(encoding="utf-8")
    for kind in KINDS:
        name = fonts.font_path(kind).name
        assert name in script and name in readme
    assert "fonttools" in script.lower() and "story" in script


def test_the_cjk_font_draws_every_chinese_character_of_the_story():
    text = story_text()
    cjk = sorted({ch for ch in text if fonts.is_cjk(ch)})
    assert cjk, "the story has Chinese text (place names at least)"
    for kind in ("cjk", "cjk_bold"):
        assert fonts.missing_glyphs(kind, "".join(cjk)) == []


def test_every_story_character_has_a_font():
    text = story_text()
    for ch in sorted(set(text)):
        if not ch.isprintable() or ch.isspace():
            continue
        kind = "cjk" if fonts.has_cjk(ch) else "text"
        assert fonts.has_glyph(kind, ch), f"no bundled font draws {ch!r} (U+{ord(ch):04X})"


def test_common_characters_are_covered_beyond_the_story():
    # a sample of everyday characters the story does not (yet) use
    assert fonts.missing_glyphs("cjk", "的一是不了在有我他这中大来上国个到说们为子和你地出道也时年") == []
    assert fonts.missing_glyphs("cjk", "，。、；：？！“”（）《》【】…—·") == []
    assert fonts.missing_glyphs("text", "Ā á ǎ à ē é ě è ī í ǐ ì ō ó ǒ ò ū ú ǔ ù ǖ ǘ ǚ ǜ ü – — ‘ ’ “ ” € ¥ ©") == []


def test_split_runs_round_trips_and_separates_scripts():
    text = "Beijing 北京 to Chengdu (成都), “失信被执行人名单”."
    runs = fonts.split_runs(text)
    assert "".join(r for r, _ in runs) == text
    assert ("北京 ", True) in runs
    assert all(fonts.is_cjk(ch) for r, is_c in runs if is_c for ch in r if not ch.isspace())


def test_render_mixed_puts_chinese_in_the_cjk_font():
    size = 24
    h = fonts.line_height(size)
    mixed = fonts.render_mixed("Wei 魏", size, (0, 0, 0))
    latin = fonts.render_mixed("Wei", size, (0, 0, 0))
    cjk = fonts.render_mixed("魏", size, (0, 0, 0))
    assert mixed.get_height() == latin.get_height() == cjk.get_height() == h
    assert fonts.measure_mixed("Wei 魏", size) == mixed.get_size()
    assert mixed.get_width() >= latin.get_width() + cjk.get_width()
    # the Chinese glyph is drawn, not an empty box: its ink covers a fair share of its cell
    ink = sum(1 for x in range(cjk.get_width()) for y in range(cjk.get_height()) if cjk.get_at((x, y)).a > 128)
    assert ink > size * size * 0.15
    assert fonts.render_mixed("", size, (0, 0, 0)).get_height() == h
    opaque = fonts.render_mixed("北京", size, (0, 0, 0), background=(255, 255, 255))
    assert opaque.get_at((0, 0)) == pygame.Color(255, 255, 255)


def test_every_chinese_line_of_the_story_renders():
    for line in story_text().splitlines():
        if fonts.has_cjk(line):
            surf = fonts.render_mixed(line.strip()[:200], 20, (0, 0, 0), bold=True)
            assert surf.get_width() > 0


def test_get_font_is_cached_and_bundled():
    assert fonts.get_font(20) is fonts.get_font(20)
    assert fonts.get_font(20, bold=True) is not fonts.get_font(20)
    assert fonts.get_font(20).name == "Noto Sans"
    assert fonts.get_cjk_font(20).name.startswith("Noto Sans CJK SC")
    assert fonts.render_with(fonts.get_font(18), "Chengdu 成都", (0, 0, 0)).get_width() == \
        fonts.size_with(fonts.get_font(18), "Chengdu 成都")[0]


def test_the_art_package_never_uses_system_fonts_or_shared_files():
    src = ROOT / "game" / "ui" / "art"
    for path in src.glob("*.py"):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"SysFont|match_font|get_fonts\(|font\.Font\(None", code), path.name
        assert "/work/shared" not in code and "shared/" not in code, path.name


def test_font_paths_gives_latin_and_cjk_files():
    latin, cjk = fonts.font_paths()
    assert latin.endswith("NotoSans-Regular.ttf") and cjk.endswith("NotoSansSC-Regular.otf")
    latin_b, cjk_b = fonts.font_paths(mono=True, bold=True)
    assert latin_b.endswith("NotoSans-Bold.ttf") and cjk_b.endswith("NotoSansSC-Bold.otf")
    # figures are tabular, so numbers line up without a monospace font
    assert len({fonts.get_font(30).size(d)[0] for d in "0123456789"}) == 1


def _build_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_fonts", ROOT / "assets" / "fonts" / "build_fonts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_character_the_game_can_show_is_in_the_face_that_draws_it():
    """Story, translations, code strings and catalogs: Chinese in the CJK faces, the rest in the Latin ones.

    The Latin face must have its own characters: falling back to the CJK face for a "−" or "→" would
    set it in another design (and once showed empty boxes)."""
    shown = _build_script().story_characters()
    # Range bounds in the code's regular expressions (surrogates, private use, astral) are not text.
    shown = {ch for ch in shown if ord(ch) <= 0xFFFF and not 0xD800 <= ord(ch) < 0xF900}
    assert {"中", "失", "肖"} <= shown, "the story's characters and its translations are collected"
    cjk = "".join(sorted(ch for ch in shown if fonts.is_cjk(ch)))
    latin = "".join(sorted(ch for ch in shown if not fonts.is_cjk(ch)))
    for kind in ("text", "bold"):
        assert fonts.missing_glyphs(kind, latin) == [], f"the {kind} face lacks these"
    for kind in ("cjk", "cjk_bold"):
        assert fonts.missing_glyphs(kind, cjk) == [], f"the {kind} face lacks these"


@pytest.mark.parametrize("ch", list(_build_script().AUTHOR_SYMBOLS))
def test_the_latin_faces_have_the_symbols_authors_reach_for(ch):
    assert fonts.has_glyph("text", ch) and fonts.has_glyph("bold", ch)


@pytest.mark.parametrize("kind", ["text", "bold"])
def test_the_latin_faces_keep_their_own_line_metrics(kind):
    """Merging a symbol donor must not bring its metrics: Noto Sans Math's deep descent once pushed every
    line of text down into the line below it (titles over subtitles, labels low in their buttons)."""
    pygame.font.init()
    face = pygame.font.Font(str(fonts.font_path(kind)), 100)
    ascent, descent = face.get_ascent(), -face.get_descent()
    assert 0 < descent < 0.35 * ascent, (ascent, descent)
    assert face.get_linesize() < 1.45 * 100
