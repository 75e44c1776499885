"""Start-up builds only what the first frame shows; the rest appears when it is needed."""

import gc
import os
import subprocess
import sys
import threading
import weakref

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from .helpers import wait_for, write_csv

UNUSED_AT_START = ("attn_gui.ui.panels.runs_view", "attn_gui.ui.panels.explain_view",
                   "attn_gui.ui.panels.evaluation_view", "attn_gui.ui.plots.plot_export",
                   "attn_gui.core.project", "attn_gui.core.predict", "attn_gui.core.report")


def test_the_window_module_leaves_pages_and_file_commands_unimported():
    code = ("import sys, attn_gui.ui.app.main_window\n"
            f"print([m for m in {UNUSED_AT_START!r} if m in sys.modules])")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYQTGRAPH_QT_LIB="PySide6")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "[]"


def test_an_empty_window_says_what_to_do_and_builds_plots_once_data_is_loaded(
        window, qtbot, tmp_path):
    monitor = window.monitor
    assert not monitor.page_built
    guide = monitor.tabs.widget(0).findChild(QLabel)
    assert guide.isVisible() and "Ctrl+O" in guide.text() and "Start" in guide.text()
    assert [monitor.tabs.tabText(i) for i in range(3)] == ["Training", "Runs", "Explain rows"]
    assert window.pages.built("runs") is None and window.pages.built("explain") is None

    panel, built_with_effect = window.data_panel, []
    panel.tableLoaded.connect(lambda _table: built_with_effect.append(
        (monitor.page_built, panel.effect_label.text())))
    window.open_path(write_csv(tmp_path / "three.csv"))
    wait_for(qtbot, lambda: monitor.page_built)
    # built after the effect line is shown: its fit on a worker thread would slow the paints
    assert built_with_effect == [(False, "")] and panel.effect_label.text()
    assert not guide.isVisible()
    assert monitor.loss_plot.isVisible() and monitor.confusion_plot.isVisible()
    assert monitor.loss_plot.plotItem.titleLabel.text == "Loss"
    qtbot.wait(300)
    # The Runs page waits for its tab: built now, it would be redrawn after every run unseen.
    assert window.pages.built("runs") is None
    assert monitor.tabs.currentIndex() == 0


def test_a_page_is_built_when_its_tab_is_opened_and_keeps_its_place(window):
    tabs = window.monitor.tabs
    tabs.setCurrentIndex(1)
    runs = window.pages.built("runs")
    assert runs is not None and tabs.currentWidget() is runs is window.runs_view
    assert tabs.tabText(1) == "Runs" and tabs.count() == 4
    assert window.pages.built("explain") is None
    explain = window.explain_view  # asked for in code: built, not shown
    assert tabs.indexOf(explain) == 2 and tabs.currentIndex() == 1
    assert window.pages.built("evaluate") is None


def test_garbage_is_collected_in_the_gui_thread_only(window, qtbot):
    assert not gc.isenabled()  # no collection can start in a worker thread
    collected_in = []

    class Cycle(QObject):
        pass

    cycle = Cycle()
    cycle.me = cycle  # only the cyclic collector can free it
    # A weakref callback runs in the thread that frees the object: no Qt signal involved.
    ref = weakref.ref(cycle, lambda _ref: collected_in.append(threading.current_thread()))
    del cycle
    kept = []

    def collected() -> bool:
        kept.append([[] for _ in range(100)])  # keeps generation 0 over its threshold
        return bool(collected_in)

    wait_for(qtbot, collected)
    assert ref() is None and collected_in == [threading.main_thread()]


def test_tables_and_runs_are_freed_without_the_cyclic_collector(tmp_path):
    """The GUI-thread collector freezes what survives a full collection (gui_gc.py): that
    is safe for the large objects only if reference counting alone frees them."""
    from attn_gui.core.config import TrainConfig
    from attn_gui.core.io import read_table
    from attn_gui.core.project import run_from_training
    from attn_gui.core.repeats import run_group, summarise

    assert not gc.isenabled()
    table = read_table(write_csv(tmp_path / "three.csv"))
    runs = [item.run for item in run_group(table, TrainConfig(target="label", epochs=2,
                                                              repeats=2).validate())
            if item.run is not None]
    trainer = runs[0].trainer
    run = run_from_training("r", trainer.config, trainer, runs[0].final, data_path=None,
                            summary=summarise(runs), finals=[r.final for r in runs])
    refs = [weakref.ref(obj) for obj in (table, table.frame, trainer, trainer.data,
                                         trainer.data.X_train, run)]
    del table, runs, trainer, run
    assert [ref() for ref in refs] == [None] * len(refs)


def test_a_full_collection_freezes_its_survivors(window):
    from attn_gui.ui.jobs import gui_gc

    gc.unfreeze()
    survivor = [[] for _ in range(10)]
    gui_gc._collector._threshold = (-1, -1, -1)  # every generation over its threshold
    try:
        gui_gc._collector.check()
    finally:
        gui_gc._collector._threshold = gc.get_threshold()
    assert gc.get_freeze_count() > 0 and survivor
    assert not gc.get_objects(2)  # the next full collection walks nothing of the past


def test_a_read_file_settles_what_its_reading_imported(window, qtbot, tmp_path):
    loaded = []
    window.data_panel.tableLoaded.connect(loaded.append)
    window.open_path(write_csv(tmp_path / "three.csv"))
    wait_for(qtbot, lambda: loaded)
    wait_for(qtbot, lambda: "three.csv" in window.recent_menu.actions()[0].text())
    assert gc.get_freeze_count() > 0 and len(gc.get_objects(2)) < 1000
