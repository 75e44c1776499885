"""Generated benchmark files (cached between runs) and the machine's description."""

from __future__ import annotations

import contextlib
import os
import platform
import tempfile
from pathlib import Path

import numpy as np

CACHE = Path(tempfile.gettempdir()) / "attn_gui_benchmarks"
ROWS = 1_000_000
NUMERIC = 20
REGIONS = ("north", "south", "east", "west", "centre", "coast", "hills", "islands")


def wide_csv(rows: int = ROWS) -> Path:
    """`rows` × (20 numeric + 2 text) columns, as an analyst's export: six significant
    digits, 1% of one column missing, a text category and a text class label."""
    path = CACHE / f"wide_{rows}.csv"
    if path.exists():
        return path
    import pandas as pd

    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, NUMERIC))
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(NUMERIC)])
    frame.loc[rng.random(rows) < 0.01, "x3"] = np.nan
    frame["region"] = np.asarray(REGIONS, dtype=object)[rng.integers(0, len(REGIONS), rows)]
    score = X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=rows)
    frame["label"] = np.where(score > 0, "yes_buyer", "no_buyer")
    _write(frame, path)
    return path


def _write(frame, path: Path) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    frame.to_csv(part, index=False, float_format="%.6g")
    os.replace(part, path)


def machine() -> str:
    import numpy
    import pandas

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"{memory / 2**30:.0f} GiB RAM, Python {platform.python_version()}, "
            f"NumPy {numpy.__version__}, pandas {pandas.__version__}")


def in_subprocess(probe: str, *args) -> dict:
    """Run `benchmarks.probe` in a fresh interpreter and return its JSON line."""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "benchmarks.probe", probe, *map(str, args)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


@contextlib.contextmanager
def busy_core():
    """Another process keeping one core busy for the duration, as a browser does on an
    analyst's laptop: the window's goals hold under that load."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        child.kill()
        child.wait()
