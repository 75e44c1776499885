"""Several runs of one configuration, for attention one can trust more than one run's.

`--repeats K` trains K runs with seeds seed … seed+K−1 on one split; `--cv K` trains one
run per fold of K-fold cross-validation (stratified by class), each validated on its fold.
Both together train every fold K times. The first run (seed, fold 1) is the one kept:
the model `--save` writes, and the run that epochs, confusion and the like describe.
It is kept rather than an average of the K models or a refit on every row: averaging the
weights of networks trained from different seeds averages unrelated hidden units, and a
refit is one more run whose attention the group's numbers would not describe.

`run_group` is the one loop over the runs: the command line (`train_runs`) and the window's
worker both iterate it, so they train the same runs in the same order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from .config import TrainConfig
from .dataset import DataError, Dataset, _target_info, prepare, resolve_columns
from .io import Table
from .metrics import scalars
from .stats import pearson
from .training import BatchReport, EpochReport, Trainer, TrainingControl


@dataclass
class Run:
    seed: int
    fold: int | None  # 1-based; None without cross-validation
    data: Dataset
    trainer: Trainer
    final: EpochReport


def kfold(y: np.ndarray, usable: np.ndarray, task: str, k: int, rng: np.random.Generator
          ) -> list[tuple[np.ndarray, np.ndarray]]:
    """(training rows, validation rows) of each fold: every usable row is validated in
    exactly one fold; for classification each class is dealt round the folds in turn, so
    every fold holds about 1/k of each class."""
    rows = np.flatnonzero(usable)
    fold_of = np.full(len(y), -1)
    if task == "classification":
        offset = 0
        for c in np.unique(y[rows]):
            members = rng.permutation(rows[y[rows] == c])
            fold_of[members] = (np.arange(len(members)) + offset) % k
            # the next class starts where this one ended, so the folds' sizes stay even
            offset += len(members)
    else:
        fold_of[rng.permutation(rows)] = np.arange(len(rows)) % k
    return [(rows[fold_of[rows] != f], rows[fold_of[rows] == f]) for f in range(k)]


def fold_rows(table: Table, config: TrainConfig) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds of `config.cv` over the rows with a target value, or a DataError when a
    fold would lack a class (or rows)."""
    target, _, task = resolve_columns(table, config)
    info = _target_info(table, target, task)
    y, usable = info.encode(table.frame[target], table.info(target).labels)
    k = config.cv
    if task == "classification":
        counts = np.bincount(y[usable], minlength=len(info.classes))
        rare = int(np.argmin(np.where(counts > 0, counts, np.iinfo(np.int64).max)))
        if counts[rare] < k:
            raise DataError("--cv {folds} needs at least {folds} rows of every class; the "
                            "class '{label}' of '{target}' has {rows}", folds=k,
                            label=info.classes[rare], target=target, rows=int(counts[rare]))
    elif usable.sum() < k:
        raise DataError("--cv {folds} needs at least {folds} rows with a target value; "
                        "'{target}' has {rows}", folds=k, target=target, rows=int(usable.sum()))
    return kfold(y, usable, task, k, np.random.default_rng(config.seed))


@dataclass
class RunReport:
    """One report of one run of a group, tagged with which run it is."""

    index: int  # 1-based, in training order
    count: int  # runs in the group
    seed: int
    fold: int | None  # 1-based; None without cross-validation
    data: Dataset  # the run's prepared split
    report: BatchReport | EpochReport | None  # None: the run is about to start
    run: Run | None = None  # with the run's final report: the finished run


def group_size(config: TrainConfig) -> int:
    return (config.cv or 1) * config.repeats


def run_group(table: Table, config: TrainConfig, control: TrainingControl | None = None,
              valid_table: Table | None = None,
              class_weights: Callable[[Dataset], np.ndarray] | None = None
              ) -> Iterator[RunReport]:
    """Train every run that `repeats` and `cv` ask for, the kept one first, yielding each
    run's start, its batch and epoch reports, and its end (`run` set). A stop request ends
    the run under way (which reports its end as `stop_reason` "stopped") and the group.
    `class_weights`: each class's weight in the loss, given the prepared data (`Trainer`)."""
    if config.cv and valid_table is not None:
        raise DataError("--cv validates each fold on its own rows; leave out --valid-data "
                        "or --cv")
    control = control or TrainingControl()
    splits = fold_rows(table, config) if config.cv else [None]
    count, index = group_size(config), 0
    for f, rows in enumerate(splits):
        data = prepare(table, config, valid_table, rows)
        fold = f + 1 if config.cv else None
        for r in range(config.repeats):
            index += 1
            run_config = dataclasses.replace(config, seed=config.seed + r)
            yield RunReport(index, count, run_config.seed, fold, data, None)
            weights = None if class_weights is None else class_weights(data)
            trainer = Trainer(run_config, data, class_weights=weights)
            for report in trainer.run(control):
                done = isinstance(report, EpochReport) and report.final
                run = Run(run_config.seed, fold, data, trainer, report) if done else None
                yield RunReport(index, count, run_config.seed, fold, data, report, run)
            if control.stopped:
                return


def summarised_runs(runs: list[Run]) -> list[Run]:
    """The runs a group's numbers describe: a run the user stopped half-way is left out
    (its weights would pull the mean towards an untrained network), unless it is the first,
    whose model is kept whatever happens."""
    return [run for i, run in enumerate(runs) if i == 0 or run.final.stop_reason != "stopped"]


def train_runs(table: Table, config: TrainConfig, valid_table: Table | None = None,
               on_epoch: Callable[[EpochReport], None] | None = None,
               class_weights: Callable[[Dataset], np.ndarray] | None = None) -> list[Run]:
    """Every run that `repeats` and `cv` ask for, the kept one first."""
    runs = []
    for item in run_group(table, config, valid_table=valid_table,
                          class_weights=class_weights):
        if item.run is not None:
            runs.append(item.run)
        elif on_epoch is not None and isinstance(item.report, EpochReport):
            on_epoch(item.report)
    return runs


def curve_band(histories: list[dict[str, list[float]]], key: str
               ) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sample sd of one curve (e.g. "valid_loss") over the runs, epoch by epoch.
    Runs stopped early have no value at later epochs: each epoch's numbers are over the
    runs that reached it, and its sd is 0 where only one did."""
    curves = [h.get(key, []) for h in histories]
    length = max((len(c) for c in curves), default=0)
    M = np.full((len(curves), length), np.nan)
    for i, c in enumerate(curves):
        M[i, :len(c)] = c
    present = np.isfinite(M)
    n = present.sum(axis=0)
    safe = np.where(present, M, 0.0)
    mean = np.divide(safe.sum(axis=0), n, out=np.full(length, np.nan), where=n > 0)
    dev = np.where(present, M - mean, 0.0)
    var = np.divide((dev ** 2).sum(axis=0), n - 1, out=np.zeros(length), where=n > 1)
    return mean, np.sqrt(var)


def attention_matrix(runs: list[Run]) -> np.ndarray:
    features = runs[0].data.features
    return np.array([[run.final.attention[f] for f in features] for run in runs])


def stability(A: np.ndarray) -> dict | None:
    """How alike the runs' attention vectors (rows of A) are: mean pairwise Pearson r and
    mean total-variation distance ½Σ|a − b| (0 = the same weights, 1 = disjoint)."""
    if len(A) < 2:
        return None
    pairs = list(combinations(range(len(A)), 2))
    rs = [pearson(A[i], A[j]) for i, j in pairs]
    known = [r for r in rs if r is not None]  # uniform weights (attention off) have no r
    tv = [0.5 * float(np.abs(A[i] - A[j]).sum()) for i, j in pairs]
    return {"pearson": float(np.mean(known)) if known else None, "tv": float(np.mean(tv))}


def summarise(runs: list[Run]) -> dict:
    """Attention and metrics over the runs: their means, their spread (sample sd) and the
    stability of attention. One run is reported as it is, with no spread: an sd from one
    run is undefined, and 0 would read as perfectly stable."""
    first = runs[0].final
    if len(runs) == 1:
        return {"metrics": {"train": scalars(first.train), "valid": scalars(first.valid)},
                "attention": first.attention, "attention_sd": None, "stability": None,
                "metrics_sd": None}
    A = attention_matrix(runs)
    mean = A.mean(axis=0)
    features = runs[0].data.features
    metrics, spread = {}, {}
    for split in ("train", "valid"):
        values = [scalars(getattr(run.final, split)) for run in runs]
        metrics[split] = {k: float(np.mean([v[k] for v in values])) for k in values[0]}
        spread[split] = {k: float(np.std([v[k] for v in values], ddof=1)) for k in values[0]}
    return {"metrics": metrics,
            "attention": dict(zip(features, (mean / mean.sum()).tolist(), strict=True)),
            "attention_sd": dict(zip(features, A.std(axis=0, ddof=1).tolist(), strict=True)),
            "stability": stability(A), "metrics_sd": spread}
