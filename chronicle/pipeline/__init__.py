"""The one way from inputs to records. Every door calls it: the CLI (``extract``, ``ingest``,
``brief``), the API's write routes and the Spark job, so the same input gives the same articles,
records and reasons whichever door it comes through.

    from chronicle.pipeline import Options, read, run
    for outcome in run(read(["news/"]), Options(published="2023-02-12")):
        ...  # an Article, or a Skipped saying why not (failed=True: an error)

1. Read (``read``): paths → ``Document``s, or ``Skipped`` for what could not be read
   (``chronicle.ingest``). A date given in ``Options.published`` wins over the page's.
2. Gate (``Gates.check``), in reading order; each rejection is a ``Skipped`` with its reason:
   size, language, exact and near duplicates (MinHash similarity at or above
   ``Options.near_duplicate``; ``None`` turns near duplicates off, exact ones stay).
3. Extract (``extraction.py``, ``chronicle.extract``): documents in batches → ``Article``s. A
   batch that raises is retried document by document, so one bad document fails alone, as a
   failed ``Skipped`` naming the error; an article empty after cleaning is skipped. With workers
   or a time budget, batches go to worker processes that load the model once, and a document
   over the budget is stopped and fails alone.
Outcomes come in input order. The gates are in ``gates.py``, the options in ``options.py``.
"""
from __future__ import annotations

import dataclasses
from typing import BinaryIO, Iterable, Iterator, Optional, TextIO, Union

from chronicle.ingest.decode import safe_item
from chronicle.ingest.files import iter_documents
from chronicle.pipeline.extraction import Outcome, WorkerPool, extract_all, extract_isolated
from chronicle.pipeline.gates import Gates, document_gate
from chronicle.pipeline.options import Options
from chronicle.records import Document, Skipped

READER_FAILED = "reading failed: {kind}: {error}; the rest of this input was not read"

__all__ = ["Options", "Gates", "WorkerPool", "Outcome", "read", "run", "dated", "document_gate",
           "extract_all", "extract_isolated"]


def read(paths: list[str], stdin: Optional[Union[TextIO, BinaryIO]] = None) -> Iterator[Union[Document, Skipped]]:
    """Step 1: the documents of every input, in order (lazily: memory does not grow with the input).

    A reader that raises (a bug: readers report bad input as Skipped) costs the rest of that
    input only, reported as failed; the next input is read.
    """
    for path in paths:
        try:
            yield from iter_documents([path], stdin=stdin)
        except Exception as exc:  # one input's reader bug must not end the run
            yield Skipped(str(path), READER_FAILED.format(kind=type(exc).__name__, error=exc), failed=True, stage="read")


def run(items: Iterable[Union[Document, Skipped]], options: Options = Options(),
        gates: Optional[Gates] = None, pool: Optional[WorkerPool] = None) -> Iterator[Outcome]:
    """Steps 2 and 3: gate and extract every document; Skipped items pass through in place.

    gates: the duplicate index to check against; give the same ``Gates`` to several runs (the
        API's requests) so that they see each other's documents. Defaults to a new one.
    pool: worker processes to extract in, kept by the caller across runs (the API server's);
        defaults to one made for this run when the options ask for workers or a time budget.
    """
    gates = gates if gates is not None else Gates(options)
    yield from extract_all(_gated(items, gates, options.published), options, pool)


def _gated(items: Iterable[Union[Document, Skipped]], gates: Gates, published: Optional[str]):
    for item in items:
        if isinstance(item, Document):
            # Text from any door (an API body too) made storable: lone surrogates replaced, counted.
            item = dated(safe_item(item), published)
            item = gates.check(item) or item
        yield item


def dated(document: Document, published: Optional[str]) -> Document:
    """The document with the given publication date, which wins over the one found in the page."""
    if not published:
        return document
    return dataclasses.replace(document, published=published, published_from="given")
