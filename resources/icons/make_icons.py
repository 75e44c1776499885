"""Regenerates the app icon in every size the platforms ask for, from one drawing:
attn_gui_<N>.png (16 to 1024 px), attn_gui.ico (Windows) and attn_gui.icns (macOS).

Each size is drawn afresh with QPainter (small sizes get fewer, wider bars) and Pillow
packs the exact images into .ico and .icns. Needs Pillow (`pip install pillow`) besides
the app's own dependencies. Run from the repo root: `python resources/icons/make_icons.py`.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter  # noqa: E402

HERE = Path(__file__).resolve().parent
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
# Attention weights as bars: one column stands out, as in the app's weight plot.
WEIGHTS = (0.35, 0.55, 1.0, 0.45, 0.25)
WEIGHTS_SMALL = (0.45, 1.0, 0.35)
HIGHLIGHT = 2
HIGHLIGHT_SMALL = 1


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.06 if size >= 64 else 0.0
    tile = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0.0, QColor("#1f4e99"))
    gradient.setColorAt(1.0, QColor("#1a8a8a"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    radius = tile.width() * 0.2
    painter.drawRoundedRect(tile, radius, radius)

    small = size < 48
    weights, highlight = (WEIGHTS_SMALL, HIGHLIGHT_SMALL) if small else (WEIGHTS, HIGHLIGHT)
    inner = tile.adjusted(tile.width() * 0.16, tile.height() * 0.16,
                          -tile.width() * 0.16, -tile.height() * 0.16)
    slot = inner.width() / len(weights)
    bar_width = slot * (0.72 if small else 0.64)
    for index, weight in enumerate(weights):
        height = inner.height() * weight
        left = inner.left() + index * slot + (slot - bar_width) / 2
        bar = QRectF(left, inner.bottom() - height, bar_width, height)
        painter.setBrush(QColor("#ffb238") if index == highlight else QColor(255, 255, 255, 235))
        corner = bar_width * 0.18
        painter.drawRoundedRect(bar, corner, corner)
    painter.end()
    return image


def to_pillow(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> None:
    _app = QGuiApplication([])
    images = {size: draw(size) for size in PNG_SIZES}
    for size, image in images.items():
        image.save(str(HERE / f"attn_gui_{size}.png"))
    pictures = {size: to_pillow(image) for size, image in images.items()}
    largest = pictures[max(ICO_SIZES)]
    largest.save(HERE / "attn_gui.ico", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[pictures[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    pictures[1024].save(HERE / "attn_gui.icns",
                        append_images=[pictures[s] for s in ICNS_SIZES if s != 1024])


if __name__ == "__main__":
    main()
