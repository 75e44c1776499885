"""Workbooks: pandas.read_excel with the calamine engine (the app's) vs openpyxl, on a
generated 50,000-row .xlsx (10 numeric, 1 text and 1 date column). Best of 3 each.

`python -m benchmarks workbook`; needs openpyxl and xlsxwriter (to write the workbook),
which the app itself does not.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

ROWS = 50_000
REPEATS = 3


def workbook(folder: Path) -> Path:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(ROWS, 10)).round(4),
                         columns=[f"x{i}" for i in range(10)])
    frame["group"] = rng.choice(["north", "south", "east", "west"], ROWS)
    frame["day"] = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1500, ROWS), "D")
    path = folder / "bench.xlsx"
    frame.to_excel(path, index=False, engine="xlsxwriter")
    return path


def _best(engine: str, path: Path) -> float:
    import pandas as pd

    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        frame = pd.read_excel(path, engine=engine)
        times.append(time.perf_counter() - start)
        assert frame.shape == (ROWS, 12)
    return min(times)


def main() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder))
        size = os.path.getsize(path) / 1e6
        best = {engine: _best(engine, path) for engine in ("calamine", "openpyxl")}
    return [
        "## Workbooks",
        "",
        f"{ROWS:,} rows × 12 columns, {size:.1f} MB of .xlsx; pandas.read_excel, best of "
        f"{REPEATS}.",
        "",
        "| engine | seconds |",
        "|---|---|",
        *(f"| {engine} | {seconds:.2f} |" for engine, seconds in best.items()),
        "",
        f"calamine is **{best['openpyxl'] / best['calamine']:.1f}×** faster than openpyxl.",
    ]
