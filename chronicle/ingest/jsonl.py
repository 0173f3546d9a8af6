"""Reading JSON Lines: one ``Document`` per line holding an article.

Each line is a JSON object with ``text`` (plain text) or ``html`` (a web page, read with
``read_html``), and optionally ``url``, ``title``, ``published`` (ISO date), ``id``. Blank lines
are ignored; a line that is not such an object is reported with its number and skipped. The file
is read line by line, so memory does not grow with its length; a line is read up to the input
limit (``MAX_INPUT_BYTES``, decompressed for .jsonl.gz), the rest of a longer one skipped unread.
A line nested too deep, or any other error of one line, costs that line only. Strings with lone
surrogates ("\\ud83d" escapes) are repaired (``decode.safe_item``); an ``id`` becomes part of the
source ("path#id"), escaped (``decode.display_name``).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from pathlib import Path
from typing import Any, BinaryIO, Iterator, Optional, Union

from chronicle import settings
from chronicle.ingest.decode import GZIP_MAGIC, MAX_ID_CHARS, display_name, replace_unencodable, safe_item
from chronicle.ingest.html import read_html
from chronicle.ingest.language import detect_language
from chronicle.records import Document, Skipped

BAD_JSON = "{source}: line {line} is not valid JSON ({error}); fix or remove the line"
NOT_OBJECT = "{source}: line {line} is a JSON {kind}, not an object with \"text\" or \"html\""
NO_TEXT = "{source}: line {line} has neither a \"text\" nor an \"html\" string"
BAD_DATE = "{source}: line {line}: published {value!r} is not an ISO date (YYYY-MM-DD); fix it or leave it out"
TOO_LONG = ("{source}: line {line} is over the {limit:,}-byte input limit{decompressed}; skipped "
            "(raise CHRONICLE_MAX_INPUT_BYTES to read it)")
TOO_DEEP = "{source}: line {line} is nested too deeply to parse ({error}); fix or remove the line"
LINE_FAILED = "{source}: line {line} could not be read ({kind}: {error}); the other lines are read"
UNREADABLE = "Can't read {source}: {error}. Check the path and its permissions."
TRUNCATED = ("{source}: the gzip stream is truncated after line {line} ({error}); the lines before "
             "it were read. Re-fetch or re-compress the file.")
DAMAGED = "{source}: damaged data after line {line} ({error}); the lines before it were read."

# Bytes read at a time when skipping the rest of an over-long line.
SKIP_STEP = 1 << 20


def iter_jsonl(path: Union[str, Path]) -> Iterator[Union[Document, Skipped]]:
    """The articles of a JSON Lines file, one per line, sources "path:LINE".

    path (str | Path): the file.
    RETURNS (Iterator[Document | Skipped]): one item per non-blank line, in order.
    """
    path = Path(path)
    source = display_name(path)
    try:
        with path.open("rb") as probe:
            compressed = probe.read(2) == GZIP_MAGIC
        # gzip.open reads every member and raises EOFError on a truncated stream.
        f = gzip.open(path, "rb") if compressed else path.open("rb")
    except OSError as error:
        yield Skipped(source, UNREADABLE.format(source=source, error=display_name(error.strerror or str(error))), failed=True)
        return
    number = 0
    limit = settings.MAX_INPUT_BYTES
    with f:
        try:
            while True:
                raw = f.readline(limit + 1)
                if not raw:
                    break
                number += 1
                if len(raw) > limit and not raw.endswith(b"\n"):
                    _skip_line(f)
                    reason = TOO_LONG.format(source=source, line=number, limit=limit,
                                             decompressed=" once decompressed" if compressed else "")
                    yield Skipped(f"{source}:{number}", reason, failed=True)
                    continue
                if not raw.strip():
                    continue
                yield _isolated(raw, source, number)
        except EOFError as error:  # a truncated gzip stream
            yield Skipped(source, TRUNCATED.format(source=source, line=number, error=error), failed=True)
        except (OSError, zlib.error) as error:  # damaged gzip data, or a read error
            yield Skipped(source, DAMAGED.format(source=source, line=number, error=display_name(str(error))), failed=True)


def _skip_line(f: BinaryIO) -> None:
    """Read past the rest of the current line, a step at a time (nothing of it is kept)."""
    while True:
        rest = f.readline(SKIP_STEP)
        if not rest or rest.endswith(b"\n"):
            return


def _isolated(raw: bytes, source: str, number: int) -> Union[Document, Skipped]:
    """``read_line``; an error of one line (a bug) costs that line only."""
    try:
        return read_line(raw, source, number)
    except Exception as error:
        reason = LINE_FAILED.format(source=source, line=number, kind=type(error).__name__,
                                    error=display_name(str(error)))
        return Skipped(f"{source}:{number}", reason, failed=True)


def read_line(raw: bytes, source: str, number: int) -> Union[Document, Skipped]:
    """One line of a JSON Lines file as a ``Document``, or why it is skipped."""
    source = display_name(source)
    where = f"{source}:{number}"
    if len(raw) > settings.MAX_INPUT_BYTES:
        return Skipped(where, TOO_LONG.format(source=source, line=number, limit=settings.MAX_INPUT_BYTES,
                                              decompressed=""), failed=True)
    try:
        record = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except ValueError as error:
        return Skipped(where, BAD_JSON.format(source=source, line=number, error=error), failed=True)
    except RecursionError as error:  # "[[[[...": deeper than the parser's recursion limit
        return Skipped(where, TOO_DEEP.format(source=source, line=number, error=error), failed=True)
    if not isinstance(record, dict):
        return Skipped(where, NOT_OBJECT.format(source=source, line=number, kind=type(record).__name__), failed=True)
    published = _string(record.get("published"))
    if published is not None:
        try:
            published = dt.date.fromisoformat(published.strip()[:10]).isoformat()
        except ValueError:
            value = display_name(repr(published))
            return Skipped(where, BAD_DATE.format(source=source, line=number, value=value), failed=True)
    url, title = _string(record.get("url")), _string(record.get("title"))
    if record.get("id") is not None:
        where = f"{source}#{display_name(str(record['id']), limit=MAX_ID_CHARS)}"
    text = _string(record.get("text"))
    if text is not None and text.strip():
        text, replaced = replace_unencodable(text)
        return safe_item(Document(
            source=where, text=text, encoding="utf-8", title=title, published=published, url=url,
            author=_string(record.get("author")), language=detect_language(text), format="jsonl",
            published_from="jsonl" if published else None,
        ), replaced)
    html = _string(record.get("html"))
    if html is None or not html.strip():
        return Skipped(where, NO_TEXT.format(source=source, line=number), failed=True)
    page = read_html(html, where, url=url, fmt="jsonl")  # replaces lone surrogates, counted
    if isinstance(page, Document):
        page.title = title or page.title
        if published:
            page.published, page.published_from = published, "jsonl"
        page.encoding = "utf-8"
    return safe_item(page)


def _string(value: Any) -> Optional[str]:
    return value if isinstance(value, str) else None
