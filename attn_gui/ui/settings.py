"""Persistent settings with typed defaults (MNELAB's `_DEFAULTS` pattern)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "AttentionTrainer"
APPLICATION = "Attention Trainer"
MAX_RECENT = 8

_DEFAULTS: dict[str, object] = {
    "recent_files": [],
    "last_directory": "",
    "geometry": b"",
    "splitter": b"",
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


def add_recent(path: str) -> list[str]:
    recent = [p for p in read("recent_files") if p != path]
    recent.insert(0, path)
    recent = recent[:MAX_RECENT]
    write("recent_files", recent)
    return recent
