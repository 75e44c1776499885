"""The real main window, driven as a user would: open, choose, train, pause, stop, close."""

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from attn_gui.resources import DEMO_CSV
from attn_gui.ui.app.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def open_demo(qtbot, window, path=DEMO_CSV):
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20000):
        window.open_path(str(path))


def test_open_change_role_formula_and_train_to_the_end(qtbot, window):
    assert not window.actions["start"].isEnabled()  # nothing loaded yet
    open_demo(qtbot, window)
    assert window.actions["start"].isEnabled()
    assert "demo.csv" in window.windowTitle()
    window.data_panel.set_role("region", "ignore")
    editor = window.weighting_editor
    editor.field("weighting").setCurrentIndex(editor.field("weighting").findData("custom"))
    editor.field("formula").setText("x + 1")
    assert not editor.is_valid() and "unknown name 'x'" in editor.formula_status.text()
    editor.field("formula").setText("exp(z) * 0.95**i")
    assert editor.is_valid()
    config = window.current_config()
    assert "region" not in config.features and config.formula == "exp(z) * 0.95**i"
    window.monitor.field("epochs").setValue(25)
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60000) as blocker:
        window.actions["start"].trigger()
        assert window.actions["stop"].isEnabled() and not window.actions["start"].isEnabled()
    final = blocker.args[0]["report"]
    assert final.final and set(final.attention) == set(config.features)
    qtbot.waitUntil(lambda: window.actions["start"].isEnabled(), timeout=5000)
    assert window.monitor.plot_updates > 0


def test_pause_resume_stop(qtbot, window):
    open_demo(qtbot, window)
    monitor = window.monitor
    monitor.field("epochs").setValue(2000)
    monitor.field("patience").setValue(0)
    monitor.field("batch_size").setValue(8)
    window.start_training()
    qtbot.waitUntil(lambda: monitor.epochs_done >= 2, timeout=30000)
    window.actions["pause"].trigger()
    qtbot.wait(300)  # the batch that was running finishes
    held = monitor.epochs_done
    qtbot.wait(400)
    assert monitor.epochs_done == held
    window.actions["pause"].trigger()  # resume
    qtbot.waitUntil(lambda: monitor.epochs_done > held, timeout=30000)
    with qtbot.waitSignal(monitor.runFinished, timeout=30000) as blocker:
        window.actions["stop"].trigger()
    assert blocker.args[0]["report"].stop_reason == "stopped"
    qtbot.waitUntil(lambda: window.actions["start"].isEnabled(), timeout=5000)


def test_close_while_training_joins_the_thread(qtbot):
    window = MainWindow()
    window.show()
    open_demo(qtbot, window)
    window.monitor.field("epochs").setValue(5000)
    window.monitor.field("patience").setValue(0)
    window.start_training()
    qtbot.waitUntil(lambda: window.monitor.epochs_done >= 1, timeout=30000)
    thread = window.monitor.runner.worker_thread
    window.close()
    assert not window.monitor.is_running
    assert thread is None or thread.isFinished()


def test_bad_file_keeps_the_loaded_table(qtbot, window, tmp_path):
    open_demo(qtbot, window)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    with qtbot.waitSignal(window.data_panel.loadFailed, timeout=20000) as blocker:
        window.open_path(str(bad))
    assert "binary" in blocker.args[0]
    assert window.data_panel.table().path.endswith("demo.csv")
    assert window.actions["start"].isEnabled()


def test_drop_a_file_on_the_window(qtbot, window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DEMO_CSV))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20000):
        window.dropEvent(event)


def test_recent_files_survive_a_new_window(qtbot, window):
    open_demo(qtbot, window)
    second = MainWindow()
    qtbot.addWidget(second)
    assert any("demo.csv" in a.text() for a in second.recent_menu.actions())


def test_self_test_passes_offscreen(tmp_path):
    shot = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test", "--epochs", "40",
                           "--screenshot", str(shot)], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    line = json.loads(proc.stdout.strip().splitlines()[-1])
    assert proc.returncode == 0 and line["ok"], proc.stdout + proc.stderr
    assert line["epochs"] == 40 and line["plot_updates"] > 0 and line["f1"] > 0.8
    # The stall is reported, never asserted: a busy machine stretches it (benchmarks/).
    assert isinstance(line["max_ui_stall_ms"], float)
    assert line["max_ui_stall_in"] in ("loading", "training", "end of run")
    assert shot.stat().st_size > 10000


def test_bad_training_setting_is_shown_not_raised(qtbot, window):
    open_demo(qtbot, window)
    window.monitor.field("hidden").setText("abc")
    window.actions["start"].trigger()
    assert not window.monitor.is_running
    assert "hidden" in window.monitor.progress.status_label.text().lower()
    assert window.data_panel.table() is not None  # nothing of the user's work is lost
