"""Curves over epochs, created once and fed from growable buffers.

The curves get new data with `setData(buf[:n])`; long histories are peak-downsampled and
clipped to the view, so a live update stays cheap however long the run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from ..jobs.paint_budget import TimedPaint
from ..jobs.steps import Steps
from .bands import Band
from .buffers import GrowBuffer
from .fitted_plot import FittedPlot
from .style import theme

__all__ = ["CurvePlot", "Series", "legend_above", "legend_height", "legend_width", "set_legend"]

CURVES_PER_STEP = 4
# Up to this many curves are drawn 2 px wide, more 1 px: Qt strokes a wider pen several
# times slower, and sixty-one attention curves of 400 epochs took 38 ms to paint at 2 px
# and 9 ms at 1 px (640 x 300, idle machine); that many lines read better thin anyway.
WIDE_CURVES = 12


def legend_above(item: pg.PlotItem, color: QColor) -> pg.LegendItem:
    """A legend in a row of its own between the title and the view, never over a curve:
    in the top axis' cell (that axis is never shown)."""
    item.layout.removeItem(item.getAxis("top"))
    legend = pg.LegendItem(labelTextColor=color, verSpacing=-4, horSpacing=12)
    legend.setMinimumWidth(0)  # a long legend wraps (fit_legend_columns), never widens the plot
    item.layout.addItem(legend, 1, 1, Qt.AlignmentFlag.AlignRight)
    item.legend = legend  # where pyqtgraph keeps a plot's legend, for whoever looks for it
    return legend


def set_legend(legend: pg.LegendItem, entries: Sequence[tuple[pg.GraphicsObject, str]]) -> bool:
    """Make `legend` list `entries` (item, label), reusing the entries it has: a new
    entry costs a few ms to lay out, and a ranked legend changes order at every refresh.
    True if anything changed."""
    changed = False
    for (sample, label), (item, text) in zip(legend.items, entries, strict=False):
        if sample.item is not item:
            sample.item = item
            sample.update()
            changed = True
        if label.text != text:
            label.setText(text)
            changed = True
    for sample, _label in legend.items[len(entries):]:
        legend.removeItem(sample.item)
        changed = True
    for item, text in entries[len(legend.items):]:
        legend.addItem(item, text)
        changed = True
    return changed


def legend_width(legend: pg.LegendItem) -> float:
    """The width the legend's entries need, whatever width its row gives it."""
    return legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize).width()


def legend_height(legend: pg.LegendItem) -> float:
    return legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize).height()


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    color: str
    style: Qt.PenStyle = Qt.PenStyle.SolidLine


class CurvePlot(TimedPaint, FittedPlot):
    """Curves over epochs, created once; hovering shows the exact values of the nearest epoch."""

    def __init__(self, title: str, y_label: str, series: Sequence[Series] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._fg = theme(self)
        item = self.getPlotItem()
        self.set_labels(title, y_label)
        item.setLabel("bottom", self.tr("epoch"))
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setDownsampling(mode="peak")
        item.setClipToView(True)
        self._legend = legend_above(item, self._fg)
        self._x = GrowBuffer()
        self._y: dict[str, GrowBuffer] = {}
        self._series: dict[str, Series] = {}
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._shown: list[str] = []  # series in the legend and the hover text
        self._legend_keys: list[str] = []  # the series asked for in the legend
        self.legend_limit: int | None = None
        self._dirty = False
        self._x_limit = 0.0  # grow_x's limit; 0: the x-axis follows the data
        self._x_end = 0.0  # while a run grows the curves: the x-axis's end, else 0
        self._best = 0  # the best epoch so far; 0 = none marked
        best_pen = pg.mkPen(self._fg, width=1, style=Qt.PenStyle.DashLine)
        self.best_line = pg.InfiniteLine(angle=90, movable=False, pen=best_pen)
        self.best_line.setToolTip(self.tr("The best epoch: the run keeps its weights."))
        self.best_line.hide()
        item.addItem(self.best_line, ignoreBounds=True)
        # Named in the legend rather than beside the line, where it would cover the curves.
        self._best_sample = pg.PlotDataItem(pen=best_pen)
        self._best_in_legend = False
        self._adding = Steps(self)  # curves still to create, a few a turn
        self._bands: dict[str, Band] = {}
        self._band_in_legend = False
        self._cursor = pg.InfiniteLine(angle=90, movable=False,
                                       pen=pg.mkPen(self._fg, style=Qt.PenStyle.DotLine))
        self.hover_label = pg.TextItem(color=self._fg, fill=pg.mkBrush(self.palette().color(
            QPalette.ColorRole.Base)), border=pg.mkPen(self._fg))
        for hover_item in (self._cursor, self.hover_label):
            hover_item.setZValue(10)
            hover_item.hide()
            item.addItem(hover_item, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        item.vb.sigResized.connect(self.fit_legend_columns)
        self.set_series(series)

    def set_labels(self, title: str, y_label: str) -> None:
        self.set_title(title)
        self.getPlotItem().setLabel("left", y_label)

    def set_series(self, series: Sequence[Series]) -> None:
        """Replace the curves (once per run at most) and clear the data.

        Creating a curve costs 1-3 ms: sixty of them (one per feature) are created
        `CURVES_PER_STEP` a turn of the event loop, the legend's first; each is drawn with
        the data so far as it comes."""
        if list(series) == list(self._series.values()):  # a new run on the same columns
            self.reset()
            return
        item = self.getPlotItem()
        self._adding.cancel()
        for curve in self._curves.values():
            item.removeItem(curve)
        self._legend.clear()
        self._shown, self._legend_keys = [], []
        self._series = {s.key: s for s in series}
        self._curves = {}
        self._y = {s.key: GrowBuffer() for s in series}
        keys = list(self._series)
        self._add_curves(keys[:CURVES_PER_STEP])
        for start in range(CURVES_PER_STEP, len(keys), CURVES_PER_STEP):
            self._adding.add(lambda chunk=keys[start:start + CURVES_PER_STEP]:
                             self._add_curves(chunk))
        self.show_in_legend(keys[: self.legend_limit])
        self.reset()

    def _add_curves(self, keys: Sequence[str]) -> None:
        item, x = self.getPlotItem(), self._x.view
        width = 2 if len(self._series) <= WIDE_CURVES else 1
        for key in keys:
            s = self._series[key]
            curve = pg.PlotDataItem(pen=pg.mkPen(s.color, width=width, style=s.style),
                                    connect="finite")
            if len(x):
                curve.setData(x, self._y[key].view)
            item.addItem(curve)
            self._curves[key] = curve
        if set(keys) & set(self._legend_keys):
            self.show_in_legend(self._legend_keys)

    def show_in_legend(self, keys: Sequence[str]) -> None:
        """List `keys` in the legend (those whose curve is created yet: the rest join it
        as they are)."""
        self._legend_keys = list(keys)
        shown = [k for k in keys if k in self._curves]
        with_best = self._best > 0
        band = next((b for b in self._bands.values() if b.visible), None)
        if (shown == self._shown and with_best == self._best_in_legend
                and (band is not None) == self._band_in_legend):
            return
        self._shown = shown
        entries = [(self._curves[key], self._series[key].label) for key in self._shown]
        if band is not None:
            entries.append((band.mean, self.tr("mean ± sd")))
        if with_best:
            entries.append((self._best_sample, self.tr("best epoch")))
        self._best_in_legend = with_best
        self._band_in_legend = band is not None
        if set_legend(self._legend, entries):
            self.fit_legend_columns()
    def set_band(self, key: str, x: np.ndarray, mean: np.ndarray, sd: np.ndarray) -> None:
        """The mean of series `key` over several runs, dashed in its colour, with a ±1 sd
        band; drawn at once (bands change once per run, not per epoch)."""
        if key not in self._bands:
            self._bands[key] = Band(self.getPlotItem(), self._series[key].color)
        self._bands[key].set(x, mean, sd)
        self.show_in_legend(self._legend_keys)
        self.settle()

    def clear_bands(self) -> None:
        for band in self._bands.values():
            band.hide()
        self.show_in_legend(self._legend_keys)

    def band(self, key: str) -> Band | None:
        return self._bands.get(key)

    def fit_legend_columns(self) -> None:
        """Entries side by side while they fit the view's width, else in more rows."""
        legend = self._legend
        room = self.getPlotItem().vb.width() or self.width()
        columns = max(len(legend.items), 1)
        legend.setColumnCount(columns)
        while columns > 1 and legend_width(legend) > room:
            columns -= 1
            legend.setColumnCount(columns)

    def reset(self) -> None:
        self._x.clear()
        self._x_end = 0.0  # a run that grows the x-axis starts it at its first span again
        for buf in self._y.values():
            buf.clear()
        self._dirty = True
        self._best = 0
        self._cursor.hide()
        self.hover_label.hide()

    def append(self, x: float, values: Mapping[str, float]) -> None:
        """Add one point per series (NaN for a missing value); drawn at the next refresh()."""
        self._x.append(x)
        for key, buf in self._y.items():
            buf.append(values.get(key, np.nan))
        self._dirty = True

    def mark_best(self, epoch: int) -> None:
        """Mark `epoch` as the best so far (0: none); drawn at the next refresh()."""
        if epoch != self._best:
            self._best = epoch
            self._dirty = True

    @property
    def best_epoch(self) -> int | None:
        """The epoch the drawn marker stands at, None if it is hidden."""
        return int(self.best_line.value()) if self.best_line.isVisible() else None

    def grow_x(self, limit: float) -> None:
        """While a run lasts: the x-axis ends at a span that doubles when the curves reach
        it (up to `limit`, the run's epochs) instead of following every new point. An axis
        whose range moves is laid out and its labels drawn anew at each paint: with it
        still, a live curve plot paints in 10-12 ms instead of 19 (measured at 640 × 300)."""
        self._x_limit = limit

    def fit_x(self) -> None:
        """The x-axis follows the data again (a run ended, a saved run is shown)."""
        self._x_limit = self._x_end = 0.0
        self.getPlotItem().enableAutoRange(x=True)
        self._dirty = True

    def _grow_x_range(self, last: float) -> None:
        if self._x_limit and last > self._x_end:
            self._x_end = min(max(2 * self._x_end, last, 10.0), max(self._x_limit, last))
            self.getPlotItem().setXRange(1.0, self._x_end, padding=0.02)

    def refresh(self) -> bool:
        """Push new data to the curves; False if nothing changed since the last call."""
        if not self._dirty:
            return False
        x = self._x.view
        if len(x):
            self._grow_x_range(float(x[-1]))
        for key, curve in self._curves.items():
            curve.setData(x, self._y[key].view)
        self.best_line.setPos(self._best)
        self.best_line.setVisible(self._best > 0)
        self.show_in_legend(self._legend_keys)
        self.settle()  # one paint, not two (FittedPlot.settle)
        self._dirty = False
        return True

    def has_curve(self, key: str) -> bool:
        """Whether `key`'s curve is created yet (they come a few a turn)."""
        return key in self._curves

    def curve(self, key: str) -> pg.PlotDataItem:
        if key not in self._curves:
            self._adding.finish()
        return self._curves[key]

    def data(self, key: str) -> np.ndarray:
        return self._y[key].view

    def __len__(self) -> int:
        return len(self._x)

    def _on_mouse_moved(self, pos: QPointF) -> None:
        item = self.getPlotItem()
        x = self._x.view
        if not len(x) or not item.vb.sceneBoundingRect().contains(pos):
            self._cursor.hide()
            self.hover_label.hide()
            return
        point = item.vb.mapSceneToView(pos)
        i = int(np.clip(np.searchsorted(x, point.x()), 0, len(x) - 1))
        if i > 0 and abs(x[i - 1] - point.x()) < abs(x[i] - point.x()):
            i -= 1
        lines = [escape(self.tr("epoch {0}").format(f"{x[i]:g}"))]
        for key in self._shown:
            s = self._series[key]
            lines.append(f'<span style="color:{s.color}">■</span> '
                         f"{escape(s.label)}: {self._y[key].view[i]:.6g}")
        self.hover_label.setHtml(f'<div style="color:{self._fg.name()}">{"<br>".join(lines)}</div>')
        # Keep the label inside the plot: on the right half it opens to the left of the cursor.
        (x_min, x_max), _ = item.vb.viewRange()
        right_half = x[i] > (x_min + x_max) / 2
        self.hover_label.setAnchor((1.05, 1.05) if right_half else (-0.05, 1.05))
        self.hover_label.setPos(float(x[i]), point.y())
        self._cursor.setPos(float(x[i]))
        self._cursor.show()
        self.hover_label.show()
