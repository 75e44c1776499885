"""What a group of runs (repeats or folds) has shown so far: the finished runs' curves and
attention, from which the page draws mean curves with bands and bars with error bars."""

from __future__ import annotations

import numpy as np

from ...core.repeats import curve_band
from ...core.training import EpochReport

__all__ = ["GroupState"]


class GroupState:
    """The finished runs of the group under way (or last trained), in training order."""

    def __init__(self, count: int = 1) -> None:
        self.count = count  # runs the group will train
        self.index = 1  # the run under way, 1-based
        self.finals: list[EpochReport] = []

    @property
    def is_group(self) -> bool:
        return self.count > 1

    def add(self, final: EpochReport) -> None:
        self.finals.append(final)

    def band(self, key: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Epochs, mean and sd of one curve (e.g. "valid_loss") over the finished runs."""
        mean, sd = curve_band([f.history for f in self.finals], key)
        return np.arange(1, len(mean) + 1, dtype=np.float64), mean, sd

    def attention(self, live: dict[str, float] | None = None
                  ) -> tuple[dict[str, float], dict[str, float] | None]:
        """Mean attention over the finished runs and the run under way (its latest epoch),
        and their sd once there are two."""
        vectors = [f.attention for f in self.finals] + ([live] if live else [])
        if not vectors:
            return {}, None
        names = list(vectors[0])
        A = np.array([[v[n] for n in names] for v in vectors])
        mean = dict(zip(names, A.mean(axis=0).tolist(), strict=True))
        if len(A) < 2:
            return mean, None
        return mean, dict(zip(names, A.std(axis=0, ddof=1).tolist(), strict=True))
