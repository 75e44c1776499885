"""Where bundled files live: inside a frozen (PyInstaller) app, in a checkout's top-level
`resources/` folder, or in an installed wheel's `attn_gui/_resources` (pyproject.toml maps
the one onto the other)."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _base() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = _PACKAGE.parent / "resources"
    return checkout if checkout.is_dir() else _PACKAGE / "_resources"


def resource_path(*parts: str) -> Path:
    return _BASE.joinpath(*parts)


_BASE = _base()
DEMO_DIR = resource_path("demo")
DEMO_CSV = DEMO_DIR / "demo.csv"
ICON_DIR = resource_path("icons")
