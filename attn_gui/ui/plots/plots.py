"""Reusable plot pieces for the training monitor, built so that live updates stay cheap.

Plot items are created once and only get new data: curves from growable buffers
(`setData(buf[:n])`), bars through `BarGraphItem.setOpts`, the confusion matrix through
`ImageItem.setImage`. Long histories are peak-downsampled and clipped to the view.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import math  # noqa: E402
from collections.abc import Mapping, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from html import escape  # noqa: E402

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QResizeEvent  # noqa: E402
from PySide6.QtWidgets import QTableWidgetItem, QWidget  # noqa: E402

from ..jobs.paint_budget import TimedPaint  # noqa: E402

__all__ = ["AttentionBars", "AttentionComparison", "AttentionHistory", "ConfusionMatrixPlot",
           "CurvePlot", "GrowBuffer", "RowHeatmap", "Series", "number_item", "run_color"]

TRAIN_COLOR = "#1f77b4"
VALID_COLOR = "#ff7f0e"
BAR_COLOR = "#4c72b0"
# Tableau 10: distinct on light and dark backgrounds (evenly spaced hues give yellow on white).
FEATURE_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
           Qt.PenStyle.DashDotLine)
_NAME_CHARS = 22  # longer feature names are elided on the axis, so bars keep their room
_NAME_SHARE = 0.35  # ... and never take more than this share of a bar chart's width
_TITLE_POINTS = 11  # pyqtgraph's title size
_TEXT_MARGIN = 8  # a QGraphicsTextItem's document margins, left and right together
_MAX_STRETCH = 2.0  # value labels may shrink the longest bar to 1 / this of the view
_INSIDE_COLOR = "#ffffff"  # a value label drawn inside its bar
_LABEL_GAP = 0.1  # between a bar's end and its number, as a share of the number's width
_LEGEND_OFFSET = 10  # px between a curve plot's legend and the top of its view
_LEGEND_SAMPLE = 60  # px of a legend row that are not its text: sample, margins, offset


class GrowBuffer:
    """A preallocated float array that doubles when full: appends are amortised O(1)
    and `view` is a slice, so redrawing a long curve never copies the history."""

    def __init__(self, capacity: int = 256) -> None:
        self._data = np.empty(max(capacity, 1), dtype=np.float64)
        self._n = 0

    def append(self, value: float) -> None:
        if self._n == len(self._data):
            grown = np.empty(2 * len(self._data), dtype=np.float64)
            grown[: self._n] = self._data
            self._data = grown
        self._data[self._n] = value
        self._n += 1

    def clear(self) -> None:
        self._n = 0

    @property
    def view(self) -> np.ndarray:
        return self._data[: self._n]

    @property
    def capacity(self) -> int:
        return len(self._data)

    def __len__(self) -> int:
        return self._n


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    color: str
    style: Qt.PenStyle = Qt.PenStyle.SolidLine


def _theme(plot: pg.PlotWidget) -> QColor:
    """Follow the application palette (light or dark) instead of pyqtgraph's black default."""
    palette = plot.palette()
    foreground = palette.color(QPalette.ColorRole.Text)
    plot.setBackground(palette.color(QPalette.ColorRole.Base))
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(foreground)
        axis.setTextPen(foreground)
        # Scores and weights live in [0, 1]: "F1 (x0.001)" with ticks at 950 misleads.
        axis.enableAutoSIPrefix(False)
    return foreground


def number_item(value: float, digits: int = 4) -> QTableWidgetItem:
    """A right-aligned table cell for a number; "–" for an undefined one."""
    item = QTableWidgetItem(f"{value:.{digits}f}" if math.isfinite(value) else "–")
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def run_color(index: int) -> str:
    return FEATURE_COLORS[index % len(FEATURE_COLORS)]


def _elide(name: str) -> str:
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1] + "…"


def _freeze(plot: pg.PlotWidget) -> None:
    """Charts whose ranges the code sets: no panning, zooming or context menu."""
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMenuEnabled(False)


class FittedPlot(pg.PlotWidget):
    """A plot whose title is elided to the room it has.

    pyqtgraph gives a title label its text's full width as minimum width: a title longer
    than a narrow plot (a long translation, "top 8 of 12") widened the plot item past
    the widget, which then cut off the right side of the axes, bars and labels.
    """

    _titles: tuple[str, ...] = ("",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        # The room changes with the axes too: one widens when it first paints its ticks.
        self.getPlotItem().vb.sigResized.connect(self._refit_title)

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
        room = max(self.width() - beside - _TEXT_MARGIN, 0)
        font = QFont(self.font())
        font.setPointSizeF(_TITLE_POINTS)
        shown = _first_that_fits(self._titles, font, room)
        if escape(shown) == item.titleLabel.text:
            return False
        # The active colour: a disabled plot (no data yet) keeps a readable title.
        color = self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        item.setTitle(escape(shown), color=color)
        return True


def _elide_px(text: str, font: QFont, pixels: float) -> str:
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, max(int(pixels), 0))


def _first_that_fits(texts: Sequence[str], font: QFont, pixels: float) -> str:
    """The first of `texts` (longest first) as wide as `pixels` at most, else the last elided."""
    metrics = QFontMetrics(font)
    return next((t for t in texts if metrics.horizontalAdvance(t) <= pixels),
                _elide_px(texts[-1], font, pixels))


class CurvePlot(TimedPaint, FittedPlot):
    """Curves over epochs, created once; hovering shows the exact values of the nearest epoch."""

    def __init__(self, title: str, y_label: str, series: Sequence[Series] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._fg = _theme(self)
        item = self.getPlotItem()
        self.set_labels(title, y_label)
        item.setLabel("bottom", self.tr("epoch"))
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setDownsampling(mode="peak")
        item.setClipToView(True)
        base = self.palette().color(QPalette.ColorRole.Base)
        base.setAlpha(200)  # curves stay visible under the legend
        self._legend = item.addLegend(offset=(-10, _LEGEND_OFFSET), labelTextColor=self._fg,
                                      brush=pg.mkBrush(base))
        self._x = GrowBuffer()
        self._y: dict[str, GrowBuffer] = {}
        self._series: dict[str, Series] = {}
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._shown: list[str] = []  # series in the legend and the hover text
        self.legend_limit: int | None = None
        self._dirty = False
        self._cursor = pg.InfiniteLine(angle=90, movable=False,
                                       pen=pg.mkPen(self._fg, style=Qt.PenStyle.DotLine))
        self.hover_label = pg.TextItem(color=self._fg, fill=pg.mkBrush(self.palette().color(
            QPalette.ColorRole.Base)), border=pg.mkPen(self._fg))
        for hover_item in (self._cursor, self.hover_label):
            hover_item.setZValue(10)
            hover_item.hide()
            item.addItem(hover_item, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.set_series(series)

    def set_labels(self, title: str, y_label: str) -> None:
        self.set_title(title)
        self.getPlotItem().setLabel("left", y_label)

    def set_series(self, series: Sequence[Series]) -> None:
        """Replace the curves (once per run at most) and clear the data."""
        if list(series) == list(self._series.values()):  # a new run on the same columns
            self.reset()
            return
        item = self.getPlotItem()
        for curve in self._curves.values():
            item.removeItem(curve)
        self._legend.clear()
        self._series = {s.key: s for s in series}
        self._curves = {}
        for s in series:
            pen = pg.mkPen(s.color, width=2, style=s.style)
            curve = pg.PlotDataItem(pen=pen, connect="finite")
            item.addItem(curve)
            self._curves[s.key] = curve
        self._y = {s.key: GrowBuffer() for s in series}
        # Each legend entry costs a few ms to lay out: a plot with a long list of series
        # (one per feature) starts with the first few and ranks them as data arrives.
        self.show_in_legend([s.key for s in series][: self.legend_limit])
        self.reset()

    def show_in_legend(self, keys: Sequence[str]) -> None:
        if list(keys) == self._shown:
            return
        self._legend.clear()
        self._shown = [k for k in keys if k in self._curves]
        for key in self._shown:
            self._legend.addItem(self._curves[key], self._series[key].label)

    def reset(self) -> None:
        self._x.clear()
        for buf in self._y.values():
            buf.clear()
        self._dirty = True
        self._cursor.hide()
        self.hover_label.hide()

    def append(self, x: float, values: Mapping[str, float]) -> None:
        """Add one point per series (NaN for a missing value); drawn at the next refresh()."""
        self._x.append(x)
        for key, buf in self._y.items():
            buf.append(values.get(key, np.nan))
        self._dirty = True

    def refresh(self) -> bool:
        """Push new data to the curves; False if nothing changed since the last call."""
        if not self._dirty:
            return False
        x = self._x.view
        for key, curve in self._curves.items():
            curve.setData(x, self._y[key].view)
        self._dirty = False
        return True

    def curve(self, key: str) -> pg.PlotDataItem:
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


class AttentionHistory(CurvePlot):
    """One curve per feature over the epochs; the legend lists only the currently top ones,
    as many as fit the plot's height."""

    def __init__(self, top: int = 5, parent: QWidget | None = None) -> None:
        super().__init__("", "", parent=parent)  # titled below, once self.tr() is usable
        self.set_labels(self.tr("Attention over epochs"), self.tr("weight"))
        self.legend_limit = top
        self._ranked: list[str] = []
        self._legend_fit = (-1.0, top)  # (room, rows): the rows that fit that much room
        self.getPlotItem().vb.sigResized.connect(self._fit_legend)

    def set_features(self, features: Sequence[str]) -> None:
        k = len(FEATURE_COLORS)
        self._ranked = []
        self.set_series([Series(f, f, FEATURE_COLORS[i % k], _STYLES[(i // k) % len(_STYLES)])
                         for i, f in enumerate(features)])

    def refresh(self) -> bool:
        if not super().refresh():
            return False
        if len(self):
            latest = {key: self.data(key)[-1] for key in self._y}
            self._ranked = sorted(latest, key=latest.__getitem__, reverse=True)
            self._fit_legend()
        return True

    def _fit_legend(self) -> None:
        room = self.getPlotItem().vb.height() - _LEGEND_OFFSET
        if self._legend_fit[0] == room:  # the same height as last time: as many rows
            self.show_in_legend(self._ranked[: self._legend_fit[1]])
            return
        rows = self.legend_limit
        self.show_in_legend(self._ranked[:rows])
        # The legend sizes itself as entries are added: drop the last while it overflows.
        while rows > 1 and room > 0 and self._legend.height() > room:
            rows -= 1
            self.show_in_legend(self._ranked[:rows])
        if len(self._ranked) >= self.legend_limit:  # measured with every row it may list
            self._legend_fit = (room, rows)


class AttentionBars(TimedPaint, FittedPlot):
    """Horizontal bars of the current weight per feature, largest on top, names on the axis.

    Horizontal so that feature names read left to right however many there are; the bar
    item is created once and re-shaped with `setOpts` (the weight is each bar's width).
    Each bar's value is written after it; the x-range leaves room for the widest of them.
    """

    def __init__(self, max_bars: int = 30, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._fg = _theme(self)
        self._max_bars = max_bars
        self._weights: Mapping[str, float] = {}
        item = self.getPlotItem()
        self.set_title(self.tr("Attention weights"))
        item.showGrid(x=True, alpha=0.2)
        item.vb.invertY(True)  # rank 1 at the top
        _freeze(self)
        self._bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.7,
                                     brush=BAR_COLOR, pen=pg.mkPen(None))
        item.addItem(self._bars)
        self._texts: list[pg.TextItem] = []
        self._names: list[str] = []
        self._values = np.zeros(0)
        item.vb.sigResized.connect(self._on_resized)

    @property
    def names(self) -> list[str]:
        """Feature names in display order (largest weight first)."""
        return list(self._names)

    @property
    def values(self) -> np.ndarray:
        """The displayed weights, in display order (descending)."""
        return self._values.copy()

    @property
    def bar_item(self) -> pg.BarGraphItem:
        return self._bars

    @property
    def value_labels(self) -> list[pg.TextItem]:
        """The number written at each bar, in display order."""
        return list(self._texts)

    def set_weights(self, weights: Mapping[str, float]) -> None:
        self._weights = weights
        ranked = sorted(weights.items(), key=lambda kv: kv[1], reverse=True)
        shown = ranked[: self._rows_that_fit()]
        self._names = [name for name, _ in shown]
        self._values = np.array([w for _, w in shown], dtype=np.float64)
        n = len(shown)
        y = np.arange(n, dtype=np.float64)
        self._bars.setOpts(x0=np.zeros(n), y=y, width=self._values, height=0.7)
        axis = self.getAxis("left")
        room = _NAME_SHARE * self.width()
        axis.setTicks([[(i, _elide_px(_elide(name), axis.font(), room))
                        for i, name in enumerate(self._names)]])
        # How many are shown goes under the axis, so the title stays whole in a narrow plot.
        labels = [self.tr("weight")]
        if len(ranked) > n:
            labels = [self.tr("weight (top {0} of {1} features)").format(n, len(ranked)),
                      self.tr("weight (top {0} of {1})").format(n, len(ranked))]
        bottom = self.getAxis("bottom")
        room = self.getPlotItem().vb.width() or self.width()
        self.getPlotItem().setLabel("bottom", _first_that_fits(labels, bottom.label.font(), room))
        self._set_value_labels()
        self.setRange(xRange=(0.0, self._x_extent()), yRange=(-0.5, max(n, 1) - 0.5), padding=0)
        self._place_value_labels()

    def _on_resized(self, _view: pg.ViewBox) -> None:
        self.set_weights(self._weights)

    def _rows_that_fit(self) -> int:
        """As many bars as there are lines for their names: the axis silently drops
        tick labels that would overlap, which would leave bars without a name."""
        height = self.getPlotItem().vb.height()
        if height <= 0:  # not laid out yet
            return self._max_bars
        line = QFontMetrics(self.font()).height()
        return max(3, min(self._max_bars, int(height // line)))

    def _set_value_labels(self) -> None:
        item = self.getPlotItem()
        while len(self._texts) > len(self._values):
            item.removeItem(self._texts.pop())
        while len(self._texts) < len(self._values):
            text = pg.TextItem(color=self._fg)
            # No margin around the number: a row is one line high (see _rows_that_fit).
            text.textItem.document().setDocumentMargin(0)
            item.addItem(text, ignoreBounds=True)
            self._texts.append(text)
        for i, (text, value) in enumerate(zip(self._texts, self._values, strict=True)):
            text.setText(f"{max(value, 0.0):.3f}")  # no "-0.000" from rounding noise
            text.setPos(float(value), float(i))

    def _label_widths(self) -> np.ndarray:
        """Each value label's width in pixels, with the gap its anchor leaves before it."""
        return np.array([text.textItem.boundingRect().width() * (1 + _LABEL_GAP)
                         for text in self._texts])

    def _x_extent(self) -> float:
        """The right end of the x-range: every bar's number fits after it, unless that
        would shrink the longest bar below 1 / _MAX_STRETCH of the view."""
        top = float(self._values.max()) if len(self._values) else 0.0
        if top <= 0:
            return 1.0
        view = self.getPlotItem().vb.width()
        widths = self._label_widths()
        if view <= 0 or np.any(widths >= view):
            return top * _MAX_STRETCH
        # A bar of weight v ends at v / x_max * view pixels; its label needs `width` more.
        needed = float(np.max(np.maximum(self._values, 0.0) * view / (view - widths)))
        return min(max(needed, top), top * _MAX_STRETCH)

    def _place_value_labels(self) -> None:
        """After the bar where there is room, else inside the bar's end in white."""
        x_max = self.getPlotItem().vb.viewRange()[0][1]
        view = self.getPlotItem().vb.width()
        for text, value, width in zip(self._texts, self._values, self._label_widths(),
                                      strict=True):
            bar = max(value, 0.0) / x_max * view if x_max > 0 else 0.0
            inside = bar + width > view and bar >= width
            text.setAnchor((1 + _LABEL_GAP, 0.5) if inside else (-_LABEL_GAP, 0.5))
            text.setColor(_INSIDE_COLOR if inside else self._fg)


class ConfusionMatrixPlot(FittedPlot):
    """Heatmap of counts (rows: true class, columns: predicted class) with the count in each cell."""

    max_annotated = 30  # beyond this many classes the numbers would overlap

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        _theme(self)
        item = self.getPlotItem()
        self.set_title(self.tr("Confusion (validation)"))
        item.setLabel("bottom", self.tr("predicted"))
        item.setLabel("left", self.tr("true"))
        item.vb.invertY(True)  # first class in the top-left corner, as in a printed table
        item.vb.setAspectLocked(True)
        _freeze(self)
        self._cmap = pg.colormap.get("viridis")
        self._image = pg.ImageItem()
        self._image.setColorMap(self._cmap)
        item.addItem(self._image)
        self._texts: list[pg.TextItem] = []
        self._matrix = np.zeros((0, 0), dtype=np.int64)

    @property
    def matrix(self) -> np.ndarray:
        return self._matrix.copy()

    def set_matrix(self, matrix: Sequence[Sequence[int]], classes: Sequence[str]) -> None:
        cm = np.asarray(matrix, dtype=np.int64).reshape(len(classes), len(classes))
        self._matrix = cm
        top = max(int(cm.max()) if cm.size else 0, 1)
        # ImageItem indexes [x, y]: transpose so columns are predicted and rows are true.
        self._image.setImage(cm.T.astype(np.float64), levels=(0, top))
        names = [_elide(str(c)) for c in classes]
        ticks = [[(i + 0.5, name) for i, name in enumerate(names)]]
        self.getAxis("bottom").setTicks(ticks)
        self.getAxis("left").setTicks(ticks)
        # Sized up front: the axes otherwise grow only after a first paint has clipped
        # the names (and the left axis hides the ones it cannot fit).
        fm = QFontMetrics(self.font())
        widest = max((fm.horizontalAdvance(name) for name in names), default=0)
        self.getAxis("left").setWidth(widest + fm.height() + 14)
        self.getAxis("bottom").setHeight(2 * fm.height() + 14)
        item = self.getPlotItem()
        for text in self._texts:
            item.removeItem(text)
        self._texts = []
        if len(classes) <= self.max_annotated:
            for (i, j), count in np.ndenumerate(cm):
                # Viridis is dark at the bottom of the scale and light at the top.
                color = "#000000" if count / top > 0.6 else "#ffffff"
                text = pg.TextItem(str(count), color=color, anchor=(0.5, 0.5))
                text.setPos(j + 0.5, i + 0.5)
                item.addItem(text)
                self._texts.append(text)
        k = max(len(classes), 1)
        self.setRange(xRange=(0, k), yRange=(0, k), padding=0.02)


class AttentionComparison(FittedPlot):
    """Several runs' attention side by side: per feature one bar per run, in the run's colour.

    Features are ordered by their largest weight in any run, so what some run found to
    matter is at the top.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._fg = _theme(self)
        item = self.getPlotItem()
        self.set_title(self.tr("Attention by run"))
        item.setLabel("bottom", self.tr("weight"))
        item.showGrid(x=True, alpha=0.2)
        item.vb.invertY(True)
        _freeze(self)
        base = self.palette().color(QPalette.ColorRole.Base)
        base.setAlpha(200)
        self._legend = item.addLegend(offset=(-10, -10), labelTextColor=self._fg,
                                      brush=pg.mkBrush(base))
        self._bars: list[pg.BarGraphItem] = []
        self._run_names: list[str] = []
        self.features: list[str] = []
        item.vb.sigResized.connect(self._fit_names)

    def set_runs(self, runs: Sequence[tuple[str, str, Mapping[str, float]]]) -> None:
        """`runs`: (name, colour, weight per feature) for each run to compare."""
        item = self.getPlotItem()
        for bars in self._bars:
            item.removeItem(bars)
        self._bars = []
        peak: dict[str, float] = {}
        for _, _, weights in runs:
            for name, w in weights.items():
                peak[name] = max(peak.get(name, 0.0), w)
        self.features = sorted(peak, key=peak.__getitem__, reverse=True)
        k = max(len(runs), 1)
        height = 0.8 / k
        y = np.arange(len(self.features), dtype=np.float64)
        for r, (_, color, weights) in enumerate(runs):
            widths = np.array([weights.get(f, 0.0) for f in self.features])
            bars = pg.BarGraphItem(x0=np.zeros(len(widths)), y=y - 0.4 + height * (r + 0.5),
                                   width=widths, height=height, brush=color, pen=pg.mkPen(None))
            item.addItem(bars)
            self._bars.append(bars)
        self._run_names = [name for name, _, _ in runs]
        self._fit_names()
        right = max(peak.values(), default=1.0)
        self.setRange(xRange=(0.0, right * 1.1 or 1.0),
                      yRange=(-0.5, max(len(self.features), 1) - 0.5), padding=0)

    def _fit_names(self) -> None:
        """Feature and run names elided to the room the plot has: a legend wider than the
        view would run under the axis."""
        axis = self.getAxis("left")
        room = _NAME_SHARE * self.width()
        axis.setTicks([[(i, _elide_px(_elide(f), axis.font(), room))
                        for i, f in enumerate(self.features)]])
        self._legend.clear()
        view = self.getPlotItem().vb.width()
        for bars, name in zip(self._bars, self._run_names, strict=True):
            self._legend.addItem(bars, _elide_px(name, self.font(), view - _LEGEND_SAMPLE))

    def widths(self, run: int) -> np.ndarray:
        """The bar lengths drawn for the run-th compared run, in `features` order."""
        return np.asarray(self._bars[run].opts["width"], dtype=np.float64)


class RowHeatmap(FittedPlot):
    """Attention weight of every validation row (y) for every feature (x); click picks a row.

    pyqtgraph cannot rotate tick labels, so when the names do not fit side by side the
    axis names every k-th column, each name elided to the room k columns give it, and
    pointing at a cell tells its feature, row and weight.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        _theme(self)
        item = self.getPlotItem()
        self.set_title(self.tr("Attention per validation row"), self.tr("Attention per row"))
        item.setLabel("left", self.tr("validation row"))
        item.vb.invertY(True)
        self.setMenuEnabled(False)
        self._image = pg.ImageItem(axisOrder="row-major")
        self._image.setColorMap(pg.colormap.get("viridis"))
        item.addItem(self._image)
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
        top = float(alpha.max()) if alpha.size else 1.0
        self._image.setImage(alpha, levels=(0.0, top or 1.0), autoDownsample=True)
        self._image.setToolTip("")
        self._name_columns()
        self.setRange(xRange=(0, max(len(features), 1)), yRange=(0, max(len(alpha), 1)),
                      padding=0)

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
                       2 * (view - centre)) - _TEXT_MARGIN / 2
            # Elided in the middle: column names often differ only at the end (sensor_01…).
            ticks.append((i + 0.5, metrics.elidedText(self.features[i],
                                                      Qt.TextElideMode.ElideMiddle,
                                                      max(int(room), 0))))
        axis.setTicks([ticks])
        named_all = self.named_every == 1 and widest <= column
        labels = ([self.tr("feature")] if named_all else
                  [self.tr("feature (point at a column for its name)"),
                   self.tr("feature (hover for names)"), self.tr("feature")])
        self.getPlotItem().setLabel("bottom", _first_that_fits(labels, axis.label.font(), view))

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
