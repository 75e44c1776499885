"""Start-up: a subcommand goes to the CLI (Qt is never imported), otherwise the window opens."""

from __future__ import annotations

import sys

SUBCOMMANDS = ("train", "inspect", "predict")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in SUBCOMMANDS:
        from .cli import main as cli_main

        return cli_main(argv)
    from .ui.launch import main as gui_main

    return gui_main(argv)
