"""Bytes to text: byte-order marks, binary detection, UTF-8 and legacy code pages, gzip; and
text and names made safe to store and print.

``decode_bytes`` gives ``(text, encoding)`` or None when the bytes are not text. ``gunzip`` and
``iter_gunzip`` decompress every member of a gzip stream, bounded by the size of their OUTPUT (a
small file may expand a thousandfold), and raise ``GzipError`` (too large, truncated, damaged).
``replace_unencodable`` and ``display_name`` make text and names storable and printable;
``safe_item`` applies them to what a reader gives. Every reader decodes through here, so the
same bytes give the same text whichever reader meets them.
"""
from __future__ import annotations

import codecs
import os
import re
import zlib
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from charset_normalizer import from_bytes

from chronicle import settings
from chronicle.records import Document, Removed, Skipped

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


# Decompression ---------------------------------------------------------------------------

# Decompressed bytes produced per step: memory holds one step, however far the data expands.
GUNZIP_STEP = 1 << 20
READ_STEP = 1 << 16

EXPANDS_TOO_FAR = (
    "{source} expands to more than {limit:,} bytes when decompressed, over the input limit; "
    "skipped (raise CHRONICLE_MAX_INPUT_BYTES to read it)"
)
TRUNCATED_GZIP = (
    "{source} is a truncated gzip stream (the compressed data ends before its end marker); "
    "nothing of it is read. Re-fetch or re-compress the file."
)
DAMAGED_GZIP = "{source} is gzip-compressed but damaged ({detail}); nothing of it is read. Re-fetch or re-compress the file."


class GzipError(Exception):
    """Compressed data that can't be read whole; ``reason(source)`` says why and what to do."""

    template = DAMAGED_GZIP

    def __init__(self, detail: str = "", limit: int = 0):
        super().__init__(detail)
        self.detail, self.limit = detail, limit

    def reason(self, source: str) -> str:
        return self.template.format(source=source, detail=self.detail, limit=self.limit)


class ExpandsTooFar(GzipError):
    template = EXPANDS_TOO_FAR


class TruncatedGzip(GzipError):
    template = TRUNCATED_GZIP


def iter_gunzip(chunks: Iterable[bytes], limit: Optional[int] = None) -> Iterator[bytes]:
    """The decompressed bytes of a gzip stream, every member, step by step.

    chunks (Iterable[bytes]): the compressed stream, in pieces of any size.
    limit (int | None): the most decompressed bytes allowed. Defaults to ``MAX_INPUT_BYTES``.
    RETURNS (Iterator[bytes]): pieces of at most ``GUNZIP_STEP`` bytes. Raises ``ExpandsTooFar``
        as soon as the output passes ``limit``, ``TruncatedGzip`` when the stream ends inside a
        member, ``GzipError`` on damaged data. NUL padding after the last member is ignored.
    """
    limit = settings.MAX_INPUT_BYTES if limit is None else limit
    decompressor, started, total = zlib.decompressobj(wbits=31), False, 0
    for chunk in chunks:
        data = chunk
        while True:
            if not started:
                data = data.lstrip(b"\0")  # NUL padding between or after members
                if not data:
                    break
            started = True
            try:
                out = decompressor.decompress(data, GUNZIP_STEP)
            except zlib.error as error:
                raise GzipError(str(error)) from None
            total += len(out)
            if total > limit:
                raise ExpandsTooFar(limit=limit)
            if out:
                yield out
            if decompressor.eof:  # the next member, if any, starts in unused_data
                data = decompressor.unused_data
                decompressor, started = zlib.decompressobj(wbits=31), False
                continue
            data = decompressor.unconsumed_tail
            if not data and len(out) < GUNZIP_STEP:
                break  # this chunk is used up (a full step may leave output pending: ask again)
    if started:
        raise TruncatedGzip("ends inside a member")


def gunzip(data: bytes, limit: Optional[int] = None) -> bytes:
    """All members of a gzip input, decompressed; raises ``GzipError`` past ``limit`` (see ``iter_gunzip``)."""
    return b"".join(iter_gunzip([data], limit))


def gunzip_file(f: BinaryIO, limit: Optional[int] = None) -> bytes:
    """``gunzip`` of an open file, read in steps (the compressed bytes are never all in memory)."""
    return b"".join(iter_gunzip(iter(lambda: f.read(READ_STEP), b""), limit))


def inflate(data: bytes, *, raw: bool = False, limit: Optional[int] = None) -> bytes:
    """zlib (or, ``raw``, bare deflate) data decompressed, at most ``limit`` bytes (``ExpandsTooFar``)."""
    limit = settings.MAX_INPUT_BYTES if limit is None else limit
    decompressor = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as error:
        raise GzipError(str(error)) from None
    if len(out) > limit:
        raise ExpandsTooFar(limit=limit)
    if not decompressor.eof:
        raise TruncatedGzip("ends inside the deflate stream")
    return out


# Safe text and names -----------------------------------------------------------------------

# Code points UTF-8 can't encode: lone surrogates (from JSON escapes such as "\ud83d", or
# file names that are not UTF-8). SQLite, PostgreSQL and JSON writers all refuse them.
_UNENCODABLE = re.compile("[\ud800-\udfff]")
UNENCODABLE_REPLACED = "unpaired surrogate replaced with U+FFFD"
# In names: the bytes of a name that is not UTF-8 (os.fsdecode's surrogateescape), other
# surrogates, and C0/C1 control characters and DEL (ESC sequences retitle a terminal).
_UNSAFE_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# An id (a JSON line's, a WARC record's) longer than this is cut, with an ellipsis, where it
# becomes part of a source.
MAX_ID_CHARS = 300


def replace_unencodable(text: str) -> tuple[str, int]:
    """``text`` with every code point UTF-8 can't encode (lone surrogates) replaced by U+FFFD.

    text (str): any text.
    RETURNS (tuple[str, int]): the text, and how many code points were replaced.
    """
    return _UNENCODABLE.subn("\ufffd", text)


def display_name(name: Union[str, bytes, os.PathLike], *, limit: Optional[int] = None) -> str:
    """A name (path, record id) in a form safe to store and to print.

    Bytes that are not UTF-8 (``b"\\xff"``, decoded by os.walk as the surrogate "\\udcff") and
    control characters (ESC, NUL, newline...) become their visible escape ``\\xff``, ``\\x1b``;
    other lone surrogates become U+FFFD. Applied twice, it changes nothing more.

    name (str | bytes | PathLike): the name.
    limit (int | None): cut a longer result to this many characters, ending in "…" (for ids,
        ``MAX_ID_CHARS``). Defaults to None: no cut.
    RETURNS (str): the same name when it was already safe.
    """
    text = os.fsdecode(name) if not isinstance(name, str) else name
    text = _UNSAFE_IN_NAME.sub(_escape_in_name, text)
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"


def _escape_in_name(match: re.Match) -> str:
    char = ord(match.group())
    if 0xDC80 <= char <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{char - 0xDC00:02x}"
    if 0xD800 <= char <= 0xDFFF:
        return "\ufffd"
    return f"\\x{char:02x}"


def safe_text(value: Optional[str]) -> Optional[str]:
    """A metadata string (title, url, author) with unencodable code points replaced."""
    return replace_unencodable(value)[0] if isinstance(value, str) else value


def safe_item(item: Union[Document, Skipped], replaced: int = 0) -> Union[Document, Skipped]:
    """What a reader gives, made safe to store and print (in place, and returned).

    The source becomes a ``display_name``; a document's text, title, url and author have lone
    surrogates replaced, counted in ``removed`` with the ``replaced`` the reader already did.
    """
    item.source = display_name(item.source)
    if isinstance(item, Skipped):
        item.reason, _ = replace_unencodable(item.reason)
        return item
    item.text, count = replace_unencodable(item.text)
    count += replaced
    if count:
        item.removed.append(Removed(f"{count:,} code point(s) UTF-8 can't encode", UNENCODABLE_REPLACED))
    item.title, item.url, item.author = safe_text(item.title), safe_text(item.url), safe_text(item.author)
    return item
