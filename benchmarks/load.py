"""Load: the app's reader vs plain `pandas.read_csv` (C engine) on a 1M-row export.

Each read runs in its own process, alternating app and pandas, so the peak RSS is the
read's own and both see the same machine load. Memory is compared as the growth of the
resident set during the read (the peak minus the RSS after imports); the totals are shown.
"""

from __future__ import annotations

import os

from benchmarks.data import NUMERIC, ROWS, in_subprocess, wide_csv

REPEATS = 3
MiB = 2**20


def main() -> list[str]:
    path = wide_csv()
    runs: dict[str, list[dict]] = {"app": [], "pandas": []}
    for _ in range(REPEATS):
        for reader in runs:
            runs[reader].append(in_subprocess(f"load-{reader}", path))
    best = {reader: min(r["seconds"] for r in rs) for reader, rs in runs.items()}
    growth = {reader: min(r["peak"] - r["base"] for r in rs) for reader, rs in runs.items()}
    peak = {reader: min(r["peak"] for r in rs) for reader, rs in runs.items()}
    time_ratio = best["app"] / best["pandas"]
    memory_ratio = growth["app"] / growth["pandas"]
    return [
        "## Load",
        "",
        f"{ROWS:,} rows × {NUMERIC} numeric + 2 text columns, "
        f"{os.path.getsize(path) / 1e6:.0f} MB of CSV; best of {REPEATS}, each read in its "
        "own process.",
        "",
        "| reader | seconds | RSS growth while reading | peak RSS |",
        "|---|---|---|---|",
        *(f"| {label} | {best[r]:.2f} | {growth[r] / MiB:,.0f} MiB | {peak[r] / MiB:,.0f} MiB |"
          for r, label in (("pandas", "pandas.read_csv (C engine)"),
                           ("app", "attn_gui read_table (detection included)"))),
        "",
        f"Time vs pandas: **{time_ratio:.2f}×** (goal ≤ 1.2×); "
        f"memory vs pandas: **{memory_ratio:.2f}×** (goal ≤ 1.5×).",
    ]
