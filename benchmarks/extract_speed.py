"""Extraction throughput and peak memory, beside spaCy's own nlp.pipe on the same texts.

    python benchmarks/extract_speed.py [FOLDER] [--limit N]

FOLDER defaults to ../shared/corpora/bbc_news_2225. Prints articles/s and words/s for
spaCy's nlp.pipe (the floor cost of parsing) and for Chronicle's full extraction (cleaning,
parse, actors, times, quotes), and the peak resident memory of each phase.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "bbc_news_2225"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=300, help="articles to use (0 = all)")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    if not folder.exists():
        print(f"No corpus at {folder}; pass a folder of .txt articles.", file=sys.stderr)
        return 2

    from chronicle.extract.article import extract_documents
    from chronicle.extract.nlp import get_nlp
    from chronicle.ingest.files import iter_documents
    from chronicle.records import Document

    docs = [d for d in iter_documents([str(folder)]) if isinstance(d, Document)]
    if args.limit:
        docs = docs[: args.limit]
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp = get_nlp()
    list(nlp.pipe(texts[:5]))  # warm-up: model loading is not throughput

    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    spacy_s = time.perf_counter() - start
    spacy_peak = peak_mb()

    start = time.perf_counter()
    n = 0
    for _ in extract_documents(docs):
        n += 1
    chronicle_s = time.perf_counter() - start

    print(f"corpus: {folder} ({len(texts)} articles, {words:,} words)")
    print(f"{'pipeline':<28}{'articles/s':>12}{'words/s':>12}{'peak MB':>10}")
    print(f"{'spaCy nlp.pipe':<28}{len(texts) / spacy_s:>12.1f}{words / spacy_s:>12,.0f}{spacy_peak:>10.0f}")
    print(f"{'chronicle extract':<28}{n / chronicle_s:>12.1f}{words / chronicle_s:>12,.0f}{peak_mb():>10.0f}")
    print(f"chronicle / spaCy: {spacy_s / chronicle_s:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
