"""A sweep off the GUI thread, as a job on the one job runner (`runner.py`), as training is.

The job iterates the core's `run_sweep` generator over plain configs; it never touches
a widget. Progress is throttled on the job's thread (at most ten reports a second); every
finished run is sent with the record the session would keep of it (`core.runs.Run`, with
its model), so the window can add it to the Runs page without training again; the
prepared data of each run is dropped on the job's side. A stop request ends the run
under way and the sweep; `shutdown()` stops and joins the thread within a bound.
"""

from __future__ import annotations

import copy
import time

from PySide6.QtCore import QObject, Signal, Slot

from ...core.io import Table
from ...core.repeats import summarise, summarised_runs
from ...core.sweep import SweepPoint, SweepReport, SweepResult, run_sweep
from ...core.training import TrainingControl
from .runner import Job, JobContext, JobRunner
from .worker import TrainingRunner

__all__ = ["SweepRunner", "sweep_job"]

PROGRESS_INTERVAL_S = 0.1


def sweep_job(table: Table, points: list[SweepPoint], data_path: str | None,
              control: TrainingControl) -> Job:
    """A job that trains every point on `table` (read-only) and reports
    ("progress", SweepReport) and ("result", (SweepResult without its runs, Run | None));
    its result is True if every run was trained (not stopped)."""
    points = copy.deepcopy(points)  # the caller's may change during the sweep

    def job(context: JobContext) -> bool:
        last = 0.0
        for event in run_sweep(table, points, control):
            if isinstance(event, SweepResult):
                context.report(("result", (event.light(), _record(event, data_path))))
                continue
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL_S or event.item.report is None:
                last = now
                context.report(("progress", _light(event)))
            else:
                context.pace()
        return not control.stopped

    return job


def _record(result: SweepResult, data_path: str | None):
    """The run as the Runs page keeps it; None for a run that failed."""
    if not result.runs:
        return None
    from ...core.project import run_from_training

    kept = summarised_runs(result.runs)
    first = kept[0]
    return run_from_training("", result.config, first.trainer, first.final,
                             data_path=data_path, summary=summarise(kept),
                             finals=[run.final for run in kept])


def _light(event: SweepReport) -> SweepReport:
    """The report without the run's prepared data and model, which stay in the worker."""
    item = copy.copy(event.item)
    item.data, item.run = None, None
    return SweepReport(event.index, event.count, event.settings, item, event.fraction)


class SweepRunner(JobRunner):
    """Runs one sweep at a time and re-emits what the current one reports:
    `progress(SweepReport)`, `result(SweepResult, Run | None)` per run, then exactly one
    of `finished(bool)` / `failed(UserError | str)` (none after `shutdown()`)."""

    progress = Signal(object)
    result = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, name="sweep")
        self._control = TrainingControl()
        self.reported.connect(self._dispatch)

    @property
    def is_running(self) -> bool:
        return self.is_busy()

    def start(self, table: Table, points: list[SweepPoint], data_path: str | None) -> None:
        if self.is_running:
            raise RuntimeError("a sweep is already under way")
        control = self._control = TrainingControl()
        self.submit(sweep_job(table, points, data_path, control), on_cancel=control.stop)

    def stop(self) -> None:
        if self.is_running:
            self._control.stop()

    # A sweep's runs fail as training runs do, in the same words.
    describe_error = TrainingRunner.describe_error

    @Slot(object)
    def _dispatch(self, item: object) -> None:
        kind, value = item
        if kind == "result":
            self.result.emit(*value)
        else:
            self.progress.emit(value)
