"""Every file of the bad-file corpus through the command line: a refused file is exit 2 and
one `error: ...` line, exactly the sentence in tests/data/bad/EXPECTED.json; a loaded file
is exit 0 with exactly the expected warnings, and `train` succeeds or is refused as listed."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from attn_gui.cli import main
from tests.corpus import BAD, GENERATORS, MANIFEST, expected

ROOT = Path(__file__).resolve().parents[2]
CORPUS = expected()
LOADED = sorted(name for name, entry in CORPUS.items() if "refused" not in entry)


def test_the_manifest_lists_every_file_and_nothing_else():
    on_disk = {p.name for p in BAD.iterdir() if p != MANIFEST}
    assert set(CORPUS) == on_disk | set(GENERATORS)
    assert len(CORPUS) >= 40
    for name, entry in CORPUS.items():
        assert entry["why"], name
        assert ("refused" in entry) != ("warnings" in entry and "train" in entry), name


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, out: str, err: str, sentence: str) -> None:
    assert code == 2
    assert err == f"error: {sentence}\n"
    assert out == ""


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_inspect(name, corpus_file, capsys):
    entry = CORPUS[name]
    code, out, err = run(capsys, "inspect", corpus_file(name), "--json")
    if "refused" in entry:
        assert_refused(code, out, err, entry["refused"])
        return
    assert (code, err) == (0, "")
    info = json.loads(out)
    assert info["warnings"] == entry["warnings"]
    assert info["rows"] > 0 and info["columns"]


@pytest.mark.parametrize("name", LOADED)
def test_train(name, corpus_file, capsys):
    entry = CORPUS[name]
    code, out, err = run(capsys, "train", corpus_file(name), "--json", "--epochs", "2",
                         "--hidden", "8", *entry.get("train_args", []))
    if entry["train"] != "ok":
        assert_refused(code, out, err, entry["train"])
        return
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["epochs"] == 2 and result["n_train"] > 0 and result["n_valid"] > 0
    assert result["reader"]["warnings"] == entry["warnings"]
    for split in result["metrics"].values():
        assert all(value is not None for value in split.values())  # null: not finite
    weights = list(result["attention"].values())
    assert all(math.isfinite(w) and w >= 0 for w in weights)
    assert math.isclose(sum(weights), 1.0, rel_tol=1e-6)


@pytest.mark.parametrize("name", ["random_bytes.bin", "unclosed_quote.csv", "one_row.csv"])
def test_refused_through_main_py(name):
    """The real entry point in a fresh interpreter: exit 2, one line, no traceback."""
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "train", str(BAD / name)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == f"error: {CORPUS[name]['refused']}\n"
    assert "Traceback" not in proc.stdout + proc.stderr


def test_train_refusal_through_main_py():
    entry = CORPUS["one_class_target.csv"]
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "train",
                           str(BAD / "one_class_target.csv"), *entry["train_args"]],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == f"error: {entry['train']}\n"
