"""The core's sentences in the interface language.

The core stays free of Qt and speaks English, which the command line prints as it is. Its
errors keep their template and values apart (attn_gui.core.errors), so the window
translates the template in the "CoreMessages" context and fills in the same values: a
value that is itself interface language (a `Phrase`, a nested error) is translated too,
any other (a column name, a number, a path) is shown as it is. The templates reach the
catalogue through resources/translations/extract_core.py (`make translations-update`).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...core.errors import Phrase, UserError

CONTEXT = "CoreMessages"
_FULL_STOPS = (".", "!", "?", "。", "！", "？")

_ATTENTION_MODES = {
    "global": QT_TRANSLATE_NOOP("CoreMessages", "global"),
    "row": QT_TRANSLATE_NOOP("CoreMessages", "per row"),
    "off": QT_TRANSLATE_NOOP("CoreMessages", "off"),
}


def attention_mode(mode: str) -> str:
    """A run's attention setting ("global", "row", "off") as a word of the interface."""
    return QCoreApplication.translate(CONTEXT, _ATTENTION_MODES.get(mode, mode))


def translated(message: object) -> str:
    """A core error or phrase in the interface language; any other text (or error) as it is.

    A template missing from the catalogue (one the core builds as an f-string) stays
    English, as Qt returns it untranslated.
    """
    if not isinstance(message, UserError | Phrase):
        return str(message)
    values = {name: translated(value) if isinstance(value, UserError | Phrase) else value
              for name, value in message.values.items()}
    text = QCoreApplication.translate(CONTEXT, message.template)
    if values:
        text = text.format(**values)
    if isinstance(message, UserError):  # one line, as its English str() is
        text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text


def sentence(message: object) -> str:
    """A core message as a sentence: the core writes lower-case clauses for the CLI."""
    message = translated(message).strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    if message.endswith(_FULL_STOPS):
        return message
    return message + ("。" if _has_cjk(message) else ".")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)
