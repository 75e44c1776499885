"""The app never goes online: conftest fails any socket connection in every test,
UI tests included, and the window never loads Qt's network module (whose connections
would bypass Python's socket)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from attn_gui.ui.app.demos import DEMOS


def test_socket_guard_is_active_in_ui_tests(qtbot):
    with pytest.raises(AssertionError, match="tried to reach the network"):
        socket.create_connection(("192.0.2.1", 9), timeout=1)


def test_window_demos_and_about_never_load_qt_network(tmp_path):
    code = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from attn_gui.ui.app.about import show_about
from attn_gui.ui.app.demos import DEMOS, open_demo
from attn_gui.ui.app.main_window import MainWindow
import time
from pathlib import Path
window = MainWindow()
loaded = []
for entry in DEMOS:
    open_demo(window, entry)
    deadline = time.monotonic() + 60
    while (window.session.table is None or Path(window.session.table.path).name != entry.file
           or window.data_panel.is_loading()) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    table = window.session.table
    loaded.append(f"{Path(table.path).name}:{table.n_rows}:{window.data_panel.target()}")
    window.workflow.discard_changes()  # else the next demo asks, in a modal dialog
show_about(window)
app.processEvents()
window.close()
print(";".join(loaded))
print(",".join(m for m in sys.modules if m.startswith(("PySide6.QtNetwork", "PySide6.QtWeb"))))
"""
    # A fresh interpreter, so no other test's imports count; its settings go to tmp_path.
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120, env=env)
    demos, network = result.stdout.splitlines()[-2:]
    # every demo opened for real, with the target its settings name
    assert [d.split(":")[0] for d in demos.split(";")] == [e.file for e in DEMOS]
    for shown, entry in zip(demos.split(";"), DEMOS, strict=True):
        name, rows, target = shown.split(":")
        assert int(rows) > 100 and target == entry.settings["target"]
    assert network == ""


def test_child_processes_are_offline_too():
    # The CLI and the self-test run in child processes; the guard reaches them as well.
    code = "import socket; socket.create_connection(('192.0.2.1', 9), timeout=1)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0 and "tried to reach the network" in result.stderr
