"""The map of China: the outline, the projection, and labels that stay inside their rect."""

import json
from pathlib import Path

import pygame
import pytest
import yaml

from game.ui.art import china_map, fonts

ROOT = Path(__file__).resolve().parent.parent
COLORS = {"bg": (246, 242, 232), "ink": (28, 28, 30), "accent": (178, 34, 34)}
BEIJING, CHENGDU, GUANGDONG = (39.90, 116.40), (30.66, 104.06), (23.13, 113.26)
PLACES = [("Beijing", *BEIJING), ("Chengdu", *CHENGDU), ("Guangdong", *GUANGDONG), ("Rongcheng", 37.16, 122.49),
          ("Weihai", 37.51, 122.12), ("Shanghai", 31.23, 121.47)]
JOURNEYS = [(BEIJING, CHENGDU, "1,800 km, 20 hours by slow train"),
            (GUANGDONG, BEIJING, "2,100 km, 8 hours by high-speed train")]
RECTS = [pygame.Rect(0, 0, 640, 480), pygame.Rect(13, 21, 300, 200), pygame.Rect(5, 5, 180, 320),
         pygame.Rect(40, 30, 900, 260), pygame.Rect(0, 0, 1280, 720)]


def story_places():
    doc = yaml.safe_load((ROOT / "story" / "world" / "places.yaml").read_text(encoding="utf-8"))
    return [(p["name"], p["lat"], p["lon"]) for p in doc["places"]]


def inside_polygon(x, y, poly):
    hit = False
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def test_outline_file_documents_how_it_was_made():
    doc = json.loads((ROOT / "assets" / "art" / "china_outline.json").read_text(encoding="utf-8"))
    assert "by hand" in doc["note"] and "not traced or copied" in doc["note"]
    shapes = {s["name"]: s for s in doc["shapes"]}
    assert 60 <= len(shapes["mainland"]["points"]) <= 250
    for s in doc["shapes"]:
        for lon, lat in s["points"]:
            assert 70 < lon < 136 and 15 < lat < 54


def test_story_places_lie_on_the_mainland():
    mainland = [pts for name, _role, pts in china_map.outline() if name == "mainland"][0]
    for name, lat, lon in story_places():
        assert inside_polygon(lon, lat, list(mainland)), f"{name} falls outside the outline"


@pytest.mark.parametrize("rect", RECTS)
def test_projection_fits_the_rect(rect):
    proj = china_map.fit_projection(rect, PLACES)
    for _name, _role, shape in china_map.outline():
        for lon, lat in shape:
            x, y = proj(lat, lon)
            assert rect.left - 0.5 <= x <= rect.right + 0.5 and rect.top - 0.5 <= y <= rect.bottom + 0.5
    for _name, lat, lon in PLACES + story_places():
        assert rect.collidepoint(proj(lat, lon))
    # north is up and east is right
    bx, by = proj(*BEIJING)
    cx, cy = proj(*CHENGDU)
    assert bx > cx and by < cy


@pytest.mark.parametrize("rect", RECTS)
@pytest.mark.parametrize("size", [12, 16, 22])
def test_labels_stay_inside_the_rect(rect, size):
    font = fonts.get_font(size)
    places = PLACES + [("Beijing 北京", *BEIJING)]
    layout = china_map.layout_map(rect, places, JOURNEYS, font)
    assert len(layout.dots) == len(places) and len(layout.labels) == len(places)
    for label in layout.labels + [j.label for j in layout.journeys]:
        assert rect.contains(label.rect), (label.text, label.rect, rect)
    for _name, (x, y) in layout.dots:
        assert rect.collidepoint(x, y)


def test_journey_labels_wrap_and_do_not_overlap_city_labels_when_there_is_room():
    font = fonts.get_font(16)
    rect = pygame.Rect(0, 0, 700, 500)
    layout = china_map.layout_map(rect, PLACES[:2], JOURNEYS[:1], font)
    label = layout.journeys[0].label
    assert label.lines == ["1,800 km, 20 hours by slow train"] or label.lines[0] == "1,800 km,"
    for city in layout.labels:
        assert not city.rect.colliderect(label.rect)
    small = china_map.layout_map(pygame.Rect(0, 0, 220, 260), PLACES[:2], JOURNEYS[:1], fonts.get_font(14))
    assert small.journeys[0].label.lines == ["1,800 km,", "20 hours by slow train"]


@pytest.mark.parametrize("rect", RECTS[:3])
def test_draw_map_draws_only_inside_its_rect(rect):
    surf = pygame.Surface((rect.right + 30, rect.bottom + 30))
    sentinel = (1, 2, 3)
    surf.fill(sentinel)
    china_map.draw_map(surf, rect, PLACES, JOURNEYS, COLORS, fonts.get_font(14))
    w, h = surf.get_size()
    for x in range(0, w, 3):
        for y in range(0, h, 3):
            if not rect.collidepoint(x, y):
                assert tuple(surf.get_at((x, y)))[:3] == sentinel
    changed = sum(1 for x in range(rect.left, rect.right, 4) for y in range(rect.top, rect.bottom, 4)
                  if tuple(surf.get_at((x, y)))[:3] != sentinel)
    assert changed > 0.2 * (rect.width // 4) * (rect.height // 4)


def test_draw_map_handles_no_places_and_tiny_rects_and_keeps_the_clip():
    surf = pygame.Surface((300, 200))
    surf.set_clip(pygame.Rect(0, 0, 250, 200))
    china_map.draw_map(surf, pygame.Rect(0, 0, 300, 200), [], [], {}, fonts.get_font(12))
    assert surf.get_clip() == pygame.Rect(0, 0, 250, 200)
    china_map.draw_map(surf, pygame.Rect(0, 0, 4, 4), PLACES, JOURNEYS, COLORS, fonts.get_font(12))
    china_map.draw_map(surf, pygame.Rect(0, 0, 60, 40), PLACES, JOURNEYS, COLORS, fonts.get_font(12))
