"""Playing a life: the current node and its choices, applying a choice, undo, and history.

A run is its starting point, its seed and the list of choices taken. Undo and loading a save both
replay that list from the start, so state is always what the current story makes of those choices,
and a save made before a story edit resumes at the last point that still exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..i18n import N_, Message
from .events import Event
from .model import Choice, Illustration, Life, Node, Story, Text
from .rules import Rules
from .state import GameState

CONTINUE = "continue"
CONTINUE_LABEL = Text("ui.continue", N_("Continue"))  # an interface word: Story.text looks it up in the catalog
STORY_CHANGED = Message(N_(
    "The story has changed since this save, so it resumes at the last point that still exists."))


class InvalidChoice(Exception):
    """The requested choice is not available at the current node."""


@dataclass
class ChoiceView:
    """A choice as shown: enabled or disabled with its reason; ``number`` is 1-based among those shown."""

    id: str
    label: Text
    enabled: bool
    number: int
    reason: Text | None = None
    attempt: str = ""


@dataclass
class NodeView:
    """A node as shown: its choices and, when the story gives it one, its picture (whose ``alt`` words the
    text player and speech say, and the window shows when the picture cannot be drawn)."""

    node: Node
    choices: list[ChoiceView]
    illustration: Illustration | None = None

    @property
    def is_ending(self) -> bool:
        return self.node.ending is not None


@dataclass
class HistoryEntry:
    """One node the player saw, the choice they then made (if any) and what it caused."""

    node: str
    text: Text
    date: str
    place: str
    choice: Text | None = None
    events: list[Event] = field(default_factory=list)


def start_point(life: Life, start: str) -> tuple[str, list]:
    """The node and setup effects for a start: "main", "short" or "chapter:ID"."""
    if start == "short" and life.short is not None:
        return life.short.start, []
    if start.startswith("chapter:"):
        cid = start.split(":", 1)[1]
        for ch in life.chapters:
            if ch.id == cid:
                return ch.node, ch.setup
        raise KeyError(f"life '{life.id}' has no chapter '{cid}'")
    if start not in ("main", "short"):
        raise KeyError(f"unknown start '{start}'")
    return life.start, []


class Session:
    """One run through one life."""

    def __init__(self, story: Story, life_id: str, *, seed: int = 0, start: str = "main") -> None:
        if life_id not in story.lives:
            raise KeyError(f"no life '{life_id}' in this story")
        self.story = story
        self.life = story.lives[life_id]
        node_id, setup = start_point(self.life, start)
        state = GameState(life=life_id, node=node_id, date=self.life.date, place=self.life.place, start=start,
                          seed=int(seed), start_date=self.life.date)
        state.vars = {name: v.initial for name, v in self.life.variables.items()}
        if self.life.scheme and self.life.scheme in story.world.schemes:
            state.points = story.world.schemes[self.life.scheme].start
        self.state = state
        self.history: list[HistoryEntry] = []
        self.last_events: list[Event] = []
        rules = Rules(story, self.life, state)
        setup_events = rules.apply(setup)
        self.last_events = setup_events + self._enter(node_id)
        self.history[-1].events = list(self.last_events)
        self._initial = self.state.to_dict()
        self._initial_events = list(self.last_events)

    # -- reading ---------------------------------------------------------------------------------
    @property
    def node(self) -> Node:
        return self.life.nodes[self.state.node]

    @property
    def rules(self) -> Rules:
        return Rules(self.story, self.life, self.state)

    def view(self) -> NodeView:
        node = self.node
        pic = self.story.world.illustrations.get(node.illustration) if node.illustration else None
        if node.ending is not None:
            return NodeView(node, [], pic)
        if not node.choices:
            return NodeView(node, [ChoiceView(CONTINUE, CONTINUE_LABEL, True, 1)], pic)
        rules = self.rules
        shown: list[ChoiceView] = []
        for c in node.choices:
            ok = self._available(c, rules)
            if not ok and c.reason is None:
                continue
            shown.append(ChoiceView(c.id, c.label, ok, len(shown) + 1, None if ok else c.reason, c.attempt))
        return NodeView(node, shown, pic)

    def enabled_choices(self) -> list[str]:
        return [c.id for c in self.view().choices if c.enabled]

    @property
    def ended(self) -> bool:
        return self.node.ending is not None

    def _available(self, c: Choice, rules: Rules) -> bool:
        if c.cond is None:
            return True
        # conditions must not consume random draws just by being displayed
        draws = self.state.draws
        try:
            return bool(rules.eval(c.cond))
        finally:
            self.state.draws = draws

    # -- acting ----------------------------------------------------------------------------------
    def choose(self, choice_id: str) -> list[Event]:
        """Take a choice at the current node and return the events it caused."""
        node = self.node
        if node.ending is not None:
            raise InvalidChoice("this life has ended")
        rules = self.rules
        events: list[Event] = []
        if not node.choices:
            if choice_id != CONTINUE:
                raise InvalidChoice(f"node '{node.id}' only continues")
            target = node.next
            label = CONTINUE_LABEL
        else:
            choice = next((c for c in node.choices if c.id == choice_id), None)
            if choice is None:
                raise InvalidChoice(f"node '{node.id}' has no choice '{choice_id}'")
            if not self._available(choice, rules):
                raise InvalidChoice(f"the choice '{choice_id}' is not available now")
            events.extend(rules.apply(choice.effects))
            target = choice.to
            if choice.attempt:
                outcome = rules.attempt(choice.attempt)
                events.append(outcome)
                if outcome.kind == "refused":
                    target = choice.refused
            label = choice.label
        if self.history:
            self.history[-1].choice = label
        self.state.log.append([node.id, choice_id])
        events.extend(self._enter(target))
        self.history[-1].events = list(events)
        self.last_events = events
        return events

    def _enter(self, node_id: str) -> list[Event]:
        node = self.life.nodes[node_id]
        s = self.state
        s.node = node_id
        s.visits[node_id] = s.visits.get(node_id, 0) + 1
        events: list[Event] = []
        if node.place and node.place != s.place:
            s.place = node.place
            place = self.story.world.places.get(node.place)
            if place is not None:
                events.append(Event("moved", {"place": place.id, "name": place.name}))
        events.extend(self.rules.apply(node.effects))
        s.ended = node.ending is not None
        self.history.append(HistoryEntry(node_id, node.text, s.date, s.place))
        return events

    def fork(self) -> Session:
        """An independent copy of this run (the explorer branches with it)."""
        other = Session.__new__(Session)
        other.story, other.life = self.story, self.life
        other.state = self.state.copy()
        # entries are copied: choosing in the fork records its choice on its own last entry
        other.history = [replace(h, events=list(h.events)) for h in self.history]
        other.last_events = list(self.last_events)
        other._initial, other._initial_events = self._initial, self._initial_events
        return other

    # -- undo and replay -------------------------------------------------------------------------
    def undo(self, steps: int = 1) -> bool:
        """Take back the last ``steps`` choices; False when there is nothing to undo."""
        if steps < 1 or not self.state.log:
            return False
        keep = self.state.log[: max(0, len(self.state.log) - steps)]
        self._reset()
        for _node_id, choice_id in keep:
            self.choose(choice_id)
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self.state.log)

    def restart(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.state = GameState.from_dict(self._initial)
        node = self.life.nodes[self.state.node]
        self.history = [HistoryEntry(node.id, node.text, self.state.date, self.state.place,
                                     events=list(self._initial_events))]
        self.last_events = list(self._initial_events)

    @classmethod
    def resume(cls, story: Story, saved: dict[str, Any]) -> tuple[Session, str | None]:
        """Rebuild a run from saved state by replaying its choices in the current story.

        Returns the session and a message when the story changed since the save and the run had to
        stop at the last point that still exists. Raises ValueError when the save cannot be used.
        """
        state = GameState.from_dict(saved)
        if state.life not in story.lives:
            raise ValueError(f"the save is for a life ('{state.life}') that this story no longer has")
        life = story.lives[state.life]
        start = state.start
        try:
            start_point(life, start)
        except KeyError:
            start = "main"
        session = cls(story, state.life, seed=state.seed, start=start)
        message = None
        for node_id, choice_id in state.log:
            if session.state.node != node_id:
                message = STORY_CHANGED
                break
            try:
                session.choose(choice_id)
            except InvalidChoice:
                message = STORY_CHANGED
                break
        if message is None and session.state.node != state.node:
            message = STORY_CHANGED
        return session, message
