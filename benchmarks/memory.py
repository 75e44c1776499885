"""Memory: peak RSS loading and training the 1M-row file in the window, against a budget
of three float32 copies of the feature matrix plus the idle app's RSS."""

from __future__ import annotations

from benchmarks.data import ROWS, in_subprocess, wide_csv

EPOCHS = 2
MiB = 2**20


def main() -> list[str]:
    path = wide_csv()
    idle = min(in_subprocess("idle-app")["rss"] for _ in range(2))
    run = in_subprocess("train-window", path, EPOCHS)
    matrix = run["rows"] * run["inputs"] * 4
    budget = 3 * matrix + idle
    return [
        "## Memory",
        "",
        f"The Load section's file ({ROWS:,} rows), opened and trained for {EPOCHS} epochs in the "
        "window (default settings: every usable column a feature).",
        "",
        "| figure | MiB |",
        "|---|---|",
        f"| idle app (window shown, nothing loaded) | {idle / MiB:,.0f} |",
        f"| float32 feature matrix ({run['rows']:,} × {run['inputs']}) | {matrix / MiB:,.0f} |",
        f"| budget: 3 × matrix + idle app | {budget / MiB:,.0f} |",
        f"| peak RSS, load + train in the window | {run['peak'] / MiB:,.0f} |",
        "",
        f"Peak vs budget: **{run['peak'] / budget:.2f}×** (goal ≤ 1×).",
    ]
