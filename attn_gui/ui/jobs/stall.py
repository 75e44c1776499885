"""How long the main thread was frozen: the longest gap between ticks of a 10 ms timer.

A freeze that is still going on when the meter stops counts too: the time since the last
tick is a gap like any other (a freeze at the end of a run used to go unseen).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

TICK_MS = 10


class StallMeter(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.max_gap_ms = 0.0
        self.max_gap_end_ms = 0.0  # when the longest gap ended, from start(): where it was
        self._clock = QElapsedTimer()
        self._since_start = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._since_start.start()
        self._ticker.start()

    def stop(self) -> None:
        if self._ticker.isActive():
            self._ticker.stop()
            self._tick()

    @property
    def elapsed_s(self) -> float:
        """Seconds since start()."""
        return self._since_start.elapsed() / 1000

    def _tick(self) -> None:
        gap = float(self._clock.restart())
        if gap > self.max_gap_ms:
            self.max_gap_ms = gap
            self.max_gap_end_ms = float(self._since_start.elapsed())
