"""A CSV larger than the memory it may use opens streamed in the window: the preview shows
its first rows and a line saying so, and a run trains, reports live, saves and predicts as
any other (a small memory cap setting forces streaming on a small file)."""

import pandas as pd
from PySide6.QtWidgets import QFileDialog

from attn_gui.core import memory
from attn_gui.core.project import load_model
from attn_gui.ui.app import settings
from tests.conftest import REAL

from .helpers import TIMEOUT, wait_for


def test_a_csv_larger_than_memory_opens_streamed(qtbot, window, tmp_path, monkeypatch):
    panel = window.data_panel
    big = tmp_path / "export.csv"
    big.write_text("x,y\n" + "".join(f"{i % 7 * 0.5},{'ab'[i % 2]}\n" for i in range(50_000)))
    monkeypatch.setattr(memory, "available_memory", lambda: 120_000)
    with qtbot.waitSignal(panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(big)
    table = panel.table()
    assert table.stream is not None and len(table.frame) == 20_000
    assert "'export.csv' (300 KB) is streamed, read in parts" in panel.warnings_label.text()
    window.workflow.discard_changes()


def test_a_streamed_run_trains_reports_saves_and_predicts(qtbot, window, tmp_path,
                                                          monkeypatch):
    settings.write("memory_cap", 1000)
    try:
        panel = window.data_panel
        with qtbot.waitSignal(panel.tableLoaded, timeout=TIMEOUT):
            window.open_path(REAL / "chile.csv")
        assert panel.table().stream is not None
        assert "is streamed" in panel.warnings_label.text()
        window.monitor.field("epochs").setValue(3)
        epochs = []
        window.monitor.runner.epoch.connect(epochs.append)
        with qtbot.waitSignal(window.monitor.runFinished, timeout=60_000):
            window.start_training()
        wait_for(qtbot, lambda: window.actions["start"].isEnabled())
        assert [e.epoch for e in epochs] == [1, 2, 3]
        assert sum(epochs[-1].attention.values()) > 0.99
        run = window.runs_view.current_run()
        assert run is not None and run.model is not None

        model = tmp_path / "m.atmodel"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(model), ""))
        window.actions["save_model"].trigger()
        assert load_model(model).preprocessor.features == run.model.preprocessor.features
        out = tmp_path / "scored.csv"
        with qtbot.waitSignal(window.workflow._task.loaded, timeout=TIMEOUT):
            window.workflow.predict_file(run, REAL / "chile.csv", out)
        assert "Wrote 2700 rows" in window.statusBar().currentMessage()
        assert len(pd.read_csv(out)) == 2700
    finally:
        settings.write("memory_cap", 0)
    window.workflow.discard_changes()
