"""Python's cyclic garbage collector runs in the GUI thread only, on a timer.

Run in a worker thread, a collection can destroy a window's QObjects there: Qt then holds
its connection lock while PySide waits for the GIL, and the GUI thread holding the GIL
waits for that lock in its next connect(). The window froze that way in the test suite
(py-spy: a reader thread in gc_collect_main -> QObject::~QObject -> GilState::acquire).
pyqtgraph's GarbageCollector is the well-known remedy: automatic collection off,
generation by generation on a GUI-thread timer as the counts pass their thresholds.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
from pyqtgraph.util.garbage_collector import GarbageCollector  # noqa: E402  (binding pinned)

_collector: GarbageCollector | None = None


def collect_in_gui_thread() -> None:
    """Call from the GUI thread once a QApplication exists; later calls do nothing."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=1.0)
