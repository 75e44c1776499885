"""A setting declared once: its type, allowed values, default, label and help.

`TrainConfig` declares each field with `setting(...)` (as Orange's `Setting` and
scikit-learn's `_parameter_constraints` do); everything else is made from those
declarations: the command line's flags (`cli.py`), the checks of a config file and of the
window's values (`check`), the window's widgets (`ui/widgets/option_form.py`) and the
"Copy as command" line (`command.py`). Adding a setting is one edit in `config.py`.

Labels and help are English; the window translates them in the "Options" context.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import Phrase, UserError

__all__ = ["Choice", "ConfigError", "Joint", "Option", "check", "coerce", "parse_sizes", "setting"]

KINDS = ("int", "float", "choice", "text", "sizes", "names")


class ConfigError(UserError):
    """A setting the user must change (one sentence)."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class Option:
    """One setting. `low`/`high` are checked everywhere; `widget_high` only bounds the
    window's spin box where the engine itself sets no upper limit."""

    kind: str
    default: Any
    label: str
    help: str
    group: str  # data, preprocessing, attention, training
    name: str = ""  # the field's name, filled in by `TrainConfig`
    choices: tuple[Choice, ...] = ()
    optional: bool = False  # None is allowed (e.g. the target: chosen from the file)
    low: float | None = None
    high: float | None = None
    low_open: bool = False  # the bound itself is excluded: "> low"
    high_open: bool = False
    widget_high: float | None = None
    decimals: int = 3
    step: float = 1.0
    off_text: str = ""  # the window's word for the lowest value, e.g. patience 0 = "off"
    placeholder: str = ""
    in_window: bool = True  # False: the window sets it elsewhere (roles, task, positive)

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    @property
    def upper(self) -> float | None:
        return self.high if self.high is not None else self.widget_high


@dataclass(frozen=True)
class Joint:
    """Settings the window edits as one: a mode and a count K. The settings stay declared
    (and flags) of their own; `values` and `mode` map between them and the pair."""

    label: str
    help: str
    fields: tuple[str, ...]
    modes: tuple[Choice, ...]
    low: int  # the smallest K
    high: int  # the window's largest K
    default_count: int  # K shown while the mode needs none
    values: Callable[[str, int], dict[str, int]]  # (mode, K) → each field's value
    mode: Callable[[dict[str, int]], tuple[str, int]]  # the fields' values → (mode, K)


def setting(default: Any, label: str, help: str, group: str, kind: str | None = None,
            **details: Any) -> Any:
    """A dataclass field of `TrainConfig` carrying its `Option`."""
    if kind is None:
        kind = ("choice" if "choices" in details else "int" if isinstance(default, int)
                else "float" if isinstance(default, float) else "text")
    if kind not in KINDS:
        raise ValueError(f"unknown option kind {kind!r}")
    option = Option(kind=kind, default=default, label=label, help=help, group=group, **details)
    if isinstance(default, list):
        return dataclasses.field(default_factory=lambda: list(default),
                                 metadata={"option": option})
    return dataclasses.field(default=default, metadata={"option": option})


def coerce(option: Option, value: Any) -> Any:
    """`value` read from JSON or a widget, as the option's type; ConfigError if it is not."""
    if value is None and option.optional:
        return None
    kind, setting_ = option.kind, Phrase(option.label)
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError("{setting} must be a whole number, not {value!r}",
                          setting=setting_, value=value)
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError("{setting} must be a number, not {value!r}",
                              setting=setting_, value=value)
        return float(value)
    if kind in ("choice", "text") and not isinstance(value, str):
        raise ConfigError("{setting} must be text, not {value!r}", setting=setting_, value=value)
    if kind == "sizes":
        if not isinstance(value, list) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ConfigError("{setting} must be a list of whole numbers, e.g. [64, 32]",
                              setting=setting_)
        return list(value)
    if kind == "names":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError("{setting} must be a list of column names", setting=setting_)
        return list(value)
    return value


def check(option: Option, value: Any) -> None:
    """ConfigError unless `value` is allowed: a listed choice, within the bounds."""
    if value is None and option.optional:
        return
    coerce(option, value)
    setting_ = Phrase(option.label)
    if option.kind == "choice" and value not in option.values:
        raise ConfigError("{setting} must be one of {allowed}, not '{value}'", setting=setting_,
                          allowed=", ".join(option.values), value=value)
    if option.kind == "sizes" and any(v < 1 for v in value):
        raise ConfigError("{setting} must be whole numbers ≥ 1, not {value}",
                          setting=setting_, value=value)
    if option.kind in ("int", "float") and not _within(option, value):
        _out_of_range(option, value)


def parse_sizes(option: Option, text: str) -> list[int]:
    """Layer sizes typed as text ("64,32", "64 32"; empty for none), for the flag and the
    window alike."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    if not all(p.isdigit() and int(p) >= 1 for p in parts):
        raise ConfigError("{setting} must be whole numbers ≥ 1 separated by commas, e.g. "
                          "64,32, not '{text}'", setting=Phrase(option.label), text=text)
    return [int(p) for p in parts]


def _within(option: Option, value: float) -> bool:
    if not math.isfinite(value):
        return False
    low, high = option.low, option.high
    if low is not None and (value <= low if option.low_open else value < low):
        return False
    return high is None or (value < high if option.high_open else value <= high)


def _out_of_range(option: Option, value: float) -> None:
    number = Phrase("a whole number" if option.kind == "int" else "a finite number")
    setting_ = Phrase(option.label)
    low, high = _shown(option.low), _shown(option.high)
    if option.high is None:
        template = ("{setting} must be {number} > {low}, not {value}" if option.low_open
                    else "{setting} must be {number} ≥ {low}, not {value}")
        raise ConfigError(template, setting=setting_, number=number, low=low, value=value)
    template = ("{setting} must be {number} between {low} and {high}, not {value}"
                if option.low_open or option.high_open
                else "{setting} must be {number} from {low} to {high}, not {value}")
    raise ConfigError(template, setting=setting_, number=number, low=low, high=high,
                      value=value)


def _shown(bound: float | None) -> str:
    return "" if bound is None else f"{bound:g}"
