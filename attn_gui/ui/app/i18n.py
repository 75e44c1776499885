"""The interface language: Qt translators at start-up and the View ▸ Language menu.

The language follows the system locale unless the user picked one in View ▸ Language
(kept in QSettings). A change takes effect at the next start: every panel sets its texts
once, when it is built, and many of them are made from the current state (the status
lines, the results tables, the plot titles), so re-translating a running window would
mean re-rendering each panel's state; a restart gives the same result with nothing to
keep in step.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ...resources import resource_path
from . import settings

# Each language under its own name, so anyone can find theirs whatever the interface shows.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
TRANSLATIONS_DIR = resource_path("translations")


def effective_language(system: QLocale | None = None) -> str:
    """The chosen language, or the system's when it is one we ship (else English).

    Any Chinese locale gets Simplified Chinese, the one Chinese shipped: closer to a
    Traditional reader than English is, and View ▸ Language switches to English.
    """
    chosen = settings.read("language")
    if chosen in LANGUAGES:
        return chosen
    locale = system or QLocale.system()
    # uiLanguages() lists the user's preferences in order, e.g. ["zh-Hans-CN", "en-US"].
    for name in locale.uiLanguages():
        probe = QLocale(name)
        if probe.language() == QLocale.Language.English:
            return "en"
        if probe.language() == QLocale.Language.Chinese:
            return "zh_CN"
    return "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own catalogues for `language`; the translators returned
    are installed (and parented to the app, so they live as long as it does). Fewer than
    two means a catalogue is missing: the caller says so rather than staying silent."""
    if language == "en":
        return []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    app_catalogue = compiled_catalogue(language)
    installed = []
    for name, directory in ((f"attn_gui_{language}", str(app_catalogue.parent)),
                            (f"qtbase_{language}", qt_dir)):
        translator = QTranslator(app)
        if translator.load(name, directory) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def compiled_catalogue(language: str) -> Path:
    """The app's compiled catalogue (.qm) for `language`.

    Installers and `make` ship it compiled; started from a checkout without `make`, only
    the source (.ts) is there, so it is compiled once into the user's cache with the
    lrelease that PySide6 brings, and compiled again whenever the source is newer.
    """
    source = TRANSLATIONS_DIR / f"attn_gui_{language}.ts"
    shipped = TRANSLATIONS_DIR / f"attn_gui_{language}.qm"
    if shipped.is_file() and not _newer(source, shipped):
        return shipped
    cache = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.CacheLocation)) / "translations"
    compiled = cache / shipped.name
    if source.is_file() and (not compiled.is_file() or _newer(source, compiled)):
        _lrelease(source, compiled)
    return compiled if compiled.is_file() else shipped


def _newer(source: Path, compiled: Path) -> bool:
    return source.is_file() and source.stat().st_mtime > compiled.stat().st_mtime


def _lrelease(source: Path, target: Path) -> None:
    import PySide6  # the tool ships beside the binding, as pyside6-lrelease runs it

    folder = Path(PySide6.__file__).parent
    tool = shutil.which("lrelease", path=str(folder)) or shutil.which("pyside6-lrelease")
    if tool is None:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool, "-silent", str(source), "-qm", str(target)], check=False,
                   capture_output=True, timeout=60)


def language_menu(parent: QWidget) -> QMenu:
    """View ▸ Language: one checkable entry per shipped language."""
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), parent)
    group = QActionGroup(menu)
    current = effective_language()
    for code, name in LANGUAGES.items():
        action = QAction(name, menu)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        action.triggered.connect(lambda _=False, c=code: _choose(parent, c))
        group.addAction(action)
        menu.addAction(action)
    return menu


def _choose(parent: QWidget, code: str) -> None:
    if code == effective_language():
        return
    settings.write("language", code)
    QMessageBox.information(
        parent, QCoreApplication.translate("Language", "Language"),
        QCoreApplication.translate(
            "Language", "The interface will be in {0} the next time Attention Trainer starts."
        ).format(LANGUAGES[code]))
