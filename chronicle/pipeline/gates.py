"""Step 2 of the pipeline: the gates a document passes before extraction, in order, each
rejection a ``Skipped`` with its stage and reason.

- size: over ``MAX_ARTICLE_CHARS`` characters (failed: it is not one news article);
- symbols: with ``clean=False`` only, a run of symbols without a space that the tokenizer would
  take minutes over (cleaning cuts such runs; verbatim text cannot be changed);
- language: not among ``Options.languages`` (skipped);
- duplicates: the same text as an earlier document, or a near copy (skipped).
Size, symbols and language look at one document alone (``document_gate``: Spark runs it on the
executors); the duplicate gate remembers what it saw (``Gates``).
"""
from __future__ import annotations

from typing import Optional

from chronicle import settings
from chronicle.clean.text import MAX_SYMBOL_RUN, longest_symbol_run
from chronicle.ingest.dedupe import Deduplicator, fingerprint
from chronicle.ingest.language import detect_language, is_allowed
from chronicle.pipeline.options import Options
from chronicle.records import Document, Skipped

TOO_LONG = ("{size:,} characters is too long for one article (limit {limit:,}); split it into articles, "
            "or raise CHRONICLE_MAX_ARTICLE_CHARS")
SYMBOL_RUN = ("a run of {run:,} symbols without a space (over {limit}) would take the parser minutes; "
              "extract it with cleaning on, which cuts such runs")
OTHER_LANGUAGE = "language {language!r} is not among {allowed}; allow it with --lang"
DUPLICATE = "{status} duplicate of {first}"


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
    """The gates that look at one document alone (size, symbols, language): the same on every executor."""
    if len(document.text) > settings.MAX_ARTICLE_CHARS:
        reason = TOO_LONG.format(size=len(document.text), limit=settings.MAX_ARTICLE_CHARS)
        return Skipped(document.source, reason, failed=True, stage="size")
    if not options.clean and (run := longest_symbol_run(document.text)):
        return Skipped(document.source, SYMBOL_RUN.format(run=run, limit=MAX_SYMBOL_RUN), failed=True, stage="clean")
    language = document.language or detect_language(document.text)
    if not is_allowed(language, options.languages):
        reason = OTHER_LANGUAGE.format(language=language, allowed=", ".join(options.languages))
        return Skipped(document.source, reason, failed=False, stage="language")
    return None
