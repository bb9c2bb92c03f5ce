"""The story's pictures in the window: a scene picture is drawn for an illustrated node, its alt text stands
in (and the error is counted) when the file is broken, the first choice stays in view on every illustrated
node of every life at 1280x720 and 1024x768, the renderings are kept in a bounded cache, and the portraits
on "Choose a life" keep their size at 200% text."""

from __future__ import annotations

import shutil
from collections import deque
from pathlib import Path

import pytest

pytest.importorskip("pygame")

import pygame  # noqa: E402

from game.engine.runtime import Session  # noqa: E402
from game.ui import pictures  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"

pytestmark = pytest.mark.usefixtures("user_home")


def reach_illustrated(story, life_id: str) -> dict[str, Session]:
    """Every illustrated node of a life, each reached by real choices from the main or the short start."""
    life = story.lives[life_id]
    want = {nid for nid, n in life.nodes.items() if n.illustration}
    found: dict[str, Session] = {}
    for start in ("main", "short"):
        first = Session(story, life_id, start=start)
        seen = {first.state.node}
        queue = deque([first])
        while queue and want - set(found):
            s = queue.popleft()
            if s.state.node in want and s.state.node not in found:
                found[s.state.node] = s
            for cid in s.enabled_choices():
                t = s.fork()
                t.choose(cid)
                if t.state.node not in seen:
                    seen.add(t.state.node)
                    queue.append(t)
    assert set(found) == want, f"{life_id}: no way to {want - set(found)}"
    return found


def scene_picture(p: Pilot) -> pictures.ScenePicture | None:
    def walk(items):
        for it in items:
            if isinstance(it, pictures.ScenePicture):
                return it
            inner = [c for c, _ in getattr(it, "cols", [])] + list(getattr(it, "items", []))
            got = walk(inner)
            if got is not None:
                return got
        return None

    body = p.app.top.view("body")
    return walk(body.root.items) if body is not None else None


def first_choice(p: Pilot):
    return next(w for w in p.app.top.focusables() if w.key.startswith("choice:") or w.key == "debrief")


def show(p: Pilot, session: Session) -> None:
    p.app.game.adopt(session.fork())
    p.app.top.rebuild()
    p.step()


def on_canvas(p: Pilot, slot: pictures.ScenePicture) -> pygame.Rect:
    body = p.app.top.view("body")
    return slot.picture_rect(body.rect.x, body.rect.y - body.offset, p.app.ctx)


@pytest.fixture
def fresh_cache():
    pictures.cache.clear()
    yield
    pictures.cache.clear()


def to_the_ticket_machine(p: Pilot) -> None:
    p.app.start_life("li_xiaolin", "main")
    p.step()
    assert scene_picture(p) is None  # the opening has no picture
    p.click(key=first_choice(p).key)  # Continue
    assert p.app.game.session.node.illustration == "li_airport_ticket_machine"


def test_the_play_screen_draws_the_scene_picture(fresh_cache):
    p = Pilot.start(STORY, size=(1280, 720))
    to_the_ticket_machine(p)
    slot = scene_picture(p)
    assert slot is not None and slot.drawn_ok is True and slot.h > 0
    rect = on_canvas(p, slot)
    assert p.app.top.view("body").rect.contains(rect)
    drawn = pictures.picture(slot.pic.file, rect.size)
    assert drawn is not None
    for fx, fy in ((0.2, 0.2), (0.5, 0.5), (0.8, 0.3), (0.3, 0.8), (0.6, 0.7)):
        x, y = int(rect.w * fx), int(rect.h * fy)
        on_screen, picture = p.app.canvas.get_at((rect.x + x, rect.y + y))[:3], drawn.get_at((x, y))[:3]
        # the same pixel of the same picture; an edge pixel may differ by a shade from blending
        assert all(abs(a - b) <= 3 for a, b in zip(on_screen, picture)), (on_screen, picture)
    assert p.app.errors == []


def test_a_broken_picture_shows_its_alt_text_and_counts_as_an_error(tmp_path, monkeypatch, fresh_cache):
    folder = tmp_path / "illustrations"
    shutil.copytree(pictures.ILLUSTRATIONS_DIR, folder)
    (folder / "li_airport_ticket_machine.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16',
                                                       encoding="utf-8")  # cut off
    monkeypatch.setattr(pictures, "FOLDER", folder)
    p = Pilot.start(STORY, size=(1280, 720))
    to_the_ticket_machine(p)
    slot = scene_picture(p)
    assert slot is not None and slot.drawn_ok is False
    rect = on_canvas(p, slot)
    panel = p.app.ctx.theme["panel"]
    assert p.app.canvas.get_at((rect.x + 4, rect.y + 4))[:3] == tuple(panel)[:3]  # the alt box
    ink = p.app.ctx.theme["panel_ink"]
    inside = [p.app.canvas.get_at((x, y))[:3] for x in range(rect.x, rect.right, 2)
              for y in range(rect.y, rect.bottom, 2)]
    assert sum(px == tuple(ink)[:3] for px in inside) > 50  # its words are written in it
    errors = [e for e in p.app.errors if "illustration li_airport_ticket_machine.svg" in e]
    assert len(errors) == 1, p.app.errors
    p.app.dirty = True
    p.step(3)  # drawn again: not read again, not reported again
    assert len([e for e in p.app.errors if "illustration li_airport_ticket_machine.svg" in e]) == 1


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_the_first_choice_is_in_view_on_every_illustrated_node(size, fresh_cache):
    p = Pilot.start(STORY, size=size)
    story = p.app.game.story
    placed = {"above": 0, "beside": 0, "below": 0}
    for life_id in story.lives:
        p.app.start_life(life_id, "main")
        p.step()
        for nid, session in sorted(reach_illustrated(story, life_id).items()):
            show(p, session)
            slot = scene_picture(p)
            assert slot is not None, (life_id, nid)
            body = p.app.top.view("body")
            choice = first_choice(p)
            assert body.rect.contains(choice.rect), (life_id, nid, choice.rect, slot.mode)
            assert p.app.window.get_rect().contains(choice.rect)
            if slot.mode != "below":  # in view when the scene opens, and drawn
                assert body.rect.contains(on_canvas(p, slot)) and slot.drawn_ok is True, (life_id, nid)
            placed[slot.mode] += 1
    assert placed["above"] + placed["beside"] > 2 * placed["below"], placed  # most open with their picture
    assert p.app.errors == []


def test_at_200_percent_the_picture_never_hides_the_first_choice(fresh_cache):
    p = Pilot.start(STORY, size=(1280, 720))
    p.set_settings(text_scale=2.0)
    story = p.app.game.story
    p.app.start_life("wei", "main")
    p.step()
    for nid, session in sorted(reach_illustrated(story, "wei").items()):
        show(p, session)
        slot = scene_picture(p)
        choice = first_choice(p)
        if slot.mode != "below":  # placed before the choices only when they stay in view
            assert p.app.top.view("body").rect.contains(choice.rect), nid
    assert p.app.errors == []


def test_the_cache_is_bounded_in_entries_and_bytes(fresh_cache):
    pygame.init()
    files = sorted(f.name for f in pictures.ILLUSTRATIONS_DIR.glob("*.svg"))
    for i in range(3 * pictures.MAX_ENTRIES):
        assert pictures.picture(files[i % len(files)], (160 + i, 90)) is not None
        assert len(pictures.cache) <= pictures.MAX_ENTRIES
    small = pictures.PictureCache(max_entries=100, max_bytes=3 * 400 * 300 * 4)
    for i in range(10):
        small.put(("f", (400, 300 + i)), pygame.Surface((400, 300)))
        assert small.bytes <= small.max_bytes
    assert len(small) == 3
    assert small.get(("f", (400, 309))) is not None and small.get(("f", (400, 300))) is None  # oldest out


def test_portraits_come_from_the_story_and_stay_small_at_200_percent(fresh_cache):
    for scale in (1.0, 2.0):
        p = Pilot.start(STORY, size=(1280, 720))
        p.set_settings(text_scale=scale)
        p.click("Play")
        assert p.screen == "lives"
        # the three portraits, rendered from the story's files at one bounded size
        keys = [k for k in pictures.cache._items if "portrait_" in k[0]]
        names = {Path(k[0]).name for k in keys}
        assert names >= {"portrait_wei.svg", "portrait_li_xiaolin.svg"}, names
        for _, (w, h) in keys:
            assert h <= p.app.ctx.px(220) and abs(w / h - 0.75) < 0.02
        assert p.app.errors == []
