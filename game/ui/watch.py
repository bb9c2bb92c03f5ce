"""Live preview for authors (``--watch``): when a story file is saved, the story is loaded again and the
player is put back where they were, by replaying the choices made so far in the new story (as a save is
resumed). A story with errors shows its problems in the window instead, until the next save fixes them.

Files are polled (their sizes and modification times) at most twice a second, from the window's own
loop: no thread, nothing to install, the same on every platform, and nothing at all without --watch.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import _, say

if TYPE_CHECKING:
    from .app import App

INTERVAL = 0.5  # seconds between looks at the files
WATCHED = (".yaml", ".yml", ".po")


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every story file under ``root`` with its size and modification time: any save changes it."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(WATCHED):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:  # removed between the listing and the look: the next look sees it gone
                    continue
                found.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns))
    return tuple(sorted(found))


class StoryWatch:
    def __init__(self, story: str | Path, now: float) -> None:
        path = Path(story)
        self.root = path.parent if path.is_file() else path
        self.seen = fingerprint(self.root)
        self.next_look = now + INTERVAL

    def changed(self, now: float) -> bool:
        """True once after any story file was saved, added or removed."""
        if now < self.next_look:
            return False
        self.next_look = now + INTERVAL
        current = fingerprint(self.root)
        if current == self.seen:
            return False
        self.seen = current
        return True


def reload(app: App) -> None:
    """Load the story again and put the player back where they were, or show its problems."""
    from ..engine.runtime import Session
    from ..engine.validate import load_and_validate
    from .gamectl import GameCtl
    from .screens.error import ErrorScreen

    result = load_and_validate(app.opts.story)
    if result.story is None or result.report.errors:
        screen = ErrorScreen.for_story(app, result, None, app.opts.story)
        screen.intro = _("The story has problems, listed below with the file, line and column of each. Fix them "
                         "and save: the game reloads by itself and puts you back where you were.")
        app.reset_to(screen)
        return
    old: Any = app.game
    saved = old.session.state.to_dict() if old is not None and old.session is not None else None
    lang = old.lang if old is not None else app.settings.language
    app.game = GameCtl(result.story, lang, app.opts.seed)
    if saved is None:
        from .screens.title import TitleScreen

        app.reset_to(TitleScreen(app))
        app.notify(_("Story reloaded"))
        return
    try:
        session, message = Session.resume(result.story, saved)
    except ValueError as exc:  # the life is gone from the story
        from .screens.title import TitleScreen

        app.reset_to(TitleScreen(app))
        app.notify(_("Story reloaded; the run could not go on: {why}").format(why=exc))
        return
    from .screens.play import PlayScreen

    app.game.adopt(session)
    app.reset_to(PlayScreen(app))
    app.notify(_("Story reloaded: {why}").format(why=say(message)) if message else _("Story reloaded"))
