"""`predict`: the saved preprocessing on a new file, every input row and column kept."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "demo.csv"


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def split_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("predict")
    lines = DEMO.read_text().splitlines()
    train, valid = folder / "train.csv", folder / "valid.csv"
    train.write_text("\n".join(lines[:1601]) + "\n")
    valid.write_text("\n".join([lines[0], *lines[1601:]]) + "\n")
    model = folder / "model.attn"
    proc = run("train", train, "--valid-data", valid, "--epochs", "30", "--save", model, "--json")
    assert proc.returncode == 0, proc.stderr
    return train, valid, model, json.loads(proc.stdout)


def test_predicting_the_validation_file_reproduces_training_metrics(split_files, tmp_path):
    _, valid, model, trained = split_files
    out = tmp_path / "out.csv"
    proc = run("predict", model, valid, "--output", out, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    for key in ("accuracy", "f1", "f1_macro", "loss"):
        assert summary["metrics"][key] == pytest.approx(trained["metrics"]["valid"][key], abs=1e-9)
    original = pd.read_csv(valid)
    written = pd.read_csv(out)
    assert list(written.columns) == [*original.columns, "prediction", "proba_no", "proba_yes"]
    # Same rows, same order, same values (a whole number may lose its ".0").
    pd.testing.assert_frame_equal(written[original.columns], original, check_dtype=False)
    probs = written[["proba_no", "proba_yes"]].astype(float).sum(axis=1)
    assert (abs(probs - 1) < 1e-5).all()
    assert set(written["prediction"]) <= {"yes", "no"}


def test_unseen_categories_missing_values_and_formula_cells(split_files, tmp_path):
    _, valid, model, _ = split_files
    frame = pd.read_csv(valid)
    frame.loc[0, "region"] = "=HYPERLINK(\"http://x\")"
    frame.loc[1, "region"] = "atlantis"
    frame.loc[2, "income"] = None
    frame = frame.drop(columns=["defaulted"])
    odd = tmp_path / "odd.csv"
    frame.to_csv(odd, index=False)
    out = tmp_path / "odd_out.csv"
    proc = run("predict", model, odd, "--output", out, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["preprocessing"]["unseen_levels"] == 2 and summary["metrics"] is None
    written = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert written.loc[0, "region"].startswith("'=")
    assert written.loc[1, "region"] == "atlantis" and len(written) == len(frame)


def test_bad_model_files_exit_2(split_files, tmp_path):
    _, valid, model, _ = split_files
    truncated = tmp_path / "truncated.attn"
    truncated.write_bytes(model.read_bytes()[:200])
    not_model = tmp_path / "text.attn"
    not_model.write_text("hello")
    for bad in (truncated, not_model, tmp_path / "missing.attn", DEMO):
        proc = run("predict", bad, valid, "--output", tmp_path / "o.csv")
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1
    lacking = tmp_path / "lacking.csv"
    pd.read_csv(valid).drop(columns=["income", "age"]).to_csv(lacking, index=False)
    proc = run("predict", model, lacking, "--output", tmp_path / "o.csv")
    assert proc.returncode == 2 and "'age', 'income'" in proc.stderr


def test_columns_read_differently_in_the_new_file_are_encoded_as_in_training(tmp_path):
    """A yes/no feature that is all "yes" in the new file, and a text column whose new
    values all look like numbers, must still mean what they meant in training."""
    import numpy as np

    rng = np.random.default_rng(0)
    n = 300
    x = rng.normal(size=n)
    member = rng.choice(["yes", "no"], n)
    grp = rng.choice(["1", "2", "3", "x"], n)
    y = np.where((member == "yes") ^ np.isin(grp, ["1", "x"]), "a", "b")
    frame = pd.DataFrame({"x": x, "member": member, "grp": grp, "y": y})
    train = tmp_path / "train.csv"
    frame.to_csv(train, index=False)
    model = tmp_path / "m.attn"
    assert run("train", train, "--target", "y", "--save", model).returncode == 0
    new = frame[(frame.member == "yes") & (frame.grp != "x")]
    new_path = tmp_path / "new.csv"
    new.to_csv(new_path, index=False)
    proc = run("predict", model, new_path, "--output", tmp_path / "o.csv", "--json")
    summary = json.loads(proc.stdout)
    assert summary["preprocessing"]["values_imputed"] == 0
    assert summary["preprocessing"]["unseen_levels"] == 0
    assert summary["metrics"]["accuracy"] > 0.95


def test_an_input_column_named_prediction_is_kept(split_files, tmp_path):
    _, valid, model, _ = split_files
    frame = pd.read_csv(valid)
    frame["prediction"] = "mine"
    path = tmp_path / "clash.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "clash_out.csv"
    assert run("predict", model, path, "--output", out).returncode == 0
    written = pd.read_csv(out)
    assert (written["prediction"] == "mine").all() and "prediction_2" in written.columns
