"""Classification curves and their scores, defined as scikit-learn defines them.

ROC (`roc_curve` with drop_intermediate, `roc_auc_score`), precision–recall
(`precision_recall_curve`, `average_precision_score`), the reliability diagram
(`calibration_curve`, uniform bins) and the Brier score (`brier_score_loss`). More than
two classes are scored one-vs-rest and macro-averaged. The engine does not depend on
scikit-learn; the tests hold these equal to it to 1e-9.

Undefined values follow scikit-learn: an AUC needs both classes among the rows (else NaN);
the average precision of a class with no rows is 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["BinaryCounts", "brier", "calibration_curve", "counts", "pr_curve",
           "ranking_scores", "roc_curve"]


@dataclass
class BinaryCounts:
    """True and false positives when every row scoring ≥ thresholds[i] is called positive
    (scikit-learn's `_binary_clf_curve`): thresholds are the distinct scores, decreasing."""

    tps: np.ndarray
    fps: np.ndarray
    thresholds: np.ndarray

    @property
    def positives(self) -> float:
        return float(self.tps[-1]) if len(self.tps) else 0.0

    @property
    def negatives(self) -> float:
        return float(self.fps[-1]) if len(self.fps) else 0.0

    def auc(self) -> float:
        """Area under the ROC curve (trapezoids; a tie of scores counts one half)."""
        if self.positives == 0 or self.negatives == 0:
            return float("nan")
        fpr = np.r_[0.0, self.fps / self.negatives]
        tpr = np.r_[0.0, self.tps / self.positives]
        return float(np.trapezoid(tpr, fpr))

    def average_precision(self) -> float:
        """Σ (Rₙ − Rₙ₋₁) Pₙ over the thresholds, without interpolation; 0 with no positives."""
        if self.positives == 0:
            return 0.0
        precision = self.tps / (self.tps + self.fps)  # never 0/0: each threshold has a row
        recall = self.tps / self.positives
        return float(max(0.0, np.sum(np.diff(recall, prepend=0.0) * precision)))


def counts(is_positive: np.ndarray, score: np.ndarray) -> BinaryCounts:
    """The counts at every distinct score; one sort of the rows."""
    score = np.asarray(score)
    hits = np.asarray(is_positive, dtype=bool)
    if score.dtype in (np.float32, np.float64) and len(score) and score.min() >= 0:
        ordered, hits = _packed_sort(score, hits)
    else:
        order = np.argsort(score)  # the order inside a tie does not change the counts
        ordered, hits = score[order], hits[order]
    n = len(ordered)
    if n == 0:
        return BinaryCounts(tps=np.empty(0), fps=np.empty(0), thresholds=np.empty(0))
    # each distinct score but the lowest starts just after one of these rows (increasing)
    ends = np.flatnonzero(ordered[1:] != ordered[:-1])[::-1]
    below = np.cumsum(hits, dtype=np.float64)  # positives at or below each row
    positives = below[-1]
    tps = np.empty(len(ends) + 1)  # at the distinct scores, decreasing
    np.subtract(positives, below[ends], out=tps[:-1])
    tps[-1] = positives
    fps = np.empty_like(tps)
    np.subtract(n - 1, ends, out=fps[:-1])
    fps[-1] = n
    fps -= tps
    thresholds = np.empty_like(tps)
    thresholds[:-1] = ordered[ends + 1]
    thresholds[-1] = ordered[0]
    return BinaryCounts(tps=tps, fps=fps, thresholds=thresholds)


def _packed_sort(score: np.ndarray, hits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scores increasing and the labels in that order, from one sort of integers: the bits
    of a float ≥ 0 order as the float does and leave the top bit free, so each row's label
    rides in the lowest bit (a sort of 32-bit keys is several times faster than an
    argsort and the gathers after it; these are every epoch's cost on the training rows)."""
    uint = np.uint32 if score.dtype == np.float32 else np.uint64
    key = (score + 0.0).view(uint)  # + 0.0: −0.0 has the sign bit set, +0.0 does not
    key <<= 1
    key |= hits
    key.sort()
    return (key >> 1).view(score.dtype), key & 1


def roc_curve(is_positive: np.ndarray, score: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False-positive rate, true-positive rate and thresholds, as `sklearn.metrics.roc_curve`
    (drop_intermediate=True: points inside a straight segment are dropped; the first
    threshold is +inf, where nothing is called positive)."""
    c = counts(is_positive, score)
    tps, fps, thresholds = c.tps, c.fps, c.thresholds
    if len(fps) > 2:
        keep = np.flatnonzero(np.r_[True, np.logical_or(np.diff(fps, 2), np.diff(tps, 2)), True])
        tps, fps, thresholds = tps[keep], fps[keep], thresholds[keep]
    tps, fps = np.r_[0.0, tps], np.r_[0.0, fps]
    thresholds = np.r_[np.inf, thresholds]
    fpr = fps / fps[-1] if fps[-1] > 0 else np.full(fps.shape, np.nan)
    tpr = tps / tps[-1] if tps[-1] > 0 else np.full(tps.shape, np.nan)
    return fpr, tpr, thresholds


def pr_curve(is_positive: np.ndarray, score: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and thresholds, as `sklearn.metrics.precision_recall_curve`:
    recall decreasing, ending at the point (recall 0, precision 1) with no threshold."""
    c = counts(is_positive, score)
    ps = c.tps + c.fps
    precision = np.divide(c.tps, ps, out=np.zeros_like(c.tps), where=ps != 0)
    recall = c.tps / c.positives if c.positives > 0 else np.ones_like(c.tps)
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], c.thresholds[::-1]


def calibration_curve(is_positive: np.ndarray, score: np.ndarray, n_bins: int = 10
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Observed frequency, mean predicted probability and row count of each non-empty bin
    of [0, 1] cut in `n_bins` equal widths (`calibration_curve`, strategy="uniform"; the
    counts are this module's addition, for the diagram's marker sizes)."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    score = np.asarray(score, np.float64)
    bins = np.searchsorted(edges[1:-1], score)
    total = np.bincount(bins, minlength=n_bins)
    observed = np.bincount(bins, weights=is_positive.astype(np.float64), minlength=n_bins)
    predicted = np.bincount(bins, weights=score, minlength=n_bins)
    used = total != 0
    return observed[used] / total[used], predicted[used] / total[used], total[used]


def brier(y: np.ndarray, proba: np.ndarray, positive: int | None = None) -> float:
    """Mean squared distance between the probabilities and the one-hot truth.

    Two classes: mean (p − y)² of the positive class, in [0, 1]; more classes: the sum over
    the classes (Brier's original definition), in [0, 2]. Both as scikit-learn ≥ 1.7's
    `brier_score_loss` with its default scale_by_half="auto".
    """
    if not len(y):
        return float("nan")
    k = proba.shape[1]
    if k == 2:
        p = proba[:, 1 if positive is None else positive].astype(np.float64)
        hit = y == (1 if positive is None else positive)
        return float(np.mean((p - hit) ** 2))
    sq = np.square(proba, dtype=np.float64).sum(axis=1)
    p_true = np.take_along_axis(proba, y.astype(np.int64)[:, None], axis=1)[:, 0]
    # Σ_c (p_c − y_c)² = Σ_c p_c² − 2 p_true + 1, without a one-hot copy of the rows
    return float(np.mean(sq - 2 * p_true.astype(np.float64) + 1.0))


def ranking_scores(y: np.ndarray, proba: np.ndarray, positive: int | None) -> dict[str, float]:
    """ROC AUC and average precision: of the positive class for two classes; for more,
    the macro mean one-vs-rest. One sort per class scored."""
    k = proba.shape[1]
    classes = [1 if positive is None else positive] if k == 2 else range(k)
    aucs, aps = [], []
    for c in classes:
        cnt = counts(y == c, proba[:, c])
        aucs.append(cnt.auc())
        aps.append(cnt.average_precision())
    return {"roc_auc": float(np.mean(aucs)), "average_precision": float(np.mean(aps))}
