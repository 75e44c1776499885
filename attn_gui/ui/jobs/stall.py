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
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._ticker.start()

    def stop(self) -> None:
        if self._ticker.isActive():
            self._ticker.stop()
            self._tick()

    def _tick(self) -> None:
        self.max_gap_ms = max(self.max_gap_ms, float(self._clock.restart()))
