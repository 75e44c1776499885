"""The statistics pass on the workers: one `FileStats` per partition, merged pairwise in a
fixed tree on the workers, so the merged sample (and every statistic drawn from it) is the
same from run to run; the exact ones equal a single-process pass over the same rows."""

from __future__ import annotations

from ..config import TrainConfig
from ..stream import FileStats, Fitted, Plan, fit_with
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
    """`stream.fit_stream` with the passes on the workers."""
    return fit_with(source, config, lambda plan, k, passes: gather_cluster(source, plan, client))
