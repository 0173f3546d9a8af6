"""Step 3 of the pipeline: documents in batches → articles, one bad document failing alone.

In this process (``Options.time_budget`` None, one worker): a batch that raises is retried one
document at a time, and each exception becomes a failed ``Skipped`` naming it.

In worker processes (``WorkerPool``: several workers, or a time budget): each worker loads the
model once and extracts whole batches the same way. A batch still running after the budget (a
document the tokenizer or a rule takes minutes over, a worker killed by the system) costs the
pool its workers: they are replaced, the batches in flight are sent again, and the late batch is
retried one document at a time, each within the budget, so only the document that overruns
fails. Python cannot interrupt spaCy's compiled code inside one process, hence processes.

An article whose text is empty after cleaning (every line boilerplate or markup) is skipped with
the reason, never stored: its id would be the empty text's, shared by every such article.
"""
from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter, deque
from typing import Iterable, Iterator, Optional, Union

from chronicle.extract.article import extract_documents
from chronicle.pipeline.options import Options
from chronicle.records import Article, Document, Skipped

Outcome = Union[Article, Skipped]

# Batches handed out ahead of the results, per worker: enough to keep workers busy, few enough
# that memory does not grow with the input (a WARC of a million records streams through).
BATCHES_AHEAD = 2

EXTRACTION_FAILED = "extraction failed: {kind}: {error}"
STARTUP_TIMEOUT = 300  # seconds for a worker to start and load the model, on the slowest machine
OVER_BUDGET = ("extraction took longer than the time budget of {budget:g} s and was stopped; raise it with "
               "--time-budget (or CHRONICLE_TIME_BUDGET) if the article is worth the wait")
EMPTY_AFTER_CLEANING = "nothing is left after cleaning: {removed} (nothing to extract)"


def extract_all(items: Iterable[Union[Document, Skipped]], options: Options = Options(),
                pool: Optional["WorkerPool"] = None) -> Iterator[Outcome]:
    """Articles for the documents, Skipped items passed through, all in input order.

    pool: worker processes to use (and leave running, as the API server does); without one, a
        pool is made for this call when the options ask for workers or a time budget.
    """
    batches = _batches(items, options.batch_size)
    if pool is not None:
        yield from pool.extract(batches)
    elif options.workers <= 1 and options.time_budget is None:
        for batch in batches:
            yield from extract_isolated(batch, options.clean)
    else:
        with WorkerPool(options.workers, options.time_budget, options.clean) as own:
            yield from own.extract(batches)


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
            yield _not_empty(item, next(articles))
        else:
            yield _extract_one(item, clean)


def _extract_one(document: Document, clean: bool) -> Outcome:
    try:
        return _not_empty(document, next(extract_documents([document], clean=clean)))
    except Exception as exc:
        reason = EXTRACTION_FAILED.format(kind=type(exc).__name__, error=exc)
        return Skipped(document.source, reason, failed=True, stage="extract")


def _not_empty(document: Document, article: Article) -> Outcome:
    if article.text.strip():
        return article
    reasons = Counter(r.reason for r in article.removed)
    removed = (f"{sum(reasons.values())} lines removed ("
               + ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) + ")") if reasons else "no text"
    return Skipped(document.source, EMPTY_AFTER_CLEANING.format(removed=removed), failed=False, stage="clean")


def _extract_isolated_list(batch: list, clean: bool) -> list[Outcome]:
    return list(extract_isolated(batch, clean))


def _load_model() -> None:
    from chronicle.extract.nlp import get_nlp
    from chronicle.knowledge.actor_base import load

    get_nlp()
    load()  # the actor dictionaries, once per worker


def _ready() -> bool:
    return True


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class WorkerPool:
    """Worker processes that extract batches, each within a time budget (None: no budget).

    Use as a context manager, or call ``close``; one pool can serve many ``extract`` calls in
    turn (not at the same time).
    """

    def __init__(self, workers: int = 1, time_budget: Optional[float] = None, clean: bool = True):
        self.workers = max(1, workers)
        self.time_budget = time_budget or None
        self.clean = clean
        self._context = multiprocessing.get_context("spawn")  # a clean interpreter: no forked model state
        self._pool = None

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def extract(self, batches: Iterable[list]) -> Iterator[Outcome]:
        """The outcomes of every batch, in order."""
        pending: deque = deque()
        for batch in batches:
            pending.append((batch, self._submit(batch)))
            if len(pending) >= self.workers * BATCHES_AHEAD:
                yield from self._next(pending)
        while pending:
            yield from self._next(pending)

    def _submit(self, batch: list):
        if self._pool is None:
            self._pool = self._context.Pool(self.workers, initializer=_load_model)
            # Wait for a worker to load the model before any budget runs: starting a process is
            # not the article's time (a slow start must not fail a good article).
            self._pool.apply_async(_ready).get(timeout=STARTUP_TIMEOUT)
        return self._pool.apply_async(_extract_isolated_list, (batch, self.clean))

    def _next(self, pending: deque) -> list[Outcome]:
        batch, result = pending.popleft()
        try:
            return result.get(timeout=self.time_budget)
        except multiprocessing.TimeoutError:
            pass
        # Over budget: the stuck worker can only be stopped with the pool. Batches in flight are
        # sent again; the late batch is retried one document at a time, each within the budget.
        self.close()
        in_flight = [b for b, _ in pending]
        pending.clear()
        outcomes = [self._alone(item) for item in batch]
        pending.extend((b, self._submit(b)) for b in in_flight)
        return outcomes

    def _alone(self, item: Union[Document, Skipped]) -> Outcome:
        if isinstance(item, Skipped):
            return item
        result = self._submit([item])
        try:
            return result.get(timeout=self.time_budget)[0]
        except multiprocessing.TimeoutError:
            self.close()
            return Skipped(item.source, OVER_BUDGET.format(budget=self.time_budget), failed=True, stage="extract")
