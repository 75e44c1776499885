"""Training ▸ Sweep in the real window: twelve runs on a real file in the background, a
sorted table, a parallel-coordinates line per run, restoring a run's settings into the
forms, adding runs to the Runs page, Stop, and a bad value refused in one sentence."""

import json

from PySide6.QtCore import Qt

from attn_gui.core.io import read_table
from attn_gui.core.sweep import load_spec, parse_spec
from attn_gui.ui.panels.sweep_table import SORT_ROLE
from tests.ui.helpers import TIMEOUT, wait_for


def _open_sweep(qtbot, window, path, epochs):
    assert not window.actions["sweep"].isEnabled()  # no table yet
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(path))
    window.monitor.field("epochs").setValue(epochs)
    assert window.actions["sweep"].isEnabled()
    window.actions["sweep"].trigger()
    dialog = window.workflow.sweeps.dialog
    assert dialog.isVisible()
    return dialog


def _column(dialog, column):
    proxy = dialog.proxy
    return [proxy.data(proxy.index(r, column), SORT_ROLE) for r in range(proxy.rowCount())]


def test_a_sweep_of_twelve_runs_in_the_window(qtbot, window, real_data, tmp_path):
    dialog = _open_sweep(qtbot, window, real_data / "pima_tr2.csv", epochs=10)
    editor = dialog.editor
    # the sweep by default: weighting × temperature × learning rate
    assert list(editor.rows) == ["weighting", "temperature", "lr"]
    assert dialog.count_label.text() == "12 runs" and dialog.start_button.isEnabled()
    editor.rows["weighting"].boxes["linear"].setChecked(True)
    assert dialog.count_label.text() == "18 runs"
    editor.rows["weighting"].boxes["linear"].setChecked(False)
    progress = []
    dialog.runner.progress.connect(progress.append)
    with qtbot.waitSignal(dialog.sweepEnded, timeout=180_000):
        assert dialog.start()
        # it trains in the background: start() has returned with the sweep under way
        assert dialog.is_running() and dialog.stop_button.isEnabled()
        assert not dialog.editor.isEnabled() and not dialog.start_button.isEnabled()
    assert progress  # reports reached the GUI thread while the worker trained
    assert not dialog.is_running() and dialog.start_button.isEnabled()
    assert dialog.bar.value() == 100
    results = dialog.results
    assert len(results) == 12 and all(r.ok for r in results)
    assert dialog.status.text().startswith("12 runs in ") and "Best: run " in dialog.status.text()

    # the table: one row per run, sorted by the metric, best first; and by any column
    model, metric = dialog.model, dialog.model.metric_column
    assert model.headerData(metric, Qt.Orientation.Horizontal) == "validation F1"
    scores = _column(dialog, metric)
    assert scores == sorted((r.score for r in results), reverse=True)
    lr = model.setting_column("lr")
    dialog.table.sortByColumn(lr, Qt.SortOrder.AscendingOrder)
    assert _column(dialog, lr) == sorted(r.settings["lr"] for r in results)
    assert sorted(_column(dialog, 0)) == list(range(1, 13))

    # the parallel coordinates: one line per run, through 3 settings and the metric
    plot = dialog.plot
    assert sorted(plot.lines) == list(range(1, 13))
    best = max(results, key=lambda r: r.score)
    xs, ys = plot.lines[best.index].getData()
    assert list(xs) == [0, 1, 2, 3] and ys[-1] == 1.0  # the best run tops the metric axis
    worst = min(results, key=lambda r: r.score)
    assert plot.lines[worst.index].getData()[1][-1] == 0.0
    assert [a.title for a in plot.axes] == ["Function", "Temperature T", "Learning rate"]
    assert plot.axes[0].levels == ["softmax", "sparsemax"] and plot.axes[2].log is False

    # selecting a row highlights its line; clicking a line selects its row
    target = next(r for r in results if r.settings == {
        "weighting": "sparsemax", "temperature": 2.0, "lr": 0.03})
    dialog.select_run(target.index)
    assert [r.index for r in dialog.selected_results()] == [target.index]
    assert plot.lines[target.index].opts["pen"].widthF() == 4.0
    assert plot.lines[best.index].opts["pen"].widthF() < 4.0
    plot.lineClicked.emit(best.index)
    assert dialog.selected_results() == [best]

    # "Restore Settings" puts the run's settings into the window's forms
    dialog.select_run(target.index)
    assert window.weighting_editor.field("weighting").currentData() == "softmax"
    dialog.restore_button.click()
    assert window.weighting_editor.field("weighting").currentData() == "sparsemax"
    assert window.weighting_editor.field("temperature").value() == 2.0
    assert window.monitor.field("lr").value() == 0.03
    assert window.current_config() == target.config
    assert window.isWindowModified()

    # "Add to Runs" keeps the selected runs, with their models, on the Runs page
    assert window.session.runs == []
    dialog.select_run(target.index)
    dialog.add_button.click()
    runs = window.session.runs
    assert len(runs) == 1 and runs[0].name.startswith("1: sweep ")
    assert runs[0].metrics["valid"]["f1"] == target.score and runs[0].model is not None
    assert not dialog.add_button.isEnabled()  # added once

    # the results and the sweep as the command line writes and reads them
    assert dialog.export_results_to(str(tmp_path / "r.csv"))
    table = read_table(tmp_path / "r.csv")
    assert table.n_rows == 12 and "valid_f1" in table.frame.columns
    assert dialog.save_spec_to(str(tmp_path / "s.json"))
    assert load_spec(tmp_path / "s.json").size == 12
    spec = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert spec["grid"]["lr"] == [0.003, 0.03] and parse_spec(spec).names == model.names


def test_random_samples_stop_and_a_bad_value(qtbot, window, real_data):
    dialog = _open_sweep(qtbot, window, real_data / "mroz.csv", epochs=300)
    combo = window.data_panel.target_combo
    combo.setCurrentIndex(combo.findData("income"))
    editor = dialog.editor
    editor.random_button.setChecked(True)
    editor.samples.setValue(12)
    assert dialog.count_label.text() == "12 runs"
    row = editor.rows["temperature"]
    row.edit.setText("0.5, fast")
    assert dialog.count_label.text() == "Temperature T: 'fast' is not a number."
    assert not dialog.start_button.isEnabled()
    row.edit.setText("0.5, 2")
    assert dialog.start_button.isEnabled()
    window.monitor.field("patience").setValue(0)  # every run trains its 300 epochs
    seen = []
    dialog.runner.progress.connect(seen.append)
    assert dialog.start()
    # A sweep trains on the open table: the window neither trains nor opens a file meanwhile.
    assert not window.actions["start"].isEnabled() and not window.monitor.start_button.isEnabled()
    assert not window.actions["open"].isEnabled() and window.actions["sweep"].isEnabled()
    window.start_training()
    assert not window.monitor.is_running
    assert window.statusBar().currentMessage().startswith("A sweep is running")
    window.open_path(str(real_data / "penguins.csv"))
    assert window.statusBar().currentMessage() == "Stop the sweep before opening another file."
    wait_for(qtbot, lambda: any(e.index == 2 and e.item.report for e in seen), 120_000)
    assert dialog.model.headerData(dialog.model.metric_column,
                                   Qt.Orientation.Horizontal) == "validation R²"
    with qtbot.waitSignal(dialog.sweepEnded, timeout=60_000):
        dialog.stop_button.click()  # in the second run
    n = len(dialog.results)
    assert n == 2 and dialog.results[-1].stop_reason == "stopped"
    assert window.actions["start"].isEnabled() and window.actions["open"].isEnabled()
    assert window.session.data_path.endswith("mroz.csv")
    assert dialog.status.text().startswith(f"Stopped after {n} of 12 runs.")
    assert len(dialog.plot.lines) == n
    assert dialog.plot.axes[2].log  # the learning rate is drawn log-uniformly
    lrs = [r.settings["lr"] for r in dialog.results]
    assert all(0.003 <= v <= 0.03 for v in lrs) and len(set(lrs)) == n


def test_the_dialog_speaks_chinese(qtbot, zh_cn, real_data):
    from attn_gui.ui.app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    try:
        dialog = _open_sweep(qtbot, window, real_data / "penguins.csv", epochs=3)
        assert dialog.windowTitle() == "参数扫描" and dialog.count_label.text() == "12 次运行"
        assert window.actions["sweep"].text() == "参数扫描(&W)…"
        dialog.editor.rows["temperature"].edit.setText("0.5, fast")
        assert dialog.count_label.text() == "温度 T：“fast”不是数值。"
        dialog.editor.rows["temperature"].edit.setText("0")
        assert dialog.count_label.text().startswith("网格“temperature”：")
        dialog.editor.rows["temperature"].edit.setText("1")
        with qtbot.waitSignal(dialog.sweepEnded, timeout=120_000):
            dialog.start()
        assert dialog.status.text().startswith("4 次运行，用时 ")
        assert "最佳：第 " in dialog.status.text()
        assert dialog.model.headerData(dialog.model.metric_column,
                                       Qt.Orientation.Horizontal) == "验证 F1"
    finally:
        window.workflow.discard_changes()
        window.close()


def test_many_quick_runs_keep_the_best_models_and_closing_stops_the_sweep(
        qtbot, window, real_data):
    from attn_gui.ui.panels.sweep_dialog import MAX_RECORDS

    dialog = _open_sweep(qtbot, window, real_data / "penguins.csv", epochs=2)
    editor = dialog.editor
    for name in list(editor.rows):
        editor.remove(name)
    assert dialog.count_label.text() == "Add a setting to sweep."
    assert not dialog.start_button.isEnabled()
    editor.add("seed", ", ".join(map(str, range(60))))
    assert dialog.count_label.text() == "60 runs"
    with qtbot.waitSignal(dialog.sweepEnded, timeout=180_000):
        dialog.start()
    assert len(dialog.results) == 60 and len(dialog.plot.lines) == 60
    assert [a.title for a in dialog.plot.axes] == ["Seed"]
    kept = sorted(dialog.records, key=lambda i: -dialog.results[i - 1].score)
    assert len(kept) == MAX_RECORDS
    worst_kept = min(dialog.results[i - 1].score for i in kept)
    assert all(r.score <= worst_kept for r in dialog.results if r.index not in kept)

    window.monitor.field("epochs").setValue(100_000)
    window.monitor.field("patience").setValue(0)
    with qtbot.waitSignal(dialog.runner.progress, timeout=60_000):
        dialog.start()
    thread = dialog.runner.job_thread
    window.workflow.discard_changes()
    window.close()  # joins the sweep's thread, as it does the training's
    assert thread.isFinished() and not dialog.is_running()


def test_every_run_failing_says_why(qtbot, window, real_data):
    dialog = _open_sweep(qtbot, window, real_data / "mroz.csv", epochs=5)
    combo = window.data_panel.target_combo
    combo.setCurrentIndex(combo.findData("income"))
    window.monitor.field("optimizer").setCurrentIndex(
        window.monitor.field("optimizer").findData("sgd"))
    editor = dialog.editor
    for name in list(editor.rows):
        editor.remove(name)
    editor.add("lr", "50, 80")
    with qtbot.waitSignal(dialog.sweepEnded, timeout=60_000):
        dialog.start()
    assert [r.stop_reason for r in dialog.results] == ["failed", "failed"]
    assert "Every run failed: The run diverged at epoch" in dialog.status.text()
    assert dialog.model.data(dialog.model.index(0, len(dialog.model.names) + 5)) == "failed"
    assert len(dialog.plot.lines) == 2  # grey, and stopping before the metric axis
    assert len(dialog.plot.lines[1].getData()[0]) == 1
