"""Motion on the ID card (issue 15): a new list's seal lands on the card, the grade badge slides along the
grades, the newest journey draws itself on the map. Each plays once, when it is new; the frame it settles on
is the one reduced motion draws at once; while it plays only its view is redrawn, and at rest nothing wakes
the loop. Frames are read from the window with the pilot's fake clock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.modes.settings import Settings
from game.ui import cardmotion
from game.ui.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"

pytestmark = pytest.mark.usefixtures("user_home")

# the example's Ming: "1" at the station is refused (-50 points: grade A to B), then "2" takes the slow train,
# which (in this copy) also puts Ming on a redlist
REDLIST = """  - id: honest_list
    name: List of trustworthy citizens
    short: the honest list
    kind: redlist
    run_by: The town
    how_on: The town lists the people it rewards.
    how_off: Lose points.
    sources: [technode_2018]
procedures:
"""


@pytest.fixture(scope="module")
def story_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("motion") / "story"
    shutil.copytree(EXAMPLE, d)
    world = d / "world" / "world.yaml"
    world.write_text(world.read_text(encoding="utf-8").replace("procedures:\n", REDLIST, 1), encoding="utf-8")
    life = d / "lives" / "ming.yaml"
    text = life.read_text(encoding="utf-8")
    travel = "      - travel: {to: chengdu, by: slow train, hours: 20, km: 1800}\n"
    assert travel in text
    life.write_text(text.replace(travel, travel + "      - add_to_list: honest_list\n"), encoding="utf-8")
    return d


def start(story_dir: Path, **settings) -> Pilot:
    return Pilot.start(str(story_dir), character="ming", settings=Settings(**settings))


def frame(p: Pilot) -> bytes:
    """The whole window as this pilot's app draws it now (pilots share pygame's one window: draw it all)."""
    p.app.painter.forget()
    p.app.dirty = True
    p.step()
    return pygame.image.tobytes(p.app.window, "RGB")


def settle(p: Pilot) -> None:
    p.step(1, dt=2.0)


def view_rect(p: Pilot, name: str) -> pygame.Rect:
    return p.app.top.view(name).rect.move(p.app.canvas_rect.topleft)


def play(p: Pilot, seconds: float, step: float = 1 / 60) -> list[bytes]:
    """The frames drawn over ``seconds`` with the clock moving ``step`` at a time (only those drawn)."""
    out = []
    for _ in range(round(seconds / step)):
        before = len(p.app.frame_times)
        p.step(1, dt=step)
        if len(p.app.frame_times) > before:
            out.append(pygame.image.tobytes(p.app.window, "RGB"))
    return out


def test_the_grade_badge_slides_from_the_old_points_to_the_new(story_dir):
    p = start(story_dir)
    p.key("1")  # refused: 1,000 to 950 points, grade A to B
    top = p.app.top
    assert top.name == "play" and p.app.game.session.state.points == 950
    assert top.wake_at(p.clock.t) == pytest.approx(p.clock.t + cardmotion.FRAME)
    seen = []
    for _ in range(8):
        p.step(1, dt=0.06)
        if top.motion.points() is not None:
            seen.append(top.motion.points())
    assert len(seen) >= 5 and all(950 < v < 1000 for v in seen)
    assert seen == sorted(seen, reverse=True)  # on its way down, never back
    mid_p = start(story_dir)
    mid_p.key("1")
    mid_p.step(1, dt=0.2)
    mid = frame(mid_p)
    settle(p)
    assert top.motion.points() is None and top.wake_at(p.clock.t) is None
    assert frame(p) != mid
    still = start(story_dir, reduced_motion=True)
    still.key("1")
    assert still.app.top.wake_at(still.clock.t) is None
    assert frame(still) == frame(p)  # reduced motion draws the settled frame at once


def test_a_new_list_stamp_lands_on_the_card_once(story_dir):
    p = start(story_dir)
    p.key("1")
    settle(p)
    p.key("2")  # the slow train: on the redlist now
    top = p.app.top
    assert top.motion.stamp(1) == 0.0 and top.motion.stamp(0) is None  # the new list lands, the old one rests
    frames = play(p, 0.5)
    assert 10 <= len(frames) <= 40  # about 60 frames a second while the seal lands (0.35 s), then none
    assert len(set(frames)) >= 8
    settled = frame(p)
    assert frames[0] != settled and frames[-1] == settled
    assert top.wake_at(p.clock.t) is None
    still = start(story_dir, reduced_motion=True)
    still.key("1")
    still.key("2")
    assert still.app.top.wake_at(still.clock.t) is None and still.app.top.motion.stamp(1) is None
    assert frame(still) == settled
    # not again: the card drawn again after the ID card screen, a new size, a new theme and back
    p.key("i")
    assert p.screen == "card" and p.app.top.wake_at(p.clock.t) is not None  # the journey, not the stamp
    assert p.app.top.motion.stamp(1) is None
    p.key("escape")
    p.resize((1300, 740))
    p.resize((1280, 720))
    assert p.app.top.wake_at(p.clock.t) is None and play(p, 0.3) == []
    assert frame(p) == settled


def test_a_dialog_opened_while_the_seal_lands_shows_the_card_at_rest_beneath(story_dir):
    """The screens under a dialog are drawn once and kept: a seal caught half-way would stay so."""
    p = start(story_dir)
    p.key("1")
    settle(p)
    p.key("2")
    p.step(1, dt=0.1)
    p.key("escape")  # the pause menu, at once
    assert p.screen != "play"
    still = start(story_dir, reduced_motion=True)
    still.key("1")
    still.key("2")
    still.key("escape")
    assert still.screen == p.screen
    assert frame(p) == frame(still)


def test_only_the_card_panel_is_redrawn_while_the_seal_lands(story_dir, monkeypatch):
    p = start(story_dir)
    p.key("1")
    settle(p)
    p.key("2")
    p.step(1, dt=0.02)
    updated: list[pygame.Rect] = []
    real = pygame.display.update
    monkeypatch.setattr(pygame.display, "update", lambda rects=None: (updated.extend(rects or []), real(rects)))
    flips = []
    real_flip = pygame.display.flip
    monkeypatch.setattr(pygame.display, "flip", lambda: (flips.append(1), real_flip()))
    frames = play(p, 0.3)
    assert frames and not flips
    panel = view_rect(p, "panel")
    assert updated and all(panel.contains(r) for r in updated)


def test_the_newest_journey_draws_itself_on_the_map_once(story_dir):
    p = start(story_dir)
    p.key("1")
    settle(p)
    p.key("2")
    settle(p)
    p.key("i")  # the ID card screen with the map: the slow train to Chengdu is new
    top = p.app.top
    assert top.name == "card"
    shares = []
    for _ in range(6):
        p.step(1, dt=0.1)
        if top.motion.journey() is not None:
            shares.append(top.motion.journey())
    assert len(shares) >= 5 and shares == sorted(shares) and 0 < shares[0] and shares[-1] < 1
    mid_p = start(story_dir)
    mid_p.key("1")
    settle(mid_p)
    mid_p.key("2")
    settle(mid_p)
    mid_p.key("i")
    mid_p.step(1, dt=0.35)
    mid = frame(mid_p)
    settle(p)
    settled = frame(p)
    assert mid != settled and top.wake_at(p.clock.t) is None
    still = start(story_dir, reduced_motion=True)
    still.key("1")
    still.key("2")
    still.key("i")
    assert still.app.top.wake_at(still.clock.t) is None
    assert frame(still) == settled
    p.key("escape")
    p.key("i")  # opened again later: at rest
    assert p.app.top.wake_at(p.clock.t) is None and play(p, 0.3) == []
    assert frame(p) == settled


def test_the_card_screen_shows_what_the_panel_could_not(story_dir):
    """At 200% text the play screen has no card panel: the ID card screen, opened then, shows the seal landing
    and the badge sliding."""
    p = start(story_dir, text_scale=2.0)
    p.key("1")
    assert p.app.top.view("panel") is None and p.app.top.wake_at(p.clock.t) is None
    p.key("i")
    card = p.app.top
    assert card.name == "card"
    p.step(1, dt=0.1)
    assert card.motion.points() is not None and card.wake_at(p.clock.t) is not None
    settle(p)
    p.key("escape")
    p.key("2")
    p.key("i")
    p.step(1, dt=0.1)
    assert p.app.top.motion.stamp(1) is not None and p.app.top.motion.journey() is not None
    assert p.app.errors == [] and p.app.ctx.overflow == []


def test_nothing_moves_after_a_save_is_loaded_or_a_choice_taken_back(story_dir):
    p = start(story_dir)
    p.key("1")
    settle(p)
    p.key("2")
    settle(p)
    again = Pilot.start(str(story_dir))
    again.click("Continue")
    assert again.screen == "play" and again.app.game.session.state.lists.keys() >= {"honest_list"}
    assert again.app.top.wake_at(again.clock.t) is None and play(again, 0.2) == []
    again.key("i")
    assert again.app.top.wake_at(again.clock.t) is None  # the journey came with the save: not news
    again.key("escape")
    # undo: the card goes back at rest; taking the same choice again is news again
    p.app.top.undo()
    p.step()
    assert p.app.game.session.state.node == "refused" and p.app.top.wake_at(p.clock.t) is None
    p.app.top.undo()  # back to the station: 1,000 points again, and no slide up
    p.step()
    assert p.app.game.session.state.points == 1000 and p.app.top.wake_at(p.clock.t) is None
    p.key("1")
    p.key("2")
    assert p.app.top.motion.stamp(1) is not None


def test_a_journey_drawn_part_way_keeps_everything_else_where_the_whole_map_has_it():
    from game.ui.art import china_map, fonts

    pygame.init()
    rect = pygame.Rect(0, 0, 420, 300)
    places = [("Beijing", 39.9, 116.4), ("Chengdu", 30.66, 104.06), ("Shanghai", 31.23, 121.47)]
    journeys = [((39.9, 116.4), (31.23, 121.47), "first"), ((39.9, 116.4), (30.66, 104.06), "newest")]
    colors = {"bg": (240, 235, 225), "ink": (20, 20, 20), "accent": (160, 30, 30), "land": (220, 215, 205),
              "coast": (120, 110, 100)}
    font = fonts.get_font(14)

    def draw(**kw) -> pygame.Surface:
        s = pygame.Surface(rect.size)
        s.fill(colors["bg"])
        china_map.draw_map(s, rect, places, journeys, colors, font, **kw)
        return s

    whole = draw()
    raw = pygame.image.tobytes
    assert raw(draw(newest=1.0), "RGB") == raw(whole, "RGB")
    parts = [draw(newest=k) for k in (0.0, 0.3, 0.6, 0.9)]
    assert len({raw(s, "RGB") for s in parts}) == 4 and raw(whole, "RGB") not in {raw(s, "RGB") for s in parts}
    # what differs from the whole map is only the newest line and its label: all else is where it will stay
    newest = china_map.layout_map(rect, places, journeys, font).journeys[-1]
    xs, ys = [x for x, _y in newest.curve], [y for _x, y in newest.curve]
    line = pygame.Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).inflate(24, 24)
    for s in parts:
        for x in range(0, rect.w, 3):
            for y in range(0, rect.h, 3):
                if s.get_at((x, y)) != whole.get_at((x, y)):
                    assert line.collidepoint(x, y) or newest.label.rect.collidepoint(x, y), (x, y)
    # and the line grows from its start: drawn a little, the part near its end is still bare
    end = newest.curve[-4]
    assert parts[1].get_at((round(end[0]), round(end[1]))) != whole.get_at((round(end[0]), round(end[1])))
