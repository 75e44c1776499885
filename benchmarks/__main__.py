"""`python -m benchmarks`: every figure as a ratio to a baseline from the same run."""

from pathlib import Path

from benchmarks import throughput, window

lines = ["# Benchmark results", ""] + throughput.main() + [""] + window.main()
text = "\n".join(lines) + "\n"
print(text)
Path(__file__).with_name("RESULTS.md").write_text(text, encoding="utf-8")
