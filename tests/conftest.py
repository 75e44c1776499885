"""Shared test set-up: Qt offscreen with the PySide6 binding, settings in a temp folder."""

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"

import pytest  # noqa: E402

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture
def real_data() -> Path:
    return REAL
