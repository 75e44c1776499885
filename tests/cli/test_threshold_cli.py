"""`--threshold` and `--fp-cost`: reported in the JSON, kept in the model file, used by
`predict`; an older model file without a threshold still opens; wrong targets exit 2."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "demo.csv"


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def train_json(*args):
    proc = run("train", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("threshold")
    lines = DEMO.read_text().splitlines()
    train, valid = folder / "train.csv", folder / "valid.csv"
    train.write_text("\n".join(lines[:1601]) + "\n")
    valid.write_text("\n".join([lines[0], *lines[1601:]]) + "\n")
    return folder, train, valid


def test_threshold_moves_the_confusion_matrix_and_is_reported(files):
    _, train, valid = files
    common = (train, "--valid-data", valid, "--epochs", "25", "--seed", "1")
    base = train_json(*common)
    low = train_json(*common, "--threshold", "0.1", "--fp-cost", "0.25")
    assert base["threshold"] == 0.5 and low["threshold"] == 0.1
    assert base["cost"]["false_positive"] == 1.0 and low["cost"]["false_positive"] == 0.25
    # the same network (the threshold does not enter training); more rows called positive
    assert low["metrics"]["valid"]["loss"] == base["metrics"]["valid"]["loss"]
    assert low["metrics"]["valid"]["roc_auc"] == base["metrics"]["valid"]["roc_auc"]
    pos = base["classes"].index(base["positive"])
    called = lambda r: np.array(r["confusion"])[:, pos].sum()  # noqa: E731
    assert called(low) > called(base)
    assert low["metrics"]["valid"]["recall"] >= base["metrics"]["valid"]["recall"]
    # cheaper false positives ask for a lower threshold
    assert 0 < low["best_threshold"] <= base["best_threshold"] < 1
    assert low["cost"]["per_row_at_best"] <= low["cost"]["per_row"]


def test_saved_threshold_is_what_predict_uses(files, tmp_path):
    _, train, valid = files
    model = tmp_path / "model.attn"
    trained = train_json(train, "--valid-data", valid, "--epochs", "25", "--threshold", "0.2",
                         "--save", model)
    out = tmp_path / "out.csv"
    proc = run("predict", model, valid, "--output", out, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["threshold"] == 0.2
    for key in ("f1", "recall", "precision", "accuracy"):
        assert summary["metrics"][key] == pytest.approx(trained["metrics"]["valid"][key], abs=1e-9)
    written = pd.read_csv(out)
    positive = trained["positive"]
    other = next(c for c in trained["classes"] if c != positive)
    # the written probabilities are rounded to float64 text; only rows clear of 0.2 are firm
    p = written[f"proba_{positive}"].to_numpy()
    firm = np.abs(p - 0.2) > 1e-6
    expected = np.where(p >= 0.2, positive, other)
    assert (written["prediction"].to_numpy()[firm] == expected[firm]).all()
    assert (p < 0.5).any() and (written["prediction"][p < 0.5] == positive).any()


def test_model_file_without_a_threshold_still_opens(files, tmp_path):
    _, train, valid = files
    model = tmp_path / "model.attn"
    train_json(train, "--valid-data", valid, "--epochs", "10", "--threshold", "0.2",
               "--save", model)
    old = tmp_path / "old.attn"
    with zipfile.ZipFile(model) as src, zipfile.ZipFile(old, "w") as dst:
        meta = json.loads(src.read("model.json"))
        del meta["config"]["threshold"], meta["config"]["fp_cost"]  # as saved before them
        dst.writestr("model.json", json.dumps(meta))
        dst.writestr("params.npz", src.read("params.npz"))
    out = tmp_path / "out.csv"
    proc = run("predict", old, valid, "--output", out)
    assert proc.returncode == 0, proc.stderr
    written = pd.read_csv(out)
    probas = written[[c for c in written.columns if c.startswith("proba_")]].to_numpy()
    names = np.array([c.removeprefix("proba_") for c in written.columns if c.startswith("proba_")])
    assert (written["prediction"].to_numpy() == names[probas.argmax(axis=1)]).all()


@pytest.mark.parametrize("args,message", [
    (["--threshold", "0.3"], "two classes; 'species' has 3 classes"),
    (["--fp-cost", "2"], "two classes; 'species' has 3 classes"),
    (["--threshold", "0"], "between 0 and 1"),
    (["--threshold", "1.5"], "between 0 and 1"),
    (["--fp-cost", "0"], "> 0"),
])
def test_bad_threshold_settings_exit_2(real_data, args, message):
    proc = run("train", real_data / "penguins.csv", "--target", "species", "--epochs", "2", *args)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_threshold_with_regression_exits_2(real_data):
    proc = run("train", real_data / "mroz.csv", "--target", "income", "--threshold", "0.3")
    assert proc.returncode == 2 and "regression" in proc.stderr


def test_regression_and_multiclass_report_null_thresholds(real_data):
    r = train_json(real_data / "penguins.csv", "--target", "species", "--epochs", "3")
    assert r["threshold"] is None and r["best_threshold"] is None and r["cost"] is None


def test_compare_off_with_folds(files):
    _, train, _ = files
    r = train_json(train, "--cv", "3", "--epochs", "15", "--compare-off")
    c = r["comparison"]
    assert c["a"] == "attention off" and c["b"] == "attention global" and c["runs"] == 3
    assert c["metric"] == "f1" and c["test_train_ratio"] == pytest.approx(0.5, abs=0.01)
    f1 = c["metrics"]["f1"]
    assert f1["low"] <= f1["mean_difference"] <= f1["high"] and f1["df"] == 2
    assert f1["mean_b"] == pytest.approx(r["metrics"]["valid"]["f1"], abs=1e-12)
    assert "F1" in c["sentence"] and "(95% interval" in c["sentence"]
    assert {"loss", "accuracy", "roc_auc", "brier"} <= set(c["metrics"])


@pytest.mark.parametrize("args,message", [
    ([], "several runs"),
    (["--repeats", "2", "--attention", "off"], "already has attention off"),
])
def test_compare_off_refusals_exit_2(args, message):
    proc = run("train", DEMO, "--epochs", "2", "--compare-off", *args)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr
