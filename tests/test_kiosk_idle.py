"""The idle reset fires from every screen a kiosk visitor can reach, not only during a run: "Choose a life"
right after "Touch to begin", every dialog and overlay, the staff PIN pad. Walked with the pilot, the
injected clock advanced past the idle limit and the countdown: back on the attract loop, nothing kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.modes import kiosk as kiosk_mode
from game.ui.pilot import Pilot

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"
CHORD = pygame.KMOD_CTRL | pygame.KMOD_SHIFT | pygame.KMOD_ALT

pytestmark = pytest.mark.usefixtures("user_home")


@pytest.fixture(autouse=True)
def _close_log():
    yield
    kiosk_mode.close_log()


def lives(p: Pilot) -> None:
    p.tap_at((5, 5))  # "touch anywhere" on the attract loop


def play(p: Pilot) -> None:
    lives(p)
    p.tap(key="life:ming")


def refused(p: Pilot) -> None:
    play(p)
    p.tap(key="choice:fast")  # the scene with sources


def ended(p: Pilot) -> None:
    refused(p)
    p.tap(key="choice:slow")
    p.tap(key="choice:continue")


def pause(p: Pilot) -> None:
    play(p)
    p.tap(key="menu")


def then(*steps: Callable[[Pilot], None]) -> Callable[[Pilot], None]:
    def walk(p: Pilot) -> None:
        for s in steps:
            s(p)
    return walk


def chord(p: Pilot) -> None:
    p.key("q", CHORD)


def crash(p: Pilot) -> None:
    p.app.safely(lambda: 1 / 0)  # any failure shows the error screen: it must reset too
    p.step()


WALKS: dict[str, tuple[str, Callable[[Pilot], None]]] = {
    "choose a life": ("lives", lives),
    "play": ("play", play),
    "pause": ("pause", pause),
    "settings": ("settings", then(pause, lambda p: p.tap(key="settings"))),
    "leave?": ("confirm", then(pause, lambda p: p.tap(key="title"))),
    "journal": ("journal", then(play, lambda p: p.tap(key="journal"))),
    "history": ("history", then(play, lambda p: p.key("h"))),
    "id card": ("card", then(play, lambda p: p.tap(key="details"))),
    "sources": ("sources", then(refused, lambda p: p.tap(key="sources"))),
    "debrief": ("debrief", then(ended, lambda p: p.tap(key="debrief"))),
    "glossary": ("about", then(ended, lambda p: p.tap(key="debrief"), lambda p: p.tap(key="reference"))),
    "pin over attract": ("pin", chord),
    "pin over play": ("pin", then(play, chord)),
    "error": ("error", then(play, crash)),
}


@pytest.mark.parametrize("walk", list(WALKS))
def test_the_idle_reset_fires_from_every_screen(walk):
    screen, go = WALKS[walk]
    p = Pilot.start(EXAMPLE, kiosk=True)
    k = p.app.kiosk
    limit, countdown = k.config.idle_seconds, k.config.countdown_seconds
    go(p)
    assert p.screen == screen
    p.step(1, dt=limit - 1)
    if screen != "pin":  # the PIN pad closes by itself after 20 s (pin_timeout_seconds)
        assert p.screen == screen  # not yet
    p.step(1, dt=2)
    p.step(1, dt=countdown + 1)  # "Still there?" (or the PIN pad's own timeout), then nobody answers
    assert p.screen == "attract" and len(p.app.screens.screens) == 1
    assert p.app.game.session is None
    assert k.visit.is_clear(k.config.visitor_settings())
    assert p.app.settings == k.config.visitor_settings()
    assert not k.guard.awaiting_pin
    p.step(1, dt=10 * limit)  # and the attract loop stays: nothing counts there
    assert p.screen == "attract" and k.timer.state == kiosk_mode.ATTRACT


def test_still_there_shows_on_choose_a_life_and_a_touch_keeps_it():
    p = Pilot.start(EXAMPLE, kiosk=True)
    lives(p)
    p.step(1, dt=p.app.kiosk.config.idle_seconds + 1)
    assert p.screen == "still_there"
    p.tap_at((5, 5))
    assert p.screen == "lives"


def test_going_back_to_the_attract_loop_stops_the_clock():
    p = Pilot.start(EXAMPLE, kiosk=True)
    lives(p)
    p.tap(key="back")
    assert p.screen == "attract"
    p.step(1, dt=1000)
    assert p.screen == "attract" and len(p.app.screens.screens) == 1


def test_visitor_settings_changed_before_a_life_are_dropped_by_the_reset():
    p = Pilot.start(EXAMPLE, kiosk=True)
    pause(p)
    p.tap(key="settings")
    p.tap(key="size:+")
    p.tap(key="theme:contrast")
    k = p.app.kiosk
    assert p.app.settings.high_contrast and p.app.settings != k.config.visitor_settings()
    p.step(1, dt=k.config.idle_seconds + 1)
    p.step(1, dt=k.config.countdown_seconds + 1)
    assert p.screen == "attract"
    assert p.app.settings == k.config.visitor_settings() and p.app.ctx.theme.id == "paper"


# -- the window comes back by itself ----------------------------------------------------------------
def hide_window() -> None:
    pygame.Window.from_display_module().hide()  # what a minimise or Win+D leaves: a window not showing


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("event", [None, pygame.WINDOWHIDDEN, pygame.WINDOWMINIMIZED, pygame.WINDOWFOCUSLOST])
def test_a_hidden_or_minimised_kiosk_window_comes_back(event):
    p = Pilot.start(EXAMPLE, kiosk=True)
    play(p)
    p.step(1, dt=1)
    hide_window()
    pygame.event.clear()  # None: the OS's event was lost; the kiosk's tick notices anyway
    assert not pygame.display.get_active()
    if event is not None:
        p.post(event, window=None)
    p.step()
    assert pygame.display.get_active()
    assert p.screen == "play" and p.app.errors == []


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_an_ordinary_window_may_be_minimised():
    p = Pilot.start(EXAMPLE)
    hide_window()
    p.post(pygame.WINDOWHIDDEN, window=None)
    p.step(3, dt=1)
    assert not pygame.display.get_active()
    pygame.Window.from_display_module().show()
