"""The attention of every feature over the epochs, with a legend of the current top ones."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from .curves import LEGEND_OFFSET, CurvePlot, Series
from .style import FEATURE_COLORS, LINE_STYLES

__all__ = ["AttentionHistory"]



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
        self.set_series([Series(f, f, FEATURE_COLORS[i % k], LINE_STYLES[(i // k) % len(LINE_STYLES)])
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
        room = self.getPlotItem().vb.height() - LEGEND_OFFSET
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
