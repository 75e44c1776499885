"""Correlations as SciPy defines them, in NumPy (the engine does not depend on SciPy)."""

from __future__ import annotations

import numpy as np


def ranks(x: np.ndarray) -> np.ndarray:
    """Ranks from 1 along axis 0, ties sharing their average rank (scipy's rankdata)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 2:
        return np.column_stack([ranks(col) for col in x.T]) if x.shape[1] else x.copy()
    order = np.argsort(x, kind="mergesort")
    sorted_x = x[order]
    starts = np.r_[True, sorted_x[1:] != sorted_x[:-1]]
    tie = np.cumsum(starts) - 1
    bounds = np.r_[np.flatnonzero(starts), len(x)]
    average = (bounds[:-1] + bounds[1:] + 1) / 2.0  # mean of the 1-based positions in a tie
    out = np.empty(len(x))
    out[order] = average[tie]
    return out


def pearson(a: np.ndarray, b: np.ndarray) -> float | None:
    """Pearson's r, or None when either vector is constant (undefined, as SciPy's NaN)."""
    a = np.asarray(a, np.float64) - np.mean(a)
    b = np.asarray(b, np.float64) - np.mean(b)
    den = np.sqrt(np.dot(a, a) * np.dot(b, b))
    if len(a) < 2 or den == 0 or not np.isfinite(den):
        return None
    return float(np.clip(np.dot(a, b) / den, -1.0, 1.0))


def spearman(a: np.ndarray, b: np.ndarray) -> float | None:
    return pearson(ranks(a), ranks(b))


def abs_spearman_matrix(X: np.ndarray) -> np.ndarray:
    """|Spearman ρ| between the columns of X; 0 where a column is constant."""
    R = ranks(X)
    R -= R.mean(axis=0)
    norms = np.sqrt((R * R).sum(axis=0))
    ok = norms > 0
    R[:, ok] /= norms[ok]
    C = np.abs(R.T @ R)
    C[~ok, :] = 0.0
    C[:, ~ok] = 0.0
    return np.clip(C, 0.0, 1.0)


def top_overlap(a: np.ndarray, b: np.ndarray, k: int = 3) -> float:
    """Share of the k largest entries of `a` that are among the k largest of `b`."""
    k = min(k, len(a))
    if k == 0:
        return 0.0
    top_a = set(np.argsort(-np.asarray(a), kind="stable")[:k].tolist())
    top_b = set(np.argsort(-np.asarray(b), kind="stable")[:k].tolist())
    return len(top_a & top_b) / k
