"""`train --checks`: the `checks` key, the verdicts in the text summary, the refusals."""

import pytest

from tests.cli.test_cli import run, train_json


def test_checks_json_shape(real_data):
    r = train_json(real_data / "penguins.csv", "--target", "sex", "--checks", "--epochs", "10")
    checks = r["checks"]
    assert set(checks) == {"uniform", "seeds", "frozen"}
    assert set(checks["uniform"]) >= {"metric", "with", "without", "with_runs", "without_runs",
                                      "difference", "interval", "verdict"}
    assert set(checks["seeds"]) >= {"runs", "pearson", "tv", "attention_sd", "groups",
                                    "group_pearson", "group_tv", "verdict"}
    assert set(checks["frozen"]) >= {"learned", "uniform", "permuted", "learned_runs",
                                     "uniform_runs", "permuted_runs", "interval", "verdict"}
    assert len(checks["uniform"]["with_runs"]) == checks["seeds"]["runs"] == 5
    low, high = checks["frozen"]["interval"]
    assert low <= checks["frozen"]["difference"] <= high
    assert set(checks["seeds"]["attention_sd"]) == set(r["features"])
    # the run the JSON describes is the checks' first seed
    assert checks["uniform"]["with_runs"][0] == r["metrics"]["valid"]["f1_macro"]
    assert "checks" not in train_json(real_data / "penguins.csv", "--epochs", "2")


def test_checks_verdicts_in_the_text_summary(real_data):
    proc = run("train", real_data / "pima_tr2.csv", "--checks", "--epochs", "5",
               "--repeats", "2")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    at = lines.index("checks of attention (Wiegreffe & Pinter, 2019):")
    assert [line.split(":")[0] for line in lines[at + 1 : at + 4]] == [
        "  uniform baseline", "  across seeds", "  frozen attention"]
    assert "macro F1" in lines[at + 1] and "fresh network" in lines[at + 3]


@pytest.mark.parametrize("args, words", [
    (["--attention", "off"], "choose global or per-row attention"),
    (["--cv", "3"], "leave out --cv"),
    (["--checks=yes"], "ignored explicit argument"),
])
def test_bad_combinations_are_one_error_line(real_data, args, words):
    proc = run("train", real_data / "penguins.csv", "--checks", *args, "--epochs", "2")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0]
    assert proc.stdout == ""
