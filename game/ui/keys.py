"""Key bindings as data: an action name for each key (with modifiers), in one table.

Screens react to actions, never to raw keys. The settings file may remap an action with a ``keys`` entry
(``{"journal": ["j", "f2"]}`` replaces the journal's keys); an unknown action or key name is reported and
left out, never a crash, and the other bindings stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping

import pygame

from ..i18n import _

SHIFT, CTRL = "shift", "ctrl"
MODIFIERS = ("", SHIFT, CTRL)

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

Table = dict[tuple[str, str], str]


def _norm(name: str) -> str:
    return name.strip().lower()


def _split(k: str) -> tuple[str, str]:
    """("ctrl", "z") for "ctrl+z"; a lone "+" is the plus key."""
    parts = k.split("+", 1) if "+" in k and len(k) > 1 else [k]
    return (_norm(parts[0]), _norm(parts[1])) if len(parts) == 2 else ("", _norm(k))


def _key_problem(k: str) -> str | None:
    mod, name = _split(k)
    if mod not in MODIFIERS:
        return _("'{key}': '{modifier}' is not a modifier (use shift or ctrl)").format(key=k, modifier=mod)
    try:
        pygame.key.key_code(name)
    except ValueError:
        return _("'{key}': there is no key called '{name}'").format(key=k, name=name)
    return None


def bindings_with(overrides: Mapping[str, list[str]] | None) -> tuple[dict[str, list[str]], list[str]]:
    """The default bindings with the settings file's remapping applied, and what was wrong in it."""
    out = {action: list(keys) for action, keys in BINDINGS.items()}
    problems: list[str] = []
    remapped: dict[str, list[str]] = {}
    for action, keys in (overrides or {}).items():
        if action not in BINDINGS:
            problems.append(_("'{action}' is not an action").format(action=action))
            continue
        good = []
        for k in keys:
            problem = _key_problem(k)
            if problem:
                problems.append(_("{action}: {problem}").format(action=action, problem=problem))
            else:
                good.append(k)
        if good:
            remapped[action] = good
        else:
            problems.append(_("{action}: no usable key, so its usual keys stay").format(action=action))
    claimed = {_split(k) for keys in remapped.values() for k in keys}
    for action, keys in out.items():  # a key given to a remapped action leaves the action it had
        out[action] = remapped.get(action) or [k for k in keys if _split(k) not in claimed]
    return out, problems


def build_table(bindings: Mapping[str, list[str]] | None = None) -> Table:
    """(modifier, key name) -> action. A key bound twice goes to the action named later."""
    table: Table = {}
    for action, keys in (bindings or BINDINGS).items():
        for k in keys:
            table[_split(k)] = action
    return table


_TABLE = build_table()


def action_for(key: int, mod: int, table: Table | None = None) -> str | None:
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
