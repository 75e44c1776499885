"""Combo boxes sized by a short text instead of their longest item, and entries with tips.

A combo box asks for the width of its longest entry ("global: one weight per feature"),
which sets the minimum width of the whole column it sits in; at 1280 px that pushed the
panels into scroll bars. Sized by a few characters, the combo takes what room there is
and its popup still shows every entry in full.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox


def compact(*combos: QComboBox, chars: int = 8) -> None:
    for combo in combos:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)


def add_item(combo: QComboBox, text: str, value: str, tip: str) -> None:
    """An entry with its own tooltip, shown when the popup points at it."""
    combo.addItem(text, value)
    combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
