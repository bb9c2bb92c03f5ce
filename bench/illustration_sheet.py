"""Render every scene illustration and portrait into one contact sheet, to look at them as a set.

    python bench/illustration_sheet.py [OUT.png] [--full DIR] [--fallback]

OUT.png (default /tmp/illustration_sheet.png) gets a grid of every picture in
assets/illustrations/index.yaml, grouped by life, each with its id under it. ``--full DIR`` also
writes each picture alone at 1280x720 (portraits at 540x720) into DIR. ``--fallback`` loads the
pictures the way pygame without ``load_sized_svg`` must (natural size, then smoothscale), to compare.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402
import yaml  # noqa: E402

from game.ui.art import fonts  # noqa: E402

FOLDER = ROOT / "assets" / "illustrations"
BG, INK, MUTED = (246, 242, 232), (28, 28, 30), (98, 94, 88)
CELL_W, CELL_H, PAD, LABEL_H = 480, 270, 16, 26


def load(path: Path, size: tuple[int, int], fallback: bool = False) -> pygame.Surface:
    """The picture at ``size``: sized SVG rendering when pygame has it, else natural size scaled."""
    if not fallback and hasattr(pygame.image, "load_sized_svg"):
        return pygame.image.load_sized_svg(str(path), size)
    return pygame.transform.smoothscale(pygame.image.load(str(path)), size)


def fit(entry: dict, box: tuple[int, int]) -> tuple[int, int]:
    """The largest size with the picture's own aspect ratio that fits ``box``."""
    aw, ah = entry.get("aspect", [16, 9])
    scale = min(box[0] / aw, box[1] / ah)
    return round(aw * scale), round(ah * scale)


def sheet(entries: list[dict], fallback: bool) -> pygame.Surface:
    lives = []
    for e in entries:
        if e["life"] not in lives:
            lives.append(e["life"])
    cols = 4
    rows = []
    for life in lives:
        group = [e for e in entries if e["life"] == life]
        rows.append((life, None))
        rows.extend((life, group[i:i + cols]) for i in range(0, len(group), cols))
    heading_h = 40
    height = PAD + sum(heading_h if g is None else CELL_H + LABEL_H + PAD for _, g in rows)
    surf = pygame.Surface((PAD + cols * (CELL_W + PAD), height))
    surf.fill(BG)
    y = PAD
    for life, group in rows:
        if group is None:
            surf.blit(fonts.render_mixed(life, 24, INK, bold=True), (PAD, y + 6))
            y += heading_h
            continue
        for i, e in enumerate(group):
            x = PAD + i * (CELL_W + PAD)
            w, h = fit(e, (CELL_W, CELL_H))
            pic = load(FOLDER / e["file"], (w, h), fallback)
            surf.blit(pic, (x + (CELL_W - w) // 2, y))
            pygame.draw.rect(surf, MUTED, (x + (CELL_W - w) // 2, y, w, h), 1)
            surf.blit(fonts.render_mixed(e["id"], 16, MUTED), (x, y + CELL_H + 4))
        y += CELL_H + LABEL_H + PAD
    return surf


def main(argv: list[str]) -> int:
    fallback = "--fallback" in argv
    full = argv[argv.index("--full") + 1] if "--full" in argv else None
    rest = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] != "--full")]
    out = Path(rest[0]) if rest else Path("/tmp/illustration_sheet.png")
    pygame.init()
    index = yaml.safe_load((FOLDER / "index.yaml").read_text(encoding="utf-8"))
    entries = index["pictures"]
    pygame.image.save(sheet(entries, fallback), str(out))
    print(f"wrote {out} ({len(entries)} pictures)")
    if full:
        Path(full).mkdir(parents=True, exist_ok=True)
        for e in entries:
            size = fit(e, (1280, 720))
            pygame.image.save(load(FOLDER / e["file"], size, fallback), str(Path(full) / f"{e['id']}.png"))
        print(f"wrote {len(entries)} full-size pictures to {full}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
