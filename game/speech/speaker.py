"""Speaking aloud beside the main loop: a worker thread runs the platform's speech program (eSpeak NG,
macOS's say, Windows' voices through PowerShell: :mod:`.backend`), as few processes per screen as the
engine allows (eSpeak NG and Windows: one for the whole screen, voices switching inside it; say: one
per run of text in one voice), so the window's thread rarely waits on the worker's.

Nothing here blocks the caller: ``speak`` hands over the new screen's utterances and returns; the
worker ends the process still speaking the old screen (a new screen interrupts the old one) and says
the new one. Without the program or without a sound device the speaker says so once (``message``)
and from then on stays silent; a language without an installed voice is said so once and left out
(the rest is still read); it never raises into the game and never waits on a stuck process
longer than one poll.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Sequence
from typing import IO

from ..engine.speech import Utterance
from ..i18n import N_
from . import backend as engines

POLL_S = 0.02  # how often the worker checks whether it was interrupted
# an utterance that takes longer than this is a synthesiser that hangs: it would keep a kiosk's idle timer
# paused for ever. Slower than any rate speaks (the slowest, 80 words a minute, is about 7 characters a second)
HANG_MIN_S, HANG_CHARS_PER_S = 20.0, 3.0
HUNG = N_("The speech program stopped responding, so the game stays silent.")  # shown through _() by the window
NICE = 10  # the synthesiser's priority: below the game's


class Speaker:
    """Self-voicing for one game: speak a screen, repeat it, stop, change rate and volume."""

    def __init__(self, *, rate: float = 1.0, volume: float = 1.0, engine: engines.Backend | None = None) -> None:
        self.voice = engines.Voice(rate, volume)
        self.engine = engine if engine is not None else engines.choose()
        self._cond = threading.Condition()
        self._job: list[Utterance] | None = None
        self._next: list[Utterance] | None = None  # to say after the current job ends (see then())
        self._gen = 0  # bumps on every speak/stop: the worker drops what it was saying
        self._busy = False  # something handed over is not yet said
        self._running = False  # the worker holds a job
        self._closed = False
        self._thread: threading.Thread | None = None
        self.last: list[Utterance] = []
        self.failed = self.engine.program is None
        self._message: str | None = self.engine.not_found if self.failed else None
        self._asked: set[str] = set()  # languages whose voice was looked for (by the worker only)
        self._unvoiced: set[str] = set()  # ... and found missing
        self.said: deque[Utterance] = deque(maxlen=200)  # utterances said to the end, newest last
        self._spare: tuple[subprocess.Popen, IO[bytes]] | None = None  # started ahead, waiting for a screen
        self._spare_lock = threading.Lock()

    # -- what the game calls ------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """False once the engine is known to be missing or unable to sound."""
        return not self.failed

    def take_message(self) -> str | None:
        """The one message about speech not working, the first time it is asked for; then None."""
        with self._cond:
            msg, self._message = self._message, None
            return msg

    def speak(self, utts: Sequence[Utterance]) -> None:
        """Say these instead of whatever is being said."""
        utts = [u for u in utts if u.text.strip()]
        with self._cond:
            self.last = list(utts)
            self._gen += 1
            self._next = None
            if self.failed or self._closed or not utts:
                self._job = None
                if not self._running:
                    self._busy = False  # a job handed over but not yet taken is dropped: nothing is due
                self._cond.notify_all()
                return
            self._job = list(utts)
            self._busy = True
            self._start()
            self._cond.notify_all()

    def then(self, utts: Sequence[Utterance]) -> None:
        """Say these once what is being said ends, without interrupting it; a later ``then`` replaces
        them (a countdown says only its latest value), and ``speak`` or ``stop`` drops them."""
        utts = [u for u in utts if u.text.strip()]
        with self._cond:
            if not self._busy:
                self._next = None
            else:
                self._next = utts or None
                return
        self.speak(utts)

    def repeat(self) -> None:
        """Say the last screen (or control) again."""
        self.speak(self.last)

    def stop(self) -> None:
        with self._cond:
            self._gen += 1
            self._job = None
            self._next = None
            if not self._running:
                self._busy = False
            self._cond.notify_all()

    def set_rate(self, rate: float) -> None:
        self.voice = engines.Voice(rate, self.voice.volume)

    def set_volume(self, volume: float) -> None:
        self.voice = engines.Voice(self.voice.rate, volume)

    @property
    def busy(self) -> bool:
        with self._cond:
            return self._busy

    def wait(self, timeout: float | None = None) -> bool:
        """Block until everything handed over was said (or failed); False on timeout. For scripts."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._busy, timeout)

    def close(self) -> None:
        """Stop speaking and end the worker (the game is closing)."""
        with self._cond:
            self._closed = True
            self._gen += 1
            self._job = None
            self._cond.notify_all()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout=1.0)
        self._drop_spare()

    # -- the worker ---------------------------------------------------------------------------------
    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._job is not None or self._closed)
                if self._closed:
                    self._busy = False
                    self._cond.notify_all()
                    return
                job, gen, self._job = self._job, self._gen, None
                self._running = True
            if job and gen == self._gen:
                self._say(job, gen)
            with self._cond:
                self._running = False
                if self._job is None and self._next is not None and gen == self._gen and not self.failed:
                    self._job, self._next = self._next, None  # what came meanwhile, said now
                    self.last = list(self._job)
                    self._gen += 1
                if self._job is None:
                    self._busy = False
                    self._cond.notify_all()

    def _say(self, job: list[Utterance], gen: int) -> bool:
        """Say these utterances; False when speech failed or was interrupted."""
        job = self._voiced(job)
        for step in self.engine.steps(job, self.voice):
            if gen != self._gen or not self._step(step, gen):
                return False
        self.said.extend(job)
        return True

    def _voiced(self, job: list[Utterance]) -> list[Utterance]:
        """The utterances whose language has a voice; the first time a language has none, say so once."""
        langs = {u.lang for u in job} - self._asked
        if langs:
            missing, message = self.engine.unvoiced(langs)  # lists the voices once, here, never on the window's thread
            self._asked |= langs
            self._unvoiced |= missing
            if missing and message:
                with self._cond:
                    if self._message is None:
                        self._message = message
        return [u for u in job if u.lang not in self._unvoiced]

    def _step(self, step: engines.Step, gen: int) -> bool:
        """Run one program of the engine to its end; False when it failed or was interrupted."""
        started = self._take_spare(step.argv)
        if started is None:
            try:
                started = _spawn(step.argv)
            except OSError as exc:
                self._fail(f"{self.engine.not_found} ({exc.strerror or exc})")
                return False
        proc, err_file = started
        with err_file:
            _feed(proc, step.stdin)
            if self.engine.warm:
                self._refill(step.argv)  # the next screen's process starts while this one speaks
            finished = self._wait(proc, len(step.stdin), gen)
            err_file.seek(0)
            err = err_file.read(8192).decode("utf-8", "replace")
        if not finished:
            return False
        reason = self.engine.failure(proc.returncode, err)
        if reason:
            self._fail(reason)
            return False
        return True

    def _wait(self, proc: subprocess.Popen, size: int, gen: int) -> bool:
        """Wait for the process, ending it when a newer job comes or it hangs; False then."""
        deadline = time.monotonic() + HANG_MIN_S + size / HANG_CHARS_PER_S
        while True:
            try:
                proc.wait(timeout=POLL_S)
                return True
            except subprocess.TimeoutExpired:
                hung = time.monotonic() > deadline
                if gen != self._gen or hung:
                    proc.kill()
                    proc.wait()
                    if hung:
                        self._fail(HUNG)
                    return False

    # -- a process started ahead (engines whose start is slow: Windows PowerShell) -----------------------
    def _take_spare(self, argv: list[str]) -> tuple[subprocess.Popen, IO[bytes]] | None:
        with self._spare_lock:
            spare, self._spare = self._spare, None
        if spare is not None and spare[0].args == argv and spare[0].poll() is None:
            return spare
        _end(spare)
        return None

    def _refill(self, argv: list[str]) -> None:
        with self._spare_lock:
            if self._spare is not None or self._closed or self.failed:
                return
            try:
                self._spare = _spawn(argv)
            except OSError:
                self._spare = None  # the next screen starts its own process, as without a spare

    def _drop_spare(self) -> None:
        with self._spare_lock:
            spare, self._spare = self._spare, None
        _end(spare)

    def _fail(self, message: str) -> None:
        with self._cond:
            if not self.failed:
                self.failed = True
                self._message = message
            self._job = None
        self._drop_spare()  # silent from now on: nothing will use it


def _spawn(argv: list[str]) -> tuple[subprocess.Popen, IO[bytes]]:
    """Start a speech program waiting for its standard input; its errors go to a file, not a pipe (a
    chatty synthesiser can never fill a pipe nobody reads)."""
    err_file = tempfile.TemporaryFile()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err_file,
                                creationflags=engines.creation_flags())
    except OSError:
        err_file.close()
        raise
    _lower_priority(proc.pid)
    return proc, err_file


def _feed(proc: subprocess.Popen, data: bytes) -> None:
    try:
        assert proc.stdin is not None
        proc.stdin.write(data)
        proc.stdin.close()
    except OSError:
        pass  # it ended early; its exit status and error text say why


def _end(started: tuple[subprocess.Popen, IO[bytes]] | None) -> None:
    """End a spare process nobody will use."""
    if started is not None:
        proc, err_file = started
        proc.kill()
        proc.wait()
        if proc.stdin is not None:
            proc.stdin.close()
        err_file.close()


def _lower_priority(pid: int) -> None:
    """Let the synthesiser yield the processor to the window: on two busy cores a frame must not wait
    for speech (where the system has no such call, speech simply runs at normal priority)."""
    setpriority = getattr(os, "setpriority", None)
    if setpriority is None:
        return
    try:
        setpriority(os.PRIO_PROCESS, pid, NICE)
    except OSError:
        pass  # it has already ended, or the system refuses: harmless either way
