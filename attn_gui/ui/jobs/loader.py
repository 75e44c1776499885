"""Reading a CSV, or any other slow core call, off the UI thread, the way training runs.

A `_TaskWorker` is moved to its own QThread and calls the task (e.g. the core's
`read_table`); every signal carries the job number, so the controller can drop what a
cancelled or replaced job still reports. Cancelling sets a flag that the task polls
(`read_table` does between chunks), and the worker stops waiting for the task at once,
so its thread can always be joined.

`TableLoader` also works out, on its thread, what the data panel shows of the target
(the task and, for two classes, the rows of each): on a million rows that is a pass over
the column, which would freeze the window if done when the table arrives.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from ...core.errors import USER_ERRORS
from ...core.io import Table, infer_task, read_table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BackgroundTask", "LoadedTable", "TableLoader", "TargetFacts", "target_facts"]

# A task gets a progress callback (fraction 0..1) and a should-stop poll.
Task = Callable[[Callable[[float], None], Callable[[], bool]], object]


class _TaskWorker(QObject):
    progress = Signal(int, float)
    loaded = Signal(int, object)
    failed = Signal(int, object)
    finished = Signal()

    def __init__(self, job: int, task: Task, stop: threading.Event) -> None:
        super().__init__()
        self._job, self._task, self._stop = job, task, stop

    @Slot()
    def run(self) -> None:
        outcome: list = []
        # The task runs on a daemon thread that this one only waits for: a read stuck in the
        # operating system (a stalled network drive) never polls the cancel flag, and a
        # QThread that cannot be joined aborts the app when it quits. Cancelled, the task is
        # abandoned; a daemon thread ends with the process.
        task = threading.Thread(target=self._call, args=(outcome,), name="background task",
                                daemon=True)
        task.start()
        while task.is_alive() and not self._stop.is_set():
            task.join(0.05)
        if outcome and not self._stop.is_set():
            kind, value = outcome[0]
            if kind == "loaded":
                self.loaded.emit(self._job, value)
            else:
                self.failed.emit(self._job, value)
        self.finished.emit()

    def _call(self, outcome: list) -> None:
        try:
            result = self._task(lambda fraction: self.progress.emit(self._job, fraction),
                                self._stop.is_set)
        except USER_ERRORS as exc:
            # Translated in the GUI thread; its traceback would keep the task's frames alive.
            outcome.append(("failed", exc.with_traceback(None)))
        except MemoryError:
            outcome.append(("failed", self.tr("the file is too large to load into memory")))
        except Exception as exc:  # a reader bug must reach the user, not end the thread silently
            outcome.append(("failed", self.tr("could not read the file: {error}").format(
                error=f"{type(exc).__name__}: {exc}")))
        else:
            outcome.append(("loaded", result))


@dataclass
class _Job:
    thread: QThread
    worker: _TaskWorker
    stop: threading.Event


class BackgroundTask(QObject):
    """Runs one task at a time in a thread; starting a new one cancels the one under way."""

    progress = Signal(float)  # fraction 0..1
    loaded = Signal(object)  # the task's result
    failed = Signal(object)  # a UserError, or a sentence already in the interface language

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[int, _Job] = {}
        self._current: int | None = None
        self._counter = 0

    def run(self, task: Task) -> None:
        self.cancel()
        self._counter += 1
        job = self._counter
        stop = threading.Event()
        # No parent: a QThread destroyed with its parent while still running aborts the process.
        thread = QThread()
        worker = _TaskWorker(job, task, stop)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Direct, so the thread ends even while the GUI thread is blocked in shutdown()'s wait.
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.progress.connect(self._on_progress)
        worker.loaded.connect(self._on_loaded)
        worker.failed.connect(self._on_failed)
        thread.finished.connect(self._on_thread_finished)
        self._jobs[job] = _Job(thread, worker, stop)
        self._current = job
        thread.start()

    def cancel(self) -> None:
        """Ask the current job to stop; whatever it reports afterwards is ignored."""
        if self._current is not None and self._current in self._jobs:
            self._jobs[self._current].stop.set()
        self._current = None

    def is_busy(self) -> bool:
        return self._current is not None

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop every job and join its thread within the time bound; True if all ended."""
        self._current = None  # reports still queued for the GUI thread are ignored
        for job in self._jobs.values():
            job.stop.set()
        for number, job in list(self._jobs.items()):
            # A job that overruns keeps its reference: deleting a running QThread aborts.
            if job.thread.wait(timeout_ms):
                del self._jobs[number]
        return not self._jobs

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        for number, job in list(self._jobs.items()):
            # finished() is emitted just before the thread really ends, so the wait is brief.
            if job.thread is thread and thread.wait(1000):
                del self._jobs[number]

    @Slot(int, float)
    def _on_progress(self, job: int, fraction: float) -> None:
        if job == self._current:
            self.progress.emit(fraction)

    @Slot(int, object)
    def _on_loaded(self, job: int, table: object) -> None:
        if job == self._current:
            self._current = None
            self.loaded.emit(table)

    @Slot(int, object)
    def _on_failed(self, job: int, message: object) -> None:
        if job == self._current:
            self._current = None
            self.failed.emit(message)


@dataclass(frozen=True)
class TargetFacts:
    """What choosing a column as the target shows: the inferred task and, when the column
    holds exactly two values, the rows of each (pandas' value_counts; None otherwise)."""

    task: str
    counts: pd.Series | None


def target_facts(table: Table, name: str) -> TargetFacts:
    """A pass over the column; only a column of two values is counted."""
    column, info = table.frame[name], table.info(name)
    counts = column.value_counts() if info.n_unique == 2 else None
    return TargetFacts(infer_task(column, info.kind), counts)


@dataclass(frozen=True)
class LoadedTable:
    table: Table
    targets: dict[str, TargetFacts]  # the default target's, and those asked for


class TableLoader(BackgroundTask):
    """Loads one table at a time (`loaded` carries a `LoadedTable`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted: list[str] = []

    def start(self, path: str | os.PathLike[str], sheet: str | None = None) -> None:
        """Read `path` (a workbook's `sheet`, None: its first with data); the facts of its
        default target, and of the columns `want` names before the read ends, come with the
        table. A table no column can be the target of fails with the reader's sentence."""
        path = os.fspath(path)
        wanted = self._wanted = []  # this job's: appending is atomic, the task reads a copy

        def load(progress: Callable[[float], None], should_stop: Callable[[], bool]) -> LoadedTable:
            table = read_table(path, progress=progress, should_stop=should_stop, sheet=sheet)
            names = {column.name for column in table.columns}
            chosen = [table.default_target(), *(name for name in list(wanted) if name in names)]
            return LoadedTable(table, {name: target_facts(table, name) for name in chosen})

        self.run(load)

    def want(self, target: str) -> None:
        """Also summarise `target` for the table being read (e.g. a project's target)."""
        self._wanted.append(target)
