"""Bytes to text: byte-order marks, binary detection, UTF-8 and legacy code pages, gzip.

``decode_bytes`` gives ``(text, encoding)`` or None when the bytes are not text; ``gunzip``
decompresses a whole gzip input up to the input limit. Every reader decodes through here, so
the same bytes give the same text whichever reader meets them.
"""
from __future__ import annotations

import codecs
import zlib
from typing import Optional

from charset_normalizer import from_bytes

from chronicle import settings

# The first two bytes of every gzip stream (and of every gzip member of a .warc.gz).
GZIP_MAGIC = b"\x1f\x8b"

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that never occur in text (tab, line feed, form feed, carriage return and escape
# do). Text has none of them; compressed or executable data has ~10% (26 of 256 byte values).
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
MAX_CONTROL_BYTE_RATIO = 0.02

# When charset-normalizer ties between legacy code pages (short or mostly-ASCII texts decode the
# same under several), take the most common one for news text, Western European first.
PREFERRED_LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251")
TIE_MARGIN = 0.01


def decode_bytes(data: bytes) -> Optional[tuple[str, str]]:
    """``(text, encoding)``, or None when the bytes look binary.

    1. A byte-order mark names the encoding (UTF-8, UTF-16, UTF-32).
    2. NUL bytes or many control bytes mean binary.
    3. Bytes that are valid UTF-8 are UTF-8.
    4. Otherwise charset-normalizer picks a legacy encoding, or finds none (binary).
    """
    # 1.
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding)
    # 2.
    if looks_binary(data):
        return None
    # 3.
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # 4.
    return detect_legacy_encoding(data)


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more control bytes than text ever has."""
    if b"\x00" in data:
        return True
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    return controls > MAX_CONTROL_BYTE_RATIO * len(data)


def detect_legacy_encoding(data: bytes) -> Optional[tuple[str, str]]:
    """Decode with the legacy code page charset-normalizer finds most plausible."""
    matches = [m for m in from_bytes(data) if not _is_unicode_without_bom(m.encoding)]
    if not matches:
        return None
    best = matches[0]
    tied = [
        m for m in matches
        if m.chaos <= best.chaos + TIE_MARGIN and m.coherence >= best.coherence - TIE_MARGIN
    ]
    # A match stands for every code page that decodes the bytes to the same text.
    tied_encodings = {enc for m in tied for enc in m.could_be_from_charset}
    for encoding in PREFERRED_LEGACY_ENCODINGS:
        if encoding in tied_encodings:
            decoded = _decode_strict(data, encoding)
            if decoded is not None:
                return decoded
    return _decode_strict(data, best.encoding)


def _is_unicode_without_bom(encoding: str) -> bool:
    # Without a byte-order mark, "UTF-16" is a guess on a few bytes, and real UTF-16 text holds
    # NUL bytes that already made it binary; the BOM cases are decoded before detection.
    return encoding.startswith(("utf_16", "utf_32"))


def _decode_strict(data: bytes, encoding: str) -> Optional[tuple[str, str]]:
    try:
        return data.decode(encoding), codecs.lookup(encoding).name
    except (UnicodeDecodeError, LookupError):
        return None


def gunzip(data: bytes) -> Optional[bytes]:
    """Decompressed gzip data, at most one byte over the input limit; None when damaged."""
    decompressor = zlib.decompressobj(wbits=47)
    try:
        return decompressor.decompress(data, settings.MAX_INPUT_BYTES + 1)
    except zlib.error:
        return None
