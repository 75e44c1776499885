"""Names and titles shortened to the room a plot has."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

__all__ = ["NAME_SHARE", "TEXT_MARGIN", "elide", "elide_px", "first_that_fits"]

_NAME_CHARS = 22  # longer feature names are elided on the axis, so bars keep their room
NAME_SHARE = 0.35  # ... and never take more than this share of a bar chart's width
TEXT_MARGIN = 8  # a QGraphicsTextItem's document margins, left and right together


def elide(name: str) -> str:
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1] + "…"


def elide_px(text: str, font: QFont, pixels: float) -> str:
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, max(int(pixels), 0))


def first_that_fits(texts: Sequence[str], font: QFont, pixels: float) -> str:
    """The first of `texts` (longest first) as wide as `pixels` at most, else the last elided."""
    metrics = QFontMetrics(font)
    return next((t for t in texts if metrics.horizontalAdvance(t) <= pixels),
                elide_px(texts[-1], font, pixels))
