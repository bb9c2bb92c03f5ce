"""Save a screenshot of every screen, to look at: python bench/ui_shots.py OUT_DIR [--story PATH]
[--size 1280x720] [--scale 1.0] [--contrast] [--lang zh]. Runs headless (SDL's dummy video driver)."""

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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--story", default=str(ROOT / "docs" / "example-story"))
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--contrast", action="store_true")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--character", default="")
    ap.add_argument("--choices", default="", help="comma-separated choice numbers to take, e.g. 1,2,1")
    a = ap.parse_args()
    os.environ.setdefault("ON_THE_LIST_HOME", tempfile.mkdtemp(prefix="otl-shots-"))
    from game.modes.settings import Settings
    from game.ui.pilot import Pilot

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    w, h = (int(x) for x in a.size.split("x"))
    settings = Settings(text_scale=a.scale, high_contrast=a.contrast, language=a.lang)
    n = 0

    def shot(p: Pilot, name: str) -> None:
        nonlocal n
        n += 1
        p.screenshot(str(out / f"{n:02d}-{name}.png"))

    p = Pilot.start(a.story, size=(w, h), settings=settings)
    shot(p, "title")
    if p.screen == "error":
        return 0
    p.click("Settings")
    shot(p, "settings")
    p.key("escape")
    p.click("About and sources")
    shot(p, "about")
    p.click(key="tab:sources")
    shot(p, "sources")
    p.click(key="tab:glossary")
    shot(p, "glossary")
    p.key("escape")
    p.click("Play")
    shot(p, "lives")
    life = a.character or next(iter(p.app.game.story.lives))
    p.click(key=f"life:{life}")
    shot(p, "play")
    picks = [c for c in a.choices.split(",") if c]
    for i, c in enumerate(picks):
        p.key(c)
        shot(p, f"play-{i + 1}")
    if not picks:
        p.key("1")
        shot(p, "play-2")
    for key, name in (("j", "journal"), ("h", "history"), ("i", "card")):
        p.key(key)
        shot(p, name)
        p.key("escape")
    p.key("escape")
    shot(p, "pause")
    p.click("Leave to the title screen")
    shot(p, "confirm")
    p.key("escape")
    p.key("escape")
    for _ in range(60):
        if p.app.game.session.ended:
            break
        p.key("1")
    shot(p, "ending")
    if p.has("Read the debrief"):
        p.click("Read the debrief")
        shot(p, "debrief")
        myths = [wd for wd in p.widgets() if wd.key.startswith("myth:") and wd.key.endswith(":myth")]
        if myths:
            p.click(key=myths[0].key)
            shot(p, "debrief-answered")
    print(f"{n} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
