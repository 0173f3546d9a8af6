"""Extraction of many articles, in batches, in this process or in worker processes.

One article that fails never takes the others down: a batch that raises is retried article by
article, and each failure comes back as a ``Failure`` with its source and reason.
Worker processes each load the spaCy pipeline once and get whole batches, so the cost of
moving records between processes stays small beside the cost of parsing them.
"""
from __future__ import annotations

import itertools
import multiprocessing
from dataclasses import dataclass
from typing import Iterable, Iterator, Union

from chronicle.extract.pipeline import extract_batch
from chronicle.records import Article

BATCH_SIZE = 16
# Batches handed out ahead of the results, per worker: enough to keep workers busy, few enough
# that memory does not grow with the input (a WARC of a million records streams through).
BATCHES_AHEAD = 2


@dataclass
class Failure:
    source: str
    reason: str


def extract_many(items: Iterable[tuple], workers: int = 1, batch_size: int = BATCH_SIZE) -> Iterator[Union[Article, Failure]]:
    """Articles (or Failures) for ``(text, published, source[, title, removed])`` items, in input order."""
    batches = _batches(items, batch_size)
    if workers <= 1:
        for batch in batches:
            yield from extract_or_isolate(batch)
        return
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no forked model state
    with context.Pool(workers) as pool:
        pending = []
        for batch in batches:
            pending.append(pool.apply_async(extract_or_isolate_list, (batch,)))
            if len(pending) >= workers * BATCHES_AHEAD:
                yield from pending.pop(0).get()
        for result in pending:
            yield from result.get()


def extract_or_isolate(batch: list[tuple]) -> Iterator[Union[Article, Failure]]:
    """The batch's articles; if the batch fails, each item alone, failures reported."""
    try:
        articles = list(extract_batch(batch))
    except Exception:
        articles = None
    if articles is not None:
        yield from articles
        return
    for item in batch:
        try:
            yield next(extract_batch([item]))
        except Exception as exc:
            yield Failure(item[2], f"extraction failed: {type(exc).__name__}: {exc}")


def extract_or_isolate_list(batch: list[tuple]) -> list[Union[Article, Failure]]:
    return list(extract_or_isolate(batch))


def _batches(items: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
