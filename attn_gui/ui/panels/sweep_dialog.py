"""Training ▸ Sweep: try many settings in the background, then compare and restore one.

The analyst chooses settings and their values (`SweepEditor`), sees how many runs that
makes, and starts; the runs train one after another in a worker thread (`SweepRunner`,
the core's `run_sweep`, each run as `train` would), with progress and Stop. Finished runs
fill a sortable table and a parallel-coordinates plot (as TensorBoard's HParams); a row
and its line select each other. "Restore Settings" puts a run's settings into the
window's forms, ready to train; "Add to Runs" keeps chosen runs (of the 50 best, whose
models are kept), with their models, on the Runs page (sweep runs are not added by
themselves: a sweep of a hundred runs would bury the runs the analyst trained by hand). The sweep and its results can be saved as
the JSON and the CSV of `main.py sweep`.
"""

from __future__ import annotations

import dataclasses
import json
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.config import OPTIONS
from ...core.errors import UserError
from ...core.sweep import SweepResult, SweepSpec, best_result, expand
from ..app.core_text import sentence
from ..jobs.sweep_runner import SweepRunner
from ..plots.parallel_coords import ParallelCoordinates, axis_value, level_text, sweep_axes
from ..widgets.colors import ERROR, OK, colored
from ..widgets.option_form import option_text
from .sweep_editor import SweepEditor
from .sweep_table import SORT_ROLE, SweepTableModel

if TYPE_CHECKING:
    from ...core.config import TrainConfig
    from ...core.runs import Run
    from ..app.session import Session

__all__ = ["SweepDialog"]

# Percent: each new value repaints the bar at once, and each repaint waits for the GIL.
_STEPS = 100
REDRAW_MS = 200
_FIT_ROWS = 30
_ROWS_HEIGHT = 200  # px of settings' rows shown before they scroll
MAX_RECORDS = 50  # runs whose models are kept for Add to Runs: the best ones


class SweepDialog(QDialog):
    sweepStarted = Signal()
    sweepEnded = Signal()  # finished, stopped or failed

    def __init__(self, session: Session, current_config: Callable[[], TrainConfig],
                 restore: Callable[[TrainConfig], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sweep"))
        self.setModal(False)
        self.session = session
        self._current_config = current_config
        self._restore = restore
        self.spec: SweepSpec | None = None
        self.results: list[SweepResult] = []
        self.records: dict[int, Run] = {}  # run number → what the Runs page would keep
        self.added: set[int] = set()
        self._data_path: str | None = None
        self._started = 0.0
        self._spec_ok = False
        self.runner = SweepRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.result.connect(self._on_result)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.editor = SweepEditor()
        self.editor.changed.connect(self._update_count)
        self.model = SweepTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.plot = ParallelCoordinates()
        self.plot.lineClicked.connect(self.select_run)
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self._refresh)
        self._redraw_due = False
        self._pending: list[SweepResult] = []
        self._step = -1
        self._build()
        self._update_count()
        self._running(False)
        self.resize(1180, 780)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(self.tr(
            "Train one run for each combination of the values below (a grid), or for random "
            "samples of them; the settings not swept are the window's. Each run is ranked by "
            "its validation F1 (R² for regression)."))
        intro.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.editor)
        self.scroll = scroll
        box = QGroupBox(self.tr("Settings to sweep"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(scroll)
        box_layout.addWidget(self.editor.mode_bar)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        box_layout.addWidget(self.count_label)
        self.start_button = QPushButton(self.tr("Start Sweep"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.bar = QProgressBar()
        self.bar.setRange(0, _STEPS)
        self.status = QLabel()
        self.status.setWordWrap(True)
        controls = QHBoxLayout()
        for widget in (self.start_button, self.stop_button):
            controls.addWidget(widget)
        controls.addWidget(self.bar, 1)
        self.table = self._build_table()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.plot)
        self.splitter.setSizes([560, 620])
        layout = QVBoxLayout(self)
        for widget in (intro, box):
            layout.addWidget(widget)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(self._build_buttons())

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        # Columns fit the first rows only: measuring every row of a long sweep stalls.
        table.horizontalHeader().setResizeContentsPrecision(_FIT_ROWS)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(self.restore_selected)
        return table

    def _build_buttons(self) -> QHBoxLayout:
        self.restore_button = QPushButton(self.tr("Restore Settings"))
        self.restore_button.setToolTip(self.tr(
            "Put the selected run's settings into the window's forms, to train it again or "
            "start from it (double-click a row does the same)"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.add_button = QPushButton(self.tr("Add to Runs"))
        self.add_button.setToolTip(self.tr(
            "Keep the selected runs, with their models, on the Runs page"))
        self.add_button.clicked.connect(self.add_selected)
        self.save_button = QPushButton(self.tr("Save Sweep…"))
        self.save_button.setToolTip(self.tr(
            "Save the settings to sweep as JSON for 'main.py sweep --spec'"))
        self.save_button.clicked.connect(self._save_spec_dialog)
        self.export_button = QPushButton(self.tr("Export Results…"))
        self.export_button.setToolTip(self.tr("Write one row per run as CSV"))
        self.export_button.clicked.connect(self._export_dialog)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        for button in (self.restore_button, self.add_button, self.save_button,
                       self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # -- the sweep to run -------------------------------------------------------------------
    def _fit_rows(self) -> None:
        """The settings' rows in view up to a limit; beyond it they scroll."""
        self.editor.layout().activate()
        self.scroll.setFixedHeight(min(self.editor.sizeHint().height() + 2, _ROWS_HEIGHT))

    def _update_count(self) -> None:
        # A row just added is shown on the next turn of the event loop, and counts then.
        QTimer.singleShot(0, self, self._fit_rows)
        if not self.editor.rows:
            self._spec_ok = False
            colored(self.count_label, self.tr("Add a setting to sweep."), None)
            self.start_button.setEnabled(False)
            return
        try:
            spec = self.editor.spec()
        except UserError as exc:
            colored(self.count_label, sentence(exc), ERROR)
            self._spec_ok = False
            self.start_button.setEnabled(False)
            return
        self._spec_ok = True
        colored(self.count_label, self._runs_text(spec.size), None)
        self.start_button.setEnabled(not self.runner.is_running)

    def _runs_text(self, n: int) -> str:
        return self.tr("1 run") if n == 1 else self.tr("{0} runs").format(n)

    def start(self) -> bool:
        """Start the sweep the editor shows on the session's table; False (with the
        sentence shown) when it cannot start."""
        table = self.session.table
        if self.runner.is_running:
            return False
        if table is None:
            colored(self.status, self.tr("Open a table before sweeping."), ERROR)
            return False
        try:
            spec = self.editor.spec()
            points = expand(spec, self._current_config())
            from ...core.dataset import resolve_columns

            task = resolve_columns(table, points[0].config)[2]
        except UserError as exc:
            colored(self.status, sentence(exc), ERROR)
            return False
        self.spec, self.results, self.records, self.added = spec, [], {}, set()
        self._pending, self._step = [], -1
        self._data_path = self.session.data_path
        metric = self.tr("validation R²") if task == "regression" else self.tr("validation F1")
        self.model.reset(spec.names, [option_text(OPTIONS[n].label) for n in spec.names], metric)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.plot.set_axes(sweep_axes(spec, self.tr("none")), metric)
        self._started = time.perf_counter()
        self.runner.start(table, points, self._data_path)
        self._running(True)
        self.sweepStarted.emit()
        colored(self.status, self.tr("Run {0} of {1}…").format(1, len(points)), None)
        return True

    def stop(self) -> None:
        self.runner.stop()

    def is_running(self) -> bool:
        return self.runner.is_running

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        return self.runner.shutdown(timeout_ms)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.stop()
        super().closeEvent(event)

    def _running(self, running: bool) -> None:
        self.start_button.setEnabled(not running and self._spec_ok)
        self.stop_button.setEnabled(running)
        self.editor.setEnabled(not running)
        if running:
            self._show_progress(0.0)
        self._selection_changed()

    # -- what the runner reports --------------------------------------------------------------
    def _on_progress(self, event) -> None:
        self._show_progress(event.fraction)
        report = event.item.report
        text = self.tr("Run {0} of {1}…").format(event.index, event.count)
        if report is not None and report.epochs:
            text = self.tr("Run {0} of {1}: epoch {2} of {3}").format(
                event.index, event.count, report.epoch, report.epochs)
        self.status.setText(text)

    def _show_progress(self, fraction: float) -> None:
        # Every Qt call waits for the GIL the worker holds: none for an unchanged value.
        step = round(fraction * _STEPS)
        if step != self._step:
            self._step = step
            self.bar.setValue(step)

    def _on_result(self, result: SweepResult, record: Run | None) -> None:
        """Kept at once, shown at the next redraw: a sweep of quick runs reports faster
        than the table and the plot are worth redrawing."""
        self.results.append(result)
        self._pending.append(result)
        if record is not None:
            self.records[result.index] = record
        self._keep_best_records()
        if not self._redraw_due:
            self._redraw_due = True
            self._redraw.start()

    def _refresh(self) -> None:
        """The runs reported since the last redraw into the table and the plot, and every
        line's colour again (the metric's range moves with each run)."""
        self._redraw.stop()
        self._redraw_due = False
        pending, self._pending = self._pending, []
        if not pending:
            return
        none = self.tr("none")
        self.model.add(pending)
        for result in pending:
            values = [axis_value(n, result.settings[n], none) for n in self.spec.names]
            self.plot.add_run(result.index, values, result.score)
        self.plot.refresh()
        best = best_result(self.results)
        self.model.set_colors(self.plot.colors(), None if best is None else best.index)
        self.table.resizeColumnsToContents()

    def _keep_best_records(self) -> None:
        """Models and curves of the best runs only: a sweep of a thousand runs would hold
        a thousand models for Add to Runs."""
        if len(self.records) > MAX_RECORDS:
            scores = {r.index: r.score for r in self.results if math.isfinite(r.score)}
            worst = min(self.records, key=lambda i: scores.get(i, -math.inf))
            del self.records[worst]

    def _on_finished(self, complete: bool) -> None:
        self._refresh()
        self._running(False)
        seconds = time.perf_counter() - self._started
        best = best_result(self.results)
        if complete:
            self._show_progress(1.0)  # the last progress report may have been skipped
            text = self.tr("{0} in {1:.1f} s.").format(self._runs_text(len(self.results)),
                                                       seconds)
        else:
            text = self.tr("Stopped after {0} of {1} runs.").format(
                len(self.results), self.spec.size)
        if best is not None:
            text += " " + self.tr("Best: run {0} ({1}), {2} {3:.4f}.").format(
                best.index, self._described(best.settings), self.model.headerData(
                    self.model.metric_column, Qt.Orientation.Horizontal), best.score)
        failed = [r for r in self.results if r.error is not None]
        if failed and len(failed) == len(self.results):
            text += " " + self.tr("Every run failed: {0}").format(sentence(failed[0].error))
        colored(self.status, text, ERROR if best is None and failed else
                OK if complete else None)
        self.table.sortByColumn(self.model.metric_column, Qt.SortOrder.DescendingOrder)
        if best is not None:
            self.select_run(best.index)
        self.sweepEnded.emit()

    def _on_failed(self, message: object) -> None:
        self._refresh()
        self._running(False)
        colored(self.status, sentence(message), ERROR)
        self.sweepEnded.emit()

    # -- the selected run ------------------------------------------------------------------
    def selected_results(self) -> list[SweepResult]:
        rows = sorted(self.proxy.mapToSource(i).row()
                      for i in self.table.selectionModel().selectedRows())
        return [self.model.results[r] for r in rows]

    def select_run(self, index: int) -> None:
        """Select the row of run number `index` (e.g. from a click on its line)."""
        for row, result in enumerate(self.model.results):
            if result.index == index:
                proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectionModel().select(
                    proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(proxy_index)
                return

    def _selection_changed(self, *_args: Any) -> None:
        chosen = self.selected_results()
        self.plot.highlight(chosen[0].index if len(chosen) == 1 else None)
        self.restore_button.setEnabled(len(chosen) == 1)
        self.add_button.setEnabled(any(r.index in self.records and r.index not in self.added
                                       for r in chosen))
        self.export_button.setEnabled(bool(self.results) and not self.runner.is_running)

    def restore_selected(self, *_args: Any) -> None:
        chosen = self.selected_results()
        if len(chosen) != 1:
            return
        if not self._same_file():
            return
        self._restore(dataclasses.replace(chosen[0].config))
        colored(self.status, self.tr("The settings of run {0} are in the window's forms: "
                                     "press Start there to train it.").format(chosen[0].index),
                OK)

    def _same_file(self) -> bool:
        """The sweep's runs belong to the file they were trained on, as every run does."""
        if self._data_path == self.session.data_path:
            return True
        colored(self.status, self.tr("These runs were trained on another file; open it "
                                     "again to use them."), ERROR)
        return False

    def add_selected(self) -> int:
        """Add the selected runs to the session's Runs page; how many were added."""
        if not self._same_file():
            return 0
        added = 0
        for result in self.selected_results():
            record = self.records.get(result.index)
            if record is None or result.index in self.added:
                continue
            stem = self.tr("sweep {0} · {1}").format(result.index,
                                                     self._described(result.settings))
            self.session.add_run(dataclasses.replace(
                record, name=self.session.project.next_name(stem)))
            self.added.add(result.index)
            added += 1
        colored(self.status, self.tr("Added {0} to the Runs page.").format(
            self._runs_text(added)), OK)
        self._selection_changed()
        return added

    def _described(self, settings: dict) -> str:
        """A run's swept settings in words: "Learning rate 0.03, Function sparsemax"."""
        return ", ".join(f"{option_text(OPTIONS[name].label)} {level_text(value, self.tr('none'))}"
                         for name, value in settings.items())

    # -- files -----------------------------------------------------------------------------
    def _save_spec_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the sweep"), "sweep.json",
                                              self.tr("JSON files (*.json)"))
        if path:
            self.save_spec_to(path)

    def save_spec_to(self, path: str) -> bool:
        from ...core.files import atomic_write

        try:
            spec = self.editor.spec()
            atomic_write(path, json.dumps(spec.to_dict(), indent=1).encode("utf-8"))
        except UserError as exc:
            colored(self.status, sentence(exc), ERROR)
            return False
        except OSError as exc:
            colored(self.status, self.tr("The file was not written: {0}").format(
                exc.strerror or exc), ERROR)
            return False
        colored(self.status, self.tr("Saved the sweep to {0}.").format(path), OK)
        return True

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the results"),
                                              "sweep.csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_results_to(path)

    def export_results_to(self, path: str) -> bool:
        from ...core.predict import write_csv
        from ...core.sweep import results_frame

        try:
            write_csv(results_frame(self.results, self.spec.names), path)
        except OSError as exc:
            colored(self.status, self.tr("The file was not written: {0}").format(
                exc.strerror or exc), ERROR)
            return False
        colored(self.status, self.tr("Wrote {0} rows to {1}.").format(len(self.results), path),
                OK)
        return True
