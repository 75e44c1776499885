"""Every setting is declared once, and the command line and the checks are made from it."""

import dataclasses
import math
from pathlib import Path

import pytest

from attn_gui.cli import build_parser, config_from_args
from attn_gui.core.command import train_argv
from attn_gui.core.config import OPTIONS, ConfigError, TrainConfig
from attn_gui.core.model import ACTIVATIONS, ATTENTION_MODES
from attn_gui.core.optim import OPTIMIZERS, SCHEDULES
from attn_gui.core.options import Option, check, parse_sizes
from attn_gui.core.preprocess import MISSING, OUTLIER_RULES, OUTLIERS, SCALINGS
from attn_gui.core.weighting import KINDS, LINEAR_SCORES


def parse(*args: str) -> TrainConfig:
    return config_from_args(build_parser().parse_args(["train", "data.csv", *args]))


def test_every_field_of_the_config_is_a_declared_option_with_label_and_help():
    assert list(OPTIONS) == [f.name for f in dataclasses.fields(TrainConfig)]
    for name, option in OPTIONS.items():
        assert option.name == name and option.label and len(option.help) > 20, name
        assert getattr(TrainConfig(), name) == option.default
        if option.kind == "choice":
            assert option.default in option.values or option.optional
            assert all(c.label and c.help for c in option.choices), name


def test_every_option_has_its_flag_on_the_command_line():
    flags = {a.dest: a for a in build_parser()._subparsers._group_actions[0]
             .choices["train"]._actions}
    for name, option in OPTIONS.items():
        action = flags[name]
        assert action.option_strings == [option.flag]
        assert (tuple(action.choices) if action.choices else ()) == option.values
        assert option.help.replace("%", "%%") in action.help


def test_choices_are_the_engines_own_lists():
    engine = {"missing": MISSING, "outliers": OUTLIERS, "outlier_rule": OUTLIER_RULES,
              "scaling": SCALINGS, "attention": ATTENTION_MODES, "weighting": KINDS,
              "linear_score": LINEAR_SCORES, "activation": ACTIVATIONS,
              "optimizer": OPTIMIZERS, "lr_schedule": SCHEDULES}
    for name, values in engine.items():
        assert OPTIONS[name].values == values


def non_default(option: Option):
    """A value of the option's type, allowed, and not its default."""
    if option.kind == "choice":
        return next(v for v in option.values if v != option.default)
    if option.kind == "int":
        return int(option.default or 0) + (2 if option.name == "cv" else 1)  # one fold is refused
    if option.kind == "float":
        low = option.low or 0.0
        high = option.upper if option.upper is not None else low + 10
        return (low + high) / 2 if (low + high) / 2 != option.default else (low + high) / 3
    if option.kind == "sizes":
        return [7, 3]
    if option.kind == "names":
        return ["a", "b"]
    return {"formula": "exp(z)"}.get(option.name, "x")


@pytest.mark.parametrize("name", list(OPTIONS))
def test_each_option_goes_through_flag_and_copy_as_command(name):
    option = OPTIONS[name]
    value = non_default(option)
    config = TrainConfig(**{name: value, **({"weighting": "custom"} if name == "formula" else {})})
    parsed = parse(*train_argv("data.csv", config)[train_argv("d", TrainConfig()).index("train") + 2:])
    assert getattr(parsed, name) == value


def bounded():
    for name, option in OPTIONS.items():
        if option.kind in ("int", "float") and option.low is not None:
            yield name, option.low - (0 if option.low_open else 1)
        if option.kind in ("int", "float") and option.high is not None:
            yield name, option.high + (0 if option.high_open else 1)


@pytest.mark.parametrize(("name", "value"), list(bounded()))
def test_a_value_out_of_bounds_is_refused_naming_the_setting(name, value):
    option = OPTIONS[name]
    with pytest.raises(ConfigError) as caught:
        TrainConfig(**{name: value}).validate()
    assert option.label in str(caught.value)
    assert caught.value.template.startswith("{setting} must be")


@pytest.mark.parametrize("name", [n for n, o in OPTIONS.items() if o.kind in ("int", "float")])
def test_a_flag_that_is_not_a_number_is_refused(name, capsys):
    with pytest.raises(SystemExit) as caught:
        parse(OPTIONS[name].flag, "x")
    assert caught.value.code == 2 and "error: " in capsys.readouterr().err


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_numbers_that_are_not_finite_are_refused(value):
    with pytest.raises(ConfigError, match="Learning rate"):
        TrainConfig(lr=value).validate()


def test_a_config_file_is_checked_against_the_declarations():
    with pytest.raises(ConfigError, match="Epochs must be a whole number"):
        TrainConfig.from_dict({"epochs": 2.5})
    with pytest.raises(ConfigError, match="Hidden layers must be a list of whole numbers"):
        TrainConfig.from_dict({"hidden": "64"})
    with pytest.raises(ConfigError, match="Optimiser must be one of gd, sgd, momentum, adam"):
        TrainConfig.from_dict({"optimizer": "rmsprop"}).validate()
    assert TrainConfig.from_dict({"lr": 1}).lr == 1.0 and isinstance(
        TrainConfig.from_dict({"lr": 1}).lr, float)


@pytest.mark.parametrize(("text", "sizes"), [("64,32", [64, 32]), ("64 32", [64, 32]),
                                             ("", []), (" 8 ; 4 ", [8, 4])])
def test_layer_sizes_are_read_the_same_by_flag_and_window(text, sizes):
    assert parse_sizes(OPTIONS["hidden"], text) == sizes
    assert parse("--hidden", text).hidden == sizes


def test_unreadable_layer_sizes_are_one_sentence():
    with pytest.raises(ConfigError, match="Hidden layers must be whole numbers ≥ 1"):
        parse_sizes(OPTIONS["hidden"], "64,0")
    with pytest.raises(SystemExit):
        parse("--hidden", "abc")


def test_check_accepts_every_default():
    for option in OPTIONS.values():
        check(option, option.default)


def test_the_readme_lists_every_flag():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert [o.flag for o in OPTIONS.values() if f"[{o.flag} " not in readme] == []
