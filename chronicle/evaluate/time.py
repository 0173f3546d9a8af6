"""Score time expressions against TempEval-3 gold (TimeBank, AQUAINT).

Gold: one JSON document a line, ``{"docid", "dct", "text", "timexes": [{"start", "end", "type",
"value", ...}]}`` (``../shared/gold/time/*.jsonl``; see ``../shared/gold/README.md``).

Measures, as TempEval-3 reports them:
- strict P/R/F1: a prediction matches a gold expression with exactly the same extent;
- relaxed P/R/F1: the extents overlap (one-to-one, largest overlap first);
- type and value accuracy: the share of relaxed matches with the gold type / value;
- value F1 = relaxed F1 x value accuracy (HeidelTime: ~0.80 on TimeBank).

Run: ``python -m chronicle.evaluate.time ../shared/gold/time/tbaq_timebank.jsonl``
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

GoldTimex = dict  # {"start", "end", "type", "value", "text"}


@dataclass
class Matches:
    """One document's alignment of predicted to gold expressions."""

    strict: int = 0
    pairs: list = field(default_factory=list)  # (gold, predicted), extents overlap
    missed: list = field(default_factory=list)  # gold with no overlapping prediction
    spurious: list = field(default_factory=list)  # predictions with no overlapping gold


def _span(item) -> tuple[int, int]:
    if isinstance(item, dict):
        return item["start"], item["end"]
    return tuple(item.span)


def _field(item, name):
    return item.get(name) if isinstance(item, dict) else getattr(item, name)


def match_times(gold: list, predicted: list) -> Matches:
    """Pair gold and predicted expressions one-to-one, largest character overlap first.

    gold (list[dict]): gold TIMEX3 records with ``start``/``end``.
    predicted (list): ``TimeExpression`` records (or dicts with ``start``/``end``).
    RETURNS (Matches): strict count, relaxed pairs, misses and false alarms.
    """
    result = Matches()
    overlaps = []
    for i, g in enumerate(gold):
        gs, ge = _span(g)
        for j, p in enumerate(predicted):
            ps, pe = _span(p)
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                overlaps.append((-overlap, i, j))
    used_g, used_p = set(), set()
    for _, i, j in sorted(overlaps):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        result.pairs.append((gold[i], predicted[j]))
        if _span(gold[i]) == _span(predicted[j]):
            result.strict += 1
    result.missed = [g for i, g in enumerate(gold) if i not in used_g]
    result.spurious = [p for j, p in enumerate(predicted) if j not in used_p]
    return result


def _prf(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> dict:
    p = matched_pred / n_pred if n_pred else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score(documents: Iterable[tuple[list, list]]) -> dict:
    """Score (gold timexes, predicted expressions) pairs, one per document.

    RETURNS (dict): strict and relaxed P/R/F1, type and value accuracy, value F1, counts.
    """
    n_gold = n_pred = strict = relaxed = same_type = same_value = docs = 0
    for gold, predicted in documents:
        m = match_times(gold, predicted)
        docs += 1
        n_gold += len(gold)
        n_pred += len(predicted)
        strict += m.strict
        relaxed += len(m.pairs)
        same_type += sum(_field(g, "type") == _field(p, "type") for g, p in m.pairs)
        same_value += sum(_field(g, "value") == _field(p, "value") for g, p in m.pairs)
    result = {
        "documents": docs, "gold": n_gold, "predicted": n_pred,
        "strict": _prf(strict, n_pred, strict, n_gold),
        "relaxed": _prf(relaxed, n_pred, relaxed, n_gold),
        "type_accuracy": same_type / relaxed if relaxed else 0.0,
        "value_accuracy": same_value / relaxed if relaxed else 0.0,
    }
    result["value_f1"] = result["relaxed"]["f1"] * result["value_accuracy"]
    return result


def read_gold(gold_path, limit: Optional[int] = None) -> list[dict]:
    """The gold documents of a TempEval-3 jsonl file (the first ``limit`` if given)."""
    documents = []
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                documents.append(json.loads(line))
            if limit is not None and len(documents) >= limit:
                break
    return documents


def predict_times(documents: list[dict], nlp=None):
    """Yield (gold document, predicted expressions), parsing the texts with ``nlp.pipe``."""
    from chronicle.extract.nlp import get_nlp
    from chronicle.extract.times import find_times

    nlp = nlp or get_nlp()
    texts = (d["text"] for d in documents)
    for gold, doc in zip(documents, nlp.pipe(texts, batch_size=16)):
        dct = gold.get("dct")
        yield gold, find_times(doc, published=dct[:10] if dct else None)


def evaluate_time(gold_path, limit: Optional[int] = None) -> dict:
    """Run ``find_times`` on every gold document and score it.

    gold_path (str | Path): a TempEval-3 jsonl file (``tbaq_timebank.jsonl``).
    limit (int | None): score only the first ``limit`` documents. Defaults to all.
    RETURNS (dict): see ``score``, plus ``gold_path``, ``seconds`` and ``documents_per_second``.
    """
    documents = read_gold(gold_path, limit)
    started = time.perf_counter()
    pairs = [(gold["timexes"], predicted) for gold, predicted in predict_times(documents)]
    seconds = time.perf_counter() - started
    result = score(pairs)
    result["gold_path"] = str(gold_path)
    result["seconds"] = seconds
    result["documents_per_second"] = len(documents) / seconds if seconds else 0.0
    return result


def format_report(result: dict) -> str:
    """A plain-text table of an ``evaluate_time`` result."""
    lines = [
        f"Time expressions: {Path(result.get('gold_path', '')).name or 'gold'}"
        f" ({result['documents']} documents, {result['gold']} gold, {result['predicted']} predicted)",
        f"{'':<10}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name in ("strict", "relaxed"):
        s = result[name]
        lines.append(f"{name:<10}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
    lines.append(f"type accuracy  {result['type_accuracy']:.3f}")
    lines.append(f"value accuracy {result['value_accuracy']:.3f}")
    lines.append(f"value F1       {result['value_f1']:.3f}")
    if "documents_per_second" in result:
        lines.append(f"speed          {result['documents_per_second']:.1f} documents/s"
                     f" ({result['seconds']:.1f} s)")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m chronicle.evaluate.time GOLD.jsonl [GOLD.jsonl ...] [--limit N]",
              file=sys.stderr)
        return 2
    limit = None
    if "--limit" in argv:
        i = argv.index("--limit")
        limit = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    for path in argv:
        print(format_report(evaluate_time(path, limit=limit)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
