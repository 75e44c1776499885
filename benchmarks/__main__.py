"""`python -m benchmarks [section ...]`: every figure as a ratio to a baseline from the same run.

With no section every one runs and the table goes to benchmarks/RESULTS.md as well; naming
sections (e.g. `python -m benchmarks window`) only prints them, so iterating is cheap and
RESULTS.md always comes from one complete run.
"""

import sys
from pathlib import Path

from benchmarks import (
    cluster,
    load,
    memory,
    selftest,
    stability,
    startup,
    stream,
    syn,
    throughput,
    window,
    workbook,
)
from benchmarks.data import machine

SECTIONS = {"load": load.main, "throughput": throughput.main, "window": window.main,
            "selftest": selftest.main, "stability": stability.main, "syn": syn.main,
            "startup": startup.main,
            "memory": memory.main, "workbook": workbook.main, "stream": stream.main,
            "cluster": cluster.main}

names = sys.argv[1:] or list(SECTIONS)
unknown = [name for name in names if name not in SECTIONS]
if unknown:
    sys.exit(f"error: unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}")
lines = ["# Benchmark results", "", f"Machine: {machine()}.",
         "Every figure is a ratio to a baseline measured in the same run of `python -m benchmarks`; "
         "timings are the best of several runs, on a machine other work may share."]
for name in names:
    lines += [""] + SECTIONS[name]()
text = "\n".join(lines) + "\n"
print(text)
if not sys.argv[1:]:
    Path(__file__).with_name("RESULTS.md").write_text(text, encoding="utf-8")
