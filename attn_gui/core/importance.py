"""Permutation importance: how much the validation loss rises when a column is shuffled.

Attention says where the network looks; shuffling a column says how much the predictions
need it. Both are per input column: a one-hot encoded column's levels are shuffled
together, with one permutation of the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .dataset import Dataset
from .errors import Phrase
from .groups import correlated_groups
from .model import AttentionNet
from .repeats import Run
from .stats import pearson, spearman, top_overlap

SHUFFLES = 5


def validation_loss(model: AttentionNet, data: Dataset, X: np.ndarray) -> float:
    """The loss the run reports on its validation rows (cross-entropy, or squared error in
    the target's units)."""
    out = model.predict_batches(X)
    return float(data.target_info.metrics(data.y_valid, out, data.positive)["loss"])


def shuffle_rises(model: AttentionNet, data: Dataset, column_sets: Sequence[np.ndarray],
                  shuffles: int = SHUFFLES, seed: int = 0,
                  done: Callable[[int], None] | None = None) -> np.ndarray:
    """Rise of the validation loss (sets × shuffles) when each set of encoded columns is
    shuffled.

    The permutations follow scikit-learn's `permutation_importance` exactly (a legacy
    RandomState of `seed` per set, its index shuffled again for every repeat, applied to
    the already shuffled columns), so both give the same numbers from the same seed."""
    X = data.X_valid
    base = validation_loss(model, data, X)
    rises = np.zeros((len(column_sets), shuffles))
    for j, cols in enumerate(column_sets):
        rng = np.random.RandomState(seed % 2**32)
        idx = np.arange(len(X))
        shuffled = X.copy()
        for s in range(shuffles):
            rng.shuffle(idx)
            shuffled[:, cols] = shuffled[np.ix_(idx, cols)]
            rises[j, s] = validation_loss(model, data, shuffled) - base
        if done is not None:
            done(j + 1)
    return rises


def encoded_sets(data: Dataset, columns: Sequence[Sequence[int]]) -> list[np.ndarray]:
    """The encoded columns of each set of input columns."""
    return [np.flatnonzero(np.isin(data.groups, list(cols))) for cols in columns]


def agreement(attention: np.ndarray, importance: np.ndarray) -> dict:
    """How alike the two rankings of the columns are."""
    return {"pearson": pearson(attention, importance),
            "spearman": spearman(attention, importance),
            "top3": top_overlap(attention, importance, 3)}


def summary(rises: np.ndarray) -> list[dict]:
    """Mean and spread (population sd, as scikit-learn reports it) per set."""
    return [{"mean": float(r.mean()), "sd": float(r.std())} for r in rises]


def disagreement(attention: dict[str, float], importance: dict[str, dict]) -> Phrase | None:
    """A sentence when attention's top column is not the one whose shuffling hurts most."""
    top = max(attention, key=attention.get)
    hurts = max(importance, key=lambda c: importance[c]["mean"])
    if top == hurts:
        return None
    rise, most = importance[top]["mean"], importance[hurts]["mean"]
    if rise <= 0.1 * most:
        return Phrase("attention ranks '{top}' first, but shuffling '{top}' barely changes the "
                      "loss ({rise:+.4f}; shuffling '{hurts}' raises it most, {most:+.4f})",
                      top=top, rise=rise, hurts=hurts, most=most)
    return Phrase("attention ranks '{top}' first, but shuffling '{hurts}' raises the loss most "
                  "({most:+.4f}, against {rise:+.4f} for '{top}')",
                  top=top, rise=rise, hurts=hurts, most=most)


def group_note(group: dict, runs: int) -> Phrase | None:
    """For a group of several correlated columns: its attention is an answer, its split
    among the columns is not (the network may lean on any of them)."""
    if len(group["columns"]) < 2:
        return None
    columns = ", ".join(group["columns"])
    if runs > 1:
        return Phrase("{columns} carry the same information: together {attention:.2f}; how "
                      "it is split among them changes from run to run",
                      columns=columns, attention=group["attention"])
    return Phrase("{columns} carry the same information: together {attention:.2f}; how it "
                  "is split among them may change with the seed", columns=columns,
                  attention=group["attention"])


def importance_report(runs: list[Run], attention: dict[str, float],
                      progress: Callable[[float], None] | None = None) -> dict:
    """`importance` per column, correlated `groups` with their summed attention and their
    importance shuffled together, and the `agreement` of attention with importance; the
    shuffles of every run pooled. Groups come from the kept run's training rows.
    `progress` hears the fraction done after each shuffled set."""
    kept = runs[0].data
    features = kept.features
    clusters = correlated_groups(kept.X_train, kept.groups, len(features), runs[0].seed)
    # One pass per run over every column and every group of several columns: a group of one
    # is its column, shuffled from the same seed, so its rises are that column's.
    singles = [[c] for c in range(len(features))]
    joint = [cols for cols in clusters if len(cols) > 1]
    sets = len(singles) + len(joint)

    def done(r: int) -> Callable[[int], None] | None:
        if progress is None:
            return None
        return lambda j: progress((r * sets + j) / (len(runs) * sets))

    rises = np.concatenate([shuffle_rises(run.trainer.model_, run.data,
                                          encoded_sets(run.data, singles + joint),
                                          seed=run.seed, done=done(r))
                            for r, run in enumerate(runs)], axis=1)
    per_column, joint_rises = rises[:len(singles)], iter(rises[len(singles):])
    per_group = np.array([next(joint_rises) if len(cols) > 1 else per_column[cols[0]]
                          for cols in clusters])
    weights = np.array([attention[f] for f in features])
    groups = [{"columns": [features[c] for c in cols],
               "attention": float(weights[cols].sum()), "importance": imp}
              for cols, imp in zip(clusters, summary(per_group), strict=True)]
    return {"importance": dict(zip(features, summary(per_column), strict=True)),
            "groups": groups, "agreement": agreement(weights, per_column.mean(axis=1))}
