"""A read-only Qt model over a DataFrame that formats cells only when the view asks.

The frame is never copied: one array per column is taken once (a view for the float64 and
object columns `read_table` produces, the pandas array itself for other columns), and
`data()` indexes it on demand, so a million-row file costs no more than the rows on screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...core.io import ColumnInfo

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FrameModel", "format_number"]

_MISSING_BACKGROUND = QColor(232, 232, 232)
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
# A view asks for about ten roles per cell when it sizes columns; these four are all we
# answer, so every other role returns before touching the data.
_ANSWERED = frozenset((_DISPLAY, _BACKGROUND, _TOOLTIP, _ALIGNMENT))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def format_number(value: float) -> str:
    """Whole numbers without ".0"; others with up to ten significant digits, enough for
    what a CSV holds while hiding float noise such as 0.30000000000000004."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


class FrameModel(QAbstractTableModel):
    """Cells of `frame` as text; missing values are empty grey cells."""

    def __init__(
        self,
        frame: pd.DataFrame,
        columns: Iterable[ColumnInfo] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._frame = frame
        self._rows = len(frame)
        self._names = [str(name) for name in frame.columns]
        self._arrays = [_cells(frame.iloc[:, i]) for i in range(frame.shape[1])]
        self._numeric = [a.dtype.kind in "fiub" for a in self._arrays]
        # what a pandas array answers for a missing cell (pd.NA for its nullable types)
        self._na = [getattr(a.dtype, "na_value", None) for a in self._arrays]
        self._infos = {info.name: info for info in columns}

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def column_array(self, column: int) -> Any:
        """The array `data()` reads for a column (the frame's own data, not a copy)."""
        return self._arrays[column]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._arrays)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        column = index.column()
        if role == _ALIGNMENT:
            return _RIGHT if self._numeric[column] else None
        value = self._arrays[column][index.row()]
        missing = value is None or value is self._na[column] or (isinstance(value, float) and math.isnan(value)) or (
            isinstance(value, np.datetime64) and np.isnat(value))
        if role == _DISPLAY:
            if missing:
                return ""
            if isinstance(value, np.datetime64):
                return _date_text(value)
            return format_number(float(value)) if self._numeric[column] else str(value)
        if role == _BACKGROUND:
            return _MISSING_BACKGROUND if missing else None
        return self.tr("missing value") if missing else None  # the tooltip

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            # 1-based like a spreadsheet, so "row 12" means the same to the user as to Excel.
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self._names):
            return None
        name = self._names[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tooltip(name)
        return None

    def _header_tooltip(self, name: str) -> str:
        info = self._infos.get(name)
        if info is None:
            return name
        text = self.tr("{name}\nkind: {kind}\nmissing: {missing:,} of {rows:,}\n{summary}").format(
            name=name, kind=info.kind, missing=info.missing, rows=len(self._frame),
            summary=info.summary,
        )
        if info.excluded:
            text += "\n" + self.tr("left out by default: {reason}").format(reason=info.excluded)
        return text


def _cells(column: pd.Series) -> Any:
    """The frame's NumPy data where it has it; otherwise its pandas array, read a cell at a
    time: `to_numpy()` would copy a pyarrow-backed text column (pandas 3's `str` when pyarrow
    is installed) or a categorical whole, 8 bytes a row."""
    return column.to_numpy() if isinstance(column.dtype, np.dtype) else column.array


def _date_text(value: np.datetime64) -> str:
    """`2024-03-01`, or `2024-03-01 14:30:00` when the value has a time of day."""
    text = str(value.astype("datetime64[s]")).replace("T", " ")
    return text[:10] if text.endswith(" 00:00:00") else text
