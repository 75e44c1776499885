"""Which encoding a CSV is in, judged from the bytes at its start and end.

Strict attempts in order: a byte order mark, UTF-16 without one, UTF-8, mostly-UTF-8 (a few
broken bytes are replaced, or lines from a Windows export mixed in), GB18030, Windows-1252,
Latin-1. Files that are no text at all (workbooks, archives, binaries) are refused here.
"""

from __future__ import annotations

import codecs
import re
from itertools import islice

from ..errors import Phrase
from .common import TableError

SNIFF_CHARS = 1 << 16
MIXED = "attn-gui-utf8-or-cp1252"  # a codecs error handler, registered below
_CONTROL = bytes(range(9)) + bytes(range(14, 32))
# a lone byte >= 0x80 between ASCII bytes is never UTF-8, and never GB2312 (two bytes a character)
_LONE_HIGH_BYTE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")


def detect_encoding(head: bytes, tail: bytes, complete: bool, name: str) -> tuple[str, str, str]:
    """Encoding, decoded head and decode-error policy."""
    return _by_signature(head, complete, name) or _by_content(head, tail, complete)


def _by_signature(head: bytes, complete: bool, name: str) -> tuple[str, str, str] | None:
    """What the first bytes settle: a byte order mark, UTF-16, or a file that is no text."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", decode(head, "utf-16", complete, "replace"), "strict"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", decode(head, "utf-8-sig", complete, "replace"), "strict"
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise TableError(
            "could not find a table in '{name}': it looks like an Excel workbook; "
            "save it as CSV (File > Save As) and open that", name=name)
    if head.startswith(b"\x1f\x8b"):
        raise TableError(
            "could not find a table in '{name}': it is compressed (gzip); extract the CSV first",
            name=name)
    probe = head[: SNIFF_CHARS * 4]
    for encoding, zeros, text_bytes in (("utf-16-le", probe[1::2], probe[::2]),
                                        ("utf-16-be", probe[::2], probe[1::2])):
        # UTF-16 without a byte order mark: ASCII text with a zero byte beside every character
        if len(zeros) >= 8 and zeros.count(0) >= 0.9 * len(zeros) and text_bytes.count(0) == 0:
            return encoding, decode(head, encoding, complete, "replace"), "strict"
    if b"\x00" in probe or len(probe) - len(probe.translate(None, _CONTROL)) > len(probe) // 100:
        raise TableError(
            "could not find a table in '{name}': it looks like a binary file, not CSV/TSV text",
            name=name)
    return None


def _by_content(head: bytes, tail: bytes, complete: bool) -> tuple[str, str, str]:
    """UTF-8 (strict, with a few bytes replaced, or mixed with Windows-1252), then the
    legacy encodings."""
    try:
        text = decode(head, "utf-8", complete)
        decode(tail, "utf-8", True)
        return "utf-8", text, "strict"
    except UnicodeDecodeError:
        pass
    text = decode(head, "utf-8", complete, "replace") + decode(tail, "utf-8", True, "replace")
    broken = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", "ignore")) - broken
    if valid >= 10 * broken:
        return "utf-8", decode(head, "utf-8", complete, "replace"), "replace"
    if valid and (_LONE_HIGH_BYTE.search(head) or _LONE_HIGH_BYTE.search(tail)):
        # UTF-8 lines next to lines from a Windows export (files appended to each other)
        return "utf-8", decode(head, "utf-8", complete, MIXED), MIXED
    return _legacy(head, tail, complete)


def _legacy(head: bytes, tail: bytes, complete: bool) -> tuple[str, str, str]:
    try:
        text = decode(head, "gb18030", complete)
        decode(tail, "gb18030", True)
        # Latin-1 accents followed by letters also decode, as rare characters outside GB2312
        if _mostly_gb2312(text):
            return "gb18030", text, "strict"
    except UnicodeDecodeError:
        pass
    if re.search(b"[\x80-\x9f]", head) or re.search(b"[\x80-\x9f]", tail):
        try:
            text = decode(head, "cp1252", True)
            decode(tail, "cp1252", True)
            return "cp1252", text, "strict"
        except UnicodeDecodeError:
            pass
    return "latin-1", head.decode("latin-1"), "strict"


def legacy_note(encoding: str) -> Phrase:
    label = "Latin-1" if encoding == "latin-1" else Phrase("Windows-1252 (Western European)")
    return Phrase("decoded as {encoding}: the file is not valid UTF-8; "
                  "if accented letters look wrong, re-save it as UTF-8", encoding=label)


def decode(data: bytes, encoding: str, final: bool, errors: str = "strict") -> str:
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final)


def _utf8_or_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 are read as Windows-1252 (Latin-1 where it has no character)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    try:
        return chunk.decode("cp1252"), exc.end
    except UnicodeDecodeError:
        return chunk.decode("latin-1"), exc.end


codecs.register_error(MIXED, _utf8_or_cp1252)


def _mostly_gb2312(text: str) -> bool:
    wide = "".join(islice((m.group() for m in re.finditer(r"[^\x00-\x7f]+", text)), 5000))
    unmapped = wide.encode("gb2312", errors="replace").count(b"?")
    return unmapped * 2 <= len(wide)
