"""The first epoch's encoded training rows, kept on disk for the epochs after it.

Reading a part of the CSV again (parsing it, analysing its columns as the whole-file reader
does, encoding it) costs more than training on it; the encoded rows are a fraction of the
text's size. So the first epoch writes each part's float32 rows, targets and sample flags
to anonymous temporary files as it passes, and later epochs read them back part by part in
the same order: their batches are a re-read file's, bit for bit, in the same bounded
memory. Used only when the temporary folder has room for them with a margin; otherwise every
epoch reads the file, as before. The files vanish when closed (or when the process ends).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator

import numpy as np

__all__ = ["Spill"]

# Free space left to the user's other work after the spill, on top of the spill itself.
_MARGIN_BYTES = 2 << 30


class Spill:
    """Parts of (X, y, sample flags) written in order, then read back in that order."""

    def __init__(self, width: int, y_dtype: np.dtype) -> None:
        self.width, self.y_dtype = width, np.dtype(y_dtype)
        # closed by close(), or with the process: they outlive any one block
        self._files = [tempfile.TemporaryFile() for _ in range(3)]  # noqa: SIM115
        self._lengths: list[int] = []
        self.complete = False  # every part of an epoch was written

    @classmethod
    def if_room(cls, width: int, y_dtype: np.dtype, rows: int) -> Spill | None:
        """A spill for `rows` rows, or None when the temporary folder lacks the room."""
        need = rows * (4 * width + np.dtype(y_dtype).itemsize + 1)
        try:
            free = shutil.disk_usage(tempfile.gettempdir()).free
        except OSError:
            return None
        return cls(width, y_dtype) if need + _MARGIN_BYTES <= free else None

    def write(self, X: np.ndarray, y: np.ndarray, sampled: np.ndarray) -> None:
        if not len(y):  # nothing to read back (and an empty view cannot be cast to bytes)
            return
        arrays = (np.ascontiguousarray(X, np.float32), np.ascontiguousarray(y, self.y_dtype),
                  np.ascontiguousarray(sampled, np.bool_))
        for handle, array in zip(self._files, arrays, strict=True):
            handle.write(memoryview(array).cast("B"))
        self._lengths.append(len(y))

    def parts(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        for handle in self._files:
            handle.flush()
            handle.seek(0)
        fx, fy, fs = self._files
        for n in self._lengths:
            X = np.empty((n, self.width), np.float32)
            y = np.empty(n, self.y_dtype)
            sampled = np.empty(n, np.bool_)
            for handle, array in ((fx, X), (fy, y), (fs, sampled)):
                if handle.readinto(memoryview(array).cast("B")) != array.nbytes:
                    raise OSError("a temporary file of the streamed run was cut short")
            yield X, y, sampled

    def close(self) -> None:
        for handle in self._files:
            handle.close()
