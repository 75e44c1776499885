"""A sweep off the GUI thread: a worker object moved to a QThread, as training runs.

The worker iterates the core's `run_sweep` generator over plain configs; it never touches
a widget. Progress is throttled in the worker (at most ten reports a second); every
finished run is sent with the record the session would keep of it (`core.runs.Run`, with
its model), so the window can add it to the Runs page without training again; the
prepared data of each run is dropped on the worker's side. A stop request ends the run
under way and the sweep; `shutdown()` stops and joins the thread within a bound.
"""

from __future__ import annotations

import atexit
import copy
import logging
import time

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
from ...core.io import Table
from ...core.repeats import summarise, summarised_runs
from ...core.sweep import SweepPoint, SweepReport, SweepResult, run_sweep
from ...core.training import TrainingControl
from .worker import Pacer

__all__ = ["SweepRunner"]

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.1


class _SweepWorker(QObject):
    progress = Signal(object)  # SweepReport of the run under way (throttled)
    result = Signal(object, object)  # SweepResult without its runs; core.runs.Run or None
    finished = Signal(bool)  # the sweep ended: True if every run was trained
    failed = Signal(object)  # a UserError, or a sentence already in the interface language
    done = Signal()  # run() returned, whatever the outcome: quits the thread

    def __init__(self, table: Table, points: list[SweepPoint], data_path: str | None,
                 pacer: Pacer) -> None:
        super().__init__()
        self._table = table  # read-only from here on
        self._points = copy.deepcopy(points)  # the caller's may change during the sweep
        self._data_path = data_path
        self._pacer = pacer
        self.control = TrainingControl()

    @Slot()
    def run(self) -> None:
        try:
            self._sweep()
        except USER_ERRORS as exc:
            self.failed.emit(exc.with_traceback(None))
        except MemoryError:
            self.failed.emit(self.tr(
                "There is not enough memory for this run; use fewer rows, features or hidden units."))
        except Exception as exc:  # a bug must reach the user as a sentence, not kill the thread
            log.exception("the sweep failed")
            self.failed.emit(self.tr("Training stopped on an unexpected error: {0}.")
                             .format(f"{type(exc).__name__}: {exc}"))
        finally:
            # Deleted in the GUI thread (see TrainingWorker.run for the deadlock it avoids).
            self.moveToThread(QCoreApplication.instance().thread())
            self.done.emit()

    def _sweep(self) -> None:
        last = 0.0
        for event in run_sweep(self._table, self._points, self.control):
            if isinstance(event, SweepResult):
                self.result.emit(event.light(), self._record(event))
                continue
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL_S or event.item.report is None:
                last = now
                self.progress.emit(_light(event))
            self._pacer.pace()
        self.finished.emit(not self.control.stopped)

    def _record(self, result: SweepResult):
        """The run as the Runs page keeps it; None for a run that failed."""
        if not result.runs:
            return None
        from ...core.project import run_from_training

        kept = summarised_runs(result.runs)
        first = kept[0]
        return run_from_training("", result.config, first.trainer, first.final,
                                 data_path=self._data_path, summary=summarise(kept),
                                 finals=[run.final for run in kept])


def _light(event: SweepReport) -> SweepReport:
    """The report without the run's prepared data and model, which stay in the worker."""
    item = copy.copy(event.item)
    item.data, item.run = None, None
    return SweepReport(event.index, event.count, event.settings, item, event.fraction)


class SweepRunner(QObject):
    """Runs one sweep at a time in a thread and re-emits what the current one reports:
    `progress(SweepReport)`, `result(SweepResult, Run | None)` per run, then exactly one
    of `finished(bool)` / `failed(UserError | str)` (none after `shutdown()`)."""

    progress = Signal(object)
    result = Signal(object, object)
    finished = Signal(bool)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: _SweepWorker | None = None  # the current sweep's
        self._threads: list[tuple[QThread, _SweepWorker, TrainingControl]] = []
        self._pacer = Pacer()
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(33)
        self._heartbeat.timeout.connect(self._pacer.stamp)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def is_running(self) -> bool:
        return self._worker is not None

    def start(self, table: Table, points: list[SweepPoint], data_path: str | None) -> None:
        if self._worker is not None:
            raise RuntimeError("a sweep is already under way")
        # No parent: a QThread destroyed with its parent while still running aborts.
        thread = QThread()
        thread.setObjectName("sweep")
        worker = _SweepWorker(table, points, data_path, self._pacer)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Direct: quit() must not wait for the GUI thread, which may be blocked in shutdown().
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(worker.deleteLater)
        thread.finished.connect(self._joined)
        worker.progress.connect(self._on_progress)
        worker.result.connect(self._on_result)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        entry = (thread, worker, worker.control)
        self._threads.append(entry)
        _live.append(entry)
        self._worker = worker
        self._heartbeat.start()
        thread.start()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.control.stop()

    @Slot()
    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop the sweep and join its thread within the bound; True if it ended."""
        self._worker = None
        self._heartbeat.stop()
        deadline = QDeadlineTimer(timeout_ms)
        for thread, _, control in self._threads:
            control.stop()
            thread.quit()
        joined = all([thread.wait(deadline) for thread, _, _ in self._threads])
        if joined:
            self._forget(list(self._threads))
        return joined

    def _current(self) -> bool:
        return self.sender() is self._worker and self._worker is not None

    @Slot(object)
    def _on_progress(self, event: object) -> None:
        if self._current():
            self.progress.emit(event)

    @Slot(object, object)
    def _on_result(self, result: object, record: object) -> None:
        if self._current():
            self.result.emit(result, record)

    @Slot(bool)
    def _on_finished(self, complete: bool) -> None:
        if self._current():
            self._end()
            self.finished.emit(complete)

    @Slot(object)
    def _on_failed(self, message: object) -> None:
        if self._current():
            self._end()
            self.failed.emit(message)

    def _end(self) -> None:
        self._worker = None
        self._heartbeat.stop()

    @Slot()
    def _joined(self) -> None:
        # finished() is emitted just before the thread really ends, so this wait is brief.
        thread = self.sender()
        if isinstance(thread, QThread) and thread.wait(1000):
            self._forget([e for e in self._threads if e[0] is thread])

    def _forget(self, entries: list) -> None:
        for entry in entries:
            if entry in self._threads:
                self._threads.remove(entry)
            _live[:] = [e for e in _live if e is not entry]


# Every started sweep thread, until it is known to be finished: deleting a running QThread
# aborts the process, so one whose runner went away is stopped and joined at exit.
_live: list[tuple[QThread, _SweepWorker, TrainingControl]] = []


@atexit.register
def _join_all() -> None:
    for _, _, control in _live:
        control.stop()
    for thread, _, _ in _live:
        thread.wait(QDeadlineTimer(10_000))
    _live.clear()
