"""A group of repeats or folds in the real window: live mean curves with bands, attention
with error bars, metrics as mean ± sd, permutation importance beside attention, and all of
it saved in the project and shown again when it is opened."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from attn_gui.core.importance import disagreement, group_note, importance_report
from attn_gui.core.project import load_project
from attn_gui.core.repeats import summarise
from attn_gui.ui.app.core_text import translated
from attn_gui.ui.app.main_window import MainWindow
from tests.ui.helpers import TIMEOUT, wait_for

RUN_TIMEOUT = 240_000  # bounds a failure only


def open_file(qtbot, window: MainWindow, path) -> None:
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(path))


def set_group(window: MainWindow, mode: str, k: int, epochs: int, patience: int = 0) -> None:
    editor = window.monitor.settings_box.field("repeats")
    assert editor is window.monitor.settings_box.field("cv")  # one setting in the window
    editor.mode.setCurrentIndex(editor.mode.findData(mode))
    editor.count.setValue(k)
    window.monitor.field("epochs").setValue(epochs)
    window.monitor.field("patience").setValue(patience)


def train_group(qtbot, window: MainWindow) -> dict:
    results = []
    window.monitor.runFinished.connect(results.append)
    window.start_training()
    wait_for(qtbot, lambda: results, RUN_TIMEOUT)
    return results[0]


def nan_band(histories: list[dict], key: str) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sd per epoch over the runs that reached it, by NumPy's nan-aware functions."""
    length = max(len(h[key]) for h in histories)
    M = np.array([h[key] + [np.nan] * (length - len(h[key])) for h in histories])
    counts = np.sum(np.isfinite(M), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.where(counts > 1, np.nanstd(M, axis=0, ddof=1), 0.0)
    return np.nanmean(M, axis=0), sd


def test_repeats_and_folds_are_one_setting_that_reaches_the_config(window):
    box = window.monitor.settings_box
    editor = box.field("repeats")
    assert box.form.labelForField(editor).text() == "Repeats / folds"
    assert "first run's model" in editor.toolTip()
    assert [editor.mode.itemData(i) for i in range(editor.mode.count())] == ["one", "repeats", "cv"]
    assert not editor.count.isEnabled()  # one run needs no K
    for mode, k, want in (("repeats", 4, (4, 0)), ("cv", 3, (1, 3)), ("one", 3, (1, 0))):
        editor.mode.setCurrentIndex(editor.mode.findData(mode))
        editor.count.setValue(k)
        config = window.current_config()
        assert (config.repeats, config.cv) == want


def pause_at_runs(monitor, indexes: set[int]) -> None:
    """Pause the group as each of these runs starts, in the worker's thread, before it
    trains: the test looks at a group mid-way however fast its runs are."""
    runner = monitor.runner
    control = runner._control

    def hold(item) -> None:
        kind, value = item
        if kind == "member" and value.report is None and value.index in indexes:
            control.pause()

    runner._current.worker.reported.connect(hold, Qt.ConnectionType.DirectConnection)


def test_a_group_draws_its_runs_live_then_their_mean_and_spread(qtbot, window, real_data):
    open_file(qtbot, window, real_data / "pima_tr2.csv")
    set_group(window, "repeats", 3, epochs=200)
    monitor, results = window.monitor, []
    monitor.runFinished.connect(results.append)
    window.start_training()
    pause_at_runs(monitor, {2, 3})
    page = monitor.page()
    # Mid-run: run 2 is about to train, run 1 is in the band.
    wait_for(qtbot, lambda: page.group.index == 2 and len(page.group.finals) == 1, RUN_TIMEOUT)
    monitor._paused = True  # as Pause would: the runner's control is already held
    assert monitor.is_running and not results
    band = page.loss_plot.band("valid")
    assert band.visible
    first = page.group.finals[0].history["valid_loss"]
    np.testing.assert_allclose(band.mean_values, first)  # one finished run: its own curve
    np.testing.assert_allclose(band.sd, 0.0)
    wait_for(qtbot, lambda: "run 2 of 3" in monitor.progress.bar.format(), RUN_TIMEOUT)
    monitor.resume()
    # Run 3 about to start: the band and the error bars have grown by run 2.
    wait_for(qtbot, lambda: page.group.index == 3 and len(page.group.finals) == 2, RUN_TIMEOUT)
    assert monitor.is_running and not results
    mean, sd = nan_band([f.history for f in page.group.finals], "valid_loss")
    np.testing.assert_allclose(band.mean_values, mean)
    np.testing.assert_allclose(band.sd, sd)
    assert np.any(band.sd > 0)
    wait_for(qtbot, lambda: page.attention_bars.error_item.isVisible(), RUN_TIMEOUT)
    monitor._paused = True
    monitor.resume()
    wait_for(qtbot, lambda: results, RUN_TIMEOUT)

    result = results[0]
    kept = result["kept"]
    assert len(kept) == 3 and [r.seed for r in kept] == [0, 1, 2]
    summary = summarise(kept)
    histories = [r.final.history for r in kept]
    for plot, metric in ((page.loss_plot, "loss"), (page.score_plot, "f1")):
        for split in ("train", "valid"):
            mean, sd = nan_band(histories, f"{split}_{metric}")
            drawn = plot.band(split)
            np.testing.assert_allclose(drawn.mean_values, mean, rtol=1e-12)
            np.testing.assert_allclose(drawn.sd, sd, rtol=1e-9, atol=1e-15)
            # the band's edges are mean ∓ sd
            np.testing.assert_allclose(drawn.upper.getData()[1], mean + sd, rtol=1e-12)
    # the kept (first) run's curves under the bands
    np.testing.assert_allclose(page.loss_plot.data("valid"), histories[0]["valid_loss"])
    bars = page.attention_bars
    rows = bars.rows
    assert rows.labels == sorted(summary["attention"], key=summary["attention"].get,
                                 reverse=True)[: len(rows.labels)]
    np.testing.assert_allclose(rows.weights, [summary["attention"][n] for n in rows.labels])
    np.testing.assert_allclose(rows.sd, [summary["attention_sd"][n] for n in rows.labels])
    errors = bars.error_item.opts
    spread = rows.sd > 0  # rows without a spread (the groups' sums here) get no bar at all
    assert spread.any()
    np.testing.assert_allclose(errors["left"], rows.sd[spread])
    np.testing.assert_allclose(errors["x"], rows.weights[spread])
    table = page.results.metrics_table
    f1_row = next(r for r in range(table.rowCount())
                  if table.verticalHeaderItem(r).text().startswith("F1"))
    m, s = summary["metrics"]["valid"]["f1"], summary["metrics_sd"]["valid"]["f1"]
    assert table.item(f1_row, 1).text() == f"{m:.3f} ± {s:.3f}"
    assert "3 runs" in page.results.metrics_box.title()
    assert page.evidence.lines[0].startswith("Across 3 runs")
    run = window.session.runs[-1]
    assert run.group["runs"] == 3 and run.metrics == summary["metrics"]


def test_importance_beside_attention_equals_the_cores(qtbot, window, real_data):
    open_file(qtbot, window, real_data / "penguins.csv")
    set_group(window, "cv", 3, epochs=40, patience=20)
    result = train_group(qtbot, window)
    monitor = window.monitor
    page = monitor.page()
    assert page.importance_button.isEnabled()
    with qtbot.waitSignal(monitor.importanceComputed, timeout=RUN_TIMEOUT) as got:
        page.importance_button.click()
    report = got.args[0]
    attention = result["summary"]["attention"]
    want = importance_report(result["kept"], attention)  # the same shuffles, seeded
    assert report == want
    rows = page.attention_bars.rows
    total = sum(max(v["mean"], 0.0) for v in want["importance"].values())
    columns = [label for label in rows.labels if label in want["importance"]]
    np.testing.assert_allclose(rows.rises[: len(columns)],
                               [want["importance"][c]["mean"] for c in columns])
    np.testing.assert_allclose(rows.shares[: len(columns)],
                               [want["importance"][c]["mean"] / total for c in columns])
    assert page.attention_bars.importance_item.isVisible()
    # the correlated group drawn as a row of its own, shuffled together
    joint = [g for g in want["groups"] if len(g["columns"]) > 1]
    assert joint, "penguins has a correlated pair (flipper length, body mass)"
    label = "Σ " + ", ".join(joint[0]["columns"])
    row = rows.labels.index(label)
    assert rows.rises[row] == joint[0]["importance"]["mean"]
    assert rows.weights[row] == pytest.approx(joint[0]["attention"])
    lines = page.evidence.lines
    a = want["agreement"]
    assert any(line.startswith(f"Attention vs shuffling: Pearson {a['pearson']:.2f}")
               for line in lines)
    # the column names as they are, not capitalised
    assert translated(group_note(joint[0], 3)) + "." in lines
    note = disagreement(attention, want["importance"])
    assert note is None or translated(note) + "." in lines
    assert window.session.runs[-1].importance == want


def test_a_group_and_its_importance_survive_the_project_file(qtbot, window, real_data,
                                                            tmp_path):
    open_file(qtbot, window, real_data / "penguins.csv")
    set_group(window, "repeats", 2, epochs=25)
    train_group(qtbot, window)
    with qtbot.waitSignal(window.monitor.importanceComputed, timeout=RUN_TIMEOUT):
        window.monitor.compute_importance()
    run = window.session.runs[-1]
    path = tmp_path / "group.atproj"
    window.workflow._save_to(path)
    saved = load_project(path).runs[-1]
    assert saved.group == run.group and saved.importance == run.importance
    assert saved.metrics == run.metrics and saved.attention == run.attention

    fresh = MainWindow()
    qtbot.addWidget(fresh)
    fresh.resize(1280, 800)
    fresh.show()
    with qtbot.waitSignal(fresh.data_panel.tableLoaded, timeout=TIMEOUT):
        assert fresh.workflow.open_project_path(path)
    page = fresh.monitor.page()
    band = page.loss_plot.band("valid")
    assert band.visible
    np.testing.assert_allclose(band.mean_values, run.group["curves"]["valid_loss"]["mean"])
    rows = page.attention_bars.rows
    np.testing.assert_allclose(rows.sd[:2], [run.group["attention_sd"][n]
                                             for n in rows.labels[:2]])
    assert page.attention_bars.importance_item.isVisible()
    assert page.evidence.lines[0].startswith("Across 2 runs")
    assert "2 runs" in page.results.metrics_box.title()
    assert not page.importance_button.isEnabled()  # the runs' models are not in memory
    fresh.close()


def test_stopping_a_group_keeps_the_finished_runs_and_says_so(qtbot, window, real_data):
    open_file(qtbot, window, real_data / "pima_tr2.csv")
    set_group(window, "repeats", 4, epochs=500)
    monitor, results = window.monitor, []
    monitor.runFinished.connect(results.append)
    window.start_training()
    page = monitor.page()
    wait_for(qtbot, lambda: page.group.index == 2 and page._latest is not None, RUN_TIMEOUT)
    # Run 1 ran its epochs; run 2 is stopped half-way and left out of the summary.
    monitor.stop()
    wait_for(qtbot, lambda: results, RUN_TIMEOUT)
    result = results[0]
    assert len(result["runs"]) == 2 and len(result["kept"]) == 1
    assert result["runs"][1].final.stop_reason == "stopped"
    assert "Stopped in run 2 of 4" in monitor.progress.status_label.text()
