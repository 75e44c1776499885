"""Table cells the panels share."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

__all__ = ["number_item"]


def number_item(value: float, digits: int = 4) -> QTableWidgetItem:
    """A right-aligned table cell for a number; "–" for an undefined one."""
    item = QTableWidgetItem(f"{value:.{digits}f}" if math.isfinite(value) else "–")
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
