"""A seeded validation split by row hash: a row's side depends only on its position in the
file and the seed, so every pass, chunk size and worker puts it on the same side."""

from __future__ import annotations

import numpy as np

__all__ = ["row_hash", "row_uniform", "validation_rows"]

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: every input bit moves every output bit."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return (x ^ (x >> np.uint64(31))) & _MASK


def row_hash(rows: np.ndarray, seed: int, salt: int = 0) -> np.ndarray:
    """A 64-bit hash of each row position with the seed (and a salt, for other draws)."""
    key = _mix(np.array([(seed * 0x9E3779B97F4A7C15 + salt) & 0xFFFFFFFFFFFFFFFF],
                        dtype=np.uint64))[0]
    with np.errstate(over="ignore"):
        return _mix(np.asarray(rows, dtype=np.uint64) ^ key)


def row_uniform(rows: np.ndarray, seed: int, salt: int = 0) -> np.ndarray:
    """The hash as a number in [0, 1), uniform over rows."""
    return (row_hash(rows, seed, salt) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def validation_rows(start: int, n: int, seed: int, fraction: float) -> np.ndarray:
    """Mask of the validation rows among rows start … start + n - 1 of the file."""
    return row_uniform(np.arange(start, start + n), seed) < fraction
