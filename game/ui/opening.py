"""What the window shows once the story has loaded: the error screen when it cannot be played, else the
kiosk's attract screen, the teacher's screen, the life asked for with ``--character``, or the title again
(now with the story behind it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from . import kioskctl

if TYPE_CHECKING:
    from .app import App
    from .storyload import StoryLoader


def open_story(app: App, loader: StoryLoader) -> None:
    from .gamectl import GameCtl
    from .screens.error import ErrorScreen

    opts, r = app.opts, loader.result
    if loader.error or r is None or r.story is None or r.report.errors:
        app.reset_to(ErrorScreen.for_story(app, r, loader.error, opts.story))
        return
    app.game = GameCtl(r.story, app.settings.language, opts.seed)
    if opts.kiosk:
        kioskctl.start(app)
        return
    if opts.classroom:
        from .screens.classroom import TeacherScreen

        app.game.autosave_on = False
        app.reset_to(TeacherScreen(app, preselect=opts.character))
        return
    if opts.character:
        if opts.character not in r.story.lives:
            app.reset_to(ErrorScreen(app, _("There is no such life"), [
                _("This story has no life '{life}'.").format(life=opts.character),
                _("Lives: {lives}").format(lives=", ".join(r.story.lives))]))
            return
        try:
            app.start_life(opts.character, opts.start)
        except KeyError as exc:
            app.reset_to(ErrorScreen(app, _("Cannot start this life"), [str(exc.args[0])]))
        return
    if app.top is not None:
        app.top.rebuild()
    app.run_pending()
