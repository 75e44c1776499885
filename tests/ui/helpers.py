"""Shared pieces of the UI tests: a small three-class CSV, an event-loop wait, the demo
trained twice in the window."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from attn_gui.resources import DEMO_CSV

TIMEOUT = 20_000


def write_csv(path: Path, n: int = 300, scale: float = 1.0, seed: int = 0) -> Path:
    """Three classes that depend on a and b; c and d are noise."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    score = 2 * X[:, 0] - X[:, 1] + 0.3 * rng.normal(size=n)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    names = ("low", "mid", "high")
    rows = [",".join(f"{v * scale:.6g}" for v in x) + f",{names[k]}"
            for x, k in zip(X, y, strict=True)]
    path.write_text("a,b,c,d,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_wide_csv(path: Path, n: int = 20_000, m: int = 60, k: int = 10, seed: int = 0,
                   label: str = "class") -> Path:
    """`m` features, `k` classes named `label`_0 …: wide enough that a plot's refresh costs."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    score = X[:, :5] @ rng.normal(size=5) + 0.3 * rng.normal(size=n)
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, k + 1)[1:-1]))
    header = ",".join(f"f{i}" for i in range(m)) + ",label"
    rows = [",".join(f"{v:.4g}" for v in x) + f",{label}_{c}" for x, c in zip(X, y, strict=True)]
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def wait_for(qtbot, condition, timeout: int = TIMEOUT) -> None:
    """Like qtbot.waitUntil, but waiting in an event loop: waitUntil polls with QTest.qWait,
    which holds the GIL and so starves the worker thread it is waiting for."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout} ms"
        qtbot.wait(10)


def train_demo_twice(qtbot, window, epochs: int = 4) -> None:
    """The demo loaded and trained with per-row attention, then again without attention."""
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(DEMO_CSV))
    window.monitor.field("epochs").setValue(epochs)
    editor = window.weighting_editor
    editor.field("attention").setCurrentIndex(editor.field("attention").findData("row"))
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60_000):
        window.start_training()
    with qtbot.waitSignal(window.monitor.runFinished, timeout=60_000):
        window.runs_view.without_button.click()
    wait_for(qtbot, lambda: window.actions["start"].isEnabled())
