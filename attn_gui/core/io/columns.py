"""Every parsed column classified, so the UI can offer sensible defaults and say *why* a
column is left out: numeric, boolean, categorical, an ID, constant or empty.

Columns are analysed side by side on a few threads (NumPy releases the GIL); text that is
numeric apart from a few junk entries becomes numbers, yes/no words become 0.0 and 1.0.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace
from math import floor, isfinite, log10
from typing import TYPE_CHECKING

import numpy as np

from ..errors import Phrase
from .common import READ_SHARE, ColumnInfo, Progress, TableError
from .dates import ISO, Ambiguous, Dates, parse_dates, read_dates
from .distinct import distinct
from .formats import read_formatted, with_formats
from .sniff import COMMA_THOUSANDS, DOT_THOUSANDS, MARKER_SET, Sniff

if TYPE_CHECKING:
    import pandas as pd
# pandas is imported inside the functions that use it: it is kept off the window's start-up path

# Excel's error values: a failed formula, not text, however many a column holds
_EXCEL_ERRORS = ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
_TRUE = ("true", "yes", "y", "t")
_BOOL_PAIRS = tuple(
    frozenset(p) for p in (("true", "false"), ("yes", "no"), ("y", "n"), ("t", "f"))
)
_ANALYSIS_THREADS = 8
_MAX_JUNK_LEVELS = 5  # distinct non-numbers tolerated in a numeric column ("#DIV/0!", ".")
_ID_MIN_ROWS = 20
_FREE_TEXT_LEVELS = 50
_INDEX_REASON = Phrase("unnamed first column (an index written by R or pandas)")

# A column's new values for the frame (None: keep the parsed float64), its info and
# perhaps a warning.
_Analysed = tuple[np.ndarray | None, ColumnInfo, str | None]


def analyse(
    frame: pd.DataFrame,
    sniff: Sniff,
    report: Progress,
    stop: Callable[[], bool],
    notes: list[str],
    keep_rows: bool = False,
) -> tuple[list[ColumnInfo], pd.DataFrame]:
    """`keep_rows`: every row stays, even a trailing blank one (rows scored in memory must
    keep their positions)."""
    import pandas as pd

    if not keep_rows:
        frame = _drop_blank_rows(frame, notes)
    n_columns = len(frame.columns)
    jobs = [
        (frame.iloc[:, i], str(frame.columns[i]), i == 0 and sniff.index_first, sniff)
        for i in range(n_columns)
    ]
    columns: list[ColumnInfo] = []
    # numpy releases the GIL for the per-column passes, so columns are analysed side by
    # side; this thread alone touches the frame, the progress bar and the cancel flag
    pool = ThreadPoolExecutor(min(_ANALYSIS_THREADS, os.cpu_count() or 1, n_columns))
    try:
        for position, future in enumerate([pool.submit(_column, *job) for job in jobs]):
            while True:
                if stop():
                    raise TableError("loading was cancelled")
                try:
                    values, info, note = future.result(timeout=0.05)
                    break
                except FutureTimeout:
                    continue
            if values is not None:
                # a Series keeps object dtype where pandas 3 infers str from a bare array
                frame.isetitem(
                    position, pd.Series(values, index=frame.index, dtype=values.dtype, copy=False)
                )
            columns.append(info)
            notes.extend([note] if note else [])
            report(READ_SHARE + (1 - READ_SHARE) * (position + 1) / n_columns)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    unnamed = [columns[i].name for i in sniff.unnamed if columns[i].kind != "empty"]
    if unnamed:
        notes.append(Phrase("columns without a name in the header were called {names}",
                            names=", ".join(unnamed)))
    return columns, frame


def _drop_blank_rows(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    if len(frame) and frame.iloc[-1].isna().all():  # Excel leaves rows of bare delimiters
        blank = frame.isna().all(axis=1).to_numpy()
        frame = frame.loc[~blank].reset_index(drop=True)
        notes.append(Phrase("{rows} empty rows were skipped", rows=int(blank.sum())))
    if len(frame) == 0:
        raise TableError("the file has a header but no data rows")
    return frame


def _column(series: pd.Series, name: str, index: bool, sniff: Sniff) -> _Analysed:
    import pandas as pd

    dtype = series.dtype
    if pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
        return _parsed_number_column(series, name, index)
    if pd.api.types.is_datetime64_any_dtype(dtype):  # a workbook's date cells
        values = parse_dates(series, ISO)
        return values, _date_info(name, values, index), None
    codes, uniques = _codes(series)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    read = _as_numbers(uniques, counts, sniff)
    if read is not None:
        numbers, formats = read
        junk = np.isnan(numbers)
        note = None
        if junk.any():
            shown = ", ".join(f"'{u}'" for u in uniques[junk][:3])
            note = Phrase(
                "column '{column}': {count} non-numeric values ({values}) were treated as missing",
                column=name, count=int(counts[junk].sum()), values=shown)
        values = np.append(numbers, np.nan)[codes]  # code -1 picks the trailing NaN
        return values, _numeric_info(name, values, index, formats=formats), note
    if 2 <= len(uniques) <= 8 and frozenset(u.lower() for u in uniques) in _BOOL_PAIRS:
        truth = np.isin(np.array([u.lower() for u in uniques]), _TRUE)
        values = np.append(truth.astype(np.float64), np.nan)[codes]
        # the most common spelling of each side names it ("yes" over "Yes")
        labels = (
            str(uniques[~truth][np.argmax(counts[~truth])]),
            str(uniques[truth][np.argmax(counts[truth])]),
        )
        return values, _boolean_info(name, values, labels, index), None
    dates = read_dates(uniques, counts) if len(uniques) else None
    if isinstance(dates, Dates):
        values = np.append(dates.values, np.datetime64("NaT", "ns"))[codes]
        junk = np.isnat(dates.values)
        note = None
        if junk.any():
            shown = ", ".join(f"'{u}'" for u in uniques[junk][:3])
            note = Phrase(
                "column '{column}': {count} values that are not dates ({values}) were treated "
                "as missing", column=name, count=int(counts[junk].sum()), values=shown)
        return values, replace(_date_info(name, values, index), order=dates.order), note
    text = np.append(uniques, np.nan)[codes]
    info = _text_info(name, uniques, counts, len(series), index)
    if isinstance(dates, Ambiguous) and info.excluded is None:
        info = replace(info, excluded=Phrase(
            "dates whose day/month order the column never shows (no number above 12, e.g. "
            "{example}); written as YYYY-MM-DD they would be used", example=dates.example))
    return text, info, None


def _parsed_number_column(series: pd.Series, name: str, index: bool) -> _Analysed:
    """A column pandas already parsed as numbers (or booleans)."""
    import pandas as pd

    dtype = series.dtype
    values = np.asarray(series, dtype=np.float64)
    if pd.api.types.is_bool_dtype(dtype):
        return values, _boolean_info(name, values, ("False", "True"), index), None
    if pd.api.types.is_integer_dtype(dtype):
        return values, _numeric_info(name, values, index, np.asarray(series)), None
    infinite = np.isinf(values)
    if infinite.any():
        values = np.where(infinite, np.nan, values)
        note = Phrase(
            "column '{column}': {count} infinite values (inf, or numbers beyond ±1.8e308) were "
            "treated as missing", column=name, count=int(infinite.sum()))
        return values, _numeric_info(name, values, index), note
    return None, _numeric_info(name, values, index), None  # already float64


def _codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values as stripped strings: pandas' low-memory chunks can mix
    floats, bools and strings in one column, and "yes " should equal "yes"."""
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str).str.strip()
    text = text.where(~text.isin(MARKER_SET))
    if text.is_unique and not text.isna().any():
        return codes, text.to_numpy(dtype=object)
    remap, merged = pd.factorize(text, use_na_sentinel=True)
    codes = np.where(codes >= 0, np.append(remap, -1)[codes], -1)
    return codes, np.asarray(merged, dtype=object)


def _as_numbers(
    uniques: np.ndarray, counts: np.ndarray, sniff: Sniff
) -> tuple[np.ndarray, Phrase | None] | None:
    """Numbers for the distinct values when the column is numeric apart from a few junk
    entries (≤ 5 distinct, ≤ 5% of cells), and what formatting was stripped to read them
    (`formats.py`); None when it is text."""
    import pandas as pd

    if len(uniques) == 0:
        return None
    probe = pd.Series(uniques[:1000], dtype=object)
    if pd.to_numeric(_with_point(probe, sniff), errors="coerce").notna().mean() < 0.5:
        formatted = read_formatted(probe.to_numpy(), sniff.decimal)
        if formatted is None or np.isnan(formatted.numbers).mean() > 0.5:
            return None  # cheap exit for text with many levels
    numbers = pd.to_numeric(_with_point(pd.Series(uniques, dtype=object), sniff), errors="coerce")
    numbers = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
    numbers = np.where(np.isinf(numbers), np.nan, numbers)
    formats = None
    unread = np.flatnonzero(np.isnan(numbers))
    if unread.size:
        # only what plain parsing refused: a numeric column with a stray "?" stays cheap
        formatted = read_formatted(uniques[unread], sniff.decimal)
        if formatted is not None:
            numbers[unread] = formatted.numbers
            formats = formatted.summary
    junk = np.isnan(numbers)
    doubtful = junk & ~np.isin(uniques, _EXCEL_ERRORS)
    if junk.all() or doubtful.sum() > _MAX_JUNK_LEVELS or counts[doubtful].sum() * 20 > counts.sum():
        return None
    return numbers, formats


def _with_point(values: pd.Series, sniff: Sniff) -> pd.Series:
    if sniff.decimal == ".":
        # "1,234,567" quoted in a comma-separated file: commas grouping digits by three
        grouped = values.str.fullmatch(COMMA_THOUSANDS.pattern).fillna(False).astype(bool)
        return values.where(~grouped, values.str.replace(",", "", regex=False))
    if sniff.thousands:  # only where the digits are grouped by three: 01.02.2020 is a date
        grouped = values.str.fullmatch(DOT_THOUSANDS.pattern).fillna(False).astype(bool)
        values = values.where(~grouped, values.str.replace(".", "", regex=False))
    return values.str.replace(",", ".", regex=False)


def _numeric_info(
    name: str, values: np.ndarray, index: bool, ints: np.ndarray | None = None,
    formats: Phrase | None = None,
) -> ColumnInfo:
    missing_mask = np.isnan(values)
    missing = int(missing_mask.sum())
    present = values[~missing_mask] if missing else values
    if len(present) == 0:
        return _empty(name, missing)
    low, high = float(present.min()), float(present.max())
    n_unique, whole = distinct(present, low, high, ints)
    span = f"{_fmt(low)}–{_fmt(high)}"
    if index:
        return ColumnInfo(name, "id", missing, n_unique, _INDEX_REASON, span)
    if n_unique == 1:
        return ColumnInfo(
            name,
            "constant",
            missing,
            1,
            Phrase("constant (every value is {value})", value=_fmt(low)),
            Phrase("every value is {value}", value=_fmt(low)),
        )
    if whole and missing == 0 and n_unique == len(values) == high - low + 1 >= _ID_MIN_ROWS:
        reason = Phrase("consecutive whole numbers {span}, one per row (looks like a row ID)",
                        span=span)
        return ColumnInfo(name, "id", 0, n_unique, reason, span)
    with np.errstate(over="ignore"):  # the mean of values near 1e308 is inf, and says so
        summary = Phrase("mean {mean}, range {span}", mean=_fmt(float(present.mean())),
                         span=span)
    return ColumnInfo(name, "numeric", missing, n_unique, None, with_formats(summary, formats))


def _date_info(name: str, values: np.ndarray, index: bool) -> ColumnInfo:
    missing_mask = np.isnat(values)
    present = values[~missing_mask]
    if len(present) == 0:
        return _empty(name, int(missing_mask.sum()))
    n_unique = len(np.unique(present))
    first, last = present.min(), present.max()
    timed = bool((present != present.astype("datetime64[D]")).any())
    span = {"first": _when(first, timed), "last": _when(last, timed)}
    if index or n_unique == 1:
        reason = _INDEX_REASON if index else Phrase("constant (every value is {value})",
                                                    value=span["first"])
        return ColumnInfo(name, "id" if index else "constant", int(missing_mask.sum()),
                          n_unique, reason, Phrase("{first} to {last}", **span))
    summary = (Phrase("{first} to {last}; used as year, month, day of week, days since the "
                      "first date and hour of the day", **span) if timed else
               Phrase("{first} to {last}; used as year, month, day of week and days since the "
                      "first date", **span))
    return ColumnInfo(name, "date", int(missing_mask.sum()), n_unique, None, summary)


def _when(stamp: np.datetime64, timed: bool) -> str:
    return str(stamp.astype("datetime64[m]" if timed else "datetime64[D]")).replace("T", " ")


def _boolean_info(
    name: str, values: np.ndarray, labels: tuple[str, str], index: bool
) -> ColumnInfo:
    missing_mask = np.isnan(values)
    present = values[~missing_mask]
    if index or len(present) == 0 or present.min() == present.max():
        return _numeric_info(name, values, index)
    summary = Phrase("{percent}% {label}", percent=round(100 * float(present.mean())),
                     label=labels[1])
    return ColumnInfo(name, "boolean", int(missing_mask.sum()), 2, None, summary, labels)


def _text_info(
    name: str, uniques: np.ndarray, counts: np.ndarray, n_rows: int, index: bool
) -> ColumnInfo:
    n_unique = len(uniques)
    present = int(counts.sum())
    missing = n_rows - present
    if n_unique == 0:
        return _empty(name, missing)
    top = uniques[np.argsort(-counts, kind="stable")[:3]]
    levels = ", ".join(_short(u) for u in top) + (", …" if n_unique > 3 else "")
    summary = Phrase("{count} levels: {levels}", count=n_unique, levels=levels)
    if index:
        return ColumnInfo(name, "id", missing, n_unique, _INDEX_REASON, summary)
    if n_unique == 1:
        return ColumnInfo(
            name,
            "constant",
            missing,
            1,
            Phrase("constant (every value is {value})", value=_short(uniques[0])),
            Phrase("every value is {value}", value=_short(uniques[0])),
        )
    if n_unique == present >= _ID_MIN_ROWS:
        return ColumnInfo(
            name,
            "id",
            missing,
            n_unique,
            Phrase("unique per row (looks like an ID)"),
            Phrase("{count} distinct values, e.g. {levels}", count=n_unique, levels=levels),
        )
    if mostly_distinct(n_unique, n_rows, _FREE_TEXT_LEVELS):
        reason = Phrase("free text: {count} distinct values in {rows} rows", count=n_unique,
                        rows=n_rows)
        return ColumnInfo(name, "categorical", missing, n_unique, reason, summary)
    return ColumnInfo(name, "categorical", missing, n_unique, None, summary)


def mostly_distinct(n_unique: int, rows: int, more_than: int) -> bool:
    """Text whose values are mostly distinct, in more levels than `more_than`: names or
    free text, not categories. The reader excludes such a column past 50 levels; the
    default target skips it past the 20 levels a set of classes could have."""
    return n_unique > more_than and n_unique * 2 > rows


def _empty(name: str, missing: int) -> ColumnInfo:
    return ColumnInfo(name, "empty", missing, 0, Phrase("all values missing"),
                      Phrase("all missing"))


def _short(value: str) -> str:
    text = " ".join(str(value).split())  # a quoted field may hold newlines
    return text if len(text) <= 24 else text[:23] + "…"


def _fmt(x: float) -> str:
    """About three significant digits without scientific notation for everyday sizes."""
    if x == 0 or not isfinite(x):
        return "0" if x == 0 else str(x)
    magnitude = abs(x)
    if not 1e-3 <= magnitude < 1e7:
        return f"{x:.3g}"
    digits = max(0, 2 - floor(log10(magnitude)))
    text = f"{x:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
