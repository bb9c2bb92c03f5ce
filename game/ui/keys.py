"""Key bindings as data: an action name for each key (with modifiers), in one table.

Screens react to actions, never to raw keys, so remapping is a change to this table (or to the
``keys`` entry a settings file may carry).
"""

from __future__ import annotations

import pygame

SHIFT, CTRL = "shift", "ctrl"

# action -> list of "key" or "mod+key" names (pygame key names)
BINDINGS: dict[str, list[str]] = {
    "next": ["tab", "down", "right"],
    "prev": ["shift+tab", "up", "left"],
    "activate": ["return", "enter", "space"],
    "back": ["escape", "AC Back", "backspace"],
    "scroll_up": ["page up"],
    "scroll_down": ["page down"],
    "first": ["home"],
    "last": ["end"],
    "undo": ["ctrl+z"],
    "journal": ["j"],
    "history": ["h"],
    "card": ["i"],
    "fullscreen": ["f11"],
    "speech": ["v"],  # read aloud on or off, anywhere (as Ren'Py's self-voicing key)
    "speech_repeat": ["r"],
    "speech_stop": ["left ctrl", "right ctrl"],  # Control alone, as screen readers stop speech
    **{f"pick_{n}": [str(n), f"[{n}]"] for n in range(1, 10)},
}


def _norm(name: str) -> str:
    return name.strip().lower()


def build_table(bindings: dict[str, list[str]] | None = None) -> dict[tuple[str, str], str]:
    """(modifier, key name) -> action."""
    table: dict[tuple[str, str], str] = {}
    for action, keys in (bindings or BINDINGS).items():
        for k in keys:
            parts = k.split("+") if "+" in k and len(k) > 1 else [k]
            mod = _norm(parts[0]) if len(parts) == 2 else ""
            table[(mod, _norm(parts[-1]))] = action
    return table


_TABLE = build_table()


def action_for(key: int, mod: int, table: dict[tuple[str, str], str] | None = None) -> str | None:
    t = table or _TABLE
    name = _norm(pygame.key.name(key))
    if mod & pygame.KMOD_CTRL and key not in (pygame.K_LCTRL, pygame.K_RCTRL):  # Ctrl itself is a key too
        hit = t.get((CTRL, name))
        if hit:
            return hit
        return None
    if mod & pygame.KMOD_SHIFT:
        hit = t.get((SHIFT, name))
        if hit:
            return hit
    return t.get(("", name))
