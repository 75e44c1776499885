"""A run's predictions on its validation rows, kept so its curves can be drawn and its
decision threshold moved without training again.

`ValidPredictions` is what the model said about each validation row beside the truth:
class probabilities and class codes, or predicted and actual values in the target's units.
A project file stores them as a small `.npz` (never pickle) beside the run's JSON;
`apply_threshold` gives a run another decision threshold and the metrics it implies.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .metrics import classification_metrics, json_finite

if TYPE_CHECKING:
    from .dataset import Dataset
    from .model import AttentionNet
    from .runs import Run

__all__ = ["THRESHOLD_METRICS", "ValidPredictions", "apply_threshold", "validation_predictions"]

# The metrics a decision threshold moves; the loss and the curves' scores do not depend on it.
THRESHOLD_METRICS = ("accuracy", "precision", "recall", "f1", "f1_macro", "f1_weighted")
_ARRAYS = {"actual", "output", "positive"}


@dataclass
class ValidPredictions:
    """Classification: `actual` holds class codes and `output` the (rows, classes)
    probabilities; regression: both are values in the target's units, one per row."""

    actual: np.ndarray
    output: np.ndarray
    positive: int | None = None  # the positive class's code, for two classes

    @property
    def task(self) -> str:
        return "classification" if self.output.ndim == 2 else "regression"

    @property
    def n_rows(self) -> int:
        return len(self.actual)

    @property
    def nbytes(self) -> int:
        return self.actual.nbytes + self.output.nbytes

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        positive = -1 if self.positive is None else self.positive
        np.savez(buf, actual=self.actual, output=self.output, positive=np.int64(positive))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, task: str, n_classes: int) -> ValidPredictions:
        """Raises ValueError unless the arrays are what a run of this task and these
        classes predicts (a saved file may come from anywhere)."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                if set(npz.files) != _ARRAYS:
                    raise ValueError("arrays")
                actual, output, positive = npz["actual"], npz["output"], int(npz["positive"])
        except (OSError, EOFError, KeyError, TypeError) as exc:
            raise ValueError("not an npz") from exc
        predictions = cls(actual, output, None if positive < 0 else positive)
        predictions._check(task, n_classes)
        return predictions

    def _check(self, task: str, n_classes: int) -> None:
        a, out = self.actual, self.output
        if a.ndim != 1 or out.dtype.kind != "f" or len(out) != len(a):
            raise ValueError("shapes")
        if task == "classification":
            if out.ndim != 2 or out.shape[1] != n_classes or a.dtype.kind not in "iu":
                raise ValueError("classes")
            if len(a) and (a.min() < 0 or a.max() >= n_classes):
                raise ValueError("codes")
            if not np.all((out >= 0) & (out <= 1)):  # NaN fails too
                raise ValueError("probabilities")
            if self.positive is not None and not (n_classes == 2 and self.positive in (0, 1)):
                raise ValueError("positive")
        elif out.ndim != 1 or a.dtype.kind != "f":
            raise ValueError("values")


def validation_predictions(data: Dataset, model: AttentionNet) -> ValidPredictions:
    """The model's predictions on the run's validation rows, in the fewest bytes that keep
    them exact: probabilities in the network's own float type, codes in the smallest int."""
    out = model.predict_batches(data.X_valid)
    if data.task == "classification":
        codes = np.asarray(data.y_valid).astype(np.min_scalar_type(max(len(data.classes) - 1, 0)))
        positive = data.positive if len(data.classes) == 2 else None
        return ValidPredictions(codes, out, positive)
    info = data.target_info
    predicted = out.astype(np.float64).ravel() * info.std + info.mean
    actual = np.asarray(data.y_valid, np.float64) * info.std + info.mean
    return ValidPredictions(actual, predicted)


def apply_threshold(run: Run, threshold: float, fp_cost: float) -> None:
    """The run's settings, model and metrics at another decision threshold (two classes).

    The validation metrics and confusion matrix are measured again on the kept predictions;
    the training rows are not kept, so their threshold-dependent metrics become unknown
    (NaN) rather than stay those of the old threshold.
    """
    p = run.predictions
    if p is None or p.positive is None or run.group is not None:
        # a group's metrics are means over runs whose predictions are not all kept
        raise ValueError("a threshold needs one two-class run's validation predictions")
    run.config = replace(run.config, threshold=threshold, fp_cost=fp_cost)
    if run.model is not None:
        run.model = replace(run.model, config=replace(run.model.config, threshold=threshold,
                                                      fp_cost=fp_cost))
    measured = classification_metrics(p.actual, p.output, p.positive, threshold, scores=False)
    valid = dict(run.metrics.get("valid", {}))
    valid.update({k: float(measured[k]) for k in THRESHOLD_METRICS})
    train = {k: (math.nan if k in THRESHOLD_METRICS else v)
             for k, v in run.metrics.get("train", {}).items()}
    run.metrics = {**run.metrics, "train": train, "valid": valid}
    if run.model is not None and "metrics" in run.model.summary:
        run.model.summary = {**run.model.summary, "metrics": json_finite(run.metrics)}
    run.confusion = [[int(v) for v in row] for row in measured["confusion"]]
