"""Python's cyclic garbage collector runs in the GUI thread only, on a timer, and never
walks the long-lived objects again.

Run in a worker thread, a collection can destroy a window's QObjects there: Qt then holds
its connection lock while PySide waits for the GIL, and the GUI thread holding the GIL
waits for that lock in its next connect(). The window froze that way in the test suite
(py-spy: a reader thread in gc_collect_main -> QObject::~QObject -> GilState::acquire).
pyqtgraph's GarbageCollector is the well-known remedy, followed here: automatic
collection off, generation by generation on a GUI-thread timer as the counts pass their
thresholds.

A full collection walks every object the app has: 60-75 ms for the ~70,000 of the
modules and the window at start, as much again for the modules a first read imports,
one long freeze of the window every few seconds of training. What survives a full
collection is long-lived, so it is frozen (`gc.freeze`): the next full collections walk
only what came after, a few ms. `settle()` does the same without the full collection
after a burst of long-lived objects (the window calls it when a file has been read). The core's tables, datasets and trained runs hold no
reference cycles (tests/ui/test_lazy_start.py checks it), so reference counting frees them
frozen or not; what could stay behind is a replaced plot item or two.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 1000

_collector: _Collector | None = None


class _Collector(QObject):
    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self._threshold = gc.get_threshold()
        gc.disable()
        gc.freeze()  # the modules imported so far: start-up's objects are long-lived
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(INTERVAL_MS)

    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] <= self._threshold[0]:
            return
        generation = 0
        if counts[1] > self._threshold[1]:
            generation = 2 if counts[2] > self._threshold[2] else 1
        gc.collect(generation)
        if generation == 2:
            gc.freeze()


def settle() -> None:
    """The objects alive now are long-lived (a file's first read imports its readers, some
    70,000 objects): freeze them, so no full collection walks them later. A list move, no
    collection: that would walk them once (30-40 ms). What the first read leaves as cyclic
    garbage (about 500 objects of its imports; later reads leave none) stays."""
    if _collector is not None:
        gc.freeze()


def collect_in_gui_thread() -> None:
    """Call from the GUI thread once a QApplication exists; later calls do nothing."""
    global _collector
    if _collector is None:
        _collector = _Collector()
