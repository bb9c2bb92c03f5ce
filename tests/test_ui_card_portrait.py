"""The ID card's photo is the life's own portrait from the story data (side panel and ID card screen); a life
that names none, or whose file cannot be drawn, gets the plain drawing, without an error page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygame")

import pygame  # noqa: E402

from game.modes.settings import Settings  # noqa: E402
from game.ui import artbridge, pictures  # noqa: E402
from game.ui.idcard import CardPhoto  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
EXAMPLE = ROOT / "docs" / "example-story"

pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture(autouse=True)
def fresh_cache():
    pictures.cache.clear()
    yield
    pictures.cache.clear()


def photos(p: Pilot) -> list[tuple[CardPhoto, pygame.Rect]]:
    """Each card photo on the screen, with the rectangle it is given on the canvas."""
    p.app.ensure_layout()
    found = []

    def walk(item, view) -> None:
        if isinstance(item, CardPhoto):
            found.append((item, item.rect(view.rect.x, view.rect.y - view.offset)))
            return
        for child in [c for c, _ in getattr(item, "cols", [])] + list(getattr(item, "items", [])):
            walk(child, view)

    for v in p.app.top.views:
        walk(v.root, v)
    return found


def open_life(story: Path, life: str, size=(1280, 720)) -> Pilot:
    p = Pilot.start(story, size=size, settings=Settings(reduced_motion=True))
    p.click(key="play")
    p.click(key=f"life:{life}")
    assert p.screen == "play"
    return p


def crop(p: Pilot, rect: pygame.Rect) -> pygame.Surface:
    p.app.dirty = True
    p.step()
    return p.app.canvas.subsurface(rect).copy()


def same(a: pygame.Surface, b: pygame.Surface, tolerance: int = 3) -> bool:
    if a.get_size() != b.get_size():
        return False
    w, h = a.get_size()
    points = [(int(w * fx), int(h * fy)) for fx in (0.2, 0.35, 0.5, 0.65, 0.8) for fy in (0.2, 0.4, 0.6, 0.8)]
    return all(all(abs(x - y) <= tolerance for x, y in zip(a.get_at(pt)[:3], b.get_at(pt)[:3])) for pt in points)


def shown_photo(p: Pilot) -> tuple[CardPhoto, pygame.Surface]:
    (photo, r), = photos(p)
    return photo, crop(p, photo.photo_rect(p.app.ctx, r))


@pytest.mark.parametrize("where", ["panel", "card screen"])
def test_the_card_shows_the_lifes_own_portrait(where):
    seen = {}
    for life in ("wei", "li_xiaolin"):
        p = open_life(STORY, life)
        if where == "card screen":
            p.key("i")
            assert p.screen == "card"
        photo, pixels = shown_photo(p)
        named = p.app.game.story.world.illustrations[p.app.game.life.portrait]
        assert photo.info.portrait == named, "the portrait is the one the life's data names"
        inner = pygame.Rect(0, 0, *pixels.get_size()).inflate(-4, -4)  # inside the photo's frame
        drawn = pictures.picture(named.file, pixels.get_size())
        assert drawn is not None and same(pixels.subsurface(inner), drawn.subsurface(inner))
        assert pixels.get_width() * 4 == pytest.approx(pixels.get_height() * 3, abs=4), "3:4, not stretched"
        assert p.app.errors == []
        seen[life] = pixels
    assert not same(seen["wei"], seen["li_xiaolin"]), "two lives, two different photos"


def test_a_life_without_a_portrait_gets_the_plain_drawing():
    p = open_life(EXAMPLE, "ming")
    assert p.app.game.life.portrait == "" and p.app.game.card().portrait is None
    photo, pixels = shown_photo(p)
    expect = pygame.Surface(pixels.get_size())
    expect.fill(p.app.ctx.theme["card"])
    artbridge.draw_portrait(expect, "ming", expect.get_rect(), p.app.ctx.theme, photo=True, bg_role="card")
    assert same(pixels, expect)
    p.key("i")
    assert p.screen == "card" and len(photos(p)) == 1
    assert p.app.errors == []


def test_a_portrait_that_cannot_be_drawn_falls_back_and_is_reported(tmp_path, monkeypatch):
    folder = tmp_path / "illustrations"
    shutil.copytree(pictures.ILLUSTRATIONS_DIR, folder)
    (folder / "portrait_wei.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16',
                                             encoding="utf-8")  # cut off
    monkeypatch.setattr(pictures, "FOLDER", folder)
    p = open_life(STORY, "wei")
    (photo, r), = photos(p)
    h = min(r.h, int(r.w * 1.25))
    pixels = crop(p, pygame.Rect(r.x, r.y, int(h / 1.25), h))
    expect = pygame.Surface(pixels.get_size())
    expect.fill(p.app.ctx.theme["card"])
    artbridge.draw_portrait(expect, "wei", expect.get_rect(), p.app.ctx.theme, photo=True, bg_role="card")
    assert same(pixels, expect)
    assert p.screen == "play" and any("portrait_wei.svg" in e for e in p.app.errors)
