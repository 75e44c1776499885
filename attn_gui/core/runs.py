"""A session's runs and settings as plain values: what a project file holds.

`Project` is everything an analyst's session holds; the window wraps it in a `Session`
that says when it changes, and `project.py` writes and reads it. Kept apart from the
file code so the window can hold a project from its first frame without loading it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .config import TrainConfig
from .metrics import json_finite
from .schema import GROUP_SCHEMA, IMPORTANCE_SCHEMA, PREPARED_SCHEMA, check

if TYPE_CHECKING:
    from .evaluation import ValidPredictions
    from .project import SavedModel

__all__ = ["Project", "Run"]


@dataclass
class Run:
    """A finished training run as plain values: settings, curves, metrics, attention."""

    name: str
    config: TrainConfig
    task: str
    classes: list[str]
    features: list[str]
    metrics: dict[str, dict[str, float]]  # {"train": {...}, "valid": {...}}
    attention: dict[str, float]
    history: dict[str, list[float]]  # per-epoch curves, e.g. "valid_loss"
    epochs: int
    best_epoch: int
    stop_reason: str
    seconds: float
    confusion: list[list[int]] | None = None
    # The data the run was trained on: a run is compared, repeated or explained only
    # against the file and target it learned from.
    data_path: str | None = None
    data_sheet: str | None = None  # a workbook's sheet; None for a CSV
    target: str | None = None
    # A group of repeats or folds (metrics and attention above are then its means, history
    # the kept first run's): {"runs", "attention_sd", "metrics_sd", "stability", "curves":
    # {curve: {"mean", "sd"}}}. None for one run, and in projects saved before groups.
    group: dict | None = None
    # Permutation importance of the run's model(s): {"importance", "groups", "agreement"}.
    importance: dict | None = None
    # The split and what preprocessing did to it: {"n_train", "n_valid", "excluded",
    # "preprocessing"} (the train JSON's keys). None in projects saved before reports.
    prepared: dict | None = None
    # The model file the run was opened from (File ▸ Open Model); None for a run trained
    # in the window. Such a run keeps its own data and goes along with any loaded file.
    model_file: str | None = None
    # In memory for every run of the session; a project file keeps the chosen run's only.
    model: SavedModel | None = field(default=None, repr=False, compare=False)
    # The (kept) run's validation predictions, for its curves and threshold; a project
    # file keeps them up to a size (project.py), older projects have none.
    predictions: ValidPredictions | None = field(default=None, repr=False, compare=False)

    @property
    def score_key(self) -> str:
        return "r2" if self.task == "regression" else "f1"

    def to_dict(self) -> dict:
        return json_finite({
            "name": self.name, "config": self.config.to_dict(), "task": self.task,
            "classes": list(self.classes), "features": list(self.features),
            "metrics": self.metrics, "attention": self.attention, "history": self.history,
            "epochs": self.epochs, "best_epoch": self.best_epoch,
            "stop_reason": self.stop_reason, "seconds": self.seconds,
            "confusion": self.confusion, "data_path": self.data_path,
            "data_sheet": self.data_sheet, "target": self.target,
            "group": self.group, "importance": self.importance, "prepared": self.prepared,
            "model_file": self.model_file,
        })

    @classmethod
    def from_dict(cls, data: dict) -> Run:
        """Raises KeyError, TypeError or ValueError on a malformed record."""
        return cls(
            name=str(data["name"]), config=TrainConfig.from_dict(data["config"]),
            task=str(data["task"]), classes=[str(c) for c in data["classes"]],
            features=[str(f) for f in data["features"]],
            metrics={str(split): {str(k): _number(v) for k, v in m.items()}
                     for split, m in data["metrics"].items()},
            attention={str(k): _number(v) for k, v in data["attention"].items()},
            history={str(k): [_number(v) for v in curve] for k, curve in data["history"].items()},
            epochs=int(data["epochs"]), best_epoch=int(data["best_epoch"]),
            stop_reason=str(data["stop_reason"]), seconds=_number(data["seconds"]),
            confusion=None if data["confusion"] is None
            else [[int(v) for v in row] for row in data["confusion"]],
            # projects saved before runs named their data have neither
            data_path=_optional_text(data.get("data_path")),
            target=_optional_text(data.get("target")),
            # nor a sheet, as projects saved before workbooks
            data_sheet=_optional_text(data.get("data_sheet")),
            # projects saved before groups and importance have neither
            group=_checked(data.get("group"), GROUP_SCHEMA),
            importance=_checked(data.get("importance"), IMPORTANCE_SCHEMA),
            prepared=_checked(data.get("prepared"), PREPARED_SCHEMA),
            # projects saved before models could be opened have none
            model_file=_optional_text(data.get("model_file")),
        )

    @property
    def runs(self) -> int:
        """How many runs the record summarises."""
        return 1 if self.group is None else int(self.group["runs"])


def _checked(value, schema) -> dict | None:
    """A saved summary checked against its schema (a SchemaError is a ValueError), with
    null numbers read back as NaN."""
    if value is None:
        return None
    check(value, schema)
    return _nan_for_null(value)


def _nan_for_null(value):
    if isinstance(value, dict):
        return {k: _nan_for_null(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nan_for_null(v) for v in value]
    return value


def _optional_text(value) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("not text")
    return value


def _number(value) -> float:
    """A number read back from JSON, where null stands for NaN."""
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("not a number")
    return float(value)


@dataclass
class Project:
    """Everything an analyst's session holds, as plain values."""

    config: TrainConfig = field(default_factory=TrainConfig)
    data_path: str | None = None
    data_sha256: str | None = None
    data_sheet: str | None = None  # the workbook's sheet that was read; None for a CSV
    runs: list[Run] = field(default_factory=list)
    chosen: int | None = None  # index into runs of the run whose model is kept
    # Until the user keeps a run, the newest is kept; once they have, a new run leaves
    # their choice alone (it moving silently to each new run lost the model they chose).
    kept_by_user: bool = False

    @property
    def chosen_run(self) -> Run | None:
        return None if self.chosen is None else self.runs[self.chosen]

    # -- the runs: kept in order, one of them chosen (★) for its model ------------------
    def add_run(self, run: Run) -> int:
        """Append a finished run, kept unless the user has kept another. Returns its index."""
        self.runs.append(run)
        if not self.kept_by_user or self.chosen is None:
            self.chosen = len(self.runs) - 1
        return len(self.runs) - 1

    def next_name(self, stem: str) -> str:
        names = {r.name for r in self.runs}
        n = len(self.runs) + 1
        while f"{n}: {stem}" in names:
            n += 1
        return f"{n}: {stem}"

    def rename(self, index: int, name: str) -> bool:
        """False (nothing changed) for an empty name or one another run has."""
        name = name.strip()
        taken = {run.name for i, run in enumerate(self.runs) if i != index}
        if not name or name in taken or name == self.runs[index].name:
            return False
        self.runs[index] = replace(self.runs[index], name=name)  # the model goes along
        return True

    def keep(self, index: int) -> bool:
        if index == self.chosen or not 0 <= index < len(self.runs):
            return False
        self.chosen = index
        self.kept_by_user = True
        return True

    def delete(self, indexes: set[int]) -> None:
        """Drop runs; the kept one stays kept if it is left, else the newest is."""
        kept = self.chosen_run
        self.runs = [run for i, run in enumerate(self.runs) if i not in indexes]
        if kept is not None and any(run is kept for run in self.runs):
            self.chosen = next(i for i, run in enumerate(self.runs) if run is kept)
        else:
            self.chosen = len(self.runs) - 1 if self.runs else None
            self.kept_by_user = False
