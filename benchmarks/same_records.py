"""Records before and after a change: write them as JSONL, or compare with a reference.

    python benchmarks/same_records.py write  before.jsonl   # on the old code
    python benchmarks/same_records.py compare before.jsonl  # on the new code: exits 1 on a difference

Three sets, read from ../shared at run time:
- the specimen (``../shared/specimen/article.txt``, published 2023-02-12, cleaned);
- 300 BBC articles spread evenly over ``../shared/corpora/bbc_news_2225`` (cleaned, no date);
- the PolNeAR dev articles (``../shared/gold/quotes/polnear/json/dev``, verbatim, as the quote
  scorer reads them).
Each line is one record (``Article.to_dict()``, keys sorted) with its set's name. A refactor that
moves no figure leaves every line byte-identical; ``compare`` prints the first differing records
and the fields that differ.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SPECIMEN = SHARED / "specimen" / "article.txt"
BBC = SHARED / "corpora" / "bbc_news_2225"
POLNEAR_DEV = SHARED / "gold" / "quotes" / "polnear" / "json" / "dev"


def bbc_paths(n: int = 300) -> list[Path]:
    """n articles spread evenly over the corpus (as benchmarks/run_all.py samples them)."""
    paths = sorted(BBC.rglob("*.txt"))
    step = len(paths) / 300
    return [paths[int(i * step)] for i in range(300)][:n]  # a smaller n: the first of the same 300


def _name(path: Path) -> str:
    """The source as a path under ../shared, the same wherever the clone is."""
    return "shared/" + path.relative_to(SHARED).as_posix()


def inputs(bbc: int = 300):
    """``(set, text, published, clean, source)`` for every article of the three sets."""
    yield "specimen", SPECIMEN.read_text(encoding="utf-8"), "2023-02-12", True, _name(SPECIMEN)
    for path in bbc_paths(bbc):
        yield "bbc", path.read_text(encoding="utf-8", errors="replace"), None, True, _name(path)
    for path in sorted(POLNEAR_DEV.glob("*.json")):
        yield "polnear_dev", json.loads(path.read_text(encoding="utf-8"))["text"], None, False, _name(path)


def records(bbc: int = 300):
    """One JSON line per article, through the public library call."""
    import chronicle

    for name, text, published, clean, source in inputs(bbc):
        article = chronicle.extract(text, published=published, clean=clean, source=source)
        yield json.dumps({"set": name, "record": article.to_dict()}, ensure_ascii=False, sort_keys=True)


def _key(line: str) -> tuple[str, str]:
    row = json.loads(line)
    return row["set"], row["record"]["source"]


def compare(reference: Path, bbc: int) -> int:
    """Each record now beside the reference's record of the same source (a smaller ``--bbc``
    compares a subset)."""
    expected = {_key(line): line for line in reference.read_text(encoding="utf-8").splitlines()}
    differing = n = 0
    for line in records(bbc):
        n += 1
        old = expected.get(_key(line))
        if old is None:
            print(f"not in {reference}: {_key(line)[1]}")
            differing += 1
            continue
        if line == old:
            continue
        differing += 1
        if differing <= 5:
            new_record, old_record = json.loads(line)["record"], json.loads(old)["record"]
            keys = sorted(k for k in set(new_record) | set(old_record) if new_record.get(k) != old_record.get(k))
            print(f"differs: {old_record.get('source')}: {', '.join(keys)}")
    print(f"{n} records compared, {differing} differ")
    return 1 if differing else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("reference", type=Path)
    parser.add_argument("--bbc", type=int, default=300, help="BBC articles (default 300; fewer for a quick check)")
    args = parser.parse_args(argv)
    missing = [p for p in (SPECIMEN, BBC, POLNEAR_DEV) if not p.exists()]
    if missing:
        print(f"Needs ../shared beside the repository; missing: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    if args.action == "write":
        with args.reference.open("w", encoding="utf-8") as f:
            n = sum(1 for line in records(args.bbc) if f.write(line + "\n"))
        print(f"{n} records written to {args.reference} in {time.perf_counter() - start:.0f} s")
        return 0
    return compare(args.reference, args.bbc)


if __name__ == "__main__":
    sys.exit(main())
