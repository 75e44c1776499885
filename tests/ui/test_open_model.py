"""File ▸ Open Model in the real window: a notebook's model and a command line's model
become runs that show their attention, score a table, are kept and saved in a project."""

import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from attn_gui.core.project import load_model, load_project
from attn_gui.ui.app.model_files import dropped_kind

from .helpers import TIMEOUT, wait_for

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
PENGUINS = REAL / "penguins.csv"
WEATHER = REAL / "seattle_weather.csv"


def answer_dialogs(monkeypatch, open_path=None, save_path=None) -> None:
    if open_path is not None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(open_path), ""))
    if save_path is not None:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save_path), ""))


def cli_model(path: Path, *extra: str) -> Path:
    """A model of the penguins saved by `main.py train --save`, in a process of its own."""
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "train", str(PENGUINS),
                           "--target", "species", "--epochs", "6", *extra, "--save", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return path


def drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def load(qtbot, window, path: Path) -> None:
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(path))


def test_a_notebook_model_opens_as_a_run_scores_a_table_as_the_notebook_does_and_is_saved(
        qtbot, window, tmp_path, monkeypatch):
    pytest.importorskip("sklearn")
    from attn_gui import AttentionClassifier

    frame = pd.read_csv(PENGUINS)
    X, y = frame.drop(columns="species"), frame["species"]
    model = AttentionClassifier(epochs=30, seed=2).fit(X, y)
    path = tmp_path / "notebook.atmodel"
    model.save(path)

    answer_dialogs(monkeypatch, open_path=path)
    window.actions["open_model"].trigger()
    runs = window.runs_view
    assert window.monitor.tabs.currentWidget() is runs
    run = runs.current_run()
    assert run.name == "1: notebook" and run.model_file == str(path.resolve())
    assert (run.task, run.target, run.classes) == ("classification", "species",
                                                   list(model.classes_))
    assert run.data_path is None  # a data frame has no file
    assert run.attention == pytest.approx(dict(zip(model.feature_names_in_,
                                                   model.attention_, strict=True)))
    assert run.metrics["valid"]["f1"] == pytest.approx(model.metrics_["valid"]["f1"])
    assert runs.table.item(0, 0).text() == "★ 1: notebook"
    assert "notebook's data frame" in window.statusBar().currentMessage()
    # its attention bars, on the Runs page
    assert runs.attention_plot.features[0] == max(run.attention, key=run.attention.get)
    assert window.actions["predict"].isEnabled() and window.actions["save_model"].isEnabled()
    assert window.workflow.modified

    # Predict on a Table…, the window's own path, on rows the notebook scores too
    table, out = tmp_path / "new_penguins.csv", tmp_path / "scored.csv"
    frame.to_csv(table, index=False)
    answer_dialogs(monkeypatch, open_path=table, save_path=out)
    with qtbot.waitSignal(window.workflow._task.loaded, timeout=TIMEOUT):
        window.actions["predict"].trigger()
    scored = pd.read_csv(out)
    proba = scored[[f"proba_{c}" for c in model.classes_]].to_numpy()
    # the window scores in float32, the estimator in float64
    assert np.abs(proba - model.predict_proba(X)).max() < 1e-5
    assert (scored["prediction"] == model.predict(X)).all()
    assert window.workflow.last_prediction["metrics"]["accuracy"] == pytest.approx(
        model.score(X, y))

    # kept (★) and saved in a project, it comes back with its model and origin
    project = tmp_path / "with_model.atproj"
    assert window.workflow._save_to(project)
    reopened = load_project(project)
    again = reopened.chosen_run
    assert again.name == "1: notebook" and again.model_file == str(path.resolve())
    assert again.model is not None and again.attention == pytest.approx(run.attention)
    assert load_model(project).target == "species"


def test_a_command_line_model_dropped_on_the_window_keeps_its_data(qtbot, window, tmp_path):
    model = cli_model(tmp_path / "m.attn", "--attention", "row")
    load(qtbot, window, WEATHER)  # another file, another target
    drop(window, model)
    run = window.runs_view.current_run()
    assert run.name == "1: m" and run.epochs == 6 and run.target == "species"
    assert run.data_path == str(PENGUINS.resolve())
    assert "It learned from penguins.csv" in window.statusBar().currentMessage()
    assert "Opened from" in window.runs_view.table.item(0, 0).toolTip()
    # a run of another file is not trained again on the loaded one: the rule's sentence
    window.train_without_attention(run)
    assert not window.monitor.is_running
    assert window.statusBar().currentMessage() == (
        "“1: m” was trained on penguins.csv; open that file to train it again.")

    # nor are its rows explained through a preprocessing fitted again on the weather
    explain = window.explain_view
    window.monitor.tabs.setCurrentWidget(explain)
    assert "opened from a model file that learned from other data" in explain.message.text()

    # its own file loaded, the run stays, explains its rows and trains again without attention
    window.monitor.tabs.setCurrentWidget(window.runs_view)
    load(qtbot, window, PENGUINS)
    assert [r.name for r in window.session.runs] == ["1: m"]
    window.monitor.tabs.setCurrentWidget(explain)
    wait_for(qtbot, lambda: "validation rows over 7 features" in explain.message.text())
    window.monitor.tabs.setCurrentWidget(window.runs_view)
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60_000):
        window.train_without_attention(run)
    wait_for(qtbot, lambda: len(window.session.runs) == 2)
    off = window.session.runs[1]
    assert off.config.attention == "off" and off.target == "species"
    assert off.data_path == run.data_path and off.model_file is None


def test_a_file_that_is_not_a_model_gets_one_sentence_and_changes_nothing(window, tmp_path):
    model = cli_model(tmp_path / "m.atmodel")
    truncated = tmp_path / "truncated.atmodel"
    truncated.write_bytes(model.read_bytes()[:200])
    for bad, says in ((PENGUINS, "is not an Attention Trainer model file"),
                      (truncated, "is not an Attention Trainer model file, or it is damaged"),
                      (tmp_path / "missing.atmodel", "No such model file")):
        assert window.models.open_path(bad) is None
        text = window.workflow.message_box.text()
        assert says in text and "Traceback" not in text and "\n" not in text
        assert window.session.runs == [] and not window.workflow.modified
    drop(window, truncated)  # a damaged model dropped is a model's sentence, not a table's
    assert "damaged" in window.workflow.message_box.text() and window.session.table is None


def test_dropped_files_are_told_apart_by_suffix_or_contents(tmp_path):
    model = cli_model(tmp_path / "exported.bin")
    workbook = tmp_path / "book.xlsx"
    with zipfile.ZipFile(workbook, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert dropped_kind(model) == "model"
    assert dropped_kind(tmp_path / "damaged.atmodel") == "model"
    assert dropped_kind(tmp_path / "a.atproj") == "project"
    assert dropped_kind(workbook) == "table" and dropped_kind(PENGUINS) == "table"
