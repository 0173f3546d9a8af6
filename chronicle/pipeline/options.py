"""The options of one run of the pipeline: the same options give the same results at every door."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from chronicle.extract.article import normalise_date

BATCH_SIZE = 16


@dataclass(frozen=True)
class Options:
    """How a run reads, gates and extracts; the same options mean the same results at every door.

    published: the publication date (YYYY-MM-DD) of every input, winning over dates found in
        pages; relative dates ("yesterday") resolve against it. None: the page's date, if any.
    languages: ISO 639-1 codes to extract; documents in other languages are skipped.
    near_duplicate: similarity at or above which a document is a near copy of an earlier one;
        None: near copies are kept (exact copies are always skipped).
    workers: processes extracting in parallel (each loads the model once).
    time_budget: seconds one batch, then one document, may take in a worker process before it
        is stopped and fails with a reason; None (or 0): extract in this process, no budget.
    clean: strip titles, datelines and scrape residue before extraction.
    """

    published: Optional[str] = None
    languages: tuple[str, ...] = ("en",)
    near_duplicate: Optional[float] = 0.8
    workers: int = 1
    batch_size: int = BATCH_SIZE
    time_budget: Optional[float] = None
    clean: bool = True

    def __post_init__(self):
        # A bad date or threshold is refused before anything is read, naming the value and the fix.
        object.__setattr__(self, "published", normalise_date(self.published))
        object.__setattr__(self, "languages", tuple(code.strip().lower() for code in self.languages if code.strip()) or ("en",))
        if self.near_duplicate is not None and not 0.0 < self.near_duplicate <= 1.0:
            raise ValueError(f"near-duplicate threshold {self.near_duplicate!r} must be in (0, 1], e.g. 0.8")
        if self.workers < 1 or self.batch_size < 1:
            raise ValueError("workers and batch_size must be at least 1")
        if self.time_budget is not None and self.time_budget < 0:
            raise ValueError(f"time budget {self.time_budget!r} must be a number of seconds, or 0 for none")
        object.__setattr__(self, "time_budget", self.time_budget or None)
