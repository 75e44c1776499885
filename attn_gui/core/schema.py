"""Declarative checks of the JSON in saved files, before anything is built from it.

A model file may come from anywhere, so its JSON is checked against a schema first: types,
allowed words, finite numbers, and bounds on every size (a crafted "hidden": [10**9] or
"groups": [10**7] must not allocate gigabytes). The first mismatch is reported as a
`SchemaError` naming where it is, e.g. "net.hidden[0] must be a whole number from 1 to
65536, not 1000000000".

    check(value, MODEL_SCHEMA)          # raises SchemaError
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import Phrase, UserError
from .io.dates import ORDERS as DATE_ORDERS
from .io.dates import PARTS
from .model import ACTIVATIONS, ATTENTION_MODES
from .preprocess import MISSING, OUTLIER_RULES, OUTLIERS, SCALINGS
from .weighting import KINDS, LINEAR_SCORES

__all__ = ["GROUP_SCHEMA", "IMPORTANCE_SCHEMA", "MODEL_SCHEMA", "PREPARED_SCHEMA", "Bool", "Dict", "Int", "List", "Nullable", "Num", "Obj", "SchemaError",
           "Str", "Tagged", "Text", "check"]


class SchemaError(UserError):
    """Where the value departs from the schema, and how (one sentence)."""


class Schema:
    def check(self, value: Any, where: str) -> None:
        raise NotImplementedError


def check(value: Any, schema: Schema) -> None:
    schema.check(value, "")


def _fail(where: str, expected: Phrase, value: Any) -> SchemaError:
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return SchemaError("{where} must be {expected}, not {value}", where=_where(where),
                       expected=expected, value=shown)


def _where(where: str) -> str:
    return where or Phrase("the contents")  # the top level of the file


def _one_of(choices) -> Phrase:
    return Phrase("one of {choices}", choices=", ".join(map(repr, choices)))


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


@dataclass(frozen=True)
class Anything(Schema):
    """Any JSON value (free-form parts such as a summary of metrics)."""

    def check(self, value: Any, where: str) -> None:
        return None


@dataclass(frozen=True)
class Bool(Schema):
    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, bool):
            raise _fail(where, Phrase("true or false"), value)


@dataclass(frozen=True)
class Int(Schema):
    low: int
    high: int

    def check(self, value: Any, where: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            raise _fail(where, Phrase("a whole number from {low} to {high}", low=self.low,
                                      high=self.high), value)


@dataclass(frozen=True)
class Num(Schema):
    """A finite number (JSON's NaN and Infinity are refused); `positive` excludes zero."""

    positive: bool = False

    def check(self, value: Any, where: str) -> None:
        ok = (not isinstance(value, bool) and isinstance(value, int | float)
              and math.isfinite(value) and (value > 0 or not self.positive))
        if not ok:
            raise _fail(where, Phrase("a positive finite number") if self.positive
                        else Phrase("a finite number"), value)


@dataclass(frozen=True)
class Text(Schema):
    max_length: int = 10_000

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, str) or len(value) > self.max_length:
            raise _fail(where, Phrase("text of at most {length} characters",
                                      length=self.max_length), value)


@dataclass(frozen=True)
class Str(Schema):
    """One of a few words."""

    choices: Sequence[str]

    def check(self, value: Any, where: str) -> None:
        if value not in self.choices or not isinstance(value, str):
            raise _fail(where, _one_of(self.choices), value)


@dataclass(frozen=True)
class Nullable(Schema):
    inner: Schema

    def check(self, value: Any, where: str) -> None:
        if value is not None:
            self.inner.check(value, where)


@dataclass(frozen=True)
class List(Schema):
    item: Schema
    max_length: int

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, list) or len(value) > self.max_length:
            raise _fail(where, Phrase("a list of at most {length} items",
                                      length=self.max_length), value)
        for k, item in enumerate(value):
            self.item.check(item, f"{where}[{k}]")


@dataclass(frozen=True)
class Dict(Schema):
    """An object with free keys (text) and values of one schema."""

    value: Schema
    max_length: int

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, dict) or len(value) > self.max_length:
            raise _fail(where, Phrase("an object of at most {length} entries",
                                      length=self.max_length), value)
        for key, item in value.items():
            self.value.check(item, f"{where}[{key!r}]")


Rule = tuple[Callable[[dict], bool], str]  # the requirement as a Phrase, for the window


@dataclass(frozen=True)
class Obj(Schema):
    """An object with exactly these keys (those in `optional` may be absent), then `rules`
    relating its fields, each a predicate and what it requires."""

    fields: dict[str, Schema]
    optional: frozenset[str] = frozenset()
    rules: tuple[Rule, ...] = field(default=())

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise _fail(where, Phrase("an object"), value)
        unknown = sorted(set(value) - set(self.fields))
        if unknown:
            raise SchemaError("{where} has unknown entries: {entries}", where=_where(where),
                              entries=", ".join(map(repr, unknown[:5])))
        missing = sorted(set(self.fields) - set(value) - self.optional)
        if missing:
            raise SchemaError("{where} lack {entries}", where=_where(where),
                              entries=", ".join(map(repr, missing)))
        for key, schema in self.fields.items():
            if key in value:
                schema.check(value[key], _join(where, key))
        for holds, requirement in self.rules:
            if not holds(value):
                raise SchemaError("{where}: {requirement}", where=_where(where),
                                  requirement=requirement)


@dataclass(frozen=True)
class Tagged(Schema):
    """An object whose `tag` entry picks the schema of the whole object."""

    tag: str
    variants: dict[str, Obj]

    def check(self, value: Any, where: str) -> None:
        kind = value.get(self.tag) if isinstance(value, dict) else None
        if kind not in self.variants:
            raise _fail(_join(where, self.tag), _one_of(self.variants), kind)
        self.variants[kind].check(value, where)


# --------------------------------------------------------------------------- the model file

_MAX_FEATURES = 1_000_000  # encoded input columns
_MAX_WIDTH = 65_536  # units in one hidden layer
_MAX_LEVELS = 100_000
_NAME = Text(10_000)


def _groups_fit(net: dict) -> bool:
    groups = net["groups"]
    return groups is None or (len(groups) == net["n_features"]
                              and all(g < net["n_features"] for g in groups))


def _outputs_fit(net: dict) -> bool:
    return net["task"] == "classification" or net["n_outputs"] == 1


WEIGHTING_SCHEMA = Obj({
    "kind": Str(KINDS), "temperature": Num(positive=True), "base": Num(positive=True),
    "linear_score": Str(LINEAR_SCORES), "decay": Num(positive=True), "formula": Text(10_000),
})
NET_SCHEMA = Obj(
    {
        "n_features": Int(1, _MAX_FEATURES), "n_outputs": Int(1, _MAX_LEVELS),
        "task": Str(("classification", "regression")), "attention": Str(ATTENTION_MODES),
        "hidden": List(Int(1, _MAX_WIDTH), 16), "activation": Str(ACTIVATIONS),
        "weighting": WEIGHTING_SCHEMA,
        "groups": Nullable(List(Int(0, _MAX_FEATURES - 1), _MAX_FEATURES)),
        "dtype": Str(("float32", "float64")), "attention_hidden": Int(0, _MAX_WIDTH),
    },
    optional=frozenset({"attention_hidden"}),
    rules=((_groups_fit,
            Phrase("groups must name one input column, below n_features, per feature")),
           (_outputs_fit, Phrase("a regression network has exactly one output"))),
)
_NUMBERS = {
    "fill": Num(), "low": Nullable(Num()), "high": Nullable(Num()), "center": Num(),
    "scale": Num(positive=True), "words": Nullable(List(_NAME, 2)),
}
DATE_PARTS = (*PARTS, "hour")
PREPROCESSOR_SCHEMA = Obj({
    "spec": Obj({
        "missing": Str(MISSING), "outliers": Str(OUTLIERS), "outlier_rule": Str(OUTLIER_RULES),
        "outlier_threshold": Num(positive=True), "scaling": Str(SCALINGS),
        "rare_fraction": Num(), "max_levels": Int(1, _MAX_LEVELS),
    }),
    "features": List(_NAME, _MAX_FEATURES),
    "kinds": Dict(Str(("numeric", "categorical", "date")), _MAX_FEATURES),
    "steps": Dict(Tagged("type", {
        "numeric": Obj({"type": Str(("numeric",)), **_NUMBERS}),
        "date": Obj({
            "type": Str(("date",)), "order": Str(DATE_ORDERS), "origin": Num(),
            "parts": List(Str(DATE_PARTS), len(DATE_PARTS)),
            "steps": List(Obj(_NUMBERS), len(DATE_PARTS)),
        }),
        "categorical": Obj({
            "type": Str(("categorical",)), "levels": List(_NAME, _MAX_LEVELS), "fill": _NAME,
        }),
    }), _MAX_FEATURES),
})
MODEL_SCHEMA = Obj({
    "format": Str(("attn-gui-model",)),
    "version": Int(1, 1_000_000),
    "target": _NAME,
    "target_info": Obj({
        "task": Str(("classification", "regression")), "classes": List(_NAME, _MAX_LEVELS),
        "mean": Num(), "std": Num(positive=True),
    }),
    "positive": Nullable(Int(0, _MAX_LEVELS - 1)),
    "net": NET_SCHEMA,
    "preprocessor": PREPROCESSOR_SCHEMA,
    "config": Dict(Anything(), 1_000),  # its keys and types: TrainConfig.from_dict
    "summary": Anything(),
})


# ------------------------------------------------------------- a run's group and importance
# Saved numbers may be null (JSON has no NaN): an undefined correlation, a metric of none.

_NUMBER = Nullable(Num())
_PER_COLUMN = Dict(_NUMBER, _MAX_FEATURES)
_PER_SPLIT = Dict(Dict(_NUMBER, 1_000), 2)
_MAX_EPOCHS = 10_000_000
_SPREAD = Obj({"mean": _NUMBER, "sd": _NUMBER})

GROUP_SCHEMA = Obj({
    "runs": Int(2, 1_000_000),
    "attention_sd": Nullable(_PER_COLUMN),
    "metrics_sd": Nullable(_PER_SPLIT),
    "stability": Nullable(Obj({"pearson": _NUMBER, "tv": _NUMBER})),
    "curves": Dict(Obj({"mean": List(_NUMBER, _MAX_EPOCHS), "sd": List(_NUMBER, _MAX_EPOCHS)}),
                   1_000),
})
IMPORTANCE_SCHEMA = Obj({
    "importance": Dict(_SPREAD, _MAX_FEATURES),
    "groups": List(Obj({"columns": List(_NAME, _MAX_FEATURES), "attention": _NUMBER,
                        "importance": _SPREAD}), _MAX_FEATURES),
    "agreement": Obj({"pearson": _NUMBER, "spearman": _NUMBER, "top3": _NUMBER}),
})
_ROWS = Int(0, 2**53)
_EFFECT = Dict(_ROWS, 100)
PREPARED_SCHEMA = Obj({
    "n_train": _ROWS,
    "n_valid": _ROWS,
    "excluded": Dict(_NAME, _MAX_FEATURES),
    "preprocessing": Obj({"rows_without_target": _ROWS, "train": _EFFECT, "valid": _EFFECT},
                         optional=frozenset({"rows_without_target"})),
})
