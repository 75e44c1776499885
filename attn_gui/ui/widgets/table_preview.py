"""The loaded table itself, in a view that stays quick on a million rows and 200 columns."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from ...core.io import Table
from .table_model import FrameModel

__all__ = ["TablePreview"]

_MEASURED_ROWS = 30
# Per turn of the event loop: a column's width costs a fraction of a millisecond, and a
# 200-column file must not freeze the window while they are measured.
_SIZED_PER_TURN = 15


class TablePreview(QTableView):
    """A `FrameModel` over the loaded frame (never copied), columns sized a batch a turn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(False)
        # No alternating row colours: grey is how a missing cell is shown.
        self.horizontalHeader().setDefaultSectionSize(90)
        self.horizontalHeader().setMaximumSectionSize(240)
        rows = self.verticalHeader()
        # Fixed heights let the view place a million rows without measuring any of them.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        # Column widths are measured on the first rows only, not on the default 1000 (Qt 6
        # reads this from the horizontal header when sizing columns).
        self.horizontalHeader().setResizeContentsPrecision(_MEASURED_ROWS)
        self._model: FrameModel | None = None
        self._unsized: list[int] = []  # columns not yet sized to their contents
        self._sizing_timer = QTimer(self)
        self._sizing_timer.setSingleShot(True)
        self._sizing_timer.setInterval(0)
        self._sizing_timer.timeout.connect(self._size_columns)

    def show_table(self, table: Table) -> None:
        old = self._model
        self._model = FrameModel(table.frame, table.columns, self)
        self.setModel(self._model)
        if old is not None:
            old.deleteLater()
        self._unsized = list(range(self._model.columnCount()))
        self._size_columns()

    def _size_columns(self) -> None:
        """Fit a batch of columns to their first rows; the rest on later turns."""
        batch, self._unsized = self._unsized[:_SIZED_PER_TURN], self._unsized[_SIZED_PER_TURN:]
        for column in batch:
            self.resizeColumnToContents(column)
        if self._unsized:
            self._sizing_timer.start()
