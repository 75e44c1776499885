"""One runner for all background work: a job on a QThread, its reports as queued signals.

A job is a callable that takes a `JobContext` and returns its result. It runs on the
runner's QThread and never touches a widget. What it passes to `context.report()` reaches
the GUI thread as `reported`, its result as `finished`, an exception as `failed` (a
`UserError`, or one sentence); exactly one of the two per job, none for a cancelled one.
A job that returns a generator has it iterated on the thread: every item is reported and
the generator's return value is the result, so a core generator of reports is a job as
it is.

    runner = JobRunner(self)
    runner.reported.connect(self.show_progress)
    runner.finished.connect(self.show_table)
    runner.failed.connect(self.show_error)
    runner.submit(lambda context: read_table(path, progress=context.report,
                                             should_stop=context.should_stop))

`submit` cancels the job under way: whatever a cancelled job still reports is dropped
before it reaches the runner's signals. `shutdown()` cancels and joins every thread
(window close); threads that outlive it are kept, and joined at exit within a bound,
since destroying a running QThread aborts the process. `detached(job)` wraps a job that
may block in the operating system (a read from a stalled network drive) so that its
thread can be joined anyway. Training (`worker.TrainingRunner`) and every other task
(`loader.BackgroundTask`: reading, the preprocessing effect, importance, prediction,
checks) run on this class.
"""

from __future__ import annotations

import atexit
import contextlib
import inspect
import logging
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)

from ...core.errors import USER_ERRORS
from .foreground import FOREGROUND

__all__ = ["Job", "JobContext", "JobRunner", "Pacer", "detached"]

log = logging.getLogger(__name__)

EXIT_WAIT_MS = 10_000
HEARTBEAT_MS = 10
NICER = 5  # Linux nice levels below the GUI thread's: about a third of its CPU weight
# Seconds a thread that wants the interpreter waits before the one holding it must let go
# (Python's default is 5 ms). Every call from Python into Qt lets go of it, so beside a job
# running Python the GUI thread waited up to that long again after each: with a core busy,
# 1 ms took the self-test's median freeze from 38 to 33 ms (runs alternated, 10 each) and
# left the window's training as fast as the command line's.
SWITCH_INTERVAL = 0.001


class Pacer:
    """Lets the GUI thread have the GIL while it works.

    PySide releases the GIL around nearly every Qt call, and CPython hands it back to a
    waiting thread only after the switch interval (5 ms): while a job computes in Python,
    every Qt call of a repaint or of a page being built can cost 5 ms, and 20 ms of GUI
    work became 60-120 ms. The GUI thread stamps `beat` from a timer every `HEARTBEAT_MS`;
    a stamp older than `LATE_S` means the GUI thread is busy (or waiting for the GIL), and
    a job at `pace()` then sleeps until it is back in its event loop (at most `WAIT_S` a
    call), so pacing costs nothing while the GUI thread idles. While the GUI thread
    claims the foreground (`foreground.py`) a job waits at once, not 20 ms later.
    """

    LATE_S = 0.02
    NAP_S = 0.001
    WAIT_S = 0.03

    def __init__(self) -> None:
        self.beat = time.monotonic()  # a float: written by the GUI thread, read by the jobs

    def stamp(self) -> None:
        self.beat = time.monotonic()

    def pace(self) -> None:
        FOREGROUND.give_way()
        now = time.monotonic()
        if now - self.beat <= self.LATE_S:
            return
        until = now + self.WAIT_S
        while time.monotonic() - self.beat > self.LATE_S and time.monotonic() < until:
            time.sleep(self.NAP_S)


def _below_normal() -> None:
    """The calling job thread yields the CPU to the GUI thread (and to the user's other
    programs) when they need it: on a laptop whose cores are busy, the window's paints
    then wait less for a core. With a core to itself a job runs as fast as before.

    Linux gives each thread its own nice value, which Qt's priorities do not set there
    (its normal policy has a single priority); elsewhere Qt maps LowPriority to the
    system's below-normal thread priority.
    """
    if sys.platform.startswith("linux"):
        tid = threading.get_native_id()
        with contextlib.suppress(OSError):  # if refused, the job runs at the usual priority
            os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + NICER)
    else:
        QThread.currentThread().setPriority(QThread.Priority.LowPriority)


class JobContext:
    """What a job sees of its runner; safe to use from any thread."""

    def __init__(self, emit: Callable[[object], None], stop: threading.Event,
                 pacer: Pacer) -> None:
        self._emit = emit
        self._stop = stop
        self._pacer = pacer

    def report(self, item: object) -> None:
        """Send `item` to the GUI thread (`reported`); pauses briefly while it is behind."""
        self._emit(item)
        self._pacer.pace()

    def should_stop(self) -> bool:
        """True once the job is cancelled: whatever it reports from then on is dropped."""
        return self._stop.is_set()

    def pace(self) -> None:
        """Call between steps that hold the GIL: naps while the GUI thread is late."""
        self._pacer.pace()


Job = Callable[[JobContext], object]


class Cancelled(Exception):  # noqa: N818  (not an error: the job simply ends)
    """Raised inside a job's thread to end a cancelled job without a result."""


def detached(job: Job) -> Job:
    """`job` on a daemon thread that the runner's thread only waits for.

    A read stuck in the operating system never polls the cancel flag, and a QThread that
    cannot be joined aborts the app when it quits. Cancelled, such a job is abandoned; a
    daemon thread ends with the process.
    """

    def run(context: JobContext) -> object:
        outcome: list = []

        def call() -> None:
            try:
                outcome.append((True, job(context)))
            except BaseException as exc:  # re-raised on the runner's thread, described there
                outcome.append((False, exc))

        thread = threading.Thread(target=call, name="detached job", daemon=True)
        thread.start()
        while thread.is_alive() and not context.should_stop():
            thread.join(0.05)
        if context.should_stop() or not outcome:
            raise Cancelled
        done, value = outcome.pop()
        if not done:
            raise value
        return value

    return run


class _Worker(QObject):
    """Calls the job on the runner's thread; its signals carry everything back."""

    reported = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    done = Signal()  # run() returned, whatever the outcome: quits the thread

    def __init__(self, job: Job, context: Callable[[_Worker], JobContext],
                 describe: Callable[[BaseException], object]) -> None:
        super().__init__()
        self._job = job
        self.context = context(self)
        self._describe = describe

    @Slot()
    def run(self) -> None:
        _below_normal()
        try:
            result = self._job(self.context)
            if inspect.isgenerator(result):
                result = self._drain(result)
        except Cancelled:
            pass
        except USER_ERRORS as exc:
            # The window translates it; without its traceback it keeps none of the job's
            # frames (and their arrays) alive while it waits in the queue.
            self.failed.emit(exc.with_traceback(None))
        except Exception as exc:  # a bug must reach the user as a sentence, not end the thread
            if not self.context.should_stop():
                log.exception("a background job failed")
                self.failed.emit(self._describe(exc))
        else:
            self.finished.emit(result)
        finally:
            self._job = None  # the job's closure (a table, a config) is not kept by the worker
            # To the GUI thread, to be deleted there: destroying a QObject made in Python
            # takes Qt's connection lock and then the GIL, while the GUI thread may hold the
            # GIL and wait for that lock in a connect() (a deadlock seen as a run ended).
            self.moveToThread(QCoreApplication.instance().thread())
            self.done.emit()

    def _drain(self, items) -> object:
        while True:
            if self.context.should_stop():
                items.close()
                raise Cancelled
            try:
                item = next(items)
            except StopIteration as end:
                return end.value
            self.context.report(item)


class _Job(QObject):
    """One job's thread, worker and cancel flag; relays the worker's signals while the job
    is its runner's current one.

    It lives in the GUI thread, so the worker's signals reach it queued. Its parent is the
    runner, so it is deleted with deleteLater, never inside one of its own slots; it refers
    back to the runner weakly, or the runner would be freed in the middle of its deletion.
    """

    def __init__(self, runner: JobRunner, job: Job, on_cancel: Callable[[], None] | None,
                 name: str) -> None:
        super().__init__(runner)
        self._runner = weakref.ref(runner)
        self.stop = threading.Event()
        self._on_cancel = on_cancel
        # No parent: a QThread destroyed with its parent while still running aborts the process.
        self.qthread = QThread()
        self.qthread.setObjectName(name)
        pacer = runner.pacer
        self.worker = _Worker(job, lambda w: JobContext(w.reported.emit, self.stop, pacer),
                              runner.describe_error)
        # Deleting a running QThread, or a worker outside its thread, aborts the process;
        # the registry keeps both until the thread has ended, however long this job lives.
        self.entry = (self.qthread, self.worker, self.cancel)
        _live.append(self.entry)
        self.worker.moveToThread(self.qthread)
        self.qthread.started.connect(self.worker.run)
        # Direct: quit() must not wait for the GUI thread, which may be blocked in shutdown().
        self.worker.done.connect(self.qthread.quit, Qt.ConnectionType.DirectConnection)
        # The worker has moved to the GUI thread by then (see _Worker.run).
        self.qthread.finished.connect(self.worker.deleteLater)
        self.qthread.finished.connect(self._on_thread_finished)
        w = self.worker
        self.connections = [w.reported.connect(self._on_reported),
                            w.finished.connect(self._on_finished),
                            w.failed.connect(self._on_failed)]

    def cancel(self) -> None:
        """Ask the job to stop (from any thread); its later reports are dropped."""
        self.stop.set()
        if self._on_cancel is not None:
            self._on_cancel()

    def _current_runner(self) -> JobRunner | None:
        runner = self._runner()
        return runner if runner is not None and runner._current is self else None

    def disconnect_worker(self) -> None:
        for connection in self.connections:
            QObject.disconnect(connection)  # a no-op if the worker is already gone
        self.connections = []

    @Slot(object)
    def _on_reported(self, item: object) -> None:
        if runner := self._current_runner():
            runner.reported.emit(item)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        if runner := self._current_runner():
            runner._current = None
            runner.finished.emit(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        if runner := self._current_runner():
            runner._current = None
            runner.failed.emit(error)

    @Slot()
    def _on_thread_finished(self) -> None:
        # finished() is emitted just before the thread really ends, so this wait is brief.
        runner = self._runner()
        if runner is not None and self.qthread.wait(1000):
            runner._release(self)


class JobRunner(QObject):
    """Runs one job at a time on its own QThread and re-emits what the current job reports.

    Signals: `reported(object)` for each item the job reports, then exactly one of
    `finished(result)` / `failed(UserError | str)`; nothing after `cancel()` or
    `shutdown()`. Subclasses give their failures their own words (`describe_error`).
    """

    reported = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, name: str = "job") -> None:
        super().__init__(parent)
        self._name = name
        self._current: _Job | None = None
        self._jobs: list[_Job] = []  # the current job and cancelled ones, kept until joined
        self._cancels: list[Callable[[], None]] = []
        # Dropped without shutdown() (a bug, but it happens): its jobs stop at once.
        weakref.finalize(self, _cancel_all, self._cancels)
        self.pacer = Pacer()
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def submit(self, job: Job, on_cancel: Callable[[], None] | None = None) -> None:
        """Run `job` on a new thread, cancelling the one under way; `on_cancel` (any
        thread) is called if this job is cancelled, e.g. to stop the core's loop."""
        self.cancel()
        record = _Job(self, job, on_cancel, self._name)
        self._jobs.append(record)
        self._cancels[:] = [j.cancel for j in self._jobs]
        self._current = record
        self.pacer.stamp()
        self._heartbeat.start()
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        record.qthread.start()

    def is_busy(self) -> bool:
        """True from submit() until the job's finished or failed signal has been emitted."""
        return self._current is not None

    @property
    def job_thread(self) -> QThread | None:
        """The current job's thread (for tests and diagnostics)."""
        return self._current.qthread if self._current is not None else None

    def cancel(self) -> None:
        """Ask the current job to stop; whatever it reports afterwards is dropped."""
        if self._current is not None:
            self._current.cancel()
        self._current = None

    @Slot()
    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel every job and join its thread within the bound; True if all ended.

        Safe to call more than once; nothing a cancelled job reports is re-emitted.
        """
        self._current = None
        self._heartbeat.stop()
        deadline = QDeadlineTimer(timeout_ms)
        for job in self._jobs:
            job.cancel()
            job.disconnect_worker()
            job.qthread.quit()  # a thread that already left run() must leave its event loop too
        joined = all([job.qthread.wait(deadline) for job in self._jobs])
        if not joined:
            # Only a long step of a job (a large prepare) overruns; the registry keeps those
            # threads alive.
            log.warning("a %s thread did not stop within %d ms", self._name, timeout_ms)
        for job in list(self._jobs):
            self._release(job)
        return joined

    def describe_error(self, error: BaseException) -> object:
        """The sentence for an unexpected exception of a job (called on the job's thread)."""
        if isinstance(error, MemoryError):
            return QCoreApplication.translate("JobRunner",
                                              "There is not enough memory for this task.")
        return QCoreApplication.translate(
            "JobRunner", "The task stopped on an unexpected error: {0}.").format(
            f"{type(error).__name__}: {error}")

    @Slot()
    def _beat(self) -> None:
        if self._current is None:
            self._heartbeat.stop()
        else:
            self.pacer.stamp()

    def _release(self, job: _Job) -> None:
        if job not in self._jobs:
            return
        self._jobs.remove(job)
        self._cancels[:] = [j.cancel for j in self._jobs]
        job.disconnect_worker()
        if job.qthread.isFinished():
            _live[:] = [entry for entry in _live if entry is not job.entry]
        job.deleteLater()


# Every started thread with its worker and cancel, until the thread is known to be finished.
_live: list[tuple[QThread, _Worker, Callable[[], None]]] = []


def _cancel_all(cancels: list[Callable[[], None]]) -> None:
    for cancel in cancels:
        cancel()


@atexit.register
def _join_all() -> None:
    """Threads whose runner never shut them down are cancelled and joined before exit."""
    _cancel_all([cancel for _, _, cancel in _live])
    for thread, _, _ in _live:
        # Bounded: a thread still preparing a huge table must not hang the exit for good.
        thread.wait(QDeadlineTimer(EXIT_WAIT_MS))
    _live.clear()
