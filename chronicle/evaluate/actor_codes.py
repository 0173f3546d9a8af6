"""Score actor codes against the event participants of PLOVER-style gold sentences.

The gold (``plover_gsr_cameo_en.jsonl``) names each participant with its words and code:
``"actor": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"}]``. This scores the actor
layer alone, whatever the event coder made of the sentence:

1. Each sentence is parsed and run through ``find_actors``, ``find_times`` and ``find_events``
   (which adds the demonym groups its participants need), with no publication date: the gold
   has none, so only undated knowledge-base codes apply.
2. Each gold participant whose words are in the sentence is matched to the actor with the
   most characters of a mention inside those words (or around them); none is a miss.
3. Country level: the first three letters of both codes agree (CAMEO spellings mapped to ISO,
   NGO counted as IGO, as ``evaluate.events.country_of``). Country + sector: the country agrees
   and so does the first sector code (none on both sides also agrees; the gold's "***" is none).
4. Where the matched actor has a country, it is counted right or wrong by how the country is
   known (``Actor.basis``: text, knowledge, or the inference rule): a rule that is wrong more
   often than right is a guess, and goes.
5. The sentences are split in two halves by a hash of their id ("dev" and "held"), so a change
   tuned on one half is scored once on the other; both are reported, with their sum.

    python -m chronicle.evaluate.actor_codes ../shared/gold/events/plover_gsr_cameo_en.jsonl
"""
from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

from chronicle.evaluate.events import country_of, gold_rows

HALVES = ("dev", "held")


def half_of(sentence_id: str) -> str:
    """"dev" or "held": a fixed split by the hash of the gold id (about half each)."""
    return HALVES[hashlib.sha1(sentence_id.encode("utf-8")).digest()[0] % 2]


def _sector(code: str | None) -> str:
    sector = (code or "")[:3].upper()
    return "" if sector == "***" else sector


def load_participants(path: Path) -> list[dict]:
    """Gold sentences: {"id", "text", "half", "participants": [{"words", "country", "sector"}]}."""
    sentences: dict[str, dict] = {}
    for text, row in gold_rows(path):
        entry = sentences.setdefault(text, {"id": row.get("id", text), "text": text, "participants": []})
        entry["half"] = half_of(entry["id"])
        for item in (row.get("actor") or []) + (row.get("recipient") or []):
            if not isinstance(item, dict) or not item.get("code") or not item.get("actorText"):
                continue
            participant = {"words": item["actorText"], "country": country_of(item["code"]),
                           "sector": _sector(item.get("sector") or item["code"][3:6])}
            if participant not in entry["participants"]:
                entry["participants"].append(participant)
    return [s for s in sentences.values() if s["participants"]]


def predicted_actors(text: str, nlp=None):
    """The sentence's actors as the record keeps them (``find_events`` adds demonym groups)."""
    from chronicle.extract.actors import find_actors
    from chronicle.extract.events import find_events
    from chronicle.extract.nlp import get_nlp
    from chronicle.extract.times import find_times

    doc = (nlp or get_nlp())(text)
    actors = find_actors(doc)
    try:
        times = find_times(doc, None)
    except Exception:  # times only date events; a failure must not hide the actor figures
        times = []
    find_events(doc, actors, times, None)
    return actors


def matched_actor(text: str, words: str, actors):
    """The actor with the most characters of a mention inside (or around) ``words``, or None."""
    best, best_overlap = None, 0
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        for actor in actors:
            for s, e in actor.mentions:
                overlap = min(e, end) - max(s, start)
                if overlap > best_overlap:
                    best, best_overlap = actor, overlap
        start = text.find(words, end)
    return best


def score_actor_codes(gold_path, limit: int | None = None, nlp=None) -> dict:
    """Country and country + sector accuracy of actor codes, per half and in all."""
    from chronicle.extract.actor_codes import actor_code

    sentences = load_participants(Path(gold_path))[:limit]
    counts = {half: Counter() for half in (*HALVES, "all")}
    by_basis: dict[str, Counter] = {}  # how the country was known -> right / all
    misses: list[str] = []
    for sentence in sentences:
        actors = predicted_actors(sentence["text"], nlp)
        for gold in sentence["participants"]:
            actor = matched_actor(sentence["text"], gold["words"], actors)
            code = (actor.code or actor_code(actor)) if actor is not None else None
            country_right = code is not None and country_of(code) == gold["country"]
            sector_right = country_right and _sector(code[3:6]) == gold["sector"]
            for half in (sentence["half"], "all"):
                counts[half].update(participants=1, found=actor is not None, coded=code is not None,
                                    country=country_right, sector=sector_right)
            if actor is not None and actor.country:
                basis = actor.basis.get("country")
                how = "unrecorded" if basis is None else (
                    f"inferred: {basis.rule}" if basis.source == "inferred" else basis.source)
                by_basis.setdefault(how, Counter()).update(all=1, right=country_right)
            if not country_right and len(misses) < 20:
                misses.append(f"{gold['words']!r}: gold {gold['country']}{gold['sector']}, "
                              f"got {code or '-'} ({actor.name if actor else 'no actor'})")
    return {"gold": str(gold_path), "sentences": len(sentences),
            "halves": {half: _rates(c) for half, c in counts.items()},
            "country_by_basis": {how: {"right": c["right"], "all": c["all"]} for how, c in sorted(by_basis.items())},
            "misses": misses}


def _rates(c: Counter) -> dict:
    n = c["participants"]
    return {"participants": n, "found": c["found"], "coded": c["coded"],
            "country": c["country"] / n if n else 0.0, "country_sector": c["sector"] / n if n else 0.0}


def format_report(result: dict) -> str:
    lines = [f"Actor codes of event participants against {result['gold']} ({result['sentences']} sentences)",
             f"  {'half':<6} {'participants':>12} {'found':>6} {'coded':>6} {'country':>8} {'+sector':>8}"]
    for half, r in result["halves"].items():
        lines.append(f"  {half:<6} {r['participants']:>12} {r['found']:>6} {r['coded']:>6} "
                     f"{r['country']:>8.3f} {r['country_sector']:>8.3f}")
    lines.append("  the actor's country, right / all, by how it is known:")
    for how, c in result["country_by_basis"].items():
        lines.append(f"    {how:<58} {c['right']:>4} / {c['all']:<4} ({c['right'] / c['all']:.0%})")
    if result["misses"]:
        lines.append("  first wrong countries: " + "; ".join(result["misses"][:5]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 1:
        print("usage: python -m chronicle.evaluate.actor_codes GOLD.jsonl", file=sys.stderr)
        return 2
    print(format_report(score_actor_codes(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
