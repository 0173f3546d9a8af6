"""Score main-text extraction on WCXB-style gold: Chronicle's HTML reader against trafilatura.

The gold folder holds ``ground-truth/NNNN.json`` (``ground_truth``: ``main_content``, ``with``,
``without``, ``title``, ``publish_date``) and ``html/NNNN.html.gz``. For each page both systems
run in the same process, one after the other:

- **chronicle**: ``chronicle.ingest.html.read_html`` (text, title, published);
- **trafilatura**: plain ``trafilatura.extract(html)`` for the text, ``extract_metadata`` for the
  title (not timed), and htmldate's default ``find_date(html)`` for the date.

Measures (the WCXB conventions, see ../shared/gold/README.md):

- word F1: bag of lowercased ``\\w+`` tokens against ``main_content``, averaged over pages;
- leaked: share of ``without`` snippets found in the output. Snippets are compared as token
  sequences (lowercased ``\\w+`` joined by spaces); a ``without`` snippet that also occurs in
  ``main_content`` is contradictory gold and not counted;
- kept: share of ``with`` snippets found in the output;
- title: exact match after whitespace is collapsed, over pages with a gold title;
- date: the day matches, over pages with a gold date; plus wrong dates given on pages without;
- pages/s: extraction time only (reading the gold is not counted).

Run: ``python -m chronicle.evaluate.extraction ../shared/gold/extraction/wcxb_dev [--limit N]``
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

SYSTEMS = ("chronicle", "trafilatura")

_WORD = re.compile(r"\w+")


def evaluate_extraction(gold_dir: str | Path, limit: Optional[int] = None) -> dict:
    """Score Chronicle's HTML reader and plain trafilatura on every page of ``gold_dir``.

    gold_dir (str | Path): a WCXB split folder (``ground-truth/`` and ``html/``).
    limit (int | None): score only the first ``limit`` pages (sorted by name). Defaults to all.
    RETURNS (dict): ``{"pages": n, "gold_dir": str, "systems": {name: measures}}``.
    """
    gold_dir = Path(gold_dir)
    truth_files = sorted((gold_dir / "ground-truth").glob("*.json"))
    if not truth_files:
        raise FileNotFoundError(f"No ground-truth/*.json under {gold_dir}; pass a WCXB split folder such as ../shared/gold/extraction/wcxb_dev.")
    if limit is not None:
        truth_files = truth_files[:limit]
    tallies = {name: _Tally() for name in SYSTEMS}
    pages = 0
    for truth_file in truth_files:
        html_file = gold_dir / "html" / f"{truth_file.stem}.html.gz"
        if not html_file.exists():
            continue
        record = json.loads(truth_file.read_text(encoding="utf-8"))
        gold = record.get("ground_truth", {})
        if gold.get("main_content") is None:
            continue
        html = gzip.decompress(html_file.read_bytes())
        url = record.get("url")
        pages += 1
        for name in SYSTEMS:
            start = time.perf_counter()
            text, title, date, untimed = RUNNERS[name](html, url)
            tallies[name].seconds += time.perf_counter() - start - untimed
            tallies[name].add(gold, text, title, date)
    return {
        "gold_dir": str(gold_dir),
        "pages": pages,
        "systems": {name: tally.result(pages) for name, tally in tallies.items()},
    }


def format_report(result: dict) -> str:
    """A table of the measures, one column per system, and the issue's targets checked."""
    systems = result["systems"]
    rows = [
        ("word F1", "word_f1", "{:.4f}"),
        ("word precision", "word_precision", "{:.4f}"),
        ("word recall", "word_recall", "{:.4f}"),
        ("boilerplate leaked (without)", "leaked", "{:.4f}"),
        ("content kept (with)", "kept", "{:.4f}"),
        ("title exact match", "title_accuracy", "{:.4f}"),
        ("date accuracy (day)", "date_accuracy", "{:.4f}"),
        ("dates given where gold has none", "date_false_share", "{:.4f}"),
        ("pages/s", "pages_per_second", "{:.1f}"),
    ]
    lines = [f"{result['pages']} pages from {result['gold_dir']}", ""]
    lines.append(f"{'':34}" + "".join(f"{name:>14}" for name in SYSTEMS))
    for label, key, fmt in rows:
        lines.append(f"{label:34}" + "".join(f"{fmt.format(systems[n][key]):>14}" for n in SYSTEMS))
    ours, theirs = systems["chronicle"], systems["trafilatura"]
    lines.append("")
    lines.append("targets:")
    lines.append(_target("word F1 >= trafilatura's", ours["word_f1"] >= theirs["word_f1"]))
    lowered = 1 - ours["leaked"] / theirs["leaked"] if theirs["leaked"] else 0.0
    lines.append(_target(f"leaked boilerplate >= 30% lower than trafilatura's ({lowered:.0%} lower)",
                         lowered >= 0.30))
    lines.append(_target("date accuracy >= htmldate default", ours["date_accuracy"] >= theirs["date_accuracy"]))
    return "\n".join(lines)


def word_counts(text: Optional[str]) -> Counter:
    """Bag of lowercased ``\\w+`` tokens."""
    return Counter(_WORD.findall((text or "").lower()))


def word_scores(predicted: Optional[str], reference: str) -> tuple[float, float, float]:
    """``(precision, recall, F1)`` of the bags of words (WCXB's ``word_f1``)."""
    pred, ref = word_counts(predicted), word_counts(reference)
    if not ref:
        score = 1.0 if not pred else 0.0
        return score, score, score
    if not pred:
        return 0.0, 0.0, 0.0
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(ref.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def token_key(text: Optional[str]) -> str:
    """Lowercased ``\\w+`` tokens joined by single spaces, padded so ``in`` matches whole words."""
    return " " + " ".join(_WORD.findall((text or "").lower())) + " "


class _Tally:
    def __init__(self):
        self.precision = self.recall = self.f1 = 0.0
        self.leaked = self.without = self.kept = self.with_ = 0
        self.titles = self.titles_right = 0
        self.dates = self.dates_right = self.no_dates = self.false_dates = 0
        self.seconds = 0.0

    def add(self, gold: dict, text: Optional[str], title: Optional[str], date: Optional[str]) -> None:
        p, r, f = word_scores(text, gold["main_content"])
        self.precision, self.recall, self.f1 = self.precision + p, self.recall + r, self.f1 + f
        output, reference = token_key(text), token_key(gold["main_content"])
        for snippet in gold.get("without") or []:
            key = token_key(snippet)
            if key.strip() and key not in reference:
                self.without += 1
                self.leaked += key in output
        for snippet in gold.get("with") or []:
            key = token_key(snippet)
            if key.strip():
                self.with_ += 1
                self.kept += key in output
        if gold.get("title"):
            self.titles += 1
            self.titles_right += " ".join((title or "").split()) == " ".join(gold["title"].split())
        gold_date = (gold.get("publish_date") or "")[:10]
        if gold_date:
            self.dates += 1
            self.dates_right += (date or "")[:10] == gold_date
        else:
            self.no_dates += 1
            self.false_dates += bool(date)

    def result(self, pages: int) -> dict:
        n = max(pages, 1)
        return {
            "word_f1": self.f1 / n,
            "word_precision": self.precision / n,
            "word_recall": self.recall / n,
            "leaked": self.leaked / self.without if self.without else 0.0,
            "without_snippets": self.without,
            "kept": self.kept / self.with_ if self.with_ else 0.0,
            "with_snippets": self.with_,
            "title_accuracy": self.titles_right / self.titles if self.titles else 0.0,
            "date_accuracy": self.dates_right / self.dates if self.dates else 0.0,
            "dated_pages": self.dates,
            "date_false_share": self.false_dates / self.no_dates if self.no_dates else 0.0,
            "seconds": self.seconds,
            "pages_per_second": pages / self.seconds if self.seconds else 0.0,
        }


def _run_chronicle(html: bytes, url: Optional[str]):
    from chronicle.ingest.html import read_html

    doc = read_html(html, "page", url=url)
    if not hasattr(doc, "text"):
        return "", None, None, 0.0
    return doc.text, doc.title, doc.published, 0.0


def _run_trafilatura(html: bytes, url: Optional[str]):
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html)
    date = find_date(html)
    start = time.perf_counter()
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None else None
    return text or "", title, date, time.perf_counter() - start


RUNNERS = {"chronicle": _run_chronicle, "trafilatura": _run_trafilatura}


def _target(label: str, met: bool) -> str:
    return f"  [{'met' if met else 'NOT met'}] {label}"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chronicle.evaluate.extraction", description=__doc__.split("\n")[0])
    parser.add_argument("gold_dir", help="a WCXB split folder, e.g. ../shared/gold/extraction/wcxb_dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = evaluate_extraction(args.gold_dir, limit=args.limit)
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
