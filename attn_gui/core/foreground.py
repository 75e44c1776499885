"""Background work gives way to the thread a user is watching.

Python threads share one interpreter lock (GIL), handed over every few milliseconds: while
a training thread runs Python between its NumPy calls, every paint of the window's plots
gets about half the interpreter, and a 15 ms paint took 45 ms, up to 200 (measured with a
busy thread beside a plot's repaint). The window's GUI thread therefore claims the
foreground around its heavy work (painting plots, building pages), and loops on other
threads call `give_way()` at each of their steps (a mini-batch): while a claim is held,
they wait without the lock, so the GUI thread runs at full speed and a worker loses at most
one step to it. With no claim (the command line) `give_way()` is one flag test.

A claim is held for one piece of GUI work, never across a turn of the event loop, and a
waiting worker looks again after `PATIENCE` seconds, so nothing can hold a run still.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["FOREGROUND", "Foreground"]

PATIENCE = 0.1  # seconds a worker waits for one claim at most


class Foreground:
    """Claims by one thread (nested claims count as one); `give_way` for the others."""

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
