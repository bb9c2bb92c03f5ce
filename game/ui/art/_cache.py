"""One memory budget for every picture the art package keeps (portraits, icons, the map's layers, the
chart's line, the seal): least recently used first out, counted in bytes (width x height x 4), not in
entries, so that big pictures at a big window size cannot add up. Each module has its own named part
(``SurfaceCache``) with the usual ``get``/``put``/``clear``; the budget is shared.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

import pygame

PICTURE_BYTES = 16 * 1024 * 1024

_entries: OrderedDict[tuple[str, Hashable], pygame.Surface] = OrderedDict()
_bytes = 0


def surface_bytes(surf: pygame.Surface) -> int:
    return surf.get_width() * surf.get_height() * 4


def total_bytes() -> int:
    return _bytes


def clear_all() -> None:
    """Forget every picture (after a resize or a text-size change every size is new)."""
    global _bytes
    _entries.clear()
    _bytes = 0


class SurfaceCache:
    def __init__(self, name: str) -> None:
        self.name = name

    def get(self, key: Hashable) -> pygame.Surface | None:
        k = (self.name, key)
        surf = _entries.get(k)
        if surf is not None:
            _entries.move_to_end(k)
        return surf

    def put(self, key: Hashable, surf: pygame.Surface) -> pygame.Surface:
        global _bytes
        k = (self.name, key)
        old = _entries.pop(k, None)
        if old is not None:
            _bytes -= surface_bytes(old)
        _entries[k] = surf
        _bytes += surface_bytes(surf)
        while _bytes > PICTURE_BYTES and len(_entries) > 1:
            _, dropped = _entries.popitem(last=False)
            _bytes -= surface_bytes(dropped)
        return surf

    def clear(self) -> None:
        global _bytes
        for k in [k for k in _entries if k[0] == self.name]:
            _bytes -= surface_bytes(_entries.pop(k))

    def __len__(self) -> int:
        return sum(1 for k in _entries if k[0] == self.name)

    def __contains__(self, key: Hashable) -> bool:
        return (self.name, key) in _entries
