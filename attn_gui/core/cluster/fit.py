"""The statistics pass on the workers: one `FileStats` per partition, merged pairwise in a
fixed tree on the workers, so the merged sample (and every statistic drawn from it) is the
same from run to run; the exact ones equal a single-process pass over the same rows."""

from __future__ import annotations

from dataclasses import replace

from ..config import TrainConfig
from ..stream import FileStats, Fitted, Plan, plan_for
from ..stream.fit import _check, _positive
from .source import DaskSource, Reading

__all__ = ["fit_cluster", "gather_cluster"]


def _part_stats(frame, start: int, plan: Plan, reading: Reading) -> FileStats:
    _, frame = reading.analysed(frame)
    stats = FileStats(plan)
    stats.update(start, frame)
    return stats


def _merged(left: FileStats, right: FileStats) -> FileStats:
    # each state is an intermediate result used by this one task only
    left.merge(right)
    return left


def gather_cluster(source: DaskSource, plan: Plan, client) -> FileStats:
    """One pass over every partition on the workers; the merged state on the client."""
    import dask

    starts = source.count_rows(client)
    level = [dask.delayed(_part_stats)(part, start, plan, source.reading)
             for part, start in zip(source.parts(), starts, strict=False)]
    while len(level) > 1:
        pairs = [dask.delayed(_merged)(level[i], level[i + 1])
                 for i in range(0, len(level) - 1, 2)]
        level = pairs + level[len(level) - len(level) % 2:]
    return client.compute(level[0]).result()


def fit_cluster(source: DaskSource, config: TrainConfig, client) -> Fitted:
    """`stream.fit_stream` with the passes on the workers: one, or two when outliers are
    clipped or dropped (the fences come first)."""
    config = config.validate()
    plan = plan_for(source, config)
    stats = gather_cluster(source, plan, client)
    if plan.spec.outliers != "none":
        stats = gather_cluster(source, replace(plan, bounds=stats.bounds()), client)
    info = stats.target_info()
    _check(stats, info, config)
    excluded = {c.name: c.excluded for c in source.head.columns
                if c.excluded and c.name != plan.target and c.name not in plan.features}
    return Fitted(plan.target, plan.features, excluded, plan.task, stats.preprocessor(), info,
                  _positive(stats, info, config.positive), stats)
