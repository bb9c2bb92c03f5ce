"""Random input for the soak test and its benchmark: clicks, touches, keys, wheel and resizes."""

from __future__ import annotations

import random
from collections.abc import Callable

import pygame

from .pilot import Pilot

KEYS = ["tab", "return", "space", "escape", "up", "down", "left", "right", "page up", "page down", "home", "end",
        "1", "2", "3", "4", "9", "j", "h", "i", "z", "backspace", "a"]
SIZES = [(1280, 720), (800, 600), (1920, 1080), (640, 480), (1024, 768), (2560, 1080), (400, 900)]


def random_events(p: Pilot, n: int, seed: int = 0, *, resizes: bool = True) -> None:
    """Feed n random events through the real event queue, a frame every few events."""
    rng = random.Random(seed)
    for i in range(n):
        W, H = p.app.window.get_size()
        r = rng.random()
        pos = (rng.randrange(W), rng.randrange(H))
        if r < 0.25:
            p.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice([1, 1, 1, 3]), touch=False)
            if rng.random() < 0.8:
                p.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
        elif r < 0.35:
            p.post(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0), touch=False)
        elif r < 0.5:
            x, y = pos[0] / W, pos[1] / H
            fid = rng.choice([1, 1, 2])
            p.post(pygame.FINGERDOWN, x=x, y=y, dx=0.0, dy=0.0, finger_id=fid, touch_id=1, pressure=1.0)
            if rng.random() < 0.4:
                p.post(pygame.FINGERMOTION, x=x, y=min(1.0, y + rng.uniform(-0.3, 0.3)), dx=0.0, dy=0.1,
                       finger_id=fid, touch_id=1, pressure=1.0)
            p.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=True)
            if rng.random() < 0.9:
                p.post(pygame.FINGERUP, x=x, y=y, dx=0.0, dy=0.0, finger_id=fid, touch_id=1, pressure=0.0)
        elif r < 0.85:
            name = rng.choice(KEYS)
            mod = rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
            k = pygame.key.key_code(name)
            p.post(pygame.KEYDOWN, key=k, mod=mod, unicode=name if len(name) == 1 else "", scancode=0)
        elif r < 0.93:
            p.post(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False, touch=False,
                   precise_x=0.0, precise_y=1.0)
        elif resizes and r < 0.96:
            w, h = rng.choice(SIZES)
            p.post(pygame.VIDEORESIZE, w=w, h=h, size=(w, h))
        else:
            p.clock.advance(rng.choice([0.05, 0.5, 5.0, 30.0]))
        if i % 3 == 0:
            p.step()
        p.app.running = True  # a random click on Quit must not end the soak
    p.step()


# -- kiosk visitors -------------------------------------------------------------------------------------
def _tap_key(p: Pilot, key: str) -> bool:
    """Tap the widget with this key if the top screen has it; False when it has not."""
    if not p.has(key=key):
        return False
    p.tap(key=key)
    return True


def change_settings(p: Pilot, rng: random.Random) -> int:
    """What a visitor does in Settings, through the screens: Menu, Settings, a text size or a language,
    back. Returns the events it took (0 when the visitor was not on a scene)."""
    if p.screen != "play" or not _tap_key(p, "menu") or not _tap_key(p, "settings"):
        return 1 if p.screen == "pause" else 0
    n = 2
    for _ in range(rng.randint(1, 3)):
        langs = [w.key for w in p.widgets() if w.key.startswith("lang:")]
        key = rng.choice(["size:+", "size:-", "size:+"] + langs)
        n += _tap_key(p, key)
    p.key("escape")
    return n + 1


def kiosk_visit(p: Pilot, rng: random.Random, events: int, before_leaving: Callable[[], None] | None = None) -> int:
    """One simulated visitor on a kiosk: begins on the attract loop (a touch anywhere, or a language),
    picks a life, plays with about ``events`` random inputs and some settings changes, then walks away;
    the idle reset brings the attract loop back; ``before_leaving`` is called just before the visitor
    walks away (the benchmark reads memory there too). Returns the number of inputs sent."""
    app = p.app
    sent = 0
    p.step(1, dt=rng.uniform(0.5, 20))  # the attract loop plays a while
    langs = [w.key for w in p.widgets() if w.key.startswith("lang:")]
    if langs and rng.random() < 0.3:
        p.tap(key=rng.choice(langs))
    else:
        W, H = app.window.get_size()
        p.tap_at((rng.randrange(W), rng.randrange(H)))
    sent += 1
    lives = [w.key for w in p.widgets() if w.key.startswith("life:")]
    if p.screen == "lives" and lives:
        p.tap(key=rng.choice(lives))
        sent += 1
    done = 0
    while done < events:
        chunk = min(events - done, rng.randint(20, 80))
        random_events(p, chunk, seed=rng.randrange(1 << 30), resizes=False)
        done += chunk
        if rng.random() < 0.3:
            done += change_settings(p, rng)
    if before_leaving is not None:
        before_leaving()
    walk_away(p)
    return sent + done


def walk_away(p: Pilot) -> None:
    """The visitor leaves: "Still there?" after the idle time, then the reset when nobody answers. Speech
    reads in real time and holds the idle clock while it reads (the injected clock does not move it), so
    what it is reading is let finish first, as it would while a real visitor walks away."""
    k = p.app.kiosk
    speaker = getattr(p.app.speech, "speaker", None)
    if speaker is not None and speaker.busy:
        speaker.wait(timeout=60)
        p.step()  # the bridge sees it finished: the idle clock runs again
    p.step(1, dt=k.config.idle_seconds + 1)
    p.step(1, dt=k.config.countdown_seconds + 1)


def tour_visits(p: Pilot, rng: random.Random, events_per_setting: int = 30) -> int:
    """The visitors who try everything once, for the benchmark's warm-up: each life in turn, and in the
    first every language with and without pinyin and the English beside it, every text size, high contrast,
    reduced motion and speech, with some random play under each. What the game loads on first use (the
    pinyin dictionary, the speech engine, a catalog, a font) is then loaded before memory is compared.
    Ends on the attract loop after the idle reset; returns the number of inputs sent."""
    from .screens.settings import SIZES

    sent = 0
    langs = [w.key.split(":", 1)[1] for w in p.widgets() if w.key.startswith("lang:")] or ["en"]
    every = [dict(language=lang, pinyin=pin, bilingual=bi) for lang in langs for pin in (False, True)
             for bi in (False, True)]
    # speech goes off again: while it reads aloud the idle time does not run, and it reads in real time
    every += [dict(text_scale=s) for s in SIZES] + [dict(high_contrast=True), dict(reduced_motion=True),
                                                    dict(speech=True), dict(speech=False)]
    p.tap_at((10, 10))
    lives = [w.key for w in p.widgets() if w.key.startswith("life:")]
    walk_away(p)
    for i, life in enumerate(lives or [""]):
        p.tap_at((10, 10))
        sent += 1
        if life and p.has(key=life):
            p.tap(key=life)
            sent += 1
        for changes in every if i == 0 else every[-5:]:
            p.set_settings(**changes)
            random_events(p, events_per_setting, seed=rng.randrange(1 << 30), resizes=False)
            sent += events_per_setting + 1
        walk_away(p)
    return sent


def live_counts(app) -> dict[str, int]:
    """What the game holds that a soak must see stay bounded: each cache's entries and bytes (the pixels of
    rendered lines and pictures live in SDL's memory, which tracemalloc cannot see), the screens, the logs."""
    from . import drawing, fonts, pictures, ruby
    from .art import _cache as art_cache

    c = {
        "screens": len(app.screens.screens), "retired_screens": len(app.screens._retired),
        "line_surfaces": len(fonts._line_cache), "line_bytes": fonts._line_bytes,
        "fonts": len(fonts._font_cache), "blocks": len(drawing._blocks), "block_bytes": drawing._block_bytes,
        "ruby_blocks": len(ruby._ruby_blocks), "ruby_fonts": len(ruby._ruby_fonts),
        "ruby_tables": len(ruby._tables), "pictures": len(pictures.cache), "picture_bytes": pictures.cache.bytes,
        "art_bytes": art_cache.total_bytes(), "art_pictures": len(art_cache._entries),
        "font_sets": len(app.ctx.fonts._sets), "widths": sum(len(fs._widths) for fs in app.ctx.fonts._sets.values()),
        "frame_times": len(app.painter.frame_times), "errors": len(app.errors), "overflow": len(app.ctx.overflow),
    }
    return c


def bounds(app) -> dict[str, int]:
    """The most each of ``live_counts`` may reach, from the bounds the modules declare (a line or picture
    bigger than its whole budget is kept alone, so the byte budgets allow one such). The caches bounded by
    bytes (lines, blocks, the art's pictures) have their bytes here, not their entries."""
    from . import app as app_mod
    from . import context, drawing, fonts, painter, pictures, ruby
    from .art import _cache as art_cache

    W, H = app.window.get_size()
    one_picture = W * H * 4
    return {
        "screens": 8, "retired_screens": 8,  # a scene under a dialog under a dialog, and what just left
        "line_bytes": fonts.LINE_CACHE_BYTES + one_picture, "fonts": fonts.FONT_CACHE_MAX,
        "block_bytes": drawing.BLOCK_CACHE_BYTES + 64 * 1024,
        "ruby_blocks": ruby.RUBY_BLOCKS_MAX, "ruby_fonts": 8, "ruby_tables": ruby.TABLES_KEPT,
        "pictures": pictures.MAX_ENTRIES, "picture_bytes": pictures.MAX_BYTES + one_picture,
        "art_bytes": art_cache.PICTURE_BYTES + one_picture,
        "font_sets": len(fonts.ROLES), "widths": len(fonts.ROLES) * (fonts.WIDTHS_MAX + 1),
        "frame_times": painter.FRAME_TIMES_KEPT + 1, "errors": app_mod.MAX_ERRORS,
        "overflow": context.OVERFLOW_KEPT,
    }


def over_bounds(counts: dict[str, int], limits: dict[str, int]) -> list[str]:
    """Each count above its bound, as "name count > bound"."""
    return [f"{k} {v} > {limits[k]}" for k, v in counts.items() if k in limits and v > limits[k]]
