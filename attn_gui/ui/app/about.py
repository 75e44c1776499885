"""App identity: the window icon, and Help ▸ About with the versions a bug report needs."""

from __future__ import annotations

import platform

import numpy
import pyqtgraph
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...resources import ICON_DIR

# pandas is imported inside the functions that use it: it is kept off the window's start-up path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def app_icon() -> QIcon:
    """Every drawn size, so each platform picks a sharp one instead of scaling."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = ICON_DIR / f"attn_gui_{size}.png"
        if path.exists():
            icon.addFile(str(path))
    return icon


def library_versions() -> list[tuple[str, str]]:
    import pandas as pd

    return [
        ("Python", platform.python_version()),
        ("PySide6", PySide6.__version__),
        ("Qt", qVersion()),
        ("pyqtgraph", pyqtgraph.__version__),
        ("NumPy", numpy.__version__),
        ("pandas", pd.__version__),
    ]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Attention Trainer"))
        self.versions = library_versions()

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = QLabel(self.tr("<h2>Attention Trainer {0}</h2>").format(__version__))
        blurb = QLabel(self.tr("Which columns of a table matter, and how well a small network "
                               "predicts the target from them. Works offline; MIT licence."))
        blurb.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for row, (name, version) in enumerate(self.versions):
            grid.addWidget(QLabel(name), row, 0)
            value = QLabel(version)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)

        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addWidget(blurb)
        text.addWidget(QLabel(self.tr("<b>Running on</b> {0}").format(platform.platform())))
        text.addLayout(grid)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addLayout(text, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy versions"))
        self.copy_button.setToolTip(self.tr("Copy the versions, e.g. for a bug report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_versions)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def version_text(self) -> str:
        lines = [f"Attention Trainer {__version__}", f"Platform {platform.platform()}"]
        lines += [f"{name} {version}" for name, version in self.versions]
        return "\n".join(lines)

    def copy_versions(self) -> None:
        QGuiApplication.clipboard().setText(self.version_text())


def show_about(parent: QWidget) -> AboutDialog:
    """Open the dialog window-modally without blocking the caller (training plots keep
    updating); it deletes itself when closed."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
