"""The base of every plot: a title elided to the room the plot has."""

from __future__ import annotations

from html import escape

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ViewBox.ViewBoxMenu import ViewBoxMenu
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QGraphicsTextItem, QWidget

from ..jobs.paint_budget import ForegroundPaint
from .text_fit import TEXT_MARGIN, first_that_fits

__all__ = ["FittedPlot"]

_TITLE_POINTS = 11  # pyqtgraph's title size


class _LazyMenuViewBox(pg.ViewBox):
    """A view box whose right-click menu is built when first asked for, not with the plot.

    pyqtgraph's ViewBoxMenu (two forms of axis controls) is 15% of building a plot, and
    most of ours disable the menu (`style.freeze`) right after building it.
    """

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.setMenuEnabled(True)

    def _applyMenuEnabled(self) -> None:  # noqa: N802  (pyqtgraph's name; builds it there)
        if not self.menuEnabled() and self.menu is not None:
            self.menu.setParent(None)
            self.menu = None

    def getMenu(self, ev) -> ViewBoxMenu | None:  # noqa: N802  (pyqtgraph's name)
        if self.menu is None and self.menuEnabled():
            self.menu = ViewBoxMenu(self)
            self.updateViewLists()
        return self.menu

    def getContextMenus(self, event) -> list:  # noqa: N802  (pyqtgraph's name)
        menu = self.getMenu(event)
        return menu.actions() if menu is not None else []


class FittedPlot(ForegroundPaint, pg.PlotWidget):
    """A plot whose title is elided to the room it has.

    pyqtgraph gives a title label its text's full width as minimum width: a title longer
    than a narrow plot (a long translation, "top 8 of 12") widened the plot item past
    the widget, which then cut off the right side of the axes, bars and labels.
    """

    _titles: tuple[str, ...] = ("",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, viewBox=_LazyMenuViewBox())
        # The room changes with the axes too: one widens when it first paints its ticks.
        self.getPlotItem().vb.sigResized.connect(self._refit_title)
        # In the view's own pixels, not its data range: it stays centred whatever is drawn.
        self._note = QGraphicsTextItem(self.getPlotItem().vb)
        self._note.setDefaultTextColor(self.palette().color(QPalette.ColorRole.Text))
        option = self._note.document().defaultTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._note.document().setDefaultTextOption(option)
        self._note.hide()
        self.getPlotItem().vb.sigResized.connect(self._place_note)

    def set_note(self, text: str) -> None:
        """A sentence across the middle of the view instead of data; "" removes it."""
        if text == self.note:
            return  # unchanged: no repaint
        self._note.setPlainText(text)
        self._note.setVisible(bool(text))
        self._place_note()

    @property
    def note(self) -> str:
        return self._note.toPlainText() if self._note.isVisible() else ""

    def _place_note(self) -> None:
        view = self.getPlotItem().vb.boundingRect()
        self._note.setTextWidth(max(view.width() - 2 * TEXT_MARGIN, 40.0))
        note = self._note.boundingRect()
        self._note.setPos(view.center().x() - note.width() / 2,
                          view.center().y() - note.height() / 2)

    def settle(self) -> None:
        """Apply a change of data to the view's range and transform now, not in the paint.

        pyqtgraph defers both to the start of the next paint, where the transform changing
        schedules a second paint of the whole plot: every update of a plot whose range
        moved was painted twice (counted with an event filter), and once after this."""
        view = self.getPlotItem().vb
        view.updateAutoRange()
        view.updateMatrix()

    def set_title(self, text: str, *shorter: str) -> None:
        """Show `text`, else the first of the `shorter` forms that fits, else the shortest
        elided."""
        self._titles = (text, *shorter)
        self._refit_title()

    def _refit_title(self) -> None:
        if self._fit_title():
            # The view sizes its plot item only when the view itself is resized: a plot item
            # that a longer title widened stays wide unless told the view's size again.
            pg.PlotWidget.resizeEvent(self, None)

    @property
    def title(self) -> str:
        """The full title, however much of it the plot's width shows."""
        return self._titles[0]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        self._fit_title()  # first: the plot item is laid out to the new size below
        super().resizeEvent(event)

    def _fit_title(self) -> bool:
        """Show as much of the title as fits; True if the shown text changed."""
        item = self.getPlotItem()
        if item is None:  # pyqtgraph resizes the view before the plot item exists
            return False
        # The title sits above the view box: its room is the width minus the axes' columns
        # (as wide as they are about to be: an axis widens before the layout follows).
        left, _, right, _ = item.layout.getContentsMargins()
        beside = left + right + sum(
            max(axis.geometry().width(), axis.minimumWidth())
            for axis in (item.getAxis("left"), item.getAxis("right")) if axis.isVisible())
        room = max(self.width() - beside - TEXT_MARGIN, 0)
        font = QFont(self.font())
        font.setPointSizeF(_TITLE_POINTS)
        shown = first_that_fits(self._titles, font, room)
        if escape(shown) == item.titleLabel.text:
            return False
        # The active colour: a disabled plot (no data yet) keeps a readable title.
        color = self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        item.setTitle(escape(shown), color=color)
        return True
