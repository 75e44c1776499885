"""A run keeps its validation predictions: the metrics at any threshold follow from them as
scikit-learn computes them, another threshold goes into the run's model, and a project
file keeps them (not older projects, which still open)."""

import io
import json
import zipfile

import numpy as np
import pytest
from sklearn import metrics as skm

from attn_gui.core.config import TrainConfig
from attn_gui.core.evaluation import ValidPredictions, apply_threshold, validation_predictions
from attn_gui.core.io import read_table
from attn_gui.core.predict import predict
from attn_gui.core.project import (
    PREDICTIONS_BUDGET,
    ProjectError,
    load_project,
    project_bytes,
    run_from_training,
    save_project,
)
from attn_gui.core.repeats import train_runs
from attn_gui.core.run_report import run_result
from attn_gui.core.runs import Project
from attn_gui.core.thresholds import at_threshold


def _trained(path, **settings):
    config = TrainConfig(epochs=15, **settings)
    kept = train_runs(read_table(path), config)[0]
    predictions = validation_predictions(kept.data, kept.trainer.model_)
    run = run_from_training("1: run", config, kept.trainer, kept.final, data_path=str(path),
                            predictions=predictions)
    return run, kept


@pytest.fixture(scope="module")
def pima(real_data_module):
    return _trained(real_data_module / "pima_tr2.csv", target="type")


@pytest.fixture(scope="module")
def real_data_module():
    from tests.conftest import REAL

    return REAL


def test_the_kept_predictions_are_the_models_on_the_validation_rows(pima):
    run, kept = pima
    p = run.predictions
    assert np.array_equal(p.output, kept.trainer.model_.predict_batches(kept.data.X_valid))
    assert np.array_equal(p.actual, kept.data.y_valid) and p.actual.dtype == np.uint8
    assert p.positive == kept.data.positive == run.classes.index("Yes")
    hit = p.actual == p.positive
    score = p.output[:, p.positive]
    assert run.metrics["valid"]["roc_auc"] == pytest.approx(skm.roc_auc_score(hit, score),
                                                            abs=1e-9)
    assert run.prepared["n_valid"] == len(p.actual) == run_result(run)["n_valid"]


@pytest.mark.parametrize("threshold", [0.05, 0.3, 0.5, 0.61, 0.9])
def test_metrics_at_a_threshold_are_sklearns(pima, threshold):
    p = pima[0].predictions
    pos = p.positive
    got = at_threshold(p.actual, p.output, pos, threshold, fp_cost=2.0)
    pred = (p.output.argmax(axis=1) if threshold == 0.5
            else np.where(p.output[:, pos] >= threshold, pos, 1 - pos))
    cm = skm.confusion_matrix(p.actual, pred, labels=[0, 1])
    assert got["confusion"].tolist() == cm.tolist()
    for key, score in (("f1", skm.f1_score), ("precision", skm.precision_score),
                       ("recall", skm.recall_score)):
        assert got[key] == pytest.approx(score(p.actual, pred, pos_label=pos, zero_division=0),
                                         abs=1e-12)
    fp, fn = cm[1 - pos, pos], cm[pos, 1 - pos]
    assert got["cost_per_row"] == pytest.approx((2.0 * fp + fn) / len(pred), abs=1e-12)
    assert got["tpr"] == pytest.approx(skm.recall_score(p.actual, pred, pos_label=pos))


def test_another_threshold_goes_into_the_run_its_model_and_predict(tmp_path, pima):
    run, _ = pima
    run = Project(runs=[run], chosen=0).runs[0]
    p = run.predictions
    apply_threshold(run, 0.31, 0.4)
    pred = np.where(p.output[:, p.positive] >= 0.31, p.positive, 1 - p.positive)
    assert run.config.threshold == run.model.config.threshold == run.model.threshold == 0.31
    assert run.model.config.fp_cost == 0.4
    assert run.metrics["valid"]["f1"] == pytest.approx(
        skm.f1_score(p.actual, pred, pos_label=p.positive), abs=1e-12)
    assert run.confusion == skm.confusion_matrix(p.actual, pred).tolist()
    assert np.isnan(run.metrics["train"]["f1"])  # measured at the old threshold: not kept
    assert run.metrics["valid"]["roc_auc"] == pima[0].metrics["valid"]["roc_auc"]

    path = tmp_path / "p.atproj"
    save_project(path, Project(runs=[run], chosen=0))
    loaded = load_project(path).runs[0]
    assert loaded.model.threshold == 0.31 and loaded.config.threshold == 0.31
    assert np.array_equal(loaded.predictions.output, p.output)
    assert loaded.predictions.positive == p.positive
    assert loaded.prepared == run.prepared
    table = read_table(run.data_path)
    frame = predict(loaded.model, table).frame
    proba = frame["proba_Yes"].to_numpy()
    assert (frame["prediction"] == np.where(proba >= 0.31, "Yes", "No")).all()


def test_a_group_or_a_run_without_predictions_keeps_its_threshold(pima):
    run, _ = pima
    for broken in (dict(predictions=None), dict(group={"runs": 2})):
        other = type(run)(**{**run.__dict__, **broken})
        with pytest.raises(ValueError):
            apply_threshold(other, 0.2, 1.0)


def test_regression_predictions_are_in_the_targets_units(real_data_module):
    run, kept = _trained(real_data_module / "mroz.csv", target="wagew", task="regression")
    p, info = run.predictions, kept.data.target_info
    assert p.task == "regression" and p.positive is None
    assert np.array_equal(p.actual, kept.data.y_valid.astype(np.float64) * info.std + info.mean)
    assert skm.r2_score(p.actual, p.output) == pytest.approx(run.metrics["valid"]["r2"],
                                                             abs=1e-5)
    back = ValidPredictions.from_bytes(p.to_bytes(), "regression", 0)
    assert np.array_equal(back.output, p.output) and np.array_equal(back.actual, p.actual)


@pytest.mark.parametrize("arrays", [
    dict(actual=np.array([0, 1, 2]), output=np.full((3, 2), 0.5)),  # a code beyond the classes
    dict(actual=np.array([0, 1]), output=np.full((3, 2), 0.5)),  # lengths differ
    dict(actual=np.array([0, 1, 1]), output=np.full((3, 2), 1.5)),  # not probabilities
    dict(actual=np.array([0, 1, 1]), output=np.full((3, 3), 0.3)),  # three columns
    dict(actual=np.array([0, 1, 1]), output=np.array([[0.5, np.nan]] * 3)),
])
def test_predictions_that_do_not_fit_their_run_are_refused(arrays):
    buf = io.BytesIO()
    np.savez(buf, positive=np.int64(1), **arrays)
    with pytest.raises(ValueError):
        ValidPredictions.from_bytes(buf.getvalue(), "classification", 2)


def test_pickled_predictions_are_refused():
    buf = io.BytesIO()
    np.savez(buf, actual=np.array([object()], dtype=object), output=np.zeros((1, 2)),
             positive=np.int64(1))
    with pytest.raises(ValueError):
        ValidPredictions.from_bytes(buf.getvalue(), "classification", 2)


def test_a_project_keeps_the_kept_runs_predictions_first_within_its_budget(
        tmp_path, pima, monkeypatch):
    run, _ = pima
    runs = [type(run)(**{**run.__dict__, "name": f"{i}: run"}) for i in range(3)]
    size = run.predictions.nbytes
    monkeypatch.setattr("attn_gui.core.project.PREDICTIONS_BUDGET", 2 * size)
    with zipfile.ZipFile(io.BytesIO(project_bytes(Project(runs=runs, chosen=2)))) as zf:
        assert sorted(n for n in zf.namelist() if n.startswith("predictions/")) == [
            "predictions/0.npz", "predictions/2.npz"]
    assert PREDICTIONS_BUDGET >= 16 << 20


def test_a_project_saved_before_predictions_opens_without_them(tmp_path, pima):
    run, _ = pima
    path = tmp_path / "old.atproj"
    save_project(path, Project(runs=[run], chosen=0))
    old = tmp_path / "older.atproj"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(old, "w") as dst:
        for name in src.namelist():
            if name == "project.json":  # nor did runs record their split then
                meta = json.loads(src.read(name))
                for record in meta["runs"]:
                    del record["prepared"]
                dst.writestr(name, json.dumps(meta))
            elif not name.startswith("predictions/"):
                dst.writestr(name, src.read(name))
    loaded = load_project(old).runs[0]
    assert loaded.predictions is None and loaded.model is not None


def test_damaged_predictions_make_a_damaged_project(tmp_path, pima):
    run, _ = pima
    path = tmp_path / "p.atproj"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", project_bytes_json(run))
        zf.writestr("predictions/0.npz", b"not an npz")
    with pytest.raises(ProjectError, match="damaged"):
        load_project(path)


def project_bytes_json(run) -> bytes:
    with zipfile.ZipFile(io.BytesIO(project_bytes(Project(runs=[run], chosen=None)))) as zf:
        return zf.read("project.json")
