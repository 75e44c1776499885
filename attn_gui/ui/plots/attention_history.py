"""The attention of every feature over the epochs, with a legend of the current top ones."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from .curves import CurvePlot, Series, legend_height, legend_width
from .style import FEATURE_COLORS, LINE_STYLES

__all__ = ["AttentionHistory"]

LEGEND_SHARE = 0.25  # of the plot's height, at most, for the legend above the view


class AttentionHistory(CurvePlot):
    """One curve per feature over the epochs; the legend lists only the currently top ones,
    as many as fit the plot's height."""

    def __init__(self, top: int = 5, parent: QWidget | None = None) -> None:
        super().__init__("", "", parent=parent)  # titled below, once self.tr() is usable
        self.set_labels(self.tr("Attention over epochs"), self.tr("weight"))
        self.legend_limit = top
        self._ranked: list[str] = []
        self._legend_fit = ((-1.0, -1.0), top)  # (room, entries): the entries that fit it
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
        """As many of the top features as the row above the view has room for, side by side
        where they fit, in at most LEGEND_SHARE of the plot's height."""
        room = (self.getPlotItem().vb.width(), self.height() * LEGEND_SHARE)
        if self._legend_fit[0] == room:  # the same size as last time: the same shape
            self.show_in_legend(self._ranked[: self._legend_fit[1]])
            return
        # Each legend entry costs a few ms to lay out: tried once per size, then kept.
        for count in range(self.legend_limit, 0, -1):
            self.show_in_legend(self._ranked[:count])  # as many columns as fit the width
            if (legend_width(self._legend) <= room[0]
                    and legend_height(self._legend) <= room[1]):
                break
        listable = self._ranked[: self.legend_limit]
        # Kept only if measured with every entry it may list (curves come a few a turn).
        if len(listable) == self.legend_limit and all(map(self.has_curve, listable)):
            self._legend_fit = (room, count)

    def _add_curves(self, keys: Sequence[str]) -> None:
        super()._add_curves(keys)
        if self._ranked:  # entries join a ranked legend: it may no longer fit as it was
            self._fit_legend()
