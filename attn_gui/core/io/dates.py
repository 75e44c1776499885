"""Dates and times written as text: ISO (`2024-03-01`, `2024-03-01T14:30:00Z`) and
day/month orders (`01/03/2024`, `1.3.2024`, `03/01/2024 14:30`) when the column tells
which: a first number above 12 somewhere makes it day-first, a second one month-first.
A column that never tells is not read as dates (`ambiguous`), since guessing would
silently swap months and days.

A date column becomes numbers in the fitted preprocessing (`preprocess.py`), not here:
"days since the first date" is the first date of the training rows, which a new file
must not move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

_TIME = r"(?:[T ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(?P<y>\d{4})[-/](?P<a>\d{1,2})[-/](?P<b>\d{1,2})" + _TIME)
_DMY = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})" + _TIME)
MAX_JUNK_LEVELS = 5  # as for numbers: a few "unknown" or "-" cells do not make it text
# the order of a day/month column, kept with a fitted model so a new file reads the same
ISO, DAY_FIRST, MONTH_FIRST = "iso", "day_first", "month_first"
ORDERS = (ISO, DAY_FIRST, MONTH_FIRST)


@dataclass
class Dates:
    values: np.ndarray  # datetime64[ns] for each distinct value, NaT where it is no date
    order: str  # ISO, DAY_FIRST or MONTH_FIRST


@dataclass
class Ambiguous:
    """Day/month dates whose order the column never shows (no number above 12)."""

    example: str


def read_dates(values: np.ndarray, counts: np.ndarray) -> Dates | Ambiguous | None:
    """`values` (distinct stripped strings, with their counts) as dates, when all but a
    few junk entries are (≤ 5 distinct, ≤ 5% of cells); None when it is not a date column."""
    import pandas as pd

    text = pd.Series(values, dtype=object).astype(str)
    best = None
    for order, pattern in ((ISO, _ISO), (DAY_FIRST, _DMY)):
        parts = text.str.extract(pattern.pattern)
        matched = parts["y"].notna().to_numpy()
        if _mostly(matched, counts):
            best = order, parts, matched
            break
    if best is None:
        return None
    order, parts, matched = best
    if order != ISO:
        first = parts["a"].astype(float).to_numpy()
        second = parts["b"].astype(float).to_numpy()
        day_first, month_first = np.nanmax(first) > 12, np.nanmax(second) > 12
        if day_first == month_first:
            return Ambiguous(str(values[np.flatnonzero(matched)[0]])) if not day_first else None
        order = DAY_FIRST if day_first else MONTH_FIRST
    parsed = _to_datetime(parts, order)
    if not _mostly(~np.isnat(parsed), counts):
        return None  # 2024-13-45: shaped like dates, but too many are none
    return Dates(parsed, order)


def parse_dates(column: pd.Series, order: str) -> np.ndarray:
    """A column as datetime64[ns] read in a known `order` (a model's, for a new file): it
    may be datetime64 already, or text; anything else becomes NaT."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        if getattr(column.dtype, "tz", None) is not None:
            column = column.dt.tz_convert(None)
        return column.to_numpy(dtype="datetime64[ns]")
    text = column.astype("string").str.strip().astype(object).fillna("")
    pattern = _ISO if order == ISO else _DMY
    return _to_datetime(text.str.extract(pattern.pattern), order)


def _mostly(matched: np.ndarray, counts: np.ndarray) -> bool:
    unmatched = ~matched
    return bool(matched.any() and unmatched.sum() <= MAX_JUNK_LEVELS
                and counts[unmatched].sum() * 20 <= counts.sum())


def _to_datetime(parts: pd.DataFrame, order: str) -> np.ndarray:
    import pandas as pd

    day, month = ("b", "a") if order in (ISO, MONTH_FIRST) else ("a", "b")
    iso = (parts["y"] + "-" + parts[month].str.zfill(2) + "-" + parts[day].str.zfill(2)
           + ("T" + parts["time"]).fillna("") + parts["zone"].fillna(""))
    stamps = pd.to_datetime(iso, format="ISO8601", errors="coerce", utc=True)
    return stamps.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]")


# what a date becomes for the network; "hour" only when the training dates hold times
PARTS = ("year", "month", "weekday", "days")
_NS_PER_DAY = 86_400 * 10**9


def day_numbers(stamps: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 (a fraction for the time of day), NaN for NaT."""
    ns = stamps.astype("datetime64[ns]").astype(np.int64).astype(np.float64)
    return np.where(np.isnat(stamps), np.nan, ns / _NS_PER_DAY)


def date_parts(days: np.ndarray, origin: float, parts: list[str]) -> np.ndarray:
    """One column per part: calendar year, month 1–12, day of week (Monday 0), days since
    `origin` (the first training date), hour of the day with its fraction."""
    missing = np.isnan(days)
    whole = np.where(missing, 0, np.floor(days)).astype("int64").astype("datetime64[D]")
    columns = {
        "year": lambda: whole.astype("datetime64[Y]").astype(np.int64) + 1970.0,
        "month": lambda: whole.astype("datetime64[M]").astype(np.int64) % 12 + 1.0,
        # 1970-01-01 was a Thursday
        "weekday": lambda: (whole.astype(np.int64) + 3) % 7 + 0.0,
        "days": lambda: days - origin,
        "hour": lambda: (days - np.floor(days)) * 24,
    }
    out = np.column_stack([columns[p]() for p in parts]).astype(np.float64)
    out[missing] = np.nan
    return out
