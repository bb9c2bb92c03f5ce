"""Random input for the soak test and its benchmark: clicks, touches, keys, wheel and resizes."""

from __future__ import annotations

import random

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
