"""The final results of a run: the best epoch's metrics, per-class scores, the confusion matrix."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.evaluation import THRESHOLD_METRICS
from ...core.runs import Run
from ...core.training import EpochReport, Trainer
from ..plots.confusion import ConfusionMatrixPlot
from ..widgets.cells import number_item, spread_item

_MIN_LABEL_WIDTH = 40  # px: a row label keeps a few letters however narrow the table

__all__ = ["TrainingResults"]


class TrainingResults(QWidget):
    """The metric tables stacked beside the confusion matrix: narrow enough to sit next to
    the other panels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics_table = _NumberTable([self.tr("Train"), self.tr("Validation")])
        self.per_class_table = _NumberTable([self.tr("Class"), self.tr("Precision"),
                                             self.tr("Recall"), self.tr("F1"), self.tr("Support")])
        self.per_class_table.verticalHeader().hide()
        # The class names take the room the numbers leave.
        self.per_class_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.confusion_plot = ConfusionMatrixPlot()

        self.metrics_box = QGroupBox(self.tr("Final metrics (best epoch)"))
        QVBoxLayout(self.metrics_box).addWidget(self.metrics_table)
        self.per_class_box = QGroupBox(self.tr("Per class (validation)"))
        QVBoxLayout(self.per_class_box).addWidget(self.per_class_table)

        tables = QVBoxLayout()
        tables.addWidget(self.metrics_box, 3)
        tables.addWidget(self.per_class_box, 2)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(tables, 1)
        row.addWidget(self.confusion_plot, 1)

    def clear(self) -> None:
        self.metrics_table.setRowCount(0)
        self.per_class_table.setRowCount(0)
        if self.confusion_plot.matrix.size:  # an empty plot is not redrawn (a run's start)
            self.confusion_plot.set_matrix([], [])

    def set_task(self, task: str) -> None:
        """A regression has no classes to count: no per-class table, no confusion matrix."""
        classification = task != "regression"
        self.per_class_box.setVisible(classification)
        self.confusion_plot.setVisible(classification)

    def show_final(self, final: EpochReport, trainer: Trainer, summary: dict | None = None,
                   runs: int = 1) -> None:
        """The kept run's metrics; for a group (`summary` from `core.repeats.summarise`),
        the mean ± sd over its `runs`, as Orange's Test & Score shows them. Per-class scores
        and the confusion matrix stay the kept run's."""
        for step in self.final_steps(final, trainer, summary, runs):
            step()

    def final_steps(self, final: EpochReport, trainer: Trainer, summary: dict | None = None,
                    runs: int = 1) -> list[Callable[[], object]]:
        """`show_final` as steps: the metrics, then the per-class table and the matrix."""
        data = trainer.data

        def metrics() -> None:
            rows = self._metric_rows(data.task, data.classes, data.positive)
            spread = None if summary is None else summary["metrics_sd"]
            if spread is not None:
                splits = [(summary["metrics"][s], spread[s]) for s in ("train", "valid")]
            else:
                splits = [(final.train, None), (final.valid, None)]
            self._fill_metrics(rows, splits, runs if spread is not None else 1)

        if data.task != "classification":
            return [metrics]
        return [metrics,
                lambda: self._show_per_class(final.valid["per_class"], data.classes),
                lambda: self.confusion_plot.set_matrix(final.valid["confusion"], data.classes)]

    def show_run(self, run: Run) -> None:
        """A saved run's metrics (means ± sd for a group) and its confusion matrix."""
        positive = None if run.model is None else run.model.positive
        rows = self._metric_rows(run.task, run.classes, positive)
        spread = None if run.group is None else run.group["metrics_sd"]
        splits = [(run.metrics.get(s, {}), None if spread is None else spread.get(s))
                  for s in ("train", "valid")]
        self._fill_metrics(rows, splits, run.runs)
        self._explain_unmeasured(run, rows)
        self.set_task(run.task)
        if run.confusion is not None:
            self.confusion_plot.set_matrix(run.confusion, run.classes)

    def _fill_metrics(self, rows: list[tuple[str, str]], splits: list, runs: int) -> None:
        if runs > 1:
            self.metrics_box.setTitle(self.tr("Final metrics (mean ± sd over {0} runs)")
                                      .format(runs))
            self.per_class_box.setTitle(self.tr("Per class (validation, first run)"))
        else:
            self.metrics_box.setTitle(self.tr("Final metrics (best epoch)"))
            self.per_class_box.setTitle(self.tr("Per class (validation)"))
        table = self.metrics_table
        table.setRowCount(len(rows))
        for r, (label, key) in enumerate(rows):
            header = QTableWidgetItem(label)
            header.setToolTip(label)  # the whole label, however narrow the header
            table.setVerticalHeaderItem(r, header)
            for c, (values, sd) in enumerate(splits):
                # an AUC is null where a split lacks a class; runs saved before a metric
                # existed lack the key
                value = values.get(key)
                table.setItem(r, c, spread_item(math.nan if value is None else value,
                                                None if sd is None else sd.get(key)))
        table.fit_row_labels()

    def _explain_unmeasured(self, run: Run, rows: list[tuple[str, str]]) -> None:
        """After Use this threshold the training rows' counts are unknown (a run keeps only
        its validation rows' predictions): say so where "–" stands."""
        train = run.metrics.get("train", {})
        note = self.tr("Not measured at threshold {0:.3f}: the run keeps only its validation "
                       "rows' predictions, so the training rows cannot be counted again."
                       ).format(run.config.threshold)
        for r, (_, key) in enumerate(rows):
            value = train.get(key)
            if key in THRESHOLD_METRICS and (value is None or not math.isfinite(value)):
                self.metrics_table.item(r, 0).setToolTip(note)

    def _metric_rows(self, task: str, classes: list[str], positive: int | None
                     ) -> list[tuple[str, str]]:
        """(label, metric key) of each row of the metrics table, for the run's task."""
        if task == "regression":
            return [(self.tr("R²"), "r2"), (self.tr("RMSE"), "rmse"), (self.tr("MAE"), "mae"),
                    (self.tr("Loss (MSE)"), "loss")]
        if len(classes) == 2 and positive is not None:
            which = self.tr("class {0}").format(classes[positive])
        elif len(classes) == 2:  # a saved run whose model is not at hand
            which = self.tr("positive class")
        else:
            which = self.tr("macro")
        rows = [(self.tr("Accuracy"), "accuracy"),
                (self.tr("Precision ({0})").format(which), "precision"),
                (self.tr("Recall ({0})").format(which), "recall"),
                (self.tr("F1 ({0})").format(which), "f1")]
        if len(classes) > 2:
            rows.append((self.tr("F1 (weighted)"), "f1_weighted"))
        rows += [(self.tr("ROC AUC"), "roc_auc"), (self.tr("Average precision"),
                                                   "average_precision"),
                 (self.tr("Brier score"), "brier"), (self.tr("Loss (cross-entropy)"), "loss")]
        return rows

    def _show_per_class(self, per_class: dict, classes: list[str]) -> None:
        table = self.per_class_table
        table.setRowCount(len(classes))
        for r, name in enumerate(classes):
            item = QTableWidgetItem(str(name))
            item.setToolTip(str(name))
            table.setItem(r, 0, item)
            for c, key in enumerate(("precision", "recall", "f1"), start=1):
                table.setItem(r, c, number_item(per_class[key][r]))
            table.setItem(r, 4, number_item(per_class["support"][r], digits=0))


class _RowLabels(QHeaderView):
    """A vertical header no wider than `limit`: the table sizes it from its size hint."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as the table's own header: a click selects the row
        self.limit = 1 << 16

    def sizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.limit), hint.height())


class _NumberTable(QTableWidget):
    """A table whose numbers and column headers are always whole: the columns size to
    their contents and the row labels get the width that is left, elided in the middle
    ("Precision (class mal…ant)") with the whole label in their tooltip."""

    def __init__(self, columns: list[str]) -> None:
        super().__init__(0, len(columns))
        self.setHorizontalHeaderLabels(columns)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows = _RowLabels(self)
        self.setVerticalHeader(rows)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # A scroll bar that comes or goes (the table got shorter) changes the room too.
        self.verticalScrollBar().rangeChanged.connect(self.fit_row_labels)

    def fit_row_labels(self) -> None:
        self.resizeColumnsToContents()
        numbers = self.horizontalHeader().length()
        scroll = self.verticalScrollBar()
        # The scroll bar's width is kept free whether or not it shows now: it comes and goes
        # as rows are added, and the numbers must stay whole either way.
        beside = 2 * self.frameWidth() + scroll.sizeHint().width()
        # Numbers are never elided: the layout must give the table at least their width.
        self.setMinimumWidth(numbers + beside + _MIN_LABEL_WIDTH)
        room = self.width() - beside - numbers
        self.verticalHeader().limit = max(room, _MIN_LABEL_WIDTH)
        self.updateGeometries()  # the header's new bound applies now, not at the next resize

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        self.fit_row_labels()
        super().resizeEvent(event)
