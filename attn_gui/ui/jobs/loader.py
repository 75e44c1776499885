"""Reading a CSV, or any other slow core call, off the UI thread, on the one job runner.

`BackgroundTask` runs a task given a progress callback and a should-stop poll (the shape
of the core's `read_table`, `importance_report`, `run_checks`): it is a `JobRunner` whose
jobs are `detached`, so a task stuck in the operating system (a stalled network drive)
never keeps its thread from being joined. Starting a task cancels the one under way, and
nothing a cancelled task reports reaches the window.

`TableLoader` also works out, on the task's thread, what the data panel shows of the
target (the task and, for two classes, the rows of each): on a million rows that is a
pass over the column, which would freeze the window if done when the table arrives.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ...core.io import Table, infer_task, read_table
from .runner import JobRunner, detached

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BackgroundTask", "LoadedTable", "TableLoader", "TargetFacts", "target_facts"]

# A task gets a progress callback (fraction 0..1) and a should-stop poll.
Task = Callable[[Callable[[float], None], Callable[[], bool]], object]


class BackgroundTask(JobRunner):
    """Runs one task at a time in a thread; starting a new one cancels the one under way."""

    progress = Signal(float)  # fraction 0..1
    loaded = Signal(object)  # the task's result
    # failed (inherited): a UserError, or a sentence already in the interface language

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, name="task")
        self.reported.connect(self._on_progress)
        self.finished.connect(self.loaded)

    def run(self, task: Task) -> None:
        self.submit(detached(lambda context: task(context.report, context.should_stop)))

    @Slot(object)
    def _on_progress(self, fraction: object) -> None:
        self.progress.emit(float(fraction))


@dataclass(frozen=True)
class TargetFacts:
    """What choosing a column as the target shows: the inferred task and, when the column
    holds exactly two values, the rows of each (pandas' value_counts; None otherwise)."""

    task: str
    counts: pd.Series | None


def target_facts(table: Table, name: str) -> TargetFacts:
    """A pass over the column; only a column of two values is counted."""
    column, info = table.frame[name], table.info(name)
    counts = value_counts(column) if info.n_unique == 2 else None
    return TargetFacts(infer_task(column, info.kind), counts)


# pandas holds the interpreter lock while it hashes a column, and the window waits for it
# meanwhile: 1M text values took 50 ms in one piece, a freeze the window could not avoid.
COUNT_ROWS = 100_000


def value_counts(column: pd.Series) -> pd.Series:
    """`column.value_counts()`, counted `COUNT_ROWS` rows at a time."""
    import pandas as pd

    if len(column) <= COUNT_ROWS:
        return column.value_counts()
    parts = [column.iloc[start:start + COUNT_ROWS].value_counts()
             for start in range(0, len(column), COUNT_ROWS)]
    total = pd.concat(parts).groupby(level=0, sort=False).sum()
    return total.sort_values(ascending=False, kind="stable")


@dataclass(frozen=True)
class LoadedTable:
    table: Table
    targets: dict[str, TargetFacts]  # the default target's, and those asked for


class TableLoader(BackgroundTask):
    """Loads one table at a time (`loaded` carries a `LoadedTable`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted: list[str] = []
        # bytes a CSV may take to be read whole, else it is streamed (None: memory available)
        self.memory_cap: int | None = None

    def describe_error(self, error: BaseException) -> object:
        if isinstance(error, MemoryError):
            return QCoreApplication.translate(
                "_TaskWorker", "the file is too large to load into memory")
        return QCoreApplication.translate("_TaskWorker", "could not read the file: {error}").format(
            error=f"{type(error).__name__}: {error}")

    def start(self, path: str | os.PathLike[str], sheet: str | None = None) -> None:
        """Read `path` (a workbook's `sheet`, None: its first with data); the facts of its
        default target, and of the columns `want` names before the read ends, come with the
        table. A table no column can be the target of fails with the reader's sentence."""
        path = os.fspath(path)
        wanted = self._wanted = []  # this job's: appending is atomic, the task reads a copy
        cap = self.memory_cap

        def load(progress: Callable[[float], None], should_stop: Callable[[], bool]) -> LoadedTable:
            from ...core import stream

            if sheet is None and stream.needs_stream(path, cap):
                table = stream.open_table(path)  # the first rows; a run reads the rest
            else:
                table = read_table(path, progress=progress, should_stop=should_stop, sheet=sheet)
            names = {column.name for column in table.columns}
            chosen = [table.default_target(), *(name for name in list(wanted) if name in names)]
            return LoadedTable(table, {name: target_facts(table, name) for name in chosen})

        self.run(load)

    def want(self, target: str) -> None:
        """Also summarise `target` for the table being read (e.g. a project's target)."""
        self._wanted.append(target)
