"""From a read table and a TrainConfig to training and validation arrays.

Resolves the target, the features and the task, splits (stratified, seeded),
fits the preprocessing on the training rows only and encodes the target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .config import TrainConfig
from .errors import Phrase, UserError
from .io import Table, infer_task
from .metrics import ARGMAX_THRESHOLD, classification_metrics, regression_metrics
from .preprocess import Preprocessor, target_labels
from .thresholds import check_binary_settings

if TYPE_CHECKING:
    import pandas as pd
# pandas is imported inside the functions that use it: it is kept off the window's start-up path

# Targets are turned into labels this many rows at a time: a label array and hash table of
# a million rows at once would be tens of MiB that the process keeps after they are freed.
_CHUNK_ROWS = 65_536


class DataError(UserError):
    """The data cannot be used with these settings (one sentence)."""


@dataclass
class TargetInfo:
    """How the target column becomes y: class labels, or the standardisation of a number."""

    task: str
    classes: list[str] = field(default_factory=list)
    mean: float = 0.0
    std: float = 1.0

    def encode(self, col: pd.Series, words: tuple[str, str] | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """y and the mask of rows whose target is usable (known label, finite number).

        `words` are the texts a boolean column was read from (ColumnInfo.labels).
        """
        import pandas as pd

        if self.task == "classification":
            codes = np.empty(len(col), dtype=np.int64)
            for start in range(0, len(col), _CHUNK_ROWS):
                labels = target_labels(col.iloc[start : start + _CHUNK_ROWS], words)
                codes[start : start + len(labels)] = pd.Categorical(
                    labels, categories=self.classes).codes
            return codes, codes >= 0
        v = pd.to_numeric(col, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        ok = np.isfinite(v)
        return (np.where(ok, v, 0.0) - self.mean) / self.std, ok

    def metrics(self, y: np.ndarray, out: np.ndarray, positive: int | None,
                threshold: float = ARGMAX_THRESHOLD, scores: bool = True) -> dict:
        """Metrics of encoded targets y against network outputs, in the target's own units;
        `threshold`: the positive class's decision threshold (two classes); `scores`: with
        the ranking and calibration scores of classification (see classification_metrics)."""
        if self.task == "classification":
            return classification_metrics(y, out, positive, threshold, scores)
        # float64: back in the target's units a float32 value may pass 3.4e38
        y, out = np.asarray(y, np.float64), np.asarray(out, np.float64)
        return regression_metrics(y * self.std + self.mean, out * self.std + self.mean)

    def to_dict(self) -> dict:
        return {"task": self.task, "classes": self.classes, "mean": self.mean, "std": self.std}


@dataclass
class Dataset:
    task: str
    target: str
    features: list[str]
    excluded: dict[str, str]
    target_info: TargetInfo
    positive: int | None
    preprocessor: Preprocessor
    X_train: np.ndarray
    y_train: np.ndarray
    X_valid: np.ndarray
    y_valid: np.ndarray
    report: dict  # what preprocessing did, for the user
    # Position of each validation row in the frame it came from, so a row's attention can
    # be shown next to its original values.
    valid_rows: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    @property
    def classes(self) -> list[str]:
        return self.target_info.classes

    @property
    def groups(self) -> np.ndarray:
        return self.preprocessor.groups


def resolve_columns(table: Table, config: TrainConfig) -> tuple[str, list[str], str]:
    """Target, features and task the run will use, or a DataError saying what to change."""
    names = list(table.frame.columns)
    target = config.target or table.default_target()
    if target not in names:
        raise DataError("unknown target column '{target}'; the columns are: {columns}",
                        target=target, columns=_list(names))
    if config.features:
        unknown = [f for f in config.features if f not in names]
        if unknown:
            raise DataError("unknown feature column(s) {unknown}; the columns are: {columns}",
                            unknown=_list(unknown), columns=_list(names))
        features = list(dict.fromkeys(f for f in config.features if f != target))
    else:
        features = table.default_features(target)
    if not features:
        raise DataError(
            "no usable feature column besides the target '{target}' "
            "(the others are excluded as IDs, constant or empty); choose features with --features",
            target=target
        )
    task = config.task or infer_task(table.frame[target], table.info(target).kind)
    return target, features, task


def prepare(table: Table, config: TrainConfig, valid_table: Table | None = None,
            rows: tuple[np.ndarray, np.ndarray] | None = None) -> Dataset:
    """`rows`: the training and validation rows (positions in the table) instead of a
    seeded split, as cross-validation's folds give them."""
    target, features, task = resolve_columns(table, config)
    frame = table.frame
    rng = np.random.default_rng(config.seed)
    report: dict = {}
    info = _target_info(table, target, task)
    words = table.info(target).labels
    y_all, usable = info.encode(frame[target], words)
    report["rows_without_target"] = int((~usable).sum())
    _check_targets(info, usable, target, len(frame), config.positive)
    check_binary_settings(config.threshold, config.fp_cost, task, len(info.classes), target)
    train_idx, valid_idx, valid_frame, valid_rows = _split_rows(
        table, valid_table, [*features, target], y_all, usable, task, config, rng, rows)
    valid_words = valid_table.info(target).labels if valid_table is not None else words
    pre, X_train, y_train = _training_rows(table, config, features, target, info, y_all,
                                           train_idx, report)
    X_valid, y_valid, valid_ok = _validation_rows(pre, info, valid_frame, valid_rows, target,
                                                  valid_words, report)
    _check_arrays(pre, info, (X_train, y_train), (X_valid, y_valid), features, target,
                  int(usable.sum()), valid_table is not None)
    excluded = {c.name: c.excluded for c in table.columns
                if c.excluded and c.name != target and c.name not in features}
    dtype_X = np.float32
    return Dataset(
        task=task, target=target, features=features, excluded=excluded, target_info=info,
        positive=_positive_class(info, config.positive, y_train, target), preprocessor=pre,
        X_train=X_train.astype(dtype_X, copy=False), y_train=_y_dtype(y_train, task),
        X_valid=X_valid.astype(dtype_X, copy=False), y_valid=_y_dtype(y_valid, task),
        report=report, valid_rows=valid_idx[valid_ok],
    )


def _target_info(table: Table, target: str, task: str) -> TargetInfo:
    """How the target becomes y; for classification, its classes in a stable order."""
    if table.info(target).kind == "empty":
        raise DataError("the target '{target}' is empty in every row; choose another target",
                        target=target)
    if table.info(target).kind == "date":
        raise DataError("the target '{target}' holds dates, which cannot be predicted here; "
                        "choose another target", target=target)
    if task != "classification":
        return TargetInfo(task)
    words = table.info(target).labels
    classes = sorted(distinct_labels(table.frame[target], words), key=label_sort_key)
    if len(classes) < 2:
        only = f" ('{classes[0]}')" if classes else ""
        raise DataError(
            "the target '{target}' has only one class{only}; a classifier needs at least two: "
            "choose another target or use --task regression", target=target, only=only
        )
    return TargetInfo(task, classes=classes)


def _check_targets(info: TargetInfo, usable: np.ndarray, target: str, n_rows: int,
                   positive: str | None) -> None:
    """Enough usable target values, not too many classes, and --positive only for two."""
    task = info.task
    if not usable.any():
        if task == "regression":
            raise DataError("no row of the target '{target}' holds a number; choose another "
                            "target or use --task classification", target=target)
        raise DataError("no row of the target '{target}' holds a value; choose another target",
                        target=target)
    if task == "classification" and len(info.classes) > max(n_rows // 2, 2):
        raise DataError("the target '{target}' has {classes} classes in {rows} rows, "
                        "too many to learn; use --task regression for a numeric target",
                        target=target, classes=len(info.classes), rows=n_rows)
    if positive is not None and len(info.classes) != 2:
        raise DataError("--positive applies to a target with two classes; "
                        "'{target}' has {classes} classes",
                        target=target, classes=len(info.classes) or Phrase("no"))


def _split_rows(table: Table, valid_table: Table | None, needed: list[str], y_all: np.ndarray,
                usable: np.ndarray, task: str, config: TrainConfig, rng: np.random.Generator,
                rows: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray, pd.DataFrame, np.ndarray | None]:
    """Training rows, validation rows, the frame those come from, and the validation rows'
    positions in it (None: all of a separate validation file)."""
    if valid_table is not None:
        missing = [c for c in needed if c not in valid_table.frame.columns]
        if missing:
            raise DataError(
                "the validation file lacks column(s) {columns} that the training file has; "
                "use a file with the same columns", columns=_list(missing)
            )
        train_idx = np.flatnonzero(usable)
        valid_frame = valid_table.frame
        valid_idx = np.arange(len(valid_frame))
        valid_rows = None
    else:
        train_idx, valid_idx = rows if rows is not None else split(
            y_all, usable, task, config.valid_fraction, rng)
        # the splits stay positions in the frame: preprocessing takes the feature columns
        # it needs one at a time, never a copy of every column of every row
        valid_frame, valid_rows = table.frame, valid_idx
    if len(train_idx) < 2:
        raise DataError("fewer than 2 training rows have a target value; the file is too small to train on")
    return train_idx, valid_idx, valid_frame, valid_rows


def _training_rows(table: Table, config: TrainConfig, features: list[str], target: str,
                   info: TargetInfo, y_all: np.ndarray, train_idx: np.ndarray, report: dict
                   ) -> tuple[Preprocessor, np.ndarray, np.ndarray]:
    """The preprocessing fitted on the training rows, their matrix and their y (a numeric
    target standardised, its mean and spread kept in `info`)."""
    frame = table.frame
    kinds = {f: table.info(f).kind for f in features}
    feature_words = {f: table.info(f).labels for f in features if table.info(f).labels}
    orders = {f: table.info(f).order for f in features if table.info(f).order}
    pre = Preprocessor(config.preprocess_spec()).fit(frame, features, kinds, feature_words,
                                                     rows=train_idx, orders=orders)
    X_train, keep, report["train"] = pre.transform(frame, rows=train_idx)
    y_train = y_all[train_idx][keep]
    if info.task == "regression":
        info.mean = float(y_train.mean())
        with np.errstate(over="ignore", invalid="ignore"):
            info.std = float(y_train.std())
        if not (np.isfinite(info.mean) and np.isfinite(info.std)):
            raise DataError("the target '{target}' holds numbers too large to model "
                            "(beyond ±1e154); rescale it", target=target)
        if info.std == 0:
            raise DataError("the target '{target}' has the same value in every training row; "
                            "there is nothing to predict", target=target)
        y_train = (y_train - info.mean) / info.std
    return pre, X_train, y_train


def _validation_rows(pre: Preprocessor, info: TargetInfo, frame: pd.DataFrame,
                     rows: np.ndarray | None, target: str, words: tuple[str, str] | None,
                     report: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The validation matrix and y, without the rows whose target is unusable, and the mask
    of the rows kept."""
    # Validation rows are never dropped: they are imputed and clipped like new data.
    X_valid, _, report["valid"] = _transform(pre, frame, rows)
    valid_target = frame[target]
    if rows is not None:
        valid_target = valid_target.iloc[rows]
    y_valid, valid_ok = info.encode(valid_target, words)
    if not valid_ok.all():
        X_valid, y_valid = X_valid[valid_ok], y_valid[valid_ok]
    report["valid"]["rows_without_usable_target"] = int((~valid_ok).sum())
    return X_valid, y_valid, valid_ok


def _check_arrays(pre: Preprocessor, info: TargetInfo, train: tuple[np.ndarray, np.ndarray],
                  valid: tuple[np.ndarray, np.ndarray], features: list[str], target: str,
                  n_usable: int, valid_file: bool) -> None:
    """The training and validation arrays are finite and neither is empty."""
    (X_train, y_train), (X_valid, y_valid) = train, valid
    task = info.task
    if X_train.shape[1] == 0:
        raise DataError("the feature column(s) {features} hold no value in the rows where "
                        "'{target}' has one; choose other features",
                        features=_list(features), target=target)
    for X in (X_train, X_valid):
        _check_finite(X, pre)
    if task == "regression":
        with np.errstate(over="ignore"):
            scaled = [_y_dtype(y, task) for y in (y_train, y_valid)]
        if not all(np.isfinite(y).all() for y in scaled):
            raise DataError("the target '{target}' holds values too far from the others to model "
                            "(beyond ±3.4e38 after scaling); rescale it or remove those rows",
                            target=target)
    if len(X_train) == 0:
        raise DataError("no training rows are left after preprocessing; choose another missing-value or outlier setting")
    if len(X_valid) == 0:
        if valid_file:
            raise DataError("no row of the validation file has a usable target value; "
                            "use another --valid-data file")
        raise DataError("the validation set is empty: {rows} rows with a target value "
                        "are too few to set some aside; use a larger file or validation fraction",
                        rows=n_usable)
    if task == "classification" and len(np.unique(y_train)) < 2:
        raise DataError("the training rows of '{target}' hold only one class after preprocessing; "
                        "choose another missing-value or outlier setting", target=target)


def _positive_class(info: TargetInfo, positive: str | None, y_train: np.ndarray,
                    target: str) -> int | None:
    """Index of the class precision, recall and F1 are about: the one asked for, else the
    rarer in training. None unless the target has two classes."""
    if info.task != "classification" or len(info.classes) != 2:
        return None
    if positive is not None:
        if positive not in info.classes:
            raise DataError("the positive class '{positive}' is not a class of '{target}'; "
                            "the classes are: {classes}",
                            positive=positive, target=target, classes=_list(info.classes))
        return info.classes.index(positive)
    counts = np.bincount(y_train, minlength=2)
    return int(counts.argmin())  # ties go to the first class, as argmin does


def _check_finite(X: np.ndarray, pre: Preprocessor) -> None:
    """Values beyond float32's range (±3.4e38) become infinite when the matrix is built."""
    bad = np.zeros(X.shape[1], dtype=bool)
    for start in range(0, len(X), _CHUNK_ROWS):  # not a boolean copy of the whole matrix
        bad |= ~np.isfinite(X[start : start + _CHUNK_ROWS]).all(axis=0)
    if bad.any():
        groups = pre.groups
        names = sorted({pre.features[groups[j]] for j in np.flatnonzero(bad)})
        raise DataError("column(s) {columns} hold numbers too large to train on "
                        "(beyond ±3.4e38 after scaling); rescale them or leave them out",
                        columns=_list(names))


def distinct_labels(col: pd.Series, words: tuple[str, str] | None = None) -> list[str]:
    """The target's labels in order of first appearance, missing values left out."""
    import pandas as pd

    seen: dict[str, None] = {}
    for start in range(0, len(col), _CHUNK_ROWS):
        labels = target_labels(col.iloc[start : start + _CHUNK_ROWS], words)
        seen.update(dict.fromkeys(pd.unique(labels[pd.notna(labels)]).tolist()))
    return list(seen)


def _transform(pre: Preprocessor, frame: pd.DataFrame, rows: np.ndarray | None):
    try:
        return pre.transform(frame, drop_rows=False, rows=rows)
    except KeyError as exc:
        raise DataError("the file lacks the feature column(s) {columns}",
                        columns=_list(exc.args[0])) from None


def split(y: np.ndarray, usable: np.ndarray, task: str, fraction: float,
          rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Seeded split of the usable rows; stratified by class for classification."""
    # Masks and bincount rather than sorting copies of every row (np.unique, setdiff1d):
    # on a million rows those were about 40 MiB that the process kept afterwards.
    if task == "classification":
        valid = []
        for c in np.flatnonzero(np.bincount(y[usable])):
            members = rng.permutation(np.flatnonzero(usable & (y == c)))
            n_valid = int(round(fraction * len(members)))
            if len(members) >= 2:
                n_valid = min(max(n_valid, 1), len(members) - 1)
            valid.append(members[:n_valid])
        valid_idx = np.sort(np.concatenate(valid))
    else:
        idx = np.flatnonzero(usable)
        perm = rng.permutation(idx)
        n_valid = min(max(int(round(fraction * len(idx))), 1), max(len(idx) - 1, 0))
        valid_idx = np.sort(perm[:n_valid])
    train = usable.copy()
    train[valid_idx] = False
    return np.flatnonzero(train), valid_idx


def target_dtype(task: str) -> type[np.generic]:
    """How a task's encoded target is held: class codes, or float32 values."""
    return np.int64 if task == "classification" else np.float32


def _y_dtype(y: np.ndarray, task: str) -> np.ndarray:
    return y.astype(target_dtype(task))


def label_sort_key(label: str) -> tuple[int, float, str]:
    """Numeric labels sort as numbers ("2" before "10"), text alphabetically."""
    try:
        return (0, float(label), "")
    except ValueError:
        return (1, 0.0, label)


def _list(names) -> str:
    names = [str(n) for n in names]
    shown = ", ".join(f"'{n}'" for n in names[:12])
    if len(names) > 12:
        return Phrase("{names} and {more} more", names=shown, more=len(names) - 12)
    return shown
