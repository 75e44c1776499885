"""The window's longest freeze over many `--self-test` runs, from source and frozen.

Each self-test trains the demo in the real window (offscreen) and prints
`max_ui_stall_ms`, the longest gap of a 10 ms timer on the GUI thread from the first
frame to the end of the run. They run one after another while another process keeps one
core busy; the figure that matters is the worst of them, not the typical one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.data import busy_core

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "dist" / "AttentionTrainer" / "AttentionTrainer"
RUNS = 20
GOAL_MS = 50


def self_test(command: list[str]) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([*command, "--self-test"], capture_output=True, text=True,
                         env=env, timeout=600).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> list[str]:
    programs = {"from source": [sys.executable, str(ROOT / "main.py")]}
    if FROZEN.exists():
        programs["frozen (`make dist`)"] = [str(FROZEN)]
    rows = []
    with busy_core():
        for name, command in programs.items():
            runs = sorted((self_test(command) for _ in range(RUNS)),
                          key=lambda run: run["max_ui_stall_ms"])
            stalls = [run["max_ui_stall_ms"] for run in runs]
            over = sum(stall >= GOAL_MS for stall in stalls)
            rows.append(f"| {name} | {stalls[0]:.0f} | {stalls[len(stalls) // 2]:.0f} | "
                        f"{stalls[-1]:.0f} ({runs[-1].get('max_ui_stall_in', '?')}) | "
                        f"{over} of {RUNS} |")
    lines = ["## Self-test stalls", "",
             f"{RUNS} `--self-test` runs each, one after another, while another process keeps "
             "one core busy; the longest GUI-thread freeze of each run (ms).", "",
             "| program | least | median | worst (where) | at or over the goal |",
             "|---|---|---|---|---|",
             *rows, ""]
    if not FROZEN.exists():
        lines.append("(No frozen app: run `make dist` first to measure it too.)")
    lines.append(f"Goal: every run under {GOAL_MS} ms.")
    return lines
