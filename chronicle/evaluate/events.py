"""Score event coding against PLOVER-style gold sentences (``plover_gsr_cameo_en.jsonl``).

Each gold line is one sentence with ``text``, ``event_current_plover`` (or ``plover``), optional
``cameo``, and ``actor``/``recipient`` lists of ``{"code": "USA", "sector": "GOV"}``. A line with
no event type (null, "" or "NONE") is an event-free sentence. Lines with the same text are one
sentence with several events.

1. Chronicle parses each sentence and runs ``find_actors``, ``find_times`` and ``find_events``
   (no publication date: the gold has none that matters).
2. Every event becomes tuples (source, target, code), one per source x target; actors are
   compared by country: the first three letters of the CAMEO actor code (``actor_code`` on the
   predicted side), "IGO"/"NGO" for organisations, None where there is no actor. Gold codes in
   CAMEO's own spelling are mapped to ISO 3166 (``CAMEO_TO_ISO``: JAP -> JPN, ITL -> ITA, ...).
3. Predicted codes follow the CAMEO/PLOVER convention (``convention_code``): a refused action
   counts as REJECT, a planned cooperative act as AGREE, a planned attack as THREATEN.
4. Reported: micro P/R/F1 of the tuples at full CAMEO code, 2-digit root and PLOVER type (the
   CAMEO levels only over gold lines that carry a ``cameo`` code); P/R/F1 on PLOVER type alone
   (per sentence, actors ignored); source-country accuracy on events matched by PLOVER type;
   false alarms on event-free sentences (the gold's own, plus ``EVENT_FREE`` below); sentences/s.

    python -m chronicle.evaluate.events ../shared/gold/events/plover_gsr_cameo_en.jsonl [--limit N]
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

# CAMEO country codes that differ from ISO 3166 alpha-3 (CAMEO codebook, appendix of country
# codes); the PLOVER gold uses some of them.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GMY": "DEU", "UKG": "GBR",
                "ZAR": "COD", "BUR": "MMR", "TAW": "TWN", "SPN": "ESP", "SWZ": "CHE", "PAL": "PSE",
                "SER": "SRB", "YUG": "SRB", "USR": "RUS"}

# Event-free sentences, written for Chronicle: statements of fact, weather, sport, economy and
# opinion with actors but no CAMEO event. A coder should find nothing in them.
EVENT_FREE = [
    "The weather in Paris was mild on Tuesday, with temperatures around 15 degrees.",
    "Germany's economy grew by 0.3 percent in the third quarter, the statistics office said.",
    "Russia is the largest country in the world by area.",
    "The French national team won the match 2-1 in the final minutes.",
    "Ukraine has a population of about 40 million people.",
    "Oil prices rose slightly in Asian trading on Monday.",
    "The museum in Kyiv reopened after renovation works.",
    "Japan's largest carmaker reported higher quarterly profits.",
    "The report runs to more than 300 pages and was published in English and French.",
    "Many Brazilians spend the holidays at the beach.",
    "The minister was born in 1961 in a small town near Krakow.",
    "Turkey is a member of NATO and has the alliance's second-largest army.",
    "Snow is expected in northern Italy later this week.",
    "The Chinese film festival attracted thousands of visitors.",
    "Sales of electric cars in Norway passed half of all new cars last year.",
    "India's cricket team arrived home to a warm reception from fans.",
    "The United Nations was founded in 1945.",
    "Egypt's pyramids draw millions of tourists every year.",
    "The Canadian dollar was little changed against the US dollar.",
    "The president's daughter studied law at Harvard.",
]


TIME_ERRORS: list[str] = []


def gold_rows(path: Path):
    """(sentence text, gold row) for each line of a gold file, the text without its braces."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                yield row["text"].strip().strip("{}").strip(), row


def load_gold(path: Path, limit: int | None = None) -> list[dict]:
    """Gold sentences: {"text", "events": [{"cameo", "plover", "source": set, "target": set}]}."""
    sentences: dict[str, dict] = {}
    for text, row in gold_rows(path):
        entry = sentences.setdefault(text, {"text": text, "events": []})
        plover = row.get("event_current_plover", row.get("plover"))
        if not plover or str(plover).upper() == "NONE":
            continue
        entry["events"].append({
            "cameo": row.get("cameo") or None,
            "plover": plover,
            "source": _gold_actors(row.get("actor")),
            "target": _gold_actors(row.get("recipient")),
        })
        if limit and len(sentences) >= limit:
            break
    return list(sentences.values())


def _gold_actors(items) -> set:
    codes = set()
    for item in items or []:
        if isinstance(item, dict) and item.get("code"):
            codes.add(country_of(item["code"]))
    return codes


def country_of(code: str | None) -> str | None:
    """The country (or IGO/NGO/...) part of a CAMEO actor code, in ISO 3166 where they differ."""
    if not code:
        return None
    head = code.strip().upper()[:3]
    if head == "NGO":
        return "IGO"  # one class: the gold codes Amnesty International and the Red Cross as IGO
    return CAMEO_TO_ISO.get(head, head)


def _tuples(events: list[dict], level: str) -> set:
    out = set()
    for e in events:
        code = e["plover"] if level == "plover" else e["cameo"]
        if code is None:
            continue
        if level == "root":
            code = code[:2]
        for s in e["source"] or {None}:
            for t in e["target"] or {None}:
                out.add((s, t, code))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def predict(text: str, nlp=None) -> list[dict]:
    """Chronicle's events for one sentence, reduced to what scoring compares."""
    from chronicle.extract.actor_codes import actor_code
    from chronicle.extract.actors import find_actors
    from chronicle.extract.events import find_events
    from chronicle.extract.events.codebook import convention_code
    from chronicle.extract.nlp import get_nlp
    from chronicle.extract.times import find_times

    doc = (nlp or get_nlp())(text)
    actors = find_actors(doc)
    try:
        times = find_times(doc, None)
    except Exception as exc:  # a time-extractor failure must not hide the event figures
        TIME_ERRORS.append(f"{type(exc).__name__}: {exc} in {text[:60]!r}")
        times = []
    events = find_events(doc, actors, times, None)
    by_id = {a.id: a for a in actors}
    out = []
    for e in events:
        cameo, plover = convention_code(e)
        out.append({
            "cameo": cameo, "plover": plover, "status": e.status,
            "source": {country_of(actor_code(by_id[i])) for i in e.source if i in by_id} - {None},
            "target": {country_of(actor_code(by_id[i])) for i in e.target if i in by_id} - {None},
        })
    return out


def evaluate_events(gold_path, limit: int | None = None, event_free: list[str] | None = None) -> dict:
    """Score ``find_events`` on a gold file; returns the figures ``format_report`` prints."""
    from chronicle.extract.nlp import get_nlp

    nlp = get_nlp()
    TIME_ERRORS.clear()
    gold = load_gold(Path(gold_path), limit)
    free_texts = [g["text"] for g in gold if not g["events"]]
    free_texts += list(EVENT_FREE if event_free is None else event_free)
    counts = {level: Counter() for level in ("cameo", "root", "plover", "type")}
    cameo_lines = 0
    matched = correct_source = 0
    status_counts: Counter = Counter()
    started = time.perf_counter()
    n_sentences = 0
    for g in gold:
        if not g["events"]:
            continue
        n_sentences += 1
        pred = predict(g["text"], nlp)
        for e in pred:
            status_counts[e["status"]] += 1
        has_cameo = all(e["cameo"] for e in g["events"])
        cameo_lines += has_cameo
        for level in ("cameo", "root", "plover"):
            if level != "plover" and not has_cameo:
                continue
            gt, pt = _tuples(g["events"], level), _tuples(pred, level)
            counts[level].update(tp=len(gt & pt), fp=len(pt - gt), fn=len(gt - pt))
        gtypes = {e["plover"] for e in g["events"]}
        ptypes = {e["plover"] for e in pred if e["plover"]}
        counts["type"].update(tp=len(gtypes & ptypes), fp=len(ptypes - gtypes), fn=len(gtypes - ptypes))
        for ge in g["events"]:
            pe = next((e for e in pred if e["plover"] == ge["plover"]), None)
            if pe is None:
                continue
            matched += 1
            if (pe["source"] & ge["source"]) or (not pe["source"] and not ge["source"]):
                correct_source += 1
    false_alarm_sentences = false_alarm_events = 0
    for text in free_texts:
        n_sentences += 1
        pred = [e for e in predict(text, nlp) if e["plover"]]
        false_alarm_sentences += bool(pred)
        false_alarm_events += len(pred)
    elapsed = time.perf_counter() - started
    return {
        "gold": str(gold_path),
        "sentences": sum(1 for g in gold if g["events"]),
        "gold_events": sum(len(g["events"]) for g in gold),
        "cameo_sentences": cameo_lines,
        "full_code": _prf(**counts["cameo"]) if cameo_lines else None,
        "root": _prf(**counts["root"]) if cameo_lines else None,
        "plover": _prf(**counts["plover"]),
        "plover_type": _prf(**counts["type"]),
        "source_country_accuracy": correct_source / matched if matched else 0.0,
        "matched_events": matched,
        "event_free_sentences": len(free_texts),
        "false_alarm_sentences": false_alarm_sentences,
        "false_alarm_events": false_alarm_events,
        "predicted_status": dict(status_counts),
        "sentences_per_second": n_sentences / elapsed if elapsed else 0.0,
        "time_errors": list(TIME_ERRORS),
    }


def _line(name: str, m: dict | None, why: str = "") -> str:
    if m is None:
        return f"  {name:<34} n/a — {why}"
    return (f"  {name:<34} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}"
            f"   (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")


def format_report(result: dict) -> str:
    no_cameo = "the gold has no CAMEO codes (PLOVER labels only)"
    lines = [
        f"Events against {result['gold']}",
        f"  {result['sentences']} sentences with {result['gold_events']} gold events; "
        f"{result['cameo_sentences']} carry CAMEO codes",
        "Micro P/R/F1 on (source country, target country, code):",
        _line("full CAMEO code", result["full_code"], no_cameo),
        _line("CAMEO root (2 digits)", result["root"], no_cameo),
        _line("PLOVER type", result["plover"]),
        "PLOVER type alone, per sentence (actors ignored):",
        _line("PLOVER type", result["plover_type"]),
        f"Source-actor country accuracy on matched events: {result['source_country_accuracy']:.3f} "
        f"({result['matched_events']} matched by PLOVER type)",
        f"False alarms on {result['event_free_sentences']} event-free sentences: "
        f"{result['false_alarm_sentences']} sentences, {result['false_alarm_events']} events",
        f"Predicted statuses: {result['predicted_status']}",
        f"Speed: {result['sentences_per_second']:.1f} sentences/s",
    ]
    if result.get("time_errors"):
        lines.append(f"find_times failed on {len(result['time_errors'])} sentences (scored without "
                     f"times): {result['time_errors'][0]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    limit = None
    if "--limit" in argv:
        i = argv.index("--limit")
        limit = int(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) != 1:
        print("usage: python -m chronicle.evaluate.events GOLD.jsonl [--limit N]", file=sys.stderr)
        return 2
    print(format_report(evaluate_events(argv[0], limit=limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
