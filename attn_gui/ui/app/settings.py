"""Persistent settings with typed defaults (MNELAB's `_DEFAULTS` pattern)."""

from __future__ import annotations

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


def _settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def read(key: str):
    default = _DEFAULTS[key]
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
    _settings().setValue(key, value)


def add_recent(path: str, key: str = "recent_files") -> list[str]:
    """Put `path` first in a most-recent-first list (recent_files or recent_projects)."""
    recent = [p for p in read(key) if p != path]
    recent.insert(0, path)
    recent = recent[:MAX_RECENT]
    write(key, recent)
    return recent
