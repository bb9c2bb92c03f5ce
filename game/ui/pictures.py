"""The story's pictures in the window: scene illustrations on the play screen, portraits on "Choose a life".

A node names its picture in the story data (``illustration: ID``); this module only finds the file in the
game's own illustrations folder, renders it at the size the layout gives it, and keeps a few renderings.
pygame-ce renders an SVG at any size (``load_sized_svg``); older pygame loads it at its natural size and
scales it. A picture that cannot be drawn shows its alt text in a box instead, and the failure goes to
the window's error list like every other art failure (``artbridge``), once per file and size.

The scene picture sits between "what just happened" and the node's text. Its height is what is left of the
view once everything down to the first choice is laid out, so the first choice is in view when a scene
opens; when too little is left it stands beside the text, and when even that would push the first choice
out of view (large text, a long scene) it moves below the choices.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame

from ..engine.model import Illustration
from ..engine.pictures import ILLUSTRATIONS_DIR, picture_path
from ..i18n import _
from . import artbridge
from .context import Ctx
from .drawing import block, draw_block
from .flow import Columns, Item, UIState, W
from .scroll import ScrollView

SCENE_ASPECT = (16, 9)
PORTRAIT_ASPECT = (3, 4)
MAX_ENTRIES = 8  # renderings kept: a scene or two, three portraits, and a resize's worth of spares
MAX_BYTES = 16 * 1024 * 1024  # and never more than this, whatever the window size
MIN_SCENE_H = 110  # logical px: smaller than this a scene is not worth the room it takes above the text
MAX_SCENE_SHARE = 0.5  # of the view's height, at most, above the text
MAX_BELOW_SHARE = 0.85  # and below the choices, where it is seen on its own once scrolled to
GAP = 14  # logical px under the picture (or above it, when it sits below the choices)
BESIDE_SHARES = (0.4, 0.3)  # of the width, for a picture beside the text: the larger first
BESIDE_MIN_W = 640  # logical px (grows with the text): narrower than this, the text beside it gets too narrow

FOLDER: Path = ILLUSTRATIONS_DIR  # where the files are read from (the game's own folder)
_FAILED = object()  # a rendering that failed: remembered, so a broken file is not read every frame


class PictureCache:
    """Renderings by (file, size), least recently used out first, bounded by entries and by bytes, so a
    kiosk that shows every scene for months holds the same few megabytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[tuple[str, tuple[int, int]], object] = OrderedDict()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @staticmethod
    def _cost(value: object) -> int:
        return value.get_width() * value.get_height() * 4 if isinstance(value, pygame.Surface) else 0

    def get(self, key: tuple[str, tuple[int, int]]) -> object | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: tuple[str, tuple[int, int]], value: object) -> None:
        old = self._items.pop(key, None)
        self.bytes -= self._cost(old)
        self._items[key] = value
        self.bytes += self._cost(value)
        while len(self._items) > 1 and (len(self._items) > self.max_entries or self.bytes > self.max_bytes):
            _, dropped = self._items.popitem(last=False)
            self.bytes -= self._cost(dropped)

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0


cache = PictureCache()


def render(path: Path, size: tuple[int, int]) -> pygame.Surface:
    """The SVG at ``path`` drawn at ``size`` (raises when it cannot be read)."""
    sized = getattr(pygame.image, "load_sized_svg", None)
    if sized is not None:
        surf = sized(str(path), size)
        if surf.get_size() != size:  # pygame keeps the picture's aspect; the layout asked for it exactly
            surf = pygame.transform.smoothscale(surf, size)
    else:
        surf = pygame.transform.smoothscale(pygame.image.load(str(path)), size)
    if surf.get_bounding_rect(min_alpha=1).w == 0:  # a cut-off file parses into nothing at all
        raise ValueError(f"{path.name} draws nothing (is the file complete?)")
    if pygame.display.get_surface() is not None:
        surf = surf.convert_alpha()  # blitted every frame the screen is drawn: in the display's format
    return surf


def picture(file: str, size: tuple[int, int], folder: Path | None = None) -> pygame.Surface | None:
    """The rendering of ``file`` at ``size`` from the cache or drawn now; None when it cannot be drawn (the
    failure is reported once for that file and size)."""
    folder = folder or FOLDER
    key = (str(folder / file), size)
    got = cache.get(key)
    if got is _FAILED:
        return None
    if got is not None:
        return got  # type: ignore[return-value]
    path = picture_path(file, folder)
    try:
        if path is None:
            raise ValueError(f"'{file}' is not a bare file name")
        surf = render(path, size)
    except Exception as exc:  # noqa: BLE001 - any unreadable picture: its alt text shows, the error is reported
        artbridge._report(f"illustration {file}", exc)  # the art errors' one queue, taken into app.errors
        cache.put(key, _FAILED)
        return None
    cache.put(key, surf)
    return surf


def fit(aspect: tuple[int, int], w: int, h: int) -> tuple[int, int]:
    """The largest size of this aspect inside w x h."""
    aw, ah = aspect
    scale = min(w / aw, h / ah)
    return max(1, int(aw * scale)), max(1, int(ah * scale))


def draw(ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect, pic: Illustration, alt: str) -> bool:
    """The picture in ``rect`` with a thin frame, or its alt text in a box; False when it fell back."""
    rect = pygame.Rect(rect)
    if rect.w <= 2 or rect.h <= 2:
        return False
    img = picture(pic.file, rect.size)
    frame = max(1, ctx.px(1))
    if img is None:
        alt_box(ctx, surf, rect, alt)
        return False
    surf.blit(img, rect.topleft)
    pygame.draw.rect(surf, ctx.theme["rule"], rect, frame)
    return True


def alt_box(ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect, alt: str) -> None:
    """What stands in for a picture that cannot be drawn: its description, in a framed box."""
    t = ctx.theme
    pygame.draw.rect(surf, t["panel"], rect)
    pygame.draw.rect(surf, t["rule"], rect, max(1, ctx.px(2)))
    pad = ctx.tpx(10)
    inner = rect.inflate(-2 * pad, -2 * pad)
    if inner.w <= 0 or inner.h <= 0:
        return
    old = surf.get_clip()
    surf.set_clip(inner.clip(old) if old.w else inner)
    b = block(ctx, _("Picture: {description}").format(description=alt), "small", inner.w)
    y = inner.y + max(0, (inner.h - b.height) // 2)
    draw_block(surf, b, inner.x, y, t["panel_ink"])
    surf.set_clip(old)


# -- the scene picture on the play screen ----------------------------------------------------------
class ScenePicture(Item):
    """The node's picture as an item of the play screen's flow, placed by ``fit_scene``: ``above`` the node's
    text with the gap under it, ``beside`` it (in a column to its right), or ``below`` the choices with the gap
    above it. ``pic_h`` is its height in physical px when above or below (0: not placed yet)."""

    def __init__(self, pic: Illustration, alt: str) -> None:
        self.pic, self.alt = pic, alt
        self.pic_h = 0
        self.mode = "above"
        self.drawn_ok: bool | None = None  # what the last draw did: False when the alt box stood in

    def size(self, width: int) -> tuple[int, int]:
        if self.mode == "beside":
            return fit(SCENE_ASPECT, width, width)
        return fit(SCENE_ASPECT, width, self.pic_h) if self.pic_h else (0, 0)

    def measure(self, ctx: Ctx, width: int) -> int:
        self.w = width
        if self.mode == "beside":
            self.h = self.size(width)[1]
        else:
            self.h = self.pic_h + ctx.tpx(GAP) if self.pic_h else 0
        return self.h

    def picture_rect(self, ox: int = 0, oy: int = 0, ctx: Ctx | None = None) -> pygame.Rect:
        pw, ph = self.size(self.w)
        top = self.y + oy + (ctx.tpx(GAP) if ctx is not None and self.mode == "below" else 0)
        return pygame.Rect(self.x + ox, top, pw, ph)

    def draw(self, ctx: Ctx, surf: pygame.Surface, ox: int, oy: int, st: UIState) -> None:
        if self.h:
            self.drawn_ok = draw(ctx, surf, self.picture_rect(ox, oy, ctx), self.pic, self.alt)


def _first_choice_bottom(view: ScrollView, extra: Item | None) -> int | None:
    """Where the first choice (or an ending's "Read the debrief") ends in the view's content (None: there is
    none). ``extra`` is the first choice as it will be drawn, measured here while the text is still being
    revealed (the "tap to show all the text" line, last in the view, stands where the choices will be)."""
    items = view.root.items
    for it in items:
        if isinstance(it, W) and (it.widget.key.startswith("choice:") or it.widget.key == "debrief"):
            return it.y + it.h
    if extra is not None and items:
        return items[-1].y + extra.h
    return None


def _room(ctx: Ctx, view: ScrollView, first_choice: Item | None) -> int | None:
    """What is left of the view under the first choice (None: no choice to keep in view)."""
    bottom = _first_choice_bottom(view, first_choice)
    return None if bottom is None else view.rect.h - bottom - ctx.tpx(view.root.pad_bottom)


def fit_scene(ctx: Ctx, view: ScrollView, first_choice: Item | None = None) -> ScenePicture | None:
    """Place the scene picture in a laid-out play view so the first choice stays in view: above the node's
    text when the room left there holds it at least as large as it would be beside the text; else beside
    the text (in 40% or 30% of the width); else above at what room is left, if that is not too small; else
    below the choices, where it costs the player nothing. Lays the view out again; returns the picture."""
    items = view.root.items
    slot = next((it for it in items if isinstance(it, ScenePicture)), None)
    if slot is None:
        return None
    inner = view.root.w - 2 * view.root._px
    if first_choice is not None:
        first_choice.measure(ctx, inner)
    natural = fit(SCENE_ASPECT, inner, int(view.rect.h * MAX_SCENE_SHARE))[1]
    room = _room(ctx, view, first_choice)
    room = None if room is None else room - ctx.tpx(GAP)

    def above(h: int) -> ScenePicture:
        slot.mode, slot.pic_h = "above", h
        view.layout(ctx, view.rect)
        return slot

    beside_h = fit(SCENE_ASPECT, int(inner * BESIDE_SHARES[0]), inner)[1]
    if room is None or room >= min(natural, beside_h):
        return above(natural if room is None else min(natural, room))
    at = items.index(slot)
    if at + 1 < len(items) and inner >= ctx.tpx(BESIDE_MIN_W):
        node_item = items[at + 1]
        slot.mode = "beside"
        for share in BESIDE_SHARES:
            items[at:at + 2] = [Columns([(node_item, 1 - share), (slot, share)], gap=20)]
            view.layout(ctx, view.rect)
            left = _room(ctx, view, first_choice)
            if left is not None and left >= 0:
                return slot
            items[at:at + 1] = [slot, node_item]
        slot.mode = "above"
    if room >= ctx.px(MIN_SCENE_H):
        return above(min(natural, room))
    slot.mode, slot.pic_h = "below", fit(SCENE_ASPECT, inner, int(view.rect.h * MAX_BELOW_SHARE))[1]
    items.remove(slot)
    items.append(slot)
    view.layout(ctx, view.rect)
    return slot


# -- portraits ---------------------------------------------------------------------------------------
def portrait_size(ctx: Ctx, width: int) -> tuple[int, int]:
    """A portrait's size in a column ``width`` wide: 3:4, never taller than 220 logical px, whatever the
    text size (the text beside or under it grows instead)."""
    return fit(PORTRAIT_ASPECT, width, ctx.px(220))


def draw_portrait(ctx: Ctx, surf: pygame.Surface, rect: pygame.Rect, pic: Illustration, alt: str) -> bool:
    w, h = portrait_size(ctx, rect.w)
    return draw(ctx, surf, pygame.Rect(rect.x, rect.y, w, min(h, rect.h)), pic, alt)
