"""`StreamTrainer`: the in-memory `Trainer`'s steps, metrics and reports, fed mini-batches
read from the file epoch after epoch.

The first epoch reads the file and trains on its training rows through the shuffle
buffer; later epochs read the rows it encoded back from disk (`spill.py`), or the file again
when there is no room for them. The validation rows and the training sample (`batches.py`)
are kept in memory as the first epoch passes, and measure each epoch and the final weights
as `Trainer` measures its arrays. The per-epoch training metrics are those of the predictions made while the
epoch trained, as in memory, over the training sample's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

import numpy as np

from ..config import TrainConfig
from ..dataset import Dataset, target_dtype
from ..training import BatchReport, EpochReport, Trainer, _Loop
from .batches import BUFFER_ROWS, Batches
from .fit import Fitted
from .source import CHUNK_ROWS, Source

__all__ = ["StreamTrainer", "streamed_dataset"]


def streamed_dataset(fitted: Fitted) -> Dataset:
    """A `Dataset` of the run without rows: what the trainer, the saved model and the
    reports read of the data; its arrays are filled by the first epoch."""
    width = len(fitted.preprocessor.encoded_names)
    dtype = target_dtype(fitted.task)
    stats = fitted.stats
    return Dataset(
        task=fitted.task, target=fitted.target, features=fitted.features,
        excluded=fitted.excluded, target_info=fitted.target_info, positive=fitted.positive,
        preprocessor=fitted.preprocessor,
        X_train=np.empty((0, width), np.float32), y_train=np.empty(0, dtype),
        X_valid=np.empty((0, width), np.float32), y_valid=np.empty(0, dtype),
        report={"rows_without_target": stats.rows - stats.train_rows - stats.valid_rows,
                "streamed": {"rows": stats.rows, "train": stats.kept,
                             "valid": stats.valid_rows}})


class StreamTrainer(Trainer):
    def __init__(self, config: TrainConfig, source: Source, fitted: Fitted,
                 chunk_rows: int = CHUNK_ROWS, buffer_rows: int = BUFFER_ROWS,
                 should_stop: Callable[[], bool] | None = None):
        super().__init__(config, streamed_dataset(fitted))
        self.fitted = fitted
        self.batches = Batches(source, fitted, chunk_rows, buffer_rows, should_stop)

    @property
    def n_train(self) -> int:
        return self.fitted.stats.kept

    @property
    def n_valid(self) -> int:
        return self.fitted.stats.valid_rows

    def _n_train(self) -> int:
        return self.n_train

    def _sample_weights(self) -> np.ndarray | None:
        """Per class, not per row: the rows are not in memory."""
        if self.data.task != "classification" or self.config.class_weight != "balanced":
            return None
        counts = np.array([self.fitted.stats.kept_classes.counts.get(c, 0)
                           for c in self.data.classes], dtype=np.float64)
        return (self.n_train / (len(counts) * np.maximum(counts, 1))).astype(self.dtype)

    def _epoch(self, loop: _Loop, epoch: int, lr: float
               ) -> Generator[BatchReport, None, tuple[int, np.ndarray]]:
        cfg = self.config
        scale = self._attention_scale(loop, epoch)
        first = self.batches.X_valid is None  # the first epoch keeps the rows that measure
        ys, outs = [], []
        done, loss_sum = 0, 0.0
        stream = self.batches.epoch(loop.rng, loop.batch, collect=first)
        for b, (X, y, sampled) in enumerate(stream, start=1):
            loop.control.wait_while_paused()
            if loop.control.stopped:
                stream.close()
                break
            w = None if loop.weights is None else loop.weights[y]
            loss, out = self._step(loop, X.astype(self.dtype, copy=False), y, w, lr, scale,
                                   epoch)
            ys.append(y[sampled])
            outs.append(out[sampled])
            done += len(y)
            loss_sum += loss * len(y)
            yield BatchReport(epoch + 1, cfg.epochs, b, max(loop.n_batches, b),
                              loss_sum / done, _elapsed(loop))
        if first:
            if self.batches.X_valid is None:
                self.batches.collect_rest(np.random.default_rng(cfg.seed))
            self._hold_samples()
        loop.y = np.concatenate(ys) if ys else self.data.y_train[:0]
        loop.outputs = np.concatenate(outs) if outs else None
        return done, np.arange(len(loop.y))

    def _finish(self, best: np.ndarray, reason: str) -> EpochReport:
        self.batches.close()  # no epoch reads the spilled rows after this
        return super()._finish(best, reason)

    def _hold_samples(self) -> None:
        b = self.batches
        self.data.X_valid, self.data.y_valid = b.X_valid, b.y_valid
        self.data.X_train, self.data.y_train = b.X_sample, b.y_sample


def _elapsed(loop: _Loop) -> float:
    import time

    return time.perf_counter() - loop.start
