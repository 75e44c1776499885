"""Atomic writes of what the user saves, with the permissions any other program would give.

A file is written under a temporary name in the same folder and then renamed over the
target, so a crash mid-write leaves the old file intact. `tempfile.mkstemp` creates that
file owner-only (0600) whatever the umask; left so, an exported CSV or picture could not
be read by the colleagues a shared folder is for. So before the rename the file gets the
mode the target already has, or else what a plain `open(path, "w")` would give: 0666
less the umask.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

__all__ = ["atomic_write", "publish", "temporary_beside"]

_UMASK_LOCK = threading.Lock()


def temporary_beside(path: Path, suffix: str = ".tmp") -> Path:
    """A new empty file in `path`'s folder, to be written and then `publish`ed."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    return Path(tmp)


def publish(tmp: Path, path: Path) -> None:
    """Rename the written `tmp` over `path`, with the permissions `path` should have."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write all of data or nothing."""
    path = Path(path)
    tmp = temporary_beside(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        publish(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    # The only portable way to read the umask is to set it; the lock keeps two writers
    # from reading each other's temporary value.
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask
