"""Training inside the window (live plots on) vs the CLI on the same data and settings.

Both time the training loop only (`seconds` in the CLI's JSON, the trainer's
`train_seconds_` in the window), so the ratio is the cost of the worker thread, the
throttled signals and the plots redrawing while it trains. The longest main-thread stall
is measured three times: while the file loads (including the panel's follow-up work),
while it trains (to the run's end, its final plots drawn), and for 1.5 s after the run
(the pages a finished run updates). Everything runs while another process keeps one core
busy, as on an analyst's laptop with a browser open.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.data import CACHE, busy_core, in_subprocess

ROOT = Path(__file__).resolve().parents[1]
ROWS, FEATURES, EPOCHS = 1_000_000, 20, 8


def make_csv() -> Path:
    """20 numeric features and a two-class text label (cached between runs)."""
    path = CACHE / f"window_{ROWS}.csv"
    if path.exists():
        return path
    rng = np.random.default_rng(1)
    X = rng.normal(size=(ROWS, FEATURES))
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(FEATURES)])
    frame["label"] = np.where(X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=ROWS) > 0, "a", "b")
    CACHE.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path.with_suffix(".part"), index=False)
    os.replace(path.with_suffix(".part"), path)
    return path


def cli_seconds(path: Path) -> float:
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "train", str(path), "--epochs",
                          str(EPOCHS), "--patience", "0", "--batch-size", "256", "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["seconds"]


def run_in_window(path: str | Path, epochs: int = EPOCHS) -> dict:
    """Load and train in the real window: training seconds, the longest main-thread stall
    while loading and while training, and the size of the feature matrix trained on."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from attn_gui.ui.app.main_window import MainWindow
    from attn_gui.ui.jobs.stall import StallMeter

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    loop = QEventLoop()
    # the first frame (timed by the start-up section) is not part of loading
    QTimer.singleShot(800, loop.quit)
    loop.exec()
    window.data_panel.tableLoaded.connect(lambda _t: loop.quit())
    load_stall = StallMeter()
    load_stall.start()
    window.open_path(str(path))
    loop.exec()
    QTimer.singleShot(1500, loop.quit)  # let the panel's follow-up work settle, as a user would
    loop.exec()
    load_stall.stop()
    window.monitor.field("epochs").setValue(epochs)
    window.monitor.field("patience").setValue(0)
    window.monitor.field("batch_size").setValue(256)
    result = {}
    stall = StallMeter()
    window.monitor.runFinished.connect(lambda r: (result.update(r), loop.quit()))
    stall.start()
    window.start_training()
    loop.exec()
    stall.stop()
    after = StallMeter()
    after.start()
    QTimer.singleShot(1500, loop.quit)
    loop.exec()
    after.stop()
    window.workflow.discard_changes()
    window.close()
    app.processEvents()
    data = result["trainer"].data
    return {"seconds": result["trainer"].train_seconds_, "load_stall_ms": load_stall.max_gap_ms,
            "train_stall_ms": stall.max_gap_ms, "end_stall_ms": after.max_gap_ms,
            "rows": len(data.X_train) + len(data.X_valid), "inputs": data.X_train.shape[1]}


def main() -> list[str]:
    path = make_csv()
    with busy_core():
        cli = min(cli_seconds(path) for _ in range(2))
        # each run in its own process, so the second does not inherit the first one's heap
        runs = [in_subprocess("train-window", path, EPOCHS) for _ in range(2)]
    win = min(run["seconds"] for run in runs)
    stalls = {key: max(run[f"{key}_stall_ms"] for run in runs) for key in ("load", "train", "end")}
    samples = ROWS * 0.8 * EPOCHS
    return [
        "## Window vs CLI",
        "",
        f"{ROWS:,} rows × {FEATURES} features, {EPOCHS} epochs, batch 256, default network, "
        "another process keeping one core busy; training time best of 2, stalls the worst of 2.",
        "",
        "| where | training seconds | samples/s |",
        "|---|---|---|",
        f"| CLI | {cli:.2f} | {samples / cli:,.0f} |",
        f"| window (live plots) | {win:.2f} | {samples / win:,.0f} |",
        "",
        f"Window throughput vs CLI: **{cli / win:.2f}×** (goal ≥ 0.95×); "
        f"longest main-thread stall while loading: {stalls['load']:.0f} ms, "
        f"while training to the end of the run: {stalls['train']:.0f} ms, "
        f"in the 1.5 s after it: {stalls['end']:.0f} ms (goal < 50 ms each).",
    ]
