"""The colour keys the art modules read from a theme's ``colors`` dict.

Every function in this package takes ``colors``, a dict of RGB tuples. Only ``bg`` and ``ink`` matter
most; every other key is optional and, when missing, is mixed from those two (so a high-contrast theme
that gives just ``bg``, ``ink`` and ``accent`` still draws well):

==========  ==========================================  ===================================
key         used for                                    default
==========  ==========================================  ===================================
bg          the background the picture sits on          paper (246, 242, 232)
ink         text, lines, outlines                       near-black (28, 28, 30)
muted       secondary text (axis labels, notes)         62 % of the way from bg to ink
accent      the one accent: journeys, the points line   red (178, 34, 34)
land        map land fill                               7 % of the way from bg to ink
coast       map coastline and borders                   45 % of the way
grid        chart grid and band edges                   30 % of the way
band        alternate grade band fill                   6 % of the way
seal        the court seal's red                        (196, 30, 36)
photo_bg    ID photo background                         a pale blue (206, 218, 232)
skin        portrait wash                               a warm tone mixed with bg
==========  ==========================================  ===================================

``text`` and ``background`` are accepted as aliases of ``ink`` and ``bg``. Colours may be RGB tuples,
pygame colours or "#RRGGBB" strings; an object with a ``colors`` dict (a theme) is read through it.
"""

from __future__ import annotations

from ._pen import mix, rgb

PAPER_BG = (246, 242, 232)
INK = (28, 28, 30)
ACCENT = (178, 34, 34)
SEAL_RED = (196, 30, 36)


def resolve(colors: dict | None) -> dict:
    """A full colour dict: the given colours as RGB tuples, with every missing key filled in."""
    if colors is not None and not hasattr(colors, "items") and isinstance(getattr(colors, "colors", None), dict):
        colors = colors.colors  # a theme object that keeps its roles in .colors
    colors = dict(colors or {})
    out = {}
    for k, v in colors.items():
        try:
            out[k] = rgb(v)
        except (TypeError, ValueError):
            pass
    bg = out.get("bg") or out.get("background") or PAPER_BG
    ink = out.get("ink") or out.get("text") or INK
    out["bg"], out["ink"] = bg, ink
    out.setdefault("muted", mix(bg, ink, 0.62))
    out.setdefault("accent", ACCENT)
    out.setdefault("land", mix(bg, ink, 0.07))
    out.setdefault("coast", mix(bg, ink, 0.45))
    out.setdefault("grid", mix(bg, ink, 0.30))
    out.setdefault("band", mix(bg, ink, 0.06))
    out.setdefault("seal", SEAL_RED)
    out.setdefault("photo_bg", (206, 218, 232))  # an ID photo's pale blue, light in every theme
    out.setdefault("skin", mix(bg, (196, 150, 118), 0.30 if luminance(bg) > 0.5 else 0.45))
    return out


def luminance(color) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    def chan(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb(color)
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast(a, b) -> float:
    """WCAG contrast ratio between two colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
