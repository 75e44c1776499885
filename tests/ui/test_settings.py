"""Settings are written on a thread of their own (a slow disk never freezes the window),
read back at once, and on disk after `flush`."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings

from attn_gui.ui.app import settings


def test_a_write_is_read_back_at_once_and_is_on_disk_after_flush(monkeypatch):
    release = threading.Event()
    store = settings._store
    monkeypatch.setattr(settings, "_store", lambda *a: (release.wait(10), store(*a)))
    settings.write("last_directory", "/data/first")
    settings.add_recent("/data/a.csv")
    settings.add_recent("/data/b.csv")
    # The disk has not been written yet (the writer waits), the values are there already.
    assert settings.read("last_directory") == "/data/first"
    assert settings.read("recent_files")[:2] == ["/data/b.csv", "/data/a.csv"]
    release.set()
    settings.flush()
    on_disk = QSettings(settings.ORGANIZATION, settings.APPLICATION)
    assert on_disk.value("last_directory") == "/data/first"
    assert settings.read("recent_files")[:2] == ["/data/b.csv", "/data/a.csv"]
    assert not settings._pending


def test_the_writes_happen_off_the_calling_thread(monkeypatch):
    threads = []
    original = settings._settings

    def noting():
        threads.append(threading.current_thread())
        return original()

    monkeypatch.setattr(settings, "_settings", noting)
    settings.write("memory_cap", 0)
    settings.flush()
    assert threads and threading.current_thread() not in threads
