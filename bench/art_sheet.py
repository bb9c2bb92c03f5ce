"""Render contact sheets of the game's drawn pictures, to look at them.

    python bench/art_sheet.py [OUTDIR [PART ...]]   # default OUTDIR: /tmp/art_sheet; PART: icons, map, ...

Writes PART_THEME.png for each part (icons, map, chart, portraits, seal, fonts) and theme (paper, contrast).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from game.ui.art import china_map, fonts, icons, points_chart, portraits, seal  # noqa: E402

PAPER = {
    "bg": (246, 242, 232), "ink": (28, 28, 30), "muted": (98, 94, 88), "accent": (178, 34, 34),
    "panel": (236, 230, 216), "line": (190, 182, 168),
}
CONTRAST = {
    "bg": (0, 0, 0), "ink": (255, 255, 255), "muted": (220, 220, 220), "accent": (255, 214, 0),
    "panel": (24, 24, 24), "line": (160, 160, 160),
}

PLACES = [("Beijing", 39.90, 116.40), ("Chengdu", 30.66, 104.06), ("Guangdong", 23.13, 113.26),
          ("Rongcheng", 37.16, 122.49), ("Weihai", 37.51, 122.12), ("Shanghai", 31.23, 121.47)]
JOURNEYS = [((39.90, 116.40), (30.66, 104.06), "1,800 km, 20 hours by slow train"),
            ((23.13, 113.26), (39.90, 116.40), "2,100 km, 8 hours by high-speed train")]
GRADES = [("AAA", 1050, "A+++"), ("AA", 1030, None), ("A", 960, None), ("B", 850, None), ("C", 600, None),
          ("D", 0, None)]
LOG = [
    {"date": "2018-03-02", "points": 1005, "change": 5, "reason": "Blood donation"},
    {"date": "2018-04-10", "points": 995, "change": -10, "reason": "Traffic offence"},
    {"date": "2018-04-28", "points": 1025, "change": 30, "reason": "Volunteering award"},
    {"date": "2018-06-15", "points": 1035, "change": 10, "reason": "Helping a neighbour"},
    {"date": "2018-07-01", "points": 1055, "change": 20, "reason": "Model family"},
    {"date": "2018-09-20", "points": 1005, "change": -50, "reason": "Late loan repayment"},
    {"date": "2018-11-05", "points": 955, "change": -50, "reason": "Court judgment unpaid"},
]


def label(surf, text, pos, color, size=16, bold=False):
    surf.blit(fonts.render_mixed(text, size, color, bold=bold), pos)


def icon_sheet(colors) -> pygame.Surface:
    names = list(icons.ICON_NAMES) + ["unknown-name"]
    cols, cw, ch = 6, 200, 112
    rows = (len(names) + cols - 1) // cols
    sheet = pygame.Surface((cols * cw + 10, rows * ch + 10))
    sheet.fill(colors["bg"])
    for i, n in enumerate(names):
        x, y = 10 + (i % cols) * cw, 10 + (i // cols) * ch
        label(sheet, n, (x, y), colors["muted"], 14)
        icons.draw_icon(sheet, n, pygame.Rect(x, y + 26, 64, 64), colors["ink"])
        icons.draw_icon(sheet, n, pygame.Rect(x + 76, y + 26, 32, 32), colors["ink"])
        icons.draw_icon(sheet, n, pygame.Rect(x + 76, y + 66, 24, 24), colors["ink"])
        icons.draw_icon(sheet, n, pygame.Rect(x + 116, y + 66, 24, 24), colors["accent"])
        icons.draw_icon(sheet, n, pygame.Rect(x + 150, y + 70, 16, 16), colors["ink"])
    return sheet


def map_sheet(colors) -> pygame.Surface:
    sheet = pygame.Surface((1200, 520))
    sheet.fill(colors["bg"])
    f = fonts.get_font(16)
    big = pygame.Rect(10, 10, 700, 500)
    china_map.draw_map(sheet, big, PLACES, JOURNEYS, colors, f)
    pygame.draw.rect(sheet, colors["line"], big, 1)
    small = pygame.Rect(730, 10, 300, 220)
    china_map.draw_map(sheet, small, PLACES[:2], JOURNEYS[:1], colors, fonts.get_font(13))
    pygame.draw.rect(sheet, colors["line"], small, 1)
    tall = pygame.Rect(730, 250, 220, 260)
    china_map.draw_map(sheet, tall, [("Beijing 北京", 39.9, 116.4), ("Chengdu 成都", 30.66, 104.06)], JOURNEYS[:1],
                       colors, fonts.get_font(14))
    pygame.draw.rect(sheet, colors["line"], tall, 1)
    return sheet


def chart_sheet(colors) -> pygame.Surface:
    sheet = pygame.Surface((1200, 720))
    sheet.fill(colors["bg"])
    r1 = pygame.Rect(10, 10, 760, 380)
    points_chart.draw_points_chart(sheet, r1, LOG, 1000, GRADES, colors, fonts.get_font(15))
    pygame.draw.rect(sheet, colors["line"], r1, 1)
    r2 = pygame.Rect(790, 10, 400, 260)
    points_chart.draw_points_chart(sheet, r2, [], 1000, GRADES, colors, fonts.get_font(14))
    pygame.draw.rect(sheet, colors["line"], r2, 1)
    r3 = pygame.Rect(10, 410, 560, 300)
    deep = LOG + [{"date": "2019-02-01", "points": 840, "change": -115, "reason": "Listed by a court"}]
    points_chart.draw_points_chart(sheet, r3, deep, 1000, GRADES, colors, fonts.get_font(14))
    pygame.draw.rect(sheet, colors["line"], r3, 1)
    r4 = pygame.Rect(590, 410, 320, 200)
    points_chart.draw_points_chart(sheet, r4, LOG[:2], 1000, GRADES, colors, fonts.get_font(12))
    pygame.draw.rect(sheet, colors["line"], r4, 1)
    return sheet


def portrait_sheet(colors) -> pygame.Surface:
    seeds = ["wei", "li_xiaolin", "rongcheng", "ming", "clerk", "judge", "neighbour", "colleague"]
    sheet = pygame.Surface((20 + 170 * len(seeds), 420))
    sheet.fill(colors["bg"])
    for i, s in enumerate(seeds):
        r = pygame.Rect(20 + i * 170, 20, 150, 190)
        portraits.draw_portrait(sheet, r, s, colors)
        label(sheet, s, (r.x, r.bottom + 6), colors["muted"], 14)
        small = pygame.Rect(20 + i * 170, 250, 72, 90)
        portraits.draw_id_card_photo(sheet, small, s, colors)
        tiny = pygame.Rect(110 + i * 170, 250, 40, 50)
        portraits.draw_id_card_photo(sheet, tiny, s, colors)
    return sheet


def seal_sheet(colors) -> pygame.Surface:
    sheet = pygame.Surface((520, 220))
    sheet.fill(colors["bg"])
    label(sheet, "The court finds that the judgment has not been performed.", (10, 90), colors["ink"], 14)
    seal.draw_seal(sheet, (120, 110), 90, (196, 30, 36))
    seal.draw_seal(sheet, (330, 110), 60, (196, 30, 36))
    seal.draw_seal(sheet, (460, 110), 30, (196, 30, 36))
    return sheet


def font_sheet(colors) -> pygame.Surface:
    sheet = pygame.Surface((900, 260))
    sheet.fill(colors["bg"])
    y = 10
    for size, bold in ((24, False), (24, True), (32, False), (18, False)):
        sheet.blit(fonts.render_mixed("List of Dishonest Persons (失信被执行人名单), 2016-05-10: ¥3,000", size,
                                      colors["ink"], bold), (10, y))
        y += int(fonts.line_height(size) * 1.4)
    sheet.blit(fonts.render_mixed("Pinyin: shīxìn bèi zhíxíngrén míngdān — “联合惩戒”。", 24, colors["ink"]), (10, y))
    return sheet


def stack(sheets, bg) -> pygame.Surface:
    w = max(s.get_width() for s in sheets)
    h = sum(s.get_height() for s in sheets) + 10 * len(sheets)
    out = pygame.Surface((w, h))
    out.fill(bg)
    y = 0
    for s in sheets:
        out.blit(s, (0, y))
        y += s.get_height() + 10
    return out


def main(argv) -> int:
    out = Path(argv[1] if len(argv) > 1 else "/tmp/art_sheet")
    out.mkdir(parents=True, exist_ok=True)
    pygame.font.init()
    only = set(argv[2:])
    for theme_name, colors in (("paper", PAPER), ("contrast", CONTRAST)):
        parts = {"icons": icon_sheet, "map": map_sheet, "chart": chart_sheet, "portraits": portrait_sheet,
                 "seal": seal_sheet, "fonts": font_sheet}
        for name, make in parts.items():
            if only and name not in only:
                continue
            pygame.image.save(make(colors), str(out / f"{name}_{theme_name}.png"))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
