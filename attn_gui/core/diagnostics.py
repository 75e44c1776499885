"""What a chart of a run's predictions needs, as plain arrays: predicted against actual and
residuals against predicted (regression); ROC, precision–recall and calibration curves
(classification). The window draws them; the report draws them as SVG."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .curves import calibration_curve, counts, pr_curve, roc_curve
from .metrics import regression_metrics

__all__ = ["ClassCurves", "RegressionDiagnostics", "classification_curves",
           "regression_diagnostics"]

# Enough points to see a cloud's shape; a chart of a million points draws no more.
MAX_POINTS = 5000


@dataclass
class RegressionDiagnostics:
    actual: np.ndarray  # in the target's units; at most `MAX_POINTS` rows, seeded sample
    predicted: np.ndarray
    residual: np.ndarray  # actual − predicted
    n_rows: int  # every validation row, of which these are a sample
    metrics: dict  # R², RMSE, MAE, loss over every row
    span: tuple[float, float]  # the range of the identity line predicted = actual


def regression_diagnostics(actual: np.ndarray, predicted: np.ndarray,
                           max_points: int = MAX_POINTS, seed: int = 0
                           ) -> RegressionDiagnostics:
    """The metrics over every row and a seeded sample of at most `max_points` of them."""
    actual = np.asarray(actual, np.float64).ravel()
    predicted = np.asarray(predicted, np.float64).ravel()
    n = len(actual)
    rows = (np.sort(np.random.default_rng(seed).choice(n, max_points, replace=False))
            if n > max_points else np.arange(n))
    both = np.r_[actual, predicted]
    span = (float(both.min()), float(both.max())) if n else (0.0, 1.0)
    return RegressionDiagnostics(actual=actual[rows], predicted=predicted[rows],
                                 residual=actual[rows] - predicted[rows], n_rows=n,
                                 metrics=regression_metrics(actual, predicted), span=span)


@dataclass
class ClassCurves:
    """One class against the rest: its ROC, precision–recall and calibration curves."""

    label: str
    fpr: np.ndarray
    tpr: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    observed: np.ndarray  # calibration: the share of rows of the class in each bin
    predicted: np.ndarray  # calibration: the mean probability in each bin
    counts: np.ndarray  # calibration: rows in each bin
    prevalence: float  # the share of rows of the class: the PR curve's chance level
    auc: float = math.nan  # ROC AUC of the class against the rest
    average_precision: float = math.nan
    brier: float = math.nan  # mean (p − y)² of the class against the rest
    code: int = 0  # the class's code: its column of the probabilities


def classification_curves(y: np.ndarray, proba: np.ndarray, classes: list[str],
                          positive: int | None, n_bins: int = 10) -> list[ClassCurves]:
    """The positive class's curves for two classes; one set a class for more."""
    which = [positive if positive is not None else 1] if len(classes) == 2 else range(len(classes))
    out = []
    for c in which:
        hit, score = np.asarray(y) == c, proba[:, c]
        fpr, tpr, _ = roc_curve(hit, score)
        precision, recall, _ = pr_curve(hit, score)
        observed, predicted, counts_ = calibration_curve(hit, score, n_bins)
        both = counts(hit, score)
        brier = float(np.mean((score.astype(np.float64) - hit) ** 2)) if len(hit) else math.nan
        out.append(ClassCurves(str(classes[c]), fpr, tpr, precision, recall, observed,
                               predicted, counts_, float(hit.mean()) if len(hit) else 0.0,
                               both.auc(), both.average_precision(), brier, c))
    return out
