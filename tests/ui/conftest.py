"""Fixtures shared by the window tests."""

import subprocess
import sys
from pathlib import Path

import pytest

from attn_gui.ui.app import i18n
from attn_gui.ui.app.main_window import MainWindow
from attn_gui.ui.jobs.gui_gc import collect_in_gui_thread
from attn_gui.ui.panels.data_panel import DataPanel

TS_FILE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "attn_gui_zh_CN.ts"


@pytest.fixture(autouse=True, scope="session")
def _gc_in_gui_thread(qapp):
    """As in the app: widgets tested without a MainWindow are not collected in a worker."""
    collect_in_gui_thread()


@pytest.fixture
def window(qtbot):
    """The real main window, shown; closed (and its threads joined) after the test."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


@pytest.fixture
def panel(qtbot) -> DataPanel:
    """A data panel on its own, shown; its reader threads joined afterwards."""
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.resize(560, 860)
    widget.show()
    yield widget
    assert widget.shutdown()


@pytest.fixture
def zh_cn(qapp, tmp_path, monkeypatch):
    """The app's and Qt's translators for zh_CN, removed again afterwards.

    The translations are compiled from the .ts source into a temporary folder, so the tests
    check what is committed, whether or not `make translations` has run.
    """
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    qm = tmp_path / "attn_gui_zh_CN.qm"
    subprocess.run([str(lrelease), "-silent", str(TS_FILE), "-qm", str(qm)], check=True)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    installed = i18n.install_translators(qapp, "zh_CN")
    assert len(installed) == 2, "the app's or Qt's zh_CN catalogue did not load"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
