"""The decision threshold moves the confusion matrix as scikit-learn's would; the cost of
errors picks the threshold a brute-force search over every cut picks."""

import numpy as np
import pytest
from sklearn import metrics as skm

from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table
from attn_gui.core.metrics import classification_metrics, predicted_classes
from attn_gui.core.thresholds import (
    ThresholdError,
    best_threshold,
    check_binary_settings,
    cost_curve,
    cost_report,
)


def _binary(seed, n=300, ties=False):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.25).astype(np.int64)
    p = np.clip(0.3 * y + rng.random(n) * 0.7, 0, 1)
    if ties:
        p = np.round(p, 2)
    return y, np.column_stack([1 - p, p]).astype(np.float32)


@pytest.mark.parametrize("threshold", [0.1, 0.3, 0.5, 0.72, 0.95])
@pytest.mark.parametrize("positive", [0, 1])
def test_threshold_gives_sklearns_confusion_and_f1(threshold, positive):
    y, proba = _binary(1)
    m = classification_metrics(y, proba, positive, threshold)
    if threshold == 0.5:
        pred = proba.argmax(axis=1)
    else:
        pred = np.where(proba[:, positive] >= threshold, positive, 1 - positive)
    assert m["confusion"] == skm.confusion_matrix(y, pred, labels=[0, 1]).tolist()
    assert m["f1"] == pytest.approx(skm.f1_score(y, pred, pos_label=positive), abs=1e-9)
    assert m["recall"] == pytest.approx(skm.recall_score(y, pred, pos_label=positive), abs=1e-9)
    # the ranking scores do not depend on the threshold
    assert m["roc_auc"] == classification_metrics(y, proba, positive)["roc_auc"]


def test_lower_threshold_raises_recall():
    y, proba = _binary(2)
    recalls = [classification_metrics(y, proba, 1, t)["recall"] for t in (0.9, 0.6, 0.3, 0.1)]
    assert recalls == sorted(recalls) and recalls[0] < recalls[-1]


@pytest.mark.parametrize("fp_cost", [0.1, 0.5, 1.0, 3.0, 20.0])
@pytest.mark.parametrize("ties", [False, True])
def test_best_threshold_is_the_brute_force_minimum(fp_cost, ties):
    y, proba = _binary(3, ties=ties)
    t, per_row = best_threshold(y, proba, 1, fp_cost)
    assert 0 < t < 1
    p = proba[:, 1]
    grid = np.r_[np.unique(p), np.unique(p) + 1e-7, 1e-6, 1 - 1e-6]
    costs = [(fp_cost * np.sum((p >= g) & (y == 0)) + np.sum((p < g) & (y == 1))) / len(y)
             for g in grid]
    assert per_row == pytest.approx(min(costs), abs=1e-12)
    # the threshold handed back gives that cost when applied
    called = p >= t
    achieved = (fp_cost * np.sum(called & (y == 0)) + np.sum(~called & (y == 1))) / len(y)
    assert achieved == pytest.approx(per_row, abs=1e-12)


def test_cheap_false_positives_lower_the_threshold():
    y, proba = _binary(4)
    cheap, _ = best_threshold(y, proba, 1, 0.05)
    dear, _ = best_threshold(y, proba, 1, 20.0)
    assert cheap < dear


def test_probabilities_at_0_and_1_still_give_a_usable_threshold():
    y = np.array([0, 0, 1, 1, 1])
    p = np.array([0.0, 0.0, 1.0, 1.0, 0.0], np.float32)
    curve = cost_curve(y == 1, p, 1.0)
    assert np.all((curve.thresholds > 0) & (curve.thresholds < 1))
    t, cost = curve.best()
    assert cost == pytest.approx(1 / 5) and 0 < t < 1


def test_cost_report_at_the_runs_threshold():
    y, proba = _binary(5)
    r = cost_report(y, proba, 1, 0.3, 2.0)
    cm = np.array(classification_metrics(y, proba, 1, 0.3)["confusion"])
    assert r["cost"]["per_row"] == pytest.approx((2.0 * cm[0, 1] + cm[1, 0]) / len(y))
    assert r["cost"]["per_row_at_best"] <= r["cost"]["per_row"]
    assert set(r) == {"best_threshold", "cost"}


def test_argmax_threshold_for_two_classes_agrees_with_half():
    y, proba = _binary(6)
    assert np.array_equal(predicted_classes(proba, 1), proba.argmax(axis=1))


def test_threshold_and_cost_need_two_classes(real_data):
    check_binary_settings(0.5, 1.0, "regression", 0, "income")  # defaults pass anywhere
    with pytest.raises(ThresholdError, match="threshold applies to a target with two classes"):
        check_binary_settings(0.3, 1.0, "classification", 3, "species")
    with pytest.raises(ThresholdError, match="regression"):
        check_binary_settings(0.5, 2.0, "regression", 0, "income")
    table = read_table(real_data / "penguins.csv")
    with pytest.raises(ThresholdError, match="'species' has 3 classes"):
        prepare(table, TrainConfig(target="species", threshold=0.4))
