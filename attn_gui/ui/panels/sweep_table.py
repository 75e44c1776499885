"""A sweep's runs as a table model: one row per finished run, sortable by any column.

Numbers sort as numbers (`SORT_ROLE`); a run without a score (it failed) sorts as the
lowest score. The metric's cell carries the colour of the run's
line in the parallel-coordinates plot, so a row and its line are found in each other.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ...core.sweep import SweepResult, shown_value
from ..app.core_text import sentence
from ..widgets.table_model import format_number

__all__ = ["SORT_ROLE", "SweepTableModel"]

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class SweepTableModel(QAbstractTableModel):
    """Columns: the run's number, the metric (beside it, in view however many settings
    follow), each swept setting, epochs, best epoch, seconds and how the run ended."""

    metric_column = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: list[SweepResult] = []
        self.names: list[str] = []
        self._headers: list[str] = []
        self.colors: dict[int, QColor] = {}
        self.best: int | None = None  # the best run's number, shown in bold

    def reset(self, names: list[str], setting_titles: list[str], metric_title: str) -> None:
        self.beginResetModel()
        self.results, self.names, self.colors, self.best = [], list(names), {}, None
        self._headers = [self.tr("Run"), metric_title, *setting_titles, self.tr("Epochs"),
                         self.tr("Best epoch"), self.tr("Seconds"), self.tr("Status")]
        self.endResetModel()

    def setting_column(self, name: str) -> int:
        return 2 + self.names.index(name)

    def add(self, results: list[SweepResult]) -> None:
        row = len(self.results)
        self.beginInsertRows(QModelIndex(), row, row + len(results) - 1)
        self.results.extend(results)
        self.endInsertRows()

    def set_colors(self, colors: dict[int, QColor], best: int | None) -> None:
        self.colors, self.best = colors, best
        if self.results:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.results) - 1, len(self._headers) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result, column = self.results[index.row()], index.column()
        value = self._value(result, column)
        if role == SORT_ROLE:
            if isinstance(value, float) and math.isnan(value):
                return -math.inf  # below every score when sorted by it
            return value if isinstance(value, int | float) else str(value)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(result, column, value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return _RIGHT
        if role == Qt.ItemDataRole.DecorationRole and column == self.metric_column:
            return self.colors.get(result.index)
        if role == Qt.ItemDataRole.FontRole and result.index == self.best:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and result.error is not None:
            return sentence(result.error)
        return None

    def _value(self, result: SweepResult, column: int) -> Any:
        if column == 0:
            return result.index
        if column == self.metric_column:
            return result.score
        if column < 2 + len(self.names):
            return result.settings.get(self.names[column - 2])
        return (result.epochs, result.best_epoch, result.seconds,
                result.stop_reason)[column - 2 - len(self.names)]

    def _text(self, result: SweepResult, column: int, value: Any) -> str:
        if column == self.metric_column:
            return "—" if math.isnan(value) else f"{value:.4f}"
        if column == len(self._headers) - 2:
            return f"{value:.2f}"
        if column == len(self._headers) - 1:
            return self.status_text(value)
        if isinstance(value, list) and not value:
            return self.tr("none")
        if isinstance(value, float):
            return format_number(value)
        return shown_value(value)

    def status_text(self, reason: str) -> str:
        return {"finished": self.tr("finished"), "early_stopping": self.tr("early stopping"),
                "stopped": self.tr("stopped"), "failed": self.tr("failed")}.get(reason, reason)
