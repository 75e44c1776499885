"""The three checks of Wiegreffe & Pinter (EMNLP 2019, "Attention is not not Explanation").

Before one reads attention as "which columns matter", three questions:

1. **Uniform baseline**: does attention help at all? The same settings trained with
   attention off (every column weighted 1/m), seed by seed, compared on the validation
   metric.
2. **Variance across seeds**: is the answer a property of the data or of the seed? How
   much attention moves between runs that differ only in their seed, per column and per
   group of correlated columns (a group's columns may trade weight among themselves).
3. **Frozen attention**: does the learned attention carry information a *fresh* network
   can use? A new MLP with the same hidden layers and no attention of its own is trained
   on the inputs weighted by the learned attention, frozen, against the same MLP on
   uniform weights and on the learned weights permuted over the columns. The fresh
   network on uniform weights is exactly check 1's run without attention (same seed, same
   initial weights, same batches), so the two checks share those runs and each seed is a
   paired comparison. In this network a weight rescales its column, so what the fresh
   network gains is an easier fit: strong columns amplified, weak ones damped against the
   L2 penalty and early stopping.

Every check runs on one split, with seeds seed … seed+K−1, K = max(repeats, 5). Each
verdict is a `Phrase`: the command line prints its English text, the window translates it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .compare import t_ppf
from .config import TrainConfig
from .dataset import Dataset, prepare
from .errors import Phrase, UserError
from .groups import correlated_groups
from .io import Table
from .repeats import Run, attention_matrix, stability
from .training import EpochReport, Trainer, TrainingControl

__all__ = ["CHECK_SEEDS", "ChecksError", "refuse", "run_checks"]

# The fewest seeds the checks train: with 3 the 95% interval is ±4.3 standard errors
# (Student's t, 2 degrees of freedom) and a planted signal's gain of 0.06 in F1 is not
# told from noise; with 5 it is ±2.8 (measured: tests/core/test_checks.py).
CHECK_SEEDS = 5
# A difference is claimed only when its 95% interval excludes 0 and it is at least this
# large in the metric (F1 or R²): with many rows a tiny gain can be "significant" and
# still not matter.
MIN_EFFECT = 0.01
# Attention is stable across seeds when hardly any weight moves, or when the runs agree on
# the weights (Pearson r) and little moves; unstable when they disagree or a quarter of
# the weight moves (the average the issue measured on 12 real files).
STILL_TV, STABLE_TV, STABLE_R = 0.05, 0.20, 0.90
UNSTABLE_TV, UNSTABLE_R = 0.25, 0.50


class ChecksError(UserError):
    """The checks cannot run with these settings."""


class _Cancelled(Exception):
    pass


@dataclass
class _Tracker:
    """Progress over every training of the checks, and the cancel poll."""

    total: int
    progress: Callable[[float], None] | None
    should_stop: Callable[[], bool] | None
    done: int = 0

    def train(self, config: TrainConfig, data: Dataset) -> Trainer:
        trainer = Trainer(config, data)
        control = TrainingControl()
        for report in trainer.run(control):
            if self.should_stop is not None and self.should_stop():
                control.stop()
            if self.progress is not None and isinstance(report, EpochReport):
                share = 1.0 if report.final else report.epoch / report.epochs
                self.progress(min(1.0, (self.done + share) / self.total))
        if control.stopped:
            raise _Cancelled
        self.done += 1
        return trainer


def refuse(config: TrainConfig) -> None:
    """A ChecksError when these settings leave nothing to check (tested before training)."""
    if config.attention == "off":
        raise ChecksError("the attention checks compare learned attention with none; "
                          "choose global or per-row attention")
    if config.cv:
        raise ChecksError("the attention checks compare runs on one validation split; "
                          "leave out --cv")


def run_checks(table: Table, config: TrainConfig, valid_table: Table | None = None,
               runs: list[Run] | None = None,
               progress: Callable[[float], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> dict | None:
    """`uniform`, `seeds` and `frozen`, each with its numbers and a `verdict`; None when
    `should_stop` asked to stop. `runs`: runs of `config` already trained on one split
    with seeds seed, seed+1, … (as `train_runs` returns them), reused."""
    refuse(config)
    k = max(config.repeats, CHECK_SEEDS)
    runs = list(runs or [])[:k]
    tracker = _Tracker(4 * k - len(runs), progress, should_stop)
    try:
        data = runs[0].data if runs else prepare(table, config, valid_table)
        for r in range(len(runs), k):
            seeded = dataclasses.replace(config, seed=config.seed + r)
            trainer = tracker.train(seeded, data)
            runs.append(Run(seeded.seed, None, data, trainer, trainer.final_))
        plain = [tracker.train(_without_attention(run.trainer.config), data) for run in runs]
        frozen = [_frozen_runs(tracker, run) for run in runs]
    except _Cancelled:
        return None
    metric = "f1_macro" if data.task == "classification" else "r2"
    attended = [run.final.valid for run in runs]
    uniform = [t.final_.valid for t in plain]
    return {"uniform": uniform_check(metric, attended, uniform),
            "seeds": seeds_check(runs),
            "frozen": frozen_check(metric, [f.final_.valid for f, _ in frozen], uniform,
                                   [p.final_.valid for _, p in frozen])}


def _without_attention(config: TrainConfig) -> TrainConfig:
    return dataclasses.replace(config, attention="off", repeats=1)


def _frozen_runs(tracker: _Tracker, run: Run) -> tuple[Trainer, Trainer]:
    """A fresh MLP on the inputs weighted by the run's attention, frozen, and one on the
    same weights permuted over the columns (the same permutation on every row)."""
    data, model = run.data, run.trainer.model_
    config = _without_attention(run.trainer.config)
    perm = np.random.default_rng(run.seed).permutation(model.n_columns)
    trained = []
    for order in (None, perm):
        def weigh(X: np.ndarray, order=order) -> np.ndarray:
            # global attention: one row of weights for every row; per row: one each
            alpha = model.attention_batches(X).astype(np.float64)
            if order is not None:
                alpha = alpha[:, order]
            return (X * (alpha.shape[1] * alpha[:, data.groups])).astype(X.dtype)
        weighted = dataclasses.replace(data, X_train=weigh(data.X_train),
                                       X_valid=weigh(data.X_valid))
        trained.append(tracker.train(config, weighted))
    return trained[0], trained[1]


# -- the numbers and their verdicts ---------------------------------------------------------
def mean_interval(values: list[float]) -> tuple[float, float, float]:
    """Mean and its two-sided 95% Student-t interval (mean ± t·sd/√n), n ≥ 2."""
    x = np.asarray(values, dtype=np.float64)
    n, mean = len(x), float(x.mean())
    half = t_ppf(0.975, n - 1) * float(x.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half


def _direction(mean: float, low: float, high: float) -> int:
    """+1 clearly better, −1 clearly worse, 0 no clear difference."""
    if abs(mean) < MIN_EFFECT or low <= 0.0 <= high:
        return 0
    return 1 if mean > 0 else -1


def _metric_name(metric: str) -> Phrase:
    return Phrase("macro F1") if metric == "f1_macro" else Phrase("R²")


def _scores(metric: str, valid: list[dict]) -> list[float]:
    return [float(v[metric]) for v in valid]


def uniform_check(metric: str, attended: list[dict], uniform: list[dict]) -> dict:
    """Check 1 from the validation metrics of the runs with and without attention, paired
    by seed."""
    a, u = _scores(metric, attended), _scores(metric, uniform)
    diff, low, high = mean_interval([x - y for x, y in zip(a, u, strict=True)])
    values = {"metric": _metric_name(metric), "attended": float(np.mean(a)),
              "plain": float(np.mean(u)), "difference": diff, "low": low, "high": high,
              "runs": len(a)}
    direction = _direction(diff, low, high)
    template = (
        "attention helps: {metric} {attended:.3f} with attention vs {plain:.3f} without "
        "({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f}, {runs} seeds)"
        if direction > 0 else
        "attention hurts: {metric} {attended:.3f} with attention vs {plain:.3f} without "
        "({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f}, {runs} seeds)"
        if direction < 0 else
        "attention makes no clear difference: {metric} {attended:.3f} with attention vs "
        "{plain:.3f} without ({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f}, "
        "{runs} seeds)")
    return {"metric": metric, "with": values["attended"], "without": values["plain"],
            "with_runs": a, "without_runs": u, "difference": diff, "interval": [low, high],
            "loss_with": float(np.mean([v["loss"] for v in attended])),
            "loss_without": float(np.mean([v["loss"] for v in uniform])),
            "verdict": Phrase(template, **values)}


def seeds_check(runs: list[Run]) -> dict:
    """Check 2: how much attention moves between the runs, per column and per group of
    correlated columns (groups from the first run's training rows)."""
    data = runs[0].data
    features = data.features
    A = attention_matrix(runs)
    clusters = correlated_groups(data.X_train, data.groups, len(features), runs[0].seed)
    G = np.column_stack([A[:, cols].sum(axis=1) for cols in clusters])
    per_column, per_group = stability(A), stability(G)
    sd = A.std(axis=0, ddof=1)
    column = features[int(np.argmax(sd))]
    values = {"pearson": per_column["pearson"], "tv": per_column["tv"],
              "group_tv": per_group["tv"], "column": column, "sd": float(sd.max())}
    return {"runs": len(runs), "pearson": per_column["pearson"], "tv": per_column["tv"],
            "attention_sd": dict(zip(features, sd.tolist(), strict=True)),
            "groups": [{"columns": [features[c] for c in cols],
                        "attention": float(G[:, g].mean()), "sd": float(G[:, g].std(ddof=1))}
                       for g, cols in enumerate(clusters)],
            "group_pearson": per_group["pearson"], "group_tv": per_group["tv"],
            "verdict": _seeds_verdict(values, any(len(c) > 1 for c in clusters))}


def _seeds_verdict(values: dict, grouped: bool) -> Phrase:
    r, tv, group_tv = values["pearson"], values["tv"], values["group_tv"]
    if r is None:  # one column, or weights equal in a run
        return Phrase("attention cannot vary between seeds here: {tv:.0%} of the weight "
                      "moves between runs", tv=tv)
    if tv <= STILL_TV or (r >= STABLE_R and tv <= STABLE_TV):
        return Phrase("attention is stable across seeds: Pearson r {pearson:.2f} between "
                      "runs, {tv:.0%} of the weight moves", **values)
    if grouped and group_tv <= max(STILL_TV, tv / 2):
        return Phrase("attention moves between seeds (Pearson r {pearson:.2f}, {tv:.0%} of "
                      "the weight moves), but mostly within groups of correlated columns "
                      "({group_tv:.0%} moves between groups)", **values)
    template = ("attention is unstable across seeds: Pearson r {pearson:.2f} between runs, "
                "{tv:.0%} of the weight moves; '{column}' moves most (sd {sd:.3f})"
                if r < UNSTABLE_R or tv > UNSTABLE_TV else
                "attention varies between seeds: Pearson r {pearson:.2f} between runs, "
                "{tv:.0%} of the weight moves; '{column}' moves most (sd {sd:.3f})")
    return Phrase(template, **values)


def frozen_check(metric: str, learned: list[dict], uniform: list[dict],
                 permuted: list[dict]) -> dict:
    """Check 3: the fresh network's validation metric on learned, uniform and permuted
    weights, paired by seed."""
    le, u, p = (_scores(metric, v) for v in (learned, uniform, permuted))
    diff, low, high = mean_interval([x - y for x, y in zip(le, u, strict=True)])
    values = {"metric": _metric_name(metric), "learned": float(np.mean(le)),
              "uniform": float(np.mean(u)), "permuted": float(np.mean(p)),
              "difference": diff, "low": low, "high": high}
    direction = _direction(diff, low, high)
    template = (
        "learned attention helps a fresh network: {metric} {learned:.3f} vs {uniform:.3f} "
        "with uniform weights and {permuted:.3f} with permuted weights ({difference:+.3f}, "
        "95% interval {low:+.3f} to {high:+.3f})"
        if direction > 0 else
        "learned attention hurts a fresh network: {metric} {learned:.3f} vs {uniform:.3f} "
        "with uniform weights and {permuted:.3f} with permuted weights ({difference:+.3f}, "
        "95% interval {low:+.3f} to {high:+.3f})"
        if direction < 0 else
        "learned attention gives a fresh network no clear gain: {metric} {learned:.3f} vs "
        "{uniform:.3f} with uniform weights and {permuted:.3f} with permuted weights "
        "({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f})")
    return {"metric": metric, "learned": values["learned"], "uniform": values["uniform"],
            "permuted": values["permuted"], "learned_runs": le, "uniform_runs": u,
            "permuted_runs": p, "difference": diff, "interval": [low, high],
            "verdict": Phrase(template, **values)}
