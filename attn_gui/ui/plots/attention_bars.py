"""The current attention weight of each feature as horizontal bars, updated in place; with
several runs, error bars of ±1 sd; once the columns have been shuffled, the permutation
importance beside each bar, and rows for groups of correlated columns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from ..jobs.paint_budget import TimedPaint
from .fitted_plot import FittedPlot
from .style import BAR_COLOR, IMPORTANCE_COLOR, freeze, theme
from .text_fit import NAME_SHARE, elide, elide_px, first_that_fits

__all__ = ["AttentionBars"]

_MAX_STRETCH = 2.0  # value labels may shrink the longest bar to 1 / this of the view
_INSIDE_COLOR = "#ffffff"  # a value label drawn inside its bar
_LABEL_GAP = 0.1  # between a bar's end and its number, as a share of the number's width
_GROUP_MARK = "Σ "  # before a group's names on the axis


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
        self._shuffled = pg.BarGraphItem(x0=[], y=[], width=[], height=0.35,
                                         brush=IMPORTANCE_COLOR, pen=pg.mkPen(None))
        self._shuffled.hide()
        item.addItem(self._shuffled)
        spread = pg.mkPen(self._fg, width=1)
        self._errors = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), pen=spread)
        self._shuffled_errors = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), pen=spread)
        for errors in (self._errors, self._shuffled_errors):
            errors.hide()
            item.addItem(errors)
        self._texts: list[pg.TextItem] = []
        self._names: list[str] = []
        self._values = np.zeros(0)
        self._sd: Mapping[str, float] = {}
        self._importance: Mapping[str, Mapping[str, float]] = {}
        self._groups: Sequence[Mapping] = ()
        self._rows = _Rows()
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
    def rows(self) -> _Rows:
        """What each row of the chart shows, in display order: per-column rows, then groups."""
        return self._rows

    @property
    def error_item(self) -> pg.ErrorBarItem:
        return self._errors

    @property
    def importance_item(self) -> pg.BarGraphItem:
        return self._shuffled

    @property
    def importance_error_item(self) -> pg.ErrorBarItem:
        return self._shuffled_errors

    @property
    def value_labels(self) -> list[pg.TextItem]:
        """The number written at each bar, in display order."""
        return list(self._texts)

    def set_weights(self, weights: Mapping[str, float],
                    sd: Mapping[str, float] | None = None) -> None:
        """The weight of each column and, over several runs, its sd (drawn as ±1 sd)."""
        self._weights = weights
        self._sd = sd or {}
        self._draw()

    def forget(self) -> None:
        """Drop the weights, spread and importance shown; the next `set_weights` draws
        without them (nothing is drawn now)."""
        self._weights, self._sd, self._importance, self._groups = {}, {}, {}, ()

    def set_importance(self, importance: Mapping[str, Mapping[str, float]] | None,
                       groups: Sequence[Mapping] = ()) -> None:
        """The rise in loss when each column is shuffled ({"mean", "sd"}), drawn beside its
        attention as a share of the columns' total rise (both then sum to 1), and the groups
        of correlated columns (`core.importance.importance_report`'s) as rows of their own."""
        self._importance = importance or {}
        self._groups = [g for g in groups if len(g["columns"]) > 1] if importance else []
        self._draw()

    def _draw(self) -> None:
        weights = self._weights
        ranked = sorted(weights.items(), key=lambda kv: kv[1], reverse=True)
        room = self._rows_that_fit()
        # Groups first: a group's total is the answer its columns' split cannot give.
        groups = self._groups[: max(room - 2, 1)]
        shown = ranked[: max(room - len(groups), 2)]
        self._rows = _rows(shown, groups, self._sd, self._importance)
        rows = self._rows
        self._names = [name for name, _ in shown]
        self._values = np.array([w for _, w in shown], dtype=np.float64)
        n = len(rows.labels)
        paired = bool(self._importance)
        y = np.arange(n, dtype=np.float64)
        height = 0.36 if paired else 0.7
        top = y - 0.19 if paired else y
        self._bars.setOpts(x0=np.zeros(n), y=top, width=rows.weights, height=height)
        _spread(self._errors, rows.weights, top, rows.sd, height)
        self._shuffled.setVisible(paired)
        self._shuffled_errors.setVisible(paired)
        if paired:
            shares = np.nan_to_num(rows.shares)
            self._shuffled.setOpts(x0=np.zeros(n), y=y + 0.19, width=shares, height=height)
            _spread(self._shuffled_errors, shares, y + 0.19, np.nan_to_num(rows.share_sd),
                    height)
        axis = self.getAxis("left")
        name_room = NAME_SHARE * self.width()
        axis.setTicks([[(i, elide_px(elide(label), axis.font(), name_room))
                        for i, label in enumerate(rows.labels)]])
        self._set_axis_label(len(shown), len(ranked), paired)
        self._set_value_labels()
        self.setRange(xRange=(0.0, self._x_extent()), yRange=(-0.5, max(n, 1) - 0.5), padding=0)
        self._place_value_labels()
        self.settle()  # one paint, not two (FittedPlot.settle)

    def _set_axis_label(self, n: int, total: int, paired: bool) -> None:
        # How many are shown goes under the axis, so the title stays whole in a narrow plot;
        # so do the bars' colours beside importance, where a legend would take rows.
        if paired:
            labels = [self.tr("blue: attention weight · orange: share of the loss rise when "
                              "shuffled"), self.tr("blue: attention · orange: shuffled")]
            if total > n:
                labels.insert(1, self.tr("blue: attention · orange: shuffled (top {0} of {1})")
                              .format(n, total))
            labels.append(self.tr("weight / share"))
        else:
            labels = [self.tr("weight")]
            if total > n:
                labels = [self.tr("weight (top {0} of {1} features)").format(n, total),
                          self.tr("weight (top {0} of {1})").format(n, total)]
        bottom = self.getAxis("bottom")
        room = self.getPlotItem().vb.width() or self.width()
        if paired:  # the long colour key runs wider than its font measures in CJK fonts
            room *= 0.9
        self.getPlotItem().setLabel("bottom", first_that_fits(labels, bottom.label.font(), room))

    def _on_resized(self, _view: pg.ViewBox) -> None:
        self._draw()

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
        rows = self._rows
        while len(self._texts) > len(rows.labels):
            item.removeItem(self._texts.pop())
        while len(self._texts) < len(rows.labels):
            text = pg.TextItem(color=self._fg)
            # No margin around the number: a row is one line high (see _rows_that_fit).
            text.textItem.document().setDocumentMargin(0)
            item.addItem(text, ignoreBounds=True)
            self._texts.append(text)
        for i, (text, value, end) in enumerate(zip(self._texts, rows.weights, rows.ends,
                                                   strict=True)):
            text.setText(f"{max(value, 0.0):.3f}")  # no "-0.000" from rounding noise
            text.setPos(float(end), float(i))

    def _label_widths(self) -> np.ndarray:
        """Each value label's width in pixels, with the gap its anchor leaves before it."""
        return np.array([text.textItem.boundingRect().width() * (1 + _LABEL_GAP)
                         for text in self._texts])

    def _x_extent(self) -> float:
        """The right end of the x-range: every bar's number fits after it, unless that
        would shrink the longest bar below 1 / _MAX_STRETCH of the view."""
        ends = self._rows.ends
        top = float(ends.max()) if len(ends) else 0.0
        if top <= 0:
            return 1.0
        view = self.getPlotItem().vb.width()
        widths = self._label_widths()
        if view <= 0 or np.any(widths >= view):
            return top * _MAX_STRETCH
        # A bar of weight v ends at v / x_max * view pixels; its label needs `width` more.
        needed = float(np.max(np.maximum(ends, 0.0) * view / (view - widths)))
        return min(max(needed, top), top * _MAX_STRETCH)

    def _place_value_labels(self) -> None:
        """After the bar where there is room, else inside the bar's end in white."""
        x_max = self.getPlotItem().vb.viewRange()[0][1]
        view = self.getPlotItem().vb.width()
        for text, value, width in zip(self._texts, self._rows.ends, self._label_widths(),
                                      strict=True):
            bar = max(value, 0.0) / x_max * view if x_max > 0 else 0.0
            inside = bar + width > view and bar >= width
            text.setAnchor((1 + _LABEL_GAP, 0.5) if inside else (-_LABEL_GAP, 0.5))
            text.setColor(_INSIDE_COLOR if inside else self._fg)


class _Rows:
    """The chart's rows as arrays: label, attention and its sd, importance share and its sd
    (NaN without importance), the raw rise in loss, and where each row's drawing ends."""

    def __init__(self, labels: Sequence[str] = (), weights: Sequence[float] = (),
                 sd: Sequence[float] = (), rises: Sequence[float] = (),
                 rise_sd: Sequence[float] = (), total: float = 1.0) -> None:
        self.labels = list(labels)
        self.weights = np.asarray(weights, dtype=np.float64)
        self.sd = np.asarray(sd, dtype=np.float64)
        self.rises = np.asarray(rises, dtype=np.float64)
        self.rise_sd = np.asarray(rise_sd, dtype=np.float64)
        self.shares = self.rises / total
        self.share_sd = self.rise_sd / total
        ends = self.weights + self.sd
        if len(self.rises):
            ends = np.fmax(ends, np.nan_to_num(self.shares + self.share_sd))
        self.ends = ends


def _spread(errors: pg.ErrorBarItem, x: np.ndarray, y: np.ndarray, sd: np.ndarray,
            height: float) -> None:
    """±sd bars where there is a spread: a bar of no width would still draw its beam, a
    tick that reads as an interval of zero (one run has no spread to show)."""
    some = sd > 0
    errors.setData(x=x[some], y=y[some], left=sd[some], right=sd[some], beam=height / 2)
    errors.setVisible(bool(some.any()))


def _rows(shown: Sequence[tuple[str, float]], groups: Sequence[Mapping],
          sd: Mapping[str, float], importance: Mapping[str, Mapping[str, float]]) -> _Rows:
    labels = [name for name, _ in shown] + [_GROUP_MARK + ", ".join(g["columns"]) for g in groups]
    weights = [w for _, w in shown] + [g["attention"] for g in groups]
    spread = [sd.get(name, 0.0) for name, _ in shown] + [0.0] * len(groups)
    if not importance:
        return _Rows(labels, weights, spread)
    # Shares of the columns' total rise: on the attention's scale, whatever the loss's units.
    total = sum(max(v["mean"], 0.0) for v in importance.values()) or 1.0
    rises = [importance[name]["mean"] if name in importance else np.nan for name, _ in shown]
    rise_sd = [importance[name]["sd"] if name in importance else 0.0 for name, _ in shown]
    rises += [g["importance"]["mean"] for g in groups]
    rise_sd += [g["importance"]["sd"] for g in groups]
    return _Rows(labels, weights, spread, rises, rise_sd, total)
