"""A mean curve over several runs with a band of ±1 sd around it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

__all__ = ["Band"]

_BAND_ALPHA = 50


class Band:
    """The items of one band, created once and given new data with `set`."""

    def __init__(self, item: pg.PlotItem, color: str) -> None:
        edge = QColor(color)
        edge.setAlpha(90)
        self.lower = pg.PlotCurveItem(pen=pg.mkPen(edge, width=1))
        self.upper = pg.PlotCurveItem(pen=pg.mkPen(edge, width=1))
        fill = QColor(color)
        fill.setAlpha(_BAND_ALPHA)
        self.fill = pg.FillBetweenItem(self.lower, self.upper, brush=pg.mkBrush(fill))
        self.mean = pg.PlotDataItem(pen=pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine))
        for part in (self.fill, self.lower, self.upper, self.mean):
            item.addItem(part)
        self.x = self.mean_values = self.sd = np.zeros(0)
        self.hide()

    def set(self, x: np.ndarray, mean: np.ndarray, sd: np.ndarray) -> None:
        self.x, self.mean_values, self.sd = (np.asarray(a, dtype=np.float64) for a in (x, mean, sd))
        self.lower.setData(self.x, self.mean_values - self.sd)
        self.upper.setData(self.x, self.mean_values + self.sd)
        self.mean.setData(self.x, self.mean_values)
        for part in (self.fill, self.lower, self.upper, self.mean):
            part.setVisible(len(self.x) > 0)

    def hide(self) -> None:
        self.set(np.zeros(0), np.zeros(0), np.zeros(0))

    @property
    def visible(self) -> bool:
        return self.mean.isVisible()
