"""The one place the screens reach the art package (game/ui/art/, drawn in code by its own module).

Each function tries the art package first and falls back to a plain drawing, so a visitor still sees a
picture when the art code fails. The failure is not swallowed: it is kept in ``problems`` (for the About
screen) and queued with its traceback until the window takes it (``take_errors``) into ``app.errors`` and
the log, so a test that draws a broken picture fails.
"""

from __future__ import annotations

import importlib
import math
import traceback
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pygame

ROOT = Path(__file__).resolve().parent.parent.parent
FONTS_DIR = ROOT / "assets" / "fonts"

_failed: set[str] = set()
problems: list[str] = []  # art that failed to load or draw, each once, for the About screen
_errors: list[str] = []  # the same with tracebacks, until the window takes them
MAX_QUEUED = 50  # a picture that fails every frame must not grow the queue while nobody takes it


def _report(name: str, exc: BaseException) -> None:
    msg = f"{name}: {exc.__class__.__name__}: {exc}"
    if msg not in problems and len(problems) < MAX_QUEUED:
        problems.append(msg)
    if len(_errors) < MAX_QUEUED:
        _errors.append(f"art {msg}\n" + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


def take_errors() -> list[str]:
    """The art failures since the last call, with their tracebacks (the window logs them as errors)."""
    out = _errors[:]
    _errors.clear()
    return out


def _art(module: str) -> Any | None:
    if module in _failed:
        return None
    try:
        return importlib.import_module(f"game.ui.art.{module}")
    except ImportError:
        _failed.add(module)
        return None
    except Exception as exc:  # noqa: BLE001 - a broken art module: reported, and the plain drawing shows
        _failed.add(module)
        _report(f"art module {module}", exc)
        return None


def _fn(module: str, *names: str) -> Callable | None:
    mod = _art(module)
    if mod is None:
        return None
    for n in names:
        f = getattr(mod, n, None)
        if callable(f):
            return f
    return None


def _guard(name: str, f: Callable, *args, **kwargs) -> bool:
    try:
        f(*args, **kwargs)
        return True
    except Exception as exc:  # noqa: BLE001 - reported (see the module's docstring), then the plain drawing
        _report(name, exc)
        return False


ART_MODULES = ("fonts", "icons", "portraits", "china_map", "points_chart", "seal")


def warm_up() -> None:
    """Import the art package ahead of its first use (the app does it on its loader thread)."""
    for module in ART_MODULES:
        _art(module)


def clear_caches() -> None:
    """Forget every picture and font the art package keeps (after a resize or a text-size change, every
    size is new and the old ones are dead weight)."""
    cache = _art("_cache")
    if cache is not None:
        cache.clear_all()
    fonts = _art("fonts")
    f = getattr(fonts, "_font", None) if fonts is not None else None
    if f is not None and hasattr(f, "cache_clear"):
        f.cache_clear()


def _finished(kind: str, key: tuple, surface: pygame.Surface, rect: pygame.Rect, bg,
              draw: Callable[[pygame.Surface, pygame.Rect], bool]) -> bool:
    """A picture that takes milliseconds to draw (the map, the chart) is drawn once per size and content
    onto the background colour it sits on, kept in the art package's picture cache (counted in bytes),
    and blitted from there after that. False when it could not be drawn."""
    cache = _art("_cache")
    if cache is None or rect.w <= 0 or rect.h <= 0:
        return draw(surface, rect)
    pictures = cache.SurfaceCache(kind)
    pic = pictures.get(key)
    if pic is None:
        pic = pygame.Surface(rect.size)
        pic.fill(bg)
        if not draw(pic, pic.get_rect()):
            return False
        pictures.put(key, pic)
    surface.blit(pic, rect.topleft)
    return True


def _font_key(font: pygame.font.Font) -> tuple:
    return (id(font), font.get_height(), font.get_linesize(), font.get_ascent(), bool(font.bold))


# -- fonts ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _font_files() -> list[Path]:
    mod = _art("fonts")
    if mod is not None:
        d = getattr(mod, "FONTS_DIR", None)
        if d and Path(d).is_dir():
            return sorted(p for p in Path(d).rglob("*") if p.suffix.lower() in (".ttf", ".otf"))
    if FONTS_DIR.is_dir():
        return sorted(p for p in FONTS_DIR.rglob("*") if p.suffix.lower() in (".ttf", ".otf"))
    return []


def _pick(files: list[Path], want: list[str], avoid: list[str]) -> str | None:
    for w in want:
        for p in files:
            n = p.name.lower()
            if w in n and not any(a in n for a in avoid):
                return str(p)
    return None


@lru_cache(maxsize=8)
def font_paths(mono: bool = False, bold: bool = False) -> tuple[str | None, str | None]:
    """(Latin font path, CJK font path); None means the built-in fallback."""
    mod = _art("fonts")
    f = getattr(mod, "font_paths", None) if mod else None
    if callable(f):
        try:
            res = f(mono=mono, bold=bold)
            if isinstance(res, tuple) and len(res) == 2:
                return res
        except Exception as exc:  # noqa: BLE001 - reported; the fonts found below are used
            _report("fonts", exc)
    files = _font_files()
    cjk_names = ["sc-", "sc_", "cjk", "sanssc", "hans", "sc."]
    latin_files = [p for p in files if not any(c in p.name.lower() for c in cjk_names)]
    cjk_files = [p for p in files if any(c in p.name.lower() for c in cjk_names)]
    weight = ["semibold", "bold", "medium"] if bold else ["regular", "book", "text"]
    avoid = ["italic", "light", "thin", "black", "extra", "condensed"] + ([] if bold else ["bold", "medium"])
    latin = None
    if mono:
        latin = _pick(latin_files, [f"mono-{w}" for w in weight] + ["mono"], ["italic"])
    latin = latin or _pick([p for p in latin_files if "mono" not in p.name.lower()], weight, avoid)
    latin = latin or (str(latin_files[0]) if latin_files else None)
    cjk = _pick(cjk_files, weight, ["light", "thin"]) or (str(cjk_files[0]) if cjk_files else None)
    return latin, cjk


def has_bold(path: str | None) -> bool:
    if not path:
        return False
    n = Path(path).name.lower()
    return "bold" in n or "semibold" in n or "black" in n


# -- icons ---------------------------------------------------------------------------------------
UI_GLYPHS = ("lock", "check", "cross", "clock", "book", "pin", "list", "seal", "person", "info", "up", "down",
             "menu", "back", "alert")


def draw_icon(surface: pygame.Surface, name: str, rect: pygame.Rect, color) -> None:
    """Draw a named line icon into rect: the story's icon names through the art package, the UI's
    own glyphs here."""
    rect = pygame.Rect(rect)
    mod = _art("icons")
    has = getattr(mod, "has_icon", None) if mod is not None else None
    if mod is not None and (has(name) if callable(has) else name not in UI_GLYPHS):
        f = getattr(mod, "draw_icon", None)
        if callable(f) and _guard("icons", f, surface, name, rect, color):
            return
    _fallback_icon(surface, name, rect, color)


def _fallback_icon(surf: pygame.Surface, name: str, r: pygame.Rect, c) -> None:
    w = max(2, r.w // 12)
    cx, cy = r.center
    s = min(r.w, r.h)
    if name == "lock":
        body = pygame.Rect(0, 0, s * 0.7, s * 0.48)
        body.midbottom = (cx, r.top + s * 0.92)
        pygame.draw.rect(surf, c, body, border_radius=max(1, s // 12))
        arc = pygame.Rect(0, 0, s * 0.46, s * 0.6)
        arc.midtop = (cx, r.top + s * 0.1)
        pygame.draw.arc(surf, c, arc, 0, math.pi, w)
        pygame.draw.line(surf, c, (arc.left + w // 2, arc.centery), (arc.left + w // 2, body.top), w)
        pygame.draw.line(surf, c, (arc.right - w // 2 - 1, arc.centery), (arc.right - w // 2 - 1, body.top), w)
    elif name == "check":
        pts = [(r.left + s * 0.15, r.top + s * 0.55), (r.left + s * 0.4, r.top + s * 0.8), (r.left + s * 0.85,
                                                                                          r.top + s * 0.22)]
        pygame.draw.lines(surf, c, False, pts, max(2, w + 1))
    elif name in ("cross", "alert"):
        if name == "alert":
            pygame.draw.polygon(surf, c, [(cx, r.top + s * 0.08), (r.left + s * 0.05, r.top + s * 0.9),
                                          (r.left + s * 0.95, r.top + s * 0.9)], w)
            pygame.draw.line(surf, c, (cx, r.top + s * 0.35), (cx, r.top + s * 0.62), w + 1)
            pygame.draw.circle(surf, c, (cx, r.top + s * 0.76), max(1, w))
        else:
            a, b = s * 0.2, s * 0.8
            pygame.draw.line(surf, c, (r.left + a, r.top + a), (r.left + b, r.top + b), w + 1)
            pygame.draw.line(surf, c, (r.left + b, r.top + a), (r.left + a, r.top + b), w + 1)
    elif name == "clock":
        pygame.draw.circle(surf, c, (cx, cy), s * 0.42, w)
        pygame.draw.line(surf, c, (cx, cy), (cx, cy - s * 0.28), w)
        pygame.draw.line(surf, c, (cx, cy), (cx + s * 0.2, cy), w)
    elif name == "book":
        pygame.draw.rect(surf, c, (r.left + s * 0.12, r.top + s * 0.15, s * 0.76, s * 0.7), w)
        pygame.draw.line(surf, c, (cx, r.top + s * 0.15), (cx, r.top + s * 0.85), w)
    elif name == "pin":
        pygame.draw.circle(surf, c, (cx, r.top + s * 0.38), s * 0.26, w)
        pygame.draw.polygon(surf, c, [(cx - s * 0.2, r.top + s * 0.52), (cx + s * 0.2, r.top + s * 0.52),
                                      (cx, r.top + s * 0.92)])
    elif name in ("list", "menu"):
        for i in range(3):
            y = r.top + s * (0.25 + 0.25 * i)
            pygame.draw.line(surf, c, (r.left + s * 0.15, y), (r.left + s * 0.85, y), w + 1)
    elif name == "person":
        pygame.draw.circle(surf, c, (cx, r.top + s * 0.34), s * 0.2)
        pygame.draw.ellipse(surf, c, (r.left + s * 0.16, r.top + s * 0.58, s * 0.68, s * 0.5))
    elif name == "info":
        pygame.draw.circle(surf, c, (cx, cy), s * 0.42, w)
        pygame.draw.line(surf, c, (cx, cy - s * 0.05), (cx, cy + s * 0.22), w + 1)
        pygame.draw.circle(surf, c, (cx, cy - s * 0.2), max(1, w))
    elif name in ("up", "down"):
        d = -1 if name == "up" else 1
        pts = [(cx - s * 0.3, cy - d * s * 0.15), (cx, cy + d * s * 0.15), (cx + s * 0.3, cy - d * s * 0.15)]
        pygame.draw.lines(surf, c, False, pts, w + 1)
    elif name == "back":
        pts = [(cx + s * 0.12, cy - s * 0.3), (cx - s * 0.18, cy), (cx + s * 0.12, cy + s * 0.3)]
        pygame.draw.lines(surf, c, False, pts, w + 1)
    elif name == "seal":
        pygame.draw.circle(surf, c, (cx, cy), s * 0.45, w)
        _star(surf, c, (cx, cy), s * 0.22)
    else:
        # a story icon while the art package is missing: a framed initial
        pygame.draw.rect(surf, c, r.inflate(-s * 0.1, -s * 0.1), w, border_radius=max(2, s // 6))
        from .fonts import _load

        f = _load(None, max(8, int(s * 0.6)), False)  # the font cache: not a new font object each frame
        img = f.render(name[:1].upper(), True, c)
        surf.blit(img, img.get_rect(center=(cx, cy)))


def _star(surf: pygame.Surface, c, center, radius: float) -> None:
    cx, cy = center
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rad = radius if i % 2 == 0 else radius * 0.42
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    pygame.draw.polygon(surf, c, pts)


def draw_star(surf: pygame.Surface, c, center, radius: float) -> None:
    _star(surf, c, center, radius)


# -- portraits, map, chart -----------------------------------------------------------------------
def art_colors(theme, bg_role: str = "bg") -> dict:
    """The colour dict the art package reads, from a theme and the role of the surface drawn on."""
    t = theme
    return {"bg": t[bg_role], "ink": t["ink"] if bg_role not in ("card",) else t["card_ink"], "muted": t["muted"],
            "accent": t["accent"], "seal": t["seal"], "text": t["ink"], "background": t[bg_role],
            "land": t["map_land"], "coast": t["map_coast"], "grid": t["chart_grid"], "band": t["chart_band"]}


def draw_portrait(surface: pygame.Surface, life_id: str, rect: pygame.Rect, theme, *, photo: bool = False,
                  bg_role: str = "surface") -> None:
    rect = pygame.Rect(rect)
    f = _fn("portraits", "draw_id_card_photo" if photo else "draw_portrait")
    if f is not None and _guard("portraits", f, surface, rect, life_id, art_colors(theme, bg_role)):
        return
    pygame.draw.rect(surface, theme["panel"], rect)
    c = theme["muted"]
    s = min(rect.w, rect.h)
    old = surface.get_clip()
    surface.set_clip(rect.clip(old) if old.w else rect)
    pygame.draw.circle(surface, c, (rect.centerx, rect.top + rect.h * 0.38), s * 0.2)
    body = pygame.Rect(0, 0, s * 0.62, rect.h * 0.42)
    body.midtop = (rect.centerx, rect.top + rect.h * 0.62)
    pygame.draw.ellipse(surface, c, body)
    surface.set_clip(old)
    pygame.draw.rect(surface, theme["button_edge"], rect, 1)


def draw_seal(surface: pygame.Surface, center: tuple[int, int], radius: int, color) -> bool:
    """The red seal of an official notice; False when the art package cannot draw it."""
    f = _fn("seal", "draw_seal")
    return f is not None and _guard("seal", f, surface, center, radius, color)


def seal_surface(radius: int, color) -> pygame.Surface | None:
    """The seal as a transparent picture (kept by the art package: do not draw on it); None without it."""
    f = _fn("seal", "seal_surface")
    if f is None:
        return None
    try:
        return f(radius, color)
    except Exception as exc:  # noqa: BLE001 - reported (see the module's docstring); the caller draws a ring
        _report("seal", exc)
        return None


def draw_map(surface: pygame.Surface, rect: pygame.Rect, places: list[dict], journeys: list[dict], theme,
             current: str = "", font: pygame.font.Font | None = None, bg_role: str = "bg",
             newest: float = 1.0) -> None:
    """places: {id, name, lat, lon}; journeys: {from, to, label}. ``newest`` below 1: the last journey is
    drawing itself and this share of it shows (such a frame is drawn, not kept: it shows once)."""
    rect = pygame.Rect(rect)
    by_id = {p["id"]: p for p in places}
    f = _fn("china_map", "draw_map")
    if f is not None and font is not None:
        pl = [(p["name"], p["lat"], p["lon"]) for p in places]
        js = [((by_id[j["from"]]["lat"], by_id[j["from"]]["lon"]), (by_id[j["to"]]["lat"], by_id[j["to"]]["lon"]),
               j.get("label", "")) for j in journeys if j.get("from") in by_id and j.get("to") in by_id]
        colors = art_colors(theme, bg_role)
        if newest < 1.0 and js:
            if _guard("map", f, surface, rect, pl, js, colors, font, newest=max(0.0, newest)):
                return
        else:
            key = (rect.size, tuple(pl), tuple(js), tuple(sorted(colors.items())), _font_key(font))
            if _finished("map", key, surface, rect, colors["bg"],
                         lambda s, r: _guard("map", f, s, r, pl, js, colors, font)):
                return
    pygame.draw.rect(surface, theme["rule"], rect, 1)
    lon0, lon1, lat0, lat1 = 73.0, 135.0, 18.0, 54.0

    def pos(p: dict) -> tuple[int, int]:
        x = rect.left + (p["lon"] - lon0) / (lon1 - lon0) * rect.w
        y = rect.top + (lat1 - p["lat"]) / (lat1 - lat0) * rect.h
        return int(x), int(y)

    for i, j in enumerate(journeys):
        a, b = by_id.get(j.get("from", "")), by_id.get(j.get("to", ""))
        if a and b:
            k = max(0.0, min(1.0, newest)) if i == len(journeys) - 1 else 1.0
            (ax, ay), (bx, by) = pos(a), pos(b)
            pygame.draw.line(surface, theme["accent"], (ax, ay), (ax + (bx - ax) * k, ay + (by - ay) * k), 3)
    for p in places:
        x, y = pos(p)
        pygame.draw.circle(surface, theme["ink"] if p["id"] != current else theme["accent"], (x, y), 5)


def draw_points_chart(surface: pygame.Surface, rect: pygame.Rect, log: list[dict], scheme, theme, start: int,
                      font: pygame.font.Font | None = None, bg_role: str = "bg") -> None:
    """log: the state's points log ({date, points, change, reason}); scheme: the Scheme."""
    rect = pygame.Rect(rect)
    f = _fn("points_chart", "draw_points_chart")
    if f is not None and font is not None:
        grades = [(g.id, g.min, g.press.en if g.press else None) for g in scheme.grades]
        colors = art_colors(theme, bg_role)
        key = (rect.size, repr(log), start, tuple(grades), tuple(sorted(colors.items())), _font_key(font))
        if _finished("chart", key, surface, rect, colors["bg"],
                     lambda s, r: _guard("chart", f, s, r, log, start, grades, colors, font)):
            return
    pygame.draw.rect(surface, theme["rule"], rect, 1)
    values = [start] + [int(e["points"]) for e in log]
    lo, hi = min(values + [start - 60]), max(values + [start + 60])
    if len(values) < 2:
        values = values * 2
    pts = []
    for i, v in enumerate(values):
        x = rect.left + 6 + i * (rect.w - 12) / (len(values) - 1)
        y = rect.bottom - 6 - (v - lo) / max(1, hi - lo) * (rect.h - 12)
        pts.append((x, y))
    pygame.draw.lines(surface, theme["ink"], False, pts, 2)
