"""Training off the GUI thread: a worker object moved to a QThread, and the runner that owns it.

The worker prepares the dataset and drives the core's `Trainer.run()` generator; every
report leaves it as a queued `Signal(object)`. Batch reports are throttled here, in the
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

import numpy as np
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, Qt, QThread, Signal, Slot

from ..core.config import ConfigError, TrainConfig
from ..core.dataset import DataError, prepare
from ..core.formula import FormulaError
from ..core.table import Table, TableError
from ..core.training import BatchReport, Trainer, TrainingControl, TrainingError
from ..core.weighting import WeightingError

__all__ = ["TrainingRunner", "TrainingWorker"]

log = logging.getLogger(__name__)

USER_ERRORS = (ConfigError, DataError, TableError, TrainingError, WeightingError, FormulaError)
MAX_PROGRESS_PER_S = 30.0


def sentence(message: str) -> str:
    """The core writes lower-case clauses for reuse in the CLI; the UI shows sentences."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


class TrainingWorker(QObject):
    """Prepares the data and runs the trainer; lives in its own QThread, never touches a widget."""

    prepared = Signal(object)  # dict: features, classes, task, target, n_train, n_valid, report
    progress = Signal(object)  # BatchReport, at most ~30 per second
    epoch = Signal(object)  # EpochReport, every epoch end (not the final summary)
    finished = Signal(object)  # {"report": final EpochReport, "trainer": Trainer}
    failed = Signal(object)  # str: one sentence for the user
    warning = Signal(object)  # str: a NumPy floating-point warning, once per kind and run
    done = Signal()  # run() returned, whatever the outcome: quits the thread

    def __init__(self, config: TrainConfig, table: Table,
                 max_rate: float = MAX_PROGRESS_PER_S) -> None:
        super().__init__()
        self._config = copy.deepcopy(config)  # the caller's object may change during the run
        self._table = table  # read-only from here on
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
            self.failed.emit(sentence(str(exc)))
        except MemoryError:
            self.failed.emit(self.tr(
                "There is not enough memory for this run; use fewer rows, features or hidden units."))
        except Exception as exc:  # a bug must reach the user as a sentence, not kill the thread
            log.exception("training failed")
            self.failed.emit(self.tr("Training stopped on an unexpected error: {0}.")
                             .format(f"{type(exc).__name__}: {exc}"))
        finally:
            self.done.emit()

    def _train(self) -> None:
        config = self._config.validate()
        data = prepare(self._table, config)
        self.prepared.emit({
            "target": data.target,
            "features": list(data.features),
            "classes": list(data.classes),
            "task": data.task,
            "n_train": len(data.X_train),
            "n_valid": len(data.X_valid),
            "excluded": dict(data.excluded),
            "report": copy.deepcopy(data.report),
        })
        trainer = Trainer(config, data)
        last_sent = -math.inf
        skipped: BatchReport | None = None
        # The core builds a fresh report object per yield and never touches it again,
        # so handing it over is handing over a copy.
        for report in trainer.run(self.control):
            if isinstance(report, BatchReport):
                now = time.monotonic()
                if now - last_sent >= self._interval:
                    self.progress.emit(report)
                    last_sent, skipped = now, None
                else:
                    # Every field is cumulative (position, running loss), so the newest
                    # skipped report stands for all the ones before it.
                    skipped = report
            elif report.final:
                if skipped is not None:
                    self.progress.emit(skipped)
                self.finished.emit({"report": report, "trainer": trainer})
            else:
                self.epoch.emit(report)

    def _numpy_warning(self, kind: str, _flag: int) -> None:
        if kind not in self._warned:
            self._warned.add(kind)
            self.warning.emit(self.tr(
                "NumPy reported '{0}' in floating-point arithmetic; the numbers of this run "
                "may be unreliable.").format(kind))


class _Job(QObject):
    """One run's thread, worker and control; relays the worker's signals while it is current.

    It lives in the GUI thread, so the worker's signals reach it queued.
    """

    def __init__(self, runner: TrainingRunner, config: TrainConfig, table: Table) -> None:
        super().__init__()
        self.runner = runner
        # No parent: a QThread destroyed with its parent while still running aborts the process.
        self.thread = QThread()
        self.thread.setObjectName("training")
        self.worker = TrainingWorker(config, table)
        self.control = self.worker.control  # usable after the worker object is deleted
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Direct: quit() must not wait for the GUI thread, which may be blocked in shutdown().
        self.worker.done.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        # finished is emitted in the worker thread, so the worker is deleted in its own thread.
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.finished.connect(self._on_thread_finished)
        w = self.worker
        self.connections = [
            w.prepared.connect(self._on_prepared),
            w.progress.connect(self._on_progress),
            w.epoch.connect(self._on_epoch),
            w.warning.connect(self._on_warning),
            w.finished.connect(self._on_finished),
            w.failed.connect(self._on_failed),
        ]

    @property
    def current(self) -> bool:
        return self.runner._current is self

    def disconnect_worker(self) -> None:
        for connection in self.connections:
            QObject.disconnect(connection)  # a no-op if the worker is already gone
        self.connections = []

    @Slot(object)
    def _on_prepared(self, info: object) -> None:
        if self.current:
            self.runner.prepared.emit(info)

    @Slot(object)
    def _on_progress(self, report: object) -> None:
        if self.current:
            self.runner.progress.emit(report)

    @Slot(object)
    def _on_epoch(self, report: object) -> None:
        if self.current:
            self.runner.epoch.emit(report)

    @Slot(object)
    def _on_warning(self, message: object) -> None:
        if self.current:
            self.runner.warning.emit(message)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        if self.current:
            self.runner._current = None
            self.runner.finished.emit(result)

    @Slot(object)
    def _on_failed(self, message: object) -> None:
        if self.current:
            self.runner._current = None
            self.runner.failed.emit(message)

    @Slot()
    def _on_thread_finished(self) -> None:
        # finished() is emitted just before the thread really ends, so this wait is brief.
        if self.thread.wait(1000):
            self.runner._release(self)


class TrainingRunner(QObject):
    """Starts runs in a worker thread and re-emits the reports of the current one.

    Signals carry the worker's payloads unchanged: `prepared(dict)`, `progress(BatchReport)`,
    `epoch(EpochReport)`, `warning(str)`, and exactly one of `finished(dict)` /
    `failed(str)` per run (none after `shutdown()`).
    """

    prepared = Signal(object)
    progress = Signal(object)
    epoch = Signal(object)
    warning = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: _Job | None = None
        self._jobs: list[_Job] = []  # current and finishing jobs, kept alive until joined
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def is_running(self) -> bool:
        """True from start() until the run's finished or failed signal has been emitted."""
        return self._current is not None

    @property
    def thread(self) -> QThread | None:
        """The current run's thread (for tests and diagnostics)."""
        return self._current.thread if self._current is not None else None

    def start(self, config: TrainConfig, table: Table) -> None:
        if self._current is not None:
            raise RuntimeError("a training run is already under way")
        job = _Job(self, config, table)
        self._jobs.append(job)
        self._current = job
        job.thread.start()

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
        deadline = QDeadlineTimer(timeout_ms)
        for job in self._jobs:
            job.control.stop()
            job.disconnect_worker()
            job.thread.quit()  # a thread that already left run() must leave its event loop too
        for job in list(self._jobs):
            if job.thread.wait(deadline):
                self._release(job)
        if self._jobs:
            # Dropping a running QThread aborts the process: keep these alive until they end.
            log.warning("%d training thread(s) did not stop within %d ms", len(self._jobs),
                        timeout_ms)
            _orphans.extend(self._jobs)
            self._jobs.clear()
        return not _orphans

    def _release(self, job: _Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        job.disconnect_worker()


# Jobs whose thread outlived shutdown()'s bound (only a long prepare() can); joined at exit.
_orphans: list[_Job] = []


@atexit.register
def _join_orphans() -> None:
    for job in _orphans:
        job.thread.wait()
    _orphans.clear()
