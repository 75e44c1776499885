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
    highest while it is at least `threshold` (distance 1 − S, average linkage)."""
    clusters = [[i] for i in range(len(S))]
    while len(clusters) > 1:
        best, pair = -1.0, (0, 0)
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                mean = float(S[np.ix_(clusters[i], clusters[j])].mean())
                if mean > best:
                    best, pair = mean, (i, j)
        if best < threshold:
            break
        i, j = pair
        clusters[i] = sorted(clusters[i] + clusters[j])
        del clusters[j]
    return sorted(clusters)


def correlated_groups(X: np.ndarray, groups: np.ndarray, n_columns: int, seed: int = 0,
                      threshold: float = THRESHOLD) -> list[list[int]]:
    """Every input column in exactly one group, by the training rows' correlations."""
    return average_linkage(column_similarity(X, groups, n_columns, seed), threshold)
