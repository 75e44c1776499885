"""The GUI thread claims the foreground while it paints a plot or runs a step of a page's
construction, and a background job waits at its next report meanwhile instead of taking
half the interpreter lock from it."""

from __future__ import annotations

import time

import pyqtgraph as pg

from attn_gui.ui.jobs import foreground
from attn_gui.ui.jobs.foreground import FOREGROUND
from attn_gui.ui.jobs.runner import JobRunner
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


def test_a_job_waits_at_its_next_report_while_the_foreground_is_claimed(qtbot, monkeypatch):
    monkeypatch.setattr(foreground, "PATIENCE", 30.0)  # the claim ends the wait, not a timeout
    steps = [0]

    def job(context):
        while not context.should_stop():
            steps[0] += 1
            context.report(steps[0])

    runner = JobRunner()
    runner.submit(job)
    try:
        qtbot.waitUntil(lambda: steps[0] > 10)
        with FOREGROUND.claimed():
            with FOREGROUND.claimed():  # nested: the outer claim still holds
                pass
            held = steps[0]
            time.sleep(0.3)  # the GUI thread busy: the job must not go on meanwhile
            assert steps[0] <= held + 1  # at most the step already under way
        assert not FOREGROUND.busy
        qtbot.waitUntil(lambda: steps[0] > held + 10)
    finally:
        runner.shutdown()
