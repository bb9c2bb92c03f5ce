"""The points chart: grade bands with their labels, a step line, signed markers, any log."""

import datetime as dt

import pygame
import pytest

from game.ui.art import fonts, points_chart

COLORS = {"bg": (246, 242, 232), "ink": (28, 28, 30), "accent": (178, 34, 34)}
GRADES = [("AAA", 1050, "A+++"), ("AA", 1030, None), ("A", 960, None), ("B", 850, None), ("C", 600, None),
          ("D", 0, None)]
LOG = [
    {"date": "2018-03-02", "points": 1005, "change": 5, "reason": "Blood donation"},
    {"date": "2018-04-10", "points": 995, "change": -10, "reason": "Traffic offence"},
    {"date": "2018-04-28", "points": 1025, "change": 30, "reason": "Volunteering"},
    {"date": "2018-07-01", "points": 1055, "change": 30, "reason": "Model family"},
    {"date": "2018-09-20", "points": 955, "change": -100, "reason": "Court judgment unpaid"},
]
RECTS = [pygame.Rect(0, 0, 760, 380), pygame.Rect(10, 20, 320, 200), pygame.Rect(0, 0, 1200, 600)]


def test_labels_name_the_press_grade():
    assert points_chart.band_label("AAA", "A+++") == "AAA (press: A+++)"
    assert points_chart.band_label("AA", None) == "AA"
    assert points_chart.format_change(5) == "+5"
    assert points_chart.format_change(-50) == "\u201350"
    assert points_chart.format_points(1000) == "1,000"
    assert points_chart.format_date("2018-03-02") == "2 Mar 2018"
    assert points_chart.format_date(dt.date(2019, 11, 30)) == "30 Nov 2019"
    assert points_chart.format_date("someday") == "someday"


def test_labels_are_in_the_interface_language():
    from game import i18n

    i18n.use("zh")
    assert points_chart.format_date("2018-03-02") == "2018年3月2日"
    assert points_chart.band_label("AAA", "A+++") == "AAA（媒体写作：A+++）"
    assert points_chart.format_points(1030) == "1,030"


@pytest.mark.parametrize("rect", RECTS)
def test_layout_shows_the_bands_around_the_points(rect):
    layout = points_chart.layout_chart(rect, LOG, 1000, GRADES, fonts.get_font(14))
    grades = [b.grade for b in layout.bands]
    assert {"AAA", "AA", "A", "B"} <= set(grades) and "D" not in grades
    assert [b.label for b in layout.bands][0] == "AAA (press: A+++)"
    for band in layout.bands:
        assert band.label_rect is not None and rect.contains(band.label_rect)
        assert band.top <= band.bottom
    labels = [b.label_rect for b in layout.bands]
    assert all(not a.colliderect(b) for i, a in enumerate(labels) for b in labels[i + 1:])
    assert len(layout.markers) == len(LOG)
    xs = [m.x for m in layout.markers]
    assert xs == sorted(xs) and all(layout.plot.left <= x <= layout.plot.right for x in xs)
    assert all(b - a >= 2 * layout.marker_r for a, b in zip(xs, xs[1:]))
    for m in layout.markers:
        assert layout.plot.top <= m.y <= layout.plot.bottom
        if m.label_rect:
            assert layout.plot.contains(m.label_rect)
    for _text, r in layout.dates:
        assert rect.contains(r)
    # a higher score sits higher on the chart
    by_points = sorted(layout.markers, key=lambda m: m.points)
    assert by_points[0].y > by_points[-1].y


def test_empty_log_draws_bands_and_the_start():
    rect = pygame.Rect(5, 5, 400, 260)
    layout = points_chart.layout_chart(rect, [], 1000, GRADES, fonts.get_font(14))
    assert layout.markers == [] and {"A"} <= {b.grade for b in layout.bands}
    assert layout.lo < 1000 < layout.hi
    surf = pygame.Surface((420, 280))
    surf.fill((1, 2, 3))
    points_chart.draw_points_chart(surf, rect, [], 1000, GRADES, COLORS, fonts.get_font(14))
    assert surf.get_bounding_rect().width > 0
    colours = {tuple(surf.get_at((x, y)))[:3] for x in range(rect.left, rect.right, 5)
               for y in range(rect.top, rect.bottom, 5)}
    assert len(colours) > 3


@pytest.mark.parametrize("rect", RECTS[:2])
def test_draw_chart_draws_only_inside_its_rect(rect):
    surf = pygame.Surface((rect.right + 20, rect.bottom + 20))
    sentinel = (1, 2, 3)
    surf.fill(sentinel)
    points_chart.draw_points_chart(surf, rect, LOG, 1000, GRADES, COLORS, fonts.get_font(14))
    for x in range(0, surf.get_width(), 2):
        for y in range(0, surf.get_height(), 2):
            if not rect.collidepoint(x, y):
                assert tuple(surf.get_at((x, y)))[:3] == sentinel
    def near_accent(c):
        return sum(abs(a - b) for a, b in zip(c[:3], COLORS["accent"])) < 60

    accent = sum(1 for x in range(rect.left, rect.right, 2) for y in range(rect.top, rect.bottom, 2)
                 if near_accent(surf.get_at((x, y))))
    assert accent > 20


def test_markers_show_their_sign_not_only_colour():
    # a rise and a fall drawn in the same colours differ in shape (plus versus minus)
    font = fonts.get_font(16)
    rect = pygame.Rect(0, 0, 400, 240)
    up, down = pygame.Surface(rect.size), pygame.Surface(rect.size)
    for surf, change in ((up, 20), (down, -20)):
        surf.fill((255, 255, 255))
        log = [{"date": "2018-01-01", "points": 1000 + change, "change": change, "reason": ""}]
        points_chart.draw_points_chart(surf, rect, log, 1000, GRADES, COLORS, font)
    lay_up = points_chart.layout_chart(rect, [{"date": "2018-01-01", "points": 1020, "change": 20}], 1000, GRADES,
                                       font)
    m = lay_up.markers[0]
    # the vertical bar of the plus: ink right above the marker's centre in `up`, paper in `down`
    lay_down = points_chart.layout_chart(rect, [{"date": "2018-01-01", "points": 980, "change": -20}], 1000, GRADES,
                                         font)
    d = lay_down.markers[0]
    dy = round(lay_up.marker_r * 0.35)
    up_px = up.get_at((round(m.x), round(m.y) - dy))
    down_px = down.get_at((round(d.x), round(d.y) - dy))
    assert sum(up_px[:3]) < 250 and sum(down_px[:3]) > 500


def test_odd_logs_do_not_break_the_chart():
    font = fonts.get_font(12)
    rect = pygame.Rect(0, 0, 300, 180)
    surf = pygame.Surface(rect.size)
    same_day = [{"date": "2018-01-01", "points": 1000 + i, "change": 1, "reason": ""} for i in range(1, 40)]
    no_dates = [{"points": 990, "change": -10}, {"points": 1200, "change": 210}]
    dated = [{"date": dt.date(2018, 1, 1), "points": -20, "change": -1020, "reason": "x"}]
    for log in (same_day, no_dates, dated):
        points_chart.draw_points_chart(surf, rect, log, 1000, GRADES, COLORS, font)
        layout = points_chart.layout_chart(rect, log, 1000, GRADES, font)
        assert len(layout.markers) == len(log)
    points_chart.draw_points_chart(surf, rect, LOG, 1000, [], COLORS, font)
    points_chart.draw_points_chart(surf, pygame.Rect(0, 0, 20, 20), LOG, 1000, GRADES, COLORS, font)
