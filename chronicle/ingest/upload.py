"""Documents from the bytes of one input file, wherever the bytes come from: a cluster's file
system (the Spark job) or an HTTP upload (the API). The readers are the ones a local run uses, so
a file gives the same documents, and the same skip reasons, through every door.
"""
from __future__ import annotations

import posixpath
import re
import tempfile
from pathlib import Path
from typing import Iterator, Union
from urllib.parse import unquote, urlparse

from chronicle.ingest.decode import display_name
from chronicle.ingest.files import document_from_bytes, read_path
from chronicle.ingest.formats import SNIFF_BYTES, format_of_head, suffix_hint
from chronicle.records import Document, Skipped


def source_name(uri: str) -> str:
    """A local file's path as ``chronicle ingest`` names it ("file:/a/b.txt" → "/a/b.txt"); other URIs as they are."""
    if uri.startswith("file:"):
        return unquote(urlparse(uri).path)
    return uri


def read_bytes(uri: str, data: bytes) -> Iterator[Union[Document, Skipped]]:
    """The documents in one input file's bytes, read by the reader its content calls for.

    uri (str): the file's name: a path, a Hadoop FS URI or an uploaded file's name; its
        extension only hints at the format, the content decides.
    RETURNS (Iterator[Document | Skipped]): as ``chronicle.ingest.files.read_path`` gives
        them for a local file, with sources naming ``uri``.
    """
    source = source_name(uri)
    name = posixpath.basename(urlparse(uri).path) or "input"
    fmt = format_of_head(bytes(data[:SNIFF_BYTES]), suffix_hint(name))
    if fmt not in ("warc", "jsonl", "feed"):
        yield document_from_bytes(source, bytes(data))
        return
    # These readers stream from a file (seeking, in WARC's case): give them a temporary copy.
    with tempfile.TemporaryDirectory(prefix="chronicle-input-") as tmp:
        # The copy's name keeps the extension (a hint for the format) and nothing a file system
        # refuses (NUL, "/", 300 characters); sources and reasons get the input's own name back.
        path = Path(tmp) / (re.sub(r"[^\w.-]", "_", name)[-100:] or "input")
        try:
            path.write_bytes(data)
        except OSError as error:
            shown = display_name(source)
            yield Skipped(shown, f"Can't read {shown}: no room for a temporary copy ({error.strerror or error})", failed=True)
            return
        # Readers name the copy as display_name does: put the input's own name in its place.
        local, shown = display_name(path), display_name(source)
        for item in read_path(path):
            item.source = item.source.replace(local, shown)
            if hasattr(item, "reason"):
                item.reason = item.reason.replace(local, shown)
            yield item
