"""The one way from inputs to records. Every door calls it: the CLI (``extract``, ``ingest``,
``brief``), the API's write routes and the Spark job, so the same input gives the same articles,
records and reasons whichever door it comes through.

    from chronicle.pipeline import Options, read, run
    for outcome in run(read(["news/"]), Options(published="2023-02-12")):
        ...  # an Article, or a Skipped saying why not (failed=True: an error)

1. Read (``read``): paths → ``Document``s, or ``Skipped`` for what could not be read
   (``chronicle.ingest``). A date given in ``Options.published`` wins over the page's.
2. Gate (``Gates.check``), in reading order; each rejection is a ``Skipped`` with its reason:
   - size: over ``MAX_ARTICLE_CHARS`` characters (failed: it is not one news article);
   - language: not among ``Options.languages`` (skipped);
   - duplicates: the same text as an earlier document, or a near copy (MinHash similarity at or
     above ``Options.near_duplicate``; ``None`` turns near duplicates off, exact ones stay).
3. Extract (``chronicle.extract``): documents in batches → ``Article``s. A batch that raises is
   retried document by document, so one bad document fails alone, as a failed ``Skipped`` naming
   the error. With ``workers > 1`` batches go to worker processes that load the model once.
Outcomes come in input order.
"""
from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator, Optional, TextIO, Union

from chronicle import settings
from chronicle.extract.article import extract_documents, normalise_date
from chronicle.ingest.dedupe import Deduplicator, fingerprint
from chronicle.ingest.files import iter_documents
from chronicle.ingest.language import detect_language, is_allowed
from chronicle.records import Article, Document, Skipped

Outcome = Union[Article, Skipped]

BATCH_SIZE = 16
# Batches handed out ahead of the results, per worker: enough to keep workers busy, few enough
# that memory does not grow with the input (a WARC of a million records streams through).
BATCHES_AHEAD = 2

TOO_LONG = ("{size:,} characters is too long for one article (limit {limit:,}); split it into articles, "
            "or raise CHRONICLE_MAX_ARTICLE_CHARS")
OTHER_LANGUAGE = "language {language!r} is not among {allowed}; allow it with --lang"
DUPLICATE = "{status} duplicate of {first}"
EXTRACTION_FAILED = "extraction failed: {kind}: {error}"


@dataclass(frozen=True)
class Options:
    """How a run reads, gates and extracts; the same options mean the same results at every door.

    published: the publication date (YYYY-MM-DD) of every input, winning over dates found in
        pages; relative dates ("yesterday") resolve against it. None: the page's date, if any.
    languages: ISO 639-1 codes to extract; documents in other languages are skipped.
    near_duplicate: similarity at or above which a document is a near copy of an earlier one;
        None: near copies are kept (exact copies are always skipped).
    workers: processes extracting in parallel (each loads the model once).
    clean: strip titles, datelines and scrape residue before extraction.
    """

    published: Optional[str] = None
    languages: tuple[str, ...] = ("en",)
    near_duplicate: Optional[float] = 0.8
    workers: int = 1
    batch_size: int = BATCH_SIZE
    clean: bool = True

    def __post_init__(self):
        # A bad date or threshold is refused before anything is read, naming the value and the fix.
        object.__setattr__(self, "published", normalise_date(self.published))
        object.__setattr__(self, "languages", tuple(code.strip().lower() for code in self.languages if code.strip()) or ("en",))
        if self.near_duplicate is not None and not 0.0 < self.near_duplicate <= 1.0:
            raise ValueError(f"near-duplicate threshold {self.near_duplicate!r} must be in (0, 1], e.g. 0.8")
        if self.workers < 1 or self.batch_size < 1:
            raise ValueError("workers and batch_size must be at least 1")


def read(paths: list[str], stdin: Optional[Union[TextIO, BinaryIO]] = None) -> Iterator[Union[Document, Skipped]]:
    """Step 1: the documents of every input, in order (lazily: memory does not grow with the input)."""
    return iter_documents(paths, stdin=stdin)


def run(items: Iterable[Union[Document, Skipped]], options: Options = Options(),
        gates: Optional["Gates"] = None) -> Iterator[Outcome]:
    """Steps 2 and 3: gate and extract every document; Skipped items pass through in place.

    gates: the duplicate index to check against; give the same ``Gates`` to several runs (the
        API's requests) so that they see each other's documents. Defaults to a new one.
    """
    gates = gates if gates is not None else Gates(options)
    yield from extract_all(_gated(items, gates, options.published), options)


def _gated(items: Iterable[Union[Document, Skipped]], gates: "Gates", published: Optional[str]):
    for item in items:
        if isinstance(item, Document):
            item = dated(item, published)
            item = gates.check(item) or item
        yield item


def dated(document: Document, published: Optional[str]) -> Document:
    """The document with the given publication date, which wins over the one found in the page."""
    if not published:
        return document
    return dataclasses.replace(document, published=published, published_from="given")


# --------------------------------------------------------------------------------------------
# Step 2: gates
# --------------------------------------------------------------------------------------------

class Gates:
    """The gates of one run, in order: size, language, duplicates (which remember what they saw)."""

    def __init__(self, options: Options = Options()):
        self.options = options
        self.duplicates = Deduplicator(threshold=options.near_duplicate)

    def check(self, document: Document) -> Optional[Skipped]:
        """None when the document goes on to extraction, else the reason it does not."""
        near = self.options.near_duplicate is not None
        return document_gate(document, self.options) or self.check_duplicate(document.source, fingerprint(document.text, near))

    def check_duplicate(self, source: str, print_) -> Optional[Skipped]:
        """The duplicate gate alone, on a precomputed ``fingerprint`` (the Spark driver's shared index)."""
        status, first = self.duplicates.check_fingerprint(source, print_)
        if status == "new":
            return None
        return Skipped(source, DUPLICATE.format(status=status, first=first), failed=False, stage="duplicate")


def document_gate(document: Document, options: Options) -> Optional[Skipped]:
    """The gates that look at one document alone (size, language): the same on every executor."""
    if len(document.text) > settings.MAX_ARTICLE_CHARS:
        reason = TOO_LONG.format(size=len(document.text), limit=settings.MAX_ARTICLE_CHARS)
        return Skipped(document.source, reason, failed=True, stage="size")
    language = document.language or detect_language(document.text)
    if not is_allowed(language, options.languages):
        reason = OTHER_LANGUAGE.format(language=language, allowed=", ".join(options.languages))
        return Skipped(document.source, reason, failed=False, stage="language")
    return None


# --------------------------------------------------------------------------------------------
# Step 3: extraction, isolated, in this process or in workers
# --------------------------------------------------------------------------------------------

def extract_all(items: Iterable[Union[Document, Skipped]], options: Options = Options()) -> Iterator[Outcome]:
    """Articles for the documents, Skipped items passed through, all in input order."""
    batches = _batches(items, options.batch_size)
    if options.workers <= 1:
        for batch in batches:
            yield from extract_isolated(batch, options.clean)
        return
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no forked model state
    with context.Pool(options.workers) as pool:
        pending = []
        for batch in batches:
            pending.append(pool.apply_async(_extract_isolated_list, (batch, options.clean)))
            if len(pending) >= options.workers * BATCHES_AHEAD:
                yield from pending.pop(0).get()
        for result in pending:
            yield from result.get()


def extract_isolated(batch: list[Union[Document, Skipped]], clean: bool = True) -> Iterator[Outcome]:
    """The batch's outcomes; if extracting it fails, each document alone, failures as Skipped."""
    documents = [item for item in batch if isinstance(item, Document)]
    try:
        articles = iter(list(extract_documents(documents, clean=clean)))
    except Exception:
        articles = None
    for item in batch:
        if isinstance(item, Skipped):
            yield item
        elif articles is not None:
            yield next(articles)
        else:
            yield _extract_one(item, clean)


def _extract_one(document: Document, clean: bool) -> Outcome:
    try:
        return next(extract_documents([document], clean=clean))
    except Exception as exc:
        reason = EXTRACTION_FAILED.format(kind=type(exc).__name__, error=exc)
        return Skipped(document.source, reason, failed=True, stage="extract")


def _extract_isolated_list(batch: list, clean: bool) -> list[Outcome]:
    return list(extract_isolated(batch, clean))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
