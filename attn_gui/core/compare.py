"""Comparing two configurations honestly: the corrected resampled t-test.

Runs on resampled splits (repeats, folds) share training rows, so their scores are not
independent and the ordinary paired t-test finds differences that are not there. Nadeau
and Bengio (2003) correct the variance of the mean difference from s²/k to
(1/k + n_test/n_train)·s², as Weka's PairedCorrectedTTester does (Bouckaert and Frank,
2004). Student's t distribution is computed here (the engine does not depend on SciPy);
the tests hold it equal to scipy.stats.t.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from .errors import UserError

__all__ = ["CompareError", "Comparison", "check_compare_off", "compare_runs", "corrected_ttest",
           "sentence", "t_cdf", "t_ppf"]

# Metrics where a smaller value is the better one.
LOWER_IS_BETTER = frozenset({"loss", "brier", "rmse", "mae"})
LABELS = {"f1": "F1", "f1_macro": "macro F1", "f1_weighted": "weighted F1",
          "accuracy": "accuracy", "precision": "precision", "recall": "recall",
          "roc_auc": "ROC AUC", "average_precision": "average precision",
          "brier": "Brier score", "loss": "loss", "r2": "R²", "rmse": "RMSE", "mae": "MAE"}


@dataclass
class Comparison:
    """B − A over k paired runs: mean difference, its corrected interval and test."""

    mean_a: float
    mean_b: float
    mean_difference: float  # B − A
    low: float  # the interval of B − A
    high: float
    t: float
    df: int
    p: float  # two-sided
    runs: int
    test_train_ratio: float
    confidence: float

    def to_dict(self) -> dict:
        return asdict(self)


def corrected_ttest(a: np.ndarray, b: np.ndarray, test_train_ratio: float,
                    confidence: float = 0.95) -> Comparison:
    """The corrected resampled t-test of the paired scores `a` and `b` (one pair a run,
    both configurations trained and validated on the same rows); `test_train_ratio` is
    n_test / n_train of a run (1/(K−1) for K folds)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if len(a) != len(b) or len(a) < 2:
        raise ValueError("the corrected t-test needs at least two pairs of scores")
    d = b - a
    k = len(d)
    mean = float(d.mean())
    se = math.sqrt((1 / k + test_train_ratio) * float(d.var(ddof=1)))
    df = k - 1
    if se == 0:  # every run differs by the same amount: nothing left to doubt
        t = 0.0 if mean == 0 else math.copysign(math.inf, mean)
        p, half = (1.0 if mean == 0 else 0.0), 0.0
    else:
        t = mean / se
        p = 2 * (1 - t_cdf(abs(t), df))
        half = t_ppf(0.5 + confidence / 2, df) * se
    return Comparison(mean_a=float(a.mean()), mean_b=float(b.mean()), mean_difference=mean,
                      low=mean - half, high=mean + half, t=t, df=df, p=p, runs=k,
                      test_train_ratio=test_train_ratio, confidence=confidence)


def sentence(c: Comparison, metric: str, name_a: str = "A", name_b: str = "B") -> str:
    """"B beats A by 0.021 F1 (95% interval 0.004–0.038)", or no clear difference when
    the interval holds 0. For a loss, beating means a lower value."""
    label = LABELS.get(metric, metric)
    sign = -1.0 if metric in LOWER_IS_BETTER else 1.0
    gain, lo, hi = sign * c.mean_difference, *sorted((sign * c.low, sign * c.high))
    level = f"{c.confidence:.0%}"
    if lo > 0:
        return f"{name_b} beats {name_a} by {gain:.3f} {label} ({level} interval {_span(lo, hi)})"
    if hi < 0:
        return (f"{name_a} beats {name_b} by {-gain:.3f} {label} "
                f"({level} interval {_span(-hi, -lo)})")
    return (f"no clear difference between {name_b} and {name_a} in {label}: "
            f"{name_b} − {name_a} = {gain:+.3f} ({level} interval {_span(lo, hi)})")


def _span(lo: float, hi: float) -> str:
    # an en dash between two numbers reads as a minus once one of them is negative
    return f"{lo:.3f}–{hi:.3f}" if lo >= 0 else f"{lo:.3f} to {hi:.3f}"


# -- Student's t distribution ----------------------------------------------------------------
def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with `df` degrees of freedom."""
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    tail = 0.5 * _betainc(df / 2, 0.5, df / (df + t * t))  # P(T > |t|)
    return 1 - tail if t > 0 else tail


def t_ppf(q: float, df: float) -> float:
    """The q-quantile of Student's t (0 < q < 1), by bisection on the CDF to full
    precision."""
    if not 0 < q < 1:
        raise ValueError("the quantile must lie strictly between 0 and 1")
    if q < 0.5:
        return -t_ppf(1 - q, df)
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < q:
        lo, hi = hi, hi * 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if t_cdf(mid, df) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b), by its continued fraction
    (Numerical Recipes §6.4, modified Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + num * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return h


class CompareError(UserError):
    """A comparison that cannot be made with these settings (one sentence)."""


def check_compare_off(attention: str, repeats: int, cv: int) -> None:
    """Comparing with attention off needs paired runs, and attention on."""
    if attention == "off":
        raise CompareError("--compare-off compares attention with attention off; this run "
                           "already has attention off")
    if repeats * max(cv, 1) < 2:
        raise CompareError("--compare-off needs several runs to compare: add --repeats N "
                           "or --cv K (2 or more)")


def compare_runs(a: list[dict], b: list[dict], test_train_ratio: float, headline: str,
                 name_a: str, name_b: str) -> dict:
    """The JSON's `comparison`: every metric both sides have, B − A run by run (the runs
    paired by seed and fold), and the headline metric in words."""
    keys = [k for k, v in a[0].items() if isinstance(v, float) and k in b[0]]
    tests = {}
    for key in keys:
        sa, sb = [m[key] for m in a], [m[key] for m in b]
        if np.all(np.isfinite(sa)) and np.all(np.isfinite(sb)):  # an AUC may be undefined
            tests[key] = corrected_ttest(sa, sb, test_train_ratio)
    return {"a": name_a, "b": name_b, "metric": headline, "runs": len(a),
            "test_train_ratio": test_train_ratio,
            "metrics": {k: c.to_dict() for k, c in tests.items()},
            "sentence": sentence(tests[headline], headline, name_a, name_b)}
