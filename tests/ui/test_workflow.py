"""The analyst's loop in the real window: runs, comparison, projects, prediction, export."""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from attn_gui.core import files as files_module
from attn_gui.core.dataset import TargetInfo
from attn_gui.core.project import load_project
from attn_gui.resources import DEMO_CSV
from attn_gui.ui.app.main_window import MainWindow
from attn_gui.ui.panels.explain_view import RowOutcome

from .helpers import TIMEOUT

ROOT = Path(__file__).resolve().parents[2]


def make_window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def demo(tmp_path) -> Path:
    """A copy of the demo, so a test can move or change it."""
    return Path(shutil.copy(DEMO_CSV, tmp_path / "loans.csv"))


def load(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(path))


def train(qtbot, window, start=None) -> dict:
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60_000) as blocker:
        (start or window.start_training)()
    return blocker.args[0]


def short_runs(window, epochs=12) -> None:
    window.monitor.field("epochs").setValue(epochs)
    window.monitor.field("patience").setValue(0)


def test_runs_table_compares_runs_and_trains_without_attention(qtbot, window, demo):
    load(qtbot, window, demo)
    short_runs(window)
    train(qtbot, window)
    runs = window.runs_view
    assert runs.table.rowCount() == 1 and runs.table.item(0, 0).text().startswith("★ 1:")
    assert window.workflow.modified and window.isWindowModified()

    # One click: the same settings with attention off.
    result = train(qtbot, window, runs.without_button.click)
    assert result["trainer"].config.attention == "off"
    all_runs = window.session.runs
    assert [r.config.attention for r in all_runs] == ["global", "off"]
    assert all_runs[1].config.to_dict() | {"attention": "global"} == all_runs[0].config.to_dict()
    assert runs.table.item(1, 2).text() == "off"
    assert runs.table.item(1, 0).text().startswith("★")  # the newest run's model is kept

    # It comes back to the runs with both selected, overlaid: what does attention add?
    assert window.monitor.tabs.currentWidget() is runs
    assert runs.selected_indexes() == [0, 1]
    assert len(runs.loss_plot.curve("0").getData()[1]) == 12
    np.testing.assert_allclose(runs.loss_plot.data("1"), all_runs[1].history["valid_loss"])
    # Attention is compared for the run that has it; the run without attention has none.
    assert runs.attention_plot.features[:2] == sorted(
        all_runs[0].attention, key=all_runs[0].attention.get, reverse=True)[:2]
    assert len(runs.attention_plot._bars) == 1
    assert not runs.without_button.isEnabled() or runs.current_run().config.attention != "off"

    runs.table.selectRow(0)
    assert runs.keep_button.isEnabled()
    runs.keep_button.click()
    assert runs.chosen == 0 and runs.table.item(0, 0).text().startswith("★")


def test_project_round_trip_in_a_fresh_window(qtbot, window, demo, tmp_path, monkeypatch):
    load(qtbot, window, demo)
    window.data_panel.set_role("region", "ignore")
    window.data_panel.preprocessing.field("missing").setCurrentIndex(window.data_panel.preprocessing.field("missing").findData("mean"))
    editor = window.weighting_editor
    editor.field("weighting").setCurrentIndex(editor.field("weighting").findData("sparsemax"))
    short_runs(window, 10)
    window.monitor.field("seed").setValue(3)
    window.monitor.field("hidden").setText("16,8")
    train(qtbot, window)
    before = window.current_config()
    runs_before = list(window.session.runs)

    path = tmp_path / "analysis.atproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert window.actions["save"].isEnabled()
    window.actions["save"].trigger()
    assert path.is_file() and not window.workflow.modified
    assert "analysis.atproj" in window.windowTitle()

    fresh = make_window(qtbot)
    with qtbot.waitSignal(fresh.data_panel.tableLoaded, timeout=TIMEOUT):
        assert fresh.workflow.open_project_path(path)
    assert fresh.current_config() == before
    assert fresh.data_panel.role("region") == "ignore"
    assert fresh.weighting_editor.field("weighting").currentData() == "sparsemax"
    assert fresh.monitor.field("hidden").text() == "16,8"
    assert fresh.session.runs == runs_before  # names, settings, metrics, curves
    assert fresh.session.project.chosen == 0
    assert not fresh.workflow.modified
    # The kept model predicts as the original window's model does.
    table = fresh.data_panel.table()
    from attn_gui.core.predict import predict

    got = predict(fresh.session.project.chosen_run.model, table).frame
    want = predict(runs_before[0].model, table).frame
    assert (got["prediction"] == want["prediction"]).all()
    fresh.close()


def test_a_moved_csv_is_asked_for_and_a_changed_one_is_reported(qtbot, window, demo, tmp_path,
                                                                  monkeypatch):
    load(qtbot, window, demo)
    path = tmp_path / "p.atproj"
    window.workflow._save_to(path)
    moved = Path(shutil.move(demo, tmp_path / "moved.csv"))
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda _parent, title, *a, **k: (asked.append(title) or str(moved), ""))
    fresh = make_window(qtbot)
    with qtbot.waitSignal(fresh.data_panel.tableLoaded, timeout=TIMEOUT):
        fresh.workflow.open_project_path(path)
    assert asked == ["Where is loans.csv now?"]
    assert Path(fresh.data_panel.table().path) == moved
    assert fresh.workflow.modified  # the new location is worth saving
    assert fresh.workflow.message_box is None  # same bytes, only moved: nothing to warn about
    fresh.workflow.discard_changes()
    fresh.close()

    moved.write_text(moved.read_text().replace("north", "north-east", 1))
    other = make_window(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(moved), ""))
    with qtbot.waitSignal(other.data_panel.tableLoaded, timeout=TIMEOUT):
        other.workflow.open_project_path(path)
    assert "has changed since the project was saved" in other.workflow.message_box.text()
    other.close()


def test_damaged_and_newer_projects_leave_the_window_as_it_was(qtbot, window, demo, tmp_path):
    load(qtbot, window, demo)
    window.data_panel.set_role("region", "ignore")
    damaged = tmp_path / "damaged.atproj"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    assert not window.workflow.open_project_path(damaged)
    assert "is not an Attention Trainer project file, or it is damaged" in \
        window.workflow.message_box.text()
    newer = tmp_path / "newer.atproj"
    with zipfile.ZipFile(newer, "w") as zf:
        zf.writestr("project.json", json.dumps({"format": "attn-gui-project", "version": 9}))
    assert not window.workflow.open_project_path(newer)
    assert "newer Attention Trainer" in window.statusBar().currentMessage()
    assert window.data_panel.role("region") == "ignore"
    assert Path(window.data_panel.table().path) == demo


def test_unsaved_work_prompts_and_cancel_keeps_the_window(qtbot, window, demo, unsaved_prompts):
    load(qtbot, window, demo)
    window.data_panel.set_role("region", "ignore")
    unsaved_prompts.answer = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible() and len(unsaved_prompts.asked) == 1
    unsaved_prompts.answer = QMessageBox.StandardButton.Discard
    window.close()
    assert not window.isVisible()


def test_a_save_killed_halfway_keeps_the_previous_project(qtbot, window, demo, tmp_path,
                                                         monkeypatch):
    load(qtbot, window, demo)
    short_runs(window, 5)
    train(qtbot, window)
    path = tmp_path / "keep.atproj"
    assert window.workflow._save_to(path)
    before = path.read_bytes()
    train(qtbot, window)  # a second run: the next save would hold two

    def crash(_fd):
        raise OSError(5, "Input/output error")

    # A context, not monkeypatch.undo(): that would also undo the autouse answer to the
    # unsaved-work question, and closing the window would then wait on a real dialog.
    with monkeypatch.context() as patch:
        patch.setattr(files_module.os, "fsync", crash)
        assert not window.workflow.save()
    assert "The project was not saved" in window.workflow.message_box.text()
    assert window.workflow.modified
    assert path.read_bytes() == before and len(load_project(path).runs) == 1


def test_save_model_and_predict_match_the_cli_in_a_new_process(qtbot, window, demo, tmp_path,
                                                               monkeypatch):
    load(qtbot, window, demo)
    short_runs(window, 8)
    train(qtbot, window)
    model = tmp_path / "m.atmodel"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(model), ""))
    window.actions["save_model"].trigger()
    assert model.is_file()

    new_file = tmp_path / "next_month.csv"
    frame = pd.read_csv(demo).drop(columns=["defaulted"]).head(300)
    frame.loc[0, "region"] = "=cmd|'/c calc'!A1"
    frame.to_csv(new_file, index=False)
    window_out = tmp_path / "window.csv"
    run = window.runs_view.current_run()
    with qtbot.waitSignal(window.workflow._task.loaded, timeout=TIMEOUT):
        window.workflow.predict_file(run, new_file, window_out)
    assert "Wrote 300 rows" in window.statusBar().currentMessage()
    # the outcome stays readable after the status bar moves on
    window.statusBar().showMessage("something else")
    box = window.workflow.message_box
    assert box.isVisible() and "Wrote 300 rows" in box.text() and "(other)" in box.text()

    cli_out = tmp_path / "cli.csv"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "predict", str(model),
                           str(new_file), "--output", str(cli_out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert window_out.read_bytes() == cli_out.read_bytes()
    written = pd.read_csv(window_out)
    assert written.loc[0, "region"].startswith("'=")


def test_copy_as_command_reproduces_the_window_run(qtbot, window, demo, tmp_path):
    load(qtbot, window, demo)
    short_runs(window, 10)
    window.monitor.field("seed").setValue(4)
    window.weighting_editor.field("attention").setCurrentIndex(
        window.weighting_editor.field("attention").findData("row"))
    final = train(qtbot, window)["report"]
    line = window.workflow.copy_command()
    assert QGuiApplication.clipboard().text() == line and " train " in line
    argv = window.workflow.window.runs_view.current_run()
    from attn_gui.core.command import train_argv

    for args in (train_argv(str(demo), argv.config),
                 train_argv(str(demo), argv.config, str(tmp_path / "run.json"))):
        if "--config" in args:
            window.workflow.save_run_config_to(argv, tmp_path / "run.json")
        proc = subprocess.run([*args, "--json"], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        got = json.loads(proc.stdout)
        for split, metrics in (("train", final.train), ("valid", final.valid)):
            for key, value in got["metrics"][split].items():
                assert value == pytest.approx(metrics[key], abs=1e-9), (split, key)


def test_per_row_explanation_shows_each_rows_weights_and_values(qtbot, window, demo):
    load(qtbot, window, demo)
    short_runs(window, 6)
    editor = window.weighting_editor
    editor.field("attention").setCurrentIndex(editor.field("attention").findData("row"))
    data = train(qtbot, window)["trainer"].data
    window.monitor.tabs.setCurrentWidget(window.explain_view)
    view = window.explain_view
    source = view.source
    assert source is not None and source.alpha.shape == (len(data.X_valid), len(data.features))
    np.testing.assert_allclose(source.alpha.sum(axis=1), 1.0, atol=1e-5)
    view.show_row(5)
    shown = {view.table.item(r, 0).text(): (view.table.item(r, 1).text(),
                                            float(view.table.item(r, 2).text()))
             for r in range(view.table.rowCount())}
    table = window.data_panel.table()
    file_row = int(data.valid_rows[4])
    assert shown["region"][0] == str(table.frame["region"].iat[file_row])
    assert shown["debt_ratio"][1] == pytest.approx(source.alpha[4, data.features.index(
        "debt_ratio")], abs=1e-4)
    weights = [w for _, w in shown.values()]
    assert weights == sorted(weights, reverse=True)
    # the row's prediction next to its weights: the model's class and probability, and the
    # label the file holds for it
    probabilities = window.session.project.runs[-1].model.model.predict_batches(data.X_valid)[4]
    predicted = data.classes[int(np.argmax(probabilities))]
    codes, _ = data.target_info.encode(table.frame[data.target], table.info(data.target).labels)
    truth = data.classes[codes[file_row]]
    outcome = view.outcome_label.text()
    assert outcome.startswith(f"Predicted {predicted} with probability "
                              f"{probabilities.max():.3f}; true label {truth}: ")
    assert outcome.endswith(": right" if predicted == truth else ": wrong")
    assert ("2e7d32" if predicted == truth else "c62828") in view.outcome_label.styleSheet()
    assert view.file_row_label.text() == f"(data row {file_row + 1} of the file)"
    # the colour scale runs from 0 to the largest weight shown
    assert view.heatmap.colorbar.levels() == pytest.approx((0.0, source.alpha.max()))

    editor.field("attention").setCurrentIndex(editor.field("attention").findData("global"))
    train(qtbot, window)
    window.monitor.tabs.setCurrentIndex(0)
    window.monitor.tabs.setCurrentWidget(view)
    assert view.source is None and "every row gets the same weights" in view.message.text()
    assert view.file_row_label.text() == "" and view.outcome_label.text() == ""
    assert view.table.rowCount() == 0


def test_exports_write_plots_and_tables(qtbot, window, demo, tmp_path):
    load(qtbot, window, demo)
    short_runs(window, 6)
    train(qtbot, window)
    train(qtbot, window, window.runs_view.without_button.click)
    for fmt in ("png", "svg"):
        written = window.workflow.export_plots_to(tmp_path / f"report.{fmt}", fmt)
        assert {p.name for p in written} >= {f"report-loss.{fmt}", f"report-attention.{fmt}",
                                             f"report-confusion.{fmt}", f"report-runs-loss.{fmt}"}
        assert all(p.stat().st_size > 1000 for p in written)
    assert (tmp_path / "report-loss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = ElementTree.parse(tmp_path / "report-loss.svg").getroot()
    # Vector curves and text, not one embedded picture.
    assert svg.tag.endswith("svg")
    assert len([e for e in svg.iter() if e.tag.endswith(("path", "polyline"))]) > 5
    assert any((e.text or "").strip() == "epoch" for e in svg.iter() if e.tag.endswith("text"))
    window.runs_view.table.clearSelection()
    for what in ("metrics", "curves", "attention"):
        window.workflow.export_csv_to(what, tmp_path / f"{what}.csv")
    metrics = pd.read_csv(tmp_path / "metrics.csv")
    assert list(metrics["attention"]) == ["global", "off"]
    assert "valid_f1" in metrics.columns
    curves = pd.read_csv(tmp_path / "curves.csv")
    assert len(curves) == 12 and {"run", "epoch", "valid_loss"} <= set(curves.columns)
    attention = pd.read_csv(tmp_path / "attention.csv")
    assert len(attention) == len(window.session.runs[0].attention)


def test_row_outcome_of_a_regression_is_in_the_targets_units():
    outcome = RowOutcome(TargetInfo("regression", mean=10.0, std=2.0),
                         np.array([0.5, -1.0]), np.array([1.0, 0.0]))
    assert not outcome.classifies and outcome.correct(0) is None
    assert (outcome.predicted(0), outcome.truth(0)) == ("11", "12")
    assert (outcome.predicted(1), outcome.truth(1)) == ("8", "10")
