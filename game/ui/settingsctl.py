"""Putting settings into effect: the theme and text size (a new layout), the language, the key bindings,
the window's fullscreen, and saving them (a kiosk's visitor settings are never saved)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .. import i18n
from . import keys, modesbridge
from .modesbridge import Settings

if TYPE_CHECKING:
    from .app import App
    from .options import Options


def initial(opts: Options) -> tuple[Settings, str | None]:
    """The settings to start with, and a message when the file was damaged. A kiosk starts from the defaults
    (its visitor settings come with the kiosk); ``--lang`` overrides the saved language."""
    settings, message = (Settings(), None) if opts.kiosk else modesbridge.load_settings()
    if opts.lang:
        settings = modesbridge.copy_settings(settings, language=opts.lang)
    use_language(settings)
    return settings, message


def use_language(settings: Settings) -> str:
    """Put the settings' language into effect for the interface's words (the story's follow in GameCtl).

    ``--lang`` was checked on the command line; a settings file may name a language this build does not
    have (copied from a newer one): then the interface speaks English rather than failing to start."""
    try:
        return i18n.use(getattr(settings, "language", None) or None)
    except i18n.UnknownLanguage as exc:
        print(f"settings: {exc}", file=sys.stderr)
        return i18n.use(None)


def key_bindings(settings: Settings) -> tuple[dict[str, list[str]], keys.Table, str | None]:
    """The bindings the settings file asks for, their lookup table, and a message saying what could not be
    used (those actions keep their usual keys); the message is also logged."""
    bindings, problems = keys.bindings_with(settings.keys)
    message = None
    if problems:
        message = i18n._("Some key settings were not used: {problems}.").format(problems="; ".join(problems))
        print(message, file=sys.stderr)
    return bindings, keys.build_table(bindings), message


def apply(app: App, settings: Settings, *, save: bool = True) -> None:
    if settings.keys != app.settings.keys:
        app.bindings, app.key_table, message = key_bindings(settings)
        app.settings_message = message or app.settings_message
    app.settings = settings
    if app.kiosk is not None:
        app.kiosk.visit.settings = settings
    elif save:
        msg = modesbridge.save_settings(settings)
        if msg:
            app.settings_message = msg
    language_changed = getattr(settings, "language", None) != i18n.current()
    use_language(settings)
    if app.game is not None:
        app.game.set_lang(settings.language)
    if language_changed:
        from .drawing import clear_blocks

        clear_blocks()  # the old language's laid-out lines are dead weight now
        app.win.set_title()
    app.relayout()


def toggle_fullscreen(app: App) -> None:
    """Fullscreen on or off (never in a kiosk, which stays fullscreen), remembered in the settings."""
    if app.opts.kiosk:
        return
    app.win.set_fullscreen(not app.win.fullscreen)
    apply(app, modesbridge.copy_settings(app.settings, fullscreen=app.win.fullscreen), save=True)
