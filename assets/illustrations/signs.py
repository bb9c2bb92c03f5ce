"""Write the signage of the scene illustrations as outlines, because pygame cannot draw SVG text.

    python assets/illustrations/signs.py            # rewrite every sign in assets/illustrations/*.svg
    python assets/illustrations/signs.py --check    # exit 1 if a sign's outlines are out of date

pygame-ce reads SVG with nanosvg, which ignores ``<text>``. So a sign such as 售票处 is written in the
SVG as an empty group that names its words, and this script fills the group with the outlines of
those words, taken from the project's bundled Noto Sans CJK SC subset (assets/fonts/, SIL OFL 1.1):

    <g data-sign="售票处" data-x="800" data-y="140" data-size="64" data-anchor="middle"
       data-weight="bold" fill="#F6F2E8"></g>

``data-x``/``data-y`` give the start (or middle, or end: ``data-anchor``) of the baseline in viewBox
units, ``data-size`` the em size, ``data-spacing`` extra space between characters in em (default 0).
The group keeps its attributes, so the words stay readable in the file and can be changed and
re-run. Outlines are rounded to whole units (a 1600-unit-wide picture is never shown much larger), which
keeps a five-character sign near 2 KB.

Needs fontTools (``pip install fonttools``); the game and the tests do not.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "fonts"
FONT_FILES = {"regular": "NotoSansSC-Regular.otf", "bold": "NotoSansSC-Bold.otf"}

SIGN = re.compile(r'(<g\b[^>]*\bdata-sign="([^"]*)"[^>]*>)(.*?)(</g>)', re.S)
ATTR = re.compile(r'\b(data-[a-z]+)="([^"]*)"')

_fonts: dict = {}


def _font(weight: str):
    from fontTools.ttLib import TTFont

    if weight not in _fonts:
        _fonts[weight] = TTFont(FONTS / FONT_FILES[weight])
    return _fonts[weight]


def _num(v: float) -> str:
    s = str(round(v))
    return "0" if s == "-0" else s


def outline(text: str, x: float, y: float, size: float, anchor: str = "start", weight: str = "regular",
            spacing: float = 0.0) -> str:
    """The path data of ``text`` set on a baseline at (x, y), ``size`` units to the em."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    font = _font(weight)
    cmap, glyphs, hmtx = font.getBestCmap(), font.getGlyphSet(), font["hmtx"]
    scale = size / font["head"].unitsPerEm
    names = []
    for ch in text:
        if ord(ch) not in cmap:
            raise SystemExit(f"signs.py: {ch!r} is not in {FONT_FILES[weight]}")
        names.append(cmap[ord(ch)])
    advances = [hmtx[n][0] * scale + spacing * size for n in names]
    width = sum(advances) - (spacing * size if names else 0)
    pen_x = x - {"start": 0, "middle": width / 2, "end": width}[anchor]
    svg = SVGPathPen(glyphs, ntos=_num)
    for name, adv in zip(names, advances):
        glyphs[name].draw(TransformPen(svg, (scale, 0, 0, -scale, pen_x, y)))
        pen_x += adv
    return svg.getCommands()


def fill_signs(svg_text: str) -> str:
    """The SVG text with every ``data-sign`` group's outlines rewritten."""
    def repl(m: re.Match) -> str:
        a = dict(ATTR.findall(m.group(1)))
        d = outline(a["data-sign"], float(a["data-x"]), float(a["data-y"]), float(a["data-size"]),
                    a.get("data-anchor", "start"), a.get("data-weight", "regular"),
                    float(a.get("data-spacing", "0")))
        return f'{m.group(1)}<path d="{d}"/>{m.group(4)}'
    return SIGN.sub(repl, svg_text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path in sorted(HERE.glob("*.svg")):
        old = path.read_text(encoding="utf-8")
        new = fill_signs(old)
        if new != old:
            stale.append(path.name)
            if not check:
                path.write_text(new, encoding="utf-8")
    for name in stale:
        print(("out of date: " if check else "rewrote: ") + name)
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
