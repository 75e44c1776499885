"""GUI-thread work split into steps, one per event-loop turn (`turns.py` grants them).

Building a page, showing a loaded table or the end of a run is a series of widget
updates that together hold the GUI thread for a few hundred milliseconds on a busy
machine. Queued as steps, each runs in its own turn of the event loop, so the paint it
causes, input and timers go in between and no turn holds the window long. What cannot be
split (a pyqtgraph plot's construction) is one step; pure computation belongs on a job
thread instead (`runner.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from .foreground import FOREGROUND
from .turns import ask_turn, withdraw_turn

__all__ = ["Steps"]

Step = Callable[[], object]


class Steps(QObject):
    """A queue of GUI-thread steps run one per event-loop turn, in order.

    `add` queues steps (a step may add more: they run after the ones already queued)
    and starts running them, unless made with `start=False`: then `start()` does;
    `finish` runs what is left now, for a caller that needs the result at once; `cancel`
    drops it. `done` is emitted when the queue runs empty.
    """

    done = Signal()

    def __init__(self, parent: QObject | None = None, start: bool = True) -> None:
        super().__init__(parent)
        self._queue: list[Step] = []
        self._autostart = start

    @property
    def pending(self) -> bool:
        return bool(self._queue)

    def add(self, *steps: Step) -> None:
        self._queue.extend(steps)
        if self._autostart:
            self.start()

    def start(self) -> None:
        if self._queue:
            ask_turn(self, self._run_one)

    def finish(self) -> None:
        """Run every queued step now (and those they add)."""
        withdraw_turn(self._run_one)
        if not self._queue:
            return
        while self._queue:
            self._run(self._queue.pop(0))
        self.done.emit()

    def cancel(self) -> None:
        withdraw_turn(self._run_one)
        self._queue.clear()

    @staticmethod
    def _run(step: Step) -> None:
        with FOREGROUND.claimed():  # background loops wait: the step has the interpreter
            step()

    def _run_one(self) -> None:
        """One step, in the turn granted (which holds the foreground claim)."""
        if not self._queue:
            return
        self._queue.pop(0)()
        if self._queue:
            ask_turn(self, self._run_one)
        else:
            self.done.emit()
