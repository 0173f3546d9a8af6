"""Score quote extraction against PolNeAR (../shared/gold/quotes/polnear, JSON conversion).

Rules of ../shared/gold/README.md, so figures compare with the published anchors:
1. Per document, predicted and gold quotes are matched greedily one-to-one, best first, where
   the character Jaccard of their content spans is at least 0.5 (a quote in several pieces,
   gold or predicted, counts as the union of its pieces).
2. A match is *attributed* when the speaker spans overlap, or neither quote has a speaker.
3. Reported: content P/R/F1, attributed P/R/F1, speaker accuracy on matched quotes, cue F1
   (cue spans overlapping, one-to-one), each for all quotes and split into direct (content
   holds a quotation mark) and indirect; and articles/s.
Chronicle runs with ``clean=False`` so that its spans index the gold text itself.

    python -m chronicle.evaluate.quotes ../shared/gold/quotes/polnear/json/dev [--limit N]
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

MARKS = set("\"“”„«»")
JACCARD_MIN = 0.5


@dataclass
class Attribution:
    """One quote, gold or predicted, reduced to what scoring compares."""

    content: list[tuple[int, int]]
    speaker: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False

    def chars(self) -> set[int]:
        return {i for s, e in self.content for i in range(s, e)}


def load_gold(path: Path) -> tuple[str, list[Attribution]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    text = data["text"]
    gold = []
    for q in data["quotes"]:
        content = [(c["start"], c["end"]) for c in q.get("contents") or []]
        if not content:
            continue
        gold.append(Attribution(
            content=content,
            speaker=[(s["start"], s["end"]) for s in q.get("sources") or []],
            cue=[(q["cue"]["start"], q["cue"]["end"])] if q.get("cue") else [],
            direct=any(ch in MARKS for s, e in content for ch in text[s:e]),
        ))
    return text, gold


def predicted(article) -> list[Attribution]:
    text = article.text
    out = []
    for q in article.quotes:
        # A statement in several pieces ("“A,” said X. “B.”") is scored as their union, as the
        # gold's discontinuous contents are.
        content = [tuple(q.content_span), *(tuple(s) for s in getattr(q, "more_content_spans", []))]
        out.append(Attribution(
            content=content,
            speaker=[tuple(q.speaker_span)] if q.speaker_span else [],
            cue=[tuple(q.cue_span)] if q.cue_span else [],
            direct=any(ch in MARKS for s, e in content for ch in text[s:e]),
        ))
    return out


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(gold: list[Attribution], pred: list[Attribution]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching on content Jaccard >= 0.5, best pairs first."""
    gold_chars = [g.chars() for g in gold]
    pairs = []
    for j, p in enumerate(pred):
        pc = p.chars()
        for i, gc in enumerate(gold_chars):
            score = jaccard(gc, pc)
            if score >= JACCARD_MIN:
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    used_g, used_p, matched = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            matched.append((i, j))
    return matched


def cue_matches(gold: list[Attribution], pred: list[Attribution]) -> int:
    used, hits = set(), 0
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and p.cue and g.cue and overlaps(p.cue, g.cue):
                used.add(i)
                hits += 1
                break
    return hits


def score_document(gold: list[Attribution], pred: list[Attribution]) -> Counter:
    counts = Counter()
    for name, keep in (("all", lambda a: True), ("direct", lambda a: a.direct), ("indirect", lambda a: not a.direct)):
        g = [a for a in gold if keep(a)]
        p = [a for a in pred if keep(a)]
        pairs = match(g, p)
        attributed = sum(1 for i, j in pairs if overlaps(g[i].speaker, p[j].speaker) or (not g[i].speaker and not p[j].speaker))
        counts[f"{name}.gold"] += len(g)
        counts[f"{name}.pred"] += len(p)
        counts[f"{name}.matched"] += len(pairs)
        counts[f"{name}.attributed"] += attributed
        counts[f"{name}.gold_cues"] += sum(1 for a in g if a.cue)
        counts[f"{name}.pred_cues"] += sum(1 for a in p if a.cue)
        counts[f"{name}.cue_hits"] += cue_matches(g, p)
    return counts


def prf(hits: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarise(counts: Counter) -> dict:
    result = {}
    for name in ("all", "direct", "indirect"):
        c = {k.split(".", 1)[1]: v for k, v in counts.items() if k.startswith(name + ".")}
        content = prf(c.get("matched", 0), c.get("pred", 0), c.get("gold", 0))
        attributed = prf(c.get("attributed", 0), c.get("pred", 0), c.get("gold", 0))
        cue = prf(c.get("cue_hits", 0), c.get("pred_cues", 0), c.get("gold_cues", 0))
        result[name] = {
            "gold": c.get("gold", 0), "predicted": c.get("pred", 0),
            "content_p": content[0], "content_r": content[1], "content_f1": content[2],
            "attributed_p": attributed[0], "attributed_r": attributed[1], "attributed_f1": attributed[2],
            "speaker_accuracy": c["attributed"] / c["matched"] if c.get("matched") else 0.0,
            "cue_f1": cue[2],
        }
    return result


def evaluate_quotes(gold_dir: str | Path, limit: int | None = None) -> dict:
    """Run Chronicle on every gold article in ``gold_dir`` and score its quotes."""
    from chronicle.extract.article import extract_documents
    from chronicle.records import Document

    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"No PolNeAR JSON files in {gold_dir}; point --gold at polnear/json/dev.")
    if limit:
        files = files[:limit]
    golds = [load_gold(f) for f in files]
    counts = Counter()
    start = time.perf_counter()
    articles = extract_documents((Document(source=str(f), text=text) for f, (text, _) in zip(files, golds)), clean=False)
    for (_text, gold), article in zip(golds, articles):
        counts += score_document(gold, predicted(article))
    seconds = time.perf_counter() - start
    result = summarise(counts)
    result["articles"] = len(files)
    result["articles_per_s"] = len(files) / seconds if seconds else 0.0
    return result


def format_report(result: dict) -> str:
    lines = [f"{result['articles']} articles, {result['articles_per_s']:.1f} articles/s",
             f"{'':10}{'gold':>6}{'pred':>6}{'cont P':>8}{'cont R':>8}{'cont F1':>8}{'attr F1':>8}{'spk acc':>8}{'cue F1':>8}"]
    for name in ("all", "direct", "indirect"):
        r = result[name]
        lines.append(f"{name:10}{r['gold']:>6}{r['predicted']:>6}{r['content_p']:>8.3f}{r['content_r']:>8.3f}"
                     f"{r['content_f1']:>8.3f}{r['attributed_f1']:>8.3f}{r['speaker_accuracy']:>8.3f}{r['cue_f1']:>8.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    limit = int(args[args.index("--limit") + 1]) if "--limit" in args else None
    print(format_report(evaluate_quotes(args[0], limit=limit)))
