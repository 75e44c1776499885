"""Nested JSON-like values compared with a tolerance, for results that two routes compute."""

import pytest


def assert_close(a, b, path=""):
    """Nested JSON values equal, numbers to 1e-9 (relative or absolute); `path` names the
    first value that differs."""
    if isinstance(a, dict):
        assert a.keys() == b.keys(), path
        for k in a:
            assert_close(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_close(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-9, abs=1e-9), path
    else:
        assert a == b, path
