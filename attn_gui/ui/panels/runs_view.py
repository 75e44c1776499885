"""Every run of the session in one table; selected runs overlaid and compared.

The runs are the session's: this view shows them, and renaming, keeping or deleting a run
goes through the session, whose `runsChanged` redraws the table. The run whose model the
project keeps (and Save Model / Predict use) is marked ★: the newest run until the user
keeps another. One click trains the same settings with attention off, so the user sees
what attention adds.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.runs import Run
from ..app.core_text import attention_mode
from ..jobs.steps import Steps
from ..plots.attention_comparison import AttentionComparison
from ..plots.curves import CurvePlot, Series
from ..plots.style import run_color
from ..widgets.cells import number_item, spread_item
from ..widgets.placeholder import Placeholder

if TYPE_CHECKING:
    from ..app.session import Session

__all__ = ["RunsView"]

_NAME, _WEIGHTING, _ATTENTION, _SCORE, _ACCURACY, _LOSS, _EPOCHS, _TIME = range(8)
_KEPT = "★ "
_PLOT_MIN_WIDTH, _PLOT_MIN_HEIGHT = 180, 150


class RunsView(QWidget):
    withoutAttentionRequested = Signal(object)  # the Run whose settings to train without attention

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("Run"), self.tr("Weighting"), self.tr("Attention"), self.tr("F1 / R²"),
            self.tr("Accuracy"), self.tr("Loss"), self.tr("Epochs"), self.tr("Time")])
        self.table.horizontalHeaderItem(_SCORE).setToolTip(self.tr(
            "Validation F1 for classification (binary: of the positive class; otherwise the "
            "macro average), R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² for regression."))
        self.table.horizontalHeaderItem(_NAME).setToolTip(self.tr(
            "Double-click a name to rename the run. ★ marks the run whose model the project "
            "keeps and Save Model and Predict use."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # a long name is elided, its tooltip has it whole
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.itemChanged.connect(self._on_item_changed)

        self.without_button = QPushButton(self.tr("Train without attention"))
        self.without_button.setToolTip(self.tr(
            "Train the selected run's settings again with attention off (every feature goes "
            "to the network unweighted), to see what attention adds, or doesn't."))
        self.without_button.clicked.connect(self._request_without)
        self.keep_button = QPushButton(self.tr("Keep this run's model"))
        self.keep_button.setToolTip(self.tr(
            "The project saves the model of one run (★); Save Model and Predict use it."))
        self.keep_button.clicked.connect(self._keep_selected)
        self.delete_button = QPushButton(self.tr("Delete run"))
        self.delete_button.clicked.connect(self._delete_selected)

        buttons = QHBoxLayout()
        for button in (self.without_button, self.keep_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addLayout(buttons)
        # Curves stacked beside the attention comparison rather than three plots in a row:
        # the monitor's column is about 500 px wide in a 1280 px window, too narrow for three.
        self._cells = [Placeholder() for _ in range(3)]
        curves = QSplitter(Qt.Orientation.Vertical)
        curves.addWidget(self._cells[0])
        curves.addWidget(self._cells[1])
        self.plots = QSplitter(Qt.Orientation.Horizontal)
        self.plots.addWidget(curves)
        self.plots.addWidget(self._cells[2])
        for cell in self._cells:
            cell.setMinimumSize(_PLOT_MIN_WIDTH, _PLOT_MIN_HEIGHT)
        for splitter in (curves, self.plots):
            splitter.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.plots)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 2)  # the plots get the height the table does not need
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._shown: tuple[object, int] = (None, 0)  # the project and run count last shown
        # The plots are built a step at a time once the table shows, and drawn only while
        # the page is seen (or asked for): drawn unseen, they froze the end of every run.
        self._steps = Steps(self)
        self._stale = True  # the plots do not show the selection yet
        self._steps.add(*self._build_steps())
        session.runsChanged.connect(self._show_runs)
        self._show_runs()

    def _build_steps(self) -> list:
        def loss() -> None:
            self._loss_plot = self._cells[0].fill(
                CurvePlot(self.tr("Validation loss"), self.tr("loss"), []))

        def score() -> None:
            self._score_plot = self._cells[1].fill(
                CurvePlot(self.tr("Validation F1 / R²"), self.tr("score"), []))

        def attention() -> None:
            self._attention_plot = self._cells[2].fill(AttentionComparison())

        cells = self._cells
        return [loss, cells[0].reveal, score, cells[1].reveal, attention, cells[2].reveal,
                self._draw_when_seen]

    # The plots File ▸ Export writes and tests read: built and drawn now if they are not.
    @property
    def loss_plot(self) -> CurvePlot:
        self._bring_up_to_date()
        return self._loss_plot

    @property
    def score_plot(self) -> CurvePlot:
        self._bring_up_to_date()
        return self._score_plot

    @property
    def attention_plot(self) -> AttentionComparison:
        self._bring_up_to_date()
        return self._attention_plot

    def _bring_up_to_date(self) -> None:
        self._steps.finish()
        if self._stale:
            for draw in self._draw_steps():
                draw()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        super().showEvent(event)
        self._draw_when_seen()

    def _draw_when_seen(self) -> None:
        if self._stale and self.isVisible() and not self._steps.pending:
            self._steps.add(*self._draw_steps())

    # -- the runs -----------------------------------------------------------------------
    @property
    def _runs(self) -> list[Run]:
        return self.session.runs

    @property
    def chosen(self) -> int | None:
        return self.session.project.chosen

    @Slot()
    def _show_runs(self) -> None:
        """The session's runs changed. A new run (or another project) is selected, with the
        run it answers; a rename, a keep or a delete keeps the selection."""
        runs, project = self._runs, self.session.project
        new = bool(runs) and (project is not self._shown[0] or len(runs) > self._shown[1])
        self._shown = (project, len(runs))
        self._fill()
        if not new:
            self._on_selection()
            return
        self.table.clearSelection()
        self.table.selectRow(len(runs) - 1)
        other = next((i for i, r in enumerate(runs) if r is self.session.compare_with), None)
        if other is not None:
            self.table.selectionModel().select(
                self.table.model().index(other, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def selected_indexes(self) -> list[int]:
        # Rows of runs the session no longer has (this view has not redrawn yet) are not.
        count = len(self._runs)
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()
                       if i.row() < count})

    def selected_runs(self) -> list[Run]:
        return [self._runs[i] for i in self.selected_indexes()]

    def current_run(self) -> Run | None:
        """The one run an action applies to: the selected one, else the kept one."""
        selected = self.selected_indexes()
        if len(selected) == 1:
            return self._runs[selected[0]]
        return self.session.project.chosen_run

    # -- table ---------------------------------------------------------------------------
    def _fill(self) -> None:
        selected = self.selected_indexes()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._runs))
        for r, run in enumerate(self._runs):
            valid = run.metrics.get("valid", {})
            # A group's means, with their spread (as Orange's Test & Score shows them).
            sd = (run.group["metrics_sd"] or {}).get("valid", {}) if run.group else {}
            name = QTableWidgetItem((_KEPT if r == self.chosen else "") + run.name)
            name.setData(Qt.ItemDataRole.UserRole, run.name)
            name.setForeground(QBrush(QColor(run_color(r))))
            name.setToolTip(self._tooltip(run))
            # An off run never applied its weighting function: listing it would mislead.
            weighting = (self.tr("none (attention off)") if run.config.attention == "off"
                         else run.config.weighting)
            cells = [name, _text(weighting), _text(attention_mode(run.config.attention)),
                     spread_item(valid.get(run.score_key, math.nan), sd.get(run.score_key)),
                     spread_item(valid.get("accuracy", math.nan), sd.get("accuracy")),
                     spread_item(valid.get("loss", math.nan), sd.get("loss")),
                     # a model file from before epochs and time were kept has neither
                     number_item(run.epochs or math.nan, 0),
                     _text(self.tr("{0:.1f} s").format(run.seconds)
                           if math.isfinite(run.seconds) else "–")]
            for c, item in enumerate(cells):
                if c != _NAME:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        for r in selected:
            if r < len(self._runs):
                self.table.selectRow(r)
        self._update_buttons()

    def _tooltip(self, run: Run) -> str:
        """The whole name; for a run opened from a model file, that file and its data."""
        if run.model_file is None:
            return run.name
        data = (self.tr("not recorded (a notebook's data frame)") if run.data_path is None
                else run.data_path)
        return self.tr("{0}\nOpened from {1}\nPredicts “{2}”; learned from: {3}").format(
            run.name, run.model_file, run.target, data)

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != _NAME:
            return
        if not self.session.rename(item.row(), item.text().removeprefix(_KEPT)):
            self._fill()  # a refused name (empty or taken) goes back to the old one

    @Slot()
    def _on_selection(self) -> None:
        self._update_buttons()
        self._stale = True
        self._draw_when_seen()

    def _draw_steps(self) -> list:
        """Drawing the selected runs' curves and attention, a plot a step; whatever the
        selection is when each step runs."""

        def compared() -> list[tuple[int, Run]]:
            indexes = self.selected_indexes() or ([len(self._runs) - 1] if self._runs else [])
            return [(i, self._runs[i]) for i in indexes]

        def curves(plot: CurvePlot, key: str | None) -> None:
            runs = compared()
            plot.set_series([Series(str(i), run.name, run_color(i)) for i, run in runs])
            for epoch in range(max((run.epochs for _, run in runs), default=0)):
                plot.append(epoch + 1, {
                    str(i): _at(run.history.get(key or f"valid_{run.score_key}", []), epoch)
                    for i, run in runs})
            plot.refresh()

        def attention() -> None:
            self._attention_plot.set_runs([(run.name, run_color(i), run.attention)
                                           for i, run in compared()
                                           if run.config.attention != "off"])
            self._stale = False

        return [lambda: curves(self._loss_plot, "valid_loss"),
                lambda: curves(self._score_plot, None), attention]

    def _update_buttons(self) -> None:
        run = self.current_run()
        one = len(self.selected_indexes()) == 1
        self.without_button.setEnabled(run is not None and run.config.attention != "off")
        self.keep_button.setEnabled(one and self.selected_indexes()[0] != self.chosen)
        self.delete_button.setEnabled(bool(self.selected_indexes()))

    @Slot()
    def _request_without(self) -> None:
        run = self.current_run()
        if run is not None:
            self.withoutAttentionRequested.emit(run)

    @Slot()
    def _keep_selected(self) -> None:
        selected = self.selected_indexes()
        if len(selected) == 1:
            self.session.keep(selected[0])

    @Slot()
    def _delete_selected(self) -> None:
        doomed = set(self.selected_indexes())
        self.table.clearSelection()
        self.session.delete(doomed)


def _at(curve: list[float], epoch: int) -> float:
    return curve[epoch] if epoch < len(curve) else math.nan


def _text(value: str) -> QTableWidgetItem:
    return QTableWidgetItem(str(value))

