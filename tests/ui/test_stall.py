"""The stall meter sees every freeze, including one at the very end, and the self-test's
meter covers the end of a run. Lower bounds only: a busy machine can only add to a gap."""

import time

import pytest
from PySide6.QtCore import QTimer

from attn_gui.resources import DEMO_CSV
from attn_gui.ui.app import selftest
from attn_gui.ui.app.selftest import SelfTest
from attn_gui.ui.jobs.stall import StallMeter

from .helpers import wait_for


def test_a_freeze_while_ticking_is_measured(qtbot):
    meter = StallMeter()
    meter.start()
    QTimer.singleShot(30, lambda: time.sleep(0.15))
    qtbot.wait(300)
    meter.stop()
    assert meter.max_gap_ms >= 150


def test_a_freeze_still_going_when_the_meter_stops_is_measured(qtbot):
    meter = StallMeter()
    meter.start()
    qtbot.wait(30)
    time.sleep(0.15)  # the GUI thread is frozen, then the meter is stopped at once
    meter.stop()
    assert meter.max_gap_ms >= 150


def test_the_self_test_reports_a_freeze_at_the_end_of_a_run(qtbot, window, monkeypatch):
    monkeypatch.setattr(selftest.QApplication, "quit", staticmethod(lambda: None))
    test = SelfTest(window, epochs=3, screenshot=None)
    # 150 ms of work in the GUI thread right after the run, as a slow results table would be
    window.monitor.runFinished.connect(lambda _result: time.sleep(0.15))
    test.begin(str(DEMO_CSV))
    wait_for(qtbot, lambda: test.done, timeout=60_000)
    assert test.stall.max_gap_ms >= 150
    assert test._phase_of(test.stall.max_gap_end_ms / 1000) == "end of run"


def _freeze_once(owner, name: str):
    """Make the method `name` of `owner` (an object or a class) freeze the GUI thread for
    150 ms the first time it runs, as a slow table or plot would."""
    real = getattr(owner, name)
    frozen = []

    def slow(*args, **kwargs):
        if not frozen:
            frozen.append(True)
            time.sleep(0.15)
        return real(*args, **kwargs)

    return slow, frozen


@pytest.mark.parametrize("where", ["showing the table", "building the page",
                                   "an epoch", "drawing the end of the run"])
def test_the_self_test_reports_a_freeze_in_every_phase(qtbot, window, monkeypatch, where):
    """Loading (the table shown a step at a time), the pages built after it, training and
    the steps that draw the end of a run: a freeze in any of them is in the stall."""
    from attn_gui.ui.panels import training_page
    from attn_gui.ui.panels.training_results import TrainingResults

    monkeypatch.setattr(selftest.QApplication, "quit", staticmethod(lambda: None))
    owner, name = {"showing the table": (window.data_panel.preview_view, "show_table"),
                   "building the page": (training_page, "AttentionHistory"),
                   "an epoch": (training_page.TrainingPage, "add_epoch"),
                   "drawing the end of the run": (TrainingResults, "_fill_metrics")}[where]
    slow, frozen = _freeze_once(owner, name)
    monkeypatch.setattr(owner, name, slow)
    test = SelfTest(window, epochs=3, screenshot=None)
    test.begin(str(DEMO_CSV))
    wait_for(qtbot, lambda: test.done, timeout=60_000)
    assert frozen and test.stall.max_gap_ms >= 150
    # Three short epochs may all be drawn after the job ended.
    assert test._phase_of(test.stall.max_gap_end_ms / 1000) in {
        "showing the table": {"loading"}, "building the page": {"loading"},
        "an epoch": {"training", "end of run"}, "drawing the end of the run": {"end of run"}}[where]
