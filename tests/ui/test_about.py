"""App identity: the icon in every size, and Help ▸ About with the versions."""

from __future__ import annotations

import platform
import struct

import numpy
import pandas
import pyqtgraph
import PySide6
from PySide6.QtCore import QSize, qVersion
from PySide6.QtGui import QGuiApplication, QImage

from attn_gui import __version__
from attn_gui.resources import ICON_DIR
from attn_gui.ui.app.about import ICON_SIZES, AboutDialog, app_icon


def test_about_shows_app_and_library_versions_and_copies_them(qtbot, window):
    window.actions["about"].trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert __version__ in dialog.title_label.text()
    shown = [label.text() for label in dialog.findChildren(type(dialog.title_label))]
    expected = {"Python": platform.python_version(), "PySide6": PySide6.__version__,
                "Qt": qVersion(), "pyqtgraph": pyqtgraph.__version__,
                "NumPy": numpy.__version__, "pandas": pandas.__version__}
    for name, version in expected.items():
        assert name in shown and version in shown, name
    qtbot.mouseClick(dialog.copy_button, PySide6.QtCore.Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Attention Trainer {__version__}")
    assert all(f"{name} {version}" in copied for name, version in expected.items())
    dialog.close()


def test_every_png_size_is_drawn_at_its_size():
    for size in ICON_SIZES:
        image = QImage(str(ICON_DIR / f"attn_gui_{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    icon = app_icon()
    assert not icon.isNull()
    assert {QSize(s, s) for s in (16, 32, 256, 1024)} <= set(icon.availableSizes())


def test_windows_ico_holds_the_sizes_windows_asks_for():
    data = (ICON_DIR / "attn_gui.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    # Width byte 0 means 256 in an ICONDIRENTRY.
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 24, 32, 48, 64, 128, 256} <= sizes


def test_macos_icns_holds_retina_sizes_up_to_1024():
    data = (ICON_DIR / "attn_gui.icns").read_bytes()
    magic, length = struct.unpack_from(">4sI", data, 0)
    assert magic == b"icns" and length == len(data)
    kinds, offset = set(), 8
    while offset < length:
        kind, size = struct.unpack_from(">4sI", data, offset)
        kinds.add(kind)
        offset += size
    # 128, 256, 512, 1024 (512@2x), 32 (16@2x), 64 (32@2x) pixel PNGs
    assert {b"ic07", b"ic08", b"ic09", b"ic10", b"ic11", b"ic12"} <= kinds
