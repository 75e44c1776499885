"""Fixtures shared by the window tests."""

import pytest

from attn_gui.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    """The real main window, shown; closed (and its threads joined) after the test."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
