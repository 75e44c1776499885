"""Start-up: a subcommand goes to the CLI (Qt is never imported), otherwise the window opens."""

from __future__ import annotations

import os
import sys

SUBCOMMANDS = ("train", "inspect", "predict", "sweep")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _ensure_streams()
    if argv and argv[0] in SUBCOMMANDS:
        from .cli import main as cli_main

        return cli_main(argv)
    from .ui.app.launch import main as gui_main

    return gui_main(argv)


def _ensure_streams() -> None:
    """A frozen windowed build (Windows, macOS .app) starts with sys.stdout and sys.stderr
    set to None: writes to them, by the CLI, argparse or the self-test, would raise."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
