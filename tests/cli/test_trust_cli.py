"""The command line of repeats, folds, permutation importance and per-row attention."""

import csv
import json

import numpy as np
import pytest

from tests.cli.test_cli import DEMO, run, train_json

NEW_KEYS = ("attention_sd", "stability", "metrics_sd")


def test_one_run_keeps_its_json_and_adds_null_spread():
    r = train_json(DEMO, "--epochs", "10")
    assert all(r[k] is None for k in NEW_KEYS)
    assert "importance" not in r and "groups" not in r


def test_repeats_on_real_data(real_data):
    r = train_json(real_data / "penguins.csv", "--repeats", "3", "--epochs", "30")
    assert -1 <= r["stability"]["pearson"] <= 1 and 0 <= r["stability"]["tv"] <= 1
    assert sum(r["attention"].values()) == pytest.approx(1.0, abs=1e-9)
    assert set(r["attention_sd"]) == set(r["features"])
    assert {k: set(v) for k, v in r["metrics_sd"].items()} == {
        k: set(v) for k, v in r["metrics"].items()}


def test_cross_validation_and_its_refusals(real_data, tmp_path):
    r = train_json(real_data / "pima_tr2.csv", "--cv", "3", "--epochs", "10")
    assert r["stability"] is not None and r["n_train"] + r["n_valid"] >= 200
    for args, words in (
        (["--cv", "1"], "at least 2 folds"),
        (["--cv", "3", "--valid-data", real_data / "pima_tr2.csv"], "--valid-data"),
        (["--cv", "200", "--target", "species"], "rows of every class"),
    ):
        data = real_data / ("penguins.csv" if "species" in args else "pima_tr2.csv")
        proc = run("train", data, *args, "--epochs", "2")
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0]


def test_importance_keys_and_summary(real_data):
    r = train_json(real_data / "penguins.csv", "--target", "sex", "--importance",
                   "--epochs", "20", "--repeats", "2")
    assert set(r["importance"]) == set(r["features"])
    assert all(set(v) == {"mean", "sd"} for v in r["importance"].values())
    grouped = [c for g in r["groups"] for c in g["columns"]]
    assert sorted(grouped) == sorted(r["features"])
    assert sum(g["attention"] for g in r["groups"]) == pytest.approx(1.0)
    assert set(r["agreement"]) == {"pearson", "spearman", "top3"}
    text = run("train", real_data / "penguins.csv", "--importance", "--epochs", "10")
    assert text.returncode == 0 and "attention vs shuffling" in text.stdout


def test_save_keeps_the_first_seeds_model(tmp_path):
    one, many = tmp_path / "one.model", tmp_path / "many.model"
    assert run("train", DEMO, "--epochs", "5", "--seed", "3", "--save", one).returncode == 0
    proc = run("train", DEMO, "--epochs", "5", "--seed", "3", "--repeats", "2", "--save", many)
    assert proc.returncode == 0
    outputs = []
    for model in (one, many):
        out = tmp_path / f"{model.stem}.csv"
        assert run("predict", model, DEMO, "--output", out).returncode == 0
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("mode", ["global", "row"])
def test_predict_writes_each_rows_attention(tmp_path, mode):
    model, out = tmp_path / "m.model", tmp_path / "out.csv"
    assert run("train", DEMO, "--epochs", "5", "--attention", mode, "--save", model,
               "--json").returncode == 0
    proc = run("predict", model, DEMO, "--output", out, "--attention", "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = [c for c in rows[0] if c.startswith("attention_")]
    assert summary["rows"] == len(rows) and names
    alpha = np.array([[float(row[c]) for c in names] for row in rows])
    np.testing.assert_allclose(alpha.sum(axis=1), 1.0, atol=1e-5)
    distinct = len(np.unique(alpha.round(6), axis=0))
    assert (distinct == 1) == (mode == "global")
