"""The window: the screen stack, the event loop, scaling and letterboxing, and the command line.

The loop redraws only when something changed (a dirty flag) and otherwise sleeps until the next thing
due (an animation, autoplay, the kiosk's idle clock), looking at the event queue every few
milliseconds after input and less and less often while the page sits idle, so an idle page costs
almost nothing (pygame's ``event.wait`` would wake a thousand times a second). A frame redraws only
what changed: everything when the screens or the layout changed, else the views whose scroll or
animation changed, else just the widgets whose focus, hover or press changed, and updates only those
rectangles of the window. The story loads on a thread after the first frame.
"""

from __future__ import annotations

import gc
import importlib
import os
import random
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from . import modesbridge
from .context import DESIGN_H, DESIGN_W, Ctx
from .fonts import FontBook
from .keys import action_for
from .options import Options, parse
from .screen import Screen
from .speechbridge import SpeechBridge
from .theme import THEMES

Clock = Callable[[], float]
MIN_ASPECT, MAX_ASPECT = 4 / 3, 21 / 9
# the loop's sleeps between looks at the event queue when nothing is due: short right after input (typing
# and dragging stay smooth), growing with the time since (a tenth of it) to the longest, which is the most
# the first touch after a long idle can wait
NAP_MIN, NAP_MAX = 0.008, 0.05
FULL_DAMAGE = 0.9  # when the changed rectangles cover more than this share of the canvas, redraw it all

if sys.platform.startswith("linux"):
    # SDL2 on Linux opens a throwaway OpenGL context to decide how to present the window, which loads the
    # GL driver (about 100 MB resident, and a tenth of a second, with Mesa) for a game that draws in software
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


class App:
    def __init__(self, opts: Options, *, clock: Clock = time.monotonic, threaded: bool = True) -> None:
        self.opts = opts
        self.clock = clock
        self.threaded = threaded
        self.started = clock()
        if not pygame.display.get_init():
            pygame.display.init()
        if not pygame.font.get_init():
            pygame.font.init()
        pygame.display.set_caption("On the List")
        # the first frame uses the few settings it needs, read quickly; the full load runs with the story
        self.settings: Any = modesbridge.FallbackSettings() if opts.kiosk else modesbridge.quick_settings()
        self.settings_message: str | None = None
        self.settings_pending = not opts.kiosk  # replaced by the fully validated settings once loaded
        self._loaded_settings: Any = None
        if opts.lang:
            self.settings.language = opts.lang
        self.fullscreen = bool(opts.fullscreen or opts.kiosk or getattr(self.settings, "fullscreen", False))
        self.window = self._open_window(opts.size)
        self.stack: list[Screen] = []
        self._retired: list[Screen] = []  # screens taken off the stack, released after the frame
        self.dirty = True
        self.running = True
        self.layout_gen = 0
        self.game: Any = None  # GameCtl once the story is loaded
        self.load_result: Any = None
        self.load_error: str | None = None
        self._loader: threading.Thread | None = None
        self._loaded = False
        self.pending: list[Callable[[], None]] = []
        self.errors: list[str] = []  # exceptions caught while handling input (tests assert none)
        self.frames = 0
        self.draws = 0
        self.kiosk: Any = None
        self.guard: Any = None
        self.exit_status = 0  # a kiosk's staff exit ends with its own status, so supervisors stay down
        self.rng = random.Random(opts.seed)
        self.next_auto = self.started + opts.pace
        self._shot_key: Any = None
        self._shots = 0
        self.frame_times: list[float] = []
        self.first_frame_at: float | None = None
        self._finger: int | None = None
        self.export_dir = opts.export_dir
        self.toast: str | None = None
        self._under: pygame.Surface | None = None
        self._under_key: Any = None
        self._toast_at = 0.0
        self._drawn: Any = None  # what the last frame showed (screens, layout, toast): else redraw all
        self._drawn_views: list[Any] = []  # the top screen's views in the last frame
        self._last_input = time.monotonic()
        self.speech = SpeechBridge(self)  # reads screens aloud when the speech setting is on
        self._build_ctx()

    # -- window and scaling ------------------------------------------------------------------------
    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        if self.fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                pass
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _build_ctx(self) -> None:
        W, H = self.window.get_size()
        s = min(W / DESIGN_W, H / DESIGN_H)
        # the layout reflows, so the canvas may take any shape from 4:3 to 21:9; beyond that, letterbox
        cw = max(1, min(W, round(H * MAX_ASPECT)))
        ch = max(1, min(H, round(W / MIN_ASPECT)))
        self.canvas_rect = pygame.Rect((W - cw) // 2, (H - ch) // 2, cw, ch)
        self.canvas = self.window.subsurface(self.canvas_rect)
        theme = THEMES["contrast" if getattr(self.settings, "high_contrast", False) else "paper"]
        text_scale = float(getattr(self.settings, "text_scale", 1.0) or 1.0)
        overflow = self.ctx.overflow if hasattr(self, "ctx") else []
        if hasattr(self, "ctx") and (self.ctx.scale, self.ctx.fonts.text_scale) != (s, text_scale):
            from . import artbridge
            from .drawing import clear_blocks
            from .fonts import clear_caches

            clear_blocks()  # every size changed: the cached lines, fonts and pictures of the old one are dead weight
            clear_caches()
            artbridge.clear_caches()
            self._under = None
        self.ctx = Ctx(theme, FontBook(s, text_scale), s, (cw, ch), self.settings, overflow, self.clock())
        self.layout_gen += 1
        self.dirty = True

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(320, int(size[0])), max(240, int(size[1])))
        if self.window.get_size() != size and not self.fullscreen:
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        else:
            self.window = pygame.display.get_surface() or self.window
        self._build_ctx()

    def toggle_fullscreen(self) -> None:
        if self.opts.kiosk:
            return
        self.fullscreen = not self.fullscreen
        self.window = self._open_window(self.opts.size)
        self.apply_settings(modesbridge.copy_settings(self.settings, fullscreen=self.fullscreen), save=True)

    def apply_settings(self, settings: Any, *, save: bool = True) -> None:
        self.settings_pending = False
        settings = modesbridge.real_settings(settings)
        self.settings = settings
        if self.kiosk is not None:
            self.kiosk.visit.settings = settings
        elif save:
            msg = modesbridge.save_settings(settings)
            if msg:
                self.settings_message = msg
        if self.game is not None:
            lang = getattr(settings, "language", None)
            self.game.set_lang(lang)
        self._build_ctx()

    def notify(self, text: str) -> None:
        """A message shown at the foot of the screen until the next input."""
        self.toast = text
        self._toast_at = self.clock()
        self.dirty = True

    def to_canvas(self, pos: tuple[float, float]) -> tuple[int, int]:
        return int(pos[0]) - self.canvas_rect.x, int(pos[1]) - self.canvas_rect.y

    # -- the stack ---------------------------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> None:
        if screen.opaque:
            for s in self.stack:  # hidden now: their drawings are not needed until they show again
                for v in s.views:
                    v.drop_cache()
            self._under = None
        self.stack.append(screen)
        screen.on_enter()
        self.dirty = True

    def pop(self) -> Screen | None:
        s = self.stack.pop() if len(self.stack) > 1 else None
        if s is not None:
            self._retired.append(s)
        if self.top is not None:
            self.top.built_for = None
            self.top.on_enter()
        self.dirty = True
        return s

    def replace(self, screen: Screen) -> None:
        if self.stack:
            self._retired.append(self.stack.pop())
        self.push(screen)

    def reset_to(self, screen: Screen) -> None:
        self._retired += self.stack
        self.stack.clear()
        self.push(screen)

    def find(self, name: str) -> Screen | None:
        return next((s for s in reversed(self.stack) if s.name == name), None)

    def pop_to(self, name: str) -> None:
        while len(self.stack) > 1 and self.top is not None and self.top.name != name:
            self._retired.append(self.stack.pop())
        if self.top is not None:
            self.top.built_for = None
            self.top.on_enter()
        self.dirty = True

    # -- the story ---------------------------------------------------------------------------------
    def boot(self) -> None:
        """The first screen, then the story load (on a thread when threaded, started once the first frame is
        drawn: until then the loader would take half the interpreter's time from it)."""
        from .screens.title import TitleScreen

        self.reset_to(TitleScreen(self))
        if self.threaded:
            self._loader = threading.Thread(target=self._load, daemon=True)
        else:
            self._load()
            self._after_load()

    def _load(self) -> None:
        if self.settings_pending:
            try:
                self._loaded_settings = modesbridge.load_settings()
            except Exception as exc:  # noqa: BLE001
                self._loaded_settings = (modesbridge.default_settings(), f"The settings could not be read ({exc}).")
        try:
            self.load_result = self._load_story()
        except Exception as exc:  # noqa: BLE001 - shown on the error screen
            self.load_error = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        _warm_up()

    def _load_story(self):
        """The story, from the cache when its files have not changed since it last validated cleanly.
        A kiosk writes nothing to disk, so it does not keep a cache."""
        from ..engine.cache import load_with_cache
        from ..engine.diagnostics import Report
        from ..engine.loader import LoadResult

        cache_dir = None
        if not self.opts.kiosk:
            try:
                from ..modes.paths import cache_dir as user_cache_dir

                cache_dir = user_cache_dir()
            except Exception:  # noqa: BLE001 - no cache folder only means a slower start
                cache_dir = None
        story, report = load_with_cache(self.opts.story, cache_dir)
        if report is None:  # from the cache: it validated without errors when it was written
            return LoadResult(story, Report())
        return LoadResult(story, report)

    def _after_load(self) -> None:
        from .gamectl import GameCtl
        from .screens.error import ErrorScreen

        self._loaded = True
        if self.settings_pending and self._loaded_settings is not None:
            settings, self.settings_message = self._loaded_settings
            if self.opts.lang:
                settings = modesbridge.copy_settings(settings, language=self.opts.lang)
            self.settings_pending = False
            if settings != modesbridge.real_settings(self.settings):
                self.apply_settings(settings, save=False)
            else:
                self.settings = settings
        r = self.load_result
        if self.load_error or r is None or r.story is None or r.report.errors:
            self.reset_to(ErrorScreen.for_story(self, r, self.load_error, self.opts.story))
            return
        self.game = GameCtl(r.story, getattr(self.settings, "language", None), self.opts.seed)
        if self.opts.kiosk:
            self._start_kiosk()
            return
        if self.opts.classroom:
            from .screens.classroom import TeacherScreen

            self.game.autosave_on = False
            self.reset_to(TeacherScreen(self, preselect=self.opts.character))
            return
        if self.opts.character:
            if self.opts.character not in r.story.lives:
                self.reset_to(ErrorScreen(self, "There is no such life",
                                          [f"This story has no life '{self.opts.character}'.",
                                           "Lives: " + ", ".join(r.story.lives)]))
                return
            try:
                self.start_life(self.opts.character, self.opts.start)
            except KeyError as exc:
                self.reset_to(ErrorScreen(self, "Cannot start this life", [str(exc.args[0])]))
            return
        if self.top is not None:
            self.top.rebuild()
        for f in self.pending:
            f()
        self.pending.clear()

    def when_loaded(self, f: Callable[[], None]) -> None:
        if self.game is not None:
            f()
        else:
            self.pending.append(f)

    def _start_kiosk(self) -> None:
        from .screens.kiosk import AttractScreen

        self.kiosk, msg = modesbridge.make_kiosk(self.game.story, self.clock)
        if self.kiosk is not None:
            self.game.autosave_on = False
            self.guard = self.kiosk.guard
            self.apply_settings(self.kiosk.config.visitor_settings(), save=False)
        self.reset_to(AttractScreen(self))

    def start_life(self, life_id: str, start: str = "main") -> None:
        from .screens.play import PlayScreen

        if self.kiosk is not None:
            self.game.adopt(self.kiosk.start_visit(life_id))
        else:
            self.game.start(life_id, start)
        self.push(PlayScreen(self))

    def kiosk_reset(self) -> None:
        from .screens.kiosk import AttractScreen

        if self.kiosk is None:
            return
        self.game.end_run()
        self.apply_settings(self.kiosk.config.visitor_settings(), save=False)
        self.reset_to(AttractScreen(self))

    # -- events ------------------------------------------------------------------------------------
    def handle(self, ev: pygame.event.Event) -> None:
        t = ev.type
        top = self.top
        if t == pygame.QUIT:
            self.request_quit("window")
            return
        if t == pygame.VIDEORESIZE:
            self.resize((ev.w, ev.h))
            return
        if t in (pygame.WINDOWSIZECHANGED, pygame.WINDOWRESIZED):
            surf = pygame.display.get_surface()
            if surf is not None and surf.get_size() != tuple(self.canvas_rect.size):
                self.window = surf
                self._build_ctx()
            return
        if t in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED, pygame.WINDOWFOCUSGAINED):
            self.dirty = True
            self._drawn = None  # draw everything again
            return
        if top is None:
            return
        is_input = t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.FINGERDOWN, pygame.FINGERUP,
                         pygame.KEYDOWN, pygame.MOUSEWHEEL)
        if is_input or t in (pygame.MOUSEMOTION, pygame.FINGERMOTION):
            self.ensure_layout()  # widgets must match the state the last event left
            top = self.top
            if top is None:
                return
        if is_input and self.kiosk is not None:
            self.kiosk.touch()
        if is_input and self.toast and self.clock() - self._toast_at > 0.4:
            self.toast = None
            self.dirty = True
        if t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            if getattr(ev, "touch", False):
                return  # SDL's copy of a touch: the finger events below already handled it
            pos = self.to_canvas(ev.pos)
            if t == pygame.MOUSEMOTION:
                if top.pointer_move(pos, "mouse", self.ctx):
                    self.dirty = True
                return
            if ev.button != 1:
                return
            if t == pygame.MOUSEBUTTONDOWN:
                top.pointer_down(pos, "mouse")
            else:
                top.pointer_up(pos, "mouse")
            self.dirty = True
            return
        if t in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            W, H = self.window.get_size()
            pos = self.to_canvas((ev.x * W, ev.y * H))
            fid = getattr(ev, "finger_id", 0)
            if t == pygame.FINGERDOWN:
                if self._finger is not None:
                    return  # one finger at a time
                self._finger = fid
                top.pointer_down(pos, "touch")
            elif fid != self._finger:
                return
            elif t == pygame.FINGERMOTION:
                if top.pointer_move(pos, "touch", self.ctx):
                    self.dirty = True
                return
            else:
                self._finger = None
                top.pointer_up(pos, "touch")
            self.dirty = True
            return
        if t == pygame.MOUSEWHEEL:
            if getattr(ev, "touch", False):
                return
            top.wheel(int(ev.y) or (1 if getattr(ev, "precise_y", 0) > 0 else -1 if getattr(ev, "precise_y", 0) < 0
                                    else 0), self.to_canvas(pygame.mouse.get_pos()), self.ctx)
            self.dirty = True
            return
        if t == pygame.KEYDOWN:
            self._key(ev)
            self.dirty = True

    def _key(self, ev: pygame.event.Event) -> None:
        mod = ev.mod
        if self.guard is not None:
            name = pygame.key.name(ev.key).lower()
            if self.guard.key(name, ctrl=bool(mod & pygame.KMOD_CTRL), shift=bool(mod & pygame.KMOD_SHIFT),
                              alt=bool(mod & pygame.KMOD_ALT), meta=bool(mod & pygame.KMOD_META)):
                from .screens.kiosk import PinScreen

                if self.find("pin") is None:
                    self.push(PinScreen(self))
                return
        top = self.top
        if top is not None and hasattr(top, "text_key") and top.text_key(ev):
            return
        if ev.key == pygame.K_F4 and mod & pygame.KMOD_ALT:
            self.request_quit("alt+f4")
            return
        action = action_for(ev.key, mod)
        if action is None:
            return
        if action == "fullscreen":
            self.toggle_fullscreen()
            return
        if self.speech.on_action(action):
            return
        if top is not None:
            top.key_action(action)

    def request_quit(self, source: str) -> None:
        if self.guard is not None and not self.guard.allow_quit(source):
            return
        if self.kiosk is not None and self.guard is not None and self.guard.unlocked:
            # the supervisor (systemd unit, Windows task) restarts the game after any other exit
            self.exit_status = self.kiosk.staff_exit()
        self.running = False

    # -- the loop ----------------------------------------------------------------------------------
    def safely(self, f: Callable[[], None]) -> None:
        try:
            f()
        except Exception as exc:  # noqa: BLE001 - never a crash in front of a class
            from .screens.error import ErrorScreen

            text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            self.errors.append(text)
            print(text, file=sys.stderr)
            self.push(ErrorScreen(self, "Something went wrong", [f"{type(exc).__name__}: {exc}",
                                  "You can go back and carry on; the problem was written to the log."],
                                  can_go_back=True))

    def step(self, events: list[pygame.event.Event]) -> None:
        """One frame: handle events, advance timers, redraw if needed."""
        for ev in events:
            self.safely(lambda ev=ev: self.handle(ev))
        if self._loader is not None and self._loader.ident is None:
            self._loader.start()  # normally done by the first frame, unless that frame failed
        if self._loader is not None and not self._loaded and not self._loader.is_alive():
            self.safely(self._after_load)
        now = self.clock()
        self.ctx.now = now
        if self.kiosk is not None:
            self.safely(lambda: self._kiosk_tick())
        if self.opts.autoplay and now >= self.next_auto:
            self.next_auto = now + self.opts.pace
            self.safely(self.autoplay_step)
        top = self.top
        if top is not None and top.update(now):
            self.dirty = True
        if self.dirty:
            self.safely(self.draw)
        self.safely(self.speech.after_frame)
        self._release_retired()
        self.frames += 1

    def _release_retired(self) -> None:
        """Let the screens that left the stack go at once: a screen and its widgets' callbacks refer to each
        other, so without this each one waits, with thousands of layout objects, for the cyclic garbage
        collector, whose pauses then land in frames."""
        for s in self._retired:
            if not any(s is t for t in self.stack):
                s.release()
        self._retired.clear()

    def _kiosk_tick(self) -> None:
        from .screens.kiosk import StillThereScreen

        state = self.kiosk.poll()
        if state == "warning":
            if self.find("still_there") is None:
                self.push(StillThereScreen(self))
            self.dirty = True  # the countdown changes every second
        elif state == "reset":
            self.kiosk_reset()
        elif self.find("still_there") is not None:
            while self.find("still_there") is not None:
                self.pop()

    def autoplay_step(self) -> None:
        top = self.top
        if top is None:
            return
        if hasattr(top, "autoplay_hook") and top.autoplay_hook():
            self.dirty = True
            return
        targets = top.autoplay_targets()
        if not targets:
            return
        w = self.rng.choice(targets)
        top.st.focused = w
        if self.kiosk is not None:
            self.kiosk.touch()
        w.activate()
        self.dirty = True

    def ensure_layout(self) -> None:
        for s in self._visible_screens():
            if s.built_for != (self.layout_gen,):
                s.relayout(self.ctx)
                s.built_for = (self.layout_gen,)

    def _visible_screens(self) -> list[Screen]:
        out: list[Screen] = []
        for s in reversed(self.stack):
            out.append(s)
            if s.opaque:
                break
        return list(reversed(out))

    def draw(self) -> None:
        t0 = time.perf_counter()
        self.ensure_layout()
        shown = self._visible_screens()
        under_key = None
        if len(shown) > 1:
            # a dialog over a screen that does not change while it is open: draw that screen once
            under_key = (tuple(s.serial for s in shown[:-1]), self.layout_gen, self.canvas_rect.size,
                         tuple(s.built_for for s in shown[:-1]), self.game.version if self.game else 0)
        drawn = (tuple(s.serial for s in shown), self.layout_gen, tuple(self.canvas_rect), self.window.get_size(),
                 self.ctx.theme.id, self.toast, under_key)
        regions = self._damage(shown) if drawn == self._drawn else None
        if regions is None:
            self._draw_all(shown, under_key)
            pygame.display.flip()
        elif regions:
            for r in regions:
                self.canvas.set_clip(r)
                self._draw_over(shown, partial=True)
            self.canvas.set_clip(None)
            pygame.display.update([r.move(self.canvas_rect.topleft) for r in regions])
        self._drawn = drawn
        self._drawn_views = list(shown[-1].views) if shown else []
        self.dirty = False
        self.draws += 1
        dt = time.perf_counter() - t0
        self.frame_times.append(dt)
        if len(self.frame_times) > 5000:
            del self.frame_times[:2500]
        if self.first_frame_at is None:
            self.first_frame_at = self.clock()
        if self._loader is not None and self._loader.ident is None:
            self._loader.start()  # the first frame is up: now the story
        self._maybe_screenshot()

    def _draw_all(self, shown: list[Screen], under_key: Any) -> None:
        if self.canvas_rect.size != self.window.get_size():
            self.window.fill(self.ctx.theme["header"])  # the letterbox bars
        if len(shown) > 1:
            if under_key != self._under_key or self._under is None:
                for s in shown[:-1]:
                    s.draw(self.ctx, self.canvas)
                if shown[-1].dim_under:
                    from .drawing import dim

                    dim(self.canvas, self.ctx.theme["overlay"], shown[-1].dim_under)
                if self._under is not None and self._under.get_size() == self.canvas.get_size():
                    self._under.blit(self.canvas, (0, 0))
                else:
                    self._under = self.canvas.copy()
                self._under_key = under_key
            else:
                self.canvas.blit(self._under, (0, 0))
        else:
            self._under = None
            self._under_key = None
        self._draw_over(shown)

    def _draw_over(self, shown: list[Screen], *, partial: bool = False) -> None:
        """The top screen (or the only one) and the toast, within the canvas's clip."""
        if len(shown) > 1:
            if partial and self._under is not None:
                self.canvas.blit(self._under, (0, 0))  # the dimmed screens below, within the clip
            shown[-1].draw(self.ctx, self.canvas)
        elif shown:
            shown[0].draw(self.ctx, self.canvas)
        else:
            self.canvas.fill(self.ctx.theme["bg"])
        if self.toast:
            from .drawing import toast

            toast(self.ctx, self.canvas, self.toast)

    def _damage(self, shown: list[Screen]) -> list[pygame.Rect] | None:
        """The parts of the canvas to redraw when the screens and the layout are those of the last frame
        (None: all of it): where views came and went (a screen composed again keeps the views whose content
        did not change), the views whose scroll or animation changed, and around each widget whose focus,
        hover or press changed, room for its focus ring."""
        top = shown[-1] if shown else None
        if top is None:
            return []
        ctx, st = self.ctx, top.st
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
        area = self.canvas.get_rect()
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

    def _maybe_screenshot(self) -> None:
        if not self.opts.screenshot_dir or self.top is None:
            return
        key = (id(self.top), self.top.name, getattr(self.top, "shot_key", lambda: None)())
        if key == self._shot_key:
            return
        self._shot_key = key
        folder = Path(self.opts.screenshot_dir)
        folder.mkdir(parents=True, exist_ok=True)
        self._shots += 1
        pygame.image.save(self.window, str(folder / f"{self._shots:04d}-{self.top.name}.png"))

    def timeout_ms(self) -> int | None:
        """How long the loop may sleep waiting for input (None: until input)."""
        now = self.clock()
        due: list[float] = []
        if self.opts.autoplay:
            due.append(self.next_auto)
        if self.opts.quit_after is not None:
            due.append(self.started + self.opts.quit_after)
        if self.opts.frames is not None:
            return 16
        if self._loader is not None and not self._loaded:
            return 20
        if self.kiosk is not None:
            due.append(now + 0.5)
        top = self.top
        if top is not None:
            w = top.wake_at(now)
            if w is not None:
                due.append(w)
        if self.dirty:
            return 0
        if not due:
            return None
        return max(0, int((min(due) - now) * 1000))

    def should_stop(self) -> bool:
        if not self.running:
            return True
        if self.opts.frames is not None and self.frames >= self.opts.frames:
            return True
        return self.opts.quit_after is not None and self.clock() - self.started >= self.opts.quit_after

    def run(self) -> int:
        self.boot()
        self.draw()  # the first frame, while the story loads
        while not self.should_stop():
            timeout = self.timeout_ms()
            self.step(pygame.event.get() if timeout == 0 else self.wait_events(timeout))
        self.shutdown()
        return self.exit_status

    def wait_events(self, timeout: int | None) -> list[pygame.event.Event]:
        """The events that come within ``timeout`` ms (None: wait for one); empty when none came.

        pygame's ``event.wait`` polls every millisecond, a thousand wake-ups a second; this sleeps between
        looks at the queue instead: NAP_MIN after input, longer the longer nothing happens (up to NAP_MAX),
        never past the timeout, so whatever is due still happens on time."""
        start = time.monotonic()
        deadline = None if timeout is None else start + timeout / 1000
        while True:
            events = pygame.event.get()
            now = time.monotonic()
            if events:
                self._last_input = now
                return events
            if deadline is not None and now >= deadline:
                return []
            nap = min(NAP_MAX, max(NAP_MIN, (now - self._last_input) / 10))
            if deadline is not None:
                nap = min(nap, deadline - now)
            time.sleep(nap)

    def shutdown(self) -> None:
        self.speech.close()
        for s in list(self.stack):
            f = getattr(s, "on_quit", None)
            if f:
                try:
                    f()
                except Exception:  # noqa: BLE001
                    pass


WARM_MODULES = ("screens.lives", "screens.play", "screens.debrief", "screens.dialog", "screens.journal",
                "screens.card", "screens.reference", "screens.settings", "screens.saves")


def _warm_up() -> None:
    """After the story loads (on the loader thread, while the title shows): import the screens the player
    goes to next and the art, so that the first frame of each is not also an import; then put everything
    loaded so far out of the cyclic garbage collector's way (it is kept for the whole run), so that a full
    collection, which would otherwise walk the whole story, takes a fraction of a frame."""
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


def main(argv: list[str] | None = None) -> int:
    opts = parse(list(sys.argv[1:] if argv is None else argv))
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    app = App(opts)
    try:
        return app.run()
    finally:
        pygame.quit()
