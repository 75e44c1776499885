"""Training off the GUI thread: a worker object moved to a QThread, and the runner that owns it.

The worker iterates the core's `run_group` generator (one run, or a group of repeats or
folds: the core prepares each split and trains each run); every report leaves it as a
queued `Signal(object)`. Batch reports are throttled here, in the
producer, so a fast loop cannot flood the GUI thread's event queue. The runner keeps one
job (thread + worker + control) per run; a job that is no longer current, or anything
reported after `shutdown()`, is dropped before it reaches the runner's own signals.
"""

from __future__ import annotations

import atexit
import copy
import logging
import math
import time
import weakref

import numpy as np
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

from ...core.config import TrainConfig
from ...core.errors import USER_ERRORS
from ...core.evaluation import validation_predictions
from ...core.io import Table
from ...core.repeats import RunReport, run_group
from ...core.training import BatchReport, TrainingControl

__all__ = ["Pacer", "TrainingRunner", "TrainingWorker"]

log = logging.getLogger(__name__)

MAX_PROGRESS_PER_S = 30.0
EXIT_WAIT_MS = 10_000


class Pacer:
    """Lets the GUI thread have the GIL when it falls behind.

    PySide releases the GIL around nearly every Qt call, and CPython hands it back to a
    waiting thread only after the switch interval (5 ms): while a Python thread computes
    small mini-batches, every Qt call of a repaint can cost 5 ms and the window freezes for
    seconds. The GUI thread stamps `beat` from a timer; while the stamp is late the worker
    naps briefly between mini-batches, so it costs nothing while the GUI keeps up.
    """

    LATE_S = 0.05
    NAP_S = 0.001

    def __init__(self) -> None:
        self.beat = time.monotonic()  # a float: written by the GUI thread, read by the worker

    def stamp(self) -> None:
        self.beat = time.monotonic()

    def pace(self) -> None:
        if time.monotonic() - self.beat > self.LATE_S:
            time.sleep(self.NAP_S)


class TrainingWorker(QObject):
    """Prepares the data and runs the trainer; lives in its own QThread, never touches a widget."""

    prepared = Signal(object)  # dict: features, classes, task, target, n_train, n_valid, report
    progress = Signal(object)  # BatchReport, at most ~30 per second
    epoch = Signal(object)  # EpochReport, every epoch end (not the final summary)
    # RunReport: a run of the group starts (its report None) or ends (its `run` set)
    member = Signal(object)
    # {"report": the kept run's final EpochReport, "trainer": its Trainer, "runs": every
    # finished core Run of the group, the kept one first, "predictions": the kept run's
    # ValidPredictions}
    finished = Signal(object)
    failed = Signal(object)  # a UserError, or a sentence already in the interface language
    warning = Signal(object)  # str: a NumPy floating-point warning, once per kind and run
    done = Signal()  # run() returned, whatever the outcome: quits the thread

    def __init__(self, config: TrainConfig, table: Table, pacer: Pacer | None = None,
                 max_rate: float = MAX_PROGRESS_PER_S) -> None:
        super().__init__()
        self._config = copy.deepcopy(config)  # the caller's object may change during the run
        self._table = table  # read-only from here on
        self._pacer = pacer
        self._interval = 1.0 / max_rate
        self._warned: set[str] = set()
        self.control = TrainingControl()

    # Called from the GUI thread: they only set threading.Events inside TrainingControl.
    def pause(self) -> None:
        self.control.pause()

    def resume(self) -> None:
        self.control.resume()

    def stop(self) -> None:
        self.control.stop()

    @Slot()
    def run(self) -> None:
        try:
            # errstate is context-local in NumPy 2, so only this thread's warnings are routed;
            # warnings.catch_warnings would swap the process-wide filters under the GUI thread.
            with np.errstate(divide="call", over="call", invalid="call", under="ignore",
                             call=self._numpy_warning):
                self._train()
        except USER_ERRORS as exc:
            # The window translates it; without its traceback it keeps none of the run's
            # frames (and their arrays) alive while it waits in the queue.
            self.failed.emit(exc.with_traceback(None))
        except MemoryError:
            self.failed.emit(self.tr(
                "There is not enough memory for this run; use fewer rows, features or hidden units."))
        except Exception as exc:  # a bug must reach the user as a sentence, not kill the thread
            log.exception("training failed")
            self.failed.emit(self.tr("Training stopped on an unexpected error: {0}.")
                             .format(f"{type(exc).__name__}: {exc}"))
        finally:
            # To the GUI thread, to be deleted there: destroying a QObject made in Python
            # takes Qt's connection lock and then the GIL, while the GUI thread may hold the
            # GIL and wait for that lock in a connect() (a deadlock seen as a run ended).
            self.moveToThread(QCoreApplication.instance().thread())
            self.done.emit()

    def _train(self) -> None:
        config = self._config.validate()
        runs = []
        last_sent = -math.inf
        skipped: BatchReport | None = None
        for item in run_group(self._table, config, self.control):
            report = item.report
            if report is None:
                if item.index == 1:
                    self.prepared.emit(_prepared(item))
                self.member.emit(item)
            elif isinstance(report, BatchReport):
                # The core builds a fresh report object per yield and never touches it
                # again, so handing it over is handing over a copy.
                now = time.monotonic()
                if now - last_sent >= self._interval:
                    self.progress.emit(report)
                    last_sent, skipped = now, None
                else:
                    # Every field is cumulative (position, running loss), so the newest
                    # skipped report stands for all the ones before it.
                    skipped = report
                if self._pacer is not None:
                    self._pacer.pace()
            elif report.final:
                if skipped is not None:
                    self.progress.emit(skipped)
                    skipped = None
                runs.append(item.run)
                self.member.emit(item)
            else:
                self.epoch.emit(report)
        kept = runs[0]
        # Here rather than in the GUI thread: a pass over the validation rows.
        predictions = validation_predictions(kept.data, kept.trainer.model_)
        self.finished.emit({"report": kept.final, "trainer": kept.trainer, "runs": runs,
                            "predictions": predictions})

    def _numpy_warning(self, kind: str, _flag: int) -> None:
        if kind not in self._warned:
            self._warned.add(kind)
            self.warning.emit(self.tr(
                "NumPy reported '{0}' in floating-point arithmetic; the numbers of this run "
                "may be unreliable.").format(kind))


def _prepared(item: RunReport) -> dict:
    data = item.data
    return {"target": data.target, "features": list(data.features),
            "classes": list(data.classes), "task": data.task, "n_train": len(data.X_train),
            "n_valid": len(data.X_valid), "excluded": dict(data.excluded),
            "report": copy.deepcopy(data.report), "runs": item.count}


class _Job(QObject):
    """One run's thread, worker and control; relays the worker's signals while it is current.

    It lives in the GUI thread, so the worker's signals reach it queued. Its parent is the
    runner, so it is deleted with deleteLater, never inside one of its own slots; it refers
    back to the runner weakly, or the runner would be freed in the middle of its deletion.
    """

    def __init__(self, runner: TrainingRunner, config: TrainConfig, table: Table) -> None:
        super().__init__(runner)
        self._runner = weakref.ref(runner)
        # No parent: a QThread destroyed with its parent while still running aborts the process.
        self.qthread = QThread()
        self.qthread.setObjectName("training")
        self.pacer = Pacer()
        self.worker = TrainingWorker(config, table, self.pacer)
        self.control = self.worker.control  # usable after the worker object is deleted
        # Deleting a running QThread, or a worker outside its thread, aborts the process;
        # the registry keeps both until the thread has ended, however long this job lives.
        self.entry = (self.qthread, self.worker, self.control)
        _live.append(self.entry)
        self.worker.moveToThread(self.qthread)
        self.qthread.started.connect(self.worker.run)
        # Direct: quit() must not wait for the GUI thread, which may be blocked in shutdown().
        self.worker.done.connect(self.qthread.quit, Qt.ConnectionType.DirectConnection)
        # The worker has moved to the GUI thread by then (see TrainingWorker.run).
        self.qthread.finished.connect(self.worker.deleteLater)
        self.qthread.finished.connect(self._on_thread_finished)
        w = self.worker
        self.connections = [
            w.prepared.connect(self._on_prepared),
            w.progress.connect(self._on_progress),
            w.epoch.connect(self._on_epoch),
            w.member.connect(self._on_member),
            w.warning.connect(self._on_warning),
            w.finished.connect(self._on_finished),
            w.failed.connect(self._on_failed),
        ]

    def _current_runner(self) -> TrainingRunner | None:
        runner = self._runner()
        return runner if runner is not None and runner._current is self else None

    def disconnect_worker(self) -> None:
        for connection in self.connections:
            QObject.disconnect(connection)  # a no-op if the worker is already gone
        self.connections = []

    @Slot(object)
    def _on_prepared(self, info: object) -> None:
        if runner := self._current_runner():
            runner.prepared.emit(info)

    @Slot(object)
    def _on_progress(self, report: object) -> None:
        if runner := self._current_runner():
            runner.progress.emit(report)

    @Slot(object)
    def _on_epoch(self, report: object) -> None:
        if runner := self._current_runner():
            runner.epoch.emit(report)

    @Slot(object)
    def _on_member(self, item: object) -> None:
        if runner := self._current_runner():
            runner.member.emit(item)

    @Slot(object)
    def _on_warning(self, message: object) -> None:
        if runner := self._current_runner():
            runner.warning.emit(message)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        if runner := self._current_runner():
            runner._current = None
            runner.finished.emit(result)

    @Slot(object)
    def _on_failed(self, message: object) -> None:
        if runner := self._current_runner():
            runner._current = None
            runner.failed.emit(message)

    @Slot()
    def _on_thread_finished(self) -> None:
        # finished() is emitted just before the thread really ends, so this wait is brief.
        runner = self._runner()
        if runner is not None and self.qthread.wait(1000):
            runner._release(self)


class TrainingRunner(QObject):
    """Starts runs in a worker thread and re-emits the reports of the current one.

    Signals carry the worker's payloads unchanged: `prepared(dict)`, `progress(BatchReport)`,
    `epoch(EpochReport)`, `member(RunReport)`, `warning(str)`, and exactly one of `finished(dict)` /
    `failed(UserError | str)` per run (none after `shutdown()`).
    """

    prepared = Signal(object)
    progress = Signal(object)
    epoch = Signal(object)
    member = Signal(object)
    warning = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: _Job | None = None
        self._jobs: list[_Job] = []  # current and finishing jobs, kept until joined
        self._controls: list[TrainingControl] = []
        # Dropped without shutdown() (a bug, but it happens): its runs stop at once.
        weakref.finalize(self, _stop_all, self._controls)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(33)
        self._heartbeat.timeout.connect(self._beat)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def is_running(self) -> bool:
        """True from start() until the run's finished or failed signal has been emitted."""
        return self._current is not None

    @property
    def worker_thread(self) -> QThread | None:
        """The current run's thread (for tests and diagnostics)."""
        return self._current.qthread if self._current is not None else None

    def start(self, config: TrainConfig, table: Table) -> None:
        if self._current is not None:
            raise RuntimeError("a training run is already under way")
        job = _Job(self, config, table)
        self._jobs.append(job)
        self._controls[:] = [j.control for j in self._jobs]
        self._current = job
        self._heartbeat.start()
        job.qthread.start()

    def pause(self) -> None:
        if self._current is not None:
            self._current.control.pause()

    def resume(self) -> None:
        if self._current is not None:
            self._current.control.resume()

    def stop(self) -> None:
        if self._current is not None:
            self._current.control.stop()

    @Slot()
    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop every run and join its thread within the bound; True if all ended.

        Safe to call more than once; nothing a stopped run reports is re-emitted.
        """
        self._current = None
        self._heartbeat.stop()
        deadline = QDeadlineTimer(timeout_ms)
        for job in self._jobs:
            job.control.stop()
            job.disconnect_worker()
            job.qthread.quit()  # a thread that already left run() must leave its event loop too
        joined = all([job.qthread.wait(deadline) for job in self._jobs])
        if not joined:
            # Only a long prepare() can overrun; the registry keeps those threads alive.
            log.warning("a training thread did not stop within %d ms", timeout_ms)
        for job in list(self._jobs):
            self._release(job)
        return joined

    @Slot()
    def _beat(self) -> None:
        if self._current is None:
            self._heartbeat.stop()
        else:
            self._current.pacer.stamp()

    def _release(self, job: _Job) -> None:
        if job not in self._jobs:
            return
        self._jobs.remove(job)
        self._controls[:] = [j.control for j in self._jobs]
        job.disconnect_worker()
        if job.qthread.isFinished():
            _live[:] = [entry for entry in _live if entry is not job.entry]
        job.deleteLater()


# Every started thread with its worker and control, until the thread is known to be finished.
_live: list[tuple[QThread, TrainingWorker, TrainingControl]] = []


def _stop_all(controls: list[TrainingControl]) -> None:
    for control in controls:
        control.stop()


@atexit.register
def _join_all() -> None:
    """Threads whose runner never shut them down are stopped and joined before exit."""
    _stop_all([control for _, _, control in _live])
    for thread, _, _ in _live:
        # Bounded: a thread still preparing a huge table must not hang the exit for good.
        thread.wait(QDeadlineTimer(EXIT_WAIT_MS))
    _live.clear()
