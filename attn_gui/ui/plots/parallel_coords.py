"""Parallel coordinates of a sweep, as TensorBoard's HParams dashboard draws them.

One vertical axis per swept setting and a last one for the metric; each run is a polyline
through its values, coloured by its metric (and drawn above the runs that scored lower),
so good regions of the settings show as bundles of warm lines. A numeric axis spans the
values the sweep can take (logarithmically when asked); a categorical one spaces its
levels evenly. A run that failed has no metric: its line is grey and stops before the
metric axis. Clicking a line selects the run; `highlight` marks one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from ...core.config import OPTIONS
from ...core.sweep import SweepSpec, shown_value
from ..jobs.paint_budget import ForegroundPaint
from ..widgets.option_form import option_text
from .style import freeze, theme

__all__ = ["Axis", "ParallelCoordinates", "axis_value", "level_text", "metric_color",
           "sweep_axes"]

# Plasma, stopped before its pale yellow: each end stands out on light and dark backgrounds.
_COLORMAP = pg.ColorMap([0.0, 0.25, 0.5, 0.75, 1.0],
                        ["#0d0887", "#6a00a8", "#b12a90", "#e16462", "#fca636"])
_FAILED = QColor(150, 150, 150)
_WIDTH, _SELECTED_WIDTH = 1.6, 4.0
_DIMMED_ALPHA = 70
_TITLE_Y, _BOTTOM = 1.07, -0.06
# A numeric axis is logarithmic when its values span this factor or more (0.001 … 0.1).
_LOG_SPAN = 100.0


@dataclass
class Axis:
    """A swept setting's axis: categorical with `levels`, else numeric from low to high."""

    title: str
    levels: list[str] | None = None
    low: float = 0.0
    high: float = 1.0
    log: bool = False

    def position(self, value) -> float:
        """Where `value` sits on the axis, 0 (bottom) to 1 (top)."""
        if self.levels is not None:
            n = len(self.levels)
            return 0.5 if n < 2 else self.levels.index(value) / (n - 1)
        low, high, v = self.low, self.high, float(value)
        if self.log:
            low, high, v = math.log(low), math.log(high), math.log(v)
        return 0.5 if high == low else (v - low) / (high - low)

    def ticks(self) -> list[tuple[float, str]]:
        if self.levels is not None:
            return [(self.position(level), level) for level in self.levels]
        if self.low == self.high:
            return [(0.5, f"{self.low:g}")]
        middle = math.sqrt(self.low * self.high) if self.log else (self.low + self.high) / 2
        return [(self.position(v), f"{v:.3g}") for v in (self.low, middle, self.high)]


def metric_color(fraction: float) -> QColor:
    """The colour of a run whose metric lies `fraction` of the way from the lowest to the
    highest; grey for a run without one."""
    if not math.isfinite(fraction):
        return QColor(_FAILED)
    return _COLORMAP.map(min(max(fraction, 0.0), 1.0), mode=pg.ColorMap.QCOLOR)


class ParallelCoordinates(ForegroundPaint, pg.PlotWidget):
    lineClicked = Signal(int)  # the key of the run whose line was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._fg = theme(self)
        freeze(self)
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        self.axes: list[Axis] = []
        self.metric_title = ""
        self.lines: dict[int, pg.PlotCurveItem] = {}
        self._values: dict[int, list[float]] = {}  # key → positions on the settings' axes
        self._scores: dict[int, float] = {}
        self._decor: list[pg.GraphicsObject] = []  # the axes' lines, titles and ticks
        self._metric_ticks: list[pg.TextItem] = []
        self._metric_range: tuple[float, float] | None = None
        self._drawn: dict[int, tuple] = {}  # key → (fraction, selected, dimmed) as drawn
        self._selected: int | None = None

    # -- axes ----------------------------------------------------------------------------
    def set_axes(self, axes: list[Axis], metric_title: str) -> None:
        """New axes (the settings', then the metric's); every line is removed."""
        item = self.getPlotItem()
        for thing in [*self.lines.values(), *self._decor, *self._metric_ticks]:
            item.removeItem(thing)
        self.lines, self._values, self._scores, self._selected = {}, {}, {}, None
        self._drawn, self._metric_ticks, self._metric_range = {}, [], None
        self.axes, self.metric_title = list(axes), metric_title
        self._decor = []
        for x, axis in enumerate([*self.axes, Axis(metric_title, levels=[])]):
            self._decor += self._axis_items(x, axis)
        item.setXRange(-0.25, len(self.axes) + 0.45, padding=0)
        item.setYRange(_BOTTOM - 0.04, _TITLE_Y + 0.06, padding=0)

    def _axis_items(self, x: int, axis: Axis) -> list[pg.GraphicsObject]:
        """An axis's line, title and tick labels, added to the plot."""
        line = pg.PlotCurveItem([x, x], [0.0, 1.0], pen=pg.mkPen(self._fg, width=1))
        line.setZValue(-10)
        title = pg.TextItem(axis.title, color=self._fg, anchor=(0.5, 1.0))
        title.setPos(x, _TITLE_Y)
        title.setZValue(10)
        items = [line, title, *self._tick_items(x, axis)]
        for thing in items:
            self.getPlotItem().addItem(thing)
        return items

    def _tick_items(self, x: int, axis: Axis) -> list[pg.TextItem]:
        labels = []
        for y, text in axis.ticks():
            label = pg.TextItem(text, color=self._fg, anchor=(0.0, 0.5))
            label.setPos(x + 0.03, y)
            label.setZValue(10)
            labels.append(label)
        return labels

    def _metric_axis(self) -> Axis:
        scores = [s for s in self._scores.values() if math.isfinite(s)]
        if not scores:
            return Axis(self.metric_title, levels=[])
        return Axis(self.metric_title, low=min(scores), high=max(scores))

    def metric_ticks(self) -> list[str]:
        """The metric axis's tick labels as drawn."""
        return [label.toPlainText() for label in self._metric_ticks]

    def _update_metric_ticks(self, metric: Axis) -> None:
        """The metric axis's labels follow its range, which moves as runs arrive."""
        span = None if metric.levels is not None else (metric.low, metric.high)
        if span == self._metric_range:
            return
        item = self.getPlotItem()
        for label in self._metric_ticks:
            item.removeItem(label)
        self._metric_ticks = self._tick_items(len(self.axes), metric)
        for label in self._metric_ticks:
            item.addItem(label)
        self._metric_range = span

    # -- runs ----------------------------------------------------------------------------
    def add_run(self, key: int, values: list, score: float) -> None:
        """A run's line through its settings' `values` (in the axes' order) and `score`,
        drawn at the next `refresh` (every line moves with the metric axis's range)."""
        self._values[key] = [axis.position(v) for axis, v in zip(self.axes, values, strict=True)]
        self._scores[key] = float(score)
        line = pg.PlotCurveItem(clickable=True)
        line.setClickable(True, width=8)
        line.sigClicked.connect(lambda _item, _event=None, k=key: self.lineClicked.emit(k))
        self.lines[key] = line
        self.getPlotItem().addItem(line)

    def fractions(self) -> dict[int, float]:
        """Each run's place between the lowest and the highest metric (NaN: none)."""
        metric = self._metric_axis()
        return {k: metric.position(s) if math.isfinite(s) else math.nan
                for k, s in self._scores.items()}

    def colors(self) -> dict[int, QColor]:
        return {k: metric_color(f) for k, f in self.fractions().items()}

    def highlight(self, key: int | None) -> None:
        """Draw one run's line wide and the others faded; None shows every line alike."""
        self._selected = key
        self.refresh()

    def refresh(self) -> None:
        """Place and colour every line whose place or colour changed."""
        metric = self._metric_axis()
        self._update_metric_ticks(metric)
        for key, line in self.lines.items():
            score = self._scores[key]
            fraction = metric.position(score) if math.isfinite(score) else math.nan
            selected = key == self._selected
            dimmed = self._selected is not None and not selected
            state = (fraction, selected, dimmed)
            if self._drawn.get(key) == state:
                continue
            self._drawn[key] = state
            ys = self._values[key] + ([fraction] if math.isfinite(fraction) else [])
            color = metric_color(fraction)
            if dimmed:
                color.setAlpha(_DIMMED_ALPHA)
            style = Qt.PenStyle.SolidLine if math.isfinite(fraction) else Qt.PenStyle.DashLine
            line.setPen(pg.mkPen(color, width=_SELECTED_WIDTH if selected else _WIDTH,
                                 style=style))
            line.setData(np.arange(len(ys), dtype=float), np.asarray(ys, dtype=float))
            # better runs above worse ones, the selected one above all
            line.setZValue(2.0 if selected else (fraction if math.isfinite(fraction) else -1.0))


# -- a sweep's axes -------------------------------------------------------------------------
def sweep_axes(spec: SweepSpec, none: str) -> list[Axis]:
    """The plot's axis of each swept setting: a number's spans the values it can take
    (logarithmic for log-uniform draws, or values spanning a factor of 100 or more), any
    other setting's has its values as levels, in the order given."""
    axes = []
    for name in spec.names:
        option = OPTIONS[name]
        title = option_text(option.label)
        if name in spec.grid:
            kind, values = "choice", spec.grid[name]
        else:
            kind, values = next(iter(spec.random[name].items()))
        if option.kind in ("int", "float"):
            low, high = min(values), max(values)
            log = kind == "log_uniform" or (kind != "uniform" and low > 0
                                            and high / low >= _LOG_SPAN)
            axes.append(Axis(title, low=low, high=high, log=log))
        else:
            levels = [level_text(v, none) for v in values]
            axes.append(Axis(title, levels=list(dict.fromkeys(levels))))
    return axes


def level_text(value: Any, none: str) -> str:
    return none if isinstance(value, list) and not value else shown_value(value)


def axis_value(name: str, value: Any, none: str) -> Any:
    return value if OPTIONS[name].kind in ("int", "float") else level_text(value, none)

