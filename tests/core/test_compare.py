"""The corrected resampled t-test against a hand computation with scipy.stats.t; the
sentences it gives; the regression diagnostics and per-class curves a chart draws."""

import math

import numpy as np
import pytest
from scipy import stats
from sklearn import metrics as skm

from attn_gui.core.compare import (
    CompareError,
    Comparison,
    check_compare_off,
    compare_runs,
    corrected_ttest,
    sentence,
    t_cdf,
    t_ppf,
)
from attn_gui.core.diagnostics import classification_curves, regression_diagnostics


@pytest.mark.parametrize("df", [1, 2, 4, 9, 29, 99, 1000])
def test_student_t_equals_scipy(df):
    for t in (-40.0, -3.2, -1.0, 0.0, 0.3, 2.262, 7.5, 1e3):
        assert t_cdf(t, df) == pytest.approx(stats.t.cdf(t, df), abs=1e-12)
    for q in (0.005, 0.025, 0.5, 0.8, 0.95, 0.975, 0.9995):
        assert t_ppf(q, df) == pytest.approx(stats.t.ppf(q, df), rel=1e-10, abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("ratio", [0.25, 1 / 9])
def test_corrected_ttest_is_nadeau_bengio_by_hand(seed, ratio):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(3, 30))
    a = rng.normal(0.8, 0.03, k)
    b = a + rng.normal(0.01, 0.02, k)
    c = corrected_ttest(a, b, ratio)
    # by hand, as Weka's PairedCorrectedTTester: var(d) · (1/k + n_test/n_train)
    d = b - a
    se = math.sqrt((1 / k + ratio) * np.var(d, ddof=1))
    t = d.mean() / se
    half = stats.t.ppf(0.975, k - 1) * se
    assert c.t == pytest.approx(t, rel=1e-12)
    assert c.p == pytest.approx(2 * stats.t.sf(abs(t), k - 1), abs=1e-12)
    assert (c.low, c.high) == pytest.approx((d.mean() - half, d.mean() + half), abs=1e-12)
    assert c.df == k - 1 and c.runs == k
    # the correction widens the ordinary paired interval (which assumes independent runs)
    plain = stats.ttest_rel(b, a).confidence_interval(0.95)
    assert c.high - c.low > plain.high - plain.low


def test_sentences():
    c = Comparison(0.80, 0.821, 0.021, 0.004, 0.038, 3.1, 9, 0.01, 10, 0.25, 0.95)
    assert sentence(c, "f1") == "B beats A by 0.021 F1 (95% interval 0.004–0.038)"
    flipped = Comparison(0.821, 0.80, -0.021, -0.038, -0.004, -3.1, 9, 0.01, 10, 0.25, 0.95)
    assert sentence(flipped, "f1", "off", "on") == "off beats on by 0.021 F1 (95% interval 0.004–0.038)"
    # a loss is better lower: B's lower loss beats A
    assert sentence(flipped, "loss").startswith("B beats A by 0.021 loss")
    unclear = Comparison(0.8, 0.805, 0.005, -0.01, 0.02, 0.6, 9, 0.5, 10, 0.25, 0.95)
    assert sentence(unclear, "r2") == ("no clear difference between B and A in R²: B − A = "
                                       "+0.005 (95% interval -0.010 to 0.020)")


def test_identical_differences_and_too_few_runs():
    same = corrected_ttest([0.5, 0.6, 0.7], [0.5, 0.6, 0.7], 0.25)
    assert same.p == 1.0 and same.low == same.high == 0.0
    shifted = corrected_ttest([0.5, 0.6, 0.7], [0.6, 0.7, 0.8], 0.25)
    assert shifted.p == 0.0 and shifted.low == pytest.approx(0.1)
    with pytest.raises(ValueError):
        corrected_ttest([0.5], [0.6], 0.25)


def test_compare_runs_pairs_every_metric():
    rng = np.random.default_rng(0)
    a = [{"f1": float(v), "loss": 0.3, "roc_auc": math.nan} for v in rng.normal(0.8, 0.01, 5)]
    b = [{"f1": m["f1"] + 0.05, "loss": 0.25, "roc_auc": 0.9} for m in a]
    r = compare_runs(a, b, 0.25, "f1", "off", "on")
    assert set(r["metrics"]) == {"f1", "loss"}  # an undefined AUC is left out
    assert r["sentence"].startswith("on beats off by 0.050 F1")
    assert r["metrics"]["loss"]["mean_difference"] == pytest.approx(-0.05)


def test_compare_off_needs_runs_and_attention():
    check_compare_off("global", 3, 0)
    check_compare_off("row", 1, 5)
    with pytest.raises(CompareError, match="several runs"):
        check_compare_off("global", 1, 0)
    with pytest.raises(CompareError, match="already has attention off"):
        check_compare_off("off", 3, 0)


def test_regression_diagnostics():
    rng = np.random.default_rng(1)
    actual = rng.normal(50, 10, 12_000)
    predicted = actual + rng.normal(0, 3, len(actual))
    d = regression_diagnostics(actual, predicted)
    assert len(d.actual) == 5000 and d.n_rows == 12_000
    np.testing.assert_array_equal(d.residual, d.actual - d.predicted)
    assert set(d.actual) <= set(actual)
    assert d.metrics["r2"] == pytest.approx(skm.r2_score(actual, predicted), abs=1e-9)
    assert d.span == (min(actual.min(), predicted.min()), max(actual.max(), predicted.max()))
    small = regression_diagnostics(actual[:10], predicted[:10])
    np.testing.assert_array_equal(small.actual, actual[:10])


def test_classification_curves_per_class():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 3, 200)
    proba = rng.dirichlet(np.ones(3), 200)
    curves = classification_curves(y, proba, ["a", "b", "c"], None)
    assert [c.label for c in curves] == ["a", "b", "c"]
    fpr, tpr, _ = skm.roc_curve(y == 1, proba[:, 1])
    np.testing.assert_allclose(curves[1].fpr, fpr, atol=1e-12)
    binary = classification_curves(y % 2, proba[:, :2] / proba[:, :2].sum(1, keepdims=True),
                                   ["no", "yes"], 0)
    assert [c.label for c in binary] == ["no"]
    assert binary[0].counts.sum() == 200
