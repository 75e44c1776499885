"""Whether a file fits in memory, asked before reading it rather than found out by swapping.

A file is read whole (the preview, the statistics and the split all want every row), so a
workbook the machine cannot hold is refused up front with its size and the memory
available; a CSV that large is streamed instead (`core/stream`), where the command line
and the window open one.
The need is estimated from the file's size: reading the benchmark's 1M-row export (199 MB,
20 numbers and 2 text columns a row) grew the process by 1.85× the file's size, which
`READ_FACTOR` rounds up.
"""

from __future__ import annotations

from .errors import Phrase, UserError

__all__ = ["READ_FACTOR", "available_memory", "check_fits", "format_bytes", "needs_streaming",
           "parse_size"]

READ_FACTOR = 2.0


def available_memory() -> int:
    """Bytes that can be used without swapping (free plus reclaimable caches)."""
    import psutil  # on first use: 17 ms that the window's first frame does not need

    return int(psutil.virtual_memory().available)


def format_bytes(size: float) -> str:
    """Decimal units, as file managers show a file's size: 199 MB, 12.4 GB."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
    return f"{int(size)} bytes"


def check_fits(name: str, size: int) -> Phrase | None:
    """None if a file of `size` bytes can be read into memory; else the sentence saying why
    not, with the file's size and the memory available."""
    needed = size * READ_FACTOR
    available = available_memory()
    if needed <= available:
        return None
    return Phrase("the file '{name}' is {size}; reading it needs about {needed} of memory, but "
                  "only {available} is available: open an export with fewer rows or columns, or "
                  "close other programs", name=name, size=format_bytes(size),
                  needed=format_bytes(needed), available=format_bytes(available))


_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}


def parse_size(text: str) -> int:
    """Bytes of a size as people write it: 512MB, 1GB, 1.5 GiB, 2000000 (bytes); decimal
    units as `format_bytes` shows them, binary ones with an i."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-z]*)\s*", text)
    unit = match.group(2).upper() if match else ""
    if not match or unit not in _UNITS or float(match.group(1)) <= 0:
        raise UserError("a memory size must be a number with a unit such as 512MB, 1GB or "
                        "2GiB, not '{text}'", text=text)
    return int(float(match.group(1)) * _UNITS[unit])


def needs_streaming(size: int, budget: int | None = None) -> bool:
    """Whether a file of `size` bytes is too large to read whole within `budget` bytes
    (None: the memory available now)."""
    return size * READ_FACTOR > (available_memory() if budget is None else budget)
