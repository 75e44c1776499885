"""Closing the window while a file is being read: the reader thread is joined, nothing it
reports afterwards reaches the closed window, and the process exits with code 0, even
when the read is stuck in the operating system (a stalled network drive)."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import attn_gui.ui.jobs.loader as loader
from attn_gui.resources import DEMO_CSV
from attn_gui.ui.app.main_window import MainWindow
from tests.ui.helpers import TIMEOUT, wait_for

ROOT = Path(__file__).resolve().parents[2]
real_read_table = loader.read_table


def test_close_mid_load_joins_the_reader(qtbot, monkeypatch):
    reached, released = threading.Event(), threading.Event()

    def long_read(path, progress, should_stop, sheet=None):
        """The real reader, held at its first progress report until it is cancelled, as a
        large file would be at the moment the user closes the window."""
        def held(fraction):
            if not reached.is_set():
                reached.set()
                deadline = time.monotonic() + TIMEOUT / 1000
                while not should_stop() and time.monotonic() < deadline:
                    time.sleep(0.005)
                released.set()
            progress(fraction)
        return real_read_table(path, progress=held, should_stop=should_stop)

    monkeypatch.setattr(loader, "read_table", long_read)
    window = MainWindow()
    window.show()
    reports = []
    window.data_panel.tableLoaded.connect(reports.append)
    window.data_panel.loadFailed.connect(reports.append)
    window.open_path(DEMO_CSV)
    wait_for(qtbot, reached.is_set)
    assert window.data_panel.is_loading()
    window.close()
    # The close cancelled the read: the reader sees it at its next poll (5 ms; on a busy
    # machine later), long before its own 20 s deadline would release it.
    assert released.wait(5)
    assert window.data_panel.shutdown(0)  # no reader thread left to join
    qtbot.wait(100)  # anything queued by the worker is delivered now, and dropped
    assert reports == [] and window.data_panel.table() is None


def test_close_while_the_read_is_stuck(qtbot, monkeypatch):
    stuck = threading.Event()

    def stuck_read(path, progress, should_stop, sheet=None):
        stuck.wait(TIMEOUT / 1000)  # never polls should_stop, like a blocked read()
        return real_read_table(path, progress=progress, should_stop=should_stop)

    monkeypatch.setattr(loader, "read_table", stuck_read)
    window = MainWindow()
    window.show()
    window.open_path(DEMO_CSV)
    assert window.data_panel.is_loading()
    window.close()
    try:
        assert window.data_panel.shutdown(0)  # the QThread is free although the read is not
    finally:
        stuck.set()


EXIT_WHILE_STUCK = f"""
import sys, threading
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import attn_gui.ui.jobs.loader as loader
real = loader.read_table
def stuck(path, progress, should_stop, sheet=None):
    threading.Event().wait(600)
    return real(path, progress=progress, should_stop=should_stop)
loader.read_table = stuck
app = QApplication([])
from attn_gui.ui.app.main_window import MainWindow
window = MainWindow()
window.show()
window.open_path({str(DEMO_CSV)!r})
QTimer.singleShot(200, window.close)
QTimer.singleShot(300, app.quit)
run_event_loop = app.exec
sys.exit(run_event_loop())
"""


def test_the_process_exits_cleanly_while_a_read_is_stuck(tmp_path):
    settings = tmp_path / "settings"
    proc = subprocess.run(
        [sys.executable, "-c", EXIT_WHILE_STUCK], capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
             "XDG_CONFIG_HOME": str(settings), "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert "Destroyed while" not in proc.stderr
