"""Classroom mode: the teacher's set-up, the group label, the debrief questions, and the run's record.

The teacher picks a life, where to start (the beginning, the short version or a chapter), whether
the debrief shows its discussion questions, and a group label ("Table 4", never a name), or leaves
the label to the students (:class:`ClassroomOptions`). The student plays; after the ending the
debrief is shown with its questions. A :class:`ClassroomRun` keeps ONE record of the run up to date
(:class:`game.modes.record.RunRecorder`): the first myth-or-fact answers count, later changes are kept
as changes. :class:`TeacherGate` is the teacher's way back to the set-up screen: a key chord, then
the PIN the teacher chose (the kiosk's :class:`~game.modes.kiosk.QuitGuard`, which locks out after
wrong PINs).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.model import Debrief, Story
from ..engine.runtime import Session
from . import paths
from .kiosk import KioskConfig, QuitGuard
from .record import AnswerLog, RunRecorder, clean_group

TEACHER_CHORD = "ctrl+shift+alt+t"  # then the PIN the teacher set on the set-up screen (docs/teacher-guide.md)


@dataclass(frozen=True)
class ChapterChoice:
    id: str
    title: str


@dataclass(frozen=True)
class LifeChoice:
    """A life as the teacher's start screen lists it."""

    id: str
    title: str
    player: str
    period: str
    summary: str
    content_note: str
    minutes: int
    chapters: tuple[ChapterChoice, ...]


def life_choices(story: Story, lang: str | None = None) -> list[LifeChoice]:
    """Every life with its chapters, for the teacher's start screen."""
    tr = lambda t: story.text(t, lang)
    return [LifeChoice(life.id, tr(life.title), tr(life.player), tr(life.period), tr(life.summary),
                       tr(life.content_note), life.minutes,
                       tuple(ChapterChoice(ch.id, tr(ch.title)) for ch in life.chapters))
            for life in story.lives.values()]


@dataclass(frozen=True)
class ClassroomOptions:
    """What the teacher chose: the life, a chapter to start from (None: the beginning), and whether
    the debrief shows its discussion questions."""

    life: str
    chapter: str | None = None
    show_questions: bool = True
    short: bool = False  # the life's short version (ignored when a chapter is chosen)
    group: str = ""  # "" : the students type their label at the start of each run

    @property
    def start(self) -> str:
        """The start as :class:`Session` takes it: "main", "short" or "chapter:ID"."""
        if self.chapter:
            return f"chapter:{self.chapter}"
        return "short" if self.short else "main"

    @classmethod
    def from_start(cls, life: str, start: str, **kw) -> ClassroomOptions:
        """Options from a start as the set-up screen keeps it ("main", "short", "chapter:ID")."""
        chapter = start.split(":", 1)[1] if start.startswith("chapter:") else None
        return cls(life, chapter, short=start == "short", **kw)

    def problem(self, story: Story) -> str | None:
        """A message when the options do not fit the story (an unknown life or chapter), else None."""
        life = story.lives.get(self.life)
        if life is None:
            return f"There is no life '{self.life}' in this story."
        if self.chapter and all(ch.id != self.chapter for ch in life.chapters):
            return f"The life '{self.life}' has no chapter '{self.chapter}'."
        if self.short and not self.chapter and life.short is None:
            return f"The life '{self.life}' has no short version."
        if self.group and not clean_group(self.group):
            return "The group label has no letters or digits."
        return None

    def new_session(self, story: Story, seed: int = 0) -> Session:
        """Start the run the teacher chose. Raises ValueError when :meth:`problem` finds one."""
        message = self.problem(story)
        if message:
            raise ValueError(message)
        return Session(story, self.life, seed=seed, start=self.start)


def debrief_for(session: Session) -> Debrief | None:
    """The debrief of the ending reached, or None while the run is not finished."""
    ending = session.node.ending
    if ending is None:
        return None
    return session.life.debriefs.get(ending.debrief)


@dataclass
class ClassroomRun:
    """One classroom run: the options, the session, the myth-or-fact answers (the first counts) and,
    once written, its one record."""

    options: ClassroomOptions
    session: Session
    log: AnswerLog = field(default_factory=AnswerLog)
    recorder: RunRecorder | None = None

    @classmethod
    def start(cls, story: Story, options: ClassroomOptions, seed: int = 0) -> ClassroomRun:
        return cls(options, options.new_session(story, seed))

    @property
    def answers(self) -> dict[str, str]:
        """The first answer to each claim (the one that counts)."""
        return dict(self.log.first)

    def answer(self, myth_id: str, given: str) -> bool:
        """Record the student's answer to a claim ("myth", "fact" or "mixed"). True when it is the
        first answer; a later, different one is kept as a change."""
        return self.log.give(myth_id, given)

    def questions(self, lang: str | None = None) -> list[str]:
        """The debrief's discussion questions, or [] when the teacher hid them or the run is not over."""
        debrief = debrief_for(self.session)
        if debrief is None or not self.options.show_questions:
            return []
        return [self.session.story.text(q, lang) for q in debrief.questions]

    def export(self, out_dir: str | Path | None = None, lang: str | None = None,
               status: str | None = None) -> tuple[Path, Path]:
        """Write the run's record to ``out_dir`` (or :func:`paths.export_dir`): the first call creates it,
        every later call rewrites the same files. Returns the summary's HTML and CSV paths."""
        if self.recorder is None:
            folder = Path(out_dir) if out_dir is not None else paths.export_dir()
            self.recorder = RunRecorder(self.session.story, folder, self.options.group,
                                        show_questions=self.options.show_questions, lang=lang)
            self.recorder.answers = self.log
        if status is None:
            status = "finished" if self.session.ended else "playing"
        path = self.recorder.write(self.session, status)
        return path.with_suffix(".html"), path.with_suffix(".csv")


class TeacherGate:
    """The teacher's way back to the set-up screen from any screen: :data:`TEACHER_CHORD`, then the PIN.

    It is the kiosk's :class:`QuitGuard` (the same chord parsing, PIN check and lock-out after
    ``attempts`` wrong PINs), except that students may still close the window (a record is final
    either way) and a right PIN opens the set-up screen instead of quitting. Without a PIN (the
    teacher set none) the chord alone opens it.
    """

    def __init__(self, pin: str = "", chord: str = TEACHER_CHORD, *, attempts: int = 3, lockout: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.chord = chord
        self.pin = pin
        self.clock = clock
        self._config = dict(staff_chord=chord, pin_attempts=attempts, lockout_seconds=lockout,
                            pin_timeout_seconds=60.0)
        self._guard = QuitGuard(True, KioskConfig(staff_pin=pin or "0000", **self._config), clock)
        self.unlocked = False  # QuitGuard's name: the app may read it; the gate never unlocks quitting

    def set_pin(self, pin: str) -> None:
        """The teacher's PIN: 4 to 12 digits, or "" for none. Raises ValueError otherwise."""
        pin = str(pin)
        if pin and not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise ValueError("a PIN is 4 to 12 digits")
        self.pin = pin
        self._guard = QuitGuard(True, KioskConfig(staff_pin=pin or "0000", **self._config), self.clock)

    @property
    def needs_pin(self) -> bool:
        return bool(self.pin)

    def key(self, key: str, ctrl: bool = False, shift: bool = False, alt: bool = False, meta: bool = False) -> bool:
        """True when this key press is the chord (and not locked out after wrong PINs)."""
        return self._guard.key(key, ctrl=ctrl, shift=shift, alt=alt, meta=meta)

    @property
    def awaiting_pin(self) -> bool:
        return self._guard.awaiting_pin

    def cancel_pin(self) -> None:
        self._guard.cancel_pin()

    def submit_pin(self, pin: str) -> bool:
        """True when ``pin`` is right (after the chord): open the set-up screen."""
        ok = self._guard.submit_pin(pin)
        self._guard.unlocked = False
        if not ok and pin:  # the pad stays open for another try, unless that was the last one (locked out)
            mods, key = self._guard.config.chord
            self._guard.key(key, **{m: True for m in mods})
        return ok

    def allow_quit(self, source: str = "window") -> bool:
        return True


__all__ = ["TEACHER_CHORD", "ChapterChoice", "ClassroomOptions", "ClassroomRun", "LifeChoice", "TeacherGate",
           "debrief_for", "life_choices"]
