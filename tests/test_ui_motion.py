"""Screen transitions (issue 15, "Look and motion"): a pushed screen slides and fades in, going back fades,
a dialog fades in over its veil; each takes at most 200 ms of the app's clock, none plays under reduced
motion, input during one reaches the new screen, and once it ends the loop sleeps until input and draws only
what changes. Also the motion module's tweens on their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ui import motion
from game.ui.motion import Timeline, Tween

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


# -- the motion module (no pygame) ------------------------------------------------------------------------
def test_tween_runs_from_start_to_end_on_the_given_clock():
    t = Tween(10.0, 0.2, motion.linear)
    assert t.progress(10.0) == 0.0 and not t.done(10.0)
    assert t.progress(10.1) == pytest.approx(0.5)
    assert t.value(10.05, 40, 0) == pytest.approx(30)
    assert t.progress(10.2) == 1.0 and t.done(10.2)
    assert t.progress(99.0) == 1.0 and t.progress(5.0) == 0.0  # clamped either side
    assert t.wake_at(10.0) == pytest.approx(10.0 + motion.FRAME)
    assert t.wake_at(10.19) == pytest.approx(10.2)  # the last frame exactly at the end
    assert t.wake_at(10.2) is None


def test_easings_start_at_0_and_end_at_1_and_ease_out_is_ahead_of_linear():
    for ease in (motion.linear, motion.ease_out_cubic, motion.ease_out_quart, motion.ease_in_out_cubic,
                 motion.ease_out_back):
        assert ease(0.0) == pytest.approx(0.0) and ease(1.0) == pytest.approx(1.0)
    assert motion.ease_out_quart(0.3) > motion.ease_out_cubic(0.3) > 0.3
    assert motion.ease_in_out_cubic(0.2) < 0.2 < 0.8 < motion.ease_in_out_cubic(0.8)
    assert max(motion.ease_out_back(i / 100) for i in range(101)) > 1.0  # the stamp's overshoot


def test_reduced_motion_is_the_final_state_at_once_and_never_wakes():
    t = Tween(10.0, 0.2, reduced=True)
    assert t.done(10.0) and t.progress(10.0) == 1.0 and t.value(10.0, 40, 0) == 0
    assert t.wake_at(10.0) is None
    tl = Timeline(10.0, reduced=True)
    tl.add("drop", 0.1)
    tl.add("ink", 0.1)
    assert tl.done(10.0) and tl.wake_at(10.0) is None and tl.progress("ink", 10.0) == 1.0


def test_timeline_plays_its_tweens_one_after_another():
    tl = Timeline(0.0)
    tl.add("drop", 0.1, motion.linear)
    tl.add("ink", 0.2, motion.linear)  # after the drop
    tl.add("glow", 0.05, motion.linear, at=0.0)  # with the drop
    assert tl.end == pytest.approx(0.3)
    assert tl.progress("ink", 0.1) == 0.0 and tl.progress("drop", 0.05) == pytest.approx(0.5)
    assert tl.progress("ink", 0.2) == pytest.approx(0.5)
    assert not tl.done(0.25) and tl.done(0.3 + 1e-9)
    assert tl.wake_at(0.3 + 1e-9) is None
    late = Tween(1.0, 0.1)
    assert late.wake_at(0.5) == 1.0  # nothing moves before it begins: the loop sleeps until then
    with pytest.raises(ValueError):
        Tween(0.0, -1)


# -- screen transitions in the window ---------------------------------------------------------------------
pygame = pytest.importorskip("pygame")

from game.modes.settings import Settings  # noqa: E402
from game.ui.pilot import Pilot  # noqa: E402
from game.ui.transition import DURATION  # noqa: E402

pytestmark = pytest.mark.usefixtures("user_home")


def frame(p: Pilot) -> bytes:
    return pygame.image.tobytes(p.app.canvas, "RGB")


def start(**kw) -> Pilot:
    p = Pilot.start(EXAMPLE, **kw)
    p.auto_settle = False  # to look at the frames part way through
    return p


def to_play(p: Pilot) -> None:
    p.click(key="play")
    p.settle()
    p.click(key="life:ming")
    p.settle()
    assert p.screen == "play"


def played(p: Pilot) -> tuple[list[bytes], float]:
    """Every frame of the transition playing now, one a frame on the clock, and the clock it took."""
    frames, t0 = [frame(p)], p.clock.t
    while p.app.painter.moving:
        w = p.app.painter.wake_at(p.clock.t)
        assert w is not None and w - p.clock.t <= motion.FRAME + 1e-9  # woken at frame rate while it plays
        p.step(dt=w - p.clock.t)
        frames.append(frame(p))
    return frames, p.clock.t - t0


def change(how: str, *, reduced: bool) -> tuple[Pilot, bytes]:
    """Open a pilot and make one change of screens (``push``, ``back``, ``dialog`` or ``close``); the pilot
    and the frame before the change. (Two pilots share pygame's one window, so they run one after the other.)"""
    p = start(settings=Settings(reduced_motion=reduced))
    if how in ("dialog", "close"):
        to_play(p)
    if how == "close":
        p.key("escape")
        p.settle()
    elif how == "back":
        p.click(key="about")
        p.settle()
    before = frame(p)
    if how == "push":
        p.click(key="about")
    else:
        p.key("escape")
    assert p.screen == {"push": "about", "back": "title", "dialog": "pause", "close": "play"}[how]
    return p, before


@pytest.mark.parametrize("how", ["push", "back", "dialog", "close"])
def test_a_screen_change_moves_for_at_most_200_ms_and_ends_where_reduced_motion_is_at_once(how):
    p, before = change(how, reduced=False)
    kind = {"push": "enter", "back": "back", "dialog": "dialog", "close": "close"}[how]
    assert p.app.painter.motion is not None and p.app.painter.motion.kind == kind
    assert (p.app.painter.motion.slide > 0) == (kind == "enter")  # only a screen coming in slides
    frames, took = played(p)
    assert 0 < took <= motion.SCREEN_MAX and took == pytest.approx(DURATION[kind])
    assert len(frames) >= 5  # it is seen moving, at frame rate
    middle = frames[len(frames) // 2]
    assert middle != before and middle != frames[-1]
    assert p.app.timeout_ms() is None  # settled: the loop sleeps until input
    assert p.app.errors == []
    moved = frames[-1]

    p, before = change(how, reduced=True)
    assert not p.app.painter.moving and p.app.timeout_ms() is None  # no motion, no wake-ups
    assert p.settle() == 0.0
    assert frame(p) != before
    assert frame(p) == moved  # the motion ends on the very frame drawn with no motion at all
    assert p.app.errors == []


def shown_frames(monkeypatch) -> list[bytes]:
    """The canvas each time the window is updated (flip or update): the frames a viewer sees, filled in as
    the pilot steps."""
    shown: list[bytes] = []
    real_update, real_flip = pygame.display.update, pygame.display.flip
    monkeypatch.setattr(pygame.display, "update", lambda *a: (shown.append(frame(_pilot[0])), real_update(*a)))
    monkeypatch.setattr(pygame.display, "flip", lambda: (shown.append(frame(_pilot[0])), real_flip()))
    return shown


_pilot: list[Pilot] = []  # the pilot whose canvas shown_frames reads


@pytest.mark.parametrize("how", ["push", "back", "dialog", "close"])
def test_no_frame_flashes_lighter_or_darker_than_both_ends(how, monkeypatch):
    """A fade through the paper would flash the dark header light and back at every change (WCAG 2.3.1)."""
    p = start(settings=Settings(reduced_motion=False))
    if how in ("dialog", "close"):
        to_play(p)
    if how == "close":
        p.key("escape")
        p.settle()
    elif how == "back":
        p.click(key="about")
        p.settle()
    _pilot[:] = [p]
    old = frame(p)
    shown = shown_frames(monkeypatch)
    p.click(key="about") if how == "push" else p.key("escape")
    assert p.app.painter.moving
    played(p)
    assert len(shown) >= 5
    size = p.app.canvas.get_size()
    colours = [pygame.transform.average_color(pygame.image.frombytes(f, size, "RGB")) for f in [old, *shown]]
    first, last = colours[0], colours[-1]
    assert first != last
    for colour in colours:
        for c in range(3):
            assert min(first[c], last[c]) - 2 <= colour[c] <= max(first[c], last[c]) + 2


def test_a_transition_shows_nothing_new_on_its_first_frame_and_moves_from_the_next(monkeypatch):
    """At its start a transition's frame is the old one, still on the window: that frame draws the new
    screens but neither blends nor updates the window (the cost of the change kept to that of the drawing)."""
    p = start()
    _pilot[:] = [p]
    before = frame(p)
    shown = shown_frames(monkeypatch)
    p.click(key="about")
    assert p.app.painter.moving and shown == []  # the window still shows the title, as it should
    p.step(dt=p.app.painter.wake_at(p.clock.t) - p.clock.t)
    assert len(shown) == 1 and shown[0] != before  # the next frame: part way in
    p.settle()
    assert shown[-1] == frame(p) != shown[0]


def test_a_transition_cut_short_before_it_showed_starts_the_next_from_the_window():
    """Going back before anything of the new screen showed: the fade back starts from the frame on the
    window (the title), not from the About page drawn but never shown."""
    p = start()
    title = frame(p)
    p.click(key="about")
    p.key("escape")
    m = p.app.painter.motion
    assert m is not None and m.kind == "back"
    assert frame(p) == title  # nothing of either transition shown yet
    p.step(dt=p.app.painter.wake_at(p.clock.t) - p.clock.t)
    assert p.app.painter.motion is m and pygame.image.tobytes(m.before, "RGB") == title
    p.settle()
    settled = frame(p)
    p.app.painter.forget()  # the same state drawn from nothing: the transition ended on the true frame
    p.app.dirty = True
    p.step()
    assert frame(p) == settled and p.app.errors == []


def test_input_during_a_transition_reaches_the_new_screen_at_once():
    p = start()
    p.click(key="about")
    assert p.app.painter.moving and p.screen == "about"
    p.key("escape")  # before the About page has finished coming in: it goes back at once
    assert p.screen == "title"
    assert p.app.painter.motion.kind == "back"  # from the frame on the window, part way in
    p.settle()
    p.key("tab")  # the title's focus moves: its keys work on the screen shown
    focused = p.focus.key
    p.key("tab")
    assert p.focus.key != focused
    p.settle()
    p.click(key="play")
    assert p.screen == "lives" and p.app.painter.moving
    p.click(key="life:ming")  # clicked where the button is, while the page still slides in
    assert p.screen == "play"
    p.settle()
    assert p.app.errors == []


def test_a_settled_screen_draws_only_what_changes_again(monkeypatch):
    p = start()
    p.click(key="about")
    p.settle()
    updates: list[object] = []
    real_update, real_flip = pygame.display.update, pygame.display.flip
    monkeypatch.setattr(pygame.display, "update", lambda *a: (updates.append(a), real_update(*a)))
    monkeypatch.setattr(pygame.display, "flip", lambda: (updates.append("all"), real_flip()))
    back = p.find(key="back")
    pos = p.window_pos(back)
    p.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    p.step()
    assert updates and "all" not in updates  # the hovered button's rectangle, not the whole window
    rects = updates[-1][0]
    assert sum(r.w * r.h for r in rects) < 0.2 * p.app.canvas.get_width() * p.app.canvas.get_height()
    hovered = frame(p)
    p.app.painter.forget()  # the same state drawn from nothing
    p.app.dirty = True
    p.step()
    assert frame(p) == hovered
    assert p.app.timeout_ms() is None and p.app.errors == []


def test_a_new_scene_in_play_does_not_crossfade():
    p = start()
    to_play(p)
    p.click(key="choice:fast")
    assert p.app.game.session.state.node == "refused"
    assert not p.app.painter.moving  # the same play screen: its words come in by its own reveal
    # the choice put the player on a list: its seal lands on the ID card panel (cardmotion.py), then rest
    assert p.app.timeout_ms() is not None
    p.step(60, dt=1 / 60)  # a second: the seal (0.35 s) and the grade's slide (0.5 s) are long over
    assert not p.app.painter.moving and p.app.timeout_ms() is None


def test_a_resize_part_way_ends_the_transition_on_the_new_layout():
    p = start()
    p.click(key="about")
    p.step(dt=0.05)
    assert p.app.painter.moving
    p.resize((1024, 768))
    assert not p.app.painter.moving
    drawn = frame(p)
    p.app.painter.forget()
    p.app.dirty = True
    p.step()
    assert frame(p) == drawn
    assert p.app.errors == []


def test_turning_reduced_motion_on_stops_a_transition_at_once():
    p = start()
    p.click(key="about")
    p.step(dt=0.05)
    assert p.app.painter.moving
    p.set_settings(reduced_motion=True)
    assert not p.app.painter.moving and p.app.timeout_ms() is None
    drawn = frame(p)
    p.app.painter.forget()
    p.app.dirty = True
    p.step()
    assert frame(p) == drawn  # the whole new screen, nothing left of the blend
    assert p.app.errors == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_pushed_screen_of_a_life_comes_in_within_200_ms(lang):
    p = start(lang=lang)
    to_play(p)
    for target in ("journal", "card"):
        p.key("escape")  # the pause menu
        assert p.screen == "pause"
        _, took = played(p)
        assert 0 < took <= motion.SCREEN_MAX
        p.click(key=target)
        assert p.screen in ("journal", "card")
        frames, took = played(p)
        assert 0 < took <= motion.SCREEN_MAX and frames[len(frames) // 2] != frames[-1]
        p.key("escape")
        _, took = played(p)
        assert 0 < took <= motion.SCREEN_MAX and p.screen == "play"
    assert p.app.errors == []


def test_screenshots_show_the_screen_as_it_settles_not_part_way_in(tmp_path):
    p = start(screenshot_dir=str(tmp_path))
    p.click(key="about")
    assert p.app.painter.moving
    saved = sorted(tmp_path.glob("*-about.png"))
    assert len(saved) == 1  # saved on the transition's first frame, before anything of it shows
    p.settle()
    shot = pygame.image.load(str(saved[0]))
    assert pygame.image.tobytes(shot, "RGB") == pygame.image.tobytes(p.app.window, "RGB")


def test_a_letterboxed_window_ends_a_transition_as_with_no_motion():
    """With bars beside the canvas (a window wider than 21:9) the first frame fills the bars but leaves the
    canvas showing the old frame, and the last frame shows the whole window as with no motion."""
    windows = []
    for reduced in (True, False):
        p = start(size=(1600, 400), settings=Settings(reduced_motion=reduced))
        assert p.app.canvas_rect.size != p.app.window.get_size()  # letterboxed
        before = frame(p)
        p.click(key="about")
        assert p.app.painter.moving != reduced
        if not reduced:
            assert frame(p) == before  # the old frame, still on the window
            played(p)
        windows.append(pygame.image.tobytes(p.app.window, "RGB"))
        assert p.app.errors == []
    assert windows[0] == windows[1]
