"""Defaults on real public data reach macro F1 within 0.03 of LogisticRegression on the same split."""

import json
import subprocess
import sys

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from attn_gui.core.config import TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table

# (file, target): real exports with index columns, NA markers, text categories,
# GB18030 Chinese headers, and ';' with decimal commas.
CASES = [
    ("penguins.csv", "species"),
    ("penguins.csv", "sex"),
    ("chile.csv", "vote"),
    ("pima_tr2.csv", "type"),
    ("pima_zh_gb18030.csv", "糖尿病"),
    ("mroz.csv", "work"),
    ("mroz_semicolon_decimal_comma.csv", "city"),
    ("seattle_weather.csv", "weather"),
]


def logreg_macro_f1(path, target) -> float:
    data = prepare(read_table(path), TrainConfig(target=target))
    clf = LogisticRegression(max_iter=2000).fit(data.X_train, data.y_train)
    return float(f1_score(data.y_valid, clf.predict(data.X_valid), average="macro"))


@pytest.mark.parametrize("name,target", CASES)
def test_defaults_match_logistic_regression(real_data, name, target):
    path = real_data / name
    proc = subprocess.run(
        [sys.executable, "main.py", "train", str(path), "--target", target, "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    ours = result["metrics"]["valid"]["f1_macro"]
    reference = logreg_macro_f1(path, target)
    print(f"{name} {target}: ours {ours:.4f}, logistic regression {reference:.4f}")
    assert ours >= reference - 0.03
    assert np.isclose(sum(result["attention"].values()), 1.0)
