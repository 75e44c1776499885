"""Per-row explanation: the attention every validation row gives each feature.

With per-row attention each row gets weights of its own, α(x) = weighting(W·x + b); the
heatmap shows them for all validation rows, and picking a row lists its weights next to
the values the file holds for it. Global attention gives every row the same weights
(the monitor's attention plot), so there is nothing per row to show.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dataset import Dataset, TargetInfo, prepare
from ...core.io import Table
from ...core.runs import Run
from ..app.core_text import attention_mode, translated
from ..jobs.loader import BackgroundTask
from ..plots.heatmap import RowHeatmap
from ..widgets.cells import number_item
from ..widgets.colors import ERROR, OK, colored

__all__ = ["ExplainView", "RowAttention", "RowOutcome"]



class RowAttention:
    """Validation rows' attention, the model's output for them and their true target, and
    where to find each row's values in the table."""

    def __init__(self, run_name: str, features: list[str], alpha: np.ndarray,
                 rows: np.ndarray, table: Table, outcome: RowOutcome):
        self.run_name, self.features, self.alpha = run_name, features, alpha
        self.rows, self.table, self.outcome = rows, table, outcome

    @classmethod
    def from_data(cls, run: Run, data: Dataset, table: Table) -> RowAttention:
        net = run.model.model
        alpha = net.attention_batches(data.X_valid).astype(np.float64)
        outcome = RowOutcome(data.target_info, net.predict_batches(data.X_valid), data.y_valid)
        return cls(run.name, list(data.features), alpha, data.valid_rows, table, outcome)

    def values(self, row: int) -> list[object]:
        """The file's values of validation row `row` for each feature."""
        frame = self.table.frame
        return [frame[f].iat[int(self.rows[row])] for f in self.features]


class RowOutcome:
    """What the model predicted for each validation row, and the row's true target."""

    def __init__(self, info: TargetInfo, outputs: np.ndarray, y: np.ndarray):
        self.info, self.outputs, self.y = info, outputs, y

    @property
    def classifies(self) -> bool:
        return self.info.task == "classification"

    def predicted(self, row: int) -> str:
        """The predicted class, or the predicted value in the target's own units."""
        if self.classifies:
            return self.info.classes[int(np.argmax(self.outputs[row]))]
        return _value_text(float(self.outputs[row]) * self.info.std + self.info.mean)

    def probability(self, row: int) -> float:
        """The model's probability of its predicted class (classification only)."""
        return float(np.max(self.outputs[row]))

    def truth(self, row: int) -> str:
        if self.classifies:
            return self.info.classes[int(self.y[row])]
        return _value_text(float(self.y[row]) * self.info.std + self.info.mean)

    def correct(self, row: int) -> bool | None:
        """Whether the predicted class is the true one; None for a predicted number."""
        return self.predicted(row) == self.truth(row) if self.classifies else None


class ExplainView(QWidget):
    rowPicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: RowAttention | None = None
        self._task = BackgroundTask(self)
        self._task.loaded.connect(self._show)
        self._task.failed.connect(self._failed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.heatmap = RowHeatmap()
        self.heatmap.scene().sigMouseClicked.connect(self._on_click)
        self.row_spin = QSpinBox()
        self.row_spin.setToolTip(self.tr("A validation row, numbered as in the heatmap; "
                                         "click the heatmap to pick one."))
        self.row_spin.valueChanged.connect(self.show_row)
        self.file_row_label = QLabel()
        self.file_row_label.setWordWrap(True)  # leaves the width to the heatmap
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Feature"), self.tr("Value"),
                                              self.tr("Weight")])
        self.table.horizontalHeaderItem(2).setToolTip(self.tr(
            "α for this row: the weights sum to 1 over the features; a larger weight means "
            "the network used this feature more for this row."))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # The names get what the numbers leave: a weight is never elided, a long name has
        # its tooltip.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Validation row")))
        picker.addWidget(self.row_spin)
        picker.addStretch(1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addLayout(picker)
        side_layout.addWidget(self.file_row_label)  # its own line: the side column is narrow
        side_layout.addWidget(self.outcome_label)
        side_layout.addWidget(self.table)
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.heatmap)
        self.body.addWidget(side)
        self.body.setSizes([550, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)
        self.clear(self.tr("Train a run with per-row attention to see each row's weights."))

    def clear(self, message: str) -> None:
        self._task.cancel()
        self._source = None
        self.message.setText(message)
        self.body.setEnabled(False)
        self.heatmap.set_alpha(np.zeros((0, 0)), [])
        self.table.setRowCount(0)
        self.row_spin.setRange(0, 0)
        # The last run's row would otherwise stay, read as this run's.
        self.file_row_label.clear()
        colored(self.outcome_label, "", None)

    def explain(self, run: Run | None, table: Table | None, data: Dataset | None = None) -> None:
        """Show `run`'s per-row attention; its data prepared again off the GUI thread unless
        the run's own `data` is at hand."""
        if run is None or run.model is None or table is None:
            self.clear(self.tr("Train a run with per-row attention to see each row's weights."))
        elif run.config.attention != "row":
            self.clear(self.tr("Run “{0}” uses {1} attention: every row gets the same weights, "
                               "shown in the attention plot. Train with per-row attention to "
                               "see weights per row.").format(run.name,
                                                            attention_mode(run.config.attention)))
        elif run.model_file is not None and not _learned_from(run, table):
            # its rows would go through a preprocessing fitted again on other data
            self.clear(self.tr("“{0}” was opened from a model file that learned from other "
                               "data than the loaded table, so its rows are not explained "
                               "here; Predict on a Table scores this table with it.").format(
                                   run.name))
        elif data is not None:
            self._show(RowAttention.from_data(run, data, table))
        else:
            self.clear(self.tr("Preparing the validation rows of “{0}”…").format(run.name))
            self._task.run(lambda _progress, _stop: RowAttention.from_data(
                run, prepare(table, run.config), table))

    @property
    def source(self) -> RowAttention | None:
        return self._source

    @Slot(object)
    def _show(self, source: RowAttention) -> None:
        self._source = source
        n = len(source.alpha)
        self.message.setText(self.tr("Run “{0}”: attention of {1} validation rows over {2} "
                                     "features.").format(source.run_name, n,
                                                         len(source.features)))
        self.body.setEnabled(True)
        self.heatmap.set_alpha(source.alpha, source.features)
        self.row_spin.blockSignals(True)
        self.row_spin.setRange(1, max(n, 1))
        self.row_spin.setValue(1)
        self.row_spin.blockSignals(False)
        self.show_row(1)

    @Slot(object)
    def _failed(self, error: object) -> None:
        self.clear(self.tr("The validation rows could not be prepared: {0}").format(
            translated(error)))

    @Slot(int)
    def show_row(self, number: int) -> None:
        """Show validation row `number` (1-based, as in the spin box)."""
        source = self._source
        if source is None or not 1 <= number <= len(source.alpha):
            return
        if self.row_spin.value() != number:
            self.row_spin.setValue(number)  # comes back here through valueChanged
            return
        row = number - 1
        weights = source.alpha[row]
        order = np.argsort(-weights, kind="stable")
        values = source.values(row)
        self.table.setRowCount(len(order))
        for r, j in enumerate(order):
            name = QTableWidgetItem(source.features[j])
            name.setToolTip(source.features[j])  # the column may be too narrow for it
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QTableWidgetItem(_value_text(values[j])))
            self.table.setItem(r, 2, number_item(float(weights[j])))
        self.file_row_label.setText(self.tr("(data row {0} of the file)").format(
            int(source.rows[row]) + 1))
        self._show_outcome(source.outcome, row)
        self.heatmap.mark_row(row)
        self.rowPicked.emit(row)

    def _show_outcome(self, outcome: RowOutcome, row: int) -> None:
        if not outcome.classifies:
            colored(self.outcome_label, self.tr("Predicted {0}; true value {1}").format(
                outcome.predicted(row), outcome.truth(row)), None)
            return
        values = (outcome.predicted(row), f"{outcome.probability(row):.3f}", outcome.truth(row))
        # The colour says at a glance whether the weights shown led to the right class.
        if outcome.correct(row):
            text = self.tr("Predicted {0} with probability {1}; true label {2}: right")
            colored(self.outcome_label, text.format(*values), OK)
        else:
            text = self.tr("Predicted {0} with probability {1}; true label {2}: wrong")
            colored(self.outcome_label, text.format(*values), ERROR)

    @Slot(object)
    def _on_click(self, event) -> None:
        row = self.heatmap.row_at(QPointF(event.scenePos()))
        if row is not None:
            self.show_row(row + 1)

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        return self._task.shutdown(timeout_ms)


def _learned_from(run: Run, table: Table) -> bool:
    """Whether the run learned from the loaded file and sheet."""
    return (run.data_path, run.data_sheet) == (str(Path(table.path).resolve()), table.sheet)


def _value_text(value: object) -> str:
    if pd.isna(value):
        return "–"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)
