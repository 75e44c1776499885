"""ROC, precision–recall, calibration and Brier equal scikit-learn's to 1e-9, on random
scores (with ties and float32, as the network gives them) and on real runs."""

import warnings

import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve as sk_calibration
from sklearn.exceptions import UndefinedMetricWarning

from attn_gui.core import curves
from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table
from attn_gui.core.metrics import classification_metrics
from attn_gui.core.training import Trainer

# float32 probabilities read as float64 sum to 1 only to float32 precision
pytestmark = pytest.mark.filterwarnings("ignore:The y_prob values do not sum to one")


def _scores(rng, n, k, ties):
    proba = rng.dirichlet(np.ones(k), n)
    if ties:  # rounded probabilities: many rows share a score
        proba = np.round(proba, 1)
        proba[:, -1] = 1 - proba[:, :-1].sum(axis=1)
        proba = np.clip(proba, 0, 1)
        proba /= proba.sum(axis=1, keepdims=True)
    return proba.astype(np.float32 if ties else np.float64)


def close(a, b):
    np.testing.assert_allclose(np.asarray(a, np.float64), np.asarray(b, np.float64),
                               rtol=0, atol=1e-9)


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_binary_curves_match_sklearn(seed, ties):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 400))
    y = (rng.random(n) < rng.uniform(0.05, 0.6)).astype(int)
    y[:2] = [0, 1]
    score = _scores(rng, n, 2, ties)[:, 1]
    for ours, theirs in ((curves.roc_curve(y == 1, score), skm.roc_curve(y, score)),
                         (curves.pr_curve(y == 1, score), skm.precision_recall_curve(y, score))):
        for a, b in zip(ours, theirs, strict=True):
            assert a.shape == b.shape
            close(a, b)
    cnt = curves.counts(y == 1, score)
    assert cnt.auc() == pytest.approx(skm.roc_auc_score(y, score), abs=1e-9)
    assert cnt.average_precision() == pytest.approx(
        skm.average_precision_score(y, score), abs=1e-9)
    for bins in (5, 10):
        true, pred, total = curves.calibration_curve(y == 1, score, bins)
        sk_true, sk_pred = sk_calibration(y, score, n_bins=bins, strategy="uniform")
        close(true, sk_true)
        close(pred, sk_pred)
        assert total.sum() == n


@pytest.mark.parametrize("k", [2, 3, 5])
@pytest.mark.parametrize("seed", range(5))
def test_metrics_scores_match_sklearn(k, seed):
    rng = np.random.default_rng(seed)
    n = 300
    y = rng.integers(0, k, n)
    proba = _scores(rng, n, k, ties=seed % 2 == 1)
    positive = int(rng.integers(0, 2)) if k == 2 else None
    m = classification_metrics(y, proba, positive)
    # scikit-learn sums float32 squares in float32; the engine in float64 (as its loss)
    proba64 = proba.astype(np.float64)
    if k == 2:
        auc = skm.roc_auc_score(y == positive, proba[:, positive])
        ap = skm.average_precision_score(y == positive, proba[:, positive])
        brier = skm.brier_score_loss(y == positive, proba64[:, positive])
    else:
        auc = skm.roc_auc_score(y, proba, multi_class="ovr", average="macro",
                                labels=range(k))
        ap = skm.average_precision_score(y, proba, average="macro")
        brier = skm.brier_score_loss(y, proba64, labels=range(k))
    assert m["roc_auc"] == pytest.approx(auc, abs=1e-9)
    assert m["average_precision"] == pytest.approx(ap, abs=1e-9)
    assert m["brier"] == pytest.approx(brier, abs=1e-9)


def test_multiclass_brier_is_the_unhalved_sum():
    """scikit-learn ≥ 1.7 keeps Brier's original [0, 2] range for three classes or more."""
    y = np.array([0, 1, 2])
    proba = np.array([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.2, 0.2, 0.6]])
    assert curves.brier(y, proba) == pytest.approx(0.44 / 3, abs=1e-12)  # sklearn's example


def test_undefined_scores_follow_sklearn():
    y = np.zeros(6, int)
    proba = np.column_stack([np.linspace(0.9, 0.4, 6), np.linspace(0.1, 0.6, 6)])
    m = classification_metrics(y, proba, positive=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        warnings.simplefilter("ignore", UserWarning)
        assert np.isnan(skm.roc_auc_score(y, proba[:, 1])) and np.isnan(m["roc_auc"])
        assert m["average_precision"] == skm.average_precision_score(y, proba[:, 1]) == 0.0
    # three classes, one absent from these rows: its AUC, and so the macro mean, is undefined
    y3 = np.array([0, 1, 0, 1])
    p3 = np.array([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.5, 0.1, 0.4], [0.1, 0.8, 0.1]])
    assert np.isnan(classification_metrics(y3, p3)["roc_auc"])


@pytest.mark.parametrize("name,target", [("pima_tr2.csv", "type"), ("penguins.csv", "species")])
def test_real_runs_match_sklearn(real_data, name, target):
    data = prepare(read_table(real_data / name), TrainConfig(target=target, epochs=15, seed=3))
    trainer = Trainer(TrainConfig(target=target, epochs=15, seed=3), data)
    final = [r for r in trainer.run() if getattr(r, "final", False)][0]
    proba = trainer.model_.predict_batches(data.X_valid)
    y, proba64 = data.y_valid, proba.astype(np.float64)
    if len(data.classes) == 2:
        pos = data.positive
        auc = skm.roc_auc_score(y == pos, proba[:, pos])
        ap = skm.average_precision_score(y == pos, proba[:, pos])
        brier = skm.brier_score_loss(y == pos, proba64[:, pos])
        fpr, tpr, thr = curves.roc_curve(y == pos, proba[:, pos])
        for a, b in zip((fpr, tpr, thr), skm.roc_curve(y == pos, proba[:, pos]), strict=True):
            close(a, b)
    else:
        auc = skm.roc_auc_score(y, proba, multi_class="ovr", labels=range(len(data.classes)))
        ap = skm.average_precision_score(y, proba)
        brier = skm.brier_score_loss(y, proba64, labels=range(len(data.classes)))
    assert final.valid["roc_auc"] == pytest.approx(auc, abs=1e-9)
    assert final.valid["average_precision"] == pytest.approx(ap, abs=1e-9)
    assert final.valid["brier"] == pytest.approx(brier, abs=1e-9)
    assert 0.5 < final.valid["roc_auc"] <= 1.0  # these runs learn something


def test_epochs_leave_the_sorting_scores_to_the_final_report(real_data):
    """A sort per class costs 9–18% of an epoch: every epoch reports loss, accuracy and F1,
    the run's final report (its best weights) the ranking and calibration scores too."""
    from attn_gui.core.training import EpochReport

    table = read_table(real_data / "pima_tr2.csv")
    data = prepare(table, TrainConfig(target="type", epochs=3, seed=0))
    reports = [r for r in Trainer(TrainConfig(target="type", epochs=3, seed=0), data).run()
               if isinstance(r, EpochReport)]
    assert all("roc_auc" not in r.valid and "f1" in r.valid for r in reports[:-1])
    assert reports[-1].final and {"roc_auc", "average_precision", "brier"} <= set(reports[-1].valid)
