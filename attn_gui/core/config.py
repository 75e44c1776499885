"""TrainConfig: every setting of a run as plain values.

The window builds one, the CLI reads one from flags or `--config FILE.json`,
and a saved project stores one; keys are the CLI's long flags with `_`.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .model import ACTIVATIONS, ATTENTION_MODES
from .optim import OPTIMIZERS, SCHEDULES
from .preprocess import PreprocessSpec, validate_preprocess
from .weighting import WeightingError, WeightingSpec, validate_spec


class ConfigError(UserError):
    """A setting the user must change (one sentence)."""


@dataclass
class TrainConfig:
    # data
    target: str | None = None
    features: list[str] | None = None
    task: str | None = None  # None: inferred from the target column
    positive: str | None = None  # positive class label for binary scores
    valid_fraction: float = 0.2
    seed: int = 0
    # preprocessing
    missing: str = "median"
    outliers: str = "none"
    outlier_rule: str = "zscore"
    outlier_threshold: float = 3.0
    scaling: str = "zscore"
    # attention
    attention: str = "global"
    weighting: str = "softmax"
    temperature: float = 1.0
    base: float = math.e
    linear_score: str = "softplus"
    decay: float = 1.0
    formula: str = ""
    entropy: float = 0.0
    # The shared attention logits learn this many times faster than the head, so the
    # weights settle before early stopping ends a run (Adam moves each parameter by
    # about lr per step, and small data often stops within ten epochs).
    attention_lr: float = 10.0
    # network and training
    hidden: list[int] = field(default_factory=lambda: [32])
    activation: str = "relu"
    epochs: int = 200
    batch_size: int = 128
    lr: float = 0.01
    optimizer: str = "adam"
    lr_schedule: str = "constant"
    momentum: float = 0.9
    l2: float = 1e-4
    patience: int = 20
    class_weight: str = "none"  # "none" | "balanced"

    # -- derived specs -----------------------------------------------------
    def weighting_spec(self) -> WeightingSpec:
        return WeightingSpec(
            kind=self.weighting, temperature=self.temperature, base=self.base,
            linear_score=self.linear_score, decay=self.decay, formula=self.formula,
        )

    def preprocess_spec(self) -> PreprocessSpec:
        return PreprocessSpec(
            missing=self.missing, outliers=self.outliers, outlier_rule=self.outlier_rule,
            outlier_threshold=self.outlier_threshold, scaling=self.scaling,
        )

    # -- validation and (de)serialisation ----------------------------------
    def validate(self) -> TrainConfig:
        _choice("task", self.task, ("classification", "regression"), optional=True)
        _choice("attention", self.attention, ATTENTION_MODES)
        _choice("activation", self.activation, ACTIVATIONS)
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _choice("lr_schedule", self.lr_schedule, SCHEDULES)
        _choice("class_weight", self.class_weight, ("none", "balanced"))
        if not (isinstance(self.epochs, int) and self.epochs >= 1):
            raise ConfigError(f"the number of epochs must be a whole number ≥ 1, not {self.epochs}")
        if not (isinstance(self.batch_size, int) and self.batch_size >= 1):
            raise ConfigError(f"the batch size must be a whole number ≥ 1, not {self.batch_size}")
        if not (isinstance(self.patience, int) and self.patience >= 0):
            raise ConfigError(f"patience must be a whole number ≥ 0 (0 turns early stopping off), not {self.patience}")
        _positive("learning rate", self.lr)
        _positive("attention learning-rate factor", self.attention_lr)
        if not (0 < self.valid_fraction < 1):
            raise ConfigError(f"the validation fraction must be between 0 and 1, not {self.valid_fraction}")
        for name in ("l2", "entropy", "momentum"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ConfigError(f"{name} must be a finite number ≥ 0, not {value}")
        if any(not isinstance(h, int) or h < 1 for h in self.hidden):
            raise ConfigError(f"hidden layer sizes must be whole numbers ≥ 1, not {self.hidden}")
        if not isinstance(self.seed, int) or self.seed < 0:
            raise ConfigError(f"the seed must be a whole number ≥ 0, not {self.seed}")
        try:
            validate_spec(self.weighting_spec())
        except WeightingError as exc:
            raise ConfigError(str(exc)) from None
        validate_preprocess(self.preprocess_spec(), ConfigError)
        return self

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TrainConfig:
        if not isinstance(data, dict):
            raise ConfigError("the configuration must be a JSON object of settings")
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(known)}")
        values = {}
        for name, value in data.items():
            values[name] = _coerce(name, value, cls.__dataclass_fields__[name].type)
        return cls(**values)

    @classmethod
    def load(cls, path: str | Path) -> TrainConfig:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read the configuration file '{path}': {exc.strerror}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"the configuration file '{path}' is not valid JSON (line {exc.lineno}: {exc.msg})") from None
        return cls.from_dict(data)


def _choice(name: str, value, allowed: tuple, optional: bool = False) -> None:
    if optional and value is None:
        return
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not '{value}'")


def _positive(name: str, value: float) -> None:
    if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
        raise ConfigError(f"the {name} must be a finite number > 0, not {value}")


def _coerce(name: str, value, annotation: str):
    """Check a JSON value against the field's annotation; ints are accepted for floats."""
    if value is None and "None" in annotation:
        return None
    if annotation.startswith("list[int]"):
        if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ConfigError(f"'{name}' must be a list of whole numbers, e.g. [64, 32]")
        return list(value)
    if annotation.startswith("list[str]"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"'{name}' must be a list of column names")
        return list(value)
    if annotation.startswith("int"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"'{name}' must be a whole number, not {value!r}")
        return value
    if annotation.startswith("float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"'{name}' must be a number, not {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ConfigError(f"'{name}' must be text, not {value!r}")
    return value
