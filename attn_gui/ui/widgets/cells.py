"""Table cells the panels share."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

__all__ = ["number_item", "spread_item"]


def number_item(value: float, digits: int = 4) -> QTableWidgetItem:
    """A right-aligned table cell for a number; "–" for an undefined one."""
    item = QTableWidgetItem(f"{value:.{digits}f}" if math.isfinite(value) else "–")
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def spread_item(value: float, sd: float | None, digits: int = 4) -> QTableWidgetItem:
    """A number, or a mean ± sd over several runs (one digit less, to stay narrow)."""
    if sd is None or not math.isfinite(value):
        return number_item(value, digits)
    item = number_item(value, digits - 1)
    item.setText(f"{value:.{digits - 1}f} ± {sd:.{digits - 1}f}")
    return item
