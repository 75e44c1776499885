"""An unexpected exception anywhere in the window: a dialog with the message and the log
file, the traceback in a rotating log, and an app that keeps working afterwards.

pytest-qt captures exceptions raised in Qt slots with its own sys.excepthook; these tests
switch that off (qt_no_exception_capture) because the crash reporter is the hook under test.
"""

import logging
import os
import subprocess
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from attn_gui.resources import DEMO_CSV
from attn_gui.ui.app import crash
from tests.ui.helpers import TIMEOUT, wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def reporter(window, tmp_path):
    installed = crash.install(window, tmp_path / "logs")
    yield installed
    crash.uninstall()


def crash_dialog() -> QMessageBox:
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_a_slot_raising_shows_a_dialog_logs_and_the_app_keeps_running(qtbot, window, reporter,
                                                                      tmp_path):
    button = QPushButton("bug", window)

    def buggy_slot():
        raise ZeroDivisionError("division by zero in a slot")

    button.clicked.connect(buggy_slot)
    with qtbot.waitSignal(reporter.shown, timeout=TIMEOUT) as blocker:
        button.click()
    assert "ZeroDivisionError: division by zero in a slot" in blocker.args[0]
    dialog = crash_dialog()
    assert dialog.text() == blocker.args[0]
    assert str(reporter.log_path) in dialog.informativeText()
    assert "buggy_slot" in dialog.detailedText()
    assert reporter.log_path == tmp_path / "logs" / crash.LOG_NAME
    log = reporter.log_path.read_text(encoding="utf-8")
    assert "unexpected error in the main thread" in log and "buggy_slot" in log
    assert "Traceback" in log
    dialog.accept()
    qtbot.waitUntil(lambda: reporter.dialog is None, timeout=TIMEOUT)
    # Still alive: a file opens and the window answers.
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(DEMO_CSV)
    assert window.actions["start"].isEnabled()


def test_an_exception_on_another_thread_is_shown_in_the_gui_thread(qtbot, reporter):
    def work():
        raise RuntimeError("worker bug")

    with qtbot.waitSignal(reporter.shown, timeout=TIMEOUT) as blocker:
        thread = threading.Thread(target=work, name="analysis")
        thread.start()
        thread.join()
    assert "RuntimeError: worker bug" in blocker.args[0]
    assert "thread 'analysis'" in reporter.log_path.read_text(encoding="utf-8")
    crash_dialog().accept()


def test_a_burst_of_errors_gives_one_dialog_that_counts_them(qtbot, window, reporter):
    def fail(n):
        raise ValueError(f"bug {n}")

    for n in range(3):
        QTimer.singleShot(0, lambda n=n: fail(n))
    wait_for(qtbot, lambda: reporter.dialog is not None
             and "Errors since then: 2" in reporter.dialog.informativeText())
    dialog = crash_dialog()
    assert "bug 0" in dialog.text()
    assert reporter.log_path.read_text(encoding="utf-8").count("unexpected error") == 3
    dialog.accept()


def test_the_log_is_a_rotating_file(reporter):
    handlers = [h for h in logging.getLogger("attn_gui.crash").handlers
                if isinstance(h, RotatingFileHandler)]
    assert [Path(h.baseFilename) for h in handlers] == [reporter.log_path]
    assert handlers[0].maxBytes > 0 and handlers[0].backupCount > 0


def test_uninstall_restores_the_hooks(window, tmp_path):
    before = (sys.excepthook, threading.excepthook)
    crash.install(window, tmp_path)
    assert sys.excepthook != before[0] and threading.excepthook != before[1]
    crash.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


CRASH_IN_THE_APP = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from attn_gui.ui.app import launch
from attn_gui.ui.app.main_window import MainWindow

def about(self):
    raise KeyError("a bug behind Help > About")

MainWindow.about = about

def press_about():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    window.actions["about"].trigger()
    QTimer.singleShot(500, read_dialog)

def read_dialog():
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, QMessageBox) and w.objectName() == "crashDialog")
    print("DIALOG", dialog.text(), "|", dialog.informativeText().splitlines()[-1], flush=True)
    dialog.accept()
    QApplication.instance().closeAllWindows()

app = QApplication([sys.argv[0]])  # launch.main uses it
QTimer.singleShot(300, press_about)
sys.exit(launch.main([]))
"""


def test_the_app_installs_the_reporter_and_survives_a_crash(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.run([sys.executable, "-c", CRASH_IN_THE_APP], capture_output=True,
                          text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if line.startswith("DIALOG"))
    assert "KeyError: 'a bug behind Help > About'" in line
    log = Path(line.split("|")[1].strip())
    assert log.is_relative_to(tmp_path / "data") and log.name == crash.LOG_NAME
    assert "a bug behind Help > About" in log.read_text(encoding="utf-8")
