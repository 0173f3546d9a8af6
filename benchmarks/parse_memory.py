"""Peak memory of parsing the longest articles of an input all in one spaCy batch, beside
Chronicle's character-bounded groups (``chronicle.extract.parse.pipe_bounded``, ``PARSE_BATCH_CHARS``).

    .venv/bin/python benchmarks/parse_memory.py ../shared/corpora/warc/news_articles_711.warc.gz [--n 16]

Each way runs in a fresh child process (model loaded first), so the peaks compare directly.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(texts: list[str], bounded: bool, conn) -> None:
    from chronicle.extract.nlp import get_nlp
    from chronicle.extract.parse import pipe_bounded

    nlp = get_nlp()
    loaded = _peak_mb()
    start = time.perf_counter()
    with nlp.memory_zone():
        docs = pipe_bounded(nlp, texts) if bounded else nlp.pipe(texts)
        tokens = sum(len(doc) for doc in docs)
    conn.send({"loaded": loaded, "peak": _peak_mb(), "seconds": time.perf_counter() - start, "tokens": tokens})


def _run(texts: list[str], bounded: bool) -> dict:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(texts, bounded, child))
    process.start()
    result = parent.recv()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files or directories Chronicle can read")
    parser.add_argument("--n", type=int, default=16, help="how many of the longest articles (one batch: 16)")
    args = parser.parse_args()

    from chronicle import settings
    from chronicle.extract.article import prepare
    from chronicle.ingest.files import iter_documents
    from chronicle.records import Document

    print("reading and cleaning the input ...", flush=True)
    texts = [prepare(d).text
             for d in iter_documents(args.inputs) if isinstance(d, Document)]
    texts = sorted((t for t in texts if len(t) <= settings.MAX_CHUNK_CHARS), key=len, reverse=True)[:args.n]
    print(f"{len(texts)} longest articles: {sum(map(len, texts)):,} characters "
          f"({len(texts[0]):,} to {len(texts[-1]):,} each)")
    for bounded in (False, True):
        r = _run(texts, bounded)
        how = f"groups of <= {settings.PARSE_BATCH_CHARS:,} characters" if bounded else "one nlp.pipe batch"
        print(f"{how:<40} peak {r['peak']:7.0f} MB (model loaded {r['loaded']:.0f} MB), "
              f"{r['seconds']:.0f} s, {r['tokens']:,} tokens", flush=True)


if __name__ == "__main__":
    main()
