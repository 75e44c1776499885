"""The plots while a run lasts: every one is redrawn mid-run, the best epoch is marked, a
run without attention says so, a failed run leaves the last one's plots in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from attn_gui.core.config import TrainConfig
from attn_gui.core.io import Table, read_table
from attn_gui.ui.jobs.paint_budget import PaintBudget, PaintClock, RefreshGuarantee
from attn_gui.ui.panels.training_monitor import TrainingMonitor
from tests.ui.helpers import TIMEOUT, wait_for, write_csv, write_wide_csv

RUN_TIMEOUT = 120_000  # bounds a failure only: shared machines are slow


@pytest.fixture(scope="module")
def wide(tmp_path_factory) -> Table:
    return read_table(write_wide_csv(tmp_path_factory.mktemp("wide") / "wide.csv"))


@pytest.fixture
def small(tmp_path: Path) -> Table:
    return read_table(write_csv(tmp_path / "three.csv"))


@pytest.fixture
def monitor(qtbot) -> TrainingMonitor:
    widget = TrainingMonitor()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def start(monitor: TrainingMonitor, table: Table, **values) -> None:
    monitor.set_from(TrainConfig(**{"patience": 0, **values}))
    assert monitor.start(TrainConfig(target="label"), table)


def drawn(monitor: TrainingMonitor) -> dict[str, int]:
    """How much each live plot shows: points of its curves, bars."""
    page = monitor.page()

    def points(curve) -> int:
        return 0 if curve.xData is None else len(curve.xData)

    history = page.attention_history
    return {"loss": points(page.loss_plot.curve("valid")),
            "score": points(page.score_plot.curve("valid")),
            "history": min(points(history.curve(f)) for f in history._curves),
            "bars": len(page.attention_bars.names)}


def test_every_plot_is_redrawn_mid_run_whatever_the_paint_budget(qtbot, monitor, wide):
    start(monitor, wide, epochs=100_000)
    # As if painting had used every bit of its share: only the guarantee draws now.
    monitor.paint_budget.share = monitor.paint_budget.burst = 0.0
    monitor.paint_budget.clock.seconds = 1e6
    wait_for(qtbot, lambda: monitor.epochs_done >= 4, RUN_TIMEOUT)
    wait_for(qtbot, lambda: min(drawn(monitor).values()) > 0, RUN_TIMEOUT)
    first = drawn(monitor)
    assert first["bars"] >= 3
    curves = {k: v for k, v in first.items() if k != "bars"}
    wait_for(qtbot, lambda: all(drawn(monitor)[k] > v for k, v in curves.items()), RUN_TIMEOUT)
    bars_epoch = monitor.page()._bars_epoch
    wait_for(qtbot, lambda: monitor.page()._bars_epoch > bars_epoch, RUN_TIMEOUT)
    assert monitor.is_running  # all of it seen mid-run, not from the final redraw
    assert min(monitor.refreshes.counts.values()) >= 2
    with qtbot.waitSignal(monitor.runFinished, timeout=RUN_TIMEOUT):
        monitor.stop()


def test_the_guarantee_draws_one_late_plot_a_tick_the_cheap_ones_first():
    budget = PaintBudget(share=0.0, burst=0.0)
    guarantee = RefreshGuarantee(budget, period=0.0)  # every plot is always late
    order = []
    clocks = {name: PaintClock(budget.clock) for name in ("costly", "cheap")}
    for name, clock in clocks.items():
        guarantee.add(name, lambda name=name: order.append(name) or True, clock)
    guarantee.start()
    budget.clock.seconds = 1e6  # over budget: only the guarantee draws
    clocks["costly"].add(1.0)
    assert guarantee.tick()
    assert order == ["cheap"]  # one plot a tick: one plot's paint a turn of the event loop
    assert guarantee.tick()
    assert order == ["cheap", "costly"] and guarantee.counts == {"costly": 1, "cheap": 1}

    guarantee.period = 1e6  # nothing is late, over budget: nothing drawn
    assert not guarantee.tick() and len(order) == 2


def test_the_best_epoch_is_marked_on_the_loss_and_score_curves(qtbot, monitor, small):
    seen = []
    monitor.runner.epoch.connect(lambda report: seen.append(report.best_epoch))
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT) as blocker:
        start(monitor, small, epochs=25, batch_size=8)
        wait_for(qtbot, lambda: monitor.loss_plot.best_epoch is not None)
        assert monitor.loss_plot.best_epoch in seen  # a best epoch a report named, mid-run
    final = blocker.args[0]["report"]
    for plot in (monitor.loss_plot, monitor.score_plot):
        assert plot.best_epoch == final.best_epoch >= 1
    assert monitor.attention_history.best_epoch is None


def test_a_run_without_attention_shows_a_note_not_uniform_weights(qtbot, monitor, small):
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        start(monitor, small, epochs=3)
    assert monitor.attention_bars.names and not monitor.attention_bars.note

    config = TrainConfig(target="label", attention="off")
    monitor.set_from(TrainConfig(epochs=3, patience=0))
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        assert monitor.start(config, small)
    for plot in (monitor.attention_bars, monitor.attention_history):
        assert plot.note.startswith("Attention off")
    assert monitor.attention_bars.names == [] and len(monitor.attention_history) == 0
    assert len(monitor.loss_plot.curve("valid").xData) == 3

    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        start(monitor, small, epochs=3)
    assert monitor.attention_bars.names and not monitor.attention_history.note


def test_a_new_runs_first_epoch_leaves_the_bars_to_their_own_refresh(qtbot, monitor, small):
    """The turn that begins a run repaints the curves; the bars wait for their slot of the
    refresh guarantee (four plots painted in one turn freeze the window four times as long)."""
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        start(monitor, small, epochs=3)
    page = monitor.page()
    shown = page.attention_bars.names
    assert shown
    page.begin("classification", ["x1", "x2", "x3"], attention_on=False)
    assert page.attention_bars.names == shown  # not redrawn in this turn
    for step in monitor.refreshes.flush_steps():
        step()
    assert page.attention_bars.names == []  # attention off: the last run's bars are gone
    assert page.attention_bars.note.startswith("Attention off")


def test_a_saved_run_without_attention_empties_the_bars_at_once(qtbot, monitor, small):
    from attn_gui.core.runs import Run

    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        start(monitor, small, epochs=3)
    assert monitor.attention_bars.names
    run = Run("off 1", TrainConfig(target="label", attention="off"), "classification",
              ["no", "yes"], ["x1", "x2"], {"train": {"loss": 0.5}, "valid": {"loss": 0.6}},
              {"x1": 0.5, "x2": 0.5}, {"valid_loss": [0.7, 0.6]}, 2, 2, "epochs", 1.0)
    monitor.show_run(run)
    assert monitor.attention_bars.names == []
    assert monitor.attention_bars.note.startswith("Attention off")


def test_a_run_failing_at_once_leaves_the_last_runs_plots_and_results(qtbot, monitor, small):
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        start(monitor, small, epochs=6)
    results = monitor.page().results
    before = (drawn(monitor), results.metrics_table.rowCount(), monitor.loss_plot.best_epoch)

    # refused in the worker, before the first epoch (a formula is refused before it starts)
    config = TrainConfig(target="nope", patience=0)
    monitor.set_from(config)
    with qtbot.waitSignal(monitor.runFailed, timeout=TIMEOUT) as blocker:
        assert monitor.start(config, small)
    assert "nope" in blocker.args[0] and monitor.epochs_done == 0
    assert drawn(monitor) == before[0] and before[0]["loss"] == 6
    assert results.metrics_table.rowCount() == before[1] > 0
    assert monitor.loss_plot.best_epoch == before[2] is not None


def test_a_diverging_run_shows_its_own_epochs_once_it_has_some(qtbot, monitor, small):
    with qtbot.waitSignal(monitor.runFinished, timeout=TIMEOUT):
        start(monitor, small, epochs=30)
    config = TrainConfig(target="label", optimizer="sgd", lr=1e6, scaling="none", patience=0,
                         epochs=30)
    monitor.set_from(config)
    with qtbot.waitSignal(monitor.runFailed, timeout=TIMEOUT) as blocker:
        assert monitor.start(config, small)
    assert "diverged" in blocker.args[0]
    assert drawn(monitor)["loss"] == monitor.epochs_done < 30
