"""Sweeps: a spec's checks, its expansion into runs, and the runs trained as `train` would."""

import math

import pytest

from attn_gui.core.config import TrainConfig
from attn_gui.core.errors import UserError
from attn_gui.core.io import read_table
from attn_gui.core.repeats import summarise, train_runs
from attn_gui.core.sweep import (
    MAX_RUNS,
    SweepError,
    SweepResult,
    best_result,
    expand,
    parse_spec,
    results_frame,
    run_sweep,
)
from attn_gui.core.training import EpochReport, TrainingControl

RANDOM = {"samples": 5, "seed": 7, "options": {
    "lr": {"log_uniform": [1e-4, 1e-1]}, "temperature": {"uniform": [0.5, 2]},
    "patience": {"uniform": [3, 9]}, "hidden": {"choice": [[8], [16, 8], []]},
    "activation": ["relu", "tanh"]}}


def test_grid_is_the_product_in_order_first_setting_slowest():
    spec = parse_spec({"grid": {"weighting": ["softmax", "sparsemax"], "temperature": [0.5, 1, 2],
                                "lr": [0.001, 0.01]}})
    assert spec.size == 12 and spec.names == ["weighting", "temperature", "lr"]
    points = expand(spec, TrainConfig(epochs=7))
    assert len(points) == 12 and [p.index for p in points] == list(range(1, 13))
    assert [p.settings["weighting"] for p in points] == ["softmax"] * 6 + ["sparsemax"] * 6
    assert [p.settings["lr"] for p in points[:4]] == [0.001, 0.01, 0.001, 0.01]
    combos = {tuple(p.settings.values()) for p in points}
    assert len(combos) == 12
    # the JSON's 1 is the setting's type, and every other setting is the base's
    assert type(points[2].config.temperature) is float and points[2].config.temperature == 1.0
    assert all(p.config.epochs == 7 for p in points)


def test_random_samples_are_reproducible_by_seed_and_within_their_ranges():
    a = expand(parse_spec({"random": RANDOM}), TrainConfig())
    b = expand(parse_spec({"random": RANDOM}), TrainConfig())
    c = expand(parse_spec({"random": {**RANDOM, "seed": 8}}), TrainConfig())
    assert [p.settings for p in a] == [p.settings for p in b]
    assert [p.settings for p in a] != [p.settings for p in c]
    for p in a:
        s = p.settings
        assert 1e-4 <= s["lr"] <= 1e-1 and 0.5 <= s["temperature"] <= 2
        assert isinstance(s["patience"], int) and 3 <= s["patience"] <= 9
        assert s["hidden"] in ([8], [16, 8], []) and s["activation"] in ("relu", "tanh")
        assert p.config.lr == s["lr"] and p.config.hidden == s["hidden"]
    # log-uniform spreads over the decades: not all draws in the top one
    many = expand(parse_spec({"random": {"samples": 200, "seed": 0, "options": {
        "lr": {"log_uniform": [1e-4, 1e-1]}}}}), TrainConfig())
    lrs = [p.settings["lr"] for p in many]
    assert sum(lr < 1e-2 for lr in lrs) > 100


def test_grid_and_random_cross_every_grid_point_with_the_same_samples():
    spec = parse_spec({"grid": {"attention": ["global", "row"]},
                       "random": {"samples": 3, "seed": 1, "options": {"lr": [0.1, 0.01, 0.001]}}})
    points = expand(spec, TrainConfig())
    assert spec.size == len(points) == 6
    lrs = [p.settings["lr"] for p in points]
    assert lrs[:3] == lrs[3:]
    assert [p.settings["attention"] for p in points] == ["global"] * 3 + ["row"] * 3


@pytest.mark.parametrize(("spec", "words"), [
    ([1, 2], "must be a JSON object"),
    ({"gird": {"lr": [0.1]}}, "unknown key 'gird' in the sweep; known: grid, random"),
    ({}, "changes no setting"),
    ({"grid": {"lrr": [0.1]}}, "unknown setting 'lrr' in the grid; did you mean 'lr'?"),
    ({"grid": {"zzz": [1]}}, "unknown setting 'zzz' in the grid; known: features"),
    ({"grid": {"target": ["a"]}}, "'target' cannot be swept"),
    ({"grid": {"lr": 0.1}}, "the grid's 'lr' must be a non-empty list of values, not 0.1"),
    ({"grid": {"lr": []}}, "non-empty list"),
    ({"grid": {"lr": [0.1, -1]}}, "grid 'lr': Learning rate must be a finite number > 0, not -1"),
    ({"grid": {"epochs": [10, 2.5]}}, "grid 'epochs': Epochs must be a whole number, not 2.5"),
    ({"grid": {"lr": [0.1, "x"]}}, "Learning rate must be a number, not 'x'"),
    ({"grid": {"weighting": ["softmax", "soft"]}}, "must be one of softmax, exponential"),
    ({"grid": {"hidden": [[32], "32"]}}, "Hidden layers must be a list of whole numbers"),
    ({"random": {"seed": 1, "options": {"lr": [0.1]}}}, "needs 'samples', a whole number ≥ 1"),
    ({"random": {"samples": 2, "seed": -1, "options": {"lr": [0.1]}}}, "'seed', a whole number ≥ 0"),
    ({"random": {"samples": 2}}, "\"random\" needs 'options'"),
    ({"random": {"samples": 2, "options": {"lr": [0.1]}, "n": 1}}, "unknown key 'n' in \"random\""),
    ({"random": {"samples": 2, "options": {"lr": {"normal": [0, 1]}}}}, "must be one of"),
    ({"random": {"samples": 2, "options": {"lr": {"uniform": [0.1]}}}}, "uniform of 'lr' needs [low, high]"),
    ({"random": {"samples": 2, "options": {"lr": {"uniform": [0.1, 0.01]}}}}, "needs low < high"),
    ({"random": {"samples": 2, "options": {"lr": {"log_uniform": [0, 0.1]}}}},
     "random 'lr': Learning rate must be a finite number > 0, not 0"),
    ({"random": {"samples": 2, "options": {"entropy": {"log_uniform": [0, 0.1]}}}},
     "log_uniform of 'entropy' needs low > 0"),
    ({"random": {"samples": 2, "options": {"decay": {"uniform": [0.5, 1.5]}}}},
     "random 'decay': Positional decay ρ must be a finite number between 0 and 1, not 1.5"),
    ({"random": {"samples": 2, "options": {"weighting": {"uniform": [0, 1]}}}},
     "'weighting' is not a number"),
    ({"grid": {"lr": [0.1]}, "random": {"samples": 2, "options": {"lr": [0.1]}}},
     "'lr' is both in the grid and drawn at random"),
    ({"grid": {"seed": list(range(MAX_RUNS + 1))}}, f"at most {MAX_RUNS} are allowed"),
])
def test_a_bad_spec_is_one_sentence_naming_the_key_or_value(spec, words):
    with pytest.raises(SweepError) as caught:
        parse_spec(spec)
    message = str(caught.value)
    assert words in message and "\n" not in message
    assert isinstance(caught.value, UserError)


def test_a_combination_train_refuses_names_the_run():
    spec = parse_spec({"grid": {"weighting": ["softmax", "custom"]}})
    with pytest.raises(SweepError, match=r"^run 2 of the sweep \(weighting=custom\): the custom "
                       "weighting needs a formula"):
        expand(spec, TrainConfig())


@pytest.fixture(scope="module")
def penguins():
    from tests.conftest import REAL

    return read_table(REAL / "penguins.csv")


def test_a_sweep_trains_each_run_as_train_does(penguins):
    base = TrainConfig(target="species", epochs=4, hidden=[8])
    spec = parse_spec({"grid": {"attention": ["global", "off"], "lr": [0.01, 0.05]},
                       "random": {"samples": 3, "seed": 2, "options": {
                           "temperature": {"log_uniform": [0.3, 3]}}}})
    points = expand(spec, base)
    events = list(run_sweep(penguins, points))
    results = [e for e in events if isinstance(e, SweepResult)]
    assert len(results) == 12 and [r.index for r in results] == list(range(1, 13))
    assert all(r.ok and r.metric == "f1" and r.epochs == 4 and r.seconds > 0 for r in results)
    reports = [e for e in events if not isinstance(e, SweepResult)]
    fractions = [e.fraction for e in reports]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    assert sum(isinstance(e.item.report, EpochReport) and not e.item.report.final
               for e in reports) == 12 * 4
    # the same numbers as `train` with the run's settings
    r = results[7]
    runs = train_runs(penguins, r.config)
    assert r.metrics == summarise(runs)["metrics"]
    assert r.score == r.metrics["valid"]["f1"]
    best = best_result(results)
    assert best.score == max(x.score for x in results)
    frame = results_frame([x.light() for x in results], spec.names)
    assert list(frame.columns[:4]) == ["run", "attention", "lr", "temperature"]
    assert list(frame.columns[-5:]) == ["epochs", "best_epoch", "stop_reason", "seconds", "error"]
    assert {"valid_f1", "valid_loss", "train_f1"} <= set(frame.columns)
    assert frame["valid_f1"].tolist() == [x.score for x in results]


def test_a_regression_sweep_ranks_by_r2_with_repeats(real_data):
    table = read_table(real_data / "mroz.csv")
    base = TrainConfig(target="income", epochs=3, repeats=2)
    results = [e for e in run_sweep(table, expand(parse_spec({"grid": {"l2": [0.0, 0.01]}}), base))
               if isinstance(e, SweepResult)]
    assert [r.metric for r in results] == ["r2", "r2"]
    assert all(len(r.runs) == 2 for r in results)  # both repeats, metrics their means
    assert results[0].metrics == summarise(results[0].runs)["metrics"]


def test_a_failed_run_is_a_result_and_the_sweep_goes_on(real_data):
    table = read_table(real_data / "mroz.csv")
    base = TrainConfig(target="income", epochs=20, optimizer="sgd")
    results = [e for e in run_sweep(table, expand(parse_spec({"grid": {"lr": [5.0, 0.01]}}), base))
               if isinstance(e, SweepResult)]
    assert results[0].stop_reason == "failed" and "diverged" in str(results[0].error)
    assert math.isnan(results[0].score) and not results[0].ok
    assert results[1].ok and best_result(results) is results[1]
    frame = results_frame(results, ["lr"])
    assert frame["error"].tolist()[1] == "" and "diverged" in frame["error"].tolist()[0]


def test_stop_ends_the_run_under_way_and_the_sweep(penguins):
    control = TrainingControl()
    points = expand(parse_spec({"grid": {"seed": list(range(12))}}),
                    TrainConfig(target="species", epochs=50, patience=0, batch_size=16))
    results = []
    for event in run_sweep(penguins, points, control):
        if isinstance(event, SweepResult):
            results.append(event)
        elif len(results) == 2 and event.item.report is not None and event.item.report.epoch == 3:
            control.stop()
    assert len(results) == 3 and [r.ok for r in results] == [True, True, False]
    assert results[2].stop_reason == "stopped" and results[2].epochs < 50
    assert best_result(results) in results[:2]


def test_a_range_of_grid_values():
    from attn_gui.core.sweep import spaced

    assert spaced(0.001, 0.1, 3, log=True) == [0.001, 0.01, 0.1]
    assert spaced(0.5, 2, 4) == [0.5, 1.0, 1.5, 2.0]
    assert spaced(1, 10, 4, log=True) == [1.0, 2.154, 4.642, 10.0]
    assert spaced(2, 5, 10, whole=True) == [2, 3, 4, 5]  # rounded, each once
    assert spaced(3, 3, 1) == [3.0]
    with pytest.raises(SweepError, match="logarithmic range needs numbers > 0"):
        spaced(0, 1, 3, log=True)


def test_values_typed_in_one_line():
    from attn_gui.core.config import OPTIONS
    from attn_gui.core.sweep import parse_values

    assert parse_values(OPTIONS["lr"], "0.001, 0.01 1e-1") == [0.001, 0.01, 0.1]
    assert parse_values(OPTIONS["epochs"], "10,20, 2.5") == [10, 20, 2.5]  # 2.5: parse_spec says
    assert parse_values(OPTIONS["hidden"], "8; 16,8; ") == [[8], [16, 8]]
    assert parse_values(OPTIONS["hidden"], "8;;4") == [[8], [], [4]]
    assert parse_values(OPTIONS["weighting"], "softmax, sparsemax") == ["softmax", "sparsemax"]
    with pytest.raises(SweepError, match="^Learning rate: 'fast' is not a number$"):
        parse_values(OPTIONS["lr"], "0.1, fast")
