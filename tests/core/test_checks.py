"""The three checks of Wiegreffe & Pinter on a planted signal, on pure noise and on real
files: what each verdict claims, and the numbers behind it."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from attn_gui.core.checks import CHECK_SEEDS, ChecksError, mean_interval, run_checks
from attn_gui.core.config import TrainConfig
from attn_gui.core.errors import Phrase
from attn_gui.core.io import read_table
from attn_gui.core.repeats import train_runs


def planted(path, signal: bool, rows: int = 300, noise: int = 10, seed: int = 1):
    """y = [x0 + x1 > 0] beside `noise` useless columns; or y unrelated to every column."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, noise + 2))
    f = X[:, 0] + X[:, 1] if signal else rng.normal(size=rows)
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    frame["y"] = np.where(f > 0, "yes", "no")
    frame.to_csv(path, index=False)
    return read_table(path)


FAST = TrainConfig(target="y", epochs=40)


def test_a_planted_signal_passes_every_check(tmp_path):
    r = run_checks(planted(tmp_path / "planted.csv", signal=True), FAST)
    u, s, f = r["uniform"], r["seeds"], r["frozen"]
    assert len(u["with_runs"]) == len(f["learned_runs"]) == s["runs"] == CHECK_SEEDS
    assert u["metric"] == f["metric"] == "f1_macro"
    # the fresh network on uniform weights is the run without attention, seed by seed
    assert f["uniform_runs"] == u["without_runs"]
    assert u["verdict"].startswith("attention helps: macro F1")
    assert f["interval"][0] > 0 and f["learned"] > f["uniform"] > f["permuted"]
    assert f["verdict"].startswith("learned attention helps a fresh network")
    assert s["pearson"] > 0.9 and s["verdict"].startswith("attention is stable")
    top = sorted(s["attention_sd"], key=lambda c: -s["attention_sd"][c])[:2]
    assert set(top) == {"x0", "x1"}  # the planted columns hold, and trade, the weight
    for check in r.values():
        assert isinstance(check["verdict"], Phrase) and "\n" not in check["verdict"]


def test_pure_noise_claims_no_gain(tmp_path):
    r = run_checks(planted(tmp_path / "noise.csv", signal=False), FAST)
    assert not r["uniform"]["verdict"].startswith("attention helps")
    assert not r["frozen"]["verdict"].startswith("learned attention helps")
    assert r["seeds"]["pearson"] < 0.5
    assert r["seeds"]["verdict"].startswith("attention is unstable")


def test_regression_on_a_real_file_and_groups(real_data):
    table = read_table(real_data / "mroz.csv")
    r = run_checks(table, TrainConfig(target="hoursw", epochs=15))
    assert r["uniform"]["metric"] == "r2" and "R²" in r["uniform"]["verdict"]
    assert r["uniform"]["loss_with"] > 0 and r["uniform"]["loss_without"] > 0
    grouped = sorted(c for g in r["seeds"]["groups"] for c in g["columns"])
    assert grouped == sorted(r["seeds"]["attention_sd"])
    assert sum(g["attention"] for g in r["seeds"]["groups"]) == pytest.approx(1.0)
    assert any(len(g["columns"]) > 1 for g in r["seeds"]["groups"])  # wagew ~ hearnw
    assert 0.0 <= r["seeds"]["group_tv"] <= r["seeds"]["tv"] + 1e-12


def test_runs_already_trained_are_reused(real_data):
    table = read_table(real_data / "pima_tr2.csv")
    config = TrainConfig(epochs=8, repeats=2)
    runs = train_runs(table, config)
    reused = run_checks(table, config, runs=runs)
    fresh = run_checks(table, config)
    assert reused["uniform"]["with_runs"][:2] == [run.final.valid["f1_macro"] for run in runs]
    assert reused["uniform"] == fresh["uniform"] and reused["frozen"] == fresh["frozen"]


def test_per_row_attention_is_frozen_row_by_row(real_data):
    table = read_table(real_data / "penguins.csv")
    r = run_checks(table, TrainConfig(target="sex", attention="row", epochs=8, repeats=6))
    assert len(r["frozen"]["learned_runs"]) == 6  # more repeats than the checks' minimum
    assert all(0.0 <= v <= 1.0 for v in r["frozen"]["permuted_runs"])


def test_progress_rises_and_a_stop_returns_nothing(tmp_path):
    table = planted(tmp_path / "planted.csv", signal=True)
    seen: list[float] = []
    run_checks(table, TrainConfig(target="y", epochs=3), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    calls = []
    stopped = run_checks(table, FAST, should_stop=lambda: calls.append(1) or len(calls) > 5)
    assert stopped is None


@pytest.mark.parametrize("settings, words", [
    ({"attention": "off"}, "choose global or per-row attention"),
    ({"cv": 3}, "leave out --cv"),
])
def test_settings_with_nothing_to_check_are_refused(real_data, settings, words):
    table = read_table(real_data / "penguins.csv")
    with pytest.raises(ChecksError, match=words):
        run_checks(table, TrainConfig(**settings))


def test_the_interval_is_students_t():
    rng = np.random.default_rng(0)
    for n in (2, 3, 5, 12, 31, 40, 200):
        x = rng.normal(size=n)
        mean, low, high = mean_interval(x.tolist())
        ref = stats.t.interval(0.95, n - 1, loc=x.mean(), scale=stats.sem(x))
        assert mean == pytest.approx(x.mean())
        assert (low, high) == pytest.approx(ref, rel=1e-3)
