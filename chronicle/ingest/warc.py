"""Reading web archives: one ``Document`` per HTML page in a WARC or WARC.gz file.

``iter_warc`` streams the archive record by record (FastWARC; warcio when FastWARC can't be
imported), so memory does not grow with the number of records:

1. Read each record's WARC headers and its whole block, at most ``MAX_INPUT_BYTES``.
2. A block shorter than its Content-Length is a truncated record: reported, skipped.
3. ``response`` records: split off the HTTP headers, undo chunking and gzip/deflate (bounded by
   the decompressed size, ``MAX_INPUT_BYTES``: a record that expands past it is reported), and
   hand HTML payloads to ``read_html`` with the charset from Content-Type (sniffed when absent).
   ``resource`` records holding HTML are read the same way, without the HTTP part.
4. Everything else (warcinfo, request, metadata, revisit, images, PDFs...) is counted, and
   reported once per kind with its count at the end, as are pages with no article text.
5. Damaged compressed data (a broken gzip member) is reported with its byte offset, and
   reading resumes at the next intact record.

Each page's source is "path#<WARC-Record-ID>" (the id escaped by ``decode.display_name``); its url
is the WARC-Target-URI. An error reading one record (a bug) costs that record only.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, Union

from chronicle import settings
from chronicle.ingest.decode import (
    GZIP_MAGIC,
    MAX_ID_CHARS,
    GzipError,
    TruncatedGzip,
    display_name,
    inflate,
    iter_gunzip,
    safe_item,
)
from chronicle.ingest.formats import format_of_head
from chronicle.ingest.html import read_html
from chronicle.records import Document, Skipped

TRUNCATED = "{source}: truncated record ({got:,} of {declared:,} bytes); skipped"
TOO_LARGE = "{source}: record of {size:,} bytes is over the {limit:,}-byte input limit; skipped (raise CHRONICLE_MAX_INPUT_BYTES to read it)"
DAMAGED = ("{path}: damaged archive data after byte {offset:,} ({error}); {resumed}. "
           "Records in the damaged part are lost; re-fetch or repair the archive to read them.")
BAD_HTTP = "{source}: malformed HTTP response ({detail}); skipped"
UNSUPPORTED_ENCODING = "{source}: payload compressed with '{encoding}', which Chronicle can't decompress; skipped"
BAD_CONTENT_CODING = "{source}: the HTTP body's {encoding} content coding is {problem}; skipped (re-fetch the page)"
RECORD_FAILED = "{source}: the record could not be read ({kind}: {error}); the other records are read"
COUNTED = "{count:,} {what} skipped"

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass
class WarcRecord:
    """One record, as both readers give it: WARC headers that matter and the raw block."""

    kind: str  # "response", "request", "warcinfo", ...
    record_id: Optional[str]
    uri: Optional[str]
    content_type: Optional[str]  # the WARC Content-Type (e.g. "application/http; msgtype=response")
    block: bytes
    declared_length: Optional[int]
    offset: int  # where the record starts in the file (compressed offset for .warc.gz)


class DamagedArchive(Exception):
    """Reading stopped on broken data; ``offset`` is where the last good record began."""

    def __init__(self, offset: int, error: BaseException):
        super().__init__(str(error))
        self.offset, self.error = offset, error


def iter_warc(path: Union[str, Path]) -> Iterator[Union[Document, Skipped]]:
    """The HTML pages of a WARC file, one ``Document`` each, and why the rest were skipped.

    path (str | Path): a .warc or .warc.gz file (gzip per record or whole-file).
    RETURNS (Iterator[Document | Skipped]): pages in archive order, per-record failures
        (``failed=True``) as they occur, and per-kind counts of skipped records at the end.
    """
    path = Path(path)
    name = display_name(path)
    counts: Counter = Counter()
    try:
        for record in iter_records(path):
            yield from _isolated(path, record, counts)
    except OSError as error:
        yield Skipped(name, f"Can't read {name}: {display_name(str(error))}", failed=True)
    for what, count in counts.items():
        yield Skipped(name, COUNTED.format(count=count, what=what), failed=False)


def _isolated(path: Path, record: "WarcRecord", counts: Counter) -> Iterator[Union[Document, Skipped]]:
    """``_read_record``, each item made safe; an error (a bug) costs this record only."""
    try:
        for item in _read_record(path, record, counts):
            yield safe_item(item)
    except Exception as error:
        source = _source(path, record)
        reason = RECORD_FAILED.format(source=source, kind=type(error).__name__, error=display_name(str(error)))
        yield Skipped(source, reason, failed=True)


def _source(path: Path, record: "WarcRecord") -> str:
    record_id = display_name(record.record_id, limit=MAX_ID_CHARS) if record.record_id else f"offset-{record.offset}"
    return f"{display_name(path)}#{record_id}"


def iter_records(path: Path) -> Iterator[WarcRecord]:
    """Every record of the archive; damaged stretches are reported as ``Skipped`` by the caller.

    On broken data the reader resumes at the next intact gzip member (or "WARC/1." line), so
    one bad record costs that record only.
    """
    start = 0
    while True:
        try:
            for record in _backend_records(path, start):
                yield record
            return
        except DamagedArchive as damage:
            resume = find_next_record(path, damage.offset)
            yield _damaged_marker(path, damage, resume)
            if resume is None:
                return
            start = resume


def _damaged_marker(path: Path, damage: DamagedArchive, resume: Optional[int]) -> WarcRecord:
    resumed = f"resumed at byte {resume:,}" if resume is not None else "no intact record after it"
    reason = DAMAGED.format(path=display_name(path), offset=damage.offset, error=display_name(str(damage.error)[:80]),
                            resumed=resumed)
    return WarcRecord("damaged", None, None, None, reason.encode("utf-8"), None, damage.offset)


def _read_record(path: Path, record: WarcRecord, counts: Counter) -> Iterator[Union[Document, Skipped]]:
    if record.kind == "damaged":
        yield Skipped(display_name(path), record.block.decode("utf-8"), failed=True)
        return
    source = _source(path, record)
    if record.kind not in ("response", "resource"):
        counts[f"{record.kind} records"] += 1
        return
    if len(record.block) > settings.MAX_INPUT_BYTES:
        limit = settings.MAX_INPUT_BYTES
        yield Skipped(source, TOO_LARGE.format(source=source, size=record.declared_length or len(record.block), limit=limit), failed=True)
        return
    if record.declared_length is not None and len(record.block) < record.declared_length:
        yield Skipped(source, TRUNCATED.format(source=source, got=len(record.block), declared=record.declared_length), failed=True)
        return
    if record.kind == "response" and _is_http(record):
        try:
            content_type, payload = split_http(record.block)
        except ValueError as error:
            yield Skipped(source, BAD_HTTP.format(source=source, detail=error), failed=True)
            return
        except UnsupportedEncoding as error:
            yield Skipped(source, UNSUPPORTED_ENCODING.format(source=source, encoding=display_name(str(error))), failed=True)
            return
        except BadContentCoding as error:
            yield Skipped(source, error.reason(source), failed=True)
            return
    else:
        content_type, payload = record.content_type, record.block
    if not is_html(content_type, payload):
        counts[f"{record.kind}s that are not HTML"] += 1
        return
    document = read_html(payload, source, url=record.uri, encoding=charset_of(content_type), fmt="warc")
    if isinstance(document, Skipped) and not document.failed:
        counts["pages without article text"] += 1
        return
    yield document


def _is_http(record: WarcRecord) -> bool:
    return record.content_type is None or "application/http" in record.content_type or record.block.startswith(b"HTTP/")


# HTTP --------------------------------------------------------------------------------------


class UnsupportedEncoding(Exception):
    pass


class BadContentCoding(Exception):
    """A gzip or deflate body that expands past the input limit, or is truncated or damaged."""

    def __init__(self, encoding: str, error: GzipError):
        super().__init__(str(error))
        self.encoding, self.error = encoding, error

    def reason(self, source: str) -> str:
        if isinstance(self.error, TruncatedGzip):
            problem = "truncated"
        elif self.error.limit:
            return self.error.reason(source)  # expands too far: names the limit and the setting
        else:
            problem = f"damaged ({display_name(self.error.detail)})"
        return BAD_CONTENT_CODING.format(source=source, encoding=self.encoding, problem=problem)


def split_http(block: bytes) -> tuple[Optional[str], bytes]:
    """``(Content-Type, payload)`` of an HTTP response block, dechunked and decompressed.

    Raises ``ValueError`` (no HTTP head), ``UnsupportedEncoding`` (e.g. brotli) or
    ``BadContentCoding`` (gzip/deflate expanding past ``MAX_INPUT_BYTES``, truncated, damaged).
    """
    head, separator, body = block.partition(b"\r\n\r\n")
    if not separator:
        head, separator, body = block.partition(b"\n\n")
    if not separator or not head.startswith(b"HTTP/"):
        raise ValueError("no HTTP status line and headers")
    headers: dict[str, str] = {}
    for line in head.decode("iso-8859-1").splitlines()[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = dechunk(body)
    encoding = headers.get("content-encoding", "").lower().strip()
    if encoding in ("gzip", "x-gzip", "deflate") and body:
        body = decompress(body, encoding)
    elif encoding not in ("", "identity", "none", "utf-8", "gzip", "x-gzip", "deflate"):
        raise UnsupportedEncoding(encoding)
    return headers.get("content-type"), body


def dechunk(body: bytes) -> bytes:
    """Undo HTTP chunked transfer coding; a body that isn't chunked after all is returned as is."""
    out, position = bytearray(), 0
    while True:
        end = body.find(b"\r\n", position)
        if end < 0:
            return bytes(out) if out else body
        try:
            size = int(body[position:end].split(b";")[0].strip() or b"x", 16)
        except ValueError:
            return bytes(out) if out else body
        if size == 0:
            return bytes(out)
        out += body[end + 2:end + 2 + size]
        position = end + 2 + size + 2


def decompress(body: bytes, encoding: str) -> bytes:
    """gzip or deflate content coding, at most ``MAX_INPUT_BYTES`` decompressed; the body as it is
    when it is not compressed after all (crawlers often store the decoded body with the header).

    Raises ``BadContentCoding`` when a gzip body (or a deflate body that inflates) expands past
    the limit, and when a gzip body is truncated or damaged: never a partial page.
    """
    if body.startswith(GZIP_MAGIC):
        try:
            return b"".join(iter_gunzip([body]))
        except GzipError as error:
            raise BadContentCoding(encoding, error) from None
    if encoding == "deflate":
        for raw in (False, True):
            try:
                return inflate(body, raw=raw)
            except GzipError as error:
                if error.limit:
                    raise BadContentCoding(encoding, error) from None
    return body


def is_html(content_type: Optional[str], payload: bytes) -> bool:
    """Declared HTML, or undeclared (or generic) and looking like HTML."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in HTML_TYPES:
        return True
    if declared and declared not in ("text/plain", "application/octet-stream", "unknown", "application/unknown"):
        return False
    return format_of_head(payload[:8192]) == "html"


def charset_of(content_type: Optional[str]) -> Optional[str]:
    """The charset parameter of a Content-Type header, if any."""
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


# Readers -----------------------------------------------------------------------------------


def _backend_records(path: Path, start: int) -> Iterator[WarcRecord]:
    try:
        import fastwarc.warc  # noqa: F401
    except ImportError:
        yield from _warcio_records(path, start)
    else:
        yield from _fastwarc_records(path, start)


def _fastwarc_records(path: Path, start: int) -> Iterator[WarcRecord]:
    from fastwarc.warc import ArchiveIterator

    limit = settings.MAX_INPUT_BYTES + 1
    last = start
    with path.open("rb") as f:
        f.seek(start)
        records = iter(ArchiveIterator(f, parse_http=False))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as error:  # a broken gzip member or unparsable headers
                raise DamagedArchive(last, error) from None
            last = start + record.stream_pos
            headers = record.headers
            try:
                block = record.reader.read(limit)
            except Exception as error:
                raise DamagedArchive(last, error) from None
            yield WarcRecord(
                kind=str(record.record_type).rsplit(".", 1)[-1],
                record_id=headers.get("WARC-Record-ID"),
                uri=headers.get("WARC-Target-URI"),
                content_type=headers.get("Content-Type"),
                block=block,
                declared_length=_int(headers.get("Content-Length")),
                offset=last,
            )


def _warcio_records(path: Path, start: int) -> Iterator[WarcRecord]:
    from warcio.archiveiterator import ArchiveIterator

    limit = settings.MAX_INPUT_BYTES + 1
    last = start
    with path.open("rb") as f:
        f.seek(start)
        archive = ArchiveIterator(f, no_record_parse=True)
        records = iter(archive)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as error:
                raise DamagedArchive(last, error) from None
            headers = record.rec_headers
            try:
                block = record.raw_stream.read(limit)
            except Exception as error:
                raise DamagedArchive(last, error) from None
            # Only after the block is read: asking for the offset consumes the record.
            last = start + archive.get_record_offset()
            yield WarcRecord(
                kind=record.rec_type or "unknown",
                record_id=headers.get_header("WARC-Record-ID"),
                uri=headers.get_header("WARC-Target-URI"),
                content_type=headers.get_header("Content-Type"),
                block=block,
                declared_length=_int(headers.get_header("Content-Length")),
                offset=last,
            )


def find_next_record(path: Path, after: int, window: int = 1 << 20) -> Optional[int]:
    """The offset of the first intact record starting after byte ``after``, or None.

    Compressed archives: a gzip member that decompresses to its end and starts with "WARC/".
    Plain archives: a line starting with "WARC/1.".
    """
    with path.open("rb") as f:
        compressed = f.read(2) == GZIP_MAGIC
        position = after + 1
        marker = GZIP_MAGIC + b"\x08" if compressed else b"\nWARC/1."
        while True:
            f.seek(position)
            chunk = f.read(window + len(marker))
            if len(chunk) < len(marker):
                return None
            found = chunk.find(marker)
            if found < 0:
                position += window
                continue
            candidate = position + found + (0 if compressed else 1)
            if not compressed or _intact_member(f, candidate):
                return candidate
            position = position + found + 1


def _intact_member(f: BinaryIO, offset: int) -> bool:
    """The gzip member at ``offset`` decompresses to its end and holds a WARC record."""
    f.seek(offset)
    decompressor = zlib.decompressobj(wbits=31)
    head = b""
    try:
        while not decompressor.eof:
            chunk = decompressor.unconsumed_tail or f.read(1 << 16)
            if not chunk:
                return False
            data = decompressor.decompress(chunk, 1 << 20)  # bounded: a member may be a bomb
            if len(head) < 5:
                head += data[:5]
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def _int(value) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
