"""The `main.py train ...` command line that reproduces a run headlessly.

Flags are the TrainConfig's fields that differ from their defaults, plus the data
choices (target, features, task, seed) written out always, so the line still means
the same run if a default changes. Parsing the line with the CLI's own parser gives
back an equal TrainConfig (tested).
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from .config import OPTIONS, ConfigError, TrainConfig

_ALWAYS = ("target", "features", "task", "seed")


def program() -> list[str]:
    """How this installation's command line is started."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the app itself takes subcommands
        return [sys.executable]
    return [sys.executable, str(Path(__file__).resolve().parents[2] / "main.py")]


def train_argv(data_path: str, config: TrainConfig, config_file: str | None = None,
               sheet: str | None = None) -> list[str]:
    """argv for `train`: with `config_file`, the settings come from that JSON file;
    `sheet`: the workbook's sheet the run read."""
    # one token, so a sheet called "-1" is never read as a flag
    argv = [*program(), "train", str(data_path), *([f"--sheet={sheet}"] if sheet else [])]
    if config_file is not None:
        return [*argv, "--config", str(config_file)]
    default = TrainConfig()
    for name, option in OPTIONS.items():
        value = getattr(config, name)
        if value is None or (name not in _ALWAYS and value == getattr(default, name)):
            continue
        # One token per flag, so a value starting with "-" is never read as a flag.
        argv.append(f"{option.flag}={_flag_text(name, value)}")
    return argv


def _flag_text(name: str, value) -> str:
    if name == "features":
        if any("," in v for v in value):
            raise ConfigError("a feature's name holds a comma, which --features cannot express; "
                              "use the run's configuration file with --config instead")
        return ",".join(value)
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(value)  # repr round-trips a float exactly
    return str(value)


def shell_line(argv: list[str]) -> str:
    """argv quoted for this platform's shell, ready to paste."""
    if sys.platform == "win32":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)
