"""The preprocessing statistics of `Preprocessor.fit`, gathered chunk by chunk.

`FileStats` is one mergeable state per file (or per part of it): exact moments of every
numeric column and date part, a seeded reservoir sample of them (medians, quartiles,
IQR fences, the most frequent value), exact level counts of every text column, and the
target's classes or moments. `preprocessor()` turns it into the same `Preprocessor` that
`fit` learns from the same training rows; with no more training rows than the reservoir
holds (`sketch.SAMPLE_ROWS`) every statistic is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..dataset import TargetInfo
from ..io.dates import PARTS, date_parts
from ..preprocess import (
    OTHER,
    CategoricalStep,
    DateStep,
    NumericStep,
    Preprocessor,
    PreprocessSpec,
    _as_float,
    _days,
    target_labels,
)
from .sketch import SAMPLE_ROWS, LevelCounts, Moments, Reservoir
from .split import validation_rows

__all__ = ["FileStats", "Plan"]

_DATE_PARTS = [*PARTS, "hour"]  # "hour" is kept only when the training dates hold times


@dataclass
class Plan:
    """What a pass needs to know of the run: the columns, their kinds and words, the split
    and, for a second pass, the outlier fences the first one found."""

    features: list[str]
    kinds: dict[str, str]  # "numeric" | "categorical" | "date", as Preprocessor.kinds
    words: dict[str, tuple[str, str]]
    orders: dict[str, str]
    target: str
    target_words: tuple[str, str] | None
    task: str
    spec: PreprocessSpec
    seed: int
    valid_fraction: float
    bounds: dict[str, tuple[float, float]] | None = None
    capacity: int = SAMPLE_ROWS

    @property
    def numeric(self) -> list[str]:
        return [f for f in self.features if self.kinds[f] == "numeric"]

    @property
    def dates(self) -> list[str]:
        return [f for f in self.features if self.kinds[f] == "date"]

    def usable(self, frame) -> np.ndarray:
        """Rows whose target can be learned from: a label, or a finite number."""
        col = frame[self.target]
        if self.task == "classification":
            return ~_missing(target_labels(col, self.target_words))
        return np.isfinite(_as_float(col))


@dataclass
class FileStats:
    plan: Plan
    rows: int = 0  # every data row seen
    train_rows: int = 0  # training rows with a usable target
    valid_rows: int = 0  # validation rows with a usable target
    kept: int = 0  # training rows left after missing-value and outlier drops
    classes: LevelCounts = field(default_factory=LevelCounts)  # every row's target label
    kept_classes: LevelCounts = field(default_factory=LevelCounts)
    target: Moments = field(default_factory=lambda: Moments(1))
    timed: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        width = len(self.plan.numeric) + len(_DATE_PARTS) * len(self.plan.dates)
        self.moments = Moments(width)
        self.sample = Reservoir(width, self.plan.capacity, self.plan.seed)
        self.levels = {f: LevelCounts() for f in self.plan.features
                       if self.plan.kinds[f] == "categorical"}
        self.timed = dict.fromkeys(self.plan.dates, False)
        self.counted = 0  # rows the numeric statistics were gathered on

    # -- gathering -------------------------------------------------------------
    def update(self, start: int, frame) -> None:
        """Add the rows of a chunk whose first row is row `start` of the file."""
        plan = self.plan
        n = len(frame)
        self.rows += n
        usable = plan.usable(frame)
        valid = validation_rows(start, n, plan.seed, plan.valid_fraction)
        if plan.task == "classification":
            self.classes.update(target_labels(frame[plan.target], plan.target_words))
        train = usable & ~valid
        self.train_rows += int(train.sum())
        self.valid_rows += int((usable & valid).sum())
        keep = train.copy()
        if plan.spec.missing == "drop":
            for f in plan.features:
                keep &= frame[f].notna().to_numpy()
        for f, counts in self.levels.items():
            counts.update(target_labels(frame[f][keep]))
        numbers = self._numbers(frame, keep)
        inside = np.ones(len(numbers), dtype=bool)
        if plan.spec.outliers == "drop" and plan.bounds is not None:
            for j, f in enumerate(plan.numeric):
                low, high = plan.bounds[f]
                v = numbers[:, j]
                inside &= np.isnan(v) | ((v >= low) & (v <= high))
            numbers = numbers[inside]
        self.sample.update(numbers)
        if plan.spec.outliers == "clip" and plan.bounds is not None:
            numbers = numbers.copy()
            for j, f in enumerate(plan.numeric):
                numbers[:, j] = np.clip(numbers[:, j], *plan.bounds[f])
        self.moments.update(numbers)
        self.counted += len(numbers)
        self.kept += len(numbers)
        kept = np.flatnonzero(keep)[inside]
        target = frame[plan.target].iloc[kept]
        if plan.task == "classification":
            self.kept_classes.update(target_labels(target, plan.target_words))
        else:
            self.target.update(_as_float(target)[:, None])

    def _numbers(self, frame, keep: np.ndarray) -> np.ndarray:
        """The kept rows' numeric columns, then five parts of every date (days since 1970,
        not yet since the first date, which is known only at the end)."""
        plan = self.plan
        out = np.empty((int(keep.sum()), self.moments.width))
        for j, f in enumerate(plan.numeric):
            out[:, j] = _as_float(frame[f][keep], list(plan.words[f]) if f in plan.words
                                  else None)
        j = len(plan.numeric)
        for f in plan.dates:
            days = _days(frame[f][keep], plan.orders.get(f, "iso"))
            known = days[~np.isnan(days)]
            self.timed[f] |= bool(known.size and (known != np.floor(known)).any())
            out[:, j : j + len(_DATE_PARTS)] = date_parts(days, 0.0, _DATE_PARTS)
            j += len(_DATE_PARTS)
        return out

    def merge(self, other: FileStats) -> None:
        """Add the state of other rows of the same file (another chunk or partition)."""
        for name in ("rows", "train_rows", "valid_rows", "kept", "counted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("classes", "kept_classes", "target", "moments", "sample"):
            getattr(self, name).merge(getattr(other, name))
        for f, counts in self.levels.items():
            counts.merge(other.levels[f])
        for f in self.timed:
            self.timed[f] |= other.timed[f]

    # -- results -------------------------------------------------------------
    def bounds(self) -> dict[str, tuple[float, float]]:
        """Every numeric column's outlier fences, as `Preprocessor._bounds` draws them."""
        spec, out = self.plan.spec, {}
        for j, f in enumerate(self.plan.numeric):
            if spec.outliers == "none" or self.moments.count[j] == 0:
                out[f] = (-np.inf, np.inf)
                continue
            t = spec.outlier_threshold
            if spec.outlier_rule == "iqr":
                q1, q3 = np.nanpercentile(self.sample.column(j), [25, 75])
                out[f] = (float(q1 - t * (q3 - q1)), float(q3 + t * (q3 - q1)))
            else:
                mean, std = float(self.moments.mean[j]), float(self.moments.std()[j])
                out[f] = (mean - t * std, mean + t * std)
        return out

    def preprocessor(self) -> Preprocessor:
        plan = self.plan
        pre = Preprocessor(plan.spec, list(plan.features), dict(plan.kinds), {})
        bounds = plan.bounds or {f: (-np.inf, np.inf) for f in plan.numeric}
        for j, f in enumerate(plan.numeric):
            words = list(plan.words[f]) if f in plan.words else None
            pre.steps[f] = self._numeric_step(j, bounds[f], words)
        j = len(plan.numeric)
        for f in plan.dates:
            pre.steps[f] = self._date_step(f, j)
            j += len(_DATE_PARTS)
        for f, counts in self.levels.items():
            pre.steps[f] = _levels(counts, plan.spec)
        pre.steps = {f: pre.steps[f] for f in plan.features}
        return pre

    def _numeric_step(self, j: int, bounds: tuple[float, float], words: list[str] | None,
                      shift: float = 0.0) -> NumericStep:
        """Fill and scaling of column j: the known values' moments and sample, with every
        missing value counted as the fill (clipped, as `fit` clips after filling)."""
        spec = self.plan.spec
        sample = self.sample.column(j) - shift
        known = sample[~np.isnan(sample)]
        fill = _fill(known, spec.missing, self.moments.mean[j] - shift)
        low, high = bounds
        clipped = float(np.clip(fill, low, high)) if spec.outliers == "clip" else fill
        part = Moments(1)
        part.count, part.mean = self.moments.count[j : j + 1].copy(), self.moments.mean[j : j + 1] - shift
        part.m2, part.low, part.high = (self.moments.m2[j : j + 1].copy(),
                                        self.moments.low[j : j + 1] - shift,
                                        self.moments.high[j : j + 1] - shift)
        missing = self.counted - float(part.count[0])
        if missing > 0:
            filled = Moments(1)
            filled.count, filled.mean = np.array([missing]), np.array([clipped])
            filled.low = filled.high = np.array([clipped])
            part.merge(filled)
        values = np.where(np.isnan(sample), fill, sample)
        if spec.outliers == "clip":
            values = np.clip(values, low, high)
        center, scale = _scaling(spec.scaling, part, values)
        return NumericStep(float(fill), float(low), float(high), float(center), float(scale),
                           words)

    def _date_step(self, f: str, j: int) -> DateStep:
        days = len(PARTS) - 1  # the position of "days" among the parts
        low = self.moments.low[j + days]
        origin = float(np.floor(low)) if np.isfinite(low) else 0.0
        parts = _DATE_PARTS if self.timed[f] else list(PARTS)
        steps = [self._numeric_step(j + k, (-np.inf, np.inf), None,
                                    origin if k == days else 0.0)
                 for k in range(len(parts))]
        order = self.plan.orders.get(f, "iso")
        return DateStep(order, origin, list(parts), steps)

    def target_info(self) -> TargetInfo:
        """The target's classes (every row's, sorted as the in-memory run sorts them), or
        the kept training rows' mean and spread."""
        from ..dataset import label_sort_key

        if self.plan.task == "classification":
            return TargetInfo("classification",
                              classes=sorted(self.classes.counts, key=label_sort_key))
        return TargetInfo("regression", mean=float(self.target.mean[0]),
                          std=float(self.target.std()[0]))


def _missing(labels: np.ndarray) -> np.ndarray:
    import pandas as pd

    return np.asarray(pd.isna(labels), dtype=bool)


def _fill(known: np.ndarray, missing: str, mean: float) -> float:
    if known.size == 0:
        return 0.0
    if missing == "mean":
        return float(mean)  # exact, from the moments
    if missing == "most_frequent":
        values, counts = np.unique(known, return_counts=True)
        return float(values[counts.argmax()])
    return float(np.median(known))


def _scaling(kind: str, part: Moments, values: np.ndarray) -> tuple[float, float]:
    if kind == "none" or part.count[0] == 0:
        return 0.0, 1.0
    std = float(part.std()[0])
    if kind == "minmax":
        lo, hi = float(part.low[0]), float(part.high[0])
        return lo, (hi - lo) or 1.0
    if kind == "robust":
        q1, med, q3 = np.percentile(values, [25, 50, 75])
        return float(med), float(q3 - q1) or std or 1.0
    return float(part.mean[0]), std or 1.0


def _levels(counts: LevelCounts, spec: PreprocessSpec) -> CategoricalStep:
    """`Preprocessor._fit_levels` from exact counts; ties in count are ordered by level."""
    order = sorted(counts.counts.items(), key=lambda kv: (-kv[1], kv[0]))
    tally = dict(order)
    fill = order[0][0] if order else OTHER
    if order and spec.missing != "drop" and counts.missing:
        tally[fill] += counts.missing
    minimum = spec.rare_fraction * max(counts.rows, 1)
    frequent = [level for level, _ in order if tally[level] >= minimum][: spec.max_levels]
    levels = sorted(frequent)
    if len(frequent) < len(order):
        levels.append(OTHER)
    return CategoricalStep(levels=levels, fill=fill)
