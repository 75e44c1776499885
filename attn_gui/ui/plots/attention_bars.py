"""The current attention weight of each feature as horizontal bars, updated in place."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from ..jobs.paint_budget import TimedPaint
from .fitted_plot import FittedPlot
from .style import BAR_COLOR, freeze, theme
from .text_fit import NAME_SHARE, elide, elide_px, first_that_fits

__all__ = ["AttentionBars"]

_MAX_STRETCH = 2.0  # value labels may shrink the longest bar to 1 / this of the view
_INSIDE_COLOR = "#ffffff"  # a value label drawn inside its bar
_LABEL_GAP = 0.1  # between a bar's end and its number, as a share of the number's width


class AttentionBars(TimedPaint, FittedPlot):
    """Horizontal bars of the current weight per feature, largest on top, names on the axis.

    Horizontal so that feature names read left to right however many there are; the bar
    item is created once and re-shaped with `setOpts` (the weight is each bar's width).
    Each bar's value is written after it; the x-range leaves room for the widest of them.
    """

    def __init__(self, max_bars: int = 30, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._fg = theme(self)
        self._max_bars = max_bars
        self._weights: Mapping[str, float] = {}
        item = self.getPlotItem()
        self.set_title(self.tr("Attention weights"))
        item.showGrid(x=True, alpha=0.2)
        item.vb.invertY(True)  # rank 1 at the top
        freeze(self)
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
        room = NAME_SHARE * self.width()
        axis.setTicks([[(i, elide_px(elide(name), axis.font(), room))
                        for i, name in enumerate(self._names)]])
        # How many are shown goes under the axis, so the title stays whole in a narrow plot.
        labels = [self.tr("weight")]
        if len(ranked) > n:
            labels = [self.tr("weight (top {0} of {1} features)").format(n, len(ranked)),
                      self.tr("weight (top {0} of {1})").format(n, len(ranked))]
        bottom = self.getAxis("bottom")
        room = self.getPlotItem().vb.width() or self.width()
        self.getPlotItem().setLabel("bottom", first_that_fits(labels, bottom.label.font(), room))
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
