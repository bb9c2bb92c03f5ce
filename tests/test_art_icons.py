"""The line icons: every service icon draws, inside its rect, at small and large sizes."""

import pygame
import pytest

from game.engine.model import ICONS
from game.ui.art import icons

SIZES = (16, 24, 32, 48, 64)
INK = (28, 28, 30)


def _drawn(name, size, offset=7, color=INK):
    surf = pygame.Surface((size + 2 * offset, size + 2 * offset), pygame.SRCALPHA)
    surf.fill((0, 0, 0, 0))
    rect = pygame.Rect(offset, offset, size, size)
    icons.draw_icon(surf, name, rect, color)
    return surf, rect


def test_icon_names_match_the_engine():
    assert tuple(icons.ICON_NAMES) == tuple(ICONS)
    assert set(icons.ICON_DESCRIPTIONS) == set(ICONS)
    assert all(icons.has_icon(n) for n in ICONS)
    assert not icons.has_icon("no-such-icon")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", list(ICONS) + ["no-such-icon"])
def test_icon_draws_inside_its_rect(name, size):
    surf, rect = _drawn(name, size)
    inside = sum(1 for x in range(rect.left, rect.right) for y in range(rect.top, rect.bottom)
                 if surf.get_at((x, y)).a > 64)
    assert inside >= size * size * 0.06, f"{name} at {size}px is nearly empty ({inside} px)"
    assert inside <= size * size * 0.75, f"{name} at {size}px is a blob ({inside} px)"
    outside = [(x, y) for x in range(surf.get_width()) for y in range(surf.get_height())
               if not rect.collidepoint(x, y) and surf.get_at((x, y)).a > 0]
    assert not outside, f"{name} at {size}px draws outside its rect"


def test_icons_take_the_colour_given():
    surf, rect = _drawn("plane", 48, color=(200, 30, 40))
    solid = [surf.get_at((x, y)) for x in range(rect.left, rect.right) for y in range(rect.top, rect.bottom)
             if surf.get_at((x, y)).a == 255]
    assert solid and all((c.r, c.g, c.b) == (200, 30, 40) for c in solid)


def test_icons_are_distinct():
    seen = {}
    for name in ICONS:
        surf = icons.icon_surface(name, 32, INK)
        key = pygame.image.tobytes(surf, "RGBA")
        assert key not in seen, f"{name} looks exactly like {seen.get(key)}"
        seen[key] = name


def test_icon_surfaces_are_cached_and_rects_need_not_be_square():
    assert icons.icon_surface("train", 24, INK) is icons.icon_surface("train", 24, INK)
    assert icons.icon_surface("train", 24, INK) is not icons.icon_surface("train", 24, (1, 2, 3))
    surf = pygame.Surface((100, 40), pygame.SRCALPHA)
    icons.draw_icon(surf, "bus", pygame.Rect(0, 0, 100, 40), INK)
    assert surf.get_bounding_rect().width <= 40
    icons.draw_icon(surf, "bus", pygame.Rect(0, 0, 2, 2), INK)  # too small: draws nothing, no error
    icons.draw_icon(surf, "bus", pygame.Rect(0, 0, 24, 24), INK, width=1)


def test_stroke_width_is_consistent_and_scales():
    assert icons.default_width(24) == 2.0
    assert icons.default_width(12) == 1.5
    assert icons.default_width(200) == 4.5
