"""Training off the GUI thread: the training job, and the runner that gives its reports names.

The job iterates the core's `run_group` generator (one run, or a group of repeats or
folds: the core prepares each split and trains each run) on a `JobRunner` thread. Batch
reports are throttled there, in the producer, so a fast loop cannot flood the GUI
thread's event queue; the summary of a group (a pass over every run's weights) is
computed there too, so the end of a run costs the GUI thread only its drawing.
"""

from __future__ import annotations

import copy
import math
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ...core.config import TrainConfig
from ...core.evaluation import validation_predictions
from ...core.io import Table
from ...core.repeats import RunReport, run_group, summarise, summarised_runs
from ...core.training import BatchReport, TrainingControl
from .runner import Job, JobContext, JobRunner

__all__ = ["TrainingRunner", "training_job"]

MAX_PROGRESS_PER_S = 30.0


def training_job(config: TrainConfig, table: Table, control: TrainingControl,
                 max_rate: float = MAX_PROGRESS_PER_S) -> Job:
    """A job that trains `config` (validated on the job's thread) on `table` (read-only).

    It reports `(kind, value)` pairs: ("prepared", dict), ("member", RunReport),
    ("progress", BatchReport) at most `max_rate` a second, ("epoch", EpochReport) and
    ("warning", str) for a NumPy floating-point warning, once per kind. Its result is
    {"report": the kept run's final EpochReport, "trainer": its Trainer, "runs": every
    finished core Run, "kept": those the summary covers, "summary": `summarise(kept)`,
    "predictions": the kept run's ValidPredictions}.
    """

    def job(context: JobContext) -> dict:
        warned: set[str] = set()

        def numpy_warning(kind: str, _flag: int) -> None:
            if kind not in warned:
                warned.add(kind)
                context.report(("warning", QCoreApplication.translate(
                    "TrainingWorker", "NumPy reported '{0}' in floating-point arithmetic; the "
                    "numbers of this run may be unreliable.").format(kind)))

        # errstate is context-local in NumPy 2, so only this thread's warnings are routed;
        # warnings.catch_warnings would swap the process-wide filters under the GUI thread.
        with np.errstate(divide="call", over="call", invalid="call", under="ignore",
                         call=numpy_warning):
            return _train(context, config.validate(), table, control, 1.0 / max_rate)

    return job


def _train(context: JobContext, config: TrainConfig, table: Table, control: TrainingControl,
           interval: float) -> dict:
    runs = []
    last_sent = -math.inf
    skipped: BatchReport | None = None
    if table.stream is not None:
        from ...core.stream import run_streamed

        items = run_streamed(table, config, control)
    else:
        items = run_group(table, config, control)
    for item in items:
        report = item.report
        if report is None:
            if item.index == 1:
                context.report(("prepared", _prepared(item)))
            context.report(("member", item))
        elif isinstance(report, BatchReport):
            # The core builds a fresh report object per yield and never touches it again,
            # so handing it over is handing over a copy.
            now = time.monotonic()
            if now - last_sent >= interval:
                context.report(("progress", report))
                last_sent, skipped = now, None
            else:
                # Every field is cumulative (position, running loss), so the newest skipped
                # report stands for all the ones before it.
                skipped = report
                context.pace()
        elif report.final:
            if skipped is not None:
                context.report(("progress", skipped))
                skipped = None
            runs.append(item.run)
            context.report(("member", item))
        else:
            context.report(("epoch", report))
    kept = summarised_runs(runs)
    # Here rather than in the GUI thread: a pass over the validation rows.
    predictions = validation_predictions(runs[0].data, runs[0].trainer.model_)
    return {"report": runs[0].final, "trainer": runs[0].trainer, "runs": runs, "kept": kept,
            "summary": summarise(kept), "predictions": predictions}


def _prepared(item: RunReport) -> dict:
    data = item.data
    streamed = data.report.get("streamed")  # the rows are in the file, not in the arrays
    return {"target": data.target, "features": list(data.features),
            "classes": list(data.classes), "task": data.task,
            "n_train": streamed["train"] if streamed else len(data.X_train),
            "n_valid": streamed["valid"] if streamed else len(data.X_valid),
            "excluded": dict(data.excluded),
            "report": copy.deepcopy(data.report), "runs": item.count}


class TrainingRunner(JobRunner):
    """Starts runs on the job runner and re-emits the current one's reports by kind.

    Signals carry the job's payloads unchanged: `prepared(dict)`, `progress(BatchReport)`,
    `epoch(EpochReport)`, `member(RunReport)`, `warning(str)`, and exactly one of
    `finished(dict)` / `failed(UserError | str)` per run (none after `shutdown()`). `stop()`
    ends a run early and keeps it (finished, stop reason "stopped"); `cancel()` drops it.
    """

    prepared = Signal(object)
    progress = Signal(object)
    epoch = Signal(object)
    member = Signal(object)
    warning = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, name="training")
        self._control = TrainingControl()
        self._signals = {"prepared": self.prepared, "progress": self.progress,
                         "epoch": self.epoch, "member": self.member, "warning": self.warning}
        self.reported.connect(self._dispatch)

    @property
    def is_running(self) -> bool:
        """True from start() until the run's finished or failed signal has been emitted."""
        return self.is_busy()

    @property
    def worker_thread(self) -> QThread | None:
        """The current run's thread (for tests and diagnostics)."""
        return self.job_thread

    def start(self, config: TrainConfig, table: Table) -> None:
        """Train `config` on `table`; the config is copied, so editing it later does not
        reach the run."""
        if self.is_running:
            raise RuntimeError("a training run is already under way")
        control = self._control = TrainingControl()
        self.submit(training_job(copy.deepcopy(config), table, control), on_cancel=control.stop)

    def pause(self) -> None:
        if self.is_running:
            self._control.pause()

    def resume(self) -> None:
        if self.is_running:
            self._control.resume()

    def stop(self) -> None:
        if self.is_running:
            self._control.stop()

    def describe_error(self, error: BaseException) -> object:
        if isinstance(error, MemoryError):
            return QCoreApplication.translate(
                "TrainingWorker", "There is not enough memory for this run; use fewer rows, "
                "features or hidden units.")
        return QCoreApplication.translate(
            "TrainingWorker", "Training stopped on an unexpected error: {0}.").format(
            f"{type(error).__name__}: {error}")

    @Slot(object)
    def _dispatch(self, item: object) -> None:
        kind, value = item
        self._signals[kind].emit(value)
