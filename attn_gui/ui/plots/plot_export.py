"""Plots to PNG or SVG files, written atomically.

PNG goes through pyqtgraph's ImageExporter (it can render wider than the widget). SVG is
Qt's own QSvgGenerator painting the plot's scene: pyqtgraph's SVGExporter rewrites Qt's
path data by hand and fails on the path syntax Qt 6 writes (pyqtgraph issue #3485).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters)
from PySide6.QtCore import QRect
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from ...core.files import publish, temporary_beside

__all__ = ["FORMATS", "export_plots"]

FORMATS = ("png", "svg")


def export_plots(plots: Mapping[str, pg.PlotWidget], base: str | Path, fmt: str) -> list[Path]:
    """One file per plot, named `<base>-<key>.<fmt>`; returns the paths written.

    Each file goes to a temporary name first, so an export that fails halfway never leaves
    a truncated picture under the final name. Raises OSError if a file cannot be written.
    """
    if fmt not in FORMATS:
        raise ValueError(fmt)
    base = Path(base)
    stem = base.name.removesuffix(f".{fmt}")
    written = []
    for key, plot in plots.items():
        target = base.with_name(f"{stem}-{key}.{fmt}")
        tmp = temporary_beside(target, suffix=f".{fmt}")
        try:
            if fmt == "png":
                exporter = pg.exporters.ImageExporter(plot.getPlotItem())
                # Twice the plot's size on screen: sharp on paper and on a high-DPI slide,
                # with text in the proportions the plot was laid out for (stretched to a
                # fixed 1200 px, a 300 px plot's labels came out four times too large).
                exporter.parameters()["width"] = 2 * max(1, int(plot.width()))
                exporter.export(str(tmp))
            else:
                _write_svg(plot, str(tmp), title=key)
            if tmp.stat().st_size == 0:
                raise OSError(f"nothing was written to '{target}'")
            publish(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        written.append(target)
    return written


def _write_svg(plot: pg.PlotWidget, path: str, title: str) -> None:
    size = plot.size()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    try:
        plot.render(painter, target=QRect(0, 0, size.width(), size.height()))
    finally:
        painter.end()
