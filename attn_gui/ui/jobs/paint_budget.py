"""A share of the GUI thread's time for the live plots while a run trains.

pyqtgraph paints in Python, so every repaint holds the GIL that the training thread needs
for its small mini-batches: when epochs take a fraction of a second, redrawing four plots
after each one slowed training in the window to 0.6x the command line. The plots time
their own paint events; beyond what `RefreshGuarantee` must draw (every plot at least
every ~0.5 s), the monitor refreshes a plot only while painting has used less than its
share of the run's wall-clock time. Long epochs never hit the limit, short ones see a plot
updated every few epochs instead of every one, and the final state is always drawn when
the run ends.

The share is 5%: painting costs the training thread about twice its own time (each Qt call
inside a paint hands the GIL over and back), so at 1M rows and 8 epochs a share of 8% gave
0.81x the command line, 4% 0.87x and none 0.93x (benchmarks/window.py, runs alternated).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QPaintEvent

from .foreground import FOREGROUND

__all__ = ["ForegroundPaint", "PaintBudget", "PaintClock", "RefreshGuarantee", "TimedPaint"]


class PaintClock:
    """Seconds spent in the paint events of the widgets that report to it, passed on to
    `total` too (one plot's own clock feeds the budget's)."""

    def __init__(self, total: PaintClock | None = None) -> None:
        self.seconds = 0.0
        self.total = total

    def add(self, seconds: float) -> None:
        self.seconds += seconds
        if self.total is not None:
            self.total.add(seconds)


class ForegroundPaint:
    """Mixin for a widget painted in Python (pyqtgraph): background jobs wait while it
    paints (`foreground.py`), instead of taking half the interpreter from it."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        with FOREGROUND.claimed():
            super().paintEvent(event)


class TimedPaint:
    """Mixin for a widget whose paint events are added to `paint_clock`, if one is set."""

    paint_clock: PaintClock | None = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        if self.paint_clock is None:
            super().paintEvent(event)
            return
        start = time.perf_counter()
        super().paintEvent(event)
        self.paint_clock.add(time.perf_counter() - start)


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


class _Slot:
    """One plot under the guarantee: how to refresh it, what it costs, when it last was."""

    def __init__(self, name: str, refresh: Callable[[], bool], clock: PaintClock) -> None:
        self.name = name
        self.refresh = refresh
        self.clock = clock  # this plot's own paint time: its cost, to order the due ones
        self.last = 0.0
        self.count = 0
        self.refresh_seconds = 0.0

    @property
    def cost(self) -> float:
        """Seconds a refresh and its paint took, on average."""
        return (self.refresh_seconds + self.clock.seconds) / max(self.count, 1)

    def draw(self, now: float) -> bool:
        start = time.perf_counter()
        if not self.refresh():
            return False
        self.refresh_seconds += time.perf_counter() - start
        self.last = now
        self.count += 1
        return True


class RefreshGuarantee:
    """Every plot refreshed at least every `period` seconds while a run lasts.

    The budget alone let one costly plot (sixty attention curves) use up the share and
    leave the others empty for the whole run. Here a plot waiting most of `period` is
    drawn whatever the budget says; within the budget, the longest-waiting plot with new
    data is drawn sooner. One plot a tick: four plots drawn in one tick are painted in
    one turn of the event loop, a freeze four times as long.
    """

    SOON = 0.6  # share of the period after which a plot is drawn whatever the budget says

    def __init__(self, budget: PaintBudget, period: float = 0.45) -> None:
        self.budget = budget
        self.period = period
        self._slots: list[_Slot] = []

    def add(self, name: str, refresh: Callable[[], bool], clock: PaintClock) -> None:
        self._slots.append(_Slot(name, refresh, clock))

    def start(self) -> None:
        self.budget.start()
        now = time.monotonic()
        for slot in self._slots:
            slot.last, slot.count, slot.refresh_seconds = now, 0, 0.0
            slot.clock.seconds = 0.0

    @property
    def counts(self) -> dict[str, int]:
        """How often each plot was refreshed since `start()`."""
        return {slot.name: slot.count for slot in self._slots}

    def tick(self) -> bool:
        """Refresh at most one plot: the longest-waiting one that is due (among equals the
        cheapest), else, within the budget, the longest-waiting one with new data. True if
        a plot changed. A plot not drawn yet in this run is due as soon as it has data."""
        now = time.monotonic()
        waiting = sorted(self._slots, key=lambda s: (s.last, s.cost))
        for slot in waiting:
            due = slot.count == 0 or now - slot.last >= self.SOON * self.period
            if due and slot.draw(now):
                return True
        return self.budget.allows() and any(s.draw(now) for s in waiting)

    def flush_steps(self) -> list[Callable[[], bool]]:
        """Drawing every plot, one plot a step (the run is over, nothing competes)."""
        return [lambda slot=slot: slot.draw(time.monotonic()) for slot in self._slots]
