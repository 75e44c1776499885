"""Where bundled files live: next to the package, or inside a frozen (PyInstaller) app."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)


DEMO_DIR = resource_path("demo")
DEMO_CSV = DEMO_DIR / "demo.csv"
ICON_DIR = resource_path("icons")
