"""Classroom mode: the teacher's start screen, the debrief questions, and the summary export.

The teacher picks a life, optionally a chapter to start from, and whether the debrief shows its
discussion questions (:class:`ClassroomOptions`). The student plays; after the ending the debrief
is shown with its questions; the myth-or-fact answers the student gives are kept in a
:class:`ClassroomRun`, and the summary is exported as one HTML page and one CSV
(:func:`game.modes.export.export_summary`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..engine.model import ANSWERS, Debrief, Story
from ..engine.runtime import Session
from . import paths
from .export import export_summary


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

    @property
    def start(self) -> str:
        """The start as :class:`Session` takes it: "main" or "chapter:ID"."""
        return f"chapter:{self.chapter}" if self.chapter else "main"

    def problem(self, story: Story) -> str | None:
        """A message when the options do not fit the story (an unknown life or chapter), else None."""
        life = story.lives.get(self.life)
        if life is None:
            return f"There is no life '{self.life}' in this story."
        if self.chapter and all(ch.id != self.chapter for ch in life.chapters):
            return f"The life '{self.life}' has no chapter '{self.chapter}'."
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
    """One classroom run: the options, the session, and the student's myth-or-fact answers."""

    options: ClassroomOptions
    session: Session
    answers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(cls, story: Story, options: ClassroomOptions, seed: int = 0) -> ClassroomRun:
        return cls(options, options.new_session(story, seed))

    def answer(self, myth_id: str, given: str) -> None:
        """Record the student's answer to a myth-or-fact claim: "myth", "fact" or "mixed"."""
        if given not in ANSWERS:
            raise ValueError(f"an answer is one of {', '.join(ANSWERS)}, not {given!r}")
        self.answers[myth_id] = given

    def questions(self, lang: str | None = None) -> list[str]:
        """The debrief's discussion questions, or [] when the teacher hid them or the run is not over."""
        debrief = debrief_for(self.session)
        if debrief is None or not self.options.show_questions:
            return []
        return [self.session.story.text(q, lang) for q in debrief.questions]

    def export(self, out_dir: str | Path | None = None, lang: str | None = None) -> tuple[Path, Path]:
        """Write the summary (HTML and CSV) to ``out_dir``, or to :func:`paths.export_dir`."""
        folder = Path(out_dir) if out_dir is not None else paths.export_dir()
        return export_summary(self.session, self.session.story, folder, self.answers,
                              show_questions=self.options.show_questions, lang=lang)


__all__ = ["ChapterChoice", "ClassroomOptions", "ClassroomRun", "LifeChoice", "debrief_for", "export_summary",
           "life_choices"]
