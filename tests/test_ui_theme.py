"""Every text and background pair of every theme meets 4.5:1, every control 3:1 (WCAG 1.4.3, 1.4.11);
body text is at least 24 px at 1080p; the focus ring is visible on every surface."""

from __future__ import annotations

import pytest

from game.ui import theme as th


def test_contrast_formula_matches_wcag_examples():
    assert th.contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert th.contrast((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # #767676 on white is the well-known 4.54:1 grey
    assert th.contrast(th.hex_color("#767676"), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", list(th.THEMES.values()), ids=lambda t: t.id)
def test_theme_pairs_meet_wcag(theme):
    assert th.failures(theme) == []


@pytest.mark.parametrize("theme", list(th.THEMES.values()), ids=lambda t: t.id)
def test_every_role_is_defined(theme):
    roles = set(th.PAPER.colors)
    assert set(theme.colors) == roles
    for fg, bg in th.TEXT_PAIRS + th.CONTROL_PAIRS:
        assert fg in roles and bg in roles


def test_pairs_cover_the_text_roles_the_screens_use():
    text_roles = {fg for fg, _ in th.TEXT_PAIRS}
    for role in ("ink", "muted", "button_ink", "primary_ink", "disabled_ink", "term_text", "notice_ink", "app_ink",
                 "letter_ink", "card_ink", "header_ink", "event_ink", "dialog_ink", "error_ink"):
        assert role in text_roles


def test_body_text_is_at_least_24px_at_1080p():
    from game.ui.fonts import ROLES, FontBook

    book = FontBook(scale=1080 / 720)
    assert book.px("body") >= 24
    assert book.px("button") >= 24
    # nothing a player must read is tiny
    assert min(book.px(r) for r in ROLES) >= 22
