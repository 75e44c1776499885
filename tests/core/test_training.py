"""The training loop: attention finds the informative columns, no leakage, control, faults."""

import threading

import numpy as np
import pandas as pd
import pytest

from attn_gui.core.config import ConfigError, TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table
from attn_gui.core.preprocess import Preprocessor, PreprocessSpec
from attn_gui.core.project import SavedModel, load_model, save_model
from attn_gui.core.training import BatchReport, EpochReport, Trainer, TrainingControl, TrainingError


def synthetic(tmp_path, seed, n=1500):
    """Twelve features, of which only f3 and f8 decide the label."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 12))
    y = (1.5 * X[:, 3] - 1.2 * X[:, 8] + rng.normal(0, 0.3, n) > 0)
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(12)])
    frame["label"] = np.where(y, "pos", "neg")
    path = tmp_path / f"synthetic_{seed}.csv"
    frame.to_csv(path, index=False)
    return read_table(path)


def train(table, **settings):
    config = TrainConfig(**settings)
    trainer = Trainer(config, prepare(table, config))
    reports = list(trainer.run())
    return trainer, reports


@pytest.mark.parametrize("attention", ["global", "row"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_attention_goes_to_the_two_informative_columns(tmp_path, seed, attention):
    trainer, reports = train(synthetic(tmp_path, seed), seed=seed, attention=attention)
    final = reports[-1]
    assert final.final and final.valid["accuracy"] > 0.9
    top = sorted(final.attention, key=final.attention.get, reverse=True)[:2]
    assert set(top) == {"f3", "f8"}
    assert final.attention["f3"] + final.attention["f8"] > 0.5


@pytest.mark.parametrize("weighting", ["exponential", "linear", "sparsemax", "custom"])
def test_every_weighting_trains(tmp_path, weighting):
    extra = {"formula": "softplus(z) * 0.95**i"} if weighting == "custom" else {}
    _, reports = train(synthetic(tmp_path, 5), weighting=weighting, base=3.0, epochs=40, **extra)
    final = reports[-1]
    assert final.valid["accuracy"] > 0.85
    assert abs(sum(final.attention.values()) - 1) < 1e-9


def test_no_preprocessing_statistic_comes_from_validation_rows(tmp_path):
    rng = np.random.default_rng(0)
    n = 400
    frame = pd.DataFrame({"a": rng.normal(size=n), "c": rng.choice(["x", "y", "z"], n),
                          "t": rng.choice(["u", "v"], n)})
    frame.loc[rng.choice(n, 40, replace=False), "a"] = np.nan
    path = tmp_path / "leak.csv"
    frame.to_csv(path, index=False)
    table = read_table(path)
    config = TrainConfig(target="t", missing="mean", outliers="clip", scaling="robust")
    data = prepare(table, config)
    # Refit by hand on exactly the training rows: identical statistics.
    from attn_gui.core.dataset import split, target_labels

    labels = target_labels(table.frame["t"])
    y = pd.Categorical(labels, categories=data.classes).codes
    train_idx, valid_idx = split(y, y >= 0, "classification", 0.2, np.random.default_rng(0))
    ref = Preprocessor(config.preprocess_spec()).fit(
        table.frame.iloc[train_idx], ["a", "c"], {"a": "numeric", "c": "categorical"})
    assert data.preprocessor.to_dict() == ref.to_dict()
    # ...and poisoning the validation rows changes nothing that was fitted.
    poisoned = table.frame.copy()
    poisoned.loc[poisoned.index[valid_idx], "a"] = 1e9
    table.frame = poisoned
    assert prepare(table, config).preprocessor.to_dict() == ref.to_dict()


def test_same_seed_same_history(tmp_path):
    table = synthetic(tmp_path, 9)
    a, _ = train(table, epochs=10, seed=4)
    b, _ = train(table, epochs=10, seed=4)
    assert a.history_ == b.history_
    for k in a.model_.params:
        np.testing.assert_array_equal(a.model_.params[k], b.model_.params[k])


def test_reports_and_early_stopping_restore_best(tmp_path):
    trainer, reports = train(synthetic(tmp_path, 3), epochs=300, patience=5, lr=0.05)
    epochs = [r for r in reports if isinstance(r, EpochReport) and not r.final]
    batches = [r for r in reports if isinstance(r, BatchReport)]
    final = reports[-1]
    assert final.stop_reason == "early_stopping" and len(epochs) < 300
    assert len(batches) == len(epochs) * batches[0].n_batches
    best = epochs[final.best_epoch - 1]
    assert final.valid["loss"] == pytest.approx(best.valid["loss"], rel=1e-5)
    assert len(final.history["valid_loss"]) == len(epochs)


def test_stop_and_pause_act_between_mini_batches(tmp_path):
    table = synthetic(tmp_path, 4)
    config = TrainConfig(epochs=50, batch_size=16, patience=0)
    trainer = Trainer(config, prepare(table, config))
    control = TrainingControl()
    gen = trainer.run(control)
    first = next(gen)
    assert isinstance(first, BatchReport) and first.batch == 1
    control.pause()
    got = []
    t = threading.Thread(target=lambda: got.append(next(gen)))
    t.start()
    t.join(0.3)
    assert t.is_alive() and not got  # paused: no batch runs
    control.stop()  # stop wakes a paused loop
    t.join(5)
    rest = [r for r in gen]
    final = (got + rest)[-1]
    assert final.final and final.stop_reason == "stopped"
    assert final.epoch <= 1


def test_divergence_is_caught_and_best_weights_kept(tmp_path):
    table = synthetic(tmp_path, 6)
    config = TrainConfig(lr=1e7, optimizer="sgd", scaling="none", epochs=5)
    trainer = Trainer(config, prepare(table, config))
    with pytest.raises(TrainingError, match="diverged at epoch 1; try a smaller learning rate"):
        list(trainer.run())
    assert all(np.isfinite(v).all() for v in trainer.model_.params.values())


def test_bad_settings_are_refused():
    with pytest.raises(ConfigError, match="(?i)epochs"):
        TrainConfig(epochs=0).validate()
    with pytest.raises(ConfigError, match="(?i)learning rate"):
        TrainConfig(lr=float("nan")).validate()
    with pytest.raises(ConfigError, match="formula"):
        TrainConfig(weighting="custom", formula="open('x')").validate()
    with pytest.raises(ConfigError, match="unknown setting"):
        TrainConfig.from_dict({"epochz": 3})


@pytest.mark.parametrize("units", [16, 0])
def test_saved_model_round_trip(tmp_path, units):
    table = synthetic(tmp_path, 8)
    config = TrainConfig(epochs=10, attention="row", attention_hidden=units)
    data = prepare(table, config)
    trainer = Trainer(config, data)
    list(trainer.run())
    path = tmp_path / "m.attn"
    save_model(path, SavedModel(trainer.model_, data.preprocessor, data.target, data.target_info,
                                data.positive, config, {"attention": trainer.attention()}))
    loaded = load_model(path)
    X, _, _ = loaded.preprocessor.transform(table.frame, drop_rows=False)
    np.testing.assert_array_equal(loaded.model.predict_batches(X), trainer.model_.predict_batches(X))
    assert loaded.config == config and loaded.target_info.classes == data.classes
    assert loaded.model.spec.attention_hidden == units


def test_a_linear_scorer_model_is_written_as_before_and_opens(tmp_path):
    """A per-row model with the linear scorer is written as model version 1, which the app
    before the tanh scorer opens; a version-1 file, without the scorer's units, still opens."""
    import json
    import zipfile

    table = synthetic(tmp_path, 8)
    config = TrainConfig(epochs=3, attention="row", attention_hidden=0)
    data = prepare(table, config)
    trainer = Trainer(config, data)
    list(trainer.run())
    path = tmp_path / "m.attn"
    save_model(path, SavedModel(trainer.model_, data.preprocessor, data.target, data.target_info,
                                data.positive, config, {}))
    with zipfile.ZipFile(path) as zf:
        meta = json.loads(zf.read("model.json"))
        params = zf.read("params.npz")
    assert meta["version"] == 1
    del meta["net"]["attention_hidden"]
    old = tmp_path / "old.attn"
    with zipfile.ZipFile(old, "w") as zf:
        zf.writestr("model.json", json.dumps(meta))
        zf.writestr("params.npz", params)
    loaded = load_model(old)
    assert loaded.model.spec.attention_hidden == 0
    np.testing.assert_array_equal(loaded.model.params["att_W"], trainer.model_.params["att_W"])


def test_preprocess_spec_defaults_are_valid():
    from attn_gui.core.preprocess import validate_preprocess

    validate_preprocess(PreprocessSpec(), ConfigError)
    with pytest.raises(ConfigError, match="scaling"):
        validate_preprocess(PreprocessSpec(scaling="log"), ConfigError)


def test_numbers_beyond_float32_are_refused_with_the_column(tmp_path):
    path = tmp_path / "huge.csv"
    rows = [f"{i},{1e300 if i % 7 == 0 else i * 1e30},{'ab'[i % 2]}" for i in range(60)]
    path.write_text("x,big,t\n" + "\n".join(rows) + "\n")
    from attn_gui.core.dataset import DataError

    with pytest.raises(DataError, match="'big' hold numbers too large"):
        prepare(read_table(path), TrainConfig(scaling="none"))
