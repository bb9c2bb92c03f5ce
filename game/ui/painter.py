"""Drawing a frame, and only what changed: everything when the screens or the layout changed, else the views
whose scroll or animation changed, else just the widgets whose focus, hover or press changed; and updating
only those rectangles of the window. A dialog's screens underneath are drawn once and kept.

When the screens change, the change plays as a short slide or fade (transition.py), except under reduced
motion; the loop is woken at frame rate only while it plays (``wake_at``)."""

from __future__ import annotations

import time
from typing import Any

import pygame

from .context import Ctx
from .screen import Screen
from .transition import Surfaces, Transition, kind_for

FULL_DAMAGE = 0.9  # when the changed rectangles cover more than this share of the canvas, redraw it all
FRAME_TIMES_KEPT = 5000


class Painter:
    def __init__(self) -> None:
        self.frame_times: list[float] = []  # seconds per drawn frame, the newest last (for benchmarks)
        self._under: pygame.Surface | None = None  # the screens under a dialog, drawn and dimmed
        self._under_key: Any = None
        self._drawn: Any = None  # what the last frame showed (screens, layout, toast): else redraw all
        self._drawn_views: list[Any] = []  # the top screen's views in the last frame
        self._drawn_top: tuple[int, str] | None = None  # the top screen in the last frame (serial, name)
        self.motion: Transition | None = None  # the change of screens playing now
        self._kept: Surfaces | None = None  # its surfaces, for the next one
        self._flip_due = False  # the whole window drawn but not yet shown (a transition's first frame)

    @property
    def moving(self) -> bool:
        """A transition is playing (or its last frame is still to be drawn)."""
        return self.motion is not None

    def wake_at(self, now: float) -> float | None:
        """When the next frame is due for the transition playing (None: nothing moves)."""
        return self.motion.wake_at(now) if self.motion is not None else None

    def settled(self, window: pygame.Surface, canvas_rect: pygame.Rect) -> pygame.Surface:
        """The window as it stands once the transition playing ends (the window itself when none plays)."""
        if self.motion is None:
            return window
        out = window.copy()
        out.blit(self.motion.after, canvas_rect)
        return out

    def forget(self) -> None:
        """Draw everything next frame (the window was exposed, so its pixels may be gone)."""
        self._drawn = None

    def drop_under(self) -> None:
        """The kept background of a dialog is not needed (an opaque screen came, or every size changed)."""
        self._under = None

    def paint(self, shown: list[Screen], ctx: Ctx, window: pygame.Surface, canvas: pygame.Surface,
              canvas_rect: pygame.Rect, layout_gen: int, toast: str | None, version: int,
              now: float | None = None) -> None:
        """Draw the visible screens (bottom first) and the toast, and show the result (part way through a
        transition while one plays, at ``now`` on the app's clock)."""
        t0 = time.perf_counter()
        now = ctx.now if now is None else now
        under_key = None
        if len(shown) > 1:
            # a dialog over a screen that does not change while it is open: draw that screen once
            under_key = (tuple(s.serial for s in shown[:-1]), layout_gen, canvas_rect.size,
                         tuple(s.built_for for s in shown[:-1]), version)
        drawn = (tuple(s.serial for s in shown), layout_gen, tuple(canvas_rect), window.get_size(), ctx.theme.id,
                 toast, under_key)
        self._start_motion(shown, drawn, ctx, canvas, now)
        motion = self.motion
        # while a transition plays the new frames are drawn into its ``after``, the canvas showing the blend
        target = canvas if motion is None else motion.after
        regions = self.damage(shown, ctx, canvas) if drawn == self._drawn else None
        self._drawn = None  # until this frame is drawn (an error part way: all of the next one)
        if regions is None:
            self._draw_all(shown, under_key, ctx, window, target, canvas_rect, toast)
            if motion is not None:
                motion.drawn(target.get_rect())
            else:
                pygame.display.flip()
            self._flip_due = motion is not None  # the letterbox bars too, when the transition next shows
        elif regions:
            for r in regions:
                target.set_clip(r)
                self._draw_over(shown, ctx, target, toast, partial=True)
                target.set_clip(None)
                if motion is not None:
                    motion.drawn(r)
            if motion is None:
                pygame.display.update([r.move(canvas_rect.topleft) for r in regions])
        if motion is not None and not motion.at_start(now):
            # (at its start the frame is the one on the window: nothing to blend or show)
            if motion.done(now):
                motion.finish(canvas)
                self.motion = None
            else:
                motion.compose(canvas, now)
            if self._flip_due:
                pygame.display.flip()
                self._flip_due = False
            else:
                pygame.display.update(canvas_rect)
        self._drawn = drawn
        self._drawn_top = (shown[-1].serial, shown[-1].name) if shown else None
        self._drawn_views = list(shown[-1].views) if shown else []
        self.frame_times.append(time.perf_counter() - t0)
        if len(self.frame_times) > FRAME_TIMES_KEPT:
            del self.frame_times[:FRAME_TIMES_KEPT // 2]

    def _start_motion(self, shown: list[Screen], drawn: Any, ctx: Ctx, canvas: pygame.Surface, now: float) -> None:
        """Begin a transition when the top screen changed since the last frame and that frame is still on the
        canvas at the same size and layout; end the one playing when it cannot go on."""
        last = self._drawn
        same_layout = last is not None and last[1:4] == drawn[1:4]
        if self.motion is not None and (ctx.reduced_motion or not same_layout or not self.motion.fits(canvas)):
            self.motion = None
            self._drawn = None  # cut short: the whole frame drawn and shown again
            return
        if ctx.reduced_motion or not same_layout or last[0] == drawn[0]:
            return
        top = shown[-1] if shown else None
        kind = kind_for(last[0], self._drawn_top, (top.serial, top.name, top.opaque) if top else None)
        if kind is not None:
            # what the window shows now (the last frame, or the blend of a transition cut short) is where it
            # starts from; the canvas holds it until the first blend
            self._kept = Transition.surfaces(canvas, self._kept)
            self.motion = Transition(kind, self._kept, now, ctx)

    def _draw_all(self, shown: list[Screen], under_key: Any, ctx: Ctx, window: pygame.Surface,
                  canvas: pygame.Surface, canvas_rect: pygame.Rect, toast: str | None) -> None:
        if canvas_rect.size != window.get_size():
            self._fill_bars(window, canvas_rect, ctx.theme["header"])
        if len(shown) > 1:
            if under_key != self._under_key or self._under is None:
                for s in shown[:-1]:
                    s.draw(ctx, canvas)
                if shown[-1].dim_under:
                    from .drawing import dim

                    dim(canvas, ctx.theme["overlay"], shown[-1].dim_under)
                if self._under is not None and self._under.get_size() == canvas.get_size():
                    self._under.blit(canvas, (0, 0))
                else:
                    self._under = canvas.copy()
                self._under_key = under_key
            else:
                canvas.blit(self._under, (0, 0))
        else:
            self._under = None
            self._under_key = None
        self._draw_over(shown, ctx, canvas, toast)

    @staticmethod
    def _fill_bars(window: pygame.Surface, canvas_rect: pygame.Rect, colour: Any) -> None:
        """The letterbox bars around the canvas, not the canvas (it may still show the last frame)."""
        w, h = window.get_size()
        c = canvas_rect
        for bar in ((0, 0, w, c.top), (0, c.bottom, w, h - c.bottom), (0, c.top, c.left, c.h),
                    (c.right, c.top, w - c.right, c.h)):
            if bar[2] > 0 and bar[3] > 0:
                window.fill(colour, bar)

    def _draw_over(self, shown: list[Screen], ctx: Ctx, canvas: pygame.Surface, toast: str | None, *,
                   partial: bool = False) -> None:
        """The top screen (or the only one) and the toast, within the canvas's clip."""
        if len(shown) > 1:
            if partial and self._under is not None:
                canvas.blit(self._under, (0, 0))  # the dimmed screens below, within the clip
            shown[-1].draw(ctx, canvas)
        elif shown:
            shown[0].draw(ctx, canvas)
        else:
            canvas.fill(ctx.theme["bg"])
        if toast:
            from .drawing import toast as draw_toast

            draw_toast(ctx, canvas, toast)

    def damage(self, shown: list[Screen], ctx: Ctx, canvas: pygame.Surface) -> list[pygame.Rect] | None:
        """The parts of the canvas to redraw when the screens and the layout are those of the last frame
        (None: all of it): where views came and went (a screen composed again keeps the views whose content
        did not change), the views whose scroll or animation changed, and around each widget whose focus,
        hover or press changed, room for its focus ring."""
        top = shown[-1] if shown else None
        if top is None:
            return []
        st = top.st
        rects: list[pygame.Rect] = []
        ring = max(2, ctx.px(2)) + max(3, ctx.px(3)) + ctx.px(1) + 2  # the ring's gap and width, a press, a margin
        for v in self._drawn_views:
            if not any(v is u for u in top.views) and v.drawn_rect is not None:
                rects.append(v.drawn_rect)  # gone: what was under it shows again
        for v in top.views:
            was = v.drawn
            if was is None:  # new, or laid out again
                rects.append(pygame.Rect(v.rect))
                if v.drawn_rect is not None:
                    rects.append(v.drawn_rect)
                continue
            now = v.state(ctx, st, top.view_key(v))
            if now == was:
                continue
            if now[0] != was[0] or now[5] != was[5] or now[6] != was[6]:  # scroll, animation, theme
                rects.append(pygame.Rect(v.rect))
                continue
            changed = {w for i in (1, 2, 3) if now[i] is not was[i] for w in (now[i], was[i]) if w is not None}
            if now[4] != was[4] and now[1] is not None:
                changed.add(now[1])
            rects += [w.rect.inflate(2 * ring, 2 * ring) for w in changed]
        area = canvas.get_rect()
        merged: list[pygame.Rect] = []
        for r in rects:
            r = r.clip(area)
            if r.w <= 0 or r.h <= 0:
                continue
            for m in list(merged):  # overlapping rectangles become one: nothing is drawn twice
                if m.colliderect(r):
                    merged.remove(m)
                    r = r.union(m)
            merged.append(r)
        if sum(r.w * r.h for r in merged) > FULL_DAMAGE * area.w * area.h:
            return None
        return merged
