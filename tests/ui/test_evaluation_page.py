"""The Evaluate page in the real window, after real training on real data: its curves are
scikit-learn's for the run's validation predictions, the decision threshold moves the
confusion matrix and F1 as scikit-learn's would, "Use this threshold" survives saving the
project, opening it again and `predict`, and File ▸ Export Report writes the page."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtWidgets import QFileDialog
from sklearn import calibration, datasets
from sklearn import metrics as skm

from attn_gui.core.config import TrainConfig
from attn_gui.core.thresholds import best_threshold

from .helpers import wait_for

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def cancer_csv(tmp_path_factory) -> Path:
    """scikit-learn's breast-cancer data (569 rows, 2 classes), one column named as markup."""
    frame = datasets.load_breast_cancer(as_frame=True).frame
    frame = frame.rename(columns={"mean radius": EVIL})
    frame["target"] = np.where(frame["target"] == 1, "benign", "malignant")
    path = tmp_path_factory.mktemp("cancer") / "breast_cancer.csv"
    frame.to_csv(path, index=False)
    return path


def _train(qtbot, window, path: Path, target: str, epochs: int = 15):
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20_000):
        window.open_path(str(path))
    combo = window.data_panel.target_combo
    combo.setCurrentIndex(combo.findText(target))
    window.monitor.field("epochs").setValue(epochs)
    with qtbot.waitSignal(window.monitor.runFinished, timeout=120_000):
        window.start_training()
    wait_for(qtbot, lambda: window.actions["start"].isEnabled())
    return window.session.runs[-1]


def _evaluate(qtbot, window):
    page = window.pages.page("evaluate")
    window.monitor.tabs.setCurrentWidget(page)
    wait_for(qtbot, lambda: page.isVisible() and not page._dirty)
    return page


def _close(a, b):
    np.testing.assert_allclose(np.asarray(a, np.float64), np.asarray(b, np.float64),
                               rtol=0, atol=1e-9)


def test_the_curves_are_sklearns_for_the_runs_validation_predictions(qtbot, window, cancer_csv,
                                                                    tmp_path):
    run = _train(qtbot, window, cancer_csv, "target")
    page = _evaluate(qtbot, window)
    p, data = run.predictions, window.session.latest[1]
    # what the page draws from is the kept model's output on the run's validation rows
    assert np.array_equal(p.output, run.model.model.predict_batches(data.X_valid))
    assert np.array_equal(p.actual, data.y_valid)
    assert run.classes[p.positive] == "malignant"  # the minority class
    hit, score = p.actual == p.positive, p.output[:, p.positive]

    fpr, tpr, _ = skm.roc_curve(hit, score)
    _close(page.roc.line_data(0)[0], fpr)
    _close(page.roc.line_data(0)[1], tpr)
    precision, recall, _ = skm.precision_recall_curve(hit, score)
    _close(page.pr.line_data(0)[0], recall)
    _close(page.pr.line_data(0)[1], precision)
    observed, predicted = calibration.calibration_curve(hit, score, n_bins=10)
    _close(page.calibration.line_data(0)[0], predicted)
    _close(page.calibration.line_data(0)[1], observed)
    assert page.roc.lines[0].label.endswith(f"AUC {skm.roc_auc_score(hit, score):.3f}")
    assert page.pr.lines[0].label.endswith(f"AP {skm.average_precision_score(hit, score):.3f}")
    # in float64, as the engine computes it: scikit-learn ≥ 1.9 averages float32 scores in
    # float32, a few 1e-9 away
    brier = skm.brier_score_loss(hit, score.astype(np.float64))
    assert page.calibration.lines[0].label.endswith(f"Brier {brier:.3f}")
    assert run.metrics["valid"]["brier"] == pytest.approx(brier, abs=1e-9)

    # File ▸ Export ▸ Plots writes the page's curves too
    written = window.workflow.export_plots_to(tmp_path / "plots.png", "png")
    names = {path.name for path in written}
    assert {"plots-evaluate-roc.png", "plots-evaluate-pr.png", "plots-evaluate-calibration.png",
            "plots-evaluate-confusion.png"} <= names, names
    assert all(path.stat().st_size > 1000 for path in written)


def test_the_threshold_moves_the_confusion_matrix_and_f1_as_sklearn(qtbot, window, cancer_csv):
    run = _train(qtbot, window, cancer_csv, "target")
    page = _evaluate(qtbot, window)
    box, p = page.threshold_box, run.predictions
    pos = p.positive
    assert box.isVisible() and box.threshold == 0.5
    for steps in (120, 350, 800):  # dragged
        box.slider.setValue(steps)
        t = steps / 1000
        assert box.spin.value() == t
        pred = np.where(p.output[:, pos] >= t, pos, 1 - pos)
        cm = skm.confusion_matrix(p.actual, pred, labels=[0, 1])
        assert page.confusion.matrix.tolist() == cm.tolist()
        f1 = skm.f1_score(p.actual, pred, pos_label=pos)
        assert box.result["f1"] == pytest.approx(f1, abs=1e-12)
        assert f"F1 {f1:.3f}" in box.metrics_label.text()
        marker = page.roc.markers[0]
        assert (marker.x, marker.y) == pytest.approx(
            (cm[1 - pos, pos] / cm[1 - pos].sum(), cm[pos, pos] / cm[pos].sum()))
    window.runs_view.table.selectAll()  # the page redraws: the moved threshold stays
    assert box.threshold == 0.8 and page.confusion.matrix.tolist() == cm.tolist()
    box.cost.setValue(0.2)  # a missed malignancy is five times worse
    best, _ = best_threshold(p.actual, p.output, pos, 0.2)
    assert box.best == best and f"{best:.3f}" in box.best_label.text()
    assert page.roc.markers[1].symbol == "star"
    box.best_button.click()
    assert box.threshold == pytest.approx(best, abs=5e-4)
    assert run.config.threshold == 0.5  # moving it changes nothing until it is used


def test_use_this_threshold_survives_save_open_and_predict(qtbot, window, cancer_csv, tmp_path):
    run = _train(qtbot, window, cancer_csv, "target")
    page = _evaluate(qtbot, window)
    box, p = page.threshold_box, run.predictions
    box.cost.setValue(0.25)
    box.spin.setValue(0.27)
    assert box.use_button.isEnabled()
    box.use_button.click()
    assert run.config.threshold == run.model.threshold == 0.27
    assert run.config.fp_cost == run.model.config.fp_cost == 0.25
    pred = np.where(p.output[:, p.positive] >= 0.27, p.positive, 1 - p.positive)
    f1 = skm.f1_score(p.actual, pred, pos_label=p.positive)
    assert run.metrics["valid"]["f1"] == pytest.approx(f1, abs=1e-12)
    assert window.runs_view.table.item(0, 3).text() == f"{f1:.4f}"
    assert not box.use_button.isEnabled() and window.session.modified

    path = tmp_path / "cancer.atproj"
    assert window.workflow._save_to(path)
    out = tmp_path / "scored.csv"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "predict", str(path),
                           str(cancer_csv), "--output", str(out), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["threshold"] == 0.27
    scored = pd.read_csv(out)
    expected = np.where(scored["proba_malignant"] >= 0.27, "malignant", "benign")
    assert (scored["prediction"] == expected).all()
    assert (expected != np.where(scored["proba_malignant"] >= 0.5, "malignant", "benign")).any()

    window.workflow.discard_changes()
    assert window.workflow.open_project_path(path, ask=False)
    wait_for(qtbot, lambda: window.session.table is not None)
    page = _evaluate(qtbot, window)
    opened = window.session.project.chosen_run
    assert opened.predictions is not None and np.array_equal(opened.predictions.output, p.output)
    assert page.threshold_box.run is opened and page.threshold_box.threshold == 0.27
    assert page.threshold_box.cost.value() == 0.25
    # the training rows' counts at the new threshold are unknown, and their cells say why
    table = window.monitor.page().results.metrics_table
    row = next(r for r in range(table.rowCount())
               if table.verticalHeaderItem(r).text().startswith("F1"))
    assert table.item(row, 0).text() == "–" and table.item(row, 1).text() != "–"
    assert table.item(row, 0).toolTip().startswith("Not measured at threshold 0.270")


def test_a_project_saved_without_predictions_says_why_nothing_is_drawn(qtbot, window,
                                                                        cancer_csv, tmp_path):
    _train(qtbot, window, cancer_csv, "target")
    path, old = tmp_path / "new.atproj", tmp_path / "old.atproj"
    assert window.workflow._save_to(path)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(old, "w") as dst:
        for name in src.namelist():
            if not name.startswith("predictions/"):
                dst.writestr(name, src.read(name))
    window.workflow.discard_changes()
    assert window.workflow.open_project_path(old, ask=False)
    page = _evaluate(qtbot, window)
    assert "has no validation predictions to draw" in page.note.text()
    assert page.note.isVisible() and not page.roc.lines
    assert not page.threshold_box.use_button.isEnabled()


def _export(qtbot, window, path: Path, monkeypatch) -> str:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert window.actions["export_report"].isEnabled()
    window.actions["export_report"].trigger()
    wait_for(qtbot, lambda: window.report_export.last_written == path)
    return path.read_text(encoding="utf-8")


def test_the_report_escapes_column_names(qtbot, window, cancer_csv, tmp_path, monkeypatch):
    _train(qtbot, window, cancer_csv, "target")
    html = _export(qtbot, window, tmp_path / "report.html", monkeypatch)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and EVIL not in html
    assert '<html lang="en">' in html and "<h2>ROC, precision–recall and calibration" in html
    assert "Threshold of least cost" in html


def test_the_report_is_in_chinese_when_the_window_is(qtbot, zh_cn, cancer_csv, tmp_path,
                                                     monkeypatch):
    from attn_gui.ui.app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    try:
        _train(qtbot, window, cancer_csv, "target")
        html = _export(qtbot, window, tmp_path / "报告.html", monkeypatch)
    finally:
        window.workflow.discard_changes()
        window.close()
    assert '<html lang="zh-CN">' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and EVIL not in html
    for english in ("<h2>Data</h2>", "<h2>Settings</h2>", "<h2>Metrics</h2>", "Learning rate"):
        assert english not in html
    assert "<h2>数据</h2>" in html


def test_regression_shows_predicted_against_actual_with_sklearns_scores(qtbot, window):
    run = _train(qtbot, window, REAL / "mroz.csv", "wagew")
    page = _evaluate(qtbot, window)
    p = run.predictions
    assert page.stack.currentIndex() == 1 and not page.threshold_box.isVisible()
    x, y = page.actual.line_data(0)
    _close(x, p.actual)  # 151 rows: every one drawn
    _close(y, p.output)
    _close(page.residuals.line_data(0)[1], p.actual - p.output)
    label = page.actual.lines[0].label
    assert f"R² {skm.r2_score(p.actual, p.output):.3f}" in label
    assert f"MAE {skm.mean_absolute_error(p.actual, p.output):.4g}" in label
    assert f"RMSE {skm.root_mean_squared_error(p.actual, p.output):.4g}" in label
    names = set(page.drawn_plots())
    assert names == {"actual", "residuals"}


def test_more_classes_are_each_scored_against_the_rest(qtbot, window):
    run = _train(qtbot, window, REAL / "penguins.csv", "species")
    page = _evaluate(qtbot, window)
    p = run.predictions
    assert not page.threshold_box.isVisible() and page.class_combo.isVisible()
    assert len(page.roc.lines) == len(run.classes) == 3
    for code, name in enumerate(run.classes):
        fpr, tpr, _ = skm.roc_curve(p.actual == code, p.output[:, code])
        _close(page.roc.line_data(code)[0], fpr)
        _close(page.roc.line_data(code)[1], tpr)
        assert page.roc.lines[code].label.startswith(name)
    page.class_combo.setCurrentIndex(page.class_combo.findText("Chinstrap"))
    assert len(page.roc.lines) == 1
    code = run.classes.index("Chinstrap")
    _close(page.pr.line_data(0)[0], skm.precision_recall_curve(
        p.actual == code, p.output[:, code])[1])


def test_class_weights_are_a_setting_of_the_window(window):
    field = window.monitor.field("class_weight")
    assert field.isVisibleTo(window) and field.isEnabled()
    field.setCurrentIndex(field.findData("balanced"))
    assert window.current_config().class_weight == "balanced"


def test_a_long_curve_is_drawn_thinned_to_what_a_plot_can_show():
    from attn_gui.ui.plots.overlay import _GRID, thinned

    rng = np.random.default_rng(0)
    y = rng.random(200_000) < 0.3
    score = np.clip(0.4 * y + rng.random(200_000) * 0.6, 0, 1)
    precision, recall, _ = skm.precision_recall_curve(y, score)
    x_drawn, y_drawn = thinned(recall, precision)
    assert len(x_drawn) < len(recall) / 10
    assert (x_drawn[0], y_drawn[0], x_drawn[-1], y_drawn[-1]) == (
        recall[0], precision[0], recall[-1], precision[-1])
    # the drawn points are points of the curve, and every point of the curve is within a
    # grid cell of the drawn point before it
    last, j = np.empty(len(recall), np.int64), 0
    for i in range(len(recall)):
        if j < len(x_drawn) and (recall[i], precision[i]) == (x_drawn[j], y_drawn[j]):
            j += 1
        last[i] = j - 1
    assert j == len(x_drawn)
    assert np.abs(recall - x_drawn[last]).max() <= 1 / _GRID
    assert np.abs(precision - y_drawn[last]).max() <= 1 / _GRID
    small_x, small_y = thinned(recall[:100], precision[:100])
    assert np.array_equal(small_x, recall[:100]) and np.array_equal(small_y, precision[:100])


def test_a_report_that_cannot_be_written_is_one_sentence(qtbot, window, tmp_path):
    run = _train(qtbot, window, REAL / "pima_tr2.csv", "type", epochs=3)
    target = tmp_path / "no such folder" / "report.html"
    window.report_export.export(run, target)
    wait_for(qtbot, lambda: window.workflow.message_box is not None)
    text = window.workflow.message_box.text()
    assert text.startswith("The report was not written: Cannot write the report")
    assert "No such file or directory" in text and text.count("\n") == 0
    assert not target.exists() and window.report_export.last_written is None


def test_a_group_shows_its_first_runs_curves_and_keeps_its_threshold(qtbot, window):
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20_000):
        window.open_path(str(REAL / "pima_tr2.csv"))
    window.monitor.set_from(TrainConfig(repeats=2, epochs=3))
    with qtbot.waitSignal(window.monitor.runFinished, timeout=120_000):
        window.start_training()
    wait_for(qtbot, lambda: window.actions["start"].isEnabled())
    run = window.session.runs[-1]
    assert run.group is not None and run.predictions is not None
    page = _evaluate(qtbot, window)
    assert "is a group of 2 runs: its curves are its first run's" in page.note.text()
    assert len(page.roc.lines) == 1
    box = page.threshold_box
    assert box.isVisible() and box.run is None and not box.use_button.isEnabled()
    assert "train one run to move its threshold" in box.note.text()



def test_the_page_builds_a_plot_a_turn_then_draws(qtbot, window):
    """Its first view does not freeze the window for the six plots at once (0.6 s on a
    200,000-row run): each is built in a turn of its own and shown in the next."""
    page = window.pages.page("evaluate")
    assert page._plots == {}  # nothing built in the turn the page appears
    window.monitor.tabs.setCurrentWidget(page)
    seen = []
    page._steps.done.connect(lambda: seen.append(len(page._plots)))
    wait_for(qtbot, lambda: seen and not page._dirty)
    assert seen == [6] and page.roc.isVisible() and page.confusion.isVisible()
    assert page.note.text().startswith("Train a run")
