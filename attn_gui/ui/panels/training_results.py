"""The final results of a run: the best epoch's metrics, per-class scores, the confusion matrix."""

from __future__ import annotations

import math

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

from ...core.training import EpochReport, Trainer
from ..plots.confusion import ConfusionMatrixPlot
from ..widgets.cells import number_item

__all__ = ["TrainingResults"]


class TrainingResults(QWidget):
    """The metric tables stacked beside the confusion matrix: narrow enough to sit next to
    the other panels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics_table = _table([self.tr("Train"), self.tr("Validation")])
        self.metrics_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_class_table = _table([self.tr("Class"), self.tr("Precision"), self.tr("Recall"),
                                       self.tr("F1"), self.tr("Support")])
        self.per_class_table.verticalHeader().hide()
        header = self.per_class_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
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
        self.confusion_plot.set_matrix([], [])

    def set_task(self, task: str) -> None:
        """A regression has no classes to count: no per-class table, no confusion matrix."""
        classification = task != "regression"
        self.per_class_box.setVisible(classification)
        self.confusion_plot.setVisible(classification)

    def show_final(self, final: EpochReport, trainer: Trainer) -> None:
        data = trainer.data
        rows = self._metric_rows(trainer)
        table = self.metrics_table
        table.setRowCount(len(rows))
        table.setVerticalHeaderLabels([label for label, _ in rows])
        for r, (_, key) in enumerate(rows):
            for c, split in enumerate((final.train, final.valid)):
                table.setItem(r, c, number_item(split.get(key, math.nan)))
        if data.task == "classification":
            self.confusion_plot.set_matrix(final.valid["confusion"], data.classes)
            self._show_per_class(final.valid["per_class"], data.classes)

    def _metric_rows(self, trainer: Trainer) -> list[tuple[str, str]]:
        """(label, metric key) of each row of the metrics table, for the run's task."""
        data = trainer.data
        if data.task == "regression":
            return [(self.tr("R²"), "r2"), (self.tr("RMSE"), "rmse"), (self.tr("MAE"), "mae"),
                    (self.tr("Loss (MSE)"), "loss")]
        if len(data.classes) == 2 and data.positive is not None:
            which = self.tr("class {0}").format(data.classes[data.positive])
        else:
            which = self.tr("macro")
        rows = [(self.tr("Accuracy"), "accuracy"),
                (self.tr("Precision ({0})").format(which), "precision"),
                (self.tr("Recall ({0})").format(which), "recall"),
                (self.tr("F1 ({0})").format(which), "f1")]
        if len(data.classes) > 2:
            rows.append((self.tr("F1 (weighted)"), "f1_weighted"))
        rows.append((self.tr("Loss (cross-entropy)"), "loss"))
        return rows

    def _show_per_class(self, per_class: dict, classes: list[str]) -> None:
        table = self.per_class_table
        table.setRowCount(len(classes))
        for r, name in enumerate(classes):
            table.setItem(r, 0, QTableWidgetItem(str(name)))
            for c, key in enumerate(("precision", "recall", "f1"), start=1):
                table.setItem(r, c, number_item(per_class[key][r]))
            table.setItem(r, 4, number_item(per_class["support"][r], digits=0))


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table
