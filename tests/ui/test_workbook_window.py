"""Workbooks in the window: the open dialog's filter, drag and drop, recent files and the
sheet chooser, with real workbooks, widgets and reader."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

openpyxl = pytest.importorskip("openpyxl")

WORKBOOKS = Path(__file__).parent.parent / "data" / "workbooks"


@pytest.fixture
def two_sheets(tmp_path) -> Path:
    """A workbook with a Chinese data sheet, an empty sheet, and an English one."""
    book = openpyxl.Workbook()
    first = book.active
    first.title = "客户"
    first.append(["年龄", "收入", "流失"])
    rng = np.random.default_rng(0)
    for i in range(60):
        first.append([int(rng.integers(18, 80)), float(rng.normal(5000, 900)), ["是", "否"][i % 2]])
    book.create_sheet("空白")
    second = book.create_sheet("orders")
    second.append(["amount", "items", "returned"])
    for i in range(40):
        second.append([float(rng.integers(5, 500)), int(rng.integers(1, 9)), ["yes", "no"][i % 3 == 0]])
    path = tmp_path / "客户与订单.xlsx"
    book.save(path)
    return path


def load(qtbot, panel, path, sheet=None):
    with qtbot.waitSignal(panel.tableLoaded, timeout=20000) as blocker:
        panel.load(path, sheet)
    return blocker.args[0]


def test_the_sheet_chooser_lists_the_data_sheets_and_reads_another(qtbot, panel, two_sheets):
    table = load(qtbot, panel, two_sheets)
    row = panel.load_row
    combo = row.sheet_combo
    assert table.sheet == "客户" and combo.isVisible() and row.sheet_label.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == ["客户", "orders"]
    assert "sheet <b>客户</b>" in panel.info_label.text()
    assert [c.name for c in table.columns] == ["年龄", "收入", "流失"]
    assert panel.target() == "流失"
    with qtbot.waitSignal(panel.tableLoaded, timeout=20000) as blocker:
        combo.activated.emit(combo.findText("orders"))
    table = blocker.args[0]
    assert table.sheet == "orders" and combo.currentText() == "orders"
    assert [c.name for c in table.columns] == ["amount", "items", "returned"]
    assert "sheet <b>orders</b>" in panel.info_label.text()


def test_a_csv_or_a_one_sheet_workbook_hides_the_chooser(qtbot, panel, real_data):
    load(qtbot, panel, WORKBOOKS / "pima_tr2.ods")
    assert not panel.load_row.sheet_combo.isVisible()
    assert "sheet <b>pima_tr2</b>" in panel.info_label.text()
    load(qtbot, panel, real_data / "penguins.csv")
    assert not panel.load_row.sheet_combo.isVisible()
    assert "delimiter" in panel.info_label.text()


def test_open_dialog_offers_workbooks_and_opens_one(qtbot, window, monkeypatch):
    offered = []

    def choose(parent, caption, folder, filters):
        offered.append(filters)
        return str(WORKBOOKS / "seattle_weather.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20000) as blocker:
        window.actions["open"].trigger()
    assert all(f"*{s}" in offered[0] for s in (".xlsx", ".xlsm", ".xls", ".ods", ".csv"))
    table = blocker.args[0]
    assert table.info("date").kind == "date" and table.sheet == "seattle_weather"
    # the recent list is written a turn after the load
    qtbot.waitUntil(lambda: window.recent_menu.actions()
                    and window.recent_menu.actions()[0].text().endswith("seattle_weather.xlsx"))


def test_drop_a_workbook_on_the_window(qtbot, window, two_sheets):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(two_sheets))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20000) as blocker:
        window.dropEvent(event)
    assert blocker.args[0].sheet == "客户"
    assert window.data_panel.load_row.sheet_combo.count() == 2


def test_a_locked_workbook_is_one_sentence_in_the_window(qtbot, panel, tmp_path):
    pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = tmp_path / "locked.xlsx"
    with open(WORKBOOKS / "seattle_weather.xlsx", "rb") as plain, open(locked, "wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    with qtbot.waitSignal(panel.loadFailed, timeout=20000) as blocker:
        panel.load(locked)
    assert blocker.args[0] == ("the workbook 'locked.xlsx' is protected by a password; save a "
                               "copy without the password (or as CSV) and open that")


def _open_sheet(qtbot, window, path, sheet):
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20000):
        window.open_path(str(path))
    combo = window.data_panel.load_row.sheet_combo
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20000) as blocker:
        combo.activated.emit(combo.findText(sheet))
    return blocker.args[0]


def test_a_project_reopens_the_sheet_it_was_read_from(qtbot, window, two_sheets, tmp_path):
    from attn_gui.core.project import load_project
    from attn_gui.ui.app.main_window import MainWindow

    assert _open_sheet(qtbot, window, two_sheets, "orders").sheet == "orders"
    project = tmp_path / "orders.atproj"
    assert window.workflow._save_to(project)
    assert load_project(project).data_sheet == "orders"
    fresh = MainWindow()
    qtbot.addWidget(fresh)
    with qtbot.waitSignal(fresh.data_panel.tableLoaded, timeout=20000) as blocker:
        assert fresh.workflow.open_project_path(project)
    assert blocker.args[0].sheet == "orders"
    assert fresh.data_panel.load_row.sheet_combo.currentText() == "orders"
    assert [c.name for c in fresh.session.table.columns] == ["amount", "items", "returned"]
    fresh.close()


def test_predict_offers_workbooks_asks_for_the_sheet_and_says_which(qtbot, window, two_sheets,
                                                                   tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from attn_gui.core.io import read_table
    from attn_gui.core.predict import predict

    _open_sheet(qtbot, window, two_sheets, "orders")
    window.monitor.field("epochs").setValue(5)
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60000):
        window.start_training()
    offered, asked = [], []
    out = tmp_path / "scored.csv"

    def choose_file(parent, caption, folder, filters):
        offered.append(filters)
        return str(two_sheets), ""

    def choose_sheet(parent, title, label, items, current, editable):
        asked.append((label, list(items), current))
        return "orders", True

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QInputDialog, "getItem", choose_sheet)
    with qtbot.waitSignal(window.workflow._task.loaded, timeout=20000):
        window.actions["predict"].trigger()
    assert all(f"*{s}" in offered[0] for s in (".xlsx", ".xlsm", ".xls", ".ods", ".csv"))
    assert asked == [("客户与订单.xlsx has several sheets; score the rows of:",
                      ["客户", "orders"], 0)]
    text = window.workflow.message_box.text()
    assert text.startswith(f"Wrote the 40 rows of the sheet “orders” with predictions to {out}.")
    expected = predict(window.session.project.chosen_run.model,
                       read_table(two_sheets, sheet="orders")).frame
    assert pd.read_csv(out)["prediction"].tolist() == expected["prediction"].tolist()
    # cancelling the sheet's question scores nothing
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))
    out.unlink()
    window.actions["predict"].trigger()
    assert not out.exists()


def test_a_runs_command_names_its_sheet_and_another_sheet_starts_a_new_project(
        qtbot, window, two_sheets, capsys):
    import json
    import shlex

    from attn_gui.cli import main

    _open_sheet(qtbot, window, two_sheets, "orders")
    window.monitor.field("epochs").setValue(6)
    window.monitor.field("patience").setValue(0)
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60000):
        window.start_training()
    run = window.session.runs[0]
    assert run.data_sheet == "orders"
    argv = shlex.split(window.workflow.copy_command())
    assert "--sheet=orders" in argv
    assert main([*argv[argv.index("train"):], "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["reader"]["sheet"] == "orders"
    assert result["metrics"]["valid"] == pytest.approx(run.metrics["valid"], abs=1e-9)
    combo = window.data_panel.load_row.sheet_combo
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=20000):
        combo.activated.emit(combo.findText("客户"))
    assert window.session.runs == []  # the runs learned from another sheet
    assert window.session.project.data_sheet == "客户"
