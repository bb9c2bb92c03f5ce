"""Loading the story off the main thread, started once the first frame is up.

While the title shows, the loader loads the story (from the cache when
its files have not changed), imports the screens the player goes to next, and moves what is loaded out
of the cyclic garbage collector's way. The window polls ``finished`` once a frame and takes the results.
"""

from __future__ import annotations

import gc
import importlib
import threading
import traceback
from typing import Any

# the screens the player goes to next: imported on the loader thread, so opening one is not also an import
WARM_MODULES = ("screens.lives", "screens.play", "screens.debrief", "screens.dialog", "screens.journal",
                "screens.card", "screens.reference", "screens.settings", "screens.saves")


class StoryLoader:
    def __init__(self, story: str, *, use_cache: bool) -> None:
        self.story = story
        self.use_cache = use_cache  # a kiosk writes nothing to disk, so it does not keep a cache
        self.result: Any = None  # the engine's LoadResult
        self.error: str | None = None  # the exception, when loading raised one
        self.taken = False  # the window has taken the results
        self._thread: threading.Thread | None = None

    def prepare(self) -> None:
        """Make the thread; ``start`` runs it (after the first frame, which it would otherwise slow)."""
        self._thread = threading.Thread(target=self.load, daemon=True)

    def start(self) -> None:
        if self._thread is not None and self._thread.ident is None:
            self._thread.start()

    @property
    def loading(self) -> bool:
        return self._thread is not None and not self.taken

    @property
    def finished(self) -> bool:
        """The thread is done and its results not yet taken."""
        return self._thread is not None and not self.taken and not self._thread.is_alive()

    def load(self) -> None:
        try:
            self.result = self._load_story()
        except Exception as exc:  # noqa: BLE001 - shown on the error screen
            self.error = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        warm_up()

    def _load_story(self) -> Any:
        """The story, from the cache when its files have not changed since it last validated cleanly."""
        from ..engine.cache import load_with_cache
        from ..engine.diagnostics import Report
        from ..engine.loader import LoadResult

        cache_dir = None
        if self.use_cache:
            try:
                from ..modes.paths import cache_dir as user_cache_dir

                cache_dir = user_cache_dir()
            except Exception:  # noqa: BLE001 - no cache folder only means a slower start
                cache_dir = None
        story, report = load_with_cache(self.story, cache_dir)
        if report is None:  # from the cache: it validated without errors when it was written
            return LoadResult(story, Report())
        return LoadResult(story, report)


def warm_up() -> None:
    """Import the screens the player goes to next and the art, so that the first frame of each is not also an
    import; then put everything loaded so far out of the cyclic garbage collector's way (it is kept for the
    whole run), so that a full collection, which would otherwise walk the whole story, takes a fraction of a
    frame."""
    for name in WARM_MODULES:
        try:
            importlib.import_module(f"{__package__}.{name}")
        except Exception:  # noqa: BLE001 - a broken screen shows its error when it is opened
            pass
    from . import artbridge

    artbridge.warm_up()
    gc.unfreeze()  # what an earlier App in this process froze can be collected now, if it is garbage
    gc.collect()
    gc.freeze()
