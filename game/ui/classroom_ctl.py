"""Classroom mode in the window: the game that keeps one record per run, and the teacher's key chord.

:class:`RecordingGame` is the window's :class:`GameCtl` with a :class:`~game.modes.record.RunRecorder`
beside each run: the record is created when the run starts and rewritten after every choice, undo and
myth-or-fact answer, and made final when the run ends (an ending: ``finished``; the students left it:
``left``; the teacher ended the session or the window closed: ``ended``). It never autosaves, so a
shared computer never offers another session's "Continue".

:class:`ClassroomGuard` takes the place of the kiosk's quit guard on ``app.guard``: the app hands it
every key press first. On :data:`~game.modes.classroom.TEACHER_CHORD` it opens the PIN pad (a screen
named "pin", so the app does not open the kiosk's), or, when the teacher set no PIN, the set-up
screen at once (and reports the key as not handled). Students may still close the window.

:func:`install` sets both up; the teacher's set-up screen calls it when it first opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..i18n import _
from ..modes.classroom import TeacherGate
from ..modes.record import RunRecorder, clean_group
from .gamectl import GameCtl


class RecordingGame(GameCtl):
    """GameCtl that keeps the current run's record up to date (see the module's docstring)."""

    def __init__(self, story: Any, lang: str | None, seed: int, folder: str | Path | None, group: str = "") -> None:
        super().__init__(story, lang, seed)
        self.autosave_on = False
        self.folder = Path(folder) if folder else None
        self.group = clean_group(group)
        self.group_fixed = bool(self.group)  # set by the teacher (or --group): the students do not type it
        self.recorder: RunRecorder | None = None
        self.record_path: Path | None = None
        self.record_problem = ""
        self.runs = 0
        self.setup: dict[str, Any] = {}  # the teacher's choices: life, start, show_questions

    @classmethod
    def replacing(cls, game: GameCtl, folder: str | Path | None, group: str = "") -> RecordingGame:
        new = cls(game.story, game.lang, game.seed, folder, group)
        new.show_questions = game.show_questions
        return new

    # -- the run -----------------------------------------------------------------------------------
    def start(self, life_id: str, start: str = "main") -> None:
        self.close_run()
        super().start(life_id, start)
        self.recorder = RunRecorder(self.story, self.folder, self.group, show_questions=self.show_questions,
                                    lang=self.lang)
        self.runs += 1
        self._write()

    def choose(self, choice_id: str):
        events = super().choose(choice_id)
        self._write("finished" if self.session is not None and self.session.ended else None)
        return events

    def undo(self) -> bool:
        if not super().undo():
            return False
        if self.recorder is not None:
            self.recorder.undos += 1
        self._write()
        return True

    def answer(self, myth_id: str, given: str) -> None:
        super().answer(myth_id, given)
        if self.recorder is not None:
            self.recorder.answers.give(myth_id, given)
        self._write()

    def end_run(self) -> None:
        self.close_run()
        super().end_run()

    def close_run(self, status: str | None = None) -> None:
        """Make the current run's record final: ``status``, or "finished" after an ending, else "left"."""
        if self.recorder is not None and self.session is not None:
            final = "finished" if self.session.ended else (status or "left")  # an ending stays "finished"
            if self.recorder.status != final:
                self._write(final)
        self.recorder = None

    def save_now(self) -> str:
        """"Save the class summary": rewrite the same record now; returns what to tell the student."""
        self._write()
        if self.record_problem:
            return self.record_problem
        return _("Saved: {file}").format(file=self.record_path.with_suffix(".html") if self.record_path else "")

    # -- answers as the debrief shows them -----------------------------------------------------------
    def first_answer(self, myth_id: str) -> str | None:
        return self.recorder.answers.first.get(myth_id) if self.recorder is not None else None

    def changes(self, myth_id: str) -> list[str]:
        return list(self.recorder.answers.changes.get(myth_id, [])) if self.recorder is not None else []

    # -- writing -----------------------------------------------------------------------------------
    def _write(self, status: str | None = None) -> None:
        if self.recorder is None or self.session is None:
            return
        if status is None and self.recorder.status == "finished" and not self.session.ended:
            status = "playing"  # an undo after the ending (not offered today, but keep the record true)
        try:
            self.record_path = self.recorder.write(self.session, status)
            self.record_problem = ""
        except PermissionError:
            self.record_problem = _("Records are off on this computer.")
        except OSError as exc:
            self.record_problem = _("The record could not be saved ({reason}).").format(reason=exc.strerror or exc)
        if self.record_problem:
            self.message = self.record_problem

    @property
    def export_folder(self) -> Path:
        from ..modes import paths

        return self.folder or paths.export_dir()


class ClassroomGuard:
    """``app.guard`` in classroom mode: the teacher's chord and PIN (see the module's docstring)."""

    def __init__(self, app: Any, gate: TeacherGate | None = None) -> None:
        self.app = app
        self.gate = gate or TeacherGate(clock=app.clock)
        self.unlocked = False  # read by the app after a quit: a classroom never has a staff exit status

    def key(self, name: str, ctrl: bool = False, shift: bool = False, alt: bool = False, meta: bool = False) -> bool:
        if self.app.find("teacher") is self.app.top and self.app.top is not None:
            return False  # already on the set-up screen
        if not self.gate.key(name, ctrl=ctrl, shift=shift, alt=alt, meta=meta):
            return False
        if not self.gate.needs_pin:
            open_setup(self.app)
            return False
        from .screens.classroom import TeacherPinScreen

        if self.app.find("pin") is None:
            self.app.push(TeacherPinScreen(self.app, mode="enter"))
        return True

    def allow_quit(self, source: str = "window") -> bool:
        return True

    @property
    def awaiting_pin(self) -> bool:
        return self.gate.awaiting_pin

    def cancel_pin(self) -> None:
        self.gate.cancel_pin()


def install(app: Any) -> RecordingGame:
    """Classroom mode's game and guard on ``app`` (once; later calls return the same game)."""
    if not isinstance(app.game, RecordingGame):
        app.game = RecordingGame.replacing(app.game, app.export_dir, getattr(app.opts, "group", None) or "")
    if not isinstance(app.guard, ClassroomGuard):
        app.guard = ClassroomGuard(app)
    return app.game


def open_setup(app: Any) -> None:
    """The teacher's set-up screen over whatever is showing (the run goes on until the teacher starts
    a new one or quits)."""
    from .screens.classroom import TeacherScreen

    if app.find("teacher") is None:
        app.push(TeacherScreen(app, over_run=True))


__all__ = ["ClassroomGuard", "RecordingGame", "install", "open_setup"]
