"""Every screen renders at 1280x720, 800x600 and 1920x1080, at 100% and 200% text, in both themes,
with no text outside its box and no control outside the window; targets are at least 44 px."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygame")

from game.modes.settings import Settings  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402
from game.ui.scroll import ScrollButton  # noqa: E402
from game.ui.widgets import Button  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
SIZES = [(1280, 720), (800, 600), (1920, 1080)]


pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Path]:
    """The example story with its terminal node drawn as each kind of system screen."""
    out = {"terminal": EXAMPLE}
    for screen in ("notice", "app", "letter"):
        d = tmp_path_factory.mktemp(screen) / "story"
        shutil.copytree(EXAMPLE, d)
        life = d / "lives" / "ming.yaml"
        text = life.read_text(encoding="utf-8").replace("screen: terminal", f"screen: {screen}", 1)
        if screen != "app":
            text = text.replace("kind: system", "kind: document", 1)
        life.write_text(text, encoding="utf-8")
        out[screen] = d
    return out


def check(p: Pilot, where: str, seen: set[str], small: list[str] | None = None) -> None:
    """The screen as drawn: no overflow, nothing outside the window, no error; with ``small``, every target
    smaller than 44x44 px is added to it."""
    p.app.dirty = True
    p.step()
    app = p.app
    seen.add(p.screen)
    assert app.ctx.overflow == [], f"{where}: {app.ctx.overflow}"
    cw, ch = app.ctx.size
    for top in app.visible_screens():
        for v in top.views:
            assert v.rect.right <= cw + 1 and v.rect.left >= -1, f"{where}: view {v.name} {v.rect} outside {cw}"
            for w in v.widgets():
                assert w.rect.left >= -1 and w.rect.right <= cw + 1, f"{where}: {w.key} {w.rect} wider than {cw}"
                if not v.scrollable:
                    assert w.rect.bottom <= ch + 1, f"{where}: {w.key} {w.rect} below the window"
    assert app.errors == [], app.errors
    if small is not None:
        small += [f"{where}: {w.key} is {w.rect.w}x{w.rect.h}" for w in targets(p)
                  if w.rect.w < 44 or w.rect.h < 44]


def targets(p: Pilot) -> list:
    """What a finger can press on the screen: controls, scroll buttons, and disabled choices (a tap says
    why they are disabled)."""
    return [w for w in p.widgets() if w.interactive or isinstance(w, (ScrollButton, Button))]


def tour(story: Path, size: tuple[int, int], settings: Settings, small: list[str] | None = None) -> set[str]:
    """Every screen of the example story, each checked as drawn (see check)."""
    seen: set[str] = set()
    tag = f"{size} {settings.text_scale} {'hc' if settings.high_contrast else 'paper'}"
    p = Pilot.start(story, size=size, settings=settings)

    check(p, f"title {tag}", seen, small)
    p.click("Settings")
    check(p, f"settings {tag}", seen, small)
    p.key("escape")
    p.click("About and sources")
    for tab in ("about", "sources", "glossary"):
        p.click(key=f"tab:{tab}")
        check(p, f"about/{tab} {tag}", seen, small)
    p.key("escape")
    p.click("Saved games")
    check(p, f"saves {tag}", seen, small)
    p.key("escape")
    p.click("Play")
    check(p, f"lives {tag}", seen, small)
    p.click(key="life:ming")
    check(p, f"play/station {tag}", seen, small)
    p.key("1")
    check(p, f"play/refused {tag}", seen, small)
    for key, name in (("j", "journal"), ("h", "history"), ("i", "card")):
        p.key(key)
        check(p, f"{name} {tag}", seen, small)
        p.key("escape")
    p.click("See the sources")
    check(p, f"sources {tag}", seen, small)
    p.key("escape")
    p.key("escape")
    check(p, f"pause {tag}", seen, small)
    p.click("Save or load")
    check(p, f"saves/play {tag}", seen, small)
    p.click(key="save:1")
    check(p, f"saves/saved {tag}", seen, small)
    p.key("escape")
    p.key("escape")
    p.click("Leave to the title screen")
    check(p, f"confirm {tag}", seen, small)
    p.click("Stay")
    p.key("escape")
    p.key("2")
    check(p, f"play/slow {tag}", seen, small)
    p.key("1")
    check(p, f"play/ending {tag}", seen, small)
    p.click("Read the debrief")
    check(p, f"debrief {tag}", seen, small)
    p.click(key="myth:one_score:fact")
    check(p, f"debrief/answered {tag}", seen, small)
    return seen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["100", "200"])
def test_every_screen_fits(size, scale):
    small: list[str] = []
    seen = tour(EXAMPLE, size, Settings(text_scale=scale), small)
    assert {"title", "settings", "about", "saves", "lives", "play", "journal", "history", "card", "sources",
            "pause", "confirm", "debrief"} <= seen
    assert small == []  # at every size, 800x600 included


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_touch_targets_are_at_least_44px(size):
    """Measured on the drawn screens of a whole tour, not from a constant: every control, scroll button
    and disabled choice is at least 44x44 window pixels."""
    small: list[str] = []
    seen = tour(EXAMPLE, size, Settings(), small)
    assert {"title", "settings", "about", "saves", "lives", "play", "journal", "card", "pause", "debrief"} <= seen
    assert small == []


def test_high_contrast_theme_renders():
    tour(EXAMPLE, (1280, 720), Settings(text_scale=1.5, high_contrast=True))


@pytest.mark.parametrize("screen", ["notice", "app", "letter"])
@pytest.mark.parametrize("size,scale", [((1280, 720), 1.0), ((800, 600), 2.0), ((1920, 1080), 2.0)])
def test_system_screens_fit(variants, screen, size, scale):
    seen: set[str] = set()
    p = Pilot.start(variants[screen], size=size, settings=Settings(text_scale=scale), character="ming")
    check(p, f"{screen} {size} {scale}", seen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_mode_screens_fit(size, tmp_path):
    seen: set[str] = set()
    small: list[str] = []  # the kiosk is touch-first: its targets are measured at every size
    for scale in (1.0, 2.0):
        p = Pilot.start(EXAMPLE, size=size, settings=Settings(text_scale=scale), classroom=True)
        check(p, f"teacher {size} {scale}", seen, small)
        p = Pilot.start(EXAMPLE, size=size, settings=Settings(text_scale=scale), kiosk=True)
        p.app.apply_settings(Settings(text_scale=scale), save=False)
        check(p, f"attract {size} {scale}", seen, small)
        p.tap("Touch to begin")
        check(p, f"kiosk lives {size} {scale}", seen, small)
        p.tap(key="life:ming")
        p.step(1, dt=95)  # past the idle time: "Still there?"
        check(p, f"still there {size} {scale}", seen, small)
        bad = tmp_path / f"bad{scale}"
        if not bad.exists():
            shutil.copytree(EXAMPLE, bad)
            (bad / "sources.yaml").write_text("sources: [\n", encoding="utf-8")
        p = Pilot.start(bad, size=size, settings=Settings(text_scale=scale))
        check(p, f"error {size} {scale}", seen, small)
    assert {"teacher", "attract", "lives", "still_there", "error"} <= seen
    assert small == []


def test_typewriter_frame_fits():
    seen: set[str] = set()
    p = Pilot.start(EXAMPLE, settings=Settings(text_speed=25, text_scale=2.0), character="ming")
    p.step(1, dt=0.3)
    check(p, "typewriter", seen)
