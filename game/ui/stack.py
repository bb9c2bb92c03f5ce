"""The screen stack: the screens open now (the top one takes input), which of them show, and the release of
the screens that left it."""

from __future__ import annotations

from .context import Ctx
from .screen import Screen


class ScreenStack:
    def __init__(self) -> None:
        self.screens: list[Screen] = []
        # the focus ring shows on a screen as it opens while the keyboard is in use (the last input was a
        # key, or none yet outside a kiosk); events.py keeps it up to date
        self.keyboard = True
        self._retired: list[Screen] = []  # screens taken off the stack, released after the frame

    @property
    def top(self) -> Screen | None:
        return self.screens[-1] if self.screens else None

    def push(self, screen: Screen) -> None:
        if screen.opaque:
            for s in self.screens:  # hidden now: their drawings are not needed until they show again
                for v in s.views:
                    v.drop_cache()
        for s in self.screens:  # one focus ring on the screen: the new one's (a dialog's, over its screen)
            s.st.show_focus = False
        self.screens.append(screen)
        screen.st.show_focus = self.keyboard
        screen.on_enter()

    def pop(self) -> Screen | None:
        """Close the top screen (never the last one) and return it."""
        s = self.screens.pop() if len(self.screens) > 1 else None
        if s is not None:
            self._retired.append(s)
        self._reenter()
        return s

    def replace(self, screen: Screen) -> None:
        if self.screens:
            self._retired.append(self.screens.pop())
        self.push(screen)

    def reset_to(self, screen: Screen) -> None:
        self._retired += self.screens
        self.screens.clear()
        self.push(screen)

    def find(self, name: str) -> Screen | None:
        return next((s for s in reversed(self.screens) if s.name == name), None)

    def pop_to(self, name: str) -> None:
        while len(self.screens) > 1 and self.top is not None and self.top.name != name:
            self._retired.append(self.screens.pop())
        self._reenter()

    def _reenter(self) -> None:
        if self.top is not None:
            self.top.st.show_focus = self.keyboard
            self.top.built_for = None
            self.top.on_enter()

    def visible(self) -> list[Screen]:
        """The screens that show, bottom first: the top one and those under it down to the first opaque one."""
        out: list[Screen] = []
        for s in reversed(self.screens):
            out.append(s)
            if s.opaque:
                break
        return list(reversed(out))

    def ensure_layout(self, ctx: Ctx, layout_gen: int) -> None:
        for s in self.visible():
            if s.built_for != (layout_gen,):
                s.relayout(ctx)
                s.built_for = (layout_gen,)

    def release_retired(self) -> None:
        """Let the screens that left the stack go at once: a screen and its widgets' callbacks refer to each
        other, so without this each one waits, with thousands of layout objects, for the cyclic garbage
        collector, whose pauses then land in frames."""
        for s in self._retired:
            if not any(s is t for t in self.screens):
                s.release()
        self._retired.clear()
