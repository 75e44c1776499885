"""The statistics pass over a streamed file: from a `Source` and a config to the fitted
preprocessing, the target's encoding and the row counts of a run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from ..config import TrainConfig
from ..dataset import DataError, TargetInfo, resolve_columns
from ..io.common import TableError
from ..preprocess import NUMERIC_KINDS, Preprocessor
from ..thresholds import check_binary_settings
from .source import CHUNK_ROWS, Source
from .stats import FileStats, Plan

__all__ = ["Fitted", "fit_stream", "gather", "plan_for"]


@dataclass
class Fitted:
    """What the statistics pass learned: enough to encode any chunk, and the counts that
    size the epochs."""

    target: str
    features: list[str]
    excluded: dict[str, str]
    task: str
    preprocessor: Preprocessor
    target_info: TargetInfo
    positive: int | None
    stats: FileStats

    @property
    def plan(self) -> Plan:
        return self.stats.plan


def plan_for(source: Source, config: TrainConfig) -> Plan:
    """The columns a run on this file uses and how each is read, from the first rows."""
    head = source.head
    target, features, task = resolve_columns(head, config)
    kind = head.info(target).kind
    if kind == "empty":
        raise DataError("the target '{target}' is empty in every row; choose another target",
                        target=target)
    if kind == "date":
        raise DataError("the target '{target}' holds dates, which cannot be predicted here; "
                        "choose another target", target=target)
    kinds = {f: ("numeric" if head.info(f).kind in NUMERIC_KINDS else
                 "date" if head.info(f).kind == "date" else "categorical") for f in features}
    return Plan(features=features, kinds=kinds,
                words={f: head.info(f).labels for f in features if head.info(f).labels},
                orders={f: head.info(f).order for f in features if head.info(f).order},
                target=target, target_words=head.info(target).labels, task=task,
                spec=config.preprocess_spec(), seed=config.seed,
                valid_fraction=config.valid_fraction)


def gather(source: Source, plan: Plan, chunk_rows: int = CHUNK_ROWS,
           progress: Callable[[float], None] | None = None,
           should_stop: Callable[[], bool] | None = None) -> FileStats:
    """One pass: every chunk's state merged into the file's."""
    stats = FileStats(plan)
    for chunk in source.chunks(chunk_rows, progress, should_stop):
        stats.update(chunk.start, chunk.frame)
    return stats


def fit_stream(source: Source, config: TrainConfig, chunk_rows: int = CHUNK_ROWS,
               progress: Callable[[float], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> Fitted:
    """The statistics passes in this process, chunk by chunk."""

    def one_pass(plan: Plan, k: int, passes: int) -> FileStats:
        share = None if progress is None else (lambda f: progress((k + f) / passes))
        return gather(source, plan, chunk_rows, share, should_stop)

    return fit_with(source, config, one_pass)


def fit_with(source, config: TrainConfig,
             one_pass: Callable[[Plan, int, int], FileStats]) -> Fitted:
    """The fitted preprocessing from `one_pass(plan, k, passes)`, the k-th of the passes over
    the data (here, or on a cluster's workers): one, or two when outliers are clipped or
    dropped, since the fences must be known before the statistics of what lies within them."""
    config = config.validate()
    plan = plan_for(source, config)
    passes = 1 if plan.spec.outliers == "none" else 2
    stats = one_pass(plan, 0, passes)
    if passes == 2:
        stats = one_pass(replace(plan, bounds=stats.bounds()), 1, passes)
    info = stats.target_info()
    _check(stats, info, config)
    excluded = {c.name: c.excluded for c in source.head.columns
                if c.excluded and c.name != plan.target and c.name not in plan.features}
    return Fitted(plan.target, plan.features, excluded, plan.task, stats.preprocessor(), info,
                  _positive(stats, info, config.positive), stats)


def _check(stats: FileStats, info: TargetInfo, config: TrainConfig) -> None:
    target = stats.plan.target
    if stats.rows == 0:
        raise TableError("the file has a header but no data rows")
    if stats.train_rows + stats.valid_rows == 0:
        raise DataError("no row of the target '{target}' holds a value; choose another target",
                        target=target)
    if info.task == "classification" and len(info.classes) < 2:
        only = f" ('{info.classes[0]}')" if info.classes else ""
        raise DataError(
            "the target '{target}' has only one class{only}; a classifier needs at least two: "
            "choose another target or use --task regression", target=target, only=only)
    check_binary_settings(config.threshold, config.fp_cost, info.task, len(info.classes), target)
    if stats.kept < 2:
        raise DataError("no training rows are left after preprocessing; choose another "
                        "missing-value or outlier setting")
    if stats.valid_rows == 0:
        raise DataError("the validation set is empty: {rows} rows with a target value "
                        "are too few to set some aside; use a larger file or validation fraction",
                        rows=stats.train_rows)
    if info.task == "regression" and not (np.isfinite(info.std) and info.std > 0):
        raise DataError("the target '{target}' has the same value in every training row; "
                        "there is nothing to predict", target=target)


def _positive(stats: FileStats, info: TargetInfo, positive: str | None) -> int | None:
    """As the in-memory run chooses it: the class asked for, else the rarer in training."""
    if info.task != "classification" or len(info.classes) != 2:
        return None
    if positive is not None:
        if positive not in info.classes:
            raise DataError("the positive class '{positive}' is not a class of '{target}'; "
                            "the classes are: {classes}", positive=positive,
                            target=stats.plan.target, classes=", ".join(info.classes))
        return info.classes.index(positive)
    counts = [stats.kept_classes.counts.get(c, 0) for c in info.classes]
    return int(np.argmin(counts))
