"""What every stage of reading a table shares: its error, a column's record, the progress bar."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import UserError

READ_SHARE = 0.9  # of the progress bar; the rest is column analysis


class TableError(UserError):
    """A file that cannot be read as a table; the message is one sentence for the user."""


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    kind: str  # "numeric" | "boolean" | "categorical" | "date" | "id" | "constant" | "empty"
    missing: int
    n_unique: int
    excluded: str | None
    summary: str
    # boolean columns only: the words that became 0.0 and 1.0, e.g. ("no", "yes"), so a
    # class can still be called by the name the analyst knows
    labels: tuple[str, str] | None = None
    # date columns read from text: the order of their numbers (io.dates.ORDERS), which a
    # fitted model keeps to read a new file's dates the same way
    order: str | None = None


class Progress:
    """Forwards only increasing fractions, throttled to whole per cent."""

    def __init__(self, callback: Callable[[float], None] | None) -> None:
        self._callback = callback
        self._last = -1.0

    def __call__(self, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if self._callback and (fraction >= self._last + 0.01 or fraction == 1.0 > self._last):
            self._last = fraction
            self._callback(fraction)


@contextmanager
def file_errors(path: str) -> Iterator[None]:
    """The operating system's refusals to read `path`, each as one sentence."""
    try:
        yield
    except FileNotFoundError:
        raise TableError("no such file: '{path}'", path=path) from None
    except PermissionError:
        raise TableError("permission denied: cannot read '{path}'", path=path) from None
    except IsADirectoryError:
        raise TableError("'{path}' is a folder, not a file", path=path) from None
    except OSError as exc:
        raise TableError("could not read '{path}': {reason}",
                         path=path, reason=exc.strerror or exc) from None
