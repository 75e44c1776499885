"""The training loop as a generator of reports, with pause, stop and early stopping.

`Trainer.run()` yields a BatchReport after every mini-batch (cheap: a few
numbers) and an EpochReport after every epoch; the last EpochReport has
`final=True` and the metrics of the best weights, which the model then holds.
Pause and stop requests are checked between mini-batches.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field

import numpy as np

from .config import TrainConfig
from .dataset import Dataset
from .errors import UserError
from .metrics import scalars
from .model import AttentionNet, NetSpec
from .optim import FlatParams, Optimizer, learning_rate
from .weighting import WeightingError

_MIN_IMPROVEMENT = 1e-6
SPARSEMAX_WARMUP = 8  # epochs
# The attention logits' faster rate decays as SETTLE / (SETTLE + epoch): fast at first, so
# the weights form before early stopping ends a short run, then slower, so that Adam's
# steps, full-sized even where the loss is flat, do not carry the weight on to and fro
# between columns that carry the same information as training goes on.
ATTENTION_SETTLE = 3.0  # epochs


class TrainingError(UserError):
    """The run could not go on (diverged, or a setting failed at run time)."""


class TrainingControl:
    """Thread-safe stop / pause flags shared by a worker and the loop."""

    def __init__(self):
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def stop(self) -> None:
        self._stop.set()
        self._running.set()  # a paused loop must wake up to see the stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self) -> None:
        if not self._running.is_set():  # the common case returns without taking a lock
            self._running.wait()


@dataclass
class BatchReport:
    epoch: int  # 1-based epoch being trained
    epochs: int
    batch: int  # 1-based
    n_batches: int
    loss: float  # running mean over this epoch's batches
    elapsed: float


@dataclass
class EpochReport:
    epoch: int
    epochs: int
    train: dict
    valid: dict
    attention: dict[str, float]
    lr: float
    elapsed: float
    best_epoch: int
    samples_per_s: float
    final: bool = False
    stop_reason: str | None = None  # "finished" | "early_stopping" | "stopped" on the final report
    history: dict = field(default_factory=dict)  # final report only: curves per epoch


@dataclass
class _Loop:
    """What one call of `Trainer.run` keeps between its mini-batches and epochs."""

    control: TrainingControl
    rng: np.random.Generator
    model: AttentionNet
    flat: FlatParams
    fast: np.ndarray  # mask of the attention logits, which learn at attention_lr
    warmup: int  # epochs over which the attention logits come in (sparsemax)
    opt: Optimizer
    X: np.ndarray
    y: np.ndarray
    batch: int
    n_batches: int
    weights: np.ndarray | None
    best: np.ndarray  # the weights with the best validation score so far
    start: float
    outputs: np.ndarray | None = None  # the predictions made while an epoch trains
    best_score: float = -math.inf
    since_best: int = 0
    train_time: float = 0.0


class Trainer:
    def __init__(self, config: TrainConfig, data: Dataset, dtype=np.float32,
                 class_weights: np.ndarray | None = None):
        """`class_weights`: each class's weight in the loss, in the order of `data.classes`,
        in place of `config.class_weight` (a notebook's `class_weight={label: weight}`)."""
        self.config = config.validate()
        self.data = data
        self.class_weights = class_weights
        self.dtype = np.dtype(dtype)
        n_out = len(data.classes) if data.task == "classification" else 1
        self.spec = NetSpec(
            n_features=data.X_train.shape[1], n_outputs=n_out, task=data.task,
            attention=config.attention, hidden=tuple(config.hidden),
            activation=config.activation, weighting=config.weighting_spec(),
            groups=tuple(int(g) for g in data.groups),
            attention_hidden=config.attention_hidden if config.attention == "row" else 0,
        )
        self.model_ = AttentionNet(self.spec, dtype=self.dtype)
        self.history_: dict[str, list[float]] = {}
        self.best_epoch_ = 0
        self.train_seconds_ = 0.0
        self._start = time.perf_counter()
        self.final_: EpochReport | None = None

    def run(self, control: TrainingControl | None = None) -> Iterator[BatchReport | EpochReport]:
        cfg = self.config
        loop = self._begin(control or TrainingControl())
        reason = "finished"
        for epoch in range(cfg.epochs):
            lr = learning_rate(cfg.lr_schedule, cfg.lr, epoch, cfg.epochs)
            t0 = time.perf_counter()
            done, trained = yield from self._epoch(loop, epoch, lr)
            loop.train_time += time.perf_counter() - t0
            if loop.control.stopped and not done:
                reason = "stopped"
                break
            yield self._end_epoch(loop, epoch, lr, trained, t0, done)
            if loop.control.stopped:
                reason = "stopped"
                break
            if cfg.patience and loop.since_best >= cfg.patience:
                reason = "early_stopping"
                break
        self.train_seconds_ = loop.train_time
        yield self._finish(loop.best, reason)

    # -- the loop ----------------------------------------------------------
    def _epoch(self, loop: _Loop, epoch: int, lr: float
               ) -> Generator[BatchReport, None, tuple[int, np.ndarray]]:
        """One epoch over the rows in memory, in a fresh seeded order: the rows trained on
        and their positions, in the order their predictions were made (a streamed run
        overrides this)."""
        perm = loop.rng.permutation(len(loop.X))
        done = yield from self._train_epoch(loop, epoch, lr, perm)
        return done, perm[:done]

    def _begin(self, control: TrainingControl) -> _Loop:
        """Fresh weights from the seed, the optimiser and the batching of a run."""
        cfg, data = self.config, self.data
        rng = np.random.default_rng(cfg.seed)
        model = self.model_.init(rng)
        flat = self._flat = FlatParams(model.params)
        model.params = flat.values  # training updates the one vector in place
        # Only the logits shared by every row learn faster: speeding up the per-row matrix
        # as well lets row-to-row noise swamp which columns matter.
        fast = flat.mask(k for k in ("att_a", "att_b") if k in model.params)
        # Sparsemax gives exact zeros, and a column at zero gets no gradient back: let the
        # head learn first, then bring the attention logits in over a few epochs.
        warmup = SPARSEMAX_WARMUP if cfg.weighting == "sparsemax" else 0
        opt = Optimizer(cfg.optimizer, cfg.lr, momentum=cfg.momentum)
        X = data.X_train.astype(self.dtype, copy=False)
        n = self._n_train()
        batch = n if cfg.optimizer == "gd" else min(cfg.batch_size, n)
        weights = self._sample_weights()
        best = flat.vector.copy()
        self.history_ = {}
        start = self._start = time.perf_counter()
        return _Loop(control, rng, model, flat, fast, warmup, opt, X, data.y_train, batch,
                     math.ceil(n / batch), weights, best, start)

    def _train_epoch(self, loop: _Loop, epoch: int, lr: float, perm: np.ndarray
                     ) -> Generator[BatchReport, None, int]:
        """One pass over the training rows in the order `perm`, a report per mini-batch;
        returns the number of rows trained on (fewer when the run is stopped)."""
        cfg = self.config
        scale = self._attention_scale(loop, epoch)
        done = 0  # rows trained on this epoch
        loss_sum = 0.0
        for b in range(loop.n_batches):
            loop.control.wait_while_paused()
            if loop.control.stopped:
                break
            idx = perm[b * loop.batch : (b + 1) * loop.batch]
            w = None if loop.weights is None else loop.weights[idx]
            loss, out = self._step(loop, loop.X[idx], loop.y[idx], w, lr, scale, epoch)
            if loop.outputs is None:  # one array for every epoch, not a list of batches
                loop.outputs = np.empty((len(loop.X), *out.shape[1:]), dtype=out.dtype)
            loop.outputs[done : done + len(idx)] = out
            done += len(idx)
            loss_sum += loss * len(idx)
            yield BatchReport(epoch + 1, cfg.epochs, b + 1, loop.n_batches,
                              loss_sum / done, time.perf_counter() - loop.start)
        return done

    def _attention_scale(self, loop: _Loop, epoch: int) -> np.ndarray | None:
        """Each parameter's factor on the learning rate this epoch (None: all 1)."""
        warm = min(1.0, (epoch + 1) / (loop.warmup + 1))
        settle = ATTENTION_SETTLE / (ATTENTION_SETTLE + max(epoch - loop.warmup, 0))
        factor = self.config.attention_lr * warm * settle
        return 1 + (factor - 1) * loop.fast if loop.fast.any() else None

    def _step(self, loop: _Loop, X: np.ndarray, y: np.ndarray, w: np.ndarray | None, lr: float,
              scale: np.ndarray | None, epoch: int) -> tuple[float, np.ndarray]:
        """One mini-batch: loss and gradients, then the optimiser's step; the loss and the
        batch's predictions."""
        cfg = self.config
        try:
            # Overflow is detected from the loss and reported once, as a sentence;
            # Adam's g² may overflow as well: v = inf, a step of 0.
            with np.errstate(all="ignore"):
                loss, _, out = loop.model.loss_and_grads(X, y, w, cfg.l2, cfg.entropy,
                                                         loop.flat.grads)
                # A non-finite gradient makes the next batch's loss non-finite.
                finite = math.isfinite(loss)
                if finite:
                    loop.opt.step(loop.flat.vector, loop.flat.grad, lr, scale)
        except WeightingError as exc:
            raise TrainingError(exc.template, **exc.values) from None
        if not finite:
            self._finish(loop.best, "diverged")
            raise TrainingError(
                "the run diverged at epoch {epoch}; try a smaller learning rate "
                "(the best weights so far are kept)", epoch=epoch + 1)
        return loss, out

    def _end_epoch(self, loop: _Loop, epoch: int, lr: float, trained: np.ndarray,
                   t0: float, done: int) -> EpochReport:
        """Metrics of the epoch, keeping the best weights so far; `trained` holds the rows
        whose predictions `loop.outputs` keeps, in that order; `done` counts every row
        trained on."""
        data = self.data
        # Train metrics from the predictions made while the epoch ran (as Keras
        # reports them): no second pass over a large training set.
        assert loop.outputs is not None
        train_metrics = self._metrics(loop.y[trained], loop.outputs[: len(trained)],
                                      scores=False)
        valid_out = loop.model.predict_batches(data.X_valid)
        valid_metrics = self._metrics(data.y_valid, valid_out, scores=False)
        score = self._score(valid_metrics)
        if score > loop.best_score + _MIN_IMPROVEMENT:
            loop.best_score, loop.since_best, self.best_epoch_ = score, 0, epoch + 1
            loop.best = loop.flat.vector.copy()
        else:
            loop.since_best += 1
        self._record(train_metrics, valid_metrics)
        return EpochReport(
            epoch=epoch + 1, epochs=self.config.epochs, train=scalars(train_metrics),
            valid=scalars(valid_metrics), attention=self.attention(),
            lr=lr, elapsed=time.perf_counter() - loop.start, best_epoch=self.best_epoch_,
            samples_per_s=done / max(time.perf_counter() - t0, 1e-9),
        )

    # -- helpers -----------------------------------------------------------
    def _n_train(self) -> int:
        return len(self.data.X_train)

    def _finish(self, best: np.ndarray, reason: str) -> EpochReport:
        """Restore the best weights and report their metrics on both splits, from the kept
        model's own output (an epoch's predictions differed from it in the last float bits)."""
        self.model_.params = {k: v.copy() for k, v in self._flat.views(best).items()}
        data = self.data
        train = self._metrics(data.y_train, self.model_.predict_batches(data.X_train))
        valid = self._metrics(data.y_valid, self.model_.predict_batches(data.X_valid))
        self.final_ = EpochReport(
            epoch=len(self.history_.get("train_loss", [])), epochs=self.config.epochs,
            train=train, valid=valid, attention=self.attention(), lr=0.0,
            elapsed=time.perf_counter() - self._start, best_epoch=self.best_epoch_, samples_per_s=0.0, final=True,
            stop_reason=reason, history={k: list(v) for k, v in self.history_.items()},
        )
        return self.final_

    def _sample_weights(self) -> np.ndarray | None:
        y = self.data.y_train
        if self.data.task == "classification" and self.class_weights is not None:
            return np.asarray(self.class_weights, dtype=self.dtype)[y]
        if self.data.task != "classification" or self.config.class_weight != "balanced":
            return None
        counts = np.bincount(y, minlength=len(self.data.classes)).astype(np.float64)
        per_class = len(y) / (len(counts) * np.maximum(counts, 1))
        return per_class[y].astype(self.dtype)

    def _metrics(self, y: np.ndarray, out: np.ndarray, scores: bool = True) -> dict:
        return self.data.target_info.metrics(y, out, self.data.positive, self.config.threshold,
                                             scores)

    @staticmethod
    def _score(valid: dict) -> float:
        """Higher is better. The validation loss, not F1: on a few hundred rows F1 moves in
        steps and would stop a run whose probabilities are still improving."""
        return -valid["loss"]

    def _record(self, train: dict, valid: dict) -> None:
        for split, metrics in (("train", train), ("valid", valid)):
            for key, value in scalars(metrics).items():
                self.history_.setdefault(f"{split}_{key}", []).append(value)

    def attention(self, X: np.ndarray | None = None) -> dict[str, float]:
        """Weight per input column, summing to 1; the mean over rows for per-row attention."""
        X = self.data.X_valid if X is None else X
        alpha = self.model_.attention_batches(X).astype(np.float64).mean(axis=0)
        alpha /= alpha.sum()
        return {f: float(w) for f, w in zip(self.data.features, alpha, strict=True)}
