"""Start-up: `main.py` to the window's first frame vs a bare PySide6 + pyqtgraph window.

The baseline is a script showing an empty QMainWindow holding one pyqtgraph PlotWidget:
the least any window of this stack costs. Both are timed from process launch to the
line their first paint prints, so interpreter start-up counts for both.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

REPEATS = 5


def first_frame(kind: str) -> float:
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, "-m", "benchmarks.probe", f"startup-{kind}"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:
        line = child.stdout.readline()
        seconds = time.perf_counter() - start
        child.wait(timeout=60)
    if not line:
        raise RuntimeError(f"the {kind} window never painted")
    json.loads(line)
    return seconds


def main() -> list[str]:
    times: dict[str, list[float]] = {"bare": [], "app": []}
    for _ in range(REPEATS):
        for kind in times:
            times[kind].append(first_frame(kind))
    bare, app = min(times["bare"]), min(times["app"])
    return [
        "## Start-up",
        "",
        f"Process launch to first painted frame (offscreen), best of {REPEATS}, alternating.",
        "",
        "| program | seconds |",
        "|---|---|",
        f"| bare QMainWindow + one pyqtgraph PlotWidget | {bare:.2f} |",
        f"| `main.py` (the app's window) | {app:.2f} |",
        "",
        f"App vs bare: **{app / bare:.2f}×** (goal ≤ 1.3×).",
    ]
