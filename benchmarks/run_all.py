"""All of Chronicle's scaling figures in one run, printed as one table.

    python benchmarks/run_all.py --quick          # a few minutes
    python benchmarks/run_all.py                  # the full sizes; long (tens of minutes)
    python benchmarks/run_all.py --only extract,store --articles 200 --json out.json

Benchmarks (each runs its measured part in fresh child processes, so model loading and the
parent's memory never count):

* extract: spaCy's own ``nlp.pipe`` (the floor cost of parsing) and Chronicle's full extraction
  with 1 and 2 worker processes (multiprocessing, each loading the model once, timed after all
  workers have loaded it), on the same sample of ``../shared/corpora/bbc_news_2225``.
* cli: the bar for speed, process start included: ``chronicle extract FILES --format jsonl``
  (the whole pipeline: reading, gates, cleaning, extraction, JSON out) beside a fresh Python
  process that loads the same spaCy model and runs ``nlp.pipe`` over the same texts, in the same
  run; the ratio is the CLI's articles/s over spaCy's.
* memory: one child process loads the model and extracts N articles, read lazily and consumed,
  not kept, as ``chronicle ingest`` does. Printed: peak RSS (it follows the largest batch parsed,
  not N), the live RSS after the run once glibc has returned freed memory (``malloc_trim``),
  beside the RSS with just the model, and how many strings the vocabulary gained (spaCy's
  memory zone, used per batch, keeps that at ~0).
* spark: the Spark job (``run_spark_job``, local[2]) on the same sample: steady-state
  throughput after the Python workers have loaded the model, and the whole job's wall time.
* store: SQLite ingest rate of synthetic records (made without spaCy) up to Q quotes, then the
  latency of actor-timeline queries ``Store.quotes(speaker=...)`` at that size.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc_news_2225"

FULL = {"articles": 400, "memory": [100, 2000], "spark_articles": 400, "quotes": 100_000}
QUICK = {"articles": 48, "memory": [20, 100], "spark_articles": 48, "quotes": 100_000}


# -- helpers -----------------------------------------------------------------------------------

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def sample_paths(corpus: Path, n: int) -> list[str]:
    """n articles spread evenly over the corpus (every topic), in a fixed order."""
    paths = sorted(str(p) for p in corpus.rglob("*.txt"))
    if n >= len(paths):
        return paths
    step = len(paths) / n
    return [paths[int(i * step)] for i in range(n)]


def read_items(paths: list[str]) -> list:
    """The documents ``chronicle ingest`` would extract."""
    from chronicle.ingest.files import iter_documents
    from chronicle.records import Document

    return [d for d in iter_documents(paths) if isinstance(d, Document)]


def words_of(items) -> int:
    return sum(len(item.text.split()) for item in items)


# -- child-process work ----------------------------------------------------------------------

def _init_worker(ready):
    from chronicle.extract.article import extract
    from chronicle.extract.nlp import get_nlp

    get_nlp()
    extract("Warm-up: the minister said on Monday that talks would resume.")
    with ready.get_lock():
        ready.value += 1


def _extract_chunk(chunk):
    from chronicle.extract.article import extract_documents

    return sum(1 for _ in extract_documents(chunk))


def _spacy_pipe(texts, conn):
    from chronicle.extract.nlp import get_nlp

    nlp = get_nlp()
    list(nlp.pipe(texts[:4]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    conn.send(time.perf_counter() - start)


def _memory_child(paths, conn):
    import ctypes

    from chronicle.extract.article import extract_documents
    from chronicle.extract.nlp import get_nlp

    before = current_rss_mb()
    nlp = get_nlp()
    loaded = current_rss_mb()
    strings = len(nlp.vocab.strings)
    # Items are read lazily, as ``chronicle ingest`` streams them: nothing here grows with N
    # except what extraction itself keeps.
    start = time.perf_counter()
    n = sum(1 for _ in extract_documents(_documents(paths)))
    seconds = time.perf_counter() - start
    end_rss = current_rss_mb()
    try:  # memory freed by Python but still held by glibc's allocator goes back to the system
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass
    conn.send({"n": n, "seconds": seconds, "start_mb": before, "model_mb": loaded,
               "end_mb": end_rss, "live_mb": current_rss_mb(), "peak_mb": peak_rss_mb(),
               "new_strings": len(nlp.vocab.strings) - strings})


def _documents(paths):
    from chronicle.ingest.files import iter_documents
    from chronicle.records import Document

    return (d for d in iter_documents(paths) if isinstance(d, Document))


def _in_child(target, *args):
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=target, args=(*args, child))
    process.start()
    result = parent.recv()
    process.join()
    return result


# -- benchmarks --------------------------------------------------------------------------------

def bench_extract(items, processes=(1, 2)) -> list[dict]:
    texts = [item.text for item in items]
    n, words = len(items), words_of(items)
    rows = []
    seconds = _in_child(_spacy_pipe, texts)
    rows.append({"benchmark": "spaCy nlp.pipe", "setting": "1 process", "n": n, "seconds": seconds,
                 "articles_s": n / seconds, "words_s": words / seconds})
    ctx = mp.get_context("spawn")
    chunks = [items[i:i + 16] for i in range(0, n, 16)]
    for count in processes:
        ready = ctx.Value("i", 0)
        with ctx.Pool(count, initializer=_init_worker, initargs=(ready,)) as pool:
            while ready.value < count:  # every worker has loaded the model
                time.sleep(0.05)
            start = time.perf_counter()
            done = sum(pool.imap_unordered(_extract_chunk, chunks))
            seconds = time.perf_counter() - start
        rows.append({"benchmark": "chronicle extract", "setting": f"{count} process{'es' if count > 1 else ''}",
                     "n": done, "seconds": seconds, "articles_s": done / seconds, "words_s": words / seconds})
    return rows


SPACY_ALONE = """
import sys
from chronicle.extract.nlp import get_nlp
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sys.argv[1:]]
for _ in get_nlp().pipe(texts):
    pass
"""


def bench_cli(paths: list[str]) -> list[dict]:
    """``chronicle extract`` and plain ``nlp.pipe`` as whole processes, start included."""
    import subprocess

    words = sum(len(Path(p).read_text(encoding="utf-8", errors="replace").split()) for p in paths)
    chronicle = [str(Path(sys.executable).with_name("chronicle")), "extract", *paths, "--format", "jsonl"]
    timings = {}
    for name, command in (("spaCy nlp.pipe", [sys.executable, "-c", SPACY_ALONE, *paths]), ("chronicle extract", chronicle)):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timings[name] = time.perf_counter() - start
    n = len(paths)
    ratio = timings["spaCy nlp.pipe"] / timings["chronicle extract"]
    return [{"benchmark": name + " (CLI)" if name == "chronicle extract" else name + " (process)",
             "setting": "1 process, start included", "n": n, "seconds": seconds, "articles_s": n / seconds,
             "words_s": words / seconds,
             "note": f"{ratio:.0%} of spaCy's speed" if name == "chronicle extract" else "model load included"}
            for name, seconds in timings.items()]


def bench_memory(paths_for, sizes) -> list[dict]:
    rows = []
    for size in sizes:
        paths = paths_for(size)
        result = _in_child(_memory_child, paths)
        words = sum(len(d.text.split()) for d in _documents(paths))
        rows.append({"benchmark": "peak RSS, 1 process", "setting": f"{result['n']} articles", "n": result["n"],
                     "seconds": result["seconds"], "articles_s": result["n"] / result["seconds"],
                     "words_s": words / result["seconds"],
                     "note": f"peak {result['peak_mb']:.0f} MB; live after the run {result['live_mb']:.0f} MB "
                             f"(RSS {result['end_mb']:.0f} MB before malloc_trim); model loaded "
                             f"{result['model_mb']:.0f} MB; +{result['new_strings']} strings in the vocabulary"})
    return rows


def bench_spark(paths, master="local[2]") -> list[dict]:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return [{"benchmark": "spark", "setting": master, "note": "skipped: pyspark not installed"}]
    from chronicle.scale.spark import get_spark, run_spark_job

    items = read_items(paths)
    words = words_of(items)
    start = time.perf_counter()
    spark = get_spark(master, app_name="chronicle-bench", config={"spark.ui.enabled": "false"})
    spark.sparkContext.setLogLevel("ERROR")
    session_s = time.perf_counter() - start
    cores = spark.sparkContext.defaultParallelism
    rows = []
    try:
        out = tempfile.mkdtemp(prefix="chronicle-bench-spark-")

        def warm(_):
            from chronicle.extract.nlp import get_nlp

            get_nlp()
            return [os.getpid()]

        # Load the model in each Python worker first (workers are reused), like a long job would.
        start = time.perf_counter()
        pids = spark.sparkContext.parallelize(range(cores * 2), cores * 2).mapPartitions(warm).collect()
        warm_s = time.perf_counter() - start
        start = time.perf_counter()
        counts = run_spark_job(paths, out, spark=spark)
        seconds = time.perf_counter() - start
        rows.append({"benchmark": "spark job (steady)", "setting": f"{master}", "n": counts["articles"],
                     "seconds": seconds, "articles_s": counts["articles"] / seconds, "words_s": words / seconds,
                     "note": f"read+extract+write Parquet; {len(set(pids))} Python workers warm"})
        rows.append({"benchmark": "spark start-up", "setting": f"{master}", "n": None, "seconds": session_s + warm_s,
                     "note": f"session {session_s:.1f} s + model in workers {warm_s:.1f} s"})
    finally:
        spark.stop()
    return rows


NAMES = ["Olaf Scholz", "Emmanuel Macron", "Mykhailo Podolyak", "Ursula von der Leyen", "Antony Blinken",
         "Sergei Lavrov", "Giorgia Meloni", "Pedro Sanchez", "Rishi Sunak", "Volodymyr Zelensky"]


def synthetic_articles(quotes_total: int, per_article: int = 10, speakers: int = 500, seed: int = 7):
    """Articles with actors and quotes, spans consistent with the text, made without spaCy."""
    from chronicle.extract.article import article_id
    from chronicle.records import Actor, Article, Quote

    rng = random.Random(seed)
    people = [f"{first.split()[0]} {last}" for first in NAMES for last in
              ("Adler", "Berg", "Costa", "Dumas", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jansen",
               "Kowalski", "Lindqvist", "Moreau", "Novak", "Ortiz", "Petrov", "Quinn", "Rossi", "Silva", "Toth",
               "Urban", "Varga", "Weber", "Young", "Zeller", "Abbott", "Baker", "Clarke", "Dalton", "Ellis",
               "Ford", "Grant", "Hughes", "Irwin", "Jones", "Kerr", "Lloyd", "Mason", "Nash", "Owen",
               "Price", "Reid", "Shaw", "Todd", "Vance", "Walsh", "Wood", "York", "Zane", "Arden")][:speakers]
    words = ("talks sanctions ceasefire budget election reform energy grain corridor border treaty vote "
             "negotiations parliament summit aid troops prices inflation tariffs").split()
    n_articles = quotes_total // per_article
    for a in range(n_articles):
        day = f"2023-{1 + a % 12:02d}-{1 + a % 28:02d}"
        chosen = rng.sample(people, 3)
        actors = [Actor(id=f"a{i}", name=name, type="person", aliases=[name.split()[-1]], mentions=[])
                  for i, name in enumerate(chosen)]
        parts, quotes, position = [], [], 0
        for q in range(per_article):
            actor = rng.randrange(3)
            name = chosen[actor]
            content = " ".join(rng.choice(words) for _ in range(12)).capitalize() + f" (story {a}, quote {q})"
            sentence = f'{name} said: "{content}." '
            start = position + sentence.index('"') + 1
            quotes.append(Quote(id=f"q{q}", content_span=(start, start + len(content) + 1), kind="direct",
                                speaker=f"a{actor}", speaker_span=(position, position + len(name)), cue="say",
                                cue_span=(position + len(name) + 1, position + len(name) + 5), date=day,
                                sentence_span=(position, position + len(sentence) - 1)))
            actors[actor].mentions.append((position, position + len(name)))
            parts.append(sentence)
            position += len(sentence)
        text = "".join(parts)
        yield Article(id=article_id(text), source=f"synthetic/{a}", text=text, title=f"Story {a}", published=day,
                      actors=actors, quotes=quotes)


def bench_store(quotes_total: int, queries: int = 30, db: str | None = None) -> list[dict]:
    """Ingest rate and actor-timeline latency; ``db`` a PostgreSQL URL (an empty database) or a
    temporary SQLite file by default."""
    from chronicle.store import is_postgres_url, open_store

    articles = list(synthetic_articles(quotes_total))
    postgres = bool(db) and is_postgres_url(db)
    path = None if postgres else Path(db or Path(tempfile.mkdtemp(prefix="chronicle-bench-store-")) / "bench.db")
    backend = "PostgreSQL" if postgres else "SQLite"
    rows = []
    with open_store(db if postgres else str(path)) as store:
        start = time.perf_counter()
        for article in articles:
            store.add(article)
        seconds = time.perf_counter() - start
        stats = store.stats()
        size = f"; {os.path.getsize(path) / 2**20:.0f} MB file" if path else ""
        rows.append({"benchmark": f"{backend} ingest", "setting": f"{stats['quotes']:,} quotes", "n": len(articles),
                     "seconds": seconds, "articles_s": len(articles) / seconds,
                     "note": f"{stats['quotes'] / seconds:,.0f} quotes/s{size}"})
        rng = random.Random(1)
        speakers = [a.name for article in articles[:200] for a in article.actors]
        forms = [("full name", lambda n: n), ("surname", lambda n: n.split()[-1]),
                 ("misspelt", lambda n: n[:-1] + ("x" if n[-1] != "x" else "y"))]
        for label, form in forms:
            for limit in (50, None):
                times, found = [], []
                for name in rng.sample(speakers, min(queries, len(speakers))):
                    start = time.perf_counter()
                    result = store.quotes(speaker=form(name), limit=limit)
                    times.append(time.perf_counter() - start)
                    found.append(len(result))
                times.sort()
                rows.append({"benchmark": f"timeline query ({backend})", "setting": f"{label}, limit={limit}",
                             "n": len(times), "seconds": statistics.median(times),
                             "note": f"median {statistics.median(times) * 1000:.1f} ms, "
                                     f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.1f} ms, "
                                     f"{statistics.mean(found):.0f} quotes/answer"})
    if path is not None:
        path.unlink()
    return rows


# -- main ----------------------------------------------------------------------------------------

def print_table(rows: list[dict]) -> None:
    # Columns as wide as their longest entry ("timeline query (PostgreSQL)" ran into the next).
    bw = max([len("benchmark")] + [len(r["benchmark"]) for r in rows]) + 2
    sw = max([len("setting")] + [len(r["setting"]) for r in rows]) + 2
    header = f"{'benchmark':<{bw}}{'setting':<{sw}}{'n':>7}{'seconds':>9}{'articles/s':>12}{'words/s':>10}  note"
    print(header)
    print("-" * len(header))
    for r in rows:
        n = "" if r.get("n") is None else f"{r['n']:,}"
        sec = "" if r.get("seconds") is None else f"{r['seconds']:.3f}" if r["seconds"] < 1 else f"{r['seconds']:.1f}"
        aps = "" if r.get("articles_s") is None else f"{r['articles_s']:.1f}"
        wps = "" if r.get("words_s") is None else f"{r['words_s']:,.0f}"
        print(f"{r['benchmark']:<{bw}}{r['setting']:<{sw}}{n:>7}{sec:>9}{aps:>12}{wps:>10}  {r.get('note', '')}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: finishes in a few minutes")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--only", default="extract,cli,memory,spark,store", help="comma-separated benchmarks")
    parser.add_argument("--articles", type=int, help="articles for the throughput runs")
    parser.add_argument("--memory-sizes", help="article counts for peak memory, e.g. 100,2000")
    parser.add_argument("--spark-articles", type=int)
    parser.add_argument("--spark-master", default="local[2]")
    parser.add_argument("--quotes", type=int, help="quotes in the store benchmark")
    parser.add_argument("--store-db", help="a postgresql:// URL (empty database) for the store benchmark; default: SQLite")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    args = parser.parse_args(argv)
    sizes = dict(QUICK if args.quick else FULL)
    if args.articles:
        sizes["articles"] = args.articles
    if args.memory_sizes:
        sizes["memory"] = [int(x) for x in args.memory_sizes.split(",")]
    if args.spark_articles:
        sizes["spark_articles"] = args.spark_articles
    if args.quotes:
        sizes["quotes"] = args.quotes
    only = set(args.only.split(","))
    corpus = Path(args.corpus)
    if (only & {"extract", "cli", "memory", "spark"}) and not corpus.exists():
        print(f"No corpus at {corpus}; pass --corpus FOLDER of .txt articles, or --only store.", file=sys.stderr)
        return 2

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.2f} at start")
    print(f"corpus: {corpus}; sizes: {sizes}")
    rows: list[dict] = []
    started = time.perf_counter()
    if "extract" in only:
        items = read_items(sample_paths(corpus, sizes["articles"]))
        print(f"extract: {len(items)} articles, {words_of(items):,} words", flush=True)
        rows += bench_extract(items)
    if "cli" in only:
        paths = sample_paths(corpus, sizes["articles"])
        print(f"cli: chronicle extract on {len(paths)} articles beside nlp.pipe, process start included", flush=True)
        rows += bench_cli(paths)
    if "memory" in only:
        print(f"memory: {sizes['memory']} articles", flush=True)
        rows += bench_memory(lambda n: sample_paths(corpus, n), sizes["memory"])
    if "spark" in only:
        print(f"spark: {sizes['spark_articles']} articles on {args.spark_master}", flush=True)
        rows += bench_spark(sample_paths(corpus, sizes["spark_articles"]), args.spark_master)
    if "store" in only:
        print(f"store: {sizes['quotes']:,} quotes", flush=True)
        rows += bench_store(sizes["quotes"], db=args.store_db)
    print()
    print_table(rows)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.2f} at the end")
    if args.json:
        Path(args.json).write_text(json.dumps({"sizes": sizes, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
