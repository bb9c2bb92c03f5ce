#!/usr/bin/env python3
"""Build the game's bundled fonts: subsets of Noto Sans and Noto Sans CJK SC.

How the files in assets/fonts/ were made, and how to make them again when the story gains new
characters:

    apt-get install -y fonts-noto-core fonts-noto-cjk   # Debian/Ubuntu: the source fonts
    pip install fonttools
    python assets/fonts/build_fonts.py                   # rebuild the four font files
    python assets/fonts/build_fonts.py --check           # only report story characters the fonts lack

Sources (all under the SIL Open Font License 1.1):
  - Noto Sans Regular and Bold, version 2.004 (Debian package fonts-noto-core):
      /usr/share/fonts/truetype/noto/NotoSans-{Regular,Bold}.ttf
  - For the few symbols the game shows that Noto Sans lacks (the minus sign, arrows, circles), the
    same package's Noto Sans Math, Noto Sans Symbols and Noto Sans Symbols 2: their glyphs are merged
    into the Latin subsets, so a "−5 points" or "Beijing → Chengdu" is set in one face.
  - Noto Sans CJK SC Regular and Bold, version 2.004 (Debian package fonts-noto-cjk):
      face "Noto Sans CJK SC" (index 2) of /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc
  Other paths can be given with --latin-dir and --cjk-dir.

What each subset keeps (the "shown" characters are every character of every string the game can
show: the story YAML, translations included, the string literals of the code in game/, and the
gettext catalogs, *.po):
  - Noto Sans (NotoSans-Regular.ttf, NotoSans-Bold.ttf): Latin (Basic, Latin-1, Extended-A and -B,
    Extended Additional; pinyin tone marks are in these), spacing modifiers and combining marks,
    general punctuation, currency, letterlike symbols, arrows, mathematical operators, and every
    other shown character that is not Chinese, from Noto Sans or else from a symbol donor. Standard layout features (kerning,
    ligatures, marks) and hinting are kept.
  - Noto Sans CJK SC (NotoSansSC-Regular.otf, NotoSansSC-Bold.otf): the 3,755 level-1 hanzi of
    GB 2312 (the most common simplified characters, taken from Python's gb2312 codec, so no list is
    downloaded), every shown character, CJK symbols and punctuation (U+3000-303F), full-width forms (U+FF00-FFEF),
    ASCII and the general punctuation used around Chinese text. Only the layout features that
    horizontal Chinese needs are kept (no vertical forms, no Japanese/Korean/Traditional variants),
    which keeps each file under 1 MB.

The font names are unchanged ("Noto Sans", "Noto Sans CJK SC"); the OFL's Reserved Font Name for
the CJK fonts is "Source", which these names do not use. The licence files OFL-NotoSans.txt and
OFL-NotoSansCJK.txt hold each family's copyright line and the full licence text.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
STORY_DIRS = [ROOT / "story", ROOT / "docs" / "example-story"]
CODE_DIR = ROOT / "game"

LATIN_DIR = Path("/usr/share/fonts/truetype/noto")
CJK_DIR = Path("/usr/share/fonts/opentype/noto")
CJK_FACE_SC = "Noto Sans CJK SC"
# Symbols an author reaches for ("−5 points", "Beijing → Chengdu"): the Latin faces always have them,
# even before the story uses them, so a new line of text never shows an empty box.
AUTHOR_SYMBOLS = "−→←↑↓○●✓✗×÷…"
# Where a Latin subset takes the shown symbols Noto Sans lacks, in order of preference (same 1000 UPM).
SYMBOL_DONORS = {
    "NotoSans-Regular.ttf": ["NotoSansMath-Regular.ttf", "NotoSansSymbols-Regular.ttf",
                             "NotoSansSymbols2-Regular.ttf"],
    "NotoSans-Bold.ttf": ["NotoSansSymbols-Bold.ttf", "NotoSansMath-Regular.ttf", "NotoSansSymbols2-Regular.ttf"],
}

OUTPUTS = {
    "text": ("NotoSans-Regular.ttf", "latin", "NotoSans-Regular.ttf"),
    "bold": ("NotoSans-Bold.ttf", "latin", "NotoSans-Bold.ttf"),
    "cjk": ("NotoSansSC-Regular.otf", "cjk", "NotoSansCJK-Regular.ttc"),
    "cjk_bold": ("NotoSansSC-Bold.otf", "cjk", "NotoSansCJK-Bold.ttc"),
}

LATIN_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x02B0, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
    (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF),
    (0xFB00, 0xFB06), (0xFFFD, 0xFFFD),
]
CJK_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x2010, 0x2027), (0x2030, 0x203B), (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]
# Horizontal text only: no 'locl' (it would pull in the Japanese, Korean and Traditional forms) and no
# vertical features.
CJK_FEATURES = ["ccmp", "kern", "liga", "mark", "mkmk", "halt", "palt"]

OFL_HEADER = {
    "latin": "Noto Sans (subset): {copyright}\nhttps://github.com/notofonts/latin-greek-cyrillic\n",
    "cjk": ("Noto Sans CJK SC (subset): {copyright}, with Reserved Font Name 'Source'.\n"
            "https://github.com/notofonts/noto-cjk\n"),
}
LICENCE_FILES = {"latin": "OFL-NotoSans.txt", "cjk": "OFL-NotoSansCJK.txt"}


def story_characters(dirs=STORY_DIRS, code_dir=CODE_DIR) -> set[str]:
    """Every non-ASCII character the game can show: story YAML (comments included) and the story's
    translation catalogs, string literals of the code, and the interface's gettext catalogs."""
    texts: list[str] = []
    for d in dirs:
        if d.is_dir():
            files = sorted(d.rglob("*.yaml")) + sorted(d.rglob("*.yml")) + sorted(d.rglob("*.po"))
            texts += [p.read_text(encoding="utf-8") for p in files]
    if code_dir.is_dir():
        for path in sorted(code_dir.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            texts += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        texts += [p.read_text(encoding="utf-8") for p in sorted(code_dir.rglob("*.po"))]
    return {c for t in texts for c in t if ord(c) > 0x7E and c.isprintable()}


def gb2312_level1() -> set[str]:
    """The 3,755 level-1 hanzi of GB 2312 (rows 16 to 55), decoded with Python's own codec."""
    chars = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def _ranges(ranges) -> set[int]:
    return {cp for lo, hi in ranges for cp in range(lo, hi + 1)}


def load_source(kind: str, filename: str, latin_dir: Path, cjk_dir: Path):
    from fontTools.ttLib import TTCollection, TTFont

    if kind == "latin":
        return TTFont(latin_dir / filename)
    collection = TTCollection(cjk_dir / filename)
    for font in collection.fonts:
        if font["name"].getDebugName(1) == CJK_FACE_SC:
            return font
    raise SystemExit(f"{cjk_dir / filename}: no face named {CJK_FACE_SC!r}")


def wanted_codepoints(kind: str, story: set[str]) -> set[int]:
    if kind == "latin":
        return _ranges(LATIN_RANGES) | {ord(c) for c in story}
    return _ranges(CJK_RANGES) | {ord(c) for c in gb2312_level1()} | {ord(c) for c in story}


def subset_font(font, kind: str, codepoints: set[int], layout: bool = True):
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    if kind == "cjk":
        options.layout_features = CJK_FEATURES
    if not layout:
        options.layout_features = []
    available = set(font.getBestCmap())
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints & available))
    subsetter.subset(font)
    return font


DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")


def ofl_text() -> str:
    """The full SIL OFL 1.1 text: from the Debian package's copyright file (its "License: SIL-1.1"
    block, with Debian's one-space indent and "." blank lines undone), else from the licence file
    already here."""
    if DEBIAN_COPYRIGHT.exists():
        lines = DEBIAN_COPYRIGHT.read_text(encoding="utf-8").splitlines()
        start = len(lines) - lines[::-1].index("License: SIL-1.1")  # the last one holds the text
        body = []
        for line in lines[start:]:
            if not line.startswith(" "):
                break
            body.append("" if line.strip() == "." else line[1:])
        return "\n".join(body).strip("\n") + "\n"
    text = (HERE / LICENCE_FILES["latin"]).read_text(encoding="utf-8")
    return text[text.index("-----"):]


def write_licence(kind: str, font) -> None:
    path = HERE / LICENCE_FILES[kind]
    header = OFL_HEADER[kind].format(copyright=font["name"].getDebugName(0).rstrip("."))
    body = ofl_text()
    path.write_text(header + "\n" + body, encoding="utf-8")


def with_symbols(font, out_name: str, wanted: set[int], latin_dir: Path):
    """The Latin subset with the wanted symbols it lacks merged in from the symbol donors."""
    from fontTools import merge
    from fontTools.ttLib import TTFont

    missing = wanted - set(font.getBestCmap())
    parts = []
    for donor_name in SYMBOL_DONORS.get(out_name, []):
        path = latin_dir / donor_name
        if not missing or not path.exists():
            continue
        donor = TTFont(path)
        take = missing & set(donor.getBestCmap())
        if take:
            subset_font(donor, "latin", take, layout=False)
            parts.append(donor)
            missing -= take
    if not parts:
        return font
    files = []
    for f in [font, *parts]:
        buf = io.BytesIO()
        f.save(buf)
        buf.seek(0)
        files.append(buf)
    merged = merge.Merger().merge(files)
    for table in ("name", "OS/2", "head", "hhea"):  # still Noto Sans: its names and its line metrics
        merged[table] = font[table]
    return merged


def missing_characters(story: set[str]) -> list[str]:
    """Story characters that neither bundled font can draw (ignoring control and format characters)."""
    from fontTools.ttLib import TTFont

    have: set[int] = set()
    for filename, _kind, _src in OUTPUTS.values():
        if (HERE / filename).exists():
            have |= set(TTFont(HERE / filename).getBestCmap())
    return sorted(c for c in story if ord(c) not in have and c.strip())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list story characters the fonts lack")
    parser.add_argument("--latin-dir", type=Path, default=LATIN_DIR)
    parser.add_argument("--cjk-dir", type=Path, default=CJK_DIR)
    args = parser.parse_args(argv)

    story = story_characters()
    if args.check:
        missing = missing_characters(story)
        for c in missing:
            print(f"missing U+{ord(c):04X} {c}")
        print(f"{len(story)} story characters, {len(missing)} missing")
        return 1 if missing else 0

    for out_name, kind, src_name in OUTPUTS.values():
        font = load_source(kind, src_name, args.latin_dir, args.cjk_dir)
        wanted = wanted_codepoints(kind, story)
        subset_font(font, kind, wanted)
        if kind == "latin":
            shown = {ord(c) for c in story} | {ord(c) for c in AUTHOR_SYMBOLS}
            font = with_symbols(font, out_name, shown, args.latin_dir)
        font.recalcTimestamp = False  # keep the source's dates: the same inputs give the same bytes
        font.save(HERE / out_name)
        if out_name in ("NotoSans-Regular.ttf", "NotoSansSC-Regular.otf"):
            write_licence(kind, font)
        print(f"{out_name}: {len(font.getBestCmap())} characters, {(HERE / out_name).stat().st_size:,} bytes")
    missing = missing_characters(story)
    if missing:
        print("story characters no bundled font has: " + " ".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
