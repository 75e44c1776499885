"""The growable arrays behind the live curves."""

from __future__ import annotations

import numpy as np

__all__ = ["GrowBuffer"]


class GrowBuffer:
    """A preallocated float array that doubles when full: appends are amortised O(1)
    and `view` is a slice, so redrawing a long curve never copies the history."""

    def __init__(self, capacity: int = 256) -> None:
        self._data = np.empty(max(capacity, 1), dtype=np.float64)
        self._n = 0

    def append(self, value: float) -> None:
        if self._n == len(self._data):
            grown = np.empty(2 * len(self._data), dtype=np.float64)
            grown[: self._n] = self._data
            self._data = grown
        self._data[self._n] = value
        self._n += 1

    def clear(self) -> None:
        self._n = 0

    @property
    def view(self) -> np.ndarray:
        return self._data[: self._n]

    @property
    def capacity(self) -> int:
        return len(self._data)

    def __len__(self) -> int:
        return self._n
