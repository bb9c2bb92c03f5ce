"""Input into the window: window events, mouse, touch (one finger at a time), the wheel and keys, turned
into calls on the top screen (pointer, wheel, key actions) and on the window (resize, quit, fullscreen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .keys import action_for

if TYPE_CHECKING:
    from .app import App

INPUT = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.FINGERDOWN, pygame.FINGERUP, pygame.KEYDOWN,
         pygame.MOUSEWHEEL)
MOTION = (pygame.MOUSEMOTION, pygame.FINGERMOTION)
TEXT = (pygame.TEXTINPUT, pygame.TEXTEDITING)  # typed text, and an input method's composition (pinyin)
MOUSE = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION)
FINGER = (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION)
SHOWN = (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED, pygame.WINDOWFOCUSGAINED)
GONE = (pygame.WINDOWHIDDEN, pygame.WINDOWMINIMIZED, pygame.WINDOWFOCUSLOST)  # a kiosk brings itself back
TOAST_MIN = 0.4  # seconds a toast stays at least, whatever input comes


class InputRouter:
    def __init__(self, app: App) -> None:
        self.app = app
        self._finger: int | None = None  # the finger that is down, while one is
        self.text_rect: pygame.Rect | None = None  # the text field text input is on for (window pixels)
        app.screens.keyboard = not app.opts.kiosk  # a kiosk starts by touch

    def handle(self, ev: pygame.event.Event) -> None:
        app, t = self.app, ev.type
        if t == pygame.QUIT:
            app.request_quit("window")
        elif t == pygame.VIDEORESIZE:
            app.resize((ev.w, ev.h))
        elif t in (pygame.WINDOWSIZECHANGED, pygame.WINDOWRESIZED):
            if app.win.size_changed():
                app.relayout()
        elif t in SHOWN:
            app.dirty = True
            app.painter.forget()
        elif t in GONE:
            if app.opts.kiosk:
                app.bring_back()
        elif app.top is not None:
            self._input(ev)
        self.sync_text_input()

    def sync_text_input(self) -> None:
        """Text input on while the top screen has a text field (``text_field()``: its rect in window
        pixels), with the input method's candidate window placed by it; off again once it is gone, so
        an input method never takes the keys of a screen without one."""
        top = self.app.top
        field = getattr(top, "text_field", None)
        if field is not None:
            self.app.ensure_layout()
        rect = field() if field is not None else None
        if rect is None:
            if self.text_rect is not None:
                pygame.key.stop_text_input()
                self.text_rect = None
            return
        if self.text_rect is None:
            pygame.key.start_text_input()
        if rect != self.text_rect:
            pygame.key.set_text_input_rect(rect)
        self.text_rect = pygame.Rect(rect)

    def _input(self, ev: pygame.event.Event) -> None:
        app, t = self.app, ev.type
        if t in INPUT or t in MOTION:
            app.ensure_layout()  # widgets must match the state the last event left
        top = app.top
        if top is None:
            return
        if t in INPUT:
            if t != pygame.MOUSEWHEEL and not getattr(ev, "touch", False):
                app.screens.keyboard = t == pygame.KEYDOWN
            if app.kiosk is not None:
                app.kiosk.touch()
            if app.toast and app.clock() - app.toast_at > TOAST_MIN:
                app.toast = None
                app.dirty = True
        if t in MOUSE:
            if getattr(ev, "touch", False):
                return  # SDL's copy of a touch: the finger events below already handled it
            pos = app.win.to_canvas(ev.pos)
            if t == pygame.MOUSEMOTION:
                if top.pointer_move(pos, "mouse", app.ctx):
                    app.dirty = True
                return
            if ev.button != 1:
                return
            if t == pygame.MOUSEBUTTONDOWN:
                top.pointer_down(pos, "mouse")
            else:
                top.pointer_up(pos, "mouse")
            app.dirty = True
        elif t in FINGER:
            self._finger_event(ev)
        elif t == pygame.MOUSEWHEEL:
            if getattr(ev, "touch", False):
                return
            precise = getattr(ev, "precise_y", 0)
            top.wheel(int(ev.y) or (1 if precise > 0 else -1 if precise < 0 else 0),
                      app.win.to_canvas(pygame.mouse.get_pos()), app.ctx)
            app.dirty = True
        elif t == pygame.KEYDOWN:
            self._key(ev)
            app.dirty = True
        elif t in TEXT:  # SDL sends a plain key as KEYDOWN and TEXTINPUT: text fields take text from here only
            handler = getattr(top, "text_input" if t == pygame.TEXTINPUT else "text_editing", None)
            if handler is not None and handler(str(getattr(ev, "text", ""))):
                app.dirty = True

    def _finger_event(self, ev: pygame.event.Event) -> None:
        app, t, top = self.app, ev.type, self.app.top
        W, H = app.window.get_size()
        pos = app.win.to_canvas((ev.x * W, ev.y * H))
        fid = getattr(ev, "finger_id", 0)
        if t == pygame.FINGERDOWN:
            if self._finger is not None:
                return  # one finger at a time
            self._finger = fid
            top.pointer_down(pos, "touch")
        elif fid != self._finger:
            return
        elif t == pygame.FINGERMOTION:
            if top.pointer_move(pos, "touch", app.ctx):
                app.dirty = True
            return
        else:
            self._finger = None
            top.pointer_up(pos, "touch")
        app.dirty = True

    def _key(self, ev: pygame.event.Event) -> None:
        app, mod = self.app, ev.mod
        if app.guard is not None:
            name = pygame.key.name(ev.key).lower()
            if app.guard.key(name, ctrl=bool(mod & pygame.KMOD_CTRL), shift=bool(mod & pygame.KMOD_SHIFT),
                             alt=bool(mod & pygame.KMOD_ALT), meta=bool(mod & pygame.KMOD_META)):
                from .screens.kiosk import PinScreen

                if app.find("pin") is None:
                    app.push(PinScreen(app))
                return
        top = app.top
        if top is not None and hasattr(top, "text_key") and top.text_key(ev):
            return
        if ev.key == pygame.K_F4 and mod & pygame.KMOD_ALT:
            app.request_quit("alt+f4")
            return
        action = action_for(ev.key, mod, app.key_table)
        if action is None:
            return
        if action == "fullscreen":
            app.toggle_fullscreen()
        elif app.speech.on_action(action):
            pass  # V, R, Ctrl: speech, on any screen
        elif top is not None:
            top.key_action(action)
