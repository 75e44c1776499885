"""Correlated input columns grouped together.

Two columns that carry the same information share the credit: the network may put its
attention on either, and shuffling one alone barely hurts while the other is intact. So
columns are grouped by |Spearman ρ| (rank correlation: monotone links count, not only
linear ones) with average linkage, which, unlike single linkage, does not chain a group
through one column that is loosely tied to two others.
"""

from __future__ import annotations

import numpy as np

from .stats import abs_spearman_matrix

THRESHOLD = 0.7
# Ranking a million rows per column costs seconds and the correlation is settled long
# before that: a seeded sample of this many rows is used beyond it.
_MAX_ROWS = 50_000


def column_similarity(X: np.ndarray, groups: np.ndarray, n_columns: int,
                      seed: int = 0) -> np.ndarray:
    """|ρ| between input columns (m × m). A one-hot encoded column counts as tied to
    another by its most correlated level."""
    if len(X) > _MAX_ROWS:
        X = X[np.sort(np.random.default_rng(seed).choice(len(X), _MAX_ROWS, replace=False))]
    encoded = abs_spearman_matrix(X)
    S = np.zeros((n_columns, n_columns))
    for a in range(n_columns):
        rows = encoded[groups == a]
        for b in range(n_columns):
            S[a, b] = rows[:, groups == b].max() if rows.size else 0.0
    np.fill_diagonal(S, 1.0)
    return S


def average_linkage(S: np.ndarray, threshold: float = THRESHOLD) -> list[list[int]]:
    """Clusters of columns: merge the two clusters whose mean pairwise similarity is
    highest while it is at least `threshold` (distance 1 − S, average linkage).

    The mean similarity of a merged cluster to every other one follows from the two merged
    rows by the Lance–Williams update (a size-weighted mean), so each merge costs O(m)
    instead of recomputing every pair of clusters."""
    m = len(S)
    M = np.array(S, dtype=np.float64)
    np.fill_diagonal(M, -np.inf)
    members = [[i] for i in range(m)]
    alive = np.ones(m, dtype=bool)
    while alive.sum() > 1:
        live = np.flatnonzero(alive)
        block = M[np.ix_(live, live)]
        a, b = np.unravel_index(int(np.argmax(block)), block.shape)
        if block[a, b] < threshold:
            break
        i, j = sorted((int(live[a]), int(live[b])))
        ni, nj = len(members[i]), len(members[j])
        M[i, :] = M[:, i] = (ni * M[i, :] + nj * M[j, :]) / (ni + nj)
        M[i, i] = -np.inf
        members[i] = sorted(members[i] + members[j])
        alive[j] = False
    return sorted(members[i] for i in np.flatnonzero(alive))


def correlated_groups(X: np.ndarray, groups: np.ndarray, n_columns: int, seed: int = 0,
                      threshold: float = THRESHOLD) -> list[list[int]]:
    """Every input column in exactly one group, by the training rows' correlations."""
    return average_linkage(column_similarity(X, groups, n_columns, seed), threshold)
