""""Copy as command": the line parses back to the same settings and reproduces the run."""

import json
import subprocess
from pathlib import Path

import pytest

from attn_gui.cli import build_parser, config_from_args
from attn_gui.core.command import train_argv
from attn_gui.core.config import ConfigError, TrainConfig
from attn_gui.core.dataset import prepare
from attn_gui.core.io import read_table
from attn_gui.core.training import Trainer

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.csv"


def parsed(argv: list[str]) -> TrainConfig:
    # argv[0:2] start the program; the rest is what the CLI parses.
    start = argv.index("train")
    return config_from_args(build_parser().parse_args(argv[start:]))


@pytest.mark.parametrize("config", [
    TrainConfig(),
    TrainConfig(target="defaulted", features=["-odd", "debt_ratio"], task="classification",
                positive="yes", hidden=[], lr=0.0123456789, weighting="custom",
                formula="exp(z) * 0.9**i", attention="row", temperature=0.3, seed=11),
    TrainConfig(hidden=[64, 32], scaling="robust", outliers="clip", outlier_rule="iqr",
                outlier_threshold=1.5, missing="drop", lr_schedule="cosine", base=2.0),
])
def test_the_command_parses_back_to_an_equal_config(config):
    assert parsed(train_argv("data.csv", config)) == config.validate()


def test_a_feature_name_with_a_comma_points_to_the_config_file():
    with pytest.raises(ConfigError, match="--config"):
        train_argv("data.csv", TrainConfig(features=["a,b", "c"]))
    assert train_argv("d.csv", TrainConfig(), "run.json")[-2:] == ["--config", "run.json"]


def train_in_process(config: TrainConfig) -> dict:
    data = prepare(read_table(DEMO), config)
    final = [r for r in Trainer(config, data).run() if getattr(r, "final", False)][-1]
    return {"train": final.train, "valid": final.valid, "attention": final.attention}


@pytest.mark.parametrize("use_config_file", [False, True])
def test_the_command_reproduces_the_run_to_1e_9(tmp_path, use_config_file):
    config = TrainConfig(target="defaulted", epochs=8, patience=3, attention="row",
                         weighting="sparsemax", lr=0.02, seed=5).validate()
    expected = train_in_process(config)
    config_file = None
    if use_config_file:
        config_file = tmp_path / "run.json"
        config_file.write_text(json.dumps(config.to_dict()))
    argv = train_argv(str(DEMO), config, None if config_file is None else str(config_file))
    proc = subprocess.run([*argv, "--json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    for split in ("train", "valid"):
        for key, value in got["metrics"][split].items():
            assert value == pytest.approx(expected[split][key], abs=1e-9), (split, key)
    for name, weight in got["attention"].items():
        assert weight == pytest.approx(expected["attention"][name], abs=1e-9)
