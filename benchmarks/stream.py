"""Files larger than memory (issue 18): a generated CSV of `--size` trained with
`--memory 1GB` (streamed), against the in-memory run of a file that fits.

Figures: the streamed run's peak RSS (the child's ru_maxrss), its throughput (training
rows × epochs per second of the whole command, reading included) as a ratio to the
in-memory run's, the metrics of the small file streamed vs in memory (same seed), and
pandas' C reader in chunks vs pyarrow's streaming CSV reader (when pyarrow is importable;
it is not a dependency of the app).

`python -m benchmarks.stream --size 5GB` runs it alone (the `stream` section of
`python -m benchmarks` uses ATTN_STREAM_SIZE, default 1GB); the big file is written to the
benchmark cache and deleted afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.data import CACHE, NUMERIC, REGIONS, wide_csv

ROOT = Path(__file__).resolve().parents[1]
EPOCHS = 3
SMALL_ROWS = int(os.environ.get("ATTN_STREAM_SMALL_ROWS", 1_000_000))
BLOCK_ROWS = 250_000
# Generating rows runs at a few MB/s: beyond this many bytes the file repeats its rows, which
# the figures measured on it (memory and speed) do not depend on.
UNIQUE_BYTES = 1 << 30
MiB = 2**20


def big_csv(size: int) -> Path:
    """Rows as `wide_csv` makes them, written a block at a time until the file holds `size`
    bytes (the first `UNIQUE_BYTES` of them, then repeated), so writing it needs little
    memory."""
    import pandas as pd

    path = CACHE / f"stream_{size}.csv"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    rng = np.random.default_rng(0)
    with open(part, "w", encoding="utf-8", newline="") as handle:
        first = True
        while handle.tell() < min(size, UNIQUE_BYTES):
            X = rng.normal(size=(BLOCK_ROWS, NUMERIC))
            frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(NUMERIC)])
            frame.loc[rng.random(BLOCK_ROWS) < 0.01, "x3"] = np.nan
            frame["region"] = np.asarray(REGIONS, dtype=object)[
                rng.integers(0, len(REGIONS), BLOCK_ROWS)]
            score = X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=BLOCK_ROWS)
            frame["label"] = np.where(score > 0, "yes_buyer", "no_buyer")
            frame.to_csv(handle, index=False, header=first, float_format="%.6g")
            first = False
    _repeat_rows(part, size)
    os.replace(part, path)
    return path


def _repeat_rows(path: Path, size: int) -> None:
    """Append the file's rows (not its header) to itself until it holds about `size` bytes,
    whole rows only."""
    with open(path, "rb") as source:
        header = len(source.readline())
    with open(path, "r+b") as handle, open(path, "rb") as source:
        unique = handle.seek(0, os.SEEK_END)
        while handle.tell() < size:
            source.seek(header)
            while handle.tell() < size and source.tell() < unique:
                piece = source.read(min(64 << 20, size - handle.tell(), unique - source.tell()))
                cut = piece.rfind(b"\n") + 1
                if cut == 0:
                    return  # less than a row left to reach `size`
                handle.write(piece[:cut])
                source.seek(source.tell() - len(piece) + cut)


def train(path: Path, *flags: str) -> dict:
    """`main.py train` in a child: its JSON, wall seconds and peak RSS (bytes)."""
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "out = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "wall = time.perf_counter() - t\n"
               "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
               "print(json.dumps({'code': out.returncode, 'out': out.stdout, "
               "'err': out.stderr[-2000:], 'wall': wall, 'peak': peak}))\n")
    argv = [sys.executable, str(ROOT / "main.py"), "train", str(path), "--epochs", str(EPOCHS),
            "--seed", "0", "--json", *flags]
    done = json.loads(subprocess.run([sys.executable, "-c", wrapper, *argv], cwd=ROOT,
                                     capture_output=True, text=True, check=True).stdout)
    if done["code"] != 0:
        raise SystemExit(f"error: training {path.name} failed: {done['err']}")
    result = json.loads(done["out"])
    result.update(wall=done["wall"], peak=done["peak"], note=done["err"].strip())
    return result


def readers(path: Path, limit: int = 1 << 30) -> dict[str, float]:
    """MB/s of reading the first `limit` bytes' worth of rows: pandas' C engine in chunks,
    and pyarrow's streaming reader when it is installed."""
    import pandas as pd

    rows = None
    t = time.perf_counter()
    seen = 0
    for chunk in pd.read_csv(path, engine="c", chunksize=65_536):
        seen += len(chunk)
        if seen * 200 >= limit:
            rows = seen
            break
    size = min(limit, path.stat().st_size)
    speeds = {"pandas C reader, chunks of 65,536 rows": size / MiB / (time.perf_counter() - t)}
    try:
        from pyarrow import csv as arrow_csv
    except ImportError:
        return speeds
    t = time.perf_counter()
    seen = 0
    with arrow_csv.open_csv(path) as reader:
        for batch in reader:
            seen += batch.num_rows
            if rows is not None and seen >= rows:
                break
    speeds["pyarrow open_csv (streaming)"] = size / MiB / (time.perf_counter() - t)
    return speeds


def _size(text: str) -> int:
    from attn_gui.core.memory import parse_size

    return parse_size(text)


def run(size: int, keep: bool = False) -> list[str]:
    from attn_gui.core.memory import format_bytes

    small = wide_csv(SMALL_ROWS)
    big = big_csv(size)
    try:
        streamed = train(big, "--memory", "1GB")
        if not streamed["streamed"]:
            raise SystemExit(f"error: {format_bytes(size)} fits in 1 GB read whole; give a "
                             "larger --size")
        memory = train(small)
        small_streamed = train(small, "--stream")
        speeds = readers(big)
    finally:
        if not keep:
            big.unlink(missing_ok=True)

    def rate(r: dict) -> float:
        return r["n_train"] * r["epochs"] / r["wall"]

    ratio = rate(streamed) / rate(memory)
    keys = ("loss", "accuracy", "f1", "roc_auc")
    diff = {k: small_streamed["metrics"]["valid"][k] - memory["metrics"]["valid"][k]
            for k in keys}
    lines = [
        "## Files larger than memory (issue 18)", "",
        f"A generated CSV of {format_bytes(size)} ({streamed['n_train'] + streamed['n_valid']:,} "
        f"rows with a target, 20 numbers and 2 text columns a row) trained with `--memory 1GB` "
        f"({EPOCHS} epochs, seed 0); the CLI chose streaming by itself and said: "
        f"`{streamed['note'].splitlines()[0]}`", "",
        "| figure | value |", "|---|---|",
        f"| peak RSS of the streamed run | {streamed['peak'] / MiB:,.0f} MiB (goal ≤ 1,024 MiB) |",
        f"| streamed: wall seconds (statistics pass + {EPOCHS} epochs) | {streamed['wall']:,.1f} |",
        f"| streamed: training rows × epochs per second | {rate(streamed):,.0f} |",
        f"| in memory, {SMALL_ROWS:,}-row file ({format_bytes(small.stat().st_size)}): rows × epochs per second | {rate(memory):,.0f} |",
        f"| in memory: peak RSS | {memory['peak'] / MiB:,.0f} MiB |",
        f"| throughput ratio streamed / in memory | **{ratio:.2f}×** (goal ≥ 0.5×) |",
    ]
    lines += [f"| {k}: small file streamed − in memory | {v:+.4f} (goal within ±0.005) |"
              for k, v in diff.items()]
    lines += [f"| reading speed, {name} | {speed:,.0f} MiB/s |" for name, speed in speeds.items()]
    if len(speeds) == 1:
        lines.append("| pyarrow streaming CSV reader | not measured: pyarrow is not installed "
                     "(it is not a dependency of the app) |")
    lines += ["", f"Streamed split: by row hash ({streamed['n_valid']:,} validation rows), the "
              "in-memory run's split is stratified: the small file's difference includes "
              "the different validation rows, the shuffle buffer and the validation sample."]
    return lines


def main() -> list[str]:
    return run(_size(os.environ.get("ATTN_STREAM_SIZE", "1GB")))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=_size, default=_size("1GB"))
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    options = parser.parse_args()
    print("\n".join(run(options.size, options.keep)))
