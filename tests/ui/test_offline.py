"""The app never goes online: conftest fails any socket connection in every test,
UI tests included, and the window never loads Qt's network module (whose connections
would bypass Python's socket)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest


def test_socket_guard_is_active_in_ui_tests(qtbot):
    with pytest.raises(AssertionError, match="tried to reach the network"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)


def test_window_demos_and_about_never_load_qt_network(tmp_path):
    code = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from attn_gui.ui.app.about import show_about
from attn_gui.ui.app.demos import DEMOS, open_demo
from attn_gui.ui.app.main_window import MainWindow
window = MainWindow()
for entry in DEMOS:
    open_demo(window, entry)
show_about(window)
app.processEvents()
window.workflow.discard_changes()  # else closing asks, in a modal dialog, about the demos
window.close()
print(",".join(m for m in sys.modules if m.startswith(("PySide6.QtNetwork", "PySide6.QtWeb"))))
"""
    # A fresh interpreter, so no other test's imports count; its settings go to tmp_path.
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120, env=env)
    assert result.stdout.strip() == ""
