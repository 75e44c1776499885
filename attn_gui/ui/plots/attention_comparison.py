"""Several runs' attention weights side by side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from .fitted_plot import FittedPlot
from .style import freeze, theme
from .text_fit import NAME_SHARE, elide, elide_px

__all__ = ["AttentionComparison"]

_LEGEND_SAMPLE = 60  # px of a legend row that are not its text: sample, margins, offset


class AttentionComparison(FittedPlot):
    """Several runs' attention side by side: per feature one bar per run, in the run's colour.

    Features are ordered by their largest weight in any run, so what some run found to
    matter is at the top.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._fg = theme(self)
        item = self.getPlotItem()
        self.set_title(self.tr("Attention by run"))
        item.setLabel("bottom", self.tr("weight"))
        item.showGrid(x=True, alpha=0.2)
        item.vb.invertY(True)
        freeze(self)
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
        self.settle()  # one paint, not two (FittedPlot.settle)

    def _fit_names(self) -> None:
        """Feature and run names elided to the room the plot has: a legend wider than the
        view would run under the axis."""
        axis = self.getAxis("left")
        room = NAME_SHARE * self.width()
        axis.setTicks([[(i, elide_px(elide(f), axis.font(), room))
                        for i, f in enumerate(self.features)]])
        self._legend.clear()
        view = self.getPlotItem().vb.width()
        for bars, name in zip(self._bars, self._run_names, strict=True):
            self._legend.addItem(bars, elide_px(name, self.font(), view - _LEGEND_SAMPLE))

    def widths(self, run: int) -> np.ndarray:
        """The bar lengths drawn for the run-th compared run, in `features` order."""
        return np.asarray(self._bars[run].opts["width"], dtype=np.float64)
