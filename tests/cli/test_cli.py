"""The command line contract: flags, JSON keys, exit codes, one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "demo.csv"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=300, cwd=cwd)


def train_json(*args):
    proc = run("train", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_train_json_has_every_contract_key():
    r = train_json(DEMO, "--epochs", "30")
    for key in ("task", "target", "classes", "features", "excluded", "n_train", "n_valid",
                "epochs", "seconds", "train_seconds", "fit_seconds", "load_seconds", "metrics",
                "attention"):
        assert key in r
    # `seconds` keeps its meaning (the updates); the whole fit adds each epoch's evaluation
    assert r["seconds"] == r["train_seconds"] <= r["fit_seconds"]
    assert r["task"] == "classification" and r["target"] == "defaulted"
    assert set(r["metrics"]["valid"]) >= {"loss", "accuracy", "precision", "recall", "f1",
                                           "f1_macro", "f1_weighted", "roc_auc",
                                           "average_precision", "brier"}
    for split in ("train", "valid"):
        m = r["metrics"][split]
        assert 0.5 < m["roc_auc"] <= 1 and 0 < m["average_precision"] <= 1 and 0 <= m["brier"] < 0.25
    assert r["n_train"] + r["n_valid"] == 2000
    assert abs(sum(r["attention"].values()) - 1) < 1e-9
    assert set(r["attention"]) == set(r["features"])


def test_same_seed_same_result_and_flags_override_config(tmp_path):
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"epochs": 15, "seed": 3, "hidden": [8], "lr": 0.02}))
    a = train_json(DEMO, "--config", cfg)
    b = train_json(DEMO, "--config", cfg)
    assert a["metrics"] == b["metrics"] and a["attention"] == b["attention"]
    c = train_json(DEMO, "--config", cfg, "--seed", "4")
    assert c["metrics"] != a["metrics"]


def test_regression_keys(real_data):
    r = train_json(real_data / "mroz.csv", "--target", "income", "--epochs", "20")
    assert r["task"] == "regression" and r["classes"] == []
    assert set(r["metrics"]["valid"]) == {"loss", "r2", "rmse", "mae"}


def test_valid_data_file_and_options(tmp_path):
    lines = DEMO.read_text().splitlines()
    train, valid = tmp_path / "train.csv", tmp_path / "valid.csv"
    train.write_text("\n".join(lines[:1501]) + "\n")
    valid.write_text("\n".join([lines[0], *lines[1501:]]) + "\n")
    r = train_json(train, "--valid-data", valid, "--epochs", "5", "--hidden", "",
                   "--attention", "row", "--weighting", "sparsemax", "--optimizer", "momentum",
                   "--batch-size", "64", "--lr", "0.05", "--patience", "0", "--positive", "yes")
    assert r["n_train"] == 1500 and r["n_valid"] == 500 and r["epochs"] == 5
    assert r["positive"] == "yes"


def test_custom_formula_and_save(tmp_path):
    model = tmp_path / "m.attn"
    r = train_json(DEMO, "--weighting", "custom", "--formula", "exp(z) * 0.9**i",
                   "--epochs", "5", "--save", model)
    assert model.exists() and r["epochs"] == 5


def test_text_summary_and_progress():
    proc = run("train", DEMO, "--epochs", "5")
    assert proc.returncode == 0
    assert "attention:" in proc.stdout and "epoch 5/5" in proc.stderr


def test_inspect(real_data):
    proc = run("inspect", real_data / "chile.csv", "--json")
    info = json.loads(proc.stdout)
    assert info["delimiter"] == "," and info["rows"] == 2700
    first = info["columns"][0]
    assert first["excluded"] and "index" in first["excluded"]
    assert info["default_target"] == "vote"
    proc = run("inspect", real_data / "mroz_semicolon_decimal_comma.csv")
    assert proc.returncode == 0
    assert "work" in next(line for line in proc.stdout.splitlines() if "(default target)" in line)


def test_train_without_target_uses_the_default(real_data):
    # mroz's last column is a number; `work` (yes/no) is its first: a classification
    r = train_json(real_data / "mroz.csv", "--epochs", "2")
    assert r["target"] == "work" and r["task"] == "classification"


BAD = [
    (["train", "nope.csv"], "no such file"),
    (["train", DEMO, "--target", "nope"], "unknown target"),
    (["train", DEMO, "--epochs", "-3"], "epochs"),
    (["train", DEMO, "--lr", "nan"], "learning rate"),
    (["train", DEMO, "--lr", "inf"], "learning rate"),
    (["train", DEMO, "--weighting", "custom", "--formula", "__import__('os')"], "formula"),
    (["train", DEMO, "--weighting", "custom", "--formula", "z.real"], "formula"),
    (["train", DEMO, "--weighting", "custom"], "formula"),
    # compiled, but no score training can use: refused before any training, naming a z
    (["train", DEMO, "--weighting", "custom", "--formula", "log(z)"], "-inf at z = 0"),
    (["train", DEMO, "--weighting", "custom", "--formula", "sin(z)"], "at z = -1"),
    (["train", DEMO, "--weighting", "custom", "--formula", "exp(1000*z)"], "inf at z = 1"),
    (["train", DEMO, "--features", "nope"], "unknown feature"),
    (["train", DEMO, "--optimizer", "rmsprop"], "invalid choice"),
    (["train", DEMO, "--epochs", "ten"], "invalid int"),
    (["train", DEMO, "--lr", "1e6", "--optimizer", "sgd", "--scaling", "none"], "diverged"),
    (["train", DEMO, "--config", "missing.json"], "configuration"),
    (["train", DEMO, "--positive", "maybe"], "positive class"),
    (["train", DEMO, "--save", "/nonexistent-folder/m.attn"], "does not exist"),
    (["train", DEMO, "--target", "region", "--task", "regression"], "holds a number"),
]


@pytest.mark.parametrize("args,words", BAD)
def test_bad_input_is_one_line_and_exit_2(args, words):
    proc = run(*args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert words.lower() in lines[0].lower()
    assert "Traceback" not in proc.stderr


def test_bad_tables(tmp_path):
    cases = {
        "empty.csv": b"",
        "header.csv": b"a,b,c\n",
        "binary.csv": bytes(range(256)) * 4,
        "oneclass.csv": b"x,y\n1,a\n2,a\n3,a\n4,a\n",
        "nofeature.csv": ("id,y\n" + "".join(f"{i},{'ab'[i % 2]}\n" for i in range(1, 41))).encode(),
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        proc = run("train", path)
        assert proc.returncode == 2, (name, proc.stderr)
        assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr, name
    mismatch = tmp_path / "other.csv"
    mismatch.write_text("p,q\n1,2\n3,4\n")
    proc = run("train", DEMO, "--valid-data", mismatch)
    assert proc.returncode == 2 and "validation file lacks" in proc.stderr


def test_strict_json_no_nan():
    proc = run("train", DEMO, "--epochs", "3", "--json")
    json.loads(proc.stdout, parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))


def test_refusals_that_need_real_data(real_data, tmp_path):
    proc = run("train", real_data / "penguins.csv", "--target", "species", "--positive", "Adelie")
    assert proc.returncode == 2 and "two classes" in proc.stderr
    const = tmp_path / "const.csv"
    const.write_text("x,y\n" + "".join(f"{i * 7 % 13},5\n" for i in range(40)))
    proc = run("train", const, "--target", "y", "--task", "regression")
    assert proc.returncode == 2 and "same value in every training row" in proc.stderr


def test_repeated_features_count_once():
    r = train_json(DEMO, "--features", "age,age,income", "--epochs", "3")
    assert r["features"] == ["age", "income"] and abs(sum(r["attention"].values()) - 1) < 1e-9
