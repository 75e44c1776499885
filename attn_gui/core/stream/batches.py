"""Chunks encoded with the fitted preprocessing, and mini-batches through a seeded shuffle
buffer.

The rows held in memory to measure a run (the validation rows, and a sample of the
training rows for the final training metrics) are capped at `SAMPLE_BYTES` of encoded
values each, drawn by row hash (every row while they fit): a file of any size is measured
in bounded memory. The first epoch's encoded training rows are spilled to disk for the
later epochs (`spill.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ..dataset import target_dtype
from .fit import Fitted
from .source import CHUNK_ROWS, Source
from .spill import Spill
from .split import row_uniform, validation_rows

__all__ = ["BUFFER_ROWS", "SAMPLE_BYTES", "Batches", "encode_chunk", "shuffled"]

BUFFER_ROWS = 131_072
SAMPLE_BYTES = 64 << 20
_VALID_SALT, _TRAIN_SALT = 1, 2


def encode_chunk(fitted: Fitted, frame, rows: np.ndarray, drop_rows: bool
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The encoded matrix and y of the chunk's rows at positions `rows`, and which of those
    rows they are (training rows may be dropped by the missing-value or outlier setting;
    validation rows never are)."""
    plan = fitted.plan
    X, keep, _ = fitted.preprocessor.transform(frame, drop_rows=drop_rows, rows=rows)
    kept = rows[keep]
    y, _ = fitted.target_info.encode(frame[plan.target].iloc[kept], plan.target_words)
    y = y.astype(target_dtype(plan.task))
    return X, y, kept


def shuffled(parts: Iterator[tuple[np.ndarray, ...]], rng: np.random.Generator,
             capacity: int, batch: int) -> Iterator[tuple[np.ndarray, ...]]:
    """Mini-batches of rows drawn from a buffer of `capacity` rows that every part joins
    (as tf.data's shuffle buffer): each part is added, the buffer shuffled, and all rows but
    `capacity` leave it in batches; the last rows leave shuffled at the end."""
    buffer: tuple[np.ndarray, ...] | None = None
    for part in parts:
        buffer = part if buffer is None else tuple(
            np.concatenate([a, b]) for a, b in zip(buffer, part, strict=True))
        n = len(buffer[0])
        if n < capacity + batch:
            continue
        perm = rng.permutation(n)
        buffer = tuple(a[perm] for a in buffer)
        out = (n - capacity) // batch * batch
        for s in range(0, out, batch):
            yield tuple(a[s : s + batch] for a in buffer)
        buffer = tuple(a[out:] for a in buffer)
    if buffer is not None and len(buffer[0]):
        perm = rng.permutation(len(buffer[0]))
        buffer = tuple(a[perm] for a in buffer)
        for s in range(0, len(buffer[0]), batch):
            yield tuple(a[s : s + batch] for a in buffer)


@dataclass
class Batches:
    """The epochs of a streamed run over `source`, and the rows kept to measure it."""

    source: Source
    fitted: Fitted
    chunk_rows: int = CHUNK_ROWS
    buffer_rows: int = BUFFER_ROWS
    should_stop: Callable[[], bool] | None = None
    spill: bool = True  # keep the first epoch's encoded rows on disk for the later epochs
    X_valid: np.ndarray | None = None
    y_valid: np.ndarray | None = None
    X_sample: np.ndarray | None = None  # training rows kept for the final metrics
    y_sample: np.ndarray | None = None
    _parts: dict = field(default_factory=dict)
    _spill: Spill | None = None

    def fractions(self) -> tuple[float, float]:
        """The share of validation and training rows kept in memory."""
        row_bytes = 4 * max(len(self.fitted.preprocessor.encoded_names), 1)
        cap = SAMPLE_BYTES / row_bytes
        stats = self.fitted.stats
        return min(1.0, cap / max(stats.valid_rows, 1)), min(1.0, cap / max(stats.kept, 1))

    def epoch(self, rng: np.random.Generator, batch: int, collect: bool
              ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Shuffled mini-batches (X, y, whether each row is in the training sample); with
        `collect`, the validation rows and the training sample are kept as they pass."""
        if collect:
            self._parts = {"Xv": [], "yv": [], "Xs": [], "ys": []}
        spilled = self._spill is not None and self._spill.complete
        parts = self._spill.parts() if spilled else self._parts_of_file(collect)
        yield from shuffled(parts, rng, self.buffer_rows, batch)
        if collect:
            self._gather()
        if self._spill is not None:
            self._spill.complete = True

    def close(self) -> None:
        """Remove the spilled rows (the run is over)."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    def collect_rest(self, rng: np.random.Generator) -> None:
        """Read on for the rows that measure the run when the first epoch was stopped."""
        for _ in self.epoch(rng, self.buffer_rows, collect=True):
            pass

    def _parts_of_file(self, collect: bool) -> Iterator[tuple[np.ndarray, ...]]:
        fitted, plan = self.fitted, self.fitted.plan
        share_valid, share_train = self.fractions()
        self.close()  # a pass over the file writes the spill afresh
        if self.spill:
            self._spill = Spill.if_room(len(fitted.preprocessor.encoded_names),
                                        target_dtype(fitted.task), fitted.stats.kept)
        for chunk in self.source.chunks(self.chunk_rows, should_stop=self.should_stop):
            frame, start = chunk.frame, chunk.start
            usable = plan.usable(frame)
            valid = validation_rows(start, len(frame), plan.seed, plan.valid_fraction)
            X, y, kept = encode_chunk(fitted, frame, np.flatnonzero(usable & ~valid), True)
            in_sample = row_uniform(kept + start, plan.seed, _TRAIN_SALT) < share_train
            if collect:
                self._parts["Xs"].append(X[in_sample])
                self._parts["ys"].append(y[in_sample])
                rows = np.flatnonzero(usable & valid)
                rows = rows[row_uniform(rows + start, plan.seed, _VALID_SALT) < share_valid]
                Xv, yv, _ = encode_chunk(fitted, frame, rows, False)
                self._parts["Xv"].append(Xv)
                self._parts["yv"].append(yv)
            if self._spill is not None:
                self._spill.write(X, y, in_sample)
            yield X, y, in_sample

    def _gather(self) -> None:
        width = len(self.fitted.preprocessor.encoded_names)
        dtype = target_dtype(self.fitted.task)

        def joined(key: str, empty: np.ndarray) -> np.ndarray:
            return np.concatenate(self._parts[key]) if self._parts[key] else empty

        self.X_valid = joined("Xv", np.empty((0, width), np.float32))
        self.y_valid = joined("yv", np.empty(0, dtype))
        self.X_sample = joined("Xs", np.empty((0, width), np.float32))
        self.y_sample = joined("ys", np.empty(0, dtype))
        self._parts = {}
