"""scikit-learn estimators over the app's engine, for notebooks:

    from attn_gui import AttentionClassifier
    model = AttentionClassifier(epochs=100, repeats=5).fit(X, y)
    model.attention_, model.predict_proba(X_new)

The constructor's parameters are the settings of `train` on the command line, made from
their one declaration (`core/config.py`), with the same defaults and checks. `fit` puts X
and y into one table, gives it the reader's column analysis (`core.io.frame_table`) and
trains through `core.repeats.train_runs`, the loop the command line and the window use,
so a notebook, `main.py train` and the window train the same run from the same data and
settings. `predict` goes through `core.predict.outputs`, as `main.py predict` does, and
`save` writes the app's own model file, which `predict` and `load` read back.

scikit-learn is an optional extra (`pip install 'attn-gui[sklearn]'`); the core never
imports it.
"""

from __future__ import annotations

import dataclasses
import inspect
import textwrap
import warnings
from typing import Any

import numpy as np
import pandas as pd

try:
    from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError:  # scikit-learn older than 1.6 lacks validate_data
    raise ImportError("AttentionClassifier and AttentionRegressor need scikit-learn 1.6 or "
                      "newer: pip install 'attn-gui[sklearn]'") from None

from .core.config import OPTIONS, TrainConfig
from .core.io import frame_table
from .core.metrics import predicted_classes
from .core.model import AttentionNet
from .core.predict import outputs
from .core.preprocess import target_labels
from .core.project import SavedModel, load_model, save_model, saved_model
from .core.repeats import summarise, train_runs

__all__ = ["NOT_PARAMETERS", "AttentionClassifier", "AttentionRegressor", "parameters"]

# Settings of `train` that are no parameters here, and why.
NOT_PARAMETERS = {
    "target": "y is the target",
    "features": "X's columns are the features (select columns before fit)",
    "task": "the estimator's class says it",
}
# Settings that mean something for classes only: not parameters of the regressor.
CLASSIFICATION_ONLY = ("positive", "class_weight", "threshold", "fp_cost")
# What a model file keeps of the estimator that fitted it (in its free-form summary).
_SUMMARY_KEY = "estimator"


def parameters(classifier: bool) -> tuple[str, ...]:
    """The constructor's parameters, in the order the settings are declared."""
    return tuple(name for name in OPTIONS if name not in NOT_PARAMETERS
                 and (classifier or name not in CLASSIFICATION_ONLY))


def _default(name: str) -> Any:
    default = OPTIONS[name].default
    # scikit-learn wants immutable defaults: hidden layers are a tuple, (32,)
    return tuple(default) if isinstance(default, list) else default


def _signature(names: tuple[str, ...]) -> inspect.Signature:
    keyword = inspect.Parameter.KEYWORD_ONLY
    return inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(name, keyword, default=_default(name)) for name in names])


def _init_for(names: tuple[str, ...]):
    """An `__init__` taking exactly these keyword parameters and storing them unchanged,
    with the signature scikit-learn's get_params, clone and a notebook's help read."""
    signature = _signature(names)

    def __init__(self, **params):
        bound = signature.bind(self, **params)  # TypeError on an unknown name, as usual
        bound.apply_defaults()
        for name in names:
            setattr(self, name, bound.arguments[name])

    __init__.__signature__ = signature
    return __init__


# Where a parameter takes more than its setting on the command line
_KINDS = {"positive": "a class label (as in y)",
          "class_weight": "{'none', 'balanced'} or dict of class label to weight"}


def _doc(summary: str, names: tuple[str, ...], attributes: str) -> str:
    lines = [summary, "", "Parameters", "----------"]
    for name in names:
        option = OPTIONS[name]
        kind = {"sizes": "tuple of int", "text": "str"}.get(option.kind, option.kind)
        if option.values:
            kind = "{" + ", ".join(repr(v) for v in option.values) + "}"
        kind = _KINDS.get(name, kind)
        lines.append(f"{name} : {kind}, default={_default(name)!r}")
        lines.append(textwrap.fill(option.help, 84, initial_indent="    ",
                                   subsequent_indent="    "))
    return "\n".join([*lines, "", "Attributes", "----------", textwrap.dedent(attributes)])


def _plain(value: Any) -> Any:
    """NumPy scalars (a grid search's np.arange) as the Python numbers settings are."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple | np.ndarray):
        return [_plain(v) for v in value]
    return value


class _AttentionEstimator(BaseEstimator):
    """What both estimators share: the table, the runs, the model file."""

    _task = ""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # missing values are imputed (the `missing` setting), and a frame's text and
        # category columns are one-hot encoded, as in a CSV
        tags.input_tags.allow_nan = True
        tags.input_tags.categorical = True
        return tags

    # -- input -------------------------------------------------------------------------
    def _names(self, n: int) -> list[str]:
        names = getattr(self, "feature_names_in_", None)
        return [str(name) for name in names] if names is not None else [f"x{i}" for i in range(n)]

    def _validate(self, X, y=None, reset: bool = True):
        """X as a data frame with the columns' names (x0, x1, … without names), and y."""
        options = {"reset": reset, "ensure_all_finite": False,
                   "ensure_min_samples": 2 if reset else 1}
        if reset:
            options["y"] = y
            options["y_numeric"] = self._task == "regression"
        if isinstance(X, pd.DataFrame):
            checked = validate_data(self, X, dtype=None, **options)
            frame = X
        else:
            try:
                checked = validate_data(self, X, dtype="numeric", **options)
            except ValueError as exc:  # text in an object array: the reader reads it as text
                if "could not convert" not in str(exc):
                    raise
                checked = validate_data(self, X, dtype=None, **options)
            frame = pd.DataFrame(checked[0] if reset else checked)
        y_checked = checked[1] if reset else None
        return frame.set_axis(self._names(frame.shape[1]), axis=1), y_checked

    def _config(self, target: str, **overrides) -> TrainConfig:
        names = parameters(self._task == "classification")
        values = {name: _plain(getattr(self, name)) for name in names}
        return TrainConfig(**{**values, **overrides}, target=target, task=self._task).validate()

    @staticmethod
    def _target_name(y, names: list[str]) -> str:
        """y's own name when it has one, else "y"; never one of X's columns."""
        name = y.name if isinstance(getattr(y, "name", None), str) else "y"
        base, k = name, 1
        while name in names:
            k += 1
            name = f"{base}_{k}"
        return name

    # -- fitting -----------------------------------------------------------------------
    def _train(self, X, y, config_for, class_weights=None) -> None:
        """Train as `main.py train` does, with the settings `config_for(target, table, y)`
        gives; set the fitted attributes every estimator has."""
        frame, checked = self._validate(X, y)
        names = list(frame.columns)
        target = self._target_name(y, names)
        table = frame_table(frame.assign(**{target: checked}))
        config = config_for(target, table, checked)
        runs = train_runs(table, config, class_weights=class_weights)
        kept = runs[0]
        data, summary = kept.data, summarise(runs)
        self.model_ = saved_model(kept.trainer.config, data, kept.trainer, kept.final)
        self.model_.summary[_SUMMARY_KEY] = {"columns": names,
                                             "named": hasattr(self, "feature_names_in_")}
        self.excluded_ = {name: str(reason) for name, reason in data.excluded.items()}
        for name, reason in self.excluded_.items():
            warnings.warn(f"column '{name}' is left out: {reason}", UserWarning, stacklevel=3)
        self._set_summary(names, summary["attention"], summary["attention_sd"])
        self.metrics_, self.metrics_sd_ = summary["metrics"], summary["metrics_sd"]
        self.stability_ = summary["stability"]
        self.n_iter_, self.best_epoch_ = kept.final.epoch, kept.final.best_epoch
        self.history_ = kept.final.history

    def _set_summary(self, names: list[str], attention: dict, spread: dict | None) -> None:
        """Attention per input column in X's order; a column left out has weight 0."""
        self.attention_ = np.array([attention.get(name, 0.0) for name in names])
        self.attention_sd_ = (None if spread is None
                              else np.array([spread.get(name, 0.0) for name in names]))

    def _outputs(self, X) -> np.ndarray:
        """The network's outputs for X, computed in float64: in the float32 it trains in, a
        row's output moves by ~1e-7 with the rows scored beside it (BLAS picks its kernels
        by the batch's size), and scikit-learn wants a row's prediction to be its own."""
        check_is_fitted(self)
        frame, _ = self._validate(X, reset=False)
        saved = self.model_
        net = AttentionNet(saved.model.spec, dtype=np.float64)
        net.params = {k: v.astype(np.float64) for k, v in saved.model.params.items()}
        return outputs(dataclasses.replace(saved, model=net), frame_table(frame))[1]

    # -- model files -------------------------------------------------------------------
    def save(self, path) -> None:
        """Write the fitted model as the app's model file (what `train --save` writes):
        `main.py predict` scores a file with it, and `load` reads it back."""
        check_is_fitted(self)
        save_model(path, self.model_)

    @classmethod
    def load(cls, path):
        """A fitted estimator from a model file the app, the command line (`train --save`)
        or `save` wrote; its parameters are the settings the model was trained with. A
        model file keeps one model: attention_ is its own (the kept run's, with repeats),
        and attention_sd_, history_, n_iter_ and best_epoch_ are None."""
        saved = load_model(path)
        if saved.task != cls._task:
            other = "AttentionClassifier" if saved.task == "classification" else "AttentionRegressor"
            raise ValueError(f"'{path}' holds a {saved.task} model; open it with {other}.load")
        names = parameters(cls._task == "classification")
        params = {name: getattr(saved.config, name) for name in names}
        params["hidden"] = tuple(params["hidden"])
        estimator = cls(**params)
        estimator._restore(saved)
        return estimator

    def _restore(self, saved: SavedModel) -> None:
        kept = saved.summary.get(_SUMMARY_KEY) or {}
        names = list(kept.get("columns") or saved.preprocessor.features)
        self.n_features_in_ = len(names)
        if kept.get("named", True):
            self.feature_names_in_ = np.array(names, dtype=object)
        self.model_ = saved
        self.excluded_ = {}
        self._set_summary(names, saved.summary["attention"], None)
        self.metrics_, self.metrics_sd_, self.stability_ = saved.summary["metrics"], None, None
        self.history_ = self.n_iter_ = self.best_epoch_ = None


class AttentionClassifier(ClassifierMixin, _AttentionEstimator):
    _task = "classification"
    __init__ = _init_for(parameters(True))

    def fit(self, X, y):
        """Train on X (an array, or a data frame whose text columns are categories) and the
        class labels y. Returns the estimator."""
        found: dict = {}
        weights = self.class_weight if isinstance(self.class_weight, dict) else None

        def config_for(target, table, labels):
            check_classification_targets(labels)
            classes, texts = _label_texts(table, target, labels)
            found.update(classes=classes, texts=texts)
            positive = None if self.positive is None else _text_of(self.positive, classes, texts)
            return self._config(target, positive=positive,
                                class_weight="none" if weights is not None else self.class_weight)

        def class_weights(data) -> np.ndarray:
            return _engine_weights(weights, found["classes"], found["texts"], data.classes)

        self._train(X, y, config_for, None if weights is None else class_weights)
        self.classes_, self._label_text = found["classes"], found["texts"]
        self.model_.summary[_SUMMARY_KEY].update(
            classes=[[_plain(c), t] for c, t in zip(self.classes_, self._label_text, strict=True)],
            class_weight=None if weights is None else [[_plain(k), float(v)]
                                                       for k, v in weights.items()])
        return self

    def _engine_order(self) -> np.ndarray:
        """For each class of classes_, its column among the network's outputs."""
        classes = self.model_.target_info.classes
        return np.array([classes.index(text) for text in self._label_text])

    def predict_proba(self, X) -> np.ndarray:
        """The probability of each class (columns in the order of classes_)."""
        return self._outputs(X)[:, self._engine_order()]

    def predict(self, X) -> np.ndarray:
        """The class of each row: the most probable, or for two classes the positive one
        wherever its probability is at least `threshold`, as the app decides."""
        out = self._outputs(X)
        chosen = predicted_classes(out, self.model_.positive, self.model_.threshold)
        by_engine = np.empty(len(self.classes_), dtype=self.classes_.dtype)
        by_engine[self._engine_order()] = self.classes_
        return by_engine[chosen]

    def _restore(self, saved: SavedModel) -> None:
        super()._restore(saved)
        kept = saved.summary.get(_SUMMARY_KEY) or {}
        pairs = kept.get("classes")
        if pairs is None:  # a model the app trained: classes that are whole numbers are numbers
            texts = list(saved.target_info.classes)
            whole = all(_is_int(t) for t in texts)
            pairs = [[int(t) if whole else t, t] for t in texts]
        labels = np.array([label for label, _ in pairs])
        order = np.argsort(labels, kind="stable")  # sorted, as np.unique(y) gives them
        self.classes_ = labels[order]
        self._label_text = [pairs[i][1] for i in order]
        if saved.config.positive is not None:
            self.positive = _plain(self.classes_[self._label_text.index(saved.config.positive)])
        if kept.get("class_weight") is not None:
            self.class_weight = {label: weight for label, weight in kept["class_weight"]}


def _label_texts(table, target: str, y: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """classes_ (np.unique(y), as scikit-learn orders them) and the text the engine reads
    each of them as; a label read as missing, or two read as one, is refused."""
    classes = np.unique(y)
    read = target_labels(table.frame[target], table.info(target).labels)
    texts = []
    for label in classes:
        seen = set(read[y == label].tolist())
        if None in seen:
            raise ValueError(f"the class label {label!r} reads as a missing value (as NA, "
                             "None, '?' and '-' do in a CSV); give it another name")
        texts.append(seen.pop())
    doubled = [t for t in texts if texts.count(t) > 1]
    if doubled:
        raise ValueError(f"two class labels read as the same class '{doubled[0]}' (they "
                         "differ only in spaces or in how a number is written)")
    return classes, texts


def _text_of(label, classes: np.ndarray, texts: list[str]) -> str:
    for known, text in zip(classes.tolist(), texts, strict=True):
        if known == label:
            return text
    raise ValueError(f"positive={label!r} is not one of the classes "
                     f"{', '.join(map(repr, classes.tolist()))}")


def _engine_weights(weights: dict, classes: np.ndarray, texts: list[str],
                    engine_classes: list[str]) -> np.ndarray:
    """`class_weight={label: weight}` as the engine's weights, in its class order; a class
    not named weighs 1, as in scikit-learn."""
    unknown = [k for k in weights if k not in classes.tolist()]
    if unknown:
        raise ValueError(f"class_weight names {unknown[0]!r}, which is not a class")
    out = np.ones(len(engine_classes))
    for label, text in zip(classes.tolist(), texts, strict=True):
        weight = float(weights.get(label, 1.0))
        if not (np.isfinite(weight) and weight >= 0):
            raise ValueError(f"class_weight of {label!r} must be a number ≥ 0, not {weight}")
        out[engine_classes.index(text)] = weight
    return out


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


class AttentionRegressor(RegressorMixin, _AttentionEstimator):
    _task = "regression"
    __init__ = _init_for(parameters(False))

    def fit(self, X, y):
        """Train on X (an array, or a data frame whose text columns are categories) and the
        numbers y. Returns the estimator."""
        self._train(X, y, lambda target, table, values: self._config(target))
        return self

    def predict(self, X) -> np.ndarray:
        out = self._outputs(X).ravel()
        info = self.model_.target_info
        return out * info.std + info.mean


_ATTRIBUTES = """\
    attention_ : ndarray of shape (n_features_in_,)
        The weight of each column of X, summing to 1: the mean over the runs with
        `repeats` or `cv` (over the validation rows for per-row attention); 0 for a
        column left out (see excluded_).
    attention_sd_ : ndarray of shape (n_features_in_,) or None
        The sample standard deviation of each weight across the runs; None for one run.
    metrics_, metrics_sd_ : dict
        {"train": {...}, "valid": {...}}: the metrics `main.py train --json` reports.
    stability_ : dict or None
        How alike the runs' attention is (mean Pearson r, total variation).
    excluded_ : dict
        Columns left out, and why (constant, empty, an ID, free text).
    n_iter_, best_epoch_ : int
        Epochs trained, and the epoch whose weights were kept (the kept, first run's).
    history_ : dict
        The kept run's curves, one value per epoch.
    model_ : SavedModel
        What `save` writes: the network, its preprocessing and the target's encoding.
    n_features_in_, feature_names_in_
        As in scikit-learn; feature names when X was a data frame with text names.
"""

AttentionClassifier.__doc__ = _doc(
    "A feature-attention network that predicts classes, with the settings of "
    "`main.py train`.", parameters(True),
    "    classes_ : ndarray\n        The class labels, sorted.\n" + _ATTRIBUTES)
AttentionRegressor.__doc__ = _doc(
    "A feature-attention network that predicts a number, with the settings of "
    "`main.py train`.", parameters(False), _ATTRIBUTES)
