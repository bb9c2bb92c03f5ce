"""The C heap, as glibc's malloc sees it: what is in use, what it keeps free, and giving the free part back.

Python's tracemalloc sees only Python's allocations; SDL's surfaces, FreeType's glyphs and pygame's fonts
come from malloc. glibc keeps memory a program freed (the rendered lines and pictures of the caches, dropped
at every text-size change) inside its arenas for reuse, so the resident size of a kiosk stays at the highest
the caches ever reached together, even though the memory in use is flat. ``trim`` hands those free pages
back to the system (``malloc_trim``); the kiosk calls it when a visit is reset, so its resident size follows
what it really uses. Elsewhere than glibc (macOS, Windows, musl) both functions do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from dataclasses import dataclass


class _MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.malloc_trim.restype = ctypes.c_int
        libc.mallinfo2.restype = _MallInfo2  # glibc 2.33 and later; older ones have only the int version
    except (OSError, AttributeError):
        return None
    return libc


_libc = _glibc()


@dataclass(frozen=True)
class CHeap:
    in_use: int  # bytes malloc has handed out and not had back (its arenas and its own mmaps)
    kept_free: int  # bytes freed into the arenas and kept there for reuse (resident until trimmed)


def c_heap() -> CHeap | None:
    """The C heap now (summed over malloc's arenas), or None where it cannot be read."""
    if _libc is None:
        return None
    mi = _libc.mallinfo2()
    return CHeap(in_use=mi.uordblks + mi.hblkhd, kept_free=mi.fordblks)


def trim() -> bool:
    """Give the free memory of malloc's arenas back to the system; True when some was given back."""
    if _libc is None:
        return False
    try:
        return bool(_libc.malloc_trim(0))
    except OSError:  # pragma: no cover - a libc without it was already refused above
        return False
