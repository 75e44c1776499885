"""Read an analyst's CSV as it really comes: any common encoding, delimiter and NA marker.

Detection (encoding, delimiter, decimal mark, header, text columns) runs on a few MB
from the start and end of the file; pandas' C engine then parses the whole file once
(`parse.py`), and every column is classified (`columns.py`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from .. import memory
from ..errors import Phrase
from .columns import analyse, mostly_distinct
from .common import ColumnInfo, Progress, TableError, file_errors
from .parse import parse, while_waiting
from .sniff import Sniff, sniff
from .workbook import is_workbook, read_sheet

if TYPE_CHECKING:
    import pandas as pd
# pandas is imported inside the functions that use it: it is kept off the window's start-up path

_HEAD_BYTES = 4 << 20  # enough to see past ASCII-only headers, small next to a 150 MB file
_WORKBOOK_PACE = 80  # bytes of CSV read in the time a byte of workbook takes, roughly
_TAIL_BYTES = 1 << 20  # non-ASCII text that only appears late in a file still gets seen

# Names analysts give the column to predict, the most telling first: in seaborn's titanic,
# which has both `survived` and `class`, survival is the question.
_LABEL_WORDS = ("target", "label", "outcome", "y", "survived", "churn", "attrition", "fraud",
                "default", "diagnosis", "species", "class", "status", "response", "result")
# words that also name inputs (`marital_status`, `y_coord`): they count as the whole name only
_NAME_ONLY = frozenset({"y", "class", "status", "response", "result"})
_ID_WORDS = frozenset({"id", "ids", "uuid", "guid"})
_MAX_CLASSES = 20  # more text levels than this are names or free text, not classes


@dataclass
class Table:
    frame: pd.DataFrame
    path: str
    encoding: str
    delimiter: str
    decimal: str
    columns: list[ColumnInfo]
    warnings: list[str]
    sheet: str | None = None  # a workbook's sheet that was read
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets with data
    # a core.stream.Source when the file is read in parts: `frame` holds its first rows
    stream: object | None = None

    def info(self, name: str) -> ColumnInfo:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"no column named {name!r}")

    @property
    def n_rows(self) -> int:
        return len(self.frame)

    def default_target(self) -> str:
        """The column a person opening this file most likely wants to predict.

        Only a usable column can win: one the reader keeps as a feature (not an ID,
        constant, empty or free text), at least half filled, without `id` in its name and
        not text whose values are mostly distinct. Among those:

        1. a column named like a label (`species`, `Survived`, `is_fraud`; `_LABEL_WORDS`);
        2. otherwise a column of classes (yes/no, or text of at most 20 levels) at either
           end of the table, the last first: analysts put what they predict at an end;
        3. otherwise the last usable column.

        A file without a usable column falls back, as before, to its last column the reader
        keeps, then to its last column that is not an ID, constant or empty.
        """
        usable = [c for c in self.columns if _usable_target(c, self.n_rows)]
        named = [(rank, -i, c.name) for i, c in enumerate(usable) if (rank := _label_rank(c.name))]
        if named:
            return min(named)[2]
        for column in usable[-1:] + usable[:1]:
            if _holds_classes(column):
                return column.name
        fallbacks = (usable,
                     [c for c in self.columns if c.excluded is None and c.kind != "date"],
                     [c for c in self.columns
                      if c.kind not in ("id", "constant", "empty", "date")])
        for columns in fallbacks:
            if columns:
                return columns[-1].name
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


def _usable_target(column: ColumnInfo, n_rows: int) -> bool:
    """Could be the default target: kept by the reader, at least half filled (penguins_raw's
    `Comments`, 235 of 275 empty, would train on a few dozen rows), not named like an ID,
    and not free text (a text column whose present values are mostly distinct, with more
    levels than any sensible set of classes)."""
    present = n_rows - column.missing
    free_text = (column.kind == "categorical"
                 and mostly_distinct(column.n_unique, present, _MAX_CLASSES))
    return (column.excluded is None and column.missing * 2 <= n_rows and not free_text
            and column.kind != "date"
            and not _ID_WORDS.intersection(_words(column.name)))


def _holds_classes(column: ColumnInfo) -> bool:
    return column.kind == "boolean" or (column.kind == "categorical"
                                        and column.n_unique <= _MAX_CLASSES)


def _label_rank(name: str) -> tuple[int, int] | None:
    """How surely `name` names a label: a whole name in `_LABEL_WORDS` (`Survived`) before a
    word of it (`is_fraud`), then the word's place in the list; None if it does not."""
    words = _words(name)
    if len(words) == 1 and words[0] in _LABEL_WORDS:
        return 0, _LABEL_WORDS.index(words[0])
    ranks = [_LABEL_WORDS.index(w) for w in words if w in _LABEL_WORDS and w not in _NAME_ONLY]
    return (1, min(ranks)) if ranks else None


def _words(name: str) -> list[str]:
    """`name`'s words in lower case: `PassengerId` and `passenger_id` are passenger, id."""
    return re.findall(r"[^\W_]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower())


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
    sheet: str | int | None = None,
) -> Table:
    """A CSV/TSV file, or a workbook's `sheet` (a name, or its position from 1; None: the
    first with data)."""
    path = os.fspath(path)
    name = os.path.basename(path) or path
    report = Progress(progress)
    stop = should_stop or (lambda: False)
    if os.path.isdir(path):
        raise TableError("'{path}' is a folder, not a file", path=path)
    if is_workbook(path):
        return _read_workbook(path, sheet, report, stop)
    if sheet is not None:
        raise TableError("'{name}' is a CSV/TSV file, which has no sheets; a sheet is chosen "
                         "only in a workbook (.xlsx, .xlsm, .xls, .ods)", name=name)
    with file_errors(path), open(path, "rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        refusal = memory.check_fits(name, size)
        if refusal:
            raise TableError(refusal.template, **refusal.values)
        head, tail = _head_and_tail(raw, size)
        notes: list[str] = []
        found = sniff(head, tail, complete=size <= len(head), name=name, notes=notes)
        frame = parse(raw, path, size, found, report, stop, notes)
    columns, frame = analyse(frame, found, report, stop, notes)
    report(1.0)
    # a note is one line, like an error's message, even when a column's name holds a line break
    notes = [_one_line(note) for note in notes]
    return Table(frame, path, found.encoding, found.delimiter, found.decimal, columns, notes)


def _read_workbook(path: str, sheet: str | int | None, report: Progress,
                   stop: Callable[[], bool]) -> Table:
    notes: list[str] = []
    try:
        size = os.path.getsize(path)
        refusal = memory.check_fits(os.path.basename(path), size)
        if refusal:
            raise TableError(refusal.template, **refusal.values)
        # the bar's estimate: calamine and pandas read about 3 MB of zipped cells a second
        found = while_waiting(partial(read_sheet, path, sheet, notes), size * _WORKBOOK_PACE,
                              report, stop)
    except FileNotFoundError:
        raise TableError("no such file: '{path}'", path=path) from None
    except PermissionError:
        raise TableError("permission denied: cannot read '{path}'", path=path) from None
    columns, frame = analyse(found.frame, found.sniff, report, stop, notes)
    report(1.0)
    notes = [_one_line(note) for note in notes]
    return Table(frame, path, "", "", ".", columns, notes, sheet=found.name, sheets=found.names)


def frame_table(frame: pd.DataFrame) -> Table:
    """A table already in memory (a notebook's data frame), given the same column analysis
    as a file's, so it trains as the same data saved as CSV would. Every row is kept, in
    order; the frame itself is not changed."""
    import pandas as pd

    names = [str(name) for name in frame.columns]
    if len(set(names)) < len(names):
        raise TableError("the columns' names must differ; {names} occur more than once",
                         names=", ".join(sorted({f"'{n}'" for n in names if names.count(n) > 1})))
    columns = {}
    for name, (_, col) in zip(names, frame.items(), strict=True):
        # nullable integers and floats hold pd.NA, which NumPy cannot make a float of
        if isinstance(col.dtype, pd.api.extensions.ExtensionDtype) and \
                pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype):
            col = pd.Series(col.to_numpy(dtype=np.float64, na_value=np.nan))
        elif pd.api.types.is_bool_dtype(col.dtype) and col.hasnans:
            col = col.astype(object)
        columns[name] = col.reset_index(drop=True)
    found = Sniff(encoding="", pandas_encoding="", skip_bytes=0, delimiter="", decimal=".",
                  thousands=None, names=names, has_header=True, skip_rows=0, index_first=False,
                  unnamed=[], text=[], ascii_sample=True, errors="strict")
    notes: list[str] = []
    analysed, data = analyse(pd.DataFrame(columns), found,
                             Progress(None), lambda: False, notes, keep_rows=True)
    return Table(data, "", "", "", ".", analysed, [_one_line(note) for note in notes])


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
