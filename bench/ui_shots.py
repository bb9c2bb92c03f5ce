"""Screenshots of every screen in every configuration, to look at, with a contact sheet per configuration:

    python bench/ui_shots.py OUT_DIR [--story story] [--sizes 1280x720,1024x768] [--scales 1,2]
                                     [--themes normal,contrast] [--langs en,zh] [--no-sheets]

Every screen is reached as a player reaches it (game/ui/tour.py): title, settings, about, sources, glossary,
saves, choose a life, the play screen with a terminal, a notice, a phone app, a letter and a refusal, the
journal, history, ID card and map, the pause menu, an ending, the debrief and its myth-or-fact, the classroom
screens, the kiosk's attract loop, staff PIN pad and "Still there?", and the error screen.
Writes OUT_DIR/<lang>-<size>-<scale>-<theme>/NN-stop.png and OUT_DIR/sheets/<same>.png; prints, per
configuration, the shots whose window reported a layout overflow or an error. Headless (SDL's dummy driver).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THUMB_W = 320  # px: a contact sheet's thumbnails
COLUMNS = 6


def sheet(shots: list[Path], out: Path, title: str) -> None:
    """The shots as thumbnails on one page, each named under it."""
    import pygame

    if not shots:
        return
    first = pygame.image.load(str(shots[0]))
    tw = THUMB_W
    th = tw * first.get_height() // first.get_width()
    font = pygame.font.Font(None, 22)
    label_h, pad, head = 22, 10, 36
    rows = (len(shots) + COLUMNS - 1) // COLUMNS
    page = pygame.Surface((pad + COLUMNS * (tw + pad), head + rows * (th + label_h + pad) + pad))
    page.fill((250, 250, 250))
    page.blit(font.render(title, True, (0, 0, 0)), (pad, 10))
    for i, path in enumerate(shots):
        img = pygame.image.load(str(path))
        x = pad + (i % COLUMNS) * (tw + pad)
        y = head + (i // COLUMNS) * (th + label_h + pad)
        page.blit(pygame.transform.smoothscale(img, (tw, th)), (x, y))
        pygame.draw.rect(page, (120, 120, 120), (x, y, tw, th), 1)
        page.blit(font.render(path.stem, True, (0, 0, 0)), (x, y + th + 3))
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(page, str(out))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--story", default=str(ROOT / "story"))
    ap.add_argument("--sizes", default="1280x720,1024x768")
    ap.add_argument("--scales", default="1,2")
    ap.add_argument("--themes", default="normal,contrast")
    ap.add_argument("--langs", default="en,zh")
    ap.add_argument("--no-sheets", action="store_true")
    a = ap.parse_args()
    home = tempfile.mkdtemp(prefix="otl-shots-")
    os.environ.setdefault("ON_THE_LIST_HOME", home)
    from game import i18n
    from game.modes import kiosk as kiosk_mode
    from game.modes import paths
    from game.modes.settings import Settings
    from game.ui.tour import tour

    out = Path(a.out)
    total = 0
    for lang in a.langs.split(","):
        for size_s in a.sizes.split(","):
            size = tuple(int(x) for x in size_s.split("x"))
            for scale_s in a.scales.split(","):
                scale = float(scale_s)
                for theme in a.themes.split(","):
                    name = f"{lang}-{size_s}-{int(scale * 100)}-{theme}"
                    folder = out / name
                    folder.mkdir(parents=True, exist_ok=True)
                    settings = Settings(text_scale=scale, high_contrast=theme == "contrast", language=lang,
                                        reduced_motion=True)
                    paths.set_writes_enabled(True)  # a kiosk in the tour before switches writing off
                    shots, notes = [], []
                    with tempfile.TemporaryDirectory(prefix="otl-tour-") as work:
                        for n, (stop, p) in enumerate(tour(a.story, size, settings, Path(work)), 1):
                            path = folder / f"{n:02d}-{stop}.png"
                            p.app.ctx.overflow.clear()
                            p.screenshot(str(path))
                            shots.append(path)
                            if p.app.ctx.overflow:
                                notes.append(f"{stop}: overflow {p.app.ctx.overflow[:2]}")
                            if p.app.errors:
                                notes.append(f"{stop}: errors {p.app.errors[-2:]}")
                                p.app.errors.clear()
                    kiosk_mode.close_log()
                    i18n.use("en")
                    if not a.no_sheets:
                        sheet(shots, out / "sheets" / f"{name}.png", name)
                    total += len(shots)
                    print(f"{name}: {len(shots)} shots" + "".join(f"\n  {x}" for x in notes))
    print(f"{total} screenshots in {out}" + ("" if a.no_sheets else f", contact sheets in {out / 'sheets'}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
