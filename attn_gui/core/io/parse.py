"""pandas' C engine parsing the whole file once, with a progress bar and a cancel button.

Large UTF-8 files go to pandas by path, which lets pandas >= 3.1 parse on several threads;
everything else is fed through a thin reader that counts bytes for the progress bar and
checks for cancellation. pandas' errors become one sentence for the user.
"""

from __future__ import annotations

import io
import os
import re
import threading
import time
import warnings
from collections.abc import Callable
from functools import partial
from math import exp
from typing import TYPE_CHECKING, Any

from ..errors import Phrase
from .common import READ_SHARE, Progress, TableError
from .encoding import legacy_note
from .sniff import MARKERS, Sniff

if TYPE_CHECKING:
    import pandas as pd
# pandas is imported inside the functions that use it: it is kept off the window's start-up path

_SKIPPED = re.compile(r"Skipping line (\d+)")
_RAGGED = re.compile(r"Expected \d+ fields in line \d+, saw \d+")
_THREADED_BYTES = 5 << 20  # pandas parses smaller files serially anyway: count bytes instead
_ASSUMED_BYTES_PER_SECOND = 250e6  # only shapes the estimated bar of a threaded read


class _Cancelled(Exception):
    pass


class _CountingReader(io.RawIOBase):
    """Counts bytes as pandas pulls them, for the progress bar and the cancel button."""

    def __init__(self, raw: Any, size: int, report: Progress, stop: Callable[[], bool]) -> None:
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
        self._report(READ_SHARE * self._raw.tell() / self._size)
        return n


def parse(
    raw: Any,
    path: str,
    size: int,
    sniff: Sniff,
    report: Progress,
    stop: Callable[[], bool],
    notes: list[str],
) -> pd.DataFrame:
    name = os.path.basename(path) or path
    undecodable = False
    if sniff.pandas_encoding == "utf-8" and sniff.errors == "strict" and size >= _THREADED_BYTES:
        # Given a path (not a file object) pandas >= 3.1 parses UTF-8 on several threads;
        # it cannot report bytes, so the bar follows an estimate and a cancelled read is
        # left to finish in the background. Ragged files fall through to the counting read.
        try:
            work = partial(_read_csv, path, sniff, "utf-8", "strict", "error")
            return while_waiting(work, size, report, stop)[0]
        except TableError:
            raise
        except Exception as exc:
            if not _is_retryable(exc):
                raise _failure(exc, name) from None
            undecodable = isinstance(exc, UnicodeDecodeError)
    frame, skipped, encoding, errors = _counting_read(
        raw, size, sniff, undecodable, report, stop, name)
    _note_decoding(sniff, encoding, errors, notes)
    _check_skipped(len(frame), skipped, name, notes)
    return frame


def _counting_read(
    raw: Any,
    size: int,
    sniff: Sniff,
    undecodable: bool,
    report: Progress,
    stop: Callable[[], bool],
    name: str,
) -> tuple[pd.DataFrame, list[int], str, str]:
    """The frame, the lines skipped, and the encoding and error policy that decoded it."""
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
            return frame, skipped, encoding, errors
        except Exception as exc:
            if source.cancelled:  # the C parser may wrap our _Cancelled in its own error
                raise TableError("loading was cancelled") from None
            if not isinstance(exc, UnicodeDecodeError):
                raise _failure(exc, name) from None
    raise TableError("could not decode '{name}' as text", name=name)  # pragma: no cover - "replace" cannot fail


def _note_decoding(sniff: Sniff, encoding: str, errors: str, notes: list[str]) -> None:
    if encoding != sniff.pandas_encoding:
        sniff.encoding = encoding
        notes.append(legacy_note(encoding))
    elif errors == "replace":
        notes.append(Phrase(
            "some bytes are not valid {encoding} and were replaced by '\ufffd'; "
            "re-save the file as UTF-8 to keep those characters", encoding=sniff.encoding))


def _check_skipped(n_rows: int, skipped: list[int], name: str, notes: list[str]) -> None:
    """Rows with more fields than the header: a few are skipped, a majority is an error."""
    if skipped:
        total = n_rows + len(skipped)
        if len(skipped) * 2 > total:
            raise TableError(
                "could not read '{name}' as a table: {skipped} of {total} rows have more "
                "fields than the header; check the delimiter and that there is one header line",
                name=name, skipped=len(skipped), total=total
            )
        notes.append(Phrase(
            "{skipped} rows had more fields than the header and were skipped "
            "(the first on line {line})", skipped=len(skipped), line=skipped[0]))


def _read_csv(
    source: Any, sniff: Sniff, encoding: str, errors: str, bad_lines: str
) -> tuple[pd.DataFrame, list[int]]:
    import pandas as pd

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
            na_values=MARKERS,
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


def while_waiting(
    work: Callable[[], Any], size: int, report: Progress, stop: Callable[[], bool]
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
        report(READ_SHARE * (1 - exp(-(time.monotonic() - start) / expected)))
    if "error" in box:
        raise box["error"]
    return box["result"]


def _is_retryable(exc: BaseException) -> bool:
    """Errors the counting read can do better on: ragged rows it counts and skips, bytes
    it decodes another way."""
    import pandas as pd

    return isinstance(exc, UnicodeDecodeError) or bool(
        isinstance(exc, pd.errors.ParserError) and _RAGGED.search(str(exc))
    )


def _failure(exc: BaseException, name: str) -> TableError:
    import pandas as pd

    if isinstance(exc, MemoryError):
        return TableError("the file '{name}' is too large to load into memory", name=name)
    if isinstance(exc, pd.errors.EmptyDataError):
        return TableError("the file '{name}' is empty", name=name)
    if isinstance(exc, OSError) and exc.strerror:
        return TableError("could not read '{name}': {reason}", name=name, reason=exc.strerror)
    message = str(exc)
    unclosed = re.search(r"EOF inside string starting at row (\d+)", message)
    if unclosed:
        return TableError(
            "could not read '{name}' as a table: a quote (\") opened in data row "
            "{row} is never closed", name=name, row=unclosed.group(1)
        )
    detail = " ".join(message.split("C error: ")[-1].split()).rstrip(".") or type(exc).__name__
    return TableError("could not read '{name}' as a table: {detail}", name=name, detail=detail)
