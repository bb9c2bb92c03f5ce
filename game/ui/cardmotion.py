"""What moves on the ID card when the run changes it: a list's stamp lands, the grade badge slides along the
grades from the old points to the new, and the newest journey draws itself on the map.

Each plays once, when the player first sees the change: a ledger per run keeps what the card last showed
(the lists, the points, how many journeys). A screen that shows the card looks (``CardMotion.look``) when it
composes; what differs from the ledger starts to move then, and the ledger takes the new values, so a card
drawn again, or opened again later, shows them at rest. The ledger starts from the run as it is when first
seen (a new life, a loaded save: nothing moves), and takes the run as it is after an undo or a restart
(going back is not news). Under reduced motion the ledger takes the new values and nothing moves.

While something moves the screen asks to be woken each FRAME and its ``view_key`` changes with the frame,
so the painter redraws that view only; once all is at rest the key is None and nothing wakes the loop.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from .motion import FRAME, ease_in_out_cubic
from .stamp import STAMP_LAND

SLIDE = 0.5  # seconds the grade badge takes from the old points to the new
DRAW = 0.7  # seconds the newest journey takes to draw itself

LISTS, POINTS, JOURNEYS = "lists", "points", "journeys"  # what a screen shows of the card


def ease(k: float) -> float:
    """Slow out, quick across, slow in: how far along a slide or a drawn line is at share k (0..1)."""
    return ease_in_out_cubic(max(0.0, min(1.0, k)))


@dataclass
class Move:
    start: float
    length: float

    def share(self, now: float) -> float:
        return max(0.0, min(1.0, (now - self.start) / self.length))

    def moving(self, now: float) -> bool:
        return now < self.start + self.length

    def frame(self, now: float) -> int:
        return int(max(0.0, now - self.start) / FRAME)


def list_ids(session: Any) -> list[str]:
    """The run's lists in the order the card shows them (GameCtl.card: those the world still has)."""
    lists = session.story.world.lists
    return [lid for lid in session.state.lists if lid in lists]


class Ledger:
    """What the card last showed of one run, and what is moving on it now."""

    def __init__(self, session: Any) -> None:
        self.stamps: dict[str, Move] = {}
        self.slide: tuple[float, float, Move] | None = None  # from points, to points
        self.drawing: tuple[int, Move] | None = None  # the journey's index
        self.sync(session)

    def sync(self, session: Any) -> None:
        """The run as it is, shown at rest."""
        s = session.state
        self.log_len = len(s.log)
        self.lists = set(list_ids(session))
        self.points = s.points
        self.journeys = len(s.travels)
        self.stamps.clear()
        self.slide = self.drawing = None

    def observe(self, session: Any) -> None:
        """A choice taken back (undo, restart): the card as it is now is no news."""
        if len(session.state.log) < self.log_len:
            self.sync(session)
        self.log_len = len(session.state.log)

    def look(self, session: Any, kinds: tuple[str, ...], now: float, still: bool) -> None:
        """A screen shows these parts of the card now: what changed since they were last shown starts to move
        (unless ``still``), and becomes what they show."""
        self.observe(session)
        s = session.state
        if LISTS in kinds:
            ids = list_ids(session)
            for lid in ids:
                if lid not in self.lists and not still:
                    self.stamps[lid] = Move(now, STAMP_LAND)
            self.lists = set(ids)
            self.stamps = {k: v for k, v in self.stamps.items() if k in self.lists}
        if POINTS in kinds and s.points != self.points:
            shown = self.points_at(now)
            if not still and shown is not None and s.points is not None:
                self.slide = (shown, float(s.points), Move(now, SLIDE))
            else:
                self.slide = None
            self.points = s.points
        if JOURNEYS in kinds and len(s.travels) != self.journeys:
            if not still and len(s.travels) > self.journeys:
                self.drawing = (len(s.travels) - 1, Move(now, DRAW))
            else:
                self.drawing = None
            self.journeys = len(s.travels)

    def points_at(self, now: float) -> float | None:
        """The points the badge shows now (between two values while it slides)."""
        if self.slide is not None and self.slide[2].moving(now):
            a, b, m = self.slide
            return a + (b - a) * ease(m.share(now))
        return None if self.points is None else float(self.points)

    def moves(self, kinds: tuple[str, ...]) -> list[tuple[str, Move]]:
        out: list[tuple[str, Move]] = []
        if LISTS in kinds:
            out += [(f"stamp:{k}", m) for k, m in self.stamps.items()]
        if POINTS in kinds and self.slide is not None:
            out.append(("slide", self.slide[2]))
        if JOURNEYS in kinds and self.drawing is not None:
            out.append(("drawing", self.drawing[1]))
        return out


_ledgers: weakref.WeakKeyDictionary[Any, Ledger] = weakref.WeakKeyDictionary()  # a run's ledger goes with it


def ledger_for(session: Any) -> Ledger:
    led = _ledgers.get(session)
    if led is None:
        led = _ledgers[session] = Ledger(session)
    return led


class CardMotion:
    """One screen's view of its run's ledger: it looks when the screen composes, answers the drawing (how far a
    stamp, the badge, the line are), and tells the screen when to redraw and when to wake."""

    def __init__(self, app: Any, screen: Any, kinds: tuple[str, ...]) -> None:
        self.app = app
        self.screen = screen
        self.kinds = kinds
        self.key: object = None  # the frame last reported by changed()

    def _ledger(self) -> Ledger | None:
        game = self.app.game
        session = game.session if game is not None else None
        return ledger_for(session) if session is not None else None

    def _still(self) -> bool:
        return bool(self.app.ctx.reduced_motion)

    def _hidden(self) -> bool:
        """Under another screen (a dialog, whose background is drawn once and kept): drawn at rest there."""
        return self.app.top is not self.screen

    def look(self, shown: bool = True) -> None:
        """The screen composes: with the card shown (``shown``), what is new starts to move; without it, the
        ledger only follows the run (so an undo is not news when the card shows next)."""
        led = self._ledger()
        if led is None:
            return
        session = self.app.game.session
        if shown:
            led.look(session, self.kinds, self.app.clock(), self._still())
        else:
            led.observe(session)

    def _moving(self, move: Move | None) -> float | None:
        if move is None or self._still() or self._hidden():
            return None
        now = self.app.clock()
        return move.share(now) if move.moving(now) else None

    # -- what the drawing asks -------------------------------------------------------------------------
    def stamp(self, list_index: int) -> float | None:
        """How far the stamp of the card's list number ``list_index`` has landed (None: at rest)."""
        led = self._ledger()
        if led is None:
            return None
        ids = list_ids(self.app.game.session)
        return self._moving(led.stamps.get(ids[list_index])) if 0 <= list_index < len(ids) else None

    def points(self) -> float | None:
        """The points the grade badge stands at now, while it slides (None: at rest, at the run's points)."""
        led = self._ledger()
        if led is None or led.slide is None or self._moving(led.slide[2]) is None:
            return None
        return led.points_at(self.app.clock())

    def journey(self) -> float | None:
        """How much of the newest journey is drawn (eased), while it draws itself (None: at rest)."""
        led = self._ledger()
        if led is None or led.drawing is None:
            return None
        k = self._moving(led.drawing[1])
        return None if k is None else ease(k)

    # -- the screen's hooks ----------------------------------------------------------------------------
    def frame_key(self, now: float | None = None) -> object:
        """What the frame shows of the motion (None: all at rest): the view's cache key."""
        led = self._ledger()
        if led is None or self._still() or self._hidden():
            return None
        now = self.app.clock() if now is None else now
        key = tuple((name, m.frame(now)) for name, m in led.moves(self.kinds) if m.moving(now))
        return key or None

    def changed(self, now: float) -> bool:
        """For Screen.update: the frame moved on (or came to rest) since the last call."""
        key = self.frame_key(now)
        moved = key != self.key
        self.key = key
        if key is None:
            self._settle()
        return moved

    def _settle(self) -> None:
        """Forget what has come to rest (the ledger keeps only what moves)."""
        led = self._ledger()
        if led is None:
            return
        now = self.app.clock()
        led.stamps = {k: m for k, m in led.stamps.items() if m.moving(now)}
        if led.slide is not None and not led.slide[2].moving(now):
            led.slide = None
        if led.drawing is not None and not led.drawing[1].moving(now):
            led.drawing = None

    def wake_at(self, now: float) -> float | None:
        """The next frame while something moves; None at rest."""
        if self.frame_key(now) is None:
            return None
        return now + FRAME
