"""Modules imported on first use.

The window's first frame needs few of the app's modules; a module on the window's start-up
path can wrap another with `lazy`, and attribute access imports it then. (pandas, which
costs about a third of the start-up, is imported explicitly inside the functions that use it.)
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["lazy"]


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
