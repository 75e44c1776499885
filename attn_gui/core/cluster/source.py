"""A file, a glob or a folder of CSV or Parquet files, partitioned by dask.dataframe.

The CSV layout is sniffed from the first file as `stream.open_source` sniffs it, and every
partition is read with the options of the streamed reader and analysed as its chunks are
(`Reading.analysed`, on the workers), so the statistics and the encoding see the same
values as a single-process pass over the same rows. Partitions follow the files' sorted
order; `starts` are their first rows' positions in that concatenation, which the split by
row hash needs.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field

from ..io import Table
from ..io.columns import analyse
from ..io.common import Progress, TableError
from ..io.sniff import MARKERS, Sniff
from ..stream import open_source
from ..stream.source import HEAD_ROWS

__all__ = ["BLOCK_BYTES", "DaskSource", "Reading", "open_dask_source"]

BLOCK_BYTES = 64 << 20  # dask's own default: a partition's CSV text
_PARQUET = (".parquet", ".pq")


@dataclass(frozen=True)
class Reading:
    """What a worker needs to turn a partition into the frame a streamed chunk would be."""

    sniff: Sniff
    integers: tuple[str, ...]  # read as float so a missing value in a later part is no
    # type clash; back to integers where a partition has none missing, as pandas reads them

    def analysed(self, frame, notes: list[str] | None = None) -> tuple[list, object]:
        for name in self.integers:
            column = frame[name]
            if column.dtype.kind == "f" and not column.isna().any():
                frame[name] = column.astype("int64")
        for name in frame.columns:
            if frame[name].dtype == object or str(frame[name].dtype).startswith("string"):
                frame[name] = frame[name].astype("category")
        columns, frame = analyse(frame, self.sniff, Progress(None), lambda: False,
                                 [] if notes is None else notes, keep_rows=True)
        return columns, frame

    def head(self, frame, path: str, notes: list[str]) -> Table:
        """The first `HEAD_ROWS` rows of all the files, analysed as `open_source` analyses
        the first rows of one file, so the run's columns and kinds are the same."""
        sample = frame.head(HEAD_ROWS, npartitions=-1)
        if len(sample) == 0:
            raise TableError("the file has a header but no data rows")
        columns, sample = self.analysed(sample, notes)
        sniff = self.sniff
        return Table(sample, path, sniff.encoding, sniff.delimiter, sniff.decimal, columns,
                     notes)


@dataclass
class DaskSource:
    path: str  # as given: a file, a glob or a folder
    files: list[str]
    head: Table  # the first rows, analysed: the run's columns and kinds
    reading: Reading
    frame: object = field(repr=False)  # the dask DataFrame
    starts: list[int] | None = None  # filled by `count_rows`

    @property
    def name(self) -> str:
        return self.path

    def parts(self) -> list:
        """One delayed pandas frame per partition, in the files' order."""
        return self.frame.to_delayed()

    def count_rows(self, client) -> list[int]:
        """Every partition's first row among all rows: a pass of its own, as the split
        must know a row's global position before anything is gathered from it."""
        if self.starts is None:
            import dask

            lengths = client.gather(client.compute([dask.delayed(len)(p)
                                                    for p in self.parts()]))
            self.starts = [sum(lengths[:i]) for i in range(len(lengths) + 1)]
        return self.starts

    @property
    def rows(self) -> int:
        return self.starts[-1] if self.starts else 0


def expand(path: str) -> list[str]:
    """The files of a folder (its CSV, else its Parquet), of a glob, or the one file."""
    if os.path.isdir(path):
        found = sorted(glob.glob(os.path.join(path, "*.csv")))
        found = found or sorted(p for ext in _PARQUET
                                for p in glob.glob(os.path.join(path, "*" + ext)))
    elif any(mark in path for mark in "*?["):
        found = sorted(p for p in glob.glob(path) if os.path.isfile(p))
    elif os.path.isfile(path):
        found = [path]
    else:
        raise TableError("no such file: '{path}'", path=path)
    if not found:
        raise TableError("no CSV or Parquet file matches '{path}'", path=path)
    kinds = {p.lower().endswith(_PARQUET) for p in found}
    if len(kinds) > 1:
        raise TableError("'{path}' holds both CSV and Parquet files; give one kind", path=path)
    return found


def open_dask_source(path: str, block_bytes: int = BLOCK_BYTES) -> DaskSource:
    files = expand(os.fspath(path))
    if files[0].lower().endswith(_PARQUET):
        return _parquet(path, files)
    import dask
    import dask.dataframe as dd

    first = open_source(files[0])
    found = first.sniff
    options = dict(
        blocksize=block_bytes, sep=found.delimiter, decimal=found.decimal,
        thousands=found.thousands, header=0 if found.has_header else None,
        names=found.names, index_col=False, skiprows=found.skip_rows,
        na_values=MARKERS, keep_default_na=True, on_bad_lines="skip",
        # the BOM the sniffer skips by offset is dropped by the codec in every part
        encoding="utf-8-sig" if found.skip_bytes else found.pandas_encoding,
        encoding_errors=found.errors)
    text = dict.fromkeys(found.text, "category")
    # text stays as pandas reads it (object or category), not Arrow strings, so the
    # workers' analysis sees what a streamed chunk holds
    with dask.config.set({"dataframe.convert-string": False}):
        sampled = dd.read_csv(files, dtype=text, **options)
        integers = tuple(str(c) for c, t in sampled.dtypes.items() if t.kind in "iu")
        frame = dd.read_csv(files, dtype={**text, **dict.fromkeys(integers, "float64")},
                            **options)
    reading = Reading(found, integers)
    head = reading.head(frame, files[0], list(first.head.warnings))
    return DaskSource(path, files, head, reading, frame)


def _parquet(path: str, files: list[str]) -> DaskSource:
    """Typed columns need no sniffing: a layout of plain CSV conventions, and text read
    into categories as the CSV reader reads the words it sniffed."""
    import dask
    import dask.dataframe as dd

    with dask.config.set({"dataframe.convert-string": False}):
        frame = dd.read_parquet(files)
    names = [str(c) for c in frame.columns]
    found = Sniff(encoding="utf-8", pandas_encoding="utf-8", skip_bytes=0, delimiter=",",
                  decimal=".", thousands=None, names=names, has_header=True, skip_rows=0,
                  index_first=False, unnamed=[], text=[], ascii_sample=False,
                  errors="strict")
    reading = Reading(found, ())
    return DaskSource(path, files, reading.head(frame, files[0], []), reading, frame)
