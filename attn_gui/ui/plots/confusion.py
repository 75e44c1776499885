"""The confusion matrix of the validation rows, counts written in the cells."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QWidget

from .fitted_plot import FittedPlot
from .style import freeze, theme
from .text_fit import elide

__all__ = ["ConfusionMatrixPlot"]


class ConfusionMatrixPlot(FittedPlot):
    """Heatmap of counts (rows: true class, columns: predicted class) with the count in each cell."""

    max_annotated = 30  # beyond this many classes the numbers would overlap

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        theme(self)
        item = self.getPlotItem()
        self.set_title(self.tr("Confusion (validation)"))
        item.setLabel("bottom", self.tr("predicted"))
        item.setLabel("left", self.tr("true"))
        item.vb.invertY(True)  # first class in the top-left corner, as in a printed table
        item.vb.setAspectLocked(True)
        freeze(self)
        self._cmap = pg.colormap.get("viridis")
        self._image = pg.ImageItem()
        self._image.setColorMap(self._cmap)
        item.addItem(self._image)
        self._texts: list[QGraphicsSimpleTextItem] = []
        self._matrix = np.zeros((0, 0), dtype=np.int64)
        self._names: list[str] = []
        for side in ("left", "bottom"):  # no classes yet: no numbers on the axes either
            item.getAxis(side).setTicks([[]])
        # The predicted-class names share a row of cells: pyqtgraph hides a tick label wider
        # than its cell, so they are elided to the cell's width whenever it changes, by a
        # resize or by a matrix with another number of classes.
        item.vb.sigResized.connect(self._fit_bottom_names)
        item.vb.sigXRangeChanged.connect(self._fit_bottom_names)

    @property
    def matrix(self) -> np.ndarray:
        return self._matrix.copy()

    def set_matrix(self, matrix: Sequence[Sequence[int]], classes: Sequence[str]) -> None:
        cm = np.asarray(matrix, dtype=np.int64).reshape(len(classes), len(classes))
        self._matrix = cm
        top = max(int(cm.max()) if cm.size else 0, 1)
        # ImageItem indexes [x, y]: transpose so columns are predicted and rows are true.
        self._image.setImage(cm.T.astype(np.float64), levels=(0, top))
        names = [elide(str(c)) for c in classes]
        # whole: the bottom axis elides them in the middle to its cells, keeping the ends
        self._names = [str(c) for c in classes]
        self.getAxis("left").setTicks([[(i + 0.5, name) for i, name in enumerate(names)]])
        # Sized up front: the axes otherwise grow only after a first paint has clipped
        # the names (and the left axis hides the ones it cannot fit).
        fm = QFontMetrics(self.font())
        widest = max((fm.horizontalAdvance(name) for name in names), default=0)
        self.getAxis("left").setWidth(widest + fm.height() + 14)
        self.getAxis("bottom").setHeight(2 * fm.height() + 14)
        self._write_counts(cm if len(classes) <= self.max_annotated else cm[:0, :0], top)
        k = max(len(classes), 1)
        self.setRange(xRange=(0, k), yRange=(0, k), padding=0.02)
        self._fit_bottom_names()  # the range may be unchanged: no signal then
        self.settle()  # one paint, not two (FittedPlot.settle)

    def _write_counts(self, cm: np.ndarray, top: int) -> None:
        """The count in each cell, centred, at the font's size whatever the zoom.

        Plain text items that ignore the view's scaling: a pyqtgraph TextItem per cell cost
        1.4 ms each to create (a rich-text document, a transform kept up to date), 140 ms
        for ten classes at the end of every run. The items are reused from run to run."""
        item = self.getPlotItem()
        cells = list(np.ndenumerate(cm))
        while len(self._texts) < len(cells):
            text = QGraphicsSimpleTextItem()
            text.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            item.addItem(text, ignoreBounds=True)
            self._texts.append(text)
        for text in self._texts[len(cells):]:
            text.hide()
        for text, ((i, j), count) in zip(self._texts, cells, strict=False):
            text.setText(str(count))
            # Viridis is dark at the bottom of the scale and light at the top.
            text.setBrush(QColor("#000000" if count / top > 0.6 else "#ffffff"))
            box = text.boundingRect()
            text.setTransform(QTransform.fromTranslate(-box.width() / 2, -box.height() / 2))
            text.setPos(j + 0.5, i + 0.5)
            text.show()

    def _fit_bottom_names(self) -> None:
        if not self._names:  # emptied: no class of the last run stays on the axis
            self.getAxis("bottom").setTicks([[]])
            return
        fm = QFontMetrics(self.font())
        view = self.getPlotItem().vb
        (left, right), _ = view.viewRange()
        cell = view.width() / max(right - left, 1e-9) - fm.horizontalAdvance("  ")
        fitted = [fm.elidedText(name, Qt.TextElideMode.ElideMiddle, max(int(cell), 0))
                  for name in self._names]
        self.getAxis("bottom").setTicks([[(i + 0.5, name) for i, name in enumerate(fitted)]])
