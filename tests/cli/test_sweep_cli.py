"""`main.py sweep`: many runs from a JSON spec on real data, one CSV row each, the best
run's settings in the JSON, and one-line errors (exit 2) for a bad spec."""

import csv
import json

import pytest

from tests.cli.test_cli import run, train_json

SPEC = {"grid": {"weighting": ["softmax", "sparsemax"], "temperature": [0.5, 1, 2]},
        "random": {"samples": 2, "seed": 3, "options": {"lr": {"log_uniform": [0.001, 0.1]}}}}


def _write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_a_sweep_of_twelve_runs_on_real_data(real_data, tmp_path):
    out = tmp_path / "results.csv"
    proc = run("sweep", real_data / "penguins.csv", "--target", "species", "--spec",
               _write(tmp_path / "spec.json", SPEC), "--output", out, "--epochs", "6",
               "--hidden", "8", "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    rows = _rows(out)
    assert len(rows) == summary["runs"] == summary["completed"] == 12 and summary["failed"] == 0
    assert list(rows[0])[:4] == ["run", "weighting", "temperature", "lr"]
    assert list(rows[0])[-5:] == ["epochs", "best_epoch", "stop_reason", "seconds", "error"]
    assert [int(r["run"]) for r in rows] == list(range(1, 13))
    assert all(r["epochs"] == "6" and r["error"] == "" and float(r["seconds"]) > 0 for r in rows)
    assert {r["weighting"] for r in rows} == {"softmax", "sparsemax"}
    assert summary["metric"] == "valid_f1" and summary["target"] == "species"
    assert summary["swept"] == ["weighting", "temperature", "lr"]
    # progress: one line per run on stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("run ")]
    assert [line.split()[1] for line in lines] == [f"{i}/12" for i in range(1, 13)]
    # the best run is the CSV's highest valid_f1 (the first of equals) …
    scores = [float(r["valid_f1"]) for r in rows]
    best = summary["best"]
    assert best["run"] == scores.index(max(scores)) + 1 and best["score"] == max(scores)
    row = rows[best["run"] - 1]
    assert best["settings"]["weighting"] == row["weighting"]
    assert best["settings"]["lr"] == float(row["lr"])
    # … and its settings, given to `train --config`, train the same run again
    config = _write(tmp_path / "best.json", best["config"])
    again = train_json(real_data / "penguins.csv", "--config", config)
    assert again["metrics"]["valid"]["f1"] == pytest.approx(best["score"], abs=1e-12)


def test_a_grid_by_random_sweep_on_wine_with_a_text_summary(tmp_path):
    from sklearn.datasets import load_wine

    data = tmp_path / "wine.csv"
    load_wine(as_frame=True).frame.to_csv(data, index=False)
    spec = {"grid": {"hidden": [[8], [16, 8]], "attention": ["global", "row"]},
            "random": {"samples": 3, "seed": 0, "options": {"lr": {"log_uniform": [0.003, 0.05]}}}}
    out = tmp_path / "wine_results.csv"
    proc = run("sweep", data, "--target", "target", "--spec", _write(tmp_path / "s.json", spec),
               "--output", out, "--epochs", "8", "--seed", "1")
    assert proc.returncode == 0, proc.stderr
    rows = _rows(out)
    assert len(rows) == 12
    assert {r["hidden"] for r in rows} == {"8", "16,8"}
    assert len({r["lr"] for r in rows}) == 3  # the same three draws under every grid point
    assert proc.stdout.startswith(f"wrote 12 runs to {out}")
    assert "ranked by valid f1" in proc.stdout and "  1. run " in proc.stdout


@pytest.mark.parametrize(("spec", "words"), [
    ({"grid": {"learning_rate": [0.1]}}, "unknown setting 'learning_rate' in the grid"),
    ({"grid": {"lr": [0.01, "fast"]}}, "grid 'lr': Learning rate must be a number, not 'fast'"),
    ({"grid": {"temperature": [0, 1]}}, "Temperature T must be a finite number > 0, not 0"),
    ({"random": {"samples": 3, "options": {"lr": {"gauss": [0, 1]}}}}, "'lr' in \"random\""),
    ("not json", "is not valid JSON"),
])
def test_a_bad_spec_is_refused_before_training(real_data, tmp_path, spec, words):
    path = tmp_path / "spec.json"
    if isinstance(spec, str):
        path.write_text(spec, encoding="utf-8")
    else:
        _write(path, spec)
    out = tmp_path / "out.csv"
    proc = run("sweep", real_data / "penguins.csv", "--spec", path, "--output", out)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], lines
    assert not out.exists()


def test_missing_flags_and_every_run_failing(real_data, tmp_path):
    proc = run("sweep", real_data / "penguins.csv", "--output", tmp_path / "o.csv")
    assert proc.returncode == 2 and "required: --spec" in proc.stderr
    spec = _write(tmp_path / "s.json", {"grid": {"lr": [50.0, 80.0]}})
    proc = run("sweep", real_data / "mroz.csv", "--target", "income", "--optimizer", "sgd",
               "--spec", spec, "--output", tmp_path / "o.csv", "--epochs", "5")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].startswith(
        "error: every run of the sweep failed; the first: the run diverged")
    assert [r["stop_reason"] for r in _rows(tmp_path / "o.csv")] == ["failed", "failed"]


def test_a_column_name_that_is_a_formula_stays_text_in_the_results(tmp_path):
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.normal(size=(120, 2))
    rows = [f"{a:.4f},{b:.4f},{'yes' if a + b > 0 else 'no'}" for a, b in x]
    data = tmp_path / "formula.csv"
    data.write_text("=1+2,b,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    spec = _write(tmp_path / "s.json", {"grid": {"features": [["=1+2"], ["=1+2", "b"]]}})
    out = tmp_path / "o.csv"
    proc = run("sweep", data, "--target", "label", "--spec", spec, "--output", out,
               "--epochs", "2")
    assert proc.returncode == 0, proc.stderr
    assert [r["features"] for r in _rows(out)] == ["'=1+2", "'=1+2,b"]
