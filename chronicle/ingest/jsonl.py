"""Reading JSON Lines: one ``Document`` per line holding an article.

Each line is a JSON object with ``text`` (plain text) or ``html`` (a web page, read with
``read_html``), and optionally ``url``, ``title``, ``published`` (ISO date), ``id``. Blank lines
are ignored; a line that is not such an object is reported with its number and skipped. The file
is read line by line, so memory does not grow with its length.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from chronicle import settings
from chronicle.ingest.decode import GZIP_MAGIC
from chronicle.ingest.html import read_html
from chronicle.ingest.language import detect_language
from chronicle.records import Document, Skipped

BAD_JSON = "{source}: line {line} is not valid JSON ({error}); fix or remove the line"
NOT_OBJECT = "{source}: line {line} is a JSON {kind}, not an object with \"text\" or \"html\""
NO_TEXT = "{source}: line {line} has neither a \"text\" nor an \"html\" string"
BAD_DATE = "{source}: line {line}: published {value!r} is not an ISO date (YYYY-MM-DD); fix it or leave it out"
TOO_LONG = "{source}: line {line} is over the {limit:,}-byte input limit; skipped"


def iter_jsonl(path: Union[str, Path]) -> Iterator[Union[Document, Skipped]]:
    """The articles of a JSON Lines file, one per line, sources "path:LINE".

    path (str | Path): the file.
    RETURNS (Iterator[Document | Skipped]): one item per non-blank line, in order.
    """
    path = Path(path)
    try:
        with path.open("rb") as probe:
            compressed = probe.read(2) == GZIP_MAGIC
        f = gzip.open(path, "rb") if compressed else path.open("rb")
    except OSError as error:
        yield Skipped(str(path), f"Can't read {path}: {error.strerror or error}. Check the path and its permissions.", failed=True)
        return
    number = 0
    with f:
        try:
            for number, raw in enumerate(f, start=1):
                if not raw.strip():
                    continue
                yield read_line(raw, str(path), number)
        except (OSError, EOFError) as error:  # a damaged gzip stream
            yield Skipped(str(path), f"{path}: damaged data after line {number - 1}: {error}", failed=True)


def read_line(raw: bytes, source: str, number: int) -> Union[Document, Skipped]:
    """One line of a JSON Lines file as a ``Document``, or why it is skipped."""
    where = f"{source}:{number}"
    if len(raw) > settings.MAX_INPUT_BYTES:
        return Skipped(where, TOO_LONG.format(source=source, line=number, limit=settings.MAX_INPUT_BYTES), failed=True)
    try:
        record = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except ValueError as error:
        return Skipped(where, BAD_JSON.format(source=source, line=number, error=error), failed=True)
    if not isinstance(record, dict):
        return Skipped(where, NOT_OBJECT.format(source=source, line=number, kind=type(record).__name__), failed=True)
    published = _string(record.get("published"))
    if published is not None:
        try:
            published = dt.date.fromisoformat(published.strip()[:10]).isoformat()
        except ValueError:
            return Skipped(where, BAD_DATE.format(source=source, line=number, value=published), failed=True)
    url, title = _string(record.get("url")), _string(record.get("title"))
    if record.get("id") is not None:
        where = f"{source}#{record['id']}"
    text = _string(record.get("text"))
    if text is not None and text.strip():
        return Document(
            source=where, text=text, encoding="utf-8", title=title, published=published, url=url,
            author=_string(record.get("author")), language=detect_language(text), format="jsonl",
            published_from="jsonl" if published else None,
        )
    html = _string(record.get("html"))
    if html is None or not html.strip():
        return Skipped(where, NO_TEXT.format(source=source, line=number), failed=True)
    page = read_html(html, where, url=url, fmt="jsonl")
    if isinstance(page, Document):
        page.title = title or page.title
        if published:
            page.published, page.published_from = published, "jsonl"
        page.encoding = "utf-8"
    return page


def _string(value: Any) -> Optional[str]:
    return value if isinstance(value, str) else None
