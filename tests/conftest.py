"""Shared test set-up: Qt offscreen with the PySide6 binding, settings in a temp folder,
and no network: the app must work offline, so any connection attempt fails the test."""

import os
import socket
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

# `make test` runs a few hundred examples per property; HYPOTHESIS_PROFILE=thorough is the
# long run by hand (10,000 examples: see tests/core/test_properties.py).
_RELAXED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=_RELAXED)
settings.register_profile("thorough", max_examples=10_000, deadline=None,
                          suppress_health_check=_RELAXED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture
def real_data() -> Path:
    return REAL


@pytest.fixture(autouse=True, scope="session")
def _temporary_settings(tmp_path_factory):
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # QSettings(organization, application) uses the native format whatever the default:
    # without its own path the tests would write into the developer's real settings.
    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))
    # and the app started in a child process (self-test, CLI) keeps its settings there too
    saved = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    yield folder
    if saved is None:
        del os.environ["XDG_CONFIG_HOME"]
    else:
        os.environ["XDG_CONFIG_HOME"] = saved


OFFLINE_DIR = Path(__file__).parent / "offline"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    from tests.offline.no_network import guard

    monkeypatch.setattr(socket.socket, "connect", guard(socket.socket.connect))
    # the CLI, the self-test and every other child process: through sitecustomize.py
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, (str(OFFLINE_DIR), path))))


class Prompts:
    """Questions the app asked, and the button each one gets (Discard unless set)."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Discard

    def question(self, _parent, _title, text, *_args, **_kwargs):
        self.asked.append(text)
        return self.answer


@pytest.fixture(autouse=True)
def unsaved_prompts(monkeypatch) -> Prompts:
    """A modal question would wait forever offscreen: it is answered by `Prompts`."""
    from PySide6.QtWidgets import QMessageBox

    prompts = Prompts()
    monkeypatch.setattr(QMessageBox, "question", prompts.question)
    return prompts


@pytest.fixture(scope="session")
def corpus_file(tmp_path_factory):
    """Path of a file of the bad-file corpus by name; big ones are generated once."""
    from tests.corpus import path_of

    folder = tmp_path_factory.mktemp("corpus")
    return lambda name: path_of(name, folder)
