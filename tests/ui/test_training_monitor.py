"""The training panel driven like a user would: real widgets, real worker thread, real core."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from attn_gui.core.config import TrainConfig
from attn_gui.core.io import Table, read_table
from attn_gui.ui.panels.training_monitor import TrainingMonitor
from tests.ui.helpers import TIMEOUT, wait_for, write_csv

FEATURES = ["a", "b", "c", "d"]


@pytest.fixture
def table(tmp_path: Path) -> Table:
    return read_table(write_csv(tmp_path / "three.csv"))


@pytest.fixture
def monitor(qtbot) -> TrainingMonitor:
    widget = TrainingMonitor()
    qtbot.addWidget(widget)  # closed at teardown: closeEvent shuts the runner down
    widget.resize(1400, 900)
    widget.show()
    return widget


def settings(monitor: TrainingMonitor, **values) -> TrainConfig:
    """Put `values` into the panel's widgets; return the data part of the config."""
    monitor.set_from(TrainConfig(**{"patience": 0, **values}))
    return TrainConfig(target="label")


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def buttons(monitor: TrainingMonitor) -> tuple[bool, bool, bool]:
    return (monitor.start_button.isEnabled(), monitor.pause_button.isEnabled(),
            monitor.stop_button.isEnabled())


def test_a_run_to_the_end_fills_every_view(qtbot, monitor, table):
    batches = []
    monitor.runner.progress.connect(batches.append)
    config = settings(monitor, epochs=30, batch_size=4)
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT) as blocker:
        assert monitor.start(config, table)
        assert buttons(monitor) == (False, True, True)
        assert not monitor.settings_box.isEnabled()
    final = blocker.args[0]["report"]
    assert final.stop_reason == "finished" and final.epoch == 30

    for plot in (monitor.loss_plot, monitor.score_plot):
        for key in ("train", "valid"):
            x, y = plot.curve(key).xData, plot.curve(key).yData
            assert len(x) == len(y) == 30
            assert list(x) == list(range(1, 31))
    for feature in FEATURES:
        assert len(monitor.attention_history.curve(feature).yData) == 30

    bars = monitor.attention_bars
    heights = bars.bar_item.opts["width"]  # horizontal bars: the weight is the bar's length
    assert sorted(bars.names) == FEATURES
    assert np.isclose(np.sum(heights), 1.0)
    assert list(heights) == sorted(heights, reverse=True)
    assert [t for _, t in bars.getAxis("left")._tickLevels[0]] == bars.names

    cm = monitor.confusion_plot.matrix
    assert cm.shape == (3, 3) and cm.sum() == sum(final.valid["per_class"]["support"])
    assert monitor.confusion_plot.isVisible()
    results = monitor.page().results
    assert results.per_class_table.rowCount() == 3
    assert [results.per_class_table.item(r, 0).text() for r in range(3)] == ["high", "low", "mid"]
    # accuracy, P, R, F1 macro, F1 weighted, ROC AUC, average precision, Brier, loss
    assert results.metrics_table.rowCount() == 9
    assert results.metrics_table.item(0, 1).text() == f"{final.valid['accuracy']:.4f}"
    assert results.metrics_table.item(5, 1).text() == f"{final.valid['roc_auc']:.4f}"

    total_batches = 30 * batches[-1].n_batches
    assert 0 < monitor.plot_updates < total_batches / 20
    assert buttons(monitor) == (True, False, False)
    assert monitor.settings_box.isEnabled()
    assert monitor.progress.status_label.text().startswith("Finished 30 epochs; best epoch")
    assert monitor.progress.bar.value() == monitor.progress.bar.maximum()


def test_pause_holds_the_run_and_resume_continues(qtbot, monitor, table):
    config = settings(monitor, epochs=100_000, batch_size=8)
    assert monitor.start(config, table)
    wait_for(qtbot, lambda: monitor.epochs_done >= 2)
    click(qtbot, monitor.pause_button)
    assert monitor.pause_button.text() == "Resume"
    qtbot.wait(200)  # reports already on their way still arrive
    held = monitor.epochs_done
    progress = monitor.progress.bar.value()
    qtbot.wait(300)
    assert monitor.epochs_done == held
    assert monitor.progress.bar.value() == progress
    assert monitor.progress.bar.format().startswith("paused")
    click(qtbot, monitor.pause_button)
    assert monitor.pause_button.text() == "Pause"
    wait_for(qtbot, lambda: monitor.epochs_done > held + 1)
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        click(qtbot, monitor.stop_button)


def test_stop_mid_run_keeps_the_best_weights_and_re_enables_start(qtbot, monitor, table):
    config = settings(monitor, epochs=100_000, batch_size=8)
    assert monitor.start(config, table)
    wait_for(qtbot, lambda: monitor.epochs_done >= 3)
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT) as blocker:
        click(qtbot, monitor.stop_button)
        assert not monitor.stop_button.isEnabled()
    final = blocker.args[0]["report"]
    assert final.stop_reason == "stopped"
    assert buttons(monitor) == (True, False, False)
    status = monitor.progress.status_label.text()
    assert status.startswith(f"Stopped by the user at epoch {final.epoch}")
    assert len(monitor.loss_plot.curve("train").yData) == final.epoch
    assert monitor.page().results.per_class_table.rowCount() == 3


@pytest.mark.parametrize(("setting", "message"), [
    (lambda m: m.field("hidden").setText("abc"), "Hidden layers must be whole numbers"),
    (lambda m: m.field("hidden").setText("64,0"), "Hidden layers must be whole numbers"),
])
def test_a_bad_setting_is_explained_and_nothing_starts(qtbot, monitor, table, setting, message):
    setting(monitor)
    failed = []
    monitor.runFailed.connect(failed.append)
    assert not monitor.start(TrainConfig(target="label"), table)
    assert monitor.progress.status_label.text().startswith(message)
    assert "c62828" in monitor.progress.status_label.styleSheet()
    assert not monitor.is_running and monitor.runner.worker_thread is None
    assert buttons(monitor) == (True, False, False)
    assert failed == []


def test_a_setting_the_engine_refuses_cannot_be_entered(monitor):
    # The editors take their bounds from the declarations: an open bound ("> 0") moves in
    # by the smallest step shown, so the window cannot hold what validate() refuses.
    monitor.field("lr").setValue(0.0)
    monitor.field("valid_fraction").setValue(1.0)
    config = monitor.apply_to(TrainConfig()).validate()
    assert config.lr == pytest.approx(1e-5) and config.valid_fraction == pytest.approx(0.99)


def test_a_diverging_run_says_so_and_the_panel_stays_usable(qtbot, monitor, table):
    config = settings(monitor, epochs=50, optimizer="sgd", lr=100.0, batch_size=16)
    config.scaling = "none"
    with qtbot.waitSignal(monitor.runFailed, timeout=TIMEOUT) as blocker:
        assert monitor.start(config, table)
    assert "diverged" in blocker.args[0]
    assert "diverged" in monitor.progress.status_label.text()
    assert "c62828" in monitor.progress.status_label.styleSheet()
    assert buttons(monitor) == (True, False, False)
    assert monitor.settings_box.isEnabled()

    config = settings(monitor, epochs=3)
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        assert monitor.start(config, table)
    assert monitor.progress.status_label.styleSheet() == ""


def test_shutdown_during_training_joins_the_thread_within_the_bound(qtbot, monitor, table):
    finished = []
    monitor.runFinished.connect(finished.append)
    assert monitor.start(settings(monitor, epochs=100_000, batch_size=4), table)
    wait_for(qtbot, lambda: monitor.epochs_done >= 1)
    thread = monitor.runner.worker_thread
    assert monitor.shutdown(timeout_ms=3000)
    assert thread.isFinished()
    assert not monitor.is_running
    qtbot.wait(200)
    assert finished == []  # what was still queued after shutdown is ignored
    assert buttons(monitor) == (True, False, False)
    assert monitor.progress.status_label.text() == "Training was stopped before it finished."


def test_a_regression_run_shows_r2_and_no_confusion_matrix(qtbot, monitor, table):
    config = settings(monitor, epochs=5)
    config.target = "a"
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        assert monitor.start(config, table)
    assert monitor.score_plot.getPlotItem().titleLabel.text == "R²"
    assert len(monitor.score_plot.curve("valid").yData) == 5
    assert not monitor.confusion_plot.isVisible()
    results = monitor.page().results
    assert not results.per_class_box.isVisible()
    labels = [results.metrics_table.verticalHeaderItem(r).text()
              for r in range(results.metrics_table.rowCount())]
    assert labels == ["R²", "RMSE", "MAE", "Loss (MSE)"]


def test_settings_round_trip_and_explain_themselves(monitor):
    config = TrainConfig(epochs=77, batch_size=5, lr=0.00123, optimizer="momentum", momentum=0.8,
                         lr_schedule="cosine", hidden=[64, 32], activation="tanh", patience=0,
                         seed=9, l2=0.0005)
    monitor.set_from(config)
    assert monitor.field("patience").text() == "off"
    assert monitor.field("momentum").isEnabled()
    assert monitor.apply_to(TrainConfig()) == config
    monitor.field("optimizer").setCurrentIndex(monitor.field("optimizer").findData("gd"))
    assert not monitor.field("batch_size").isEnabled() and not monitor.field("momentum").isEnabled()
    monitor.field("hidden").setText("")
    assert monitor.apply_to(TrainConfig()).hidden == []
    for widget in (monitor.field("epochs"), monitor.field("batch_size"), monitor.field("lr"),
                   monitor.field("optimizer"), monitor.field("lr_schedule"), monitor.field("hidden"),
                   monitor.field("activation"), monitor.field("patience"), monitor.field("seed"),
                   monitor.field("l2"), monitor.field("momentum")):
        assert len(widget.toolTip()) > 40
    assert "m̂" in monitor.field("optimizer").toolTip()


def test_hovering_a_curve_shows_the_exact_values(qtbot, monitor, table):
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT) as blocker:
        assert monitor.start(settings(monitor, epochs=10), table)
    final = blocker.args[0]["report"]
    plot = monitor.loss_plot
    view = plot.getPlotItem().vb
    plot.grab()  # the view fits its range when painted, as it is before a user can point
    scene_pos = view.mapViewToScene(QPointF(4.1, float(plot.curve("train").yData[3])))
    plot.scene().sigMouseMoved.emit(scene_pos)
    label = plot.hover_label
    assert label.isVisible()
    text = label.textItem.toPlainText()
    assert "epoch 4" in text
    assert f"{final.history['valid_loss'][3]:.6g}" in text
    plot.scene().sigMouseMoved.emit(QPointF(-50, -50))  # outside the plot
    assert not label.isVisible()


def test_plots_time_their_paints(monitor):
    budget = monitor.paint_budget
    monitor.loss_plot.repaint()
    assert budget.clock.seconds > 0  # a real paint event of a live plot was timed
    assert monitor.loss_plot.paint_clock.seconds > 0  # and counted as that plot's cost


def test_the_attention_history_keeps_a_short_legend_and_reuses_its_curves(monitor):
    history = monitor.attention_history
    features = [f"feature {i}" for i in range(12)]
    history.set_features(features)
    curves = {f: history.curve(f) for f in features}
    assert [label.text for _, label in history._legend.items] == features[:5]
    for epoch in (1, 2):
        history.append(epoch, {f: (i + 1) / 78 for i, f in enumerate(features)})
    history.refresh()  # ranked by the latest weights: the largest that fit, largest first
    listed = [label.text for _, label in history._legend.items]
    assert 1 <= len(listed) <= 5 and listed == features[::-1][: len(listed)]

    history.set_features(features)  # the next run on the same columns
    assert all(history.curve(f) is curves[f] for f in features)
    assert len(history) == 0 and len(history.data(features[0])) == 0
