"""Every screen of the game, reached as a player reaches it (clicks, keys, taps), for screenshots and layout
tests: ``tour(story, size, settings, work)`` yields ``(name, pilot)`` at each stop, the pilot showing it.

The scenes worth seeing (a terminal, a notice, a phone app, a letter, a refusal, an ending) are found by
walking the life's choices in the engine from the run the window started (``Session.fork``), so the tour
follows whatever story it is given and names no node.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pygame

from .pilot import Pilot

Stop = tuple[str, Pilot]
SCENES = ("terminal", "notice", "app", "letter", "refusal")  # besides the first scene and an ending
STAFF_CHORD = pygame.KMOD_CTRL | pygame.KMOD_SHIFT | pygame.KMOD_ALT


def scene_kinds(session, events) -> set[str]:
    """What the scene the session shows is, for the tour: its screen, a refusal, an ending."""
    node = session.node
    kinds = set()
    screen = node.screen or ("terminal" if node.kind == "system" else "letter" if node.kind == "document" else "")
    if screen:
        kinds.add(screen)
    if any(e.kind == "refused" for e in events):
        kinds.add("refusal")
    if node.ending is not None:
        kinds.add("ending")
    return kinds


def find_paths(session, wanted: tuple[str, ...] = (*SCENES, "ending"), most: int = 4000) -> dict[str, list[str]]:
    """The shortest run of choices from ``session`` to a scene of each wanted kind (breadth first)."""
    found: dict[str, list[str]] = {}
    seen = {session.state.node}
    todo = deque([(session, [])])
    while todo and len(found) < len(wanted) and most > 0:
        s, path = todo.popleft()
        for cid in s.enabled_choices():
            most -= 1
            nxt = s.fork()
            events = nxt.choose(cid)
            for k in scene_kinds(nxt, events):
                if k in wanted and k not in found:
                    found[k] = [*path, cid]
            key = nxt.state.node
            if key not in seen and nxt.node.ending is None:
                seen.add(key)
                todo.append((nxt, [*path, cid]))
    return found


def settings_dict(settings: Any) -> dict:
    return {f.name: getattr(settings, f.name) for f in fields(settings)} if settings is not None else {}


# -- the stops ---------------------------------------------------------------------------------------------

def home_tour(story: str, size: tuple[int, int], settings: Any) -> Iterator[Stop]:
    """Title, its pages, a life from the first scene to the debrief, and the pages a run opens."""
    p = Pilot.start(story, size=size, settings=settings)
    yield "title", p
    if p.screen == "error":
        return
    for key, name in (("settings", "settings"), ("about", "about"), ("saves", "saves")):
        p.click(key=key)
        yield name, p
        if name == "about":
            for tab in ("sources", "glossary"):
                if p.has(key=f"tab:{tab}"):
                    p.click(key=f"tab:{tab}")
                    yield tab, p
        p.key("escape")
    p.click(key="play")
    yield "lives", p
    lives = [w.key[5:] for w in p.widgets() if w.key.startswith("life:")]
    wanted = [*SCENES, "ending"]
    for n, life in enumerate(lives):
        if not wanted:
            break
        if p.screen != "lives":
            p.click(key="play")
        p.click(key=f"life:{life}")
        if n == 0:
            yield "play", p
            for key, name in (("j", "journal"), ("h", "history"), ("i", "card")):
                p.key(key)
                yield name, p
                p.key("escape")
            if p.has(key="sources"):
                p.click(key="sources")
                yield "scene-sources", p
                p.key("escape")
            p.key("escape")
            yield "pause", p
            p.click(key="save")
            yield "saves-playing", p
            p.key("escape")
        paths = find_paths(p.app.game.session.fork(), tuple(wanted))
        for kind in [k for k in wanted if k in paths and k != "ending"]:
            p.app.game.session.undo(len(p.app.game.session.state.log))
            p.app.top.rebuild()
            follow(p, paths[kind])
            yield f"scene-{kind}", p
            wanted.remove(kind)
        if "ending" in paths and "ending" in wanted:
            p.app.game.session.undo(len(p.app.game.session.state.log))
            p.app.top.rebuild()
            follow(p, paths["ending"])
            for key, name in (("j", "journal-late"), ("h", "history-late"), ("i", "card-late")):
                p.key(key)
                yield name, p
                p.key("escape")
            yield "ending", p
            wanted.remove("ending")
            yield from debrief_stops(p)
        leave(p)


def follow(p: Pilot, path: list[str]) -> None:
    """Take the choices of ``path`` by clicking them, showing all text first where it types itself."""
    for cid in path:
        for _ in range(3):
            if p.has(key=f"choice:{cid}"):
                break
            p.key("space")  # the typewriter: show all
        p.click(key=f"choice:{cid}")


def debrief_stops(p: Pilot) -> Iterator[Stop]:
    if not p.has(key="debrief"):
        return
    p.click(key="debrief")
    yield "debrief", p
    myths = [w.key for w in p.widgets() if w.key.startswith("myth:") and w.key.endswith(":myth")]
    if myths:
        p.click(key=myths[0])
        yield "debrief-myth-or-fact", p
    p.key("escape")


def leave(p: Pilot) -> None:
    """Back to "Choose a life" from wherever the run is."""
    for _ in range(4):
        if p.screen == "play":
            break
        p.key("escape")
    if p.screen == "play":
        p.key("escape")
        p.click(key="title")
        p.click(key="yes")
    if p.screen == "title":
        p.click(key="play")


def classroom_tour(story: str, size: tuple[int, int], settings: Any, export_dir: Path) -> Iterator[Stop]:
    lang = getattr(settings, "language", "") or "en"
    p = Pilot.start(story, size=size, settings=settings, classroom=True, export_dir=str(export_dir), lang=lang)
    if p.screen != "teacher":
        return
    yield "classroom-teacher", p
    if p.has(key="pin:set"):
        p.click(key="pin:set")
        yield "classroom-teacher-pin", p
        p.key("escape")
    p.click(key="begin")
    yield "classroom-student", p


def kiosk_tour(story: str, size: tuple[int, int], settings: Any) -> Iterator[Stop]:
    p = Pilot.start(story, size=size, kiosk=True)
    if tuple(p.app.ctx.size) != tuple(size):  # a kiosk fills its screen: this one is the size asked for
        p.app.win.set_fullscreen(False)
        p.app.win.size = size
        p.resize(size)
    visitor = settings_dict(settings)

    def dress() -> None:  # the kiosk resets to its visitor settings: show the ones asked for
        if visitor:
            p.set_settings(**{k: v for k, v in visitor.items() if k in ("text_scale", "high_contrast", "language",
                                                                         "text_speed")})

    dress()
    if p.screen != "attract":
        return
    yield "kiosk-attract", p
    scr = p.app.top
    if not p.app.ctx.reduced_motion and getattr(scr, "beats", None):
        for _ in range(240):  # the loop plays on by itself: to its first refusal, once the stamp has landed
            p.step(1, dt=0.5)
            index, phase = scr.at(p.app.clock())
            if scr.beats[index][2].refused and phase is not None and phase > 2.5:
                break
    yield "kiosk-attract-later", p
    p.key("q", STAFF_CHORD)
    yield "kiosk-staff-pin", p
    p.key("escape")
    p.tap_at((5, 5))
    dress()
    yield "kiosk-lives", p
    p.step(1, dt=p.app.kiosk.config.idle_seconds + 1)
    yield "kiosk-still-there", p


def error_tour(size: tuple[int, int], settings: Any, work: Path) -> Iterator[Stop]:
    """A story that does not load: the error screen a player sees instead of a traceback."""
    bad = work / "broken-story"
    bad.mkdir(parents=True, exist_ok=True)
    (bad / "story.yaml").write_text("title: {en: Broken\nlives: [\n", encoding="utf-8")
    p = Pilot.start(str(bad), size=size, settings=settings)
    yield "error", p


def tour(story: str, size: tuple[int, int], settings: Any, work: Path) -> Iterator[Stop]:
    """All the stops above, in order."""
    parts: list[Callable[[], Iterator[Stop]]] = [
        lambda: home_tour(story, size, settings),
        lambda: classroom_tour(story, size, settings, work / "class"),
        lambda: kiosk_tour(story, size, settings),
        lambda: error_tour(size, settings, work),
    ]
    for part in parts:
        yield from part()
