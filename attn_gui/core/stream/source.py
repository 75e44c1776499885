"""A CSV read in chunks by pandas' C engine, each chunk analysed as the whole-file reader
analyses a file, so the preprocessing sees the same numbers, words and dates.

The layout (encoding, delimiter, decimal mark, header) is sniffed from the first and last
MB as `read_table` does; the columns' kinds come from the first `HEAD_ROWS` rows (the
preview's `head` table); the row count from the statistics pass.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import Phrase
from ..io import Table
from ..io.columns import analyse
from ..io.common import ColumnInfo, Progress, TableError, file_errors
from ..io.sniff import MARKERS, Sniff, sniff
from ..io.table import _head_and_tail
from ..io.workbook import is_workbook
from ..memory import format_bytes

__all__ = ["CHUNK_ROWS", "HEAD_ROWS", "Chunk", "Source", "open_source", "open_table"]

CHUNK_ROWS = 65_536
HEAD_ROWS = 20_000


@dataclass
class Chunk:
    start: int  # position of the chunk's first row among the file's data rows
    frame: object  # pandas.DataFrame, as the reader would hold these rows
    columns: list[ColumnInfo]  # the chunk's own analysis (its words and kinds)


@dataclass
class Source:
    path: str
    size: int
    sniff: Sniff
    head: Table  # the first rows, analysed: the preview and the columns' kinds

    @property
    def name(self) -> str:
        return os.path.basename(self.path) or self.path

    def table(self, chunk: Chunk) -> Table:
        """A chunk as a `Table` of its own, for what scores a table in memory."""
        return Table(chunk.frame, self.path, self.head.encoding, self.head.delimiter,
                     self.head.decimal, chunk.columns, [])

    def chunks(self, chunk_rows: int = CHUNK_ROWS,
               progress: Callable[[float], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> Iterator[Chunk]:
        """Every row, `chunk_rows` at a time; `should_stop` is asked between chunks and
        ends the reading with a TableError."""
        report = Progress(progress)
        stop = should_stop or (lambda: False)
        start = 0
        with open(self.path, "rb") as raw:
            raw.seek(self.sniff.skip_bytes)
            for frame in _reader(raw, self.sniff, chunk_rows):
                if stop():
                    raise TableError("loading was cancelled")
                columns, frame = analyse(frame, self.sniff, Progress(None), stop, [],
                                         keep_rows=True)
                yield Chunk(start, frame, columns)
                start += len(frame)
                report(raw.tell() / max(self.size, 1))
        report(1.0)


def open_table(path: str | os.PathLike[str]) -> Table:
    """The first rows of a CSV read in parts, as a table whose `stream` reads the rest; a
    note says so."""
    source = open_source(path)
    table = source.head
    table.stream = source
    table.warnings.append(Phrase(
        "'{name}' ({size}) is streamed, read in parts: the preview shows its first {rows} "
        "rows, and every row is counted when a run reads the file",
        name=source.name, size=format_bytes(source.size), rows=len(table.frame)))
    return table


def open_source(path: str | os.PathLike[str]) -> Source:
    """Sniff a CSV and analyse its first rows; a workbook is refused, as it cannot be read
    in parts."""
    path = os.fspath(path)
    name = os.path.basename(path) or path
    if is_workbook(path):
        raise TableError("the workbook '{name}' cannot be streamed: a workbook is read whole; "
                         "save its sheet as CSV to train on it in parts", name=name)
    with file_errors(path), open(path, "rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        head_bytes, tail = _head_and_tail(raw, size)
        notes: list[str] = []
        found = sniff(head_bytes, tail, complete=size <= len(head_bytes), name=name,
                      notes=notes)
        raw.seek(found.skip_bytes)
        frame = next(_reader(raw, found, HEAD_ROWS), None)
    if frame is None or len(frame) == 0:
        raise TableError("the file has a header but no data rows")
    columns, frame = analyse(frame, found, Progress(None), lambda: False, notes, keep_rows=True)
    head = Table(frame, path, found.encoding, found.delimiter, found.decimal, columns, notes)
    return Source(path, size, found, head)


def _reader(raw, found: Sniff, chunk_rows: int):
    """pandas' chunked C reader with the options the whole-file reader uses."""
    import pandas as pd

    reader = pd.read_csv(
        raw, engine="c", sep=found.delimiter, decimal=found.decimal,
        thousands=found.thousands, header=0 if found.has_header else None,
        names=found.names, index_col=False, dtype=dict.fromkeys(found.text, "category"),
        skiprows=found.skip_rows, na_values=MARKERS, keep_default_na=True,
        on_bad_lines="skip", encoding=found.pandas_encoding,
        encoding_errors=found.errors, chunksize=chunk_rows)
    with reader:
        while True:
            # only around the parse: a chunk's mixed types are analysed anyway
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                frame = next(reader, None)
            if frame is None:
                return
            yield frame
