"""`train` and `predict --engine dask`: a glob and a folder of CSV parts on a local cluster
of worker processes (so everything sent to the workers must pickle), and every bad input
as one `error: ...` line and exit 2, with or without Dask installed."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from attn_gui import cli
from tests.cluster.conftest import cut
from tests.conftest import REAL

ROOT = Path(__file__).resolve().parents[2]
HAS_DASK = all(importlib.util.find_spec(m) for m in ("dask", "distributed"))
needs_dask = pytest.mark.skipif(not HAS_DASK, reason="the cluster extra is not installed")


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=600)


def fails(capsys, *argv):
    assert cli.main([str(a) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err
    return err.strip()


@needs_dask
def test_train_and_predict_on_worker_processes(tmp_path):
    folder = cut(REAL / "penguins.csv", tmp_path / "parts", 3)
    model = tmp_path / "model.attn"
    proc = run("train", folder / "*.csv", "--engine", "dask", "--epochs", "3",
               "--save", model, "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["engine"] == {"name": "dask", "workers": 2, "files": 3, "partitions": 3}
    assert result["n_train"] + result["n_valid"] == 344 and result["streamed"]
    single = json.loads(run("train", REAL / "penguins.csv", "--stream", "--epochs", "3",
                            "--json").stdout)
    for key, value in single["metrics"]["valid"].items():
        assert abs(result["metrics"]["valid"][key] - value) <= 0.005, key
    out = tmp_path / "scored.csv"
    proc = run("predict", model, folder, "--engine", "dask", "--output", out)
    assert proc.returncode == 0, proc.stderr
    assert "on Dask's workers" in proc.stdout
    scored = pd.read_csv(out)
    assert len(scored) == 344 and "prediction" in scored.columns


def test_without_the_extra_the_engine_is_one_sentence(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if absent
    err = fails(capsys, "train", REAL / "penguins.csv", "--engine", "dask")
    assert err == ('error: --engine dask needs the cluster extra: '
                   'pip install "attn-gui[cluster]"')


@needs_dask
@pytest.mark.parametrize(("argv", "words"), [
    (["--engine", "dask", "--scheduler", "no-port-here"], "cannot reach the Dask scheduler"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler applies to --engine dask"),
    (["--engine", "dask", "--workers", "0"], "--workers must be at least 1"),
    (["--engine", "dask", "--repeats", "3"], "--repeats cannot be used with --engine dask"),
])
def test_bad_cluster_options_are_one_sentence(capsys, argv, words):
    assert words in fails(capsys, "train", REAL / "penguins.csv", "--epochs", "1", *argv)


@needs_dask
def test_a_glob_matching_nothing_is_one_sentence(capsys, tmp_path):
    err = fails(capsys, "train", tmp_path / "*.csv", "--engine", "dask")
    assert "no CSV or Parquet file matches" in err
