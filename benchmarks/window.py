"""Training inside the window (live plots on) vs the CLI on the same data and settings.

Both time the training loop only (`seconds` in the CLI's JSON, the trainer's
`train_seconds_` in the window), so the ratio is the cost of the worker thread, the
throttled signals and the plots redrawing while it trains. The longest main-thread stall
is measured twice: while the file loads (including the panel's follow-up work) and while
it trains.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
ROWS, FEATURES, EPOCHS = 1_000_000, 20, 8


def make_csv(folder: Path) -> Path:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(ROWS, FEATURES))
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(FEATURES)])
    frame["label"] = np.where(X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=ROWS) > 0, "a", "b")
    path = folder / "window_bench.csv"
    frame.to_csv(path, index=False)
    return path


def cli_seconds(path: Path) -> float:
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "train", str(path), "--epochs",
                          str(EPOCHS), "--patience", "0", "--batch-size", "256", "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["seconds"]


def window_seconds(path: Path) -> tuple[float, float, float]:
    """Training seconds in the window, the longest main-thread stall while loading, while training."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from attn_gui.ui.main_window import MainWindow
    from attn_gui.ui.stall import StallMeter

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    loop = QEventLoop()
    window.data_panel.tableLoaded.connect(lambda _t: loop.quit())
    load_stall = StallMeter()
    load_stall.start()
    window.open_path(str(path))
    loop.exec()
    QTimer.singleShot(1500, loop.quit)  # let the panel's follow-up work settle, as a user would
    loop.exec()
    load_stall.stop()
    window.monitor.epochs_spin.setValue(EPOCHS)
    window.monitor.patience_spin.setValue(0)
    window.monitor.batch_spin.setValue(256)
    result = {}
    stall = StallMeter()
    window.monitor.runFinished.connect(lambda r: (result.update(r), loop.quit()))
    stall.start()
    window.start_training()
    loop.exec()
    stall.stop()
    window.close()
    app.processEvents()
    return result["trainer"].train_seconds_, load_stall.max_gap_ms, stall.max_gap_ms


def main() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = make_csv(Path(folder))
        cli = min(cli_seconds(path) for _ in range(2))
        runs = [window_seconds(path) for _ in range(2)]
    win = min(run[0] for run in runs)
    load_stall = max(run[1] for run in runs)
    stall = max(run[2] for run in runs)
    samples = ROWS * 0.8 * EPOCHS
    return [
        "## Window vs CLI",
        "",
        f"{ROWS:,} rows × {FEATURES} features, {EPOCHS} epochs, batch 256, default network; "
        "training time best of 2, stalls the worst of 2.",
        "",
        "| where | training seconds | samples/s |",
        "|---|---|---|",
        f"| CLI | {cli:.2f} | {samples / cli:,.0f} |",
        f"| window (live plots) | {win:.2f} | {samples / win:,.0f} |",
        "",
        f"Window throughput vs CLI: **{cli / win:.2f}×** (goal ≥ 0.8×); "
        f"longest main-thread stall while loading: {load_stall:.0f} ms, "
        f"while training: {stall:.0f} ms (goal < 100 ms each).",
    ]
