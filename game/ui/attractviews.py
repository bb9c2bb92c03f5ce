"""What the attract loop draws for each beat of its demonstration (attractdemo.py): a life's portrait and
summary, a scene as the player meets it (the real system screens, the choices, the one taken), the refusal
stamp landing, and the map of the life's places. ``phase`` is the seconds since the beat began, None for
the still version (reduced motion): everything at rest."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pygame

from ..engine import wording as wd
from ..i18n import _
from . import artbridge, pictures, stamp
from .context import Ctx
from .drawing import block, draw_block
from .flow import Custom, Gap, Item, Text, W
from .systemviews import dialogue, letter, narration, notice, phone_app, terminal
from .widgets import Button

STAMP_LAND = stamp.STAMP_LAND  # seconds the refusal stamp takes to land (as a list's stamp on the ID card)
MAP_DRAW = 1.6  # seconds the map's places take to appear, west to east
PRESS_AT = 0.62  # share of a scene's beat after which the choice taken shows pressed
EXCERPT = 240  # characters of a scene's text shown (whole sentences)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The first sentences of a scene's text, within ``limit`` characters (at least the first sentence,
    cut at a word with an ellipsis when even that is longer). Paragraphs stay paragraphs (a blank line
    between them), as the player meets them: a notice's heading does not run into its body."""
    paras = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    out: list[str] = []
    used = 0
    for para in paras:
        sep = 2 if out else 0  # the blank line before this paragraph
        if used + sep + len(para) <= limit:
            out.append(para)
            used += sep + len(para)
            continue
        part = ""
        for s in re.split(r"(?<=[.!?。！？])\s*", para):
            if not s:
                continue
            cand = f"{part} {s}" if part else s
            if used + sep + len(cand) > limit and (part or out):
                break
            part = cand
        if part:
            if used + sep + len(part) > limit:  # the first sentence alone is too long: cut at a word
                part = part[:max(1, limit - used - sep)].rsplit(" ", 1)[0] + "…"
            out.append(part)
        break
    return "\n\n".join(out) if out else ""


def intro_items(game: Any, life: Any) -> list[Item]:
    def portrait(c: Ctx, s: pygame.Surface, r: pygame.Rect) -> None:
        """The life's portrait from the story, as on "Choose a life"; else the drawn avatar. A picture, not
        text: it keeps its size at 200% text, so the life's name and summary still fit beside it."""
        box = pygame.Rect(r.centerx - c.px(88), r.y, c.px(176), c.px(220))
        pic = game.story.world.illustrations.get(life.portrait) if life.portrait else None
        if pic is not None:
            pictures.draw_portrait(c, s, box, pic, game.tr(pic.alt))
        else:
            artbridge.draw_portrait(s, life.id, box, c.theme)

    return [Custom(lambda c, w: c.px(220), portrait),
            Gap(14), Text(game.tr(life.title), "title", "ink", align="center"), Gap(6),
            Text(game.tr(life.summary), "body", "ink", align="center")]


def _stamp(text: str, phase: float | None) -> Item:
    """The refusal stamp: a red seal and the word, landing from above (scaled down) within STAMP_LAND."""
    def height(ctx: Ctx, width: int) -> int:
        return ctx.tpx(64)

    def paint(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        t = ctx.theme
        k = 1.0 if phase is None else min(1.0, phase / STAMP_LAND)
        stamp.draw_seal(surf, (r.x + r.h // 2, r.centery), int(r.h * 0.45), t["seal"], k, max(2, ctx.px(4)))
        if k >= 1.0:
            b = block(ctx, text, "heading", max(10, r.w - r.h - ctx.px(12)))
            draw_block(surf, b, r.x + r.h + ctx.px(12), r.centery - b.height // 2, t["seal"])

    return Custom(height, paint)


def scene_items(game: Any, beat: Any, phase: float | None, begin: Callable[[], None], duration: float) -> list[Item]:
    """A scene of the demonstration: place and date, what the player reads (cut to its first sentences),
    the refusal stamp when the scene is a refusal, and the choices, the one taken shown pressed near the
    end of the beat. Every button here only begins a visit: touching anywhere does."""
    node = beat.node
    place = game.place_name(beat.place) if beat.place else ""
    items: list[Item] = [Text(f"{place}, {game.fmt_date(beat.date)}" if place else game.fmt_date(beat.date),
                              "heading", "ink"), Gap(10)]
    refused = next((e for e in beat.events if e.kind == "refused"), None)
    if refused is not None:
        items += [_stamp(_("REFUSED: {service}").format(service=game.tr(refused.data.get("service"))), phase), Gap(8)]
    text = excerpt(game.tr(node.text))
    speaker = game.tr(node.speaker) if node.speaker else ""
    title = game.tr(node.title) if node.title else speaker
    screen = node.screen or ("terminal" if node.kind == "system" else "letter" if node.kind == "document" else "")
    if node.kind in ("system", "document"):
        date = game.fmt_date(beat.date)
        view = {"terminal": lambda: terminal(title or wd.TERMINAL_TITLE, text, None),
                "notice": lambda: notice(title or wd.NOTICE_TITLE, text, None, date),
                "app": lambda: phone_app(title or wd.PHONE_TITLE, text, None, "", None, "")}.get(
                    screen, lambda: letter(title, text, None, date))()
    elif node.kind == "dialogue" and speaker:
        view = dialogue(speaker, text, None)
    else:
        view = narration(text, None)
    items += [view, Gap(16)]
    pressed = phase is not None and phase >= PRESS_AT * duration
    for c in beat.choices:
        taken = pressed and c.id == beat.chosen
        b = Button(f"demo:{c.id}", game.tr(c.label), begin, kind="primary" if taken else "choice",
                   enabled=c.enabled, reason=game.tr(c.reason) if c.reason else "", number=c.number)
        items += [W(b, max_w=700), Gap(8)]
    return items


def map_items(game: Any, beat: Any, phase: float | None) -> list[Item]:
    """The life's places on the map, appearing west to east over MAP_DRAW, and the journeys made."""
    w = game.story.world
    places = [{"id": p.id, "name": game.tr(p.name), "chinese": p.chinese, "lat": p.lat, "lon": p.lon}
              for p in (w.places[i] for i in beat.places if i in w.places)]
    journeys = [{"from": t.get("from", ""), "to": t.get("to", ""), "label": t.get("by", "")} for t in beat.travels]
    k = 1.0 if phase is None else min(1.0, phase / MAP_DRAW)

    def paint(ctx: Ctx, surf: pygame.Surface, r: pygame.Rect) -> None:
        font = ctx.fonts["small"].latin
        if k >= 1.0 or not places:
            artbridge.draw_map(surf, r, places, journeys, ctx.theme, beat.place, font)
            return
        artbridge.draw_map(surf, r, [], [], ctx.theme, "", font)
        old = surf.get_clip()
        sweep = pygame.Rect(r.x, r.y, int(r.w * k), r.h)
        surf.set_clip(sweep.clip(old) if old.w else sweep)
        artbridge.draw_map(surf, r, places, journeys, ctx.theme, beat.place, font)
        surf.set_clip(old)

    names = ", ".join(p["name"] for p in places)
    return [Text(_("Where this life happens"), "heading", "ink"), Gap(8),
            Custom(lambda c, wd: min(int(wd * 0.62), c.px(400)), paint), Gap(8),
            Text(names, "small", "muted")]
