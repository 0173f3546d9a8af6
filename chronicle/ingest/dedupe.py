"""Finding duplicate articles: the same text again (exact) or nearly the same (near).

``Deduplicator.check`` is called once per document, in reading order, and says whether the text
is new, an exact copy of an earlier one (same text after case, punctuation and spacing are
normalised) or a near copy (MinHash estimate of the Jaccard similarity of word 5-shingles at or
above ``threshold``, found with locality-sensitive hashing, datasketch). Memory grows with the
number of distinct documents seen: one hash and one MinHash signature each.

``check`` is ``fingerprint`` (the costly part, one document alone) then ``check_fingerprint``
(the comparison, in order): a cluster computes fingerprints where the documents are and checks
them in one place, in input order, with the same results as one process.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Optional

# Word n-grams compared for near duplicates. Five words: long enough that two different articles
# on one story share few shingles, short enough that a changed sentence costs few.
SHINGLE_WORDS = 5

STATUSES = ("new", "exact", "near")
NUM_PERM = 128  # MinHash permutations; more is more precise and slower


class Deduplicator:
    """Remembers the documents seen so far and tells copies apart from new texts.

    threshold (float | None): estimated Jaccard similarity of shingle sets at or above which a
        text is a near duplicate; None finds exact copies only. Defaults to 0.8.
    """

    def __init__(self, threshold: Optional[float] = 0.8):
        from datasketch import MinHashLSH

        if threshold is not None and not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold {threshold!r} must be in (0, 1], e.g. 0.8")
        self.threshold = threshold
        self._exact: dict[str, str] = {}
        # Weighted for recall: LSH only proposes candidates, and each is checked against the
        # estimated similarity, so a false positive costs one comparison, a false negative a copy.
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.1, 0.9)) if threshold else None
        self._signatures: dict[str, object] = {}
        self._order: dict[str, int] = {}

    def check(self, doc_id: str, text: str) -> tuple[str, Optional[str]]:
        """Classify ``text`` against everything seen before, then remember it if it is new.

        doc_id (str): the document's name (source), returned later as ``first_id``.
        text (str): its text.
        RETURNS (tuple[str, str | None]): ``("new", None)``, ``("exact", first_id)`` or
            ``("near", first_id)``, where ``first_id`` names the earlier document it copies.
        """
        return self.check_fingerprint(doc_id, fingerprint(text, near=self.threshold is not None))

    def check_fingerprint(self, doc_id: str, print_: tuple[str, object]) -> tuple[str, Optional[str]]:
        """``check`` for a text's ``fingerprint`` computed elsewhere."""
        digest, signature = print_
        if digest in self._exact:
            return "exact", self._exact[digest]
        if self._lsh is None or signature is None:
            self._exact[digest] = doc_id
            return "new", None
        match = self._nearest(signature)
        if match is not None:
            # A copy is not remembered under its own name: later copies point at the first.
            self._exact[digest] = match
            return "near", match
        self._exact[digest] = doc_id
        self._signatures[doc_id] = signature
        self._order.setdefault(doc_id, len(self._order))
        if doc_id not in self._lsh:
            self._lsh.insert(doc_id, signature)
        return "new", None

    def __len__(self) -> int:
        """How many distinct (new) documents have been seen."""
        return len(self._signatures)

    def _nearest(self, signature) -> Optional[str]:
        candidates = self._lsh.query(signature)
        if not candidates:
            return None
        # LSH returns candidates above the threshold with high probability; check the estimate
        # and prefer the most similar (ties: the earliest seen, as dicts keep insertion order).
        scored = [(self._signatures[c].jaccard(signature), c) for c in candidates]
        best_score = max(score for score, _ in scored)
        if best_score < self.threshold:
            return None
        return min((c for s, c in scored if s == best_score), key=self._order.__getitem__)



def fingerprint(text: str, near: bool = True) -> tuple[str, object]:
    """``(digest, signature)`` of a text: a hash of its normalised words, and their MinHash
    (None when ``near`` is False, for exact duplicates only)."""
    key = normalise(text)
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    if not near:
        return digest, None
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM)
    signature.update_batch([g.encode("utf-8") for g in shingles(key)])
    return digest, signature


def normalise(text: str) -> str:
    """Lower-case words only: case, punctuation, accents' forms and spacing folded away."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def shingles(normalised: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles of a normalised text (the whole text if shorter)."""
    words = normalised.split()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}
