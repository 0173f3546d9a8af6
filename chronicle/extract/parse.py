"""Parsing article texts with spaCy, with memory bounded by the longest article.

``parse_all`` yields one ``Doc`` per text, in order: short texts go through ``nlp.pipe`` in
groups of at most ``PARSE_BATCH_CHARS`` characters; a text longer than ``MAX_CHUNK_CHARS`` is
parsed in paragraph-aligned pieces joined back into one ``Doc`` whose text equals the input.
"""
from __future__ import annotations

from chronicle import settings


def parse_all(nlp, texts: list[str]):
    """Parse texts; texts longer than one chunk are parsed in pieces and joined back."""
    short = [t for t in texts if len(t) <= settings.MAX_CHUNK_CHARS]
    parsed_short = pipe_bounded(nlp, short)
    for text in texts:
        if len(text) <= settings.MAX_CHUNK_CHARS:
            yield next(parsed_short)
        else:
            yield parse_long(nlp, text)


def pipe_bounded(nlp, texts: list[str]):
    """``nlp.pipe`` over groups of at most ``PARSE_BATCH_CHARS`` characters (a longer text alone),
    so that memory follows the longest article, not the batch."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > settings.PARSE_BATCH_CHARS:
            yield from nlp.pipe(group)
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield from nlp.pipe(group)


def parse_long(nlp, text: str):
    from spacy.tokens import Doc

    docs = list(pipe_bounded(nlp, split_chunks(text, settings.MAX_CHUNK_CHARS)))
    # Each chunk keeps its trailing whitespace, so the joined text equals the input exactly.
    return Doc.from_docs(docs, ensure_whitespace=False)


def split_chunks(text: str, limit: int) -> list[str]:
    """Split at paragraph breaks (else line breaks, else spaces) into pieces of at most ``limit``."""
    chunks = []
    while len(text) > limit:
        cut = -1
        for separator in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(separator, 0, limit)
            if cut > 0:
                cut += len(separator)
                break
        if cut <= 0:
            cut = limit
        chunks.append(text[:cut])
        text = text[cut:]
    chunks.append(text)
    return [c for c in chunks if c]
