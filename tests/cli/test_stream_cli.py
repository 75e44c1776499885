"""`train` and `predict` read a CSV in parts with --stream, with a --memory cap the file
does not fit, or by themselves; the JSON keeps a normal run's keys; what a streamed run
cannot do is one `error:` sentence and exit 2; under a hard memory cap a run ends with a
model or a sentence, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from attn_gui.cli import main
from tests.conftest import REAL

ROOT = Path(__file__).resolve().parents[2]
DATA = REAL / "chile.csv"


def run(capsys, *argv):
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's refusals
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_streamed_train_has_the_keys_of_a_normal_train(capsys, tmp_path):
    code, out, err = run(capsys, "train", DATA, "--epochs", "2", "--json")
    assert code == 0
    normal = json.loads(out)
    code, out, err = run(capsys, "train", DATA, "--epochs", "2", "--json", "--stream",
                         "--save", tmp_path / "m.attn")
    assert code == 0, err
    streamed = json.loads(out)
    assert streamed.keys() == normal.keys()
    assert streamed["streamed"] is True and normal["streamed"] is False
    assert streamed["n_train"] + streamed["n_valid"] == 2532
    code, out, err = run(capsys, "predict", tmp_path / "m.attn", DATA, "--output",
                         tmp_path / "p.csv", "--stream", "--json")
    assert code == 0, err
    assert json.loads(out)["rows"] == 2700 and json.loads(out)["metrics"]["f1"] > 0


def test_a_tiny_memory_cap_streams_and_says_so_in_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "train", DATA, "--epochs", "1", "--memory", "100KB",
                         "--save", tmp_path / "m.attn")
    assert code == 0
    assert err.count("\n") >= 1
    note = [line for line in err.splitlines() if line.startswith("note:")]
    assert len(note) == 1 and "streamed" in note[0] and "100 KB allowed" in note[0]
    code, out, err = run(capsys, "predict", tmp_path / "m.attn", DATA, "--output",
                         tmp_path / "p.csv", "--memory", "0.1MB")
    assert code == 0 and "(streamed)" in out and "streamed" in err


def test_a_cap_the_file_fits_reads_it_whole(capsys):
    code, out, err = run(capsys, "train", DATA, "--epochs", "1", "--memory", "1GB", "--json")
    assert code == 0 and json.loads(out)["streamed"] is False and err == ""


@pytest.mark.parametrize("size", ["12XB", "-1GB", "GB", "0MB", "1.5.2GB"])
def test_bad_sizes_are_one_sentence(capsys, size):
    code, out, err = run(capsys, "train", DATA, f"--memory={size}")
    assert code == 2 and out == ""
    assert err.startswith("error: argument --memory: a memory size must be") and \
        err.count("\n") == 1


@pytest.mark.parametrize("flags, flag", [
    (["--repeats", "3"], "--repeats"), (["--cv", "3"], "--cv"),
    (["--importance"], "--importance"), (["--report", "r.html"], "--report"),
    (["--valid-data", str(DATA)], "--valid-data"),
])
def test_what_a_streamed_run_cannot_do_is_refused(capsys, flags, flag):
    code, out, err = run(capsys, "train", DATA, "--stream", *flags)
    assert code == 2 and out == ""
    assert err == (f"error: {flag} cannot be used on a streamed file: it needs every row in "
                   "memory or many runs over the file; train without it, or on an extract "
                   "that fits in memory\n")


def test_a_workbook_cannot_be_streamed(capsys):
    book = next((ROOT / "tests" / "data").rglob("*.xlsx"))
    code, out, err = run(capsys, "train", book, "--stream")
    assert code == 2
    assert err.startswith(f"error: the workbook '{book.name}' cannot be streamed")


def test_a_hard_memory_cap_ends_with_a_model_or_a_sentence(tmp_path):
    """The address space capped (RLIMIT_AS) below what the process would like: the run ends
    with its model, or exits 2 with one `error:` line; never a traceback or a signal."""
    model = tmp_path / "m.attn"
    script = (
        "import resource, sys\n"
        "cap = int(sys.argv[1])\n"
        "resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
        "from attn_gui.cli import main\n"
        "sys.exit(main(sys.argv[2:]))\n")
    for cap in (1500 << 20, 900 << 20):
        result = subprocess.run(
            [sys.executable, "-c", script, str(cap), "train", str(DATA), "--epochs", "1",
             "--memory", "100KB", "--save", str(model), "--json"],
            capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert "Traceback" not in result.stderr
        assert result.returncode in (0, 2), result.stderr
        if result.returncode == 0:
            assert model.exists()
        else:
            assert result.stderr.strip().splitlines()[-1].startswith("error: ")
