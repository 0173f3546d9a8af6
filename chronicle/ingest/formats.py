"""What kind of input a file is, told by its content first and its name second.

``sniff_format`` reads the first few kilobytes (decompressed, for gzip) and answers one of
``FORMATS``. Content decides when it is clear (a WARC header, an RSS root, an HTML doctype, a
JSON object per line); the extension breaks ties when the content is ambiguous; anything else is
"text", which the plain-text reader decodes or reports as binary.
"""
from __future__ import annotations

import codecs
import json
import re
import zlib
from pathlib import Path
from typing import Union

from chronicle.ingest.decode import GZIP_MAGIC

FORMATS = ("text", "html", "warc", "feed", "jsonl")

# How much of a file to look at. Enough for a long HTML <head> prologue or an XML declaration
# followed by comments; short enough to be free on a 25 MB WARC.
SNIFF_BYTES = 8192

# Extensions, lowest-priority evidence: a ".html" file holding plain text is read as text.
SUFFIX_FORMATS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b")
# Tags that make a fragment HTML when the extension says so ("<p>...</p>" in page.html).
_HTML_TAG = re.compile(r"<(?:p|div|article|section|main|h[1-6]|span|a|meta|title|br|table|ul)\b")
_PROLOGUE = re.compile(r"^(?:\s+|<\?xml[^>]*\?>|<!--.*?-->|<!doctype\s+(?!html)[^>]*>)*", re.DOTALL)


def sniff_format(path_or_bytes: Union[str, Path, bytes], *, name: str = "") -> str:
    """The format of a file or of its first bytes: "text", "html", "warc", "feed" or "jsonl".

    path_or_bytes (str | Path | bytes): a file to open, or its content (the first few KB do).
    name (str): a file name whose extension hints at the format when the content is ambiguous.
        Defaults to the path's name when a path is given.
    RETURNS (str): one of ``FORMATS``; "text" when nothing else fits (binary data included).
    """
    if isinstance(path_or_bytes, (str, Path)):
        path = Path(path_or_bytes)
        name = name or path.name
        try:
            with path.open("rb") as f:
                head = f.read(SNIFF_BYTES)
        except OSError:
            return "text"  # the text reader reports why it can't be read
    else:
        head = bytes(path_or_bytes[:SNIFF_BYTES])
    return format_of_head(head, suffix_hint(name))


def suffix_hint(name: str) -> str | None:
    """The format a file name suggests ("x.warc.gz" → "warc"), or None."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None


def format_of_head(head: bytes, hint: str | None = None) -> str:
    """Decide on the first bytes of a file, with the extension's ``hint`` for ambiguous cases."""
    if head.startswith(GZIP_MAGIC):
        head = gunzip_head(head)
    if head.startswith(b"WARC/"):
        return "warc"
    text = _head_text(head)
    if text is None:
        return "text"
    start = _PROLOGUE.sub("", text[:4096].lower(), count=1)
    if start.startswith("<"):
        if _FEED_ROOT.match(start):
            return "feed"
        if _HTML_START.match(start):
            return "html"
        if hint in ("feed", "html"):
            return hint
        if _HTML_TAG.match(start):
            return "html"
    if start.startswith("{") and looks_like_json_lines(text, hint == "jsonl"):
        return "jsonl"
    if start.startswith("<") and _FEED_ROOT.search(start[:1024]):
        return "feed"
    return "text"


def gunzip_head(data: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream (a truncated stream gives what it can)."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, SNIFF_BYTES)
    except zlib.error:
        return b""


def looks_like_json_lines(text: str, expected: bool = False) -> bool:
    """The first non-empty line is a JSON object (or, cut by the sniff window, starts like one)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    first = lines[0].strip()
    complete = len(lines) > 1 or text.endswith("\n")
    if complete:
        try:
            return isinstance(json.loads(first), dict)
        except ValueError:
            return False
    # One line longer than the window: an object opening with a quoted key will do.
    return expected or bool(re.match(r'\{\s*"[^"]+"\s*:', first))


def _head_text(head: bytes) -> str | None:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    if b"\x00" in head:
        return None
    return head.decode("utf-8", errors="ignore")
