"""One measurement in a fresh process, so peak RSS and start-up time are its own.

`python -m benchmarks.probe KIND [PATH]` prints one JSON line. The parent (a section of
the suite) starts one process per measurement and compares figures from the same run.
"""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = time.perf_counter()


def current_rss() -> int:
    """Resident bytes now (Linux /proc; elsewhere the peak so far, an upper bound)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return peak_rss()


def peak_rss() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS bytes, Linux KiB


def load(reader: str, path: str) -> dict:
    import pandas as pd

    if reader == "app":
        from attn_gui.core.io import read_table
    base = current_rss()
    start = time.perf_counter()
    frame = read_table(path).frame if reader == "app" else pd.read_csv(path, engine="c")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "base": base, "peak": peak_rss(), "rows": len(frame)}


def _qt_env() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


def first_paint(kind: str) -> None:
    """Print the seconds from interpreter start to the end of the window's first frame,
    then quit. The first paint event starts that frame (Qt paints every widget of it in one
    pass); a zero-delay timer set then fires once the event loop is back, i.e. when the
    whole frame is painted. The parent times the whole process from launch to that line."""
    _qt_env()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    def frame_done() -> None:
        print(json.dumps({"painted": time.perf_counter() - STARTED}), flush=True)
        app.quit()

    class PaintWatch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and watched.isWidgetType():
                app.removeEventFilter(self)
                QTimer.singleShot(0, frame_done)
            return False

    app = QApplication([sys.argv[0]])
    watch = PaintWatch()
    app.installEventFilter(watch)
    if kind == "app":
        from attn_gui.app import main

        main([])
        return
    import pyqtgraph as pg
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    window.setCentralWidget(pg.PlotWidget())
    window.show()
    run_event_loop = app.exec
    run_event_loop()


def idle_app() -> dict:
    """RSS of the window shown with nothing loaded, after its start-up work settles."""
    _qt_env()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from attn_gui.ui.app.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    window = MainWindow()
    window.show()
    loop = QEventLoop()
    QTimer.singleShot(1000, loop.quit)
    loop.exec()
    rss = current_rss()
    window.close()
    app.processEvents()
    return {"rss": rss}


def train_in_window(path: str, epochs: int) -> dict:
    _qt_env()
    from benchmarks.window import run_in_window

    run = run_in_window(path, epochs)
    return {**run, "peak": peak_rss()}


if __name__ == "__main__":
    kind, args = sys.argv[1], sys.argv[2:]
    if kind in ("startup-app", "startup-bare"):
        first_paint(kind.split("-")[1])
        sys.exit(0)
    if kind in ("load-app", "load-pandas"):
        result = load(kind.split("-")[1], args[0])
    elif kind == "idle-app":
        result = idle_app()
    elif kind == "train-window":
        result = train_in_window(args[0], int(args[1]))
    else:
        sys.exit(f"error: unknown probe {kind!r}")
    print(json.dumps(result), flush=True)
