"""The GUI thread claims the foreground while it paints a plot or runs a step of a page's
construction: background loops (`core.foreground.give_way`) wait meanwhile instead of
taking half the interpreter lock from it."""

from __future__ import annotations

import pyqtgraph as pg

from attn_gui.core.foreground import FOREGROUND
from attn_gui.ui.jobs.steps import Steps
from attn_gui.ui.plots.curves import CurvePlot, Series
from attn_gui.ui.plots.style import TRAIN_COLOR


class _Witness(pg.GraphicsObject):
    """An item that notes whether the foreground was claimed while it was painted."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[bool] = []

    def boundingRect(self):  # noqa: N802  (Qt's name)
        from PySide6.QtCore import QRectF

        return QRectF(0, 0, 1, 1)

    def paint(self, painter, *args) -> None:
        self.seen.append(FOREGROUND.busy)


def test_a_plot_is_painted_with_the_foreground_claimed(qtbot):
    plot = CurvePlot("Loss", "loss", [Series("train", "train", TRAIN_COLOR)])
    qtbot.addWidget(plot)
    witness = _Witness()
    plot.getPlotItem().addItem(witness)
    plot.getPlotItem().setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    plot.resize(400, 300)
    plot.show()
    qtbot.waitExposed(plot)
    plot.grab()
    assert witness.seen and all(witness.seen)
    assert not FOREGROUND.busy  # released once the paint is over


def test_each_step_runs_with_the_foreground_claimed(qtbot):
    steps = Steps()
    seen: list[bool] = []
    steps.add(lambda: seen.append(FOREGROUND.busy), lambda: seen.append(FOREGROUND.busy))
    with qtbot.waitSignal(steps.done):
        pass
    steps.add(lambda: seen.append(FOREGROUND.busy))
    steps.finish()
    assert seen == [True, True, True]
    assert not FOREGROUND.busy
