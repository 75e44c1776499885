"""Read an analyst's CSV as it really comes: any common encoding, delimiter and NA marker.

Detection (encoding, delimiter, decimal mark, header, text columns) runs on a few MB
from the start and end of the file; pandas' C engine then parses the whole file once.
Large UTF-8 files go to pandas by path, which lets pandas >= 3.1 parse on several
threads; everything else is fed through a thin reader that counts bytes for the
progress bar and checks for cancellation. Every column is then classified so the UI can
offer sensible defaults and say *why* a column is left out.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import partial
from itertools import islice
from math import exp, floor, isfinite, log10
from typing import Any

import numpy as np

from . import memory
from .errors import UserError
from .lazy import pd

__all__ = ["ColumnInfo", "Table", "TableError", "infer_task", "read_table"]

_HEAD_BYTES = 4 << 20  # enough to see past ASCII-only headers, small next to a 150 MB file
_TAIL_BYTES = 1 << 20  # non-ASCII text that only appears late in a file still gets seen
_SNIFF_CHARS = 1 << 16
_SNIFF_RECORDS = 200
_READ_SHARE = 0.9  # of the progress bar; the rest is column analysis
_DELIMITERS = (",", ";", "\t", "|")
# pandas' defaults already cover "", NA, N/A, n/a, NaN, nan, null, NULL, None, #N/A, <NA>
_MARKERS = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "?", "-"]
# Excel's error values: a failed formula, not text, however many a column holds
_EXCEL_ERRORS = ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
_MARKER_SET = frozenset(_MARKERS) | frozenset(m.lower() for m in _MARKERS) | {"#n/a", "<na>"}
_TRUE = ("true", "yes", "y", "t")
_BOOL_PAIRS = tuple(
    frozenset(p) for p in (("true", "false"), ("yes", "no"), ("y", "n"), ("t", "f"))
)
_CONTROL = bytes(range(9)) + bytes(range(14, 32))
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_DOT_DECIMAL = re.compile(r"[+-]?\d*\.\d+")
_COMMA_DECIMAL = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+")
_DOT_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_COMMA_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
# a lone byte >= 0x80 between ASCII bytes is never UTF-8, and never GB2312 (two bytes a character)
_LONE_HIGH_BYTE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")
_NO_DELIMITERS = str.maketrans("", "", "".join(_DELIMITERS) + '"')
_MIXED = "attn-gui-utf8-or-cp1252"  # a codecs error handler, registered below
_NOT_TABLES = (
    (re.compile(r"\s*(<!doctype html|<html|<\?xml)", re.IGNORECASE), "a web page (HTML/XML)"),
    (re.compile(r"\s*(\{\s*\"|\[\s*[\[{\"])"), "JSON"),
)
_SKIPPED = re.compile(r"Skipping line (\d+)")
_RAGGED = re.compile(r"Expected \d+ fields in line \d+, saw \d+")
_THREADED_BYTES = 5 << 20  # pandas parses smaller files serially anyway: count bytes instead
_ASSUMED_BYTES_PER_SECOND = 250e6  # only shapes the estimated bar of a threaded read
_ANALYSIS_THREADS = 8
_BITMAP_SLOTS = 1 << 24  # 16 MB of booleans at most when counting distinct values
_HASH_SLOTS = 1 << 20  # 8 MB table: about a quarter of a million distinct values lose a slot
_HASH_SHIFT = np.uint64(64 - 20)
_HASH_EMPTY = np.uint64(2**64 - 1)  # a NaN's bit pattern, and NaNs are never counted
# odd multipliers (Fibonacci hashing and splitmix64's); a round that cannot shrink the
# remainder much more is left to the sort
_HASH_MIXERS = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9),
                np.uint64(0x94D049BB133111EB))
_HASH_MIN_VALUES = 1 << 16
_HASH_BLOCK = 1 << 15
_MAX_JUNK_LEVELS = 5  # distinct non-numbers tolerated in a numeric column ("#DIV/0!", ".")
_ID_MIN_ROWS = 20


class TableError(UserError):
    """A file that cannot be read as a table; the message is one sentence for the user."""


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    kind: str  # "numeric" | "boolean" | "categorical" | "id" | "constant" | "empty"
    missing: int
    n_unique: int
    excluded: str | None
    summary: str
    # boolean columns only: the words that became 0.0 and 1.0, e.g. ("no", "yes"), so a
    # class can still be called by the name the analyst knows
    labels: tuple[str, str] | None = None


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
    report = _Progress(progress)
    stop = should_stop or (lambda: False)
    if os.path.isdir(path):
        raise TableError(f"'{path}' is a folder, not a file")
    try:
        with open(path, "rb") as raw:
            size = os.fstat(raw.fileno()).st_size
            refusal = memory.check_fits(name, size)
            if refusal:
                raise TableError(refusal)
            head = raw.read(_HEAD_BYTES)
            tail = b""
            if size > len(head):
                raw.seek(max(len(head), size - _TAIL_BYTES))
                tail = raw.read()
                cut = tail.find(b"\n")  # a newline byte never sits inside a character
                tail = tail[cut + 1 :] if cut >= 0 else b""
            notes: list[str] = []
            sniff = _sniff(head, tail, complete=size <= len(head), name=name, notes=notes)
            frame = _parse(raw, path, size, sniff, report, stop, notes)
    except FileNotFoundError:
        raise TableError(f"no such file: '{path}'") from None
    except PermissionError:
        raise TableError(f"permission denied: cannot read '{path}'") from None
    except IsADirectoryError:
        raise TableError(f"'{path}' is a folder, not a file") from None
    except OSError as exc:
        raise TableError(f"could not read '{path}': {exc.strerror or exc}") from None
    columns, frame = _analyse(frame, sniff, report, stop, notes)
    report(1.0)
    # a note is one line, like an error's message, even when a column's name holds a line break
    notes = [note.replace("\r", "\\r").replace("\n", "\\n") for note in notes]
    return Table(frame, path, sniff.encoding, sniff.delimiter, sniff.decimal, columns, notes)


# --------------------------------------------------------------------------- detection


@dataclass
class _Sniff:
    encoding: str  # as reported to the user
    pandas_encoding: str
    skip_bytes: int  # a UTF-8 BOM we drop ourselves so pandas keeps its fast UTF-8 path
    delimiter: str
    decimal: str
    thousands: str | None
    names: list[str]
    has_header: bool
    skip_rows: int  # an Excel "sep=;" line
    index_first: bool  # unnamed first column: row names written by R or pandas
    unnamed: list[int]  # other positions whose header name was blank
    text: list[str]  # columns with words in the sample, parsed straight to category codes
    ascii_sample: bool
    errors: str  # "replace" when the sample already had undecodable bytes


def _sniff(head: bytes, tail: bytes, complete: bool, name: str, notes: list[str]) -> _Sniff:
    if not head.strip():
        raise TableError(f"the file '{name}' is empty")
    encoding, text, errors = _detect_encoding(head, tail, complete, name)
    if encoding in ("latin-1", "cp1252"):
        notes.append(_legacy_note(encoding))
    elif errors == _MIXED:
        notes.append(
            "the file mixes encodings: lines that are not valid UTF-8 were decoded as "
            "Windows-1252; if accented letters look wrong, re-save the file as UTF-8"
        )
    if not text.strip():
        raise TableError(f"the file '{name}' is empty")
    if complete and not text.translate(_NO_DELIMITERS).strip():
        raise TableError(f"the file '{name}' has no values, only delimiters")
    for pattern, what in _NOT_TABLES:
        if pattern.match(text):
            raise TableError(
                f"could not find a table in '{name}': it looks like {what}, not CSV/TSV text"
            )
    text = text[:_SNIFF_CHARS]
    truncated = len(text) == _SNIFF_CHARS or not complete
    skip_rows = 0
    forced = re.match(r"sep=(.)\r?\n", text)  # Excel writes this when told the delimiter
    if forced:
        text, skip_rows = text[forced.end() :], 1
    if truncated and "\n" in text:
        text = text[: text.rfind("\n") + 1]
    delimiter, records = _pick_delimiter(text, forced.group(1) if forced else None)
    if truncated and len(records) > 2:
        records = records[:-1]  # may be cut through a quoted field
    if not records:
        raise TableError(f"the file '{name}' is empty")
    decimal, thousands = _pick_decimal(records, delimiter)
    header = [field.strip() for field in records[0]]
    has_header = not _looks_like_data(header)
    width = _common_width(records[1:] or records)
    if has_header:
        names = list(header)
        if width == len(names) + 1:  # R's write.csv(row.names=TRUE) omits the first name
            names.insert(0, "")
        names += [""] * (width - len(names))
    else:
        names = [""] * max(width, len(header))
        notes.append(
            "the first line looks like data, not column names, so the columns are "
            "named column_1, column_2, …"
        )
    index_first = has_header and (names[0] == "" or names[0].startswith("Unnamed: 0"))
    unnamed = [i for i, n in enumerate(names) if has_header and not n and i > 0]
    names = _unique_names(names, has_header, notes)
    data = records[1:] if has_header else records
    short = sum(len(r) < len(names) for r in data)
    if 0 < short < len(data):  # when every row is short, the extra names are empty columns
        counted = f"{short} of the first {len(data)}" if truncated else str(short)
        notes.append(
            f"{counted} rows have fewer fields than the header; their last columns were read "
            "as missing"
        )
    text = [n for i, n in enumerate(names) if any(i < len(r) and _is_text(r[i]) for r in data)]
    pandas_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    return _Sniff(
        encoding=encoding,
        pandas_encoding=pandas_encoding,
        skip_bytes=len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0,
        delimiter=delimiter,
        decimal=decimal,
        thousands=thousands,
        names=names,
        has_header=has_header,
        skip_rows=skip_rows,
        index_first=index_first,
        unnamed=unnamed,
        text=text,
        ascii_sample=head.isascii() and tail.isascii(),
        errors=errors,
    )


def _detect_encoding(head: bytes, tail: bytes, complete: bool, name: str) -> tuple[str, str, str]:
    """Encoding, decoded head and decode-error policy. Strict attempts in order UTF-8,
    mostly-UTF-8 (a few broken bytes are replaced), GB18030, Windows-1252, Latin-1."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", _decode(head, "utf-16", complete, "replace"), "strict"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", _decode(head, "utf-8-sig", complete, "replace"), "strict"
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise TableError(
            f"could not find a table in '{name}': it looks like an Excel workbook; "
            "save it as CSV (File > Save As) and open that"
        )
    if head.startswith(b"\x1f\x8b"):
        raise TableError(
            f"could not find a table in '{name}': it is compressed (gzip); extract the CSV first"
        )
    probe = head[: _SNIFF_CHARS * 4]
    for encoding, zeros, text_bytes in (("utf-16-le", probe[1::2], probe[::2]),
                                        ("utf-16-be", probe[::2], probe[1::2])):
        # UTF-16 without a byte order mark: ASCII text with a zero byte beside every character
        if len(zeros) >= 8 and zeros.count(0) >= 0.9 * len(zeros) and text_bytes.count(0) == 0:
            return encoding, _decode(head, encoding, complete, "replace"), "strict"
    if b"\x00" in probe or len(probe) - len(probe.translate(None, _CONTROL)) > len(probe) // 100:
        raise TableError(
            f"could not find a table in '{name}': it looks like a binary file, not CSV/TSV text"
        )
    try:
        text = _decode(head, "utf-8", complete)
        _decode(tail, "utf-8", True)
        return "utf-8", text, "strict"
    except UnicodeDecodeError:
        pass
    text = _decode(head, "utf-8", complete, "replace") + _decode(tail, "utf-8", True, "replace")
    broken = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", "ignore")) - broken
    if valid >= 10 * broken:
        return "utf-8", _decode(head, "utf-8", complete, "replace"), "replace"
    if valid and (_LONE_HIGH_BYTE.search(head) or _LONE_HIGH_BYTE.search(tail)):
        # UTF-8 lines next to lines from a Windows export (files appended to each other)
        return "utf-8", _decode(head, "utf-8", complete, _MIXED), _MIXED
    try:
        text = _decode(head, "gb18030", complete)
        _decode(tail, "gb18030", True)
        # Latin-1 accents followed by letters also decode, as rare characters outside GB2312
        if _mostly_gb2312(text):
            return "gb18030", text, "strict"
    except UnicodeDecodeError:
        pass
    if re.search(b"[\x80-\x9f]", head) or re.search(b"[\x80-\x9f]", tail):
        try:
            text = _decode(head, "cp1252", True)
            _decode(tail, "cp1252", True)
            return "cp1252", text, "strict"
        except UnicodeDecodeError:
            pass
    return "latin-1", head.decode("latin-1"), "strict"


def _legacy_note(encoding: str) -> str:
    label = "Latin-1" if encoding == "latin-1" else "Windows-1252 (Western European)"
    return (
        f"decoded as {label}: the file is not valid UTF-8; "
        "if accented letters look wrong, re-save it as UTF-8"
    )


def _decode(data: bytes, encoding: str, final: bool, errors: str = "strict") -> str:
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final)


def _utf8_or_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 are read as Windows-1252 (Latin-1 where it has no character)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    try:
        return chunk.decode("cp1252"), exc.end
    except UnicodeDecodeError:
        return chunk.decode("latin-1"), exc.end


codecs.register_error(_MIXED, _utf8_or_cp1252)


def _mostly_gb2312(text: str) -> bool:
    wide = "".join(islice((m.group() for m in re.finditer(r"[^\x00-\x7f]+", text)), 5000))
    unmapped = wide.encode("gb2312", errors="replace").count(b"?")
    return unmapped * 2 <= len(wide)


def _pick_delimiter(text: str, forced: str | None) -> tuple[str, list[list[str]]]:
    """The delimiter that splits the sample into the most consistent number of fields
    (quote-aware via the csv module), preferring one the header agrees with."""
    best: tuple[Any, ...] | None = None
    chosen = ","
    chosen_records: list[list[str]] = []
    for order, delimiter in enumerate(_DELIMITERS if forced is None else (forced,)):
        records = _records(text, delimiter)
        if not records:
            continue
        width = _common_width(records[1:] or records)
        data = records[1:] or records
        consistency = sum(len(r) == width for r in data) / len(data)
        header_fits = 2 if len(records[0]) == width else int(len(records[0]) == width - 1)
        key = (width > 1, header_fits, round(consistency, 2), width, -order)
        if best is None or key > best:
            best, chosen, chosen_records = key, delimiter, records
    return chosen, chosen_records


def _records(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            if record and any(field.strip() for field in record):
                records.append(record)
                if len(records) >= _SNIFF_RECORDS:
                    break
    except csv.Error:
        pass  # keep what parsed; pandas will judge the rest
    return records


def _common_width(records: list[list[str]]) -> int:
    return Counter(len(r) for r in records).most_common(1)[0][0] if records else 0


def _pick_decimal(records: list[list[str]], delimiter: str) -> tuple[str, str | None]:
    if delimiter == ",":
        return ".", None
    fields = [f.strip() for r in records[1:] for f in r]
    commas = sum(1 for f in fields if _COMMA_DECIMAL.fullmatch(f))
    dots = sum(1 for f in fields if _DOT_DECIMAL.fullmatch(f))
    if commas == 0 or commas <= dots:
        return ".", None
    thousands = "." if any(_DOT_THOUSANDS.fullmatch(f) for f in fields) else None
    return ",", thousands


def _looks_like_data(header: list[str]) -> bool:
    """A first line of numbers is data, unless it could be names such as years: all
    distinct integers stay a header."""
    if not header or not all(_NUMBER.fullmatch(f) for f in header):
        return False
    return len(set(header)) < len(header) or not all(f.lstrip("+-").isdigit() for f in header)


def _is_text(field: str) -> bool:
    field = field.strip()
    return not (
        field in _MARKER_SET
        or _NUMBER.fullmatch(field)
        or field.lower().lstrip("+-") in ("inf", "infinity")
    )


def _unique_names(names: list[str], has_header: bool, notes: list[str]) -> list[str]:
    result: list[str] = []
    seen: set[str] = set()
    renamed: list[str] = []
    for position, raw in enumerate(names):
        name = raw
        if not name:
            name = "Unnamed: 0" if position == 0 and has_header else f"column_{position + 1}"
        if name in seen:
            suffix = 1
            while f"{name}.{suffix}" in seen:
                suffix += 1
            renamed.append(f"'{name}' → '{name}.{suffix}'")
            name = f"{name}.{suffix}"
        seen.add(name)
        result.append(name)
    if renamed:
        notes.append("duplicate column names were made unique: " + ", ".join(renamed))
    return result


# --------------------------------------------------------------------------- parsing


class _Progress:
    """Forwards only increasing fractions, throttled to whole per cent."""

    def __init__(self, callback: Callable[[float], None] | None) -> None:
        self._callback = callback
        self._last = -1.0

    def __call__(self, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if self._callback and (fraction >= self._last + 0.01 or fraction == 1.0 > self._last):
            self._last = fraction
            self._callback(fraction)


class _Cancelled(Exception):
    pass


class _CountingReader(io.RawIOBase):
    """Counts bytes as pandas pulls them, for the progress bar and the cancel button."""

    def __init__(self, raw: Any, size: int, report: _Progress, stop: Callable[[], bool]) -> None:
        super().__init__()
        self._raw, self._size, self._report, self._stop = raw, max(size, 1), report, stop
        self.cancelled = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._stop():
            self.cancelled = True
            raise _Cancelled
        n = self._raw.readinto(buffer)
        self._report(_READ_SHARE * self._raw.tell() / self._size)
        return n


def _parse(
    raw: Any,
    path: str,
    size: int,
    sniff: _Sniff,
    report: _Progress,
    stop: Callable[[], bool],
    notes: list[str],
) -> pd.DataFrame:
    name = os.path.basename(path) or path
    if sniff.pandas_encoding == "utf-8" and sniff.errors == "strict" and size >= _THREADED_BYTES:
        # Given a path (not a file object) pandas >= 3.1 parses UTF-8 on several threads;
        # it cannot report bytes, so the bar follows an estimate and a cancelled read is
        # left to finish in the background. Ragged files fall through to the counting read.
        try:
            work = partial(_read_csv, path, sniff, "utf-8", "strict", "error")
            return _while_waiting(work, size, report, stop)[0]
        except TableError:
            raise
        except Exception as exc:
            if not _is_retryable(exc):
                raise _failure(exc, name) from None
            undecodable = isinstance(exc, UnicodeDecodeError)
    else:
        undecodable = False
    attempts = [] if undecodable else [(sniff.pandas_encoding, sniff.errors)]
    if sniff.pandas_encoding == "utf-8" and sniff.ascii_sample:
        # ASCII head and tail, accents in the middle: most likely a Western Windows export
        attempts += [("cp1252", "strict"), ("latin-1", "strict")]
    attempts.append((sniff.pandas_encoding, "replace"))
    for encoding, errors in attempts:
        raw.seek(sniff.skip_bytes)
        source = _CountingReader(raw, size, report, stop)
        handle = io.BufferedReader(source, 1 << 20)
        try:
            frame, skipped = _read_csv(handle, sniff, encoding, errors, "warn")
            break
        except Exception as exc:
            if source.cancelled:  # the C parser may wrap our _Cancelled in its own error
                raise TableError("loading was cancelled") from None
            if not isinstance(exc, UnicodeDecodeError):
                raise _failure(exc, name) from None
    else:  # pragma: no cover - "replace" cannot fail to decode
        raise TableError(f"could not decode '{name}' as text")
    if encoding != sniff.pandas_encoding:
        sniff.encoding = encoding
        notes.append(_legacy_note(encoding))
    elif errors == "replace":
        notes.append(
            f"some bytes are not valid {sniff.encoding} and were replaced by '\ufffd'; "
            "re-save the file as UTF-8 to keep those characters"
        )
    if skipped:
        total = len(frame) + len(skipped)
        if len(skipped) * 2 > total:
            raise TableError(
                f"could not read '{name}' as a table: {len(skipped)} of {total} rows have more "
                "fields than the header; check the delimiter and that there is one header line"
            )
        notes.append(
            f"{len(skipped)} rows had more fields than the header and were skipped "
            f"(the first on line {skipped[0]})"
        )
    return frame


def _read_csv(
    source: Any, sniff: _Sniff, encoding: str, errors: str, bad_lines: str
) -> tuple[pd.DataFrame, list[int]]:
    # skipped-line reports arrive as ParserWarnings; this also keeps pandas' DtypeWarnings
    # off the console (catch_warnings is process-wide, but only for the parse itself)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = pd.read_csv(
            source,
            engine="c",
            sep=sniff.delimiter,
            decimal=sniff.decimal,
            thousands=sniff.thousands,
            header=0 if sniff.has_header else None,
            names=sniff.names,
            index_col=False,
            # pandas then builds codes and levels in C instead of a Python str per cell
            dtype=dict.fromkeys(sniff.text, "category"),
            skiprows=sniff.skip_rows,
            na_values=_MARKERS,
            keep_default_na=True,
            on_bad_lines=bad_lines,
            encoding=encoding,
            encoding_errors=errors,
        )
    skipped = [
        int(line)
        for warning in caught
        if issubclass(warning.category, pd.errors.ParserWarning)
        for line in _SKIPPED.findall(str(warning.message))
    ]
    return frame, skipped


def _while_waiting(
    work: Callable[[], Any], size: int, report: _Progress, stop: Callable[[], bool]
) -> Any:
    """Run work on a helper thread; this thread keeps answering progress and cancel."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="read_table", daemon=True).start()
    start, expected = time.monotonic(), max(size / _ASSUMED_BYTES_PER_SECOND, 0.1)
    while not done.wait(0.05):
        if stop():
            raise TableError("loading was cancelled")
        report(_READ_SHARE * (1 - exp(-(time.monotonic() - start) / expected)))
    if "error" in box:
        raise box["error"]
    return box["result"]


def _is_retryable(exc: BaseException) -> bool:
    """Errors the counting read can do better on: ragged rows it counts and skips, bytes
    it decodes another way."""
    return isinstance(exc, UnicodeDecodeError) or bool(
        isinstance(exc, pd.errors.ParserError) and _RAGGED.search(str(exc))
    )


def _failure(exc: BaseException, name: str) -> TableError:
    if isinstance(exc, MemoryError):
        return TableError(f"the file '{name}' is too large to load into memory")
    if isinstance(exc, pd.errors.EmptyDataError):
        return TableError(f"the file '{name}' is empty")
    if isinstance(exc, OSError) and exc.strerror:
        return TableError(f"could not read '{name}': {exc.strerror}")
    message = str(exc)
    unclosed = re.search(r"EOF inside string starting at row (\d+)", message)
    if unclosed:
        return TableError(
            f"could not read '{name}' as a table: a quote (\") opened in data row "
            f"{unclosed.group(1)} is never closed"
        )
    detail = " ".join(message.split("C error: ")[-1].split()).rstrip(".") or type(exc).__name__
    return TableError(f"could not read '{name}' as a table: {detail}")


# --------------------------------------------------------------------------- analysis


def _analyse(
    frame: pd.DataFrame,
    sniff: _Sniff,
    report: _Progress,
    stop: Callable[[], bool],
    notes: list[str],
) -> tuple[list[ColumnInfo], pd.DataFrame]:
    if len(frame) and frame.iloc[-1].isna().all():  # Excel leaves rows of bare delimiters
        blank = frame.isna().all(axis=1).to_numpy()
        frame = frame.loc[~blank].reset_index(drop=True)
        notes.append(f"{int(blank.sum())} empty rows were skipped")
    if len(frame) == 0:
        raise TableError("the file has a header but no data rows")
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
            report(_READ_SHARE + (1 - _READ_SHARE) * (position + 1) / n_columns)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    unnamed = [columns[i].name for i in sniff.unnamed if columns[i].kind != "empty"]
    if unnamed:
        notes.append("columns without a name in the header were called " + ", ".join(unnamed))
    return columns, frame


def _column(
    series: pd.Series, name: str, index: bool, sniff: _Sniff
) -> tuple[np.ndarray | None, ColumnInfo, str | None]:
    """New values for the frame (None: keep the parsed float64), the column's info and
    perhaps a warning."""
    dtype = series.dtype
    if pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
        values = np.asarray(series, dtype=np.float64)
        if pd.api.types.is_bool_dtype(dtype):
            return values, _boolean_info(name, values, ("False", "True"), index), None
        if pd.api.types.is_integer_dtype(dtype):
            return values, _numeric_info(name, values, index, np.asarray(series)), None
        infinite = np.isinf(values)
        if infinite.any():
            values = np.where(infinite, np.nan, values)
            note = (
                f"column '{name}': {int(infinite.sum())} infinite values (inf, or numbers "
                "beyond ±1.8e308) were treated as missing"
            )
            return values, _numeric_info(name, values, index), note
        return None, _numeric_info(name, values, index), None  # already float64
    codes, uniques = _codes(series)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    numbers = _as_numbers(uniques, counts, sniff)
    if numbers is not None:
        junk = np.isnan(numbers)
        note = None
        if junk.any():
            shown = ", ".join(f"'{u}'" for u in uniques[junk][:3])
            note = (
                f"column '{name}': {int(counts[junk].sum())} non-numeric values ({shown}) "
                "were treated as missing"
            )
        values = np.append(numbers, np.nan)[codes]  # code -1 picks the trailing NaN
        return values, _numeric_info(name, values, index), note
    if 2 <= len(uniques) <= 8 and frozenset(u.lower() for u in uniques) in _BOOL_PAIRS:
        truth = np.isin(np.array([u.lower() for u in uniques]), _TRUE)
        values = np.append(truth.astype(np.float64), np.nan)[codes]
        # the most common spelling of each side names it ("yes" over "Yes")
        labels = (
            str(uniques[~truth][np.argmax(counts[~truth])]),
            str(uniques[truth][np.argmax(counts[truth])]),
        )
        return values, _boolean_info(name, values, labels, index), None
    text = np.append(uniques, np.nan)[codes]
    return text, _text_info(name, uniques, counts, len(series), index), None


def _codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values as stripped strings: pandas' low-memory chunks can mix
    floats, bools and strings in one column, and "yes " should equal "yes"."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str).str.strip()
    text = text.where(~text.isin(_MARKER_SET))
    if text.is_unique and not text.isna().any():
        return codes, text.to_numpy(dtype=object)
    remap, merged = pd.factorize(text, use_na_sentinel=True)
    codes = np.where(codes >= 0, np.append(remap, -1)[codes], -1)
    return codes, np.asarray(merged, dtype=object)


def _as_numbers(uniques: np.ndarray, counts: np.ndarray, sniff: _Sniff) -> np.ndarray | None:
    """Numbers for the distinct values when the column is numeric apart from a few junk
    entries (≤ 5 distinct, ≤ 5% of cells); None when it is text."""
    if len(uniques) == 0:
        return None
    probe = pd.Series(uniques[:1000], dtype=object)
    if pd.to_numeric(_with_point(probe, sniff), errors="coerce").notna().mean() < 0.5:
        return None  # cheap exit for text with many levels
    numbers = pd.to_numeric(_with_point(pd.Series(uniques, dtype=object), sniff), errors="coerce")
    numbers = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
    numbers = np.where(np.isinf(numbers), np.nan, numbers)
    junk = np.isnan(numbers)
    doubtful = junk & ~np.isin(uniques, _EXCEL_ERRORS)
    if junk.all() or doubtful.sum() > _MAX_JUNK_LEVELS or counts[doubtful].sum() * 20 > counts.sum():
        return None
    return numbers


def _with_point(values: pd.Series, sniff: _Sniff) -> pd.Series:
    if sniff.decimal == ".":
        # "1,234,567" quoted in a comma-separated file: commas grouping digits by three
        grouped = values.str.fullmatch(_COMMA_THOUSANDS.pattern).fillna(False).astype(bool)
        return values.where(~grouped, values.str.replace(",", "", regex=False))
    if sniff.thousands:  # only where the digits are grouped by three: 01.02.2020 is a date
        grouped = values.str.fullmatch(_DOT_THOUSANDS.pattern).fillna(False).astype(bool)
        values = values.where(~grouped, values.str.replace(".", "", regex=False))
    return values.str.replace(",", ".", regex=False)


_INDEX_REASON = "unnamed first column (an index written by R or pandas)"


def _numeric_info(
    name: str, values: np.ndarray, index: bool, ints: np.ndarray | None = None
) -> ColumnInfo:
    missing_mask = np.isnan(values)
    missing = int(missing_mask.sum())
    present = values[~missing_mask] if missing else values
    if len(present) == 0:
        return ColumnInfo(name, "empty", missing, 0, "all values missing", "all missing")
    low, high = float(present.min()), float(present.max())
    n_unique, whole = _distinct(present, low, high, ints)
    span = f"{_fmt(low)}–{_fmt(high)}"
    if index:
        return ColumnInfo(name, "id", missing, n_unique, _INDEX_REASON, span)
    if n_unique == 1:
        return ColumnInfo(
            name,
            "constant",
            missing,
            1,
            f"constant (every value is {_fmt(low)})",
            f"every value is {_fmt(low)}",
        )
    if whole and missing == 0 and n_unique == len(values) == high - low + 1 >= _ID_MIN_ROWS:
        reason = f"consecutive whole numbers {span}, one per row (looks like a row ID)"
        return ColumnInfo(name, "id", 0, n_unique, reason, span)
    with np.errstate(over="ignore"):  # the mean of values near 1e308 is inf, and says so
        summary = f"mean {_fmt(float(present.mean()))}, range {span}"
    return ColumnInfo(name, "numeric", missing, n_unique, None, summary)


def _distinct(
    present: np.ndarray, low: float, high: float, ints: np.ndarray | None = None
) -> tuple[int, bool]:
    """Exact count of distinct values, and whether all are whole numbers (which the caller
    needs only when all are distinct). Values written with up to 4 decimals (nearly every
    CSV) are counted by marking their scaled integers in a bitmap, 3-4x faster than
    hashing or sorting floats."""
    if ints is not None and high - low < _BITMAP_SLOTS:
        seen = np.zeros(int(high - low) + 1, dtype=bool)
        seen[ints - int(low)] = True
        return int(np.count_nonzero(seen)), True
    sample = present[:1000]
    for digits in range(5):
        scale = 10.0**digits
        if (high - low) * scale >= _BITMAP_SLOTS or max(-low, high) * scale >= 1e8:
            break  # beyond 1e8 a float's rounding error nears the tolerance below
        scaled_sample = sample * scale
        if np.abs(scaled_sample - np.rint(scaled_sample)).max() >= 1e-6:
            continue
        scaled = present * scale
        whole = np.rint(scaled)
        np.subtract(scaled, whole, out=scaled)
        np.abs(scaled, out=scaled)
        if scaled.max() >= 1e-6:
            break
        base = np.rint(low * scale)
        seen = np.zeros(int(np.rint(high * scale) - base) + 1, dtype=bool)
        seen[(whole - base).astype(np.intp)] = True
        return int(np.count_nonzero(seen)), digits == 0
    n_unique = _count_distinct_floats(present)
    # only a column of distinct values can be a row ID, so only then is "whole" needed
    return n_unique, n_unique == len(present) and bool(np.all(present == np.round(present)))


def _count_distinct_floats(values: np.ndarray) -> int:
    """Exact count of distinct values (no NaN among them), 3-5x faster than a sort or
    pandas' hash table on a million continuous values. Each round hashes the bit patterns
    into a table where every slot keeps one value; a value that lost its slot differs from
    the one kept there, so from every kept value, and only those go on to the next round.
    A small remainder is sorted."""
    table = np.empty(_HASH_SLOTS, dtype=np.uint64)  # memory is only touched when used
    keys = values
    n_unique = 0
    for mix in _HASH_MIXERS:
        if keys.size <= _HASH_MIN_VALUES:
            break
        table.fill(_HASH_EMPTY)
        for block, slots in _hashed_blocks(keys, mix):
            table[slots] = block
        n_unique += table.size - int(np.count_nonzero(table == _HASH_EMPTY))
        keys = np.concatenate([
            np.compress(table.take(slots, mode="clip") != block, block)
            for block, slots in _hashed_blocks(keys, mix)
        ])
    ordered = np.sort(keys)  # floats while no round ran: -0.0 == 0.0 there too
    return n_unique + int(ordered.size > 0) + int(np.count_nonzero(ordered[1:] != ordered[:-1]))


def _hashed_blocks(
    keys: np.ndarray, mix: np.uint64
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Bit patterns and table slots, a cache-sized block at a time (whole-column
    temporaries would cost more in fresh memory than the hashing itself). The buffers are
    reused: each block must be consumed before the next is asked for."""
    size = min(keys.size, _HASH_BLOCK)
    bits = np.empty(size, dtype=np.uint64)
    slots = np.empty(size, dtype=np.uint64)
    for start in range(0, keys.size, _HASH_BLOCK):
        chunk = keys[start : start + _HASH_BLOCK]
        n = chunk.size
        if chunk.dtype == np.float64:  # + 0.0 gives -0.0 the bits of 0.0
            block = np.add(chunk, 0.0, out=bits[:n].view(np.float64)).view(np.uint64)
        else:
            block = chunk
        np.multiply(block, mix, out=slots[:n])
        np.right_shift(slots[:n], _HASH_SHIFT, out=slots[:n])
        yield block, slots[:n].view(np.intp)  # below 2**20 after the shift


def _boolean_info(
    name: str, values: np.ndarray, labels: tuple[str, str], index: bool
) -> ColumnInfo:
    missing_mask = np.isnan(values)
    present = values[~missing_mask]
    if index or len(present) == 0 or present.min() == present.max():
        return _numeric_info(name, values, index)
    summary = f"{round(100 * float(present.mean()))}% {labels[1]}"
    return ColumnInfo(name, "boolean", int(missing_mask.sum()), 2, None, summary, labels)


def _text_info(
    name: str, uniques: np.ndarray, counts: np.ndarray, n_rows: int, index: bool
) -> ColumnInfo:
    n_unique = len(uniques)
    present = int(counts.sum())
    missing = n_rows - present
    if n_unique == 0:
        return ColumnInfo(name, "empty", missing, 0, "all values missing", "all missing")
    top = uniques[np.argsort(-counts, kind="stable")[:3]]
    levels = ", ".join(_short(u) for u in top) + (", …" if n_unique > 3 else "")
    summary = f"{n_unique} levels: {levels}"
    if index:
        return ColumnInfo(name, "id", missing, n_unique, _INDEX_REASON, summary)
    if n_unique == 1:
        return ColumnInfo(
            name,
            "constant",
            missing,
            1,
            f"constant (every value is {_short(uniques[0])})",
            f"every value is {_short(uniques[0])}",
        )
    if n_unique == present >= _ID_MIN_ROWS:
        return ColumnInfo(
            name,
            "id",
            missing,
            n_unique,
            "unique per row (looks like an ID)",
            f"{n_unique} distinct values, e.g. {levels}",
        )
    if n_unique * 2 > n_rows and n_unique > 50:
        reason = f"free text: {n_unique} distinct values in {n_rows} rows"
        return ColumnInfo(name, "categorical", missing, n_unique, reason, summary)
    return ColumnInfo(name, "categorical", missing, n_unique, None, summary)


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
