"""Portraits, the ID card photo and the court seal."""

import pygame
import pytest

from game.ui.art import palette, portraits, seal

COLORS = {"bg": (246, 242, 232), "ink": (28, 28, 30)}
DARK = {"bg": (0, 0, 0), "ink": (255, 255, 255), "accent": (255, 214, 0)}


def _draw(fn, rect, seed, colors=COLORS, pad=10):
    surf = pygame.Surface((rect.right + pad, rect.bottom + pad))
    surf.fill((1, 2, 3))
    fn(surf, rect, seed, colors)
    return surf


def _outside_untouched(surf, rect):
    return all(tuple(surf.get_at((x, y)))[:3] == (1, 2, 3) for x in range(surf.get_width())
               for y in range(surf.get_height()) if not rect.collidepoint(x, y))


@pytest.mark.parametrize("fn", [portraits.draw_portrait, portraits.draw_id_card_photo])
@pytest.mark.parametrize("size", [(40, 50), (72, 90), (150, 190), (200, 150)])
def test_portraits_draw_inside_their_rect(fn, size):
    rect = pygame.Rect((7, 9), size)
    surf = _draw(fn, rect, "wei")
    assert _outside_untouched(surf, rect)
    colours = {tuple(surf.get_at((x, y)))[:3] for x in range(rect.left, rect.right, 2)
               for y in range(rect.top, rect.bottom, 2)}
    assert len(colours) > 6


def test_portraits_are_deterministic_and_vary_with_the_seed():
    rect = pygame.Rect(0, 0, 90, 110)
    a = pygame.image.tobytes(_draw(portraits.draw_portrait, rect, "li_xiaolin"), "RGB")
    portraits._CACHE.clear()
    b = pygame.image.tobytes(_draw(portraits.draw_portrait, rect, "li_xiaolin"), "RGB")
    assert a == b
    c = pygame.image.tobytes(_draw(portraits.draw_portrait, rect, "rongcheng"), "RGB")
    assert a != c
    traits = [portraits.portrait_traits(f"person{i}") for i in range(40)]
    assert len({t.hair for t in traits}) >= 4 and len({t.collar for t in traits}) >= 3
    assert len({t.skin for t in traits}) >= 3
    assert portraits.portrait_traits("x") == portraits.portrait_traits("x")
    assert all(t.hair in portraits.HAIRS and t.collar in portraits.COLLARS for t in traits)


def test_portraits_follow_the_theme():
    rect = pygame.Rect(0, 0, 80, 100)
    light = _draw(portraits.draw_portrait, rect, "wei", COLORS)
    dark = _draw(portraits.draw_portrait, rect, "wei", DARK)
    # the card's corner tint follows the background
    assert sum(light.get_at((8, 8))[:3]) > sum(dark.get_at((8, 8))[:3])


@pytest.mark.parametrize("radius", [8, 30, 90])
def test_seal_is_round_red_and_centred(radius):
    size = radius * 2 + 40
    surf = pygame.Surface((size, size))
    surf.fill((255, 255, 255))
    centre = (size // 2, size // 2)
    seal.draw_seal(surf, centre, radius, (196, 30, 36))
    box = pygame.Rect(0, 0, 0, 0)
    reds = [(x, y) for x in range(size) for y in range(size)
            if surf.get_at((x, y)).r > 150 and surf.get_at((x, y)).g < 140]
    assert reds
    box = pygame.Rect(min(x for x, _ in reds), min(y for _, y in reds), 1, 1)
    box.union_ip(pygame.Rect(max(x for x, _ in reds), max(y for _, y in reds), 1, 1))
    assert abs(box.centerx - centre[0]) <= 2 and abs(box.centery - centre[1]) <= 2
    assert abs(box.width / 2 - radius) <= 2
    # the ring is drawn at the top of the seal; a point between ring and star is paper or a mark
    assert surf.get_at((centre[0], centre[1] - radius + 1)).r > 150


def test_palette_fills_in_missing_colours():
    full = palette.resolve({"bg": (0, 0, 0), "text": (255, 255, 255)})
    assert full["ink"] == (255, 255, 255)
    for key in ("muted", "accent", "land", "coast", "grid", "band", "seal", "photo_bg", "skin"):
        assert len(full[key]) == 3
    assert palette.contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert palette.resolve(None)["bg"] == palette.PAPER_BG


def test_palette_reads_theme_objects_and_hex_strings():
    class Theme:
        colors = {"bg": (10, 10, 10), "ink": (250, 250, 250)}

        def __getitem__(self, role):
            return self.colors[role]

    assert palette.resolve(Theme())["bg"] == (10, 10, 10)
    assert palette.resolve({"bg": "#F3EEE4", "ink": "#1F1D1A"})["bg"] == (0xF3, 0xEE, 0xE4)
