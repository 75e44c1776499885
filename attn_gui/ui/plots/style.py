"""The look the plots share: colours, the application's palette, charts the code lays out."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

__all__ = ["BAR_COLOR", "FEATURE_COLORS", "IMPORTANCE_COLOR", "LINE_STYLES", "TRAIN_COLOR", "VALID_COLOR", "freeze",
           "run_color", "theme"]

TRAIN_COLOR = "#1f77b4"
VALID_COLOR = "#ff7f0e"
BAR_COLOR = "#4c72b0"
IMPORTANCE_COLOR = "#dd8452"  # permutation importance beside attention's BAR_COLOR
# Tableau 10: distinct on light and dark backgrounds (evenly spaced hues give yellow on white).
FEATURE_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
               Qt.PenStyle.DashDotLine)


def theme(plot: pg.PlotWidget) -> QColor:
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


def freeze(plot: pg.PlotWidget) -> None:
    """Charts whose ranges the code sets: no panning, zooming or context menu."""
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMenuEnabled(False)


def run_color(index: int) -> str:
    return FEATURE_COLORS[index % len(FEATURE_COLORS)]
