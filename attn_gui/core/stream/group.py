"""A streamed run in the shape of `repeats.run_group`, so the window's training job drives
it as any run: its start, batch and epoch reports, and its end with the finished run."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import TrainConfig
from ..dataset import DataError
from ..io import Table
from ..repeats import Run, RunReport
from ..training import EpochReport, TrainingControl
from .fit import fit_stream
from .train import StreamTrainer

__all__ = ["needs_stream", "run_streamed"]


def needs_stream(path: str, budget: int | None = None) -> bool:
    """Whether the CSV at `path` is to be read in parts within `budget` bytes (None: the
    memory available); a workbook never is."""
    import os

    from ..io.workbook import is_workbook
    from ..memory import needs_streaming

    return (os.path.isfile(path) and not is_workbook(path)
            and needs_streaming(os.path.getsize(path), budget))


def run_streamed(table: Table, config: TrainConfig, control: TrainingControl | None = None
                 ) -> Iterator[RunReport]:
    """Fit the statistics (stopping between chunks when asked) and train one run on the
    file `table.stream` reads."""
    config = config.validate()
    if config.repeats > 1 or config.cv:
        raise DataError("repeats and cross-validation need the rows in memory; a streamed "
                        "file trains one run")
    control = control or TrainingControl()
    source = table.stream
    fitted = fit_stream(source, config, should_stop=lambda: control.stopped)
    trainer = StreamTrainer(config, source, fitted)
    data = trainer.data
    yield RunReport(1, 1, config.seed, None, data, None)
    for report in trainer.run(control):
        done = isinstance(report, EpochReport) and report.final
        run = Run(config.seed, None, data, trainer, report) if done else None
        yield RunReport(1, 1, config.seed, None, data, report, run)

