"""Metrics equal scikit-learn's definitions to 1e-9 on random labels."""

import numpy as np
import pytest
from sklearn import metrics as skm

from attn_gui.core.metrics import classification_metrics, regression_metrics


@pytest.mark.parametrize("k", [2, 3, 5])
@pytest.mark.parametrize("seed", range(5))
def test_classification_metrics_match_sklearn(k, seed):
    rng = np.random.default_rng(seed)
    n = 200
    y = rng.integers(0, k, n)
    proba = rng.dirichlet(np.ones(k), n)
    if seed == 4:
        proba[:, k - 1] = 0  # a class never predicted: zero-division rules apply
        proba /= proba.sum(axis=1, keepdims=True)
    pred = proba.argmax(axis=1)
    positive = 1 if k == 2 else None
    m = classification_metrics(y, proba, positive)
    kw = {"zero_division": 0}
    assert m["accuracy"] == pytest.approx(skm.accuracy_score(y, pred), abs=1e-9)
    assert m["loss"] == pytest.approx(skm.log_loss(y, proba, labels=range(k)), abs=1e-9)
    avg = {"average": "binary", "pos_label": 1} if k == 2 else {"average": "macro"}
    assert m["f1"] == pytest.approx(skm.f1_score(y, pred, **avg, **kw), abs=1e-9)
    assert m["precision"] == pytest.approx(skm.precision_score(y, pred, **avg, **kw), abs=1e-9)
    assert m["recall"] == pytest.approx(skm.recall_score(y, pred, **avg, **kw), abs=1e-9)
    labels = list(range(k))
    assert m["f1_macro"] == pytest.approx(skm.f1_score(y, pred, average="macro", labels=labels, **kw), abs=1e-9)
    assert m["f1_weighted"] == pytest.approx(skm.f1_score(y, pred, average="weighted", labels=labels, **kw), abs=1e-9)
    assert m["confusion"] == skm.confusion_matrix(y, pred, labels=labels).tolist()


@pytest.mark.parametrize("seed", range(5))
def test_regression_metrics_match_sklearn(seed):
    rng = np.random.default_rng(seed)
    y, p = rng.normal(size=100), rng.normal(size=100)
    m = regression_metrics(y, p)
    assert m["r2"] == pytest.approx(skm.r2_score(y, p), abs=1e-9)
    assert m["rmse"] == pytest.approx(np.sqrt(skm.mean_squared_error(y, p)), abs=1e-9)
    assert m["mae"] == pytest.approx(skm.mean_absolute_error(y, p), abs=1e-9)
    assert m["loss"] == pytest.approx(skm.mean_squared_error(y, p), abs=1e-9)
