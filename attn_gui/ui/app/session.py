"""The session: what the analyst is working on, held in one place the panels listen to.

At its heart is the core's `Project` (plain values: settings, runs, the chosen run, the
data file); around it the loaded table, the project file, whether there are unsaved
changes, and the newest run's prepared data. Commands change the session through these
methods, never another widget's internals; panels redraw on its signals. Data flows one
way: a command changes the session, the session says what changed, the views show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ...core.config import TrainConfig
from ...core.runs import Project, Run

if TYPE_CHECKING:
    from ...core.dataset import Dataset
    from ...core.io import Table

__all__ = ["Session"]


class Session(QObject):
    tableChanged = Signal(object)  # the loaded Table
    runsChanged = Signal()  # a run added, renamed, kept or deleted, or a project opened
    modifiedChanged = Signal(bool)
    newProject = Signal()  # another file started a project of its own: old results go

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = _new_project()
        self.table: Table | None = None
        self.path: Path | None = None  # the project file, once saved or opened
        self.modified = False
        # The newest run and the data it was trained on: explained without preparing again.
        self.latest: tuple[Run, Dataset] | None = None
        self.compare_with: Run | None = None  # the run a run without attention answers

    # -- the data ------------------------------------------------------------------------
    @property
    def data_path(self) -> str | None:
        return None if self.table is None else str(Path(self.table.path).resolve())

    def set_table(self, table: Table) -> None:
        self.table = table
        self.project.data_path = self.data_path
        self.project.data_sheet = table.sheet
        self.tableChanged.emit(table)

    def runs_match_data(self) -> bool:
        """True when every run was trained on the loaded file and sheet (or there are
        none); runs saved before either was recorded match any, and so do runs opened from
        a model file: the user brought them in, listed with the data they learned from."""
        path, sheet = self.data_path, self.table and self.table.sheet
        return all(run.model_file is not None
                   or run.data_path in (None, path) and run.data_sheet in (None, sheet)
                   for run in self.project.runs)

    # -- the project ---------------------------------------------------------------------
    @property
    def runs(self) -> list[Run]:
        return self.project.runs

    def start_new(self) -> None:
        """A new project for a new file: its runs belong to the file they were trained on."""
        self.replace(_new_project(self.data_path, self.table and self.table.sheet), None)
        self.newProject.emit()

    def replace(self, project: Project, path: Path | None) -> None:
        """Another project: an opened one (its data is loaded separately) or a new one."""
        self.project = project
        self.path = path
        self.latest = None
        self.compare_with = None
        self.runsChanged.emit()

    def set_modified(self, modified: bool) -> None:
        if modified != self.modified:
            self.modified = modified
            self.modifiedChanged.emit(modified)

    # -- runs ----------------------------------------------------------------------------
    def add_run(self, run: Run, data: Dataset | None = None) -> None:
        """A finished run; the run it answers (`compare_with`) is shown beside it, once."""
        self.project.add_run(run)
        self.latest = None if data is None else (run, data)
        self._runs_changed()
        self.compare_with = None

    def add_opened(self, run: Run) -> None:
        """A run opened from a model file: the newest trained run stays the one whose data
        is at hand and whose importance may still arrive."""
        self.project.add_run(run)
        self._runs_changed()

    def set_importance(self, run: Run, report: dict) -> None:
        """The permutation importance computed for one of the session's runs."""
        if any(r is run for r in self.project.runs):
            run.importance = report
            self._runs_changed()

    def set_threshold(self, run: Run, threshold: float, fp_cost: float) -> None:
        """A two-class run's decision threshold and cost of a false positive, for its
        metrics, its model and so for saving and predicting."""
        from ...core.evaluation import apply_threshold

        if any(r is run for r in self.project.runs):
            apply_threshold(run, threshold, fp_cost)
            self._runs_changed()

    def rename(self, index: int, name: str) -> bool:
        done = self.project.rename(index, name)
        if done:
            self._runs_changed()
        return done

    def keep(self, index: int) -> None:
        if self.project.keep(index):
            self._runs_changed()

    def delete(self, indexes: set[int]) -> None:
        if indexes:
            self.project.delete(indexes)
            self._runs_changed()

    def _runs_changed(self) -> None:
        self.runsChanged.emit()
        self.set_modified(True)


def _new_project(data_path: str | None = None, sheet: str | None = None) -> Project:
    return Project(config=TrainConfig(), data_path=data_path, data_sheet=sheet)
