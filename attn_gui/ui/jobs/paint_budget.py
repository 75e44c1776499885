"""A share of the GUI thread's time for the live plots while a run trains.

pyqtgraph paints in Python, so every repaint holds the GIL that the training thread needs
for its small mini-batches: when epochs take a fraction of a second, redrawing four plots
after each one slowed training in the window to 0.6x the command line. The plots time
their own paint events; the monitor refreshes a plot only while painting has used less
than its share of the run's wall-clock time. Long epochs never hit the limit, short ones
see a plot updated every few epochs instead of every one, and the final state is always
drawn when the run ends.

The share is 5%: painting costs the training thread about twice its own time (each Qt call
inside a paint hands the GIL over and back), so at 1M rows and 8 epochs a share of 8% gave
0.81x the command line, 4% 0.87x and none 0.93x (benchmarks/window.py, runs alternated).
"""

from __future__ import annotations

import time

from PySide6.QtGui import QPaintEvent

__all__ = ["PaintBudget", "PaintClock", "TimedPaint"]


class PaintClock:
    """Seconds spent in the paint events of the widgets that report to it."""

    def __init__(self) -> None:
        self.seconds = 0.0


class TimedPaint:
    """Mixin for a widget whose paint events are added to `paint_clock`, if one is set."""

    paint_clock: PaintClock | None = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        if self.paint_clock is None:
            super().paintEvent(event)
            return
        start = time.perf_counter()
        super().paintEvent(event)
        self.paint_clock.seconds += time.perf_counter() - start


class PaintBudget:
    """Allows painting while it has used at most `share` of the time since `start()`.

    `burst` seconds are allowed on top, so the first epochs of a run draw at once.
    """

    def __init__(self, share: float = 0.05, burst: float = 0.05) -> None:
        self.clock = PaintClock()
        self.share = share
        self.burst = burst
        self._start = time.monotonic()

    def start(self) -> None:
        self.clock.seconds = 0.0
        self._start = time.monotonic()

    def allows(self) -> bool:
        elapsed = time.monotonic() - self._start
        return self.clock.seconds <= self.share * elapsed + self.burst
