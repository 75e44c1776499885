"""The attention weight of every validation row for every feature, as a heatmap."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from .fitted_plot import FittedPlot
from .style import theme
from .text_fit import TEXT_MARGIN, first_that_fits

__all__ = ["RowHeatmap"]


class RowHeatmap(FittedPlot):
    """Attention weight of every validation row (y) for every feature (x); click picks a row.

    pyqtgraph cannot rotate tick labels, so when the names do not fit side by side the
    axis names every k-th column, each name elided to the room k columns give it, and
    pointing at a cell tells its feature, row and weight.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        theme(self)
        item = self.getPlotItem()
        self.set_title(self.tr("Attention per validation row"), self.tr("Attention per row"))
        item.setLabel("left", self.tr("validation row"))
        item.vb.invertY(True)
        self.setMenuEnabled(False)
        self._image = pg.ImageItem(axisOrder="row-major")
        item.addItem(self._image)
        # Below the feature axis, not beside the view: the title and the column names are
        # fitted to the view's width, which a vertical bar would take from.
        self.colorbar = pg.ColorBarItem(
            values=(0.0, 1.0), colorMap=pg.colormap.get("viridis"), width=12,
            label=self.tr("weight α"), interactive=False, orientation="horizontal",
            colorMapMenu=False)
        self.colorbar.setImageItem(self._image, insert_in=item)
        self.colorbar.axis.enableAutoSIPrefix(False)  # "0.2", not "200 (x0.001)": weights
        self._marker = pg.InfiniteLine(angle=0, movable=False,
                                       pen=pg.mkPen("#d62728", width=2))
        self._marker.hide()
        item.addItem(self._marker, ignoreBounds=True)
        self.alpha = np.zeros((0, 0))
        self.features: list[str] = []
        self.named_every = 1  # every k-th column has its name on the axis
        item.vb.sigResized.connect(self._name_columns)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

    def set_alpha(self, alpha: np.ndarray, features: Sequence[str]) -> None:
        self.alpha = alpha
        self.features = list(features)
        levels = (0.0, (float(alpha.max()) if alpha.size else 0.0) or 1.0)
        self._image.setImage(alpha, levels=levels, autoDownsample=True)
        self.colorbar.setLevels(levels)
        self._image.setToolTip("")
        self._name_columns()
        self.setRange(xRange=(0, max(len(features), 1)), yRange=(0, max(len(alpha), 1)),
                      padding=0)
        self.settle()  # one paint, not two (FittedPlot.settle)

    def _name_columns(self) -> None:
        n = len(self.features)
        axis = self.getAxis("bottom")
        metrics = QFontMetrics(axis.font())
        gap = metrics.horizontalAdvance("  ")
        view = self.getPlotItem().vb.width()
        if view <= 0:  # not laid out yet
            view = self.width()
        column = view / max(n, 1)
        widest = max((metrics.horizontalAdvance(f) for f in self.features), default=0) + gap
        # Worth a column's name: its full text, or at least a few letters of it.
        wanted = min(widest, metrics.horizontalAdvance("mmmm…") + gap)
        self.named_every = max(1, math.ceil(wanted / column)) if column > 0 else max(n, 1)
        # A name may reach into the empty corner under the left axis, not past the plot's
        # right edge; the axis hides a label that sticks out further than it allows.
        overhang = int(self.getAxis("left").width())
        axis.setStyle(hideOverlappingLabels=overhang)
        ticks = []
        for i in range(0, n, self.named_every):
            centre = (i + 0.5) * column
            room = min(self.named_every * column - gap, 2 * (centre + overhang),
                       2 * (view - centre)) - TEXT_MARGIN / 2
            # Elided in the middle: column names often differ only at the end (sensor_01…).
            ticks.append((i + 0.5, metrics.elidedText(self.features[i],
                                                      Qt.TextElideMode.ElideMiddle,
                                                      max(int(room), 0))))
        axis.setTicks([ticks])
        named_all = self.named_every == 1 and widest <= column
        labels = ([self.tr("feature")] if named_all else
                  [self.tr("feature (point at a column for its name)"),
                   self.tr("feature (hover for names)"), self.tr("feature")])
        self.getPlotItem().setLabel("bottom", first_that_fits(labels, axis.label.font(), view))

    def mark_row(self, row: int) -> None:
        self._marker.setPos(row + 0.5)
        self._marker.setVisible(bool(len(self.alpha)))

    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """The (validation row, feature) under a scene position, or None outside the image."""
        vb = self.getPlotItem().vb
        if not len(self.alpha) or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        row, column = math.floor(point.y()), math.floor(point.x())
        if 0 <= row < self.alpha.shape[0] and 0 <= column < self.alpha.shape[1]:
            return row, column
        return None

    def row_at(self, scene_pos: QPointF) -> int | None:
        """The validation row under a scene position, or None outside the image."""
        cell = self.cell_at(scene_pos)
        return None if cell is None else cell[0]

    def _on_mouse_moved(self, pos: QPointF) -> None:
        cell = self.cell_at(pos)
        if cell is None:
            self._image.setToolTip("")
            return
        row, column = cell
        self._image.setToolTip(self.tr("{0}\nvalidation row {1}: weight {2}").format(
            self.features[column], row + 1, f"{self.alpha[row, column]:.4f}"))
