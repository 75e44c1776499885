"""A frozen windowed build starts with sys.stdout and sys.stderr set to None; the CLI and the
window must still run and report through their exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "demo.csv"


def run_without_console(*args: str) -> subprocess.CompletedProcess:
    code = ("import sys; sys.stdout = None; sys.stderr = None\n"
            "from attn_gui.app import main\n"
            f"raise SystemExit(main({list(args)!r}))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize(("args", "code"), [
    (("inspect", str(DEMO)), 0),
    (("train", str(DEMO), "--epochs", "2"), 0),
    (("inspect", "no-such-file.csv"), 2),  # the error line goes nowhere, the exit code stays
    (("train", str(DEMO), "--epochs", "zero"), 2),  # argparse writes its usage to stderr
])
def test_cli_without_console_streams(args, code):
    result = run_without_console(*args)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
