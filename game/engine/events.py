"""Events a choice causes, and how each is shown to players by any front end.

Each event kind is defined with the effect that raises it (``effects``); this module is the door
front ends use: ``describe`` gives the plain line the text player prints and the window announces,
``show`` gives that line's parts (word, sentence, tone, icon) for drawing.
"""

from __future__ import annotations

from .effects import Event, Shown, Tr, show

__all__ = ["Event", "Shown", "Tr", "describe", "show"]


def describe(event: Event, tr: Tr) -> str:
    """One plain line for an event: "LISTED: you are now on the court's list."."""
    shown = show(event, tr)
    return shown.line if shown.text else shown.word
