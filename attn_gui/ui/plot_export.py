"""Plots to PNG or SVG files with pyqtgraph's own exporters, written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters)

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
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=f".{fmt}")
        os.close(fd)
        try:
            item = plot.getPlotItem()
            if fmt == "png":
                exporter = pg.exporters.ImageExporter(item)
                # At least 1200 px wide: sharp enough for a slide or a report.
                exporter.parameters()["width"] = max(1200, int(plot.width()))
            else:
                exporter = pg.exporters.SVGExporter(item)
            exporter.export(tmp)
            if os.path.getsize(tmp) == 0:
                raise OSError(f"nothing was written to '{target}'")
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
        written.append(target)
    return written
