"""Reading inputs: files, directories and stdin, each handed to the reader its content calls for.

``iter_documents`` yields one ``Document`` per readable input and one ``Skipped`` per input it
could not or would not read, in order. One broken file never stops the others: every failure is
reported with the input's name and the fix, and the CLI turns ``Skipped(failed=True)`` into a
non-zero exit code. This module only dispatches: bytes are decoded in ``decode``, formats told
apart in ``formats``, web pages, archives, feeds and JSON Lines read by their own readers.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, TextIO, Union

from chronicle import settings
from chronicle.ingest.decode import GZIP_MAGIC, GzipError, decode_bytes, display_name, gunzip, safe_item
from chronicle.ingest.feeds import iter_feed
from chronicle.ingest.formats import SNIFF_BYTES, format_of_head, sniff_format
from chronicle.ingest.html import read_html
from chronicle.ingest.jsonl import iter_jsonl
from chronicle.ingest.warc import iter_warc
from chronicle.records import Document, Skipped

# Extensions read when walking a directory. A file named explicitly is read whatever its name.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
# Web formats read from directories too; the content, not the name, picks the reader.
WEB_SUFFIXES = frozenset({
    ".html", ".htm", ".warc", ".xml", ".rss", ".atom", ".jsonl", ".ndjson",
})
# Either kind, gzip-compressed (".txt.gz", ".warc.gz", ".rss.gz"...), is read from directories too.
GZIP_SUFFIX = ".gz"

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
READER_FAILED = (
    "reading {source} failed ({kind}: {error}); the rest of this file was not read. "
    "Please report it with the file."
)
IS_DIRECTORY = "{source} is a directory; pass it to iter_documents to read the files in it."
EMPTY = "empty file"


def iter_documents(
    paths: list[str], *, stdin: Optional[Union[TextIO, BinaryIO]] = None
) -> Iterator[Union[Document, Skipped]]:
    """Read each path in order: files, directories (recursively, sorted) and "-" for stdin.

    paths (list[str]): inputs as given on the command line.
    stdin (file): where "-" reads from, text or binary. Defaults to ``sys.stdin``.
    RETURNS (Iterator[Document | Skipped]): one item per file, in order.
    """
    for path in paths:
        if path == "-":
            yield read_stdin(stdin if stdin is not None else sys.stdin)
        elif Path(path).is_dir():
            yield from read_directory(Path(path))
        else:
            yield from read_path(Path(path))


def read_path(path: Path, *, text: bool = False) -> Iterator[Union[Document, Skipped]]:
    """One file, read by the reader its content calls for (see ``formats.sniff_format``).

    Text and HTML files give one item; WARC archives, feeds and JSON Lines files one per page,
    entry or line. A reader that raises (a bug: bad input is a ``Skipped``) costs the rest of
    this file only, reported as failed.

    text (bool): read it as a text file (``read_document``) without sniffing its format, as a
        directory's ".txt" files are. Defaults to False.
    """
    try:
        if text:
            yield read_document(path)
        else:
            yield from _read_path(path)
    except Exception as error:  # one file's reader bug never ends the run
        source = display_name(path)
        yield Skipped(source, READER_FAILED.format(source=source, kind=type(error).__name__,
                                                   error=display_name(str(error))), failed=True)


def _read_path(path: Path) -> Iterator[Union[Document, Skipped]]:
    fmt = sniff_format(path) if path.is_file() else "text"
    if fmt == "warc":
        yield from iter_warc(path)
    elif fmt == "feed":
        yield from iter_feed(path)
    elif fmt == "jsonl":
        yield from iter_jsonl(path)
    else:
        yield read_document(path)


def read_directory(directory: Path) -> Iterator[Union[Document, Skipped]]:
    """The text files under ``directory``, sorted, hidden files and directories left out."""
    errors: list[OSError] = []
    for root, dirnames, filenames in os.walk(directory, onerror=errors.append):
        yield from (_unreadable(display_name(e.filename or root), e) for e in _drain(errors))
        # Sorting in place makes os.walk descend in sorted order too.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(n for n in filenames if not n.startswith(".")):
            path = Path(root) / name
            if path.suffix.lower() in TEXT_SUFFIXES:
                yield from read_path(path, text=True)
            elif _web_suffix(name):
                yield from read_path(path)
            else:
                yield _not_text_suffix(path)
    yield from (_unreadable(display_name(e.filename or directory), e) for e in _drain(errors))


def read_document(path: Path) -> Union[Document, Skipped]:
    """Read and decode one file; a ``Skipped`` says why it could not be.

    path (Path): the file, whatever its extension.
    RETURNS (Document | Skipped): the text, or the reason it was not read.
    """
    source = display_name(path)
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


def read_stdin(stream: Union[TextIO, BinaryIO]) -> Union[Document, Skipped]:
    """Read "-": bytes are decoded like a file's; text is taken as the stream decoded it."""
    binary = getattr(stream, "buffer", stream)
    try:
        data = binary.read(settings.MAX_INPUT_BYTES + 1)
    except (OSError, ValueError) as error:
        return _unreadable("-", error)
    if isinstance(data, bytes):
        return document_from_bytes("-", data)
    size = len(data.encode("utf-8", "surrogatepass"))
    if size > settings.MAX_INPUT_BYTES:
        return _too_large("-", size)
    if not data.strip():
        return Skipped("-", EMPTY, failed=False)
    return safe_item(Document("-", data, getattr(stream, "encoding", None)))


def document_from_bytes(source: str, data: bytes) -> Union[Document, Skipped]:
    """Decode the bytes of one input, or say why they are not text.

    gzip data is decompressed first, every member, and refused when it is truncated, damaged or
    expands past the input limit (``MAX_INPUT_BYTES`` bounds the decompressed size too).
    """
    source = display_name(source)
    if len(data) > settings.MAX_INPUT_BYTES:
        return _too_large(source, len(data))
    if not data.strip():
        return Skipped(source, EMPTY, failed=False)
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data)
        except GzipError as error:
            return Skipped(source, error.reason(source), failed=True)
        if not data.strip():
            return Skipped(source, EMPTY, failed=False)
    if format_of_head(data[:SNIFF_BYTES]) == "html":
        return safe_item(read_html(data, source))
    decoded = decode_bytes(data)
    if decoded is None:
        return Skipped(source, BINARY.format(source=source), failed=True)
    text, encoding = decoded
    if not text.strip():
        return Skipped(source, EMPTY, failed=False)
    return safe_item(Document(source, text, encoding))


def _drain(errors: list[OSError]) -> list[OSError]:
    drained = list(errors)
    errors.clear()
    return drained


def _unreadable(source: str, error: BaseException) -> Skipped:
    detail = display_name(getattr(error, "strerror", None) or str(error))
    source = display_name(source)
    return Skipped(source, UNREADABLE.format(source=source, error=detail), failed=True)


def _too_large(source: str, size: int) -> Skipped:
    reason = TOO_LARGE.format(source=source, size=size, limit=settings.MAX_INPUT_BYTES)
    return Skipped(source, reason, failed=True)


def _web_suffix(name: str) -> bool:
    name = name.lower()
    if name.endswith(GZIP_SUFFIX):  # "x.txt.gz", "x.warc.gz": the suffix before ".gz" decides
        inner = Path(name[:-len(GZIP_SUFFIX)]).suffix
        return bool(inner) and (inner in TEXT_SUFFIXES or inner in WEB_SUFFIXES)
    return any(name.endswith(suffix) for suffix in WEB_SUFFIXES)


def _not_text_suffix(path: Path) -> Skipped:
    suffixes = ", ".join(s or "no extension" for s in sorted(TEXT_SUFFIXES | WEB_SUFFIXES))
    suffixes += " (and each of them gzip-compressed, '.gz')"
    source = display_name(path)
    reason = NOT_TEXT_SUFFIX.format(source=source, suffix=display_name(path.suffix), suffixes=suffixes)
    return Skipped(source, reason, failed=False)
