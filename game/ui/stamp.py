"""The official seal as a rubber stamp that lands: drawn bigger and fainter while it comes down, at its own
size once it lands. One drawing for every stamp that lands (the attract loop's refusal, a list put on the ID
card), so they land alike. ``k`` is the share of the landing done: 0 as it starts, 1 (or None) at rest."""

from __future__ import annotations

import pygame

from . import artbridge

STAMP_LAND = 0.35  # seconds a stamp takes to land
LIFT = 0.9  # how much bigger than at rest a stamp is as it starts to come down


def landing(k: float | None) -> float:
    """The stamp's size against its size at rest: 1 + LIFT at first, falling faster as it nears the paper."""
    if k is None or k >= 1.0:
        return 1.0
    return 1.0 + LIFT * (1.0 - max(0.0, k)) ** 2


def draw_seal(surf: pygame.Surface, center: tuple[int, int], radius: int, color, k: float | None = None,
              width: int = 3) -> None:
    """The seal of ``radius`` at ``center``; while landing (k < 1) bigger and fainter, from the same picture
    scaled (the seal is drawn once at its size at rest: a new size every frame would cost milliseconds each)."""
    grow = landing(k)
    if grow == 1.0:
        if not artbridge.draw_seal(surf, center, radius, color):
            pygame.draw.circle(surf, color, center, radius, width)
        return
    img = artbridge.seal_surface(radius, color)
    if img is None:  # no art package: the plain ring, landing alike
        side = 2 * radius + 2 * width + 2
        img = pygame.Surface((side, side), pygame.SRCALPHA)
        pygame.draw.circle(img, color, (side // 2, side // 2), radius, width)
    w, h = img.get_size()
    big = pygame.transform.smoothscale(img, (max(1, round(w * grow)), max(1, round(h * grow))))
    big.set_alpha(round(255 * (0.35 + 0.65 * max(0.0, min(1.0, k or 0.0)))))
    surf.blit(big, big.get_rect(center=center))
