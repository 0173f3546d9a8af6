"""Reading inputs: files, directories and stdin, decoded to text.

``iter_documents`` yields one ``RawDocument`` per readable input and one ``Skipped`` per input it
could not or would not read, in order. One broken file never stops the others: every failure is
reported with the input's name and the fix, and the CLI turns ``Skipped(failed=True)`` into a
non-zero exit code.
"""
from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, TextIO, Union

from charset_normalizer import from_bytes

from chronicle import settings
from chronicle.records import Removed

# Extensions read when walking a directory. A file named explicitly is read whatever its name.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
# Web formats read from directories too; the content, not the name, picks the reader.
WEB_SUFFIXES = frozenset({
    ".html", ".htm", ".warc", ".warc.gz", ".html.gz", ".htm.gz", ".xml", ".rss", ".atom", ".jsonl",
})

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

BINARY = (
    "{source} looks binary, not text; Chronicle reads UTF-8 or legacy-encoded text (Windows-1252, "
    "Latin-1, UTF-16 with a byte-order mark...). Extract its text first (e.g. from a PDF or an "
    "archive) and pass the text file."
)
TOO_LARGE = (
    "{source} is {size:,} bytes, over the {limit:,}-byte input limit. Split it, or raise the limit "
    "with the environment variable CHRONICLE_MAX_INPUT_BYTES."
)
UNREADABLE = "Can't read {source}: {error}. Check the path and its permissions."
NOT_TEXT_SUFFIX = (
    "{source} skipped: '{suffix}' files are not read from directories (only {suffixes}). Name the "
    "file explicitly to read it anyway."
)
BAD_GZIP = "{source} is gzip-compressed but can't be decompressed (truncated or damaged)."
IS_DIRECTORY = "{source} is a directory; pass it to iter_documents to read the files in it."
EMPTY = "empty file"


@dataclass
class RawDocument:
    """One input, decoded."""

    source: str  # path, "-" for stdin, "path#record-id" for a WARC record, "path:line" for JSONL
    text: str  # decoded text (for web pages: the main text, boilerplate removed)
    encoding: Optional[str]  # Python codec name ("utf-8", "cp1252", ...); None if given as str
    title: Optional[str] = None  # headline found in the page's markup or the feed entry
    published: Optional[str] = None  # ISO date "YYYY-MM-DD" found in the page or feed
    url: Optional[str] = None  # canonical URL, WARC-Target-URI or feed link
    author: Optional[str] = None
    language: Optional[str] = None  # ISO 639-1 code ("en"), when detected
    format: str = "text"  # what it was read from: text, html, warc, feed, jsonl
    removed: list[Removed] = field(default_factory=list)  # lines a web-page reader dropped, why


@dataclass
class Skipped:
    """An input that was not read, and why."""

    source: str
    reason: str  # names the input and the fix
    failed: bool  # True: an error (non-zero exit); False: deliberately skipped (empty file)


def iter_documents(
    paths: list[str], *, stdin: Optional[Union[TextIO, BinaryIO]] = None
) -> Iterator[Union[RawDocument, Skipped]]:
    """Read each path in order: files, directories (recursively, sorted) and "-" for stdin.

    paths (list[str]): inputs as given on the command line.
    stdin (file): where "-" reads from, text or binary. Defaults to ``sys.stdin``.
    RETURNS (Iterator[RawDocument | Skipped]): one item per file, in order.
    """
    for path in paths:
        if path == "-":
            yield read_stdin(stdin if stdin is not None else sys.stdin)
        elif Path(path).is_dir():
            yield from read_directory(Path(path))
        else:
            yield from read_path(Path(path))


def read_path(path: Path) -> Iterator[Union[RawDocument, Skipped]]:
    """One file, read by the reader its content calls for (see ``formats.sniff_format``).

    Text and HTML files give one item; WARC archives, feeds and JSON Lines files one per page,
    entry or line.
    """
    from chronicle.ingest.formats import sniff_format

    fmt = sniff_format(path) if path.is_file() else "text"
    if fmt == "warc":
        from chronicle.ingest.warc import iter_warc

        yield from iter_warc(path)
    elif fmt == "feed":
        from chronicle.ingest.feeds import iter_feed

        yield from iter_feed(path)
    elif fmt == "jsonl":
        from chronicle.ingest.jsonl import iter_jsonl

        yield from iter_jsonl(path)
    else:
        yield read_document(path)


def read_directory(directory: Path) -> Iterator[Union[RawDocument, Skipped]]:
    """The text files under ``directory``, sorted, hidden files and directories left out."""
    errors: list[OSError] = []
    for root, dirnames, filenames in os.walk(directory, onerror=errors.append):
        yield from (_unreadable(str(e.filename or root), e) for e in _drain(errors))
        # Sorting in place makes os.walk descend in sorted order too.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(n for n in filenames if not n.startswith(".")):
            path = Path(root) / name
            if path.suffix.lower() in TEXT_SUFFIXES:
                yield read_document(path)
            elif _web_suffix(name):
                yield from read_path(path)
            else:
                yield _not_text_suffix(path)
    yield from (_unreadable(str(e.filename), e) for e in _drain(errors))


def read_document(path: Path) -> Union[RawDocument, Skipped]:
    """Read and decode one file; a ``Skipped`` says why it could not be.

    path (Path): the file, whatever its extension.
    RETURNS (RawDocument | Skipped): the text, or the reason it was not read.
    """
    source = str(path)
    if path.is_dir():
        return Skipped(source, IS_DIRECTORY.format(source=source), failed=True)
    try:
        size = path.stat().st_size
        if size > settings.MAX_INPUT_BYTES:
            return _too_large(source, size)
        with path.open("rb") as f:
            # Read one byte past the limit: the file may have grown since stat().
            data = f.read(settings.MAX_INPUT_BYTES + 1)
    except OSError as error:
        return _unreadable(source, error)
    return document_from_bytes(source, data)


def read_stdin(stream: Union[TextIO, BinaryIO]) -> Union[RawDocument, Skipped]:
    """Read "-": bytes are decoded like a file's; text is taken as the stream decoded it."""
    binary = getattr(stream, "buffer", stream)
    try:
        data = binary.read(settings.MAX_INPUT_BYTES + 1)
    except (OSError, ValueError) as error:
        return _unreadable("-", error)
    if isinstance(data, bytes):
        return document_from_bytes("-", data)
    size = len(data.encode("utf-8"))
    if size > settings.MAX_INPUT_BYTES:
        return _too_large("-", size)
    if not data.strip():
        return Skipped("-", EMPTY, failed=False)
    return RawDocument("-", data, getattr(stream, "encoding", None))


def document_from_bytes(source: str, data: bytes) -> Union[RawDocument, Skipped]:
    """Decode the bytes of one input, or say why they are not text."""
    if len(data) > settings.MAX_INPUT_BYTES:
        return _too_large(source, len(data))
    if not data.strip():
        return Skipped(source, EMPTY, failed=False)
    if data.startswith(GZIP_MAGIC):
        data = _gunzip(data)
        if data is None:
            return Skipped(source, BAD_GZIP.format(source=source), failed=True)
        if len(data) > settings.MAX_INPUT_BYTES:
            return _too_large(source, len(data))
    from chronicle.ingest.formats import format_of_head

    if format_of_head(data[:8192]) == "html":
        from chronicle.ingest.html import read_html

        return read_html(data, source)
    decoded = decode_bytes(data)
    if decoded is None:
        return Skipped(source, BINARY.format(source=source), failed=True)
    text, encoding = decoded
    if not text.strip():
        return Skipped(source, EMPTY, failed=False)
    return RawDocument(source, text, encoding)


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


GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(data: bytes) -> Optional[bytes]:
    """Decompressed gzip data, at most one byte over the input limit; None when damaged."""
    import zlib

    decompressor = zlib.decompressobj(wbits=47)
    try:
        return decompressor.decompress(data, settings.MAX_INPUT_BYTES + 1)
    except zlib.error:
        return None


def _drain(errors: list[OSError]) -> list[OSError]:
    drained = list(errors)
    errors.clear()
    return drained


def _unreadable(source: str, error: BaseException) -> Skipped:
    detail = getattr(error, "strerror", None) or str(error)
    return Skipped(source, UNREADABLE.format(source=source, error=detail), failed=True)


def _too_large(source: str, size: int) -> Skipped:
    reason = TOO_LARGE.format(source=source, size=size, limit=settings.MAX_INPUT_BYTES)
    return Skipped(source, reason, failed=True)


def _web_suffix(name: str) -> bool:
    name = name.lower()
    return any(name.endswith(suffix) for suffix in WEB_SUFFIXES)


def _not_text_suffix(path: Path) -> Skipped:
    suffixes = ", ".join(s or "no extension" for s in sorted(TEXT_SUFFIXES | WEB_SUFFIXES))
    reason = NOT_TEXT_SUFFIX.format(source=path, suffix=path.suffix, suffixes=suffixes)
    return Skipped(str(path), reason, failed=False)
