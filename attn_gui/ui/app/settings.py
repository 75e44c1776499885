"""Persistent settings with typed defaults (MNELAB's `_DEFAULTS` pattern).

Writes go to the settings file on a thread of their own: each one rewrites and syncs the
file, 1-2 ms on an idle disk but 580 ms measured on the GUI thread while another process
read a 5 GB file. Until a write is on disk, `read` answers from the values still pending;
`flush` waits for them (the window calls it when it closes, and the interpreter waits for
the writer's thread at exit).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QSettings

ORGANIZATION = "AttentionTrainer"
APPLICATION = "Attention Trainer"
MAX_RECENT = 8

_DEFAULTS: dict[str, object] = {
    "recent_files": [],
    "recent_projects": [],
    "last_directory": "",
    "geometry": b"",
    "language": "",  # "" follows the system locale; else a key of i18n.LANGUAGES
    "splitter": b"",
    "memory_cap": 0,  # bytes a CSV may need to be read whole, else streamed; 0: memory available
}


_writer = ThreadPoolExecutor(1, thread_name_prefix="settings")
_pending: dict[str, object] = {}  # key -> the latest value written but not yet on disk
_lock = threading.Lock()


def _settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def read(key: str):
    default = _DEFAULTS[key]
    with _lock:
        pending = key in _pending
        value = _pending.get(key)
    if not pending:
        value = _settings().value(key, default)
    if isinstance(default, list):
        # INI files return a lone item as a string and an empty list as None.
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)
    if isinstance(default, bytes):
        return bytes(value) if value else b""
    return type(default)(value) if value is not None else default


def write(key: str, value) -> None:
    if key not in _DEFAULTS:
        raise KeyError(key)
    with _lock:
        _pending[key] = value
    _writer.submit(_store, key, value)


def _store(key: str, value) -> None:
    settings = _settings()
    settings.setValue(key, value)
    settings.sync()
    with _lock:
        if _pending.get(key) is value:  # a later write of the key is still to come
            del _pending[key]


def flush() -> None:
    """Wait until every write so far is in the settings file."""
    _writer.submit(lambda: None).result()


def add_recent(path: str, key: str = "recent_files") -> list[str]:
    """Put `path` first in a most-recent-first list (recent_files or recent_projects)."""
    recent = [p for p in read(key) if p != path]
    recent.insert(0, path)
    recent = recent[:MAX_RECENT]
    write(key, recent)
    return recent
