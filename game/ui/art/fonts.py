"""The game's bundled fonts, and text that mixes English and Chinese.

Decision: Latin text is set in Noto Sans (the humanist sans the design asks for) and every CJK run in
Noto Sans CJK SC, both bundled in ``assets/fonts/`` (see ``assets/README.md``). The CJK subset also
holds ASCII, but its Latin is narrower and sits differently, so English never uses it.
``render_mixed`` splits a line into runs, sets each run in its font and puts all runs on one
baseline. Its surfaces always have the height of :func:`line_height` for that size, whatever the
text, so lines of English, Chinese and both stack evenly.

No system font is ever used: every function here loads a file from ``assets/fonts/``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pygame

ASSETS_DIR = Path(__file__).resolve().parents[3] / "assets"
FONT_DIR = ASSETS_DIR / "fonts"
FONTS_DIR = FONT_DIR  # alias

FONT_FILES = {
    "text": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "cjk": "NotoSansSC-Regular.otf",
    "cjk_bold": "NotoSansSC-Bold.otf",
}
LICENCE_FILES = {
    "text": "OFL-NotoSans.txt",
    "bold": "OFL-NotoSans.txt",
    "cjk": "OFL-NotoSansCJK.txt",
    "cjk_bold": "OFL-NotoSansCJK.txt",
}

# Blocks set in the CJK font: radicals, CJK symbols and punctuation, kana, bopomofo, strokes,
# enclosed CJK, compatibility, Extension A, unified ideographs, compatibility ideographs,
# vertical and small forms, full-width forms, and the supplementary ideograph planes.
_CJK_RANGES = (
    (0x2E80, 0x2FDF), (0x2FF0, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F), (0x3190, 0x31FF),
    (0x3200, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F),
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3134F),
)


def font_path(kind: str) -> Path:
    """The bundled font file for ``kind``: "text", "bold", "cjk" or "cjk_bold"."""
    try:
        return FONT_DIR / FONT_FILES[kind]
    except KeyError:
        raise ValueError(f"unknown font kind {kind!r}; expected one of {', '.join(FONT_FILES)}") from None


def font_paths(mono: bool = False, bold: bool = False) -> tuple[str, str]:
    """(Latin font path, CJK font path) for a weight, as strings. There is no monospace font: numbers
    use Noto Sans, whose figures are tabular by default, so ``mono`` gives the text font."""
    return str(font_path("bold" if bold else "text")), str(font_path("cjk_bold" if bold else "cjk"))


def licence_path(kind: str) -> Path:
    """The licence file that goes with the font of ``kind``."""
    font_path(kind)
    return FONT_DIR / LICENCE_FILES[kind]


def _init() -> None:
    if not pygame.font.get_init():
        pygame.font.init()


@lru_cache(maxsize=128)
def _font(kind: str, size: int) -> pygame.font.Font:
    _init()
    return pygame.font.Font(str(font_path(kind)), max(1, int(size)))


def get_font(size: int, bold: bool = False) -> pygame.font.Font:
    """Noto Sans (regular or bold) at ``size`` pixels, cached. For English text and numbers."""
    return _font("bold" if bold else "text", size)


def get_cjk_font(size: int, bold: bool = False) -> pygame.font.Font:
    """Noto Sans CJK SC (regular or bold) at ``size`` pixels, cached. For Chinese runs."""
    return _font("cjk_bold" if bold else "cjk", size)


def is_cjk(ch: str) -> bool:
    """True when ``ch`` belongs to a CJK block (set in the CJK font)."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


@lru_cache(maxsize=8)
def _face(kind: str):
    import pygame.freetype

    if not pygame.freetype.get_init():
        pygame.freetype.init()
    return pygame.freetype.Font(str(font_path(kind)), 16)


@lru_cache(maxsize=8192)
def has_glyph(kind: str, ch: str) -> bool:
    """True when the bundled font of ``kind`` has a glyph for the character ``ch``."""
    metrics = _face(kind).get_metrics(ch)
    return bool(metrics) and metrics[0] is not None


def missing_glyphs(kind: str, text: str) -> list[str]:
    """The distinct characters of ``text`` (spaces and controls aside) that the font of ``kind`` lacks."""
    return sorted({ch for ch in text if ch.isprintable() and not ch.isspace() and not has_glyph(kind, ch)})


def _latin_has(ch: str) -> bool:
    return has_glyph("text", ch)


def _wants_cjk(ch: str) -> bool:
    if is_cjk(ch):
        return True
    if ord(ch) < 0x80 or ch.isspace():
        return False
    return not _latin_has(ch)


def split_runs(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into runs of (run, is_cjk), in order; joining the runs gives back ``text``.

    Spaces stay with the run they follow, so "Beijing 北京" gives [("Beijing ", False), ("北京", True)].
    """
    runs: list[tuple[str, bool]] = []
    for ch in text:
        cjk = runs[-1][1] if (ch == " " and runs) else _wants_cjk(ch)
        if runs and runs[-1][1] == cjk:
            runs[-1] = (runs[-1][0] + ch, cjk)
        else:
            runs.append((ch, cjk))
    return runs


def has_cjk(text: str) -> bool:
    """True when any character of ``text`` would be set in the CJK font."""
    return any(_wants_cjk(ch) for ch in text)


def line_metrics(size: int, bold: bool = False) -> tuple[int, int]:
    """(height, ascent) of a :func:`render_mixed` line at ``size``: the box holding both fonts."""
    latin, cjk = get_font(size, bold), get_cjk_font(size, bold)
    ascent = max(latin.get_ascent(), cjk.get_ascent())
    descent = max(-latin.get_descent(), -cjk.get_descent())
    return ascent + descent, ascent


def line_height(size: int, bold: bool = False) -> int:
    """Height of one :func:`render_mixed` line (single spacing). Multiply by 1.4-1.5 for body text leading."""
    return line_metrics(size, bold)[0]


def measure_mixed(text: str, size: int, bold: bool = False) -> tuple[int, int]:
    """(width, height) that :func:`render_mixed` would give, without rendering."""
    latin, cjk = get_font(size, bold), get_cjk_font(size, bold)
    width = sum((cjk if is_c else latin).size(run)[0] for run, is_c in split_runs(text))
    return width, line_height(size, bold)


def render_mixed(text: str, size: int, color, bold: bool = False, background=None) -> pygame.Surface:
    """One line of English, Chinese or both, anti-aliased, on one baseline.

    Returns a new per-pixel-alpha surface (or an opaque one filled with ``background``) whose height
    is always :func:`line_height` ``(size, bold)``. Newlines are not handled: wrap first.
    """
    height, ascent = line_metrics(size, bold)
    latin, cjk = get_font(size, bold), get_cjk_font(size, bold)
    pieces = []
    for run, is_c in split_runs(text):
        font = cjk if is_c else latin
        pieces.append((font.render(run, True, color), ascent - font.get_ascent()))
    width = sum(p.get_width() for p, _ in pieces)
    if background is None:
        out = pygame.Surface((max(1, width), height), pygame.SRCALPHA)
    else:
        out = pygame.Surface((max(1, width), height))
        out.fill(background)
    x = 0
    for piece, y in pieces:
        out.blit(piece, (x, y))
        x += piece.get_width()
    return out


def render_with(font: pygame.font.Font, text: str, color) -> pygame.Surface:
    """Render ``text`` with a caller's ``font``; if the text holds CJK, use :func:`render_mixed` at the
    same size and weight instead, so Chinese never shows as empty boxes."""
    if not has_cjk(text):
        return font.render(text, True, color)
    size = getattr(font, "point_size", None) or font.get_height() * 3 // 4
    return render_mixed(text, size, color, bold=bool(font.bold) or _is_bold_file(font))


def size_with(font: pygame.font.Font, text: str) -> tuple[int, int]:
    """The size :func:`render_with` would give."""
    if not has_cjk(text):
        return font.size(text)
    size = getattr(font, "point_size", None) or font.get_height() * 3 // 4
    return measure_mixed(text, size, bold=bool(font.bold) or _is_bold_file(font))


def _is_bold_file(font: pygame.font.Font) -> bool:
    try:
        return "Bold" in (font.style_name or "")
    except (AttributeError, pygame.error):
        return False
