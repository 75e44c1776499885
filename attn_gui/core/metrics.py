"""Classification and regression metrics, defined as scikit-learn defines them.

Undefined ratios (no predicted or no true samples of a class) count as 0, as
scikit-learn's zero_division="warn" default does.
"""

from __future__ import annotations

import math

import numpy as np

from .curves import brier, ranking_scores

# The threshold that means "the most probable class" (argmax), not a cut on one class.
ARGMAX_THRESHOLD = 0.5


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Rows are true classes, columns predicted classes (integer codes 0..k-1)."""
    idx = y_true.astype(np.int64, copy=False) * n_classes
    idx += y_pred.astype(np.int64, copy=False)
    return np.bincount(idx, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros_like(num, dtype=np.float64), where=den > 0)


def per_class(cm: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and support of every class from a confusion matrix."""
    tp = np.diag(cm).astype(np.float64)
    predicted = cm.sum(axis=0).astype(np.float64)
    support = cm.sum(axis=1).astype(np.float64)
    precision = _ratio(tp, predicted)
    recall = _ratio(tp, support)
    f1 = _ratio(2 * tp, predicted + support)
    return {"precision": precision, "recall": recall, "f1": f1, "support": support}


def predicted_classes(proba: np.ndarray, positive: int | None,
                      threshold: float = ARGMAX_THRESHOLD) -> np.ndarray:
    """The class of each row: the most probable, or for two classes with another threshold,
    the positive class wherever its probability is ≥ the threshold (scikit-learn's curves
    call a score ≥ a threshold positive too)."""
    if threshold == ARGMAX_THRESHOLD or positive is None or proba.shape[1] != 2:
        return proba.argmax(axis=1)
    return np.where(proba[:, positive] >= threshold, positive, 1 - positive)


def classification_metrics(
    y_true: np.ndarray, proba: np.ndarray, positive: int | None = None,
    threshold: float = ARGMAX_THRESHOLD, scores: bool = True,
) -> dict:
    """Loss (mean cross-entropy), accuracy, precision/recall/F1, ROC AUC, average precision,
    the Brier score and the confusion matrix.

    `positive` is the class code whose binary scores are reported for two
    classes; with more classes f1/precision/recall are macro averages, and ROC AUC and
    average precision macro means one-vs-rest. `threshold` (two classes) decides which
    rows count as positive; the curves' scores do not depend on it. `scores=False` leaves
    out ROC AUC, average precision and Brier: a sort per class costs 9–18% of an epoch,
    and a run reports them for its final weights only.
    """
    n_classes = proba.shape[1]
    y_pred = predicted_classes(proba, positive, threshold)
    cm = confusion_matrix(y_true, y_pred, n_classes)
    pc = per_class(cm)
    support = pc["support"]
    n_true = len(y_true)
    n = max(n_true, 1)
    p_true = np.take_along_axis(proba, y_true.astype(np.int64, copy=False)[:, None], axis=1)
    # Clipped at the dtype's epsilon, as scikit-learn's log_loss does; in place, since on
    # the training rows every temporary is another copy of them.
    eps = np.finfo(proba.dtype).eps
    p_true = p_true.astype(np.float64)
    np.log(np.clip(p_true, eps, 1.0, out=p_true), out=p_true)
    loss = float(-np.mean(p_true)) if n_true else 0.0
    macro = {k: float(pc[k].mean()) for k in ("precision", "recall", "f1")}
    weighted_f1 = float((pc["f1"] * support).sum() / max(support.sum(), 1))
    if n_classes == 2 and positive is not None:
        headline = {k: float(pc[k][positive]) for k in ("precision", "recall", "f1")}
    else:
        headline = macro
    return {
        "loss": loss,
        "accuracy": float(np.trace(cm) / n),
        **headline,
        "f1_macro": macro["f1"],
        "f1_weighted": weighted_f1,
        **({**ranking_scores(y_true, proba, positive), "brier": brier(y_true, proba, positive)}
           if scores else {}),
        "confusion": cm.tolist(),
        "per_class": {k: pc[k].tolist() for k in ("precision", "recall", "f1", "support")},
    }


def regression_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    """MSE loss, R², RMSE and MAE in the target's own units."""
    y_true = y_true.astype(np.float64)
    err = y_pred.astype(np.float64) - y_true
    mse = float(np.mean(err**2)) if len(err) else 0.0
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2)) if len(err) else 0.0
    # scikit-learn: a constant target gives R² 1 for a perfect fit, else 0.
    r2 = 1.0 - float(np.sum(err ** 2)) / ss_tot if ss_tot > 0 else 1.0 if mse == 0 else 0.0
    return {
        "loss": mse,
        "r2": r2,
        "rmse": float(np.sqrt(mse)),
        "mae": float(np.mean(np.abs(err))) if len(err) else 0.0,
    }


def json_finite(value):
    """Strict JSON has no NaN or infinity: a non-finite number becomes null (None)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_finite(v) for v in value]
    return value


def scalars(metrics: dict) -> dict[str, float]:
    """The single-number metrics (drops the confusion matrix and per-class lists)."""
    return {k: v for k, v in metrics.items() if isinstance(v, float)}
