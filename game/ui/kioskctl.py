"""Kiosk mode in the window: starting the kiosk once the story is loaded, ticking its idle clock (the
"still there?" question, then the reset to the attract screen), and the reset itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from . import memory, modesbridge

if TYPE_CHECKING:
    from .app import App

TICK = 0.5  # seconds between looks at the idle clock while nothing else is due


def start(app: App) -> None:
    """Make the kiosk (its visitor settings, its quit guard) and show the attract screen."""
    from .screens.kiosk import AttractScreen

    app.kiosk, _message = modesbridge.make_kiosk(app.game.story, app.clock)
    if app.kiosk is not None:
        app.game.autosave_on = False
        app.guard = app.kiosk.guard
        app.apply_settings(app.kiosk.config.visitor_settings(), save=False)
    app.reset_to(AttractScreen(app))


def tick(app: App) -> None:
    """Ask whether anyone is still there when the visitor has been idle a while, reset when nobody answered,
    and take the question away when someone did. Every screen but the attract loop alone counts: "Choose a
    life", settings, the PIN pad, any dialog."""
    from .screens.kiosk import StillThereScreen

    if not pygame.display.get_active():  # hidden or minimised, whatever event was missed
        app.bring_back()
    if on_attract(app):
        app.kiosk.sleep()
    else:
        app.kiosk.wake()
    state = app.kiosk.poll()
    if state == "warning":
        if app.find("still_there") is None:
            app.push(StillThereScreen(app))
        app.dirty = True  # the countdown changes every second
    elif state == "reset":
        reset(app)
    elif app.find("still_there") is not None:
        while app.find("still_there") is not None:
            app.pop()


def on_attract(app: App) -> bool:
    """True when the attract loop is the only screen (nothing over it)."""
    return len(app.screens.screens) == 1 and app.top is not None and app.top.name == "attract"


def reset(app: App) -> None:
    """End the visit: forget the run and the visitor's settings, back to the attract screen."""
    from .screens.kiosk import AttractScreen

    if app.kiosk is None:
        return
    app.game.end_run()
    app.apply_settings(app.kiosk.config.visitor_settings(), save=False)
    app.reset_to(AttractScreen(app))
    fresh_start(app)


def fresh_start(app: App) -> None:
    """Every visit begins from the same memory: the visit's screens go now (not after the next frame), the
    rendered lines, wrapped texts, fonts and pictures it left in the caches go (the attract loop draws its own
    again in a few milliseconds), and what that freed goes back to the system instead of staying in malloc's
    arenas (memory.py). A kiosk left idle overnight then holds what it needs, and the soak benchmark
    can tell a leak of a few kilobytes a visit from the caches' ups and downs."""
    from . import artbridge, drawing, fonts, pictures, ruby

    app.screens.release_retired()
    drawing.clear_blocks()
    fonts.clear_caches()
    ruby.clear()
    pictures.cache.clear()
    artbridge.clear_caches()
    memory.trim()
