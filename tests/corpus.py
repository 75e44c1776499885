"""The corpus of broken and odd files in tests/data/bad and what each must give.

`EXPECTED.json` says per file whether the reader loads it (with exactly which warnings) or
refuses it (with exactly which sentence), and for loaded files whether `train` succeeds or
is refused. The two big files (a 2 MB cell, 1,500 columns) are written by `generate` at
test time instead of being committed: they would be most of the repository's test data.

    python -m tests.corpus OUTDIR    # writes the generated files to OUTDIR
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

BAD = Path(__file__).parent / "data" / "bad"
MANIFEST = BAD / "EXPECTED.json"


def _wide(path: Path) -> None:
    rng = random.Random(1500)
    names = [f"c{k:04d}" for k in range(1, 1500)] + ["label"]
    rows = [",".join(names)]
    for _ in range(60):
        values = [f"{rng.gauss(0, 1):.2f}" for _ in range(1499)]
        rows.append(",".join([*values, "yes" if float(values[0]) > 0 else "no"]))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _huge_cell(path: Path) -> None:
    rng = random.Random(2)
    # commas, quotes and newlines inside, so the parser must track the quoting all the way
    words = ["lorem", "ipsum", "dolor,", 'say ""hi""', "sit\namet"]
    parts: list[str] = []
    size = 0
    while size < 2 << 20:
        parts.append(rng.choice(words))
        size += len(parts[-1]) + 1
    cell = " ".join(parts)
    rows = ["note,x1,label"]
    for k in range(30):
        text = cell if k == 9 else f"short note {k}"
        rows.append(f'"{text}",{rng.gauss(0, 1):.3f},{rng.choice(["yes", "no"])}')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "wide_1500_columns.csv": _wide,
    "cell_of_2_mb.csv": _huge_cell,
}


def expected() -> dict[str, dict]:
    """File name -> expectation; entries starting with '_' are documentation."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return {name: entry for name, entry in manifest.items() if not name.startswith("_")}


def path_of(name: str, folder: Path) -> Path:
    """The committed file, or the generated one written into `folder` (once)."""
    if name not in GENERATORS:
        return BAD / name
    path = folder / name
    if not path.exists():
        GENERATORS[name](path)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for generated in GENERATORS:
        print(path_of(generated, out))
