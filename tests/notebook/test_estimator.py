"""The notebook estimators: their parameters are the settings of `train`, they reproduce
the command line's runs on the same data, and their models are the app's model files."""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from sklearn.datasets import load_breast_cancer, load_wine  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402

from attn_gui import AttentionClassifier, AttentionRegressor  # noqa: E402
from attn_gui.cli import main  # noqa: E402
from attn_gui.core.config import OPTIONS  # noqa: E402
from attn_gui.estimator import CLASSIFICATION_ONLY, NOT_PARAMETERS  # noqa: E402

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
PENGUINS = REAL / "penguins.csv"
CHILE = REAL / "chile.csv"
TOLERANCE = 1e-9


def cli(*argv: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*argv, "--json"]) == 0
    return json.loads(out.getvalue())


def per_column(values: dict, names) -> np.ndarray:
    return np.array([values.get(name, 0.0) for name in names])


# -- parameters ------------------------------------------------------------------------------
@pytest.mark.parametrize("estimator", [AttentionClassifier, AttentionRegressor])
def test_the_parameters_are_the_settings_of_train_in_their_order(estimator):
    assert set(NOT_PARAMETERS) < set(OPTIONS) and set(CLASSIFICATION_ONLY) < set(OPTIONS)
    left_out = set(NOT_PARAMETERS) | (set(CLASSIFICATION_ONLY)
                                      if estimator is AttentionRegressor else set())
    expected = [name for name in OPTIONS if name not in left_out]
    signature = inspect.signature(estimator.__init__)
    assert list(signature.parameters)[1:] == expected
    params = estimator().get_params()
    assert sorted(params) == sorted(expected)
    for name in expected:
        default = OPTIONS[name].default
        assert params[name] == (tuple(default) if isinstance(default, list) else default), name
        assert OPTIONS[name].help.split()[0] in estimator.__doc__  # each one documented


def test_an_unknown_parameter_is_refused_and_a_bad_value_explained_at_fit():
    with pytest.raises(TypeError):
        AttentionClassifier(learning_rate=0.1)
    X, y = load_wine(return_X_y=True)
    with pytest.raises(ValueError, match="^Learning rate must be a finite number > 0, not -1"):
        AttentionClassifier(lr=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="^Attention must be one of global, row, off"):
        AttentionRegressor(attention="per_row").fit(X, y)


# -- the command line's runs, reproduced -----------------------------------------------------
@pytest.mark.parametrize(("path", "target", "estimator", "extra"), [
    # text columns (island, sex) and missing values, three classes
    (PENGUINS, "species", AttentionClassifier, {}),
    # regression; five repeats give the spread of attention
    (PENGUINS, "body_mass_g", AttentionRegressor, {"repeats": 5}),
    # an R index column, missing targets, two classes, three folds
    (CHILE, "vote", AttentionClassifier, {"cv": 3, "attention": "row"}),
])
def test_the_estimator_reproduces_a_command_line_run(path, target, estimator, extra):
    flags = ["--target", target, "--epochs", "40", "--seed", "5"]
    for name, value in extra.items():
        flags += [OPTIONS[name].flag, str(value)]
    run = cli("train", str(path), *flags)
    # as an analyst reads it: pandas, the R index as the index, rows without a target out
    frame = pd.read_csv(path, index_col=0 if path == CHILE else None).dropna(subset=[target])
    model = estimator(epochs=40, seed=5, **extra).fit(frame.drop(columns=target), frame[target])
    names = model.feature_names_in_
    assert list(names) == [c for c in frame.columns if c != target]
    gap = np.abs(per_column(run["attention"], names) - model.attention_).max()
    assert gap <= TOLERANCE
    assert model.attention_.sum() == pytest.approx(1.0, abs=1e-12)
    for split in ("train", "valid"):
        assert run["metrics"][split].keys() == model.metrics_[split].keys()
        for key, value in run["metrics"][split].items():
            assert model.metrics_[split][key] == pytest.approx(value, abs=TOLERANCE), key
    if extra.get("repeats", 1) > 1 or extra.get("cv"):
        sd = per_column(run["attention_sd"], names)
        assert np.abs(sd - model.attention_sd_).max() <= TOLERANCE
        assert model.attention_sd_.max() > 0
    else:
        assert model.attention_sd_ is None
    assert (model.n_iter_, model.best_epoch_) == (run["epochs"], run["best_epoch"])


def test_a_binary_positive_class_is_named_by_its_label():
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    model = AttentionClassifier(epochs=15, positive=1).fit(X, y)
    other = AttentionClassifier(epochs=15, positive=0).fit(X, y)
    assert model.metrics_["valid"]["accuracy"] == other.metrics_["valid"]["accuracy"]
    assert model.metrics_["valid"]["f1"] != other.metrics_["valid"]["f1"]
    with pytest.raises(ValueError, match="positive=2 is not one of the classes 0, 1"):
        AttentionClassifier(epochs=2, positive=2).fit(X, y)


# -- model files -----------------------------------------------------------------------------
def _penguins() -> tuple[pd.DataFrame, pd.Series]:
    frame = pd.read_csv(PENGUINS)
    return frame.drop(columns="species"), frame["species"]


def test_a_notebook_model_is_saved_as_the_apps_model_and_predict_scores_with_it(tmp_path):
    X, y = _penguins()
    model = AttentionClassifier(epochs=30, seed=2).fit(X, y)
    path = tmp_path / "notebook.atmodel"
    model.save(path)
    out = tmp_path / "scored.csv"
    summary = cli("predict", str(path), str(PENGUINS), "--output", str(out))
    scored = pd.read_csv(out)
    assert summary["classes"] == list(model.classes_)
    proba = scored[[f"proba_{c}" for c in model.classes_]].to_numpy()
    # the command line scores in float32, the estimator in float64
    assert np.abs(proba - model.predict_proba(X)).max() < 1e-5
    assert (scored["prediction"] == model.predict(X)).all()
    assert summary["metrics"]["accuracy"] == pytest.approx(model.score(X, y))
    again = AttentionClassifier.load(path)
    assert again.get_params() == model.get_params()
    np.testing.assert_array_equal(again.predict_proba(X), model.predict_proba(X))
    assert list(again.feature_names_in_) == list(X.columns)


def test_a_command_line_model_loads_into_an_estimator(tmp_path):
    path = tmp_path / "cli.atmodel"
    cli("train", str(PENGUINS), "--target", "species", "--epochs", "25", "--hidden", "16,8",
        "--save", str(path))
    out = tmp_path / "scored.csv"
    cli("predict", str(path), str(PENGUINS), "--output", str(out))
    model = AttentionClassifier.load(path)
    assert model.get_params()["epochs"] == 25 and model.get_params()["hidden"] == (16, 8)
    assert list(model.classes_) == ["Adelie", "Chinstrap", "Gentoo"]
    X, y = _penguins()
    scored = pd.read_csv(out)
    proba = scored[[f"proba_{c}" for c in model.classes_]].to_numpy()
    assert np.abs(proba - model.predict_proba(X[model.feature_names_in_])).max() < 1e-5
    assert model.score(X[model.feature_names_in_], y) == pytest.approx(
        (scored["prediction"] == y).mean())
    assert model.attention_.sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="holds a classification model; open it with "
                                         "AttentionClassifier.load"):
        AttentionRegressor.load(path)


def test_a_model_fitted_on_arrays_comes_back_the_same(tmp_path):
    X, y = load_breast_cancer(return_X_y=True)
    model = AttentionClassifier(epochs=15, repeats=2).fit(X, y)
    assert not hasattr(model, "feature_names_in_") and model.n_features_in_ == 30
    path = tmp_path / "arrays.atmodel"
    model.save(path)
    again = AttentionClassifier.load(path)
    assert not hasattr(again, "feature_names_in_") and again.n_features_in_ == 30
    np.testing.assert_array_equal(again.classes_, [0, 1])
    np.testing.assert_array_equal(again.predict(X), model.predict(X))
    np.testing.assert_array_equal(again.predict_proba(X), model.predict_proba(X))


# -- data as analysts have it ----------------------------------------------------------------
def test_a_column_left_out_is_said_and_weighs_nothing():
    X, y = load_wine(return_X_y=True, as_frame=True)
    X = X.assign(batch=1.0)
    with pytest.warns(UserWarning, match="column 'batch' is left out: constant"):
        model = AttentionClassifier(epochs=10).fit(X, y)
    assert model.attention_[list(X.columns).index("batch")] == 0.0
    assert model.attention_.sum() == pytest.approx(1.0)
    assert model.n_features_in_ == 14 and "batch" in model.excluded_


@pytest.mark.parametrize(("labels", "message"), [
    (["a", "a "], "two class labels read as the same class 'a'"),
    (["yes", "NA"], "the class label 'NA' reads as a missing value"),
])
def test_class_labels_the_reader_cannot_tell_apart_are_refused(labels, message):
    X, _ = load_wine(return_X_y=True)
    y = np.array(labels * (len(X) // 2) + labels[:len(X) % 2], dtype=object)
    with pytest.raises(ValueError, match=message):
        AttentionClassifier(epochs=2).fit(X, y)


def test_class_weight_takes_a_weight_per_label():
    X, y = load_wine(return_X_y=True)
    plain = AttentionClassifier(epochs=20).fit(X, y)
    heavy = AttentionClassifier(epochs=20, class_weight={2: 50.0}).fit(X, y)
    assert (heavy.predict(X) == 2).sum() > (plain.predict(X) == 2).sum()
    with pytest.raises(ValueError, match="class_weight names 7, which is not a class"):
        AttentionClassifier(epochs=2, class_weight={7: 1.0}).fit(X, y)


def test_it_works_in_a_grid_search():
    X, y = load_wine(return_X_y=True, as_frame=True)
    search = GridSearchCV(AttentionClassifier(epochs=15), {"hidden": [(), (8,)]}, cv=2)
    search.fit(X, y)
    assert search.best_params_["hidden"] in [(), (8,)]
    assert search.best_estimator_.score(X, y) > 0.8


def test_without_scikit_learn_one_sentence_says_what_to_install():
    code = ("import sys; sys.modules['sklearn'] = None\n"
            "import attn_gui\n"
            "try:\n    attn_gui.AttentionClassifier\n"
            "except ImportError as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=dict(os.environ)).stdout.strip()
    assert out == ("AttentionClassifier and AttentionRegressor need scikit-learn 1.6 or newer: "
                   "pip install 'attn-gui[sklearn]'")


def test_fitting_does_not_change_the_callers_frame():
    X, y = _penguins()
    before = X.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AttentionClassifier(epochs=3).fit(X, y)
    pd.testing.assert_frame_equal(X, before)


def test_labels_the_app_orders_otherwise_keep_their_columns_through_a_model_file(tmp_path):
    """"10" sorts before "2" for NumPy (classes_) and after it for the app (its outputs)."""
    X, y = load_wine(return_X_y=True)
    labels = np.array(["10", "2", "a"], dtype=object)[y]
    model = AttentionClassifier(epochs=20, class_weight={"a": 2.0}).fit(X, labels)
    assert list(model.classes_) == ["10", "2", "a"]
    proba = model.predict_proba(X)
    np.testing.assert_array_equal(model.classes_[proba.argmax(axis=1)], model.predict(X))
    assert model.score(X, labels) > 0.9
    model.save(tmp_path / "m.atmodel")
    again = AttentionClassifier.load(tmp_path / "m.atmodel")
    assert again.get_params() == model.get_params()
    np.testing.assert_array_equal(again.classes_, model.classes_)
    np.testing.assert_array_equal(again.predict_proba(X), proba)


def test_a_binary_models_positive_class_and_threshold_come_back(tmp_path):
    X, y = load_breast_cancer(return_X_y=True)
    labels = np.where(y == 1, "benign", "malignant")
    model = AttentionClassifier(epochs=10, positive="benign", threshold=0.9).fit(X, labels)
    calls = model.predict(X)
    assert (calls == "benign").sum() == (model.predict_proba(X)[:, 0] >= 0.9).sum()
    model.save(tmp_path / "b.atmodel")
    again = AttentionClassifier.load(tmp_path / "b.atmodel")
    assert (again.positive, again.threshold) == ("benign", 0.9)
    np.testing.assert_array_equal(again.predict(X), calls)
