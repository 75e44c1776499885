"""The decision threshold of a two-class model, and the threshold a cost of errors asks for.

A row is called positive when its positive-class probability is ≥ the threshold; 0.5
means the most probable class (argmax). With a false positive costing `fp_cost` times a
false negative, the threshold that minimises the total cost on the validation rows is
found over every distinct probability (Weka's and Orange's cost-sensitive threshold).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .curves import counts
from .errors import Phrase, UserError
from .metrics import ARGMAX_THRESHOLD, confusion_matrix, per_class, predicted_classes

__all__ = ["ThresholdError", "at_threshold", "best_threshold", "check_binary_settings", "cost_report"]

# A threshold must lie strictly inside (0, 1) to be given back as --threshold.
_EDGE = 1e-6


class ThresholdError(UserError):
    """A threshold or cost setting that does not apply to this target (one sentence)."""


def check_binary_settings(threshold: float, fp_cost: float, task: str, n_classes: int,
                          target: str) -> None:
    """The threshold and the cost of errors mean something only for two classes."""
    if task == "classification" and n_classes == 2:
        return
    if threshold != ARGMAX_THRESHOLD:
        asked = Phrase("the decision threshold")
    elif fp_cost != 1:
        asked = Phrase("the cost of a false positive")
    else:
        return
    if task != "classification":
        raise ThresholdError("{setting} applies to a target with two classes; '{target}' is "
                             "predicted as a number (regression)", setting=asked, target=target)
    raise ThresholdError("{setting} applies to a target with two classes; '{target}' has "
                         "{classes} classes", setting=asked, target=target, classes=n_classes)


@dataclass
class CostCurve:
    """The total cost of errors at each candidate threshold, decreasing thresholds."""

    thresholds: np.ndarray  # each between two neighbouring distinct probabilities
    cost: np.ndarray  # fp_cost·FP + FN
    n_rows: int

    def best(self) -> tuple[float, float]:
        """The threshold of least cost, ties going to the one nearest 0.5 (the least
        departure from the most probable class), and that cost per row."""
        low = self.cost.min()
        tied = np.flatnonzero(self.cost == low)
        pick = tied[np.argmin(np.abs(self.thresholds[tied] - ARGMAX_THRESHOLD))]
        return float(self.thresholds[pick]), float(low / max(self.n_rows, 1))


def cost_curve(is_positive: np.ndarray, p_positive: np.ndarray, fp_cost: float) -> CostCurve:
    """Cost at a threshold between each two neighbouring distinct probabilities, plus one
    above them all (no row positive) and one below (every row positive)."""
    c = counts(is_positive, p_positive)
    scores = c.thresholds  # decreasing; at step i + 1 the rows ≥ scores[i] are positive
    if not len(scores):
        return CostCurve(np.array([ARGMAX_THRESHOLD]), np.zeros(1), 0)
    lowest_positive = np.r_[np.inf, scores]
    highest_negative = np.r_[scores, -np.inf]
    # halfway between the two: the same rows as the scores themselves, without hanging on
    # a float's last bit; the outer steps halfway to 0 and to 1
    cuts = (np.minimum(lowest_positive, 1.0) + np.maximum(highest_negative, 0.0)) / 2
    cuts = np.clip(cuts, _EDGE, 1 - _EDGE)
    # a probability at 0 or 1 leaves no threshold inside (0, 1) for some steps
    usable = (highest_negative < cuts) & (cuts <= lowest_positive)
    tps, fps = np.r_[0.0, c.tps], np.r_[0.0, c.fps]
    cost = fp_cost * fps + (c.positives - tps)
    return CostCurve(cuts[usable], cost[usable], len(p_positive))


def best_threshold(y: np.ndarray, proba: np.ndarray, positive: int, fp_cost: float
                   ) -> tuple[float, float]:
    """The threshold that minimises fp_cost·FP + FN on these rows, and that cost per row."""
    return cost_curve(y == positive, proba[:, positive], fp_cost).best()


def cost_report(y: np.ndarray, proba: np.ndarray, positive: int, threshold: float,
                fp_cost: float) -> dict:
    """The JSON's `best_threshold` and `cost`: the cost per row of the errors at the run's
    threshold and at the best one, with a false negative costing 1."""
    called = predicted_classes(proba, positive, threshold) == positive
    hit = y == positive
    now = (fp_cost * np.sum(called & ~hit) + np.sum(~called & hit)) / max(len(y), 1)
    best, at_best = best_threshold(y, proba, positive, fp_cost)
    return {"best_threshold": best,
            "cost": {"false_positive": fp_cost, "false_negative": 1.0,
                     "per_row": float(now), "per_row_at_best": at_best}}


def threshold_summary(task: str, n_classes: int, positive: int | None, y_valid: np.ndarray,
                      proba_valid: np.ndarray | None, threshold: float, fp_cost: float
                      ) -> dict:
    """The train JSON's `threshold`, `best_threshold` and `cost`: null unless the target
    has two classes."""
    if task != "classification" or n_classes != 2 or positive is None or proba_valid is None:
        return {"threshold": None, "best_threshold": None, "cost": None}
    return {"threshold": threshold,
            **cost_report(y_valid, proba_valid, positive, threshold, fp_cost)}


def at_threshold(y: np.ndarray, proba: np.ndarray, positive: int, threshold: float,
                 fp_cost: float = 1.0) -> dict:
    """What calling rows positive at `threshold` gives, by the rule predictions use: the
    confusion matrix (rows true, columns predicted), precision, recall and F1 of the positive
    class, accuracy, the ROC point (false- and true-positive rate) and the cost per row."""
    cm = confusion_matrix(y, predicted_classes(proba, positive, threshold), 2)
    pc = per_class(cm)
    negative = 1 - positive
    tp, fn = cm[positive, positive], cm[positive, negative]
    fp, tn = cm[negative, positive], cm[negative, negative]
    n = max(len(y), 1)
    return {"confusion": cm, "precision": float(pc["precision"][positive]),
            "recall": float(pc["recall"][positive]), "f1": float(pc["f1"][positive]),
            "accuracy": float((tp + tn) / n),
            "fpr": float(fp / (fp + tn)) if fp + tn else float("nan"),
            "tpr": float(tp / (tp + fn)) if tp + fn else float("nan"),
            "cost_per_row": float((fp_cost * fp + fn) / n)}
