"""Several runs' curves or point clouds on one pair of axes, each run in its colour: ROC,
precision–recall, calibration, predicted against actual, residuals.

The lines are replaced as a whole when the runs shown change; markers (the decision
threshold and the threshold of least cost) move on their own, as a slider drags them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .curves import legend_above, legend_width
from .fitted_plot import FittedPlot
from .style import freeze, theme

__all__ = ["Line", "Marker", "OverlayPlot", "thinned"]

_LEGEND_SIZE = "8pt"
_POINT_ALPHA = 110  # a cloud of thousands of points: overlaps show as darker
# A curve in [0, 1]² is drawn on a grid this fine: finer than any plot's pixels.
_GRID = 2048


@dataclass(frozen=True)
class Line:
    label: str
    x: np.ndarray
    y: np.ndarray
    color: str
    style: Qt.PenStyle = Qt.PenStyle.SolidLine
    kind: str = "line"  # "line"; "points": a line with a marker at each point; "cloud"


@dataclass(frozen=True)
class Marker:
    label: str
    x: float
    y: float
    color: str
    symbol: str = "o"  # pyqtgraph's symbols: "o", "star", "d", …


class OverlayPlot(FittedPlot):
    """Lines of several runs; `unit` fixes both axes to [0, 1]; `reference` draws the line
    y = x ("diagonal") or y = 0 ("zero") under them."""

    def __init__(self, title: str, x_label: str, y_label: str, unit: bool = False,
                 reference: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._fg = theme(self)
        item = self.getPlotItem()
        self.set_title(title)
        item.setLabel("bottom", x_label)
        item.setLabel("left", y_label)
        item.showGrid(x=True, y=True, alpha=0.2)
        self._unit = unit
        if unit:
            freeze(self)
            self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0.02)
        self._legend = legend_above(item, self._fg)
        self._legend.opts["labelTextSize"] = _LEGEND_SIZE  # four plots share a narrow column
        item.vb.sigResized.connect(self._fit_legend)
        ref_pen = pg.mkPen(self._fg, width=1, style=Qt.PenStyle.DotLine)
        self._reference = reference
        self._ref_item: pg.GraphicsObject | None = None
        if reference == "diagonal":
            self._ref_item = pg.PlotDataItem([0, 1], [0, 1], pen=ref_pen)
        elif reference == "zero":
            self._ref_item = pg.InfiniteLine(pos=0, angle=0, movable=False, pen=ref_pen)
        if self._ref_item is not None:
            self._ref_item.setZValue(-1)
            item.addItem(self._ref_item, ignoreBounds=reference == "zero")
        self._items: list[pg.PlotDataItem] = []
        self.lines: list[Line] = []
        self._legend_lines: list[Line] | None = None
        self._marker_items: list[pg.ScatterPlotItem] = []
        self.markers: list[Marker] = []

    def set_lines(self, lines: Sequence[Line], legend: Sequence[Line] | None = None) -> None:
        """Draw `lines`, each named in the legend, or when there are many (several runs,
        each with a line per class) the shorter `legend`: entries that say what a colour
        and what a dash stand for (their x and y are not drawn)."""
        item = self.getPlotItem()
        for old in self._items:
            item.removeItem(old)
        self._items, self.lines = [], list(lines)
        for line in lines:
            self._items.append(self._draw(line))
        self._legend_lines = None if legend is None else list(legend)
        if self._reference == "diagonal" and not self._unit:
            # the identity line across the data's span, however far the points reach
            both = [np.r_[line.x, line.y] for line in lines if len(line.x)]
            span = np.concatenate(both) if both else np.array([0.0, 1.0])
            lo, hi = float(np.nanmin(span)), float(np.nanmax(span))
            self._ref_item.setData([lo, hi], [lo, hi])
        if not self._unit:
            self.enableAutoRange()
        self._fill_legend()
        self.settle()  # one paint, not two (FittedPlot.settle)

    def _draw(self, line: Line, add: bool = True) -> pg.PlotDataItem:
        color = pg.mkColor(line.color)
        if line.kind == "cloud":
            faint = pg.mkColor(line.color)
            faint.setAlpha(_POINT_ALPHA)
            drawn = pg.PlotDataItem(line.x, line.y, pen=None, symbol="o", symbolSize=4,
                                    symbolPen=None, symbolBrush=faint)
        else:
            pen = pg.mkPen(color, width=2, style=line.style)
            symbol = "o" if line.kind == "points" else None
            x, y = thinned(line.x, line.y) if self._unit else (line.x, line.y)
            drawn = pg.PlotDataItem(x, y, pen=pen, symbol=symbol, symbolSize=6,
                                    symbolPen=pen, symbolBrush=color)
        if add:
            self.getPlotItem().addItem(drawn)
        return drawn

    def set_markers(self, markers: Sequence[Marker]) -> None:
        """Points drawn over the lines; their meaning is said beside the control that moves
        them, not in the legend, which would take two more rows of a small plot."""
        item = self.getPlotItem()
        markers = [m for m in markers if np.isfinite(m.x) and np.isfinite(m.y)]
        if markers == self.markers:
            return
        # created once: a slider moves them many times a second
        while len(self._marker_items) < len(markers):
            scatter = pg.ScatterPlotItem(size=13, pen=pg.mkPen(self._fg, width=1))
            scatter.setZValue(5)
            item.addItem(scatter)
            self._marker_items.append(scatter)
        for k, scatter in enumerate(self._marker_items):
            if k < len(markers):
                m = markers[k]
                scatter.setData([m.x], [m.y], symbol=m.symbol, brush=pg.mkBrush(m.color))
                scatter.setToolTip(m.label)
            scatter.setVisible(k < len(markers))
        self.markers = list(markers)
        self.settle()  # one paint, not two (FittedPlot.settle)

    def line_data(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """The x and y drawn for the line at `index`, as the plot holds them (`thinned`)."""
        x, y = self._items[index].getData()
        return np.asarray(x), np.asarray(y)

    def _fill_legend(self) -> None:
        self._legend.clear()
        if self._legend_lines is not None:
            entries = [(self._draw(line, add=False), line.label) for line in self._legend_lines]
        else:
            entries = [(drawn, line.label) for line, drawn in zip(self.lines, self._items,
                                                                  strict=True)]
        for drawn, label in entries:
            self._legend.addItem(drawn, label)
        self._fit_legend()

    def _fit_legend(self) -> None:
        """Entries side by side while they fit the view's width, else in more rows."""
        legend = self._legend
        room = self.getPlotItem().vb.width() or self.width()
        columns = max(len(legend.items), 1)
        legend.setColumnCount(columns)
        while columns > 1 and legend_width(legend) > room:
            columns -= 1
            legend.setColumnCount(columns)


def thinned(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points of a curve in [0, 1]² that move it to another cell of a `_GRID`² grid,
    and its last: what a plot can show of it. The ROC and precision–recall curves of
    200,000 rows have a point per distinct score, and a line that long took 0.3 s to
    paint, at every move of the threshold's markers; thinned it takes a few ms."""
    if len(x) <= 2 * _GRID:
        return x, y
    cells = np.round(np.asarray(x, np.float64) * _GRID) * (_GRID + 1) + np.round(
        np.asarray(y, np.float64) * _GRID)
    keep = np.r_[True, cells[1:] != cells[:-1]]
    keep[-1] = True
    return x[keep], y[keep]
