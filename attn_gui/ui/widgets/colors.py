"""The text colours that mark a message as an error, a warning or a success, the same in
every panel, and one way to show a message in them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR = "#c62828"
WARN = "#b26a00"
OK = "#2e7d32"


def colored(label: QLabel, text: str, color: str | None) -> None:
    """`text` in `label`, in `color` (None: the palette's own)."""
    label.setText(text)
    label.setStyleSheet(f"color: {color};" if color else "")
