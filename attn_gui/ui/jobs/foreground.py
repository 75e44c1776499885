"""Background jobs give way to the GUI thread while it paints a plot or builds a page.

Python threads share one interpreter lock (GIL), handed over every few milliseconds: while
a job runs Python between its NumPy calls, a paint of a plot gets about half the
interpreter (a 15 ms paint took 45 ms, up to 200, beside a busy thread). The heartbeat of
`runner.Pacer` notices a busy GUI thread only once it is 20 ms late; around the work known
to be heavy (a pyqtgraph paint, a step of a page's construction) the GUI thread claims the
foreground instead, and a job at its next `pace()` (every mini-batch report) waits without
the lock until the claim ends, so it loses the GUI thread at most one step.

A claim is held for one piece of GUI work, never across a turn of the event loop, and a
waiting job looks again after `PATIENCE` seconds, so nothing can hold a run still.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["FOREGROUND", "Foreground"]

PATIENCE = 0.1  # seconds a worker waits for one claim at most


class Foreground:
    """Claims by the GUI thread (nested ones count as one); `give_way` for the jobs."""

    def __init__(self) -> None:
        self._free = threading.Event()
        self._free.set()
        self._depth = 0

    @contextmanager
    def claimed(self) -> Iterator[None]:
        self._depth += 1
        self._free.clear()
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._free.set()

    @property
    def busy(self) -> bool:
        return not self._free.is_set()

    def give_way(self) -> None:
        """Wait, without the interpreter lock, while the foreground holds a claim."""
        if not self._free.is_set():  # the common case returns without taking a lock
            self._free.wait(PATIENCE)


FOREGROUND = Foreground()
