"""A place in a layout for a part of a page that is built later, a turn of the event loop at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

__all__ = ["Placeholder"]


class Placeholder(QWidget):
    """Sized by its layout's stretch alone: the part that fills it later does not make the
    layout move (and repaint) its neighbours, only the part itself is painted anew.

    `fill(widget)` puts the part in hidden: built in one turn and shown (`reveal()`) in the
    next, its construction and its first paint do not add up to one long freeze.
    """

    def __init__(self) -> None:
        super().__init__()
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def fill(self, widget: QWidget) -> QWidget:
        widget.hide()  # shown by the layout, it would be painted in this same turn
        self.layout().addWidget(widget)
        return widget

    def reveal(self) -> None:
        item = self.layout().itemAt(0)
        if item is not None:
            item.widget().show()
