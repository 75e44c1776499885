"""Training from prepared partitions: the workers read and encode, one trainer on the
client steps through the mini-batches.

Why not data-parallel gradient averaging: the network is small (a few thousand weights,
a step takes well under a millisecond), so a round trip to the workers per step would cost
more than the step itself, and averaging every few steps changes what is learned; what
costs time at scale is parsing and encoding the rows, and that is what the workers do. The
client keeps `prefetch` partitions in flight and feeds each one, as it arrives in file
order, to the same seeded shuffle buffer as a streamed run, so the reports and the saved
model are those of `StreamTrainer`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..config import TrainConfig
from ..io.common import TableError
from ..stream import Fitted, StreamTrainer, validation_rows
from ..stream.batches import _TRAIN_SALT, _VALID_SALT, BUFFER_ROWS, Batches, encode_chunk
from ..stream.split import row_uniform
from .source import DaskSource, Reading

__all__ = ["ClusterBatches", "ClusterTrainer", "prepare"]


def prepare(frame, start: int, fitted: Fitted, reading: Reading, shares: tuple[float, float],
            collect: bool) -> tuple[np.ndarray, ...]:
    """A partition's training rows encoded (X, y, whether each is in the training sample),
    and with `collect` its validation rows (Xv, yv) too, as `Batches` encodes a chunk."""
    _, frame = reading.analysed(frame)
    plan = fitted.plan
    share_valid, share_train = shares
    usable = plan.usable(frame)
    valid = validation_rows(start, len(frame), plan.seed, plan.valid_fraction)
    X, y, kept = encode_chunk(fitted, frame, np.flatnonzero(usable & ~valid), True)
    in_sample = row_uniform(kept + start, plan.seed, _TRAIN_SALT) < share_train
    if not collect:
        return X, y, in_sample
    rows = np.flatnonzero(usable & valid)
    rows = rows[row_uniform(rows + start, plan.seed, _VALID_SALT) < share_valid]
    Xv, yv, _ = encode_chunk(fitted, frame, rows, False)
    return X, y, in_sample, Xv, yv


@dataclass
class ClusterBatches(Batches):
    client: object = None
    prefetch: int = 2
    _fitted_future: object = None

    def _parts_of_file(self, collect: bool) -> Iterator[tuple[np.ndarray, ...]]:
        import dask

        client, source = self.client, self.source
        if self._fitted_future is None:
            # sent once to every worker rather than inside every task
            self._fitted_future = client.scatter(self.fitted, broadcast=True)
        starts = source.count_rows(client)
        todo = deque(zip(source.parts(), starts, strict=False))
        shares = self.fractions()
        pending: deque = deque()

        def submit() -> None:
            part, start = todo.popleft()
            pending.append(client.compute(dask.delayed(prepare)(
                part, start, self._fitted_future, source.reading, shares, collect)))

        try:
            while todo and len(pending) < self.prefetch:
                submit()
            while pending:
                if self.should_stop is not None and self.should_stop():
                    raise TableError("loading was cancelled")
                prepared = pending.popleft().result()
                if todo:
                    submit()
                X, y, in_sample = prepared[:3]
                if collect:
                    self._parts["Xs"].append(X[in_sample])
                    self._parts["ys"].append(y[in_sample])
                    self._parts["Xv"].append(prepared[3])
                    self._parts["yv"].append(prepared[4])
                yield X, y, in_sample
        finally:
            client.cancel(list(pending))


class ClusterTrainer(StreamTrainer):
    """`StreamTrainer` fed by the workers: the same steps, reports and `model_`."""

    def __init__(self, config: TrainConfig, source: DaskSource, fitted: Fitted, client,
                 prefetch: int | None = None, buffer_rows: int = BUFFER_ROWS):
        super().__init__(config, source, fitted, buffer_rows=buffer_rows)
        workers = len(client.nthreads()) or 1
        self.batches = ClusterBatches(source, fitted, buffer_rows=buffer_rows,
                                      client=client, prefetch=prefetch or max(2, workers))
