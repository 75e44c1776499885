"""Read an analyst's CSV as it really comes: any common encoding, delimiter and NA marker.

Detection (encoding, delimiter, decimal mark, header, text columns) runs on a few MB
from the start and end of the file; pandas' C engine then parses the whole file once
(`parse.py`), and every column is classified (`columns.py`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from .. import memory
from ..errors import Phrase
from .columns import analyse
from .common import ColumnInfo, Progress, TableError
from .parse import parse
from .sniff import sniff

if TYPE_CHECKING:
    import pandas as pd
# pandas is imported inside the functions that use it: it is kept off the window's start-up path

_HEAD_BYTES = 4 << 20  # enough to see past ASCII-only headers, small next to a 150 MB file
_TAIL_BYTES = 1 << 20  # non-ASCII text that only appears late in a file still gets seen


@dataclass
class Table:
    frame: pd.DataFrame
    path: str
    encoding: str
    delimiter: str
    decimal: str
    columns: list[ColumnInfo]
    warnings: list[str]

    def info(self, name: str) -> ColumnInfo:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"no column named {name!r}")

    @property
    def n_rows(self) -> int:
        return len(self.frame)

    def default_target(self) -> str:
        """The last usable column; failing that (e.g. only free text), the spec'd fallback:
        the last column that is not an id, constant or empty."""
        for column in reversed(self.columns):
            if column.excluded is None:
                return column.name
        for column in reversed(self.columns):
            if column.kind not in ("id", "constant", "empty"):
                return column.name
        if self.n_rows == 1:
            raise TableError(
                "the file has only one data row, so every column is constant; "
                "a table to learn from needs many rows"
            )
        raise TableError(
            "no column can serve as the target: every column is an ID, constant or empty"
        )

    def default_features(self, target: str) -> list[str]:
        return [c.name for c in self.columns if c.excluded is None and c.name != target]


def infer_task(series: pd.Series, kind: str) -> str:
    """Classification for text/boolean columns and for integer columns with few levels:
    at most 2 levels, or at most 20 levels with on average ≥ 5 rows per level (so a small
    file's 1..10 score stays regression). Everything else is regression."""
    import pandas as pd

    if kind in ("categorical", "boolean") or not pd.api.types.is_numeric_dtype(series.dtype):
        return "classification"
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    values = values[np.isfinite(values)]
    if values.size == 0 or not np.array_equal(values, np.round(values)):
        return "regression"
    levels = len(pd.unique(values))
    if levels <= 2 or (levels <= 20 and levels * 5 <= values.size):
        return "classification"
    return "regression"


def read_table(
    path: str | os.PathLike[str],
    progress: Callable[[float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Table:
    path = os.fspath(path)
    name = os.path.basename(path) or path
    report = Progress(progress)
    stop = should_stop or (lambda: False)
    if os.path.isdir(path):
        raise TableError("'{path}' is a folder, not a file", path=path)
    try:
        with open(path, "rb") as raw:
            size = os.fstat(raw.fileno()).st_size
            refusal = memory.check_fits(name, size)
            if refusal:
                raise TableError(refusal.template, **refusal.values)
            head, tail = _head_and_tail(raw, size)
            notes: list[str] = []
            found = sniff(head, tail, complete=size <= len(head), name=name, notes=notes)
            frame = parse(raw, path, size, found, report, stop, notes)
    except FileNotFoundError:
        raise TableError("no such file: '{path}'", path=path) from None
    except PermissionError:
        raise TableError("permission denied: cannot read '{path}'", path=path) from None
    except IsADirectoryError:
        raise TableError("'{path}' is a folder, not a file", path=path) from None
    except OSError as exc:
        raise TableError("could not read '{path}': {reason}",
                         path=path, reason=exc.strerror or exc) from None
    columns, frame = analyse(frame, found, report, stop, notes)
    report(1.0)
    # a note is one line, like an error's message, even when a column's name holds a line break
    notes = [_one_line(note) for note in notes]
    return Table(frame, path, found.encoding, found.delimiter, found.decimal, columns, notes)


def _head_and_tail(raw: BinaryIO, size: int) -> tuple[bytes, bytes]:
    """The first few MB, and the last MB from its first line break on (after the head)."""
    head = raw.read(_HEAD_BYTES)
    tail = b""
    if size > len(head):
        raw.seek(max(len(head), size - _TAIL_BYTES))
        tail = raw.read()
        cut = tail.find(b"\n")  # a newline byte never sits inside a character
        tail = tail[cut + 1 :] if cut >= 0 else b""
    return head, tail


def _one_line(note: str) -> str:
    """`note` with its line breaks escaped; a Phrase stays one, its values escaped."""
    if isinstance(note, Phrase):
        return Phrase(note.template, **{name: _one_line(value) if isinstance(value, str) else value
                                        for name, value in note.values.items()})
    return note.replace("\r", "\\r").replace("\n", "\\n")
