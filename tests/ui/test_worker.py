"""The training worker and its runner, driven through a real QThread and the real core."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from attn_gui.core.config import TrainConfig
from attn_gui.core.io import Table, read_table
from attn_gui.core.training import BatchReport, EpochReport
from attn_gui.ui.app.core_text import sentence
from attn_gui.ui.jobs.worker import TrainingRunner
from tests.ui.helpers import TIMEOUT, wait_for, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Table:
    return read_table(write_csv(tmp_path / "three.csv"))


@pytest.fixture
def runner(qtbot):
    runner = TrainingRunner()
    yield runner
    assert runner.shutdown(5000)


def test_a_run_reports_prepared_epochs_and_the_trained_model(qtbot, runner, table):
    prepared, epochs = [], []
    runner.prepared.connect(prepared.append)
    runner.epoch.connect(epochs.append)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT) as blocker:
        runner.start(TrainConfig(target="label", epochs=5, patience=0), table)
        assert runner.is_running
    result = blocker.args[0]
    final = result["report"]
    assert isinstance(final, EpochReport) and final.final and final.stop_reason == "finished"
    assert result["trainer"].model_ is not None
    assert [e.epoch for e in epochs] == [1, 2, 3, 4, 5]
    assert not any(e.final for e in epochs)
    (info,) = prepared
    assert info["features"] == ["a", "b", "c", "d"]
    assert info["classes"] == ["high", "low", "mid"]
    assert info["task"] == "classification"
    assert info["n_train"] + info["n_valid"] == 300
    assert "train" in info["report"]
    assert not runner.is_running


def test_progress_is_throttled_in_the_producer(qtbot, runner, table):
    """Batch size 1 gives thousands of batches a second; the GUI sees at most ~30 of them."""
    received: list[tuple[float, BatchReport]] = []
    runner.progress.connect(lambda report: received.append((time.monotonic(), report)))
    config = TrainConfig(target="label", epochs=60, batch_size=1, patience=0)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT) as blocker:
        runner.start(config, table)
    final = blocker.args[0]["report"]
    n_batches = received[-1][1].n_batches
    total = final.epoch * n_batches
    times = np.array([t for t, _ in received])
    span = max(times[-1] - times[0], 1e-9)
    busiest = max(np.searchsorted(times, t + 1.0) - i for i, t in enumerate(times))
    assert span > 0.5, "the run was too short to measure a rate"
    assert len(received) / span <= 35
    assert busiest <= 35
    assert len(received) < total / 50
    first, last = received[0][1], received[-1][1]
    assert (first.epoch, first.batch) == (1, 1)
    assert (last.epoch, last.batch) == (final.epoch, n_batches)  # the last one is never dropped


@pytest.mark.parametrize(("changes", "expected"), [
    ({"target": "nope"}, "Unknown target column 'nope'"),
    ({"lr": 0.0}, "Learning rate must be a finite number > 0"),
    ({"weighting": "custom", "formula": "exp(("}, "Formula refused: syntax error"),
])
def test_user_errors_fail_with_one_sentence(qtbot, runner, table, changes, expected):
    config = TrainConfig(target="label", epochs=3)
    for name, value in changes.items():
        setattr(config, name, value)
    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT) as blocker:
        runner.start(config, table)
    message = sentence(blocker.args[0])  # a UserError, translated by the window
    assert expected in message
    assert message[0].isupper() and message.endswith(".") and "\n" not in message
    assert "Traceback" not in message
    assert not runner.is_running


def test_an_unexpected_error_becomes_a_sentence(qtbot, runner):
    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT) as blocker:
        runner.start(TrainConfig(epochs=3), None)  # not a table: prepare() raises AttributeError
    assert blocker.args[0].startswith("Training stopped on an unexpected error: AttributeError")


def test_numpy_warnings_travel_as_signals(qtbot, runner, table, monkeypatch):
    """The core silences the overflows it handles itself; any other NumPy floating-point
    warning raised in the worker reaches the window once per kind."""
    from attn_gui.core.training import Trainer

    real_metrics = Trainer._metrics

    def overflowing_metrics(self, y, out, **options):
        np.float32(3e38) * np.float32(10)  # a genuine overflow, raised by NumPy itself
        return real_metrics(self, y, out, **options)

    monkeypatch.setattr(Trainer, "_metrics", overflowing_metrics)
    warnings: list[str] = []
    runner.warning.connect(warnings.append)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT):
        runner.start(TrainConfig(target="label", epochs=3), table)
    assert any("overflow" in w for w in warnings)
    assert len(warnings) == len(set(warnings))  # once per kind, not once per operation


def test_start_while_running_is_refused(qtbot, runner, table):
    runner.start(TrainConfig(target="label", epochs=10_000, patience=0), table)
    with pytest.raises(RuntimeError):
        runner.start(TrainConfig(target="label"), table)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT) as blocker:
        runner.stop()
    assert blocker.args[0]["report"].stop_reason == "stopped"


def test_pause_holds_the_loop_and_resume_continues(qtbot, runner, table):
    epochs: list[EpochReport] = []
    runner.epoch.connect(epochs.append)
    runner.start(TrainConfig(target="label", epochs=10_000, batch_size=8, patience=0), table)
    wait_for(qtbot, lambda: len(epochs) >= 2)
    runner.pause()
    qtbot.wait(200)  # reports already queued still arrive
    held = len(epochs)
    qtbot.wait(300)
    assert len(epochs) == held
    runner.resume()
    wait_for(qtbot, lambda: len(epochs) > held + 1)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT):
        runner.stop()


def test_shutdown_joins_the_thread_and_drops_late_reports(qtbot, table):
    runner = TrainingRunner()
    finished, epochs = [], []
    runner.finished.connect(finished.append)
    runner.epoch.connect(epochs.append)
    runner.start(TrainConfig(target="label", epochs=10_000, batch_size=4, patience=0), table)
    wait_for(qtbot, lambda: len(epochs) >= 1)
    thread = runner.worker_thread
    started = time.monotonic()
    assert runner.shutdown(timeout_ms=3000)
    assert time.monotonic() - started < 3.0
    assert thread.isFinished()
    assert not runner.is_running and runner.worker_thread is None
    seen = len(epochs)
    qtbot.wait(200)  # anything still queued for the GUI thread must be dropped
    assert finished == [] and len(epochs) == seen
    assert runner.shutdown()  # a second call is harmless


def test_shutdown_while_paused(qtbot, table):
    runner = TrainingRunner()
    epochs: list[EpochReport] = []
    runner.epoch.connect(epochs.append)
    runner.start(TrainConfig(target="label", epochs=10_000, patience=0), table)
    wait_for(qtbot, lambda: len(epochs) >= 1)
    runner.pause()
    thread = runner.worker_thread
    assert runner.shutdown(timeout_ms=3000)
    assert thread.isFinished()


def test_the_run_keeps_a_copy_of_the_config(qtbot, runner, table):
    config = TrainConfig(target="label", epochs=3, patience=0)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT) as blocker:
        runner.start(config, table)
        config.epochs = 50  # the caller's object changes while the run goes on
    assert blocker.args[0]["report"].epoch == 3


def test_numbers_beyond_float32_fail_with_the_columns(qtbot, runner, tmp_path):
    table = read_table(write_csv(tmp_path / "huger.csv", scale=1e200))
    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT) as blocker:
        runner.start(TrainConfig(target="label", epochs=3, scaling="none"), table)
    assert "'a', 'b', 'c', 'd' hold numbers too large" in str(blocker.args[0])


def test_the_worker_is_destroyed_in_the_gui_thread(qtbot, runner, table):
    """Destroyed in its own thread, a worker took Qt's connection lock and then waited for
    the GIL while the GUI thread held the GIL and waited for that lock: the window froze as
    a run ended (seen in the 1M-row window benchmark)."""
    destroyed_in = []
    runner.start(TrainConfig(target="label", epochs=2, patience=0), table)
    worker = runner._current.worker
    worker.destroyed.connect(lambda: destroyed_in.append(threading.current_thread()),
                             Qt.ConnectionType.DirectConnection)
    wait_for(qtbot, lambda: destroyed_in)
    assert destroyed_in == [threading.main_thread()]


# -- the job runner every background job runs on ------------------------------------------

def test_a_generator_job_reports_its_items_and_returns_its_value(qtbot):
    from attn_gui.ui.jobs.runner import JobRunner

    def count(context):
        yield from range(3)
        return "done"

    runner = JobRunner()
    reported = []
    runner.reported.connect(reported.append)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT) as blocker:
        runner.submit(count)
    assert reported == [0, 1, 2] and blocker.args == ["done"]
    assert not runner.is_busy() and runner.shutdown()


def test_a_cancelled_job_reports_nothing_more(qtbot):
    from attn_gui.ui.jobs.runner import JobRunner

    started, seen = threading.Event(), []

    def endless(context):
        started.set()
        while not context.should_stop():
            context.report("tick")
            time.sleep(0.002)
        return "never shown"

    runner = JobRunner()
    runner.reported.connect(seen.append)
    runner.finished.connect(seen.append)
    runner.failed.connect(seen.append)
    runner.submit(endless)
    assert started.wait(10)
    wait_for(qtbot, lambda: seen)
    runner.cancel()
    assert not runner.is_busy()
    count = len(seen)
    qtbot.wait(200)  # reports already queued are dropped too
    assert len(seen) == count and "never shown" not in seen
    assert runner.shutdown(3000)


def test_an_unexpected_error_of_any_job_is_one_sentence(qtbot):
    from attn_gui.ui.jobs.runner import JobRunner

    def broken(context):
        return {}["missing"]

    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT) as blocker:
        runner.submit(broken)
    message = blocker.args[0]
    assert message == "The task stopped on an unexpected error: KeyError: 'missing'."
    assert runner.shutdown()


def test_a_detached_job_stuck_in_the_system_still_lets_its_thread_end(qtbot):
    from attn_gui.ui.jobs.runner import JobRunner, detached

    stuck = threading.Event()
    runner = JobRunner()
    runner.submit(detached(lambda context: stuck.wait(60)))
    thread = runner.job_thread
    try:
        assert runner.shutdown(3000)  # the read is abandoned, its QThread joined
        assert thread.isFinished()
    finally:
        stuck.set()
