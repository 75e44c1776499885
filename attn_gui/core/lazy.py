"""Modules imported on first use.

The window's first frame needs none of pandas, and importing it costs about a third of the
start-up, yet the reader, the preprocessing and the data panel all use it. Modules on the
window's start-up path take `pd` from here, or wrap a module of their own with `lazy`;
attribute access imports the module then.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["lazy", "pd"]


class _LazyModule:
    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        # import_module is a dict lookup once the module is loaded, and thread-safe before
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<lazily imported module {self._name!r}>"


def lazy(name: str) -> Any:
    """A stand-in for module `name` (absolute) that imports it on first attribute access."""
    return _LazyModule(name)


pd: Any = lazy("pandas")
