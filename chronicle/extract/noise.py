"""Translation noise: how damaged a sentence looks, from explainable signals over the spaCy parse.

Machine-translated news has damaged sentences ("Russia will criminally will take over the
world", "to talks without preconditions (and) based on ..."). Each sentence gets a score in
[0, 1] from a few signals, each with a fixed weight; the score is ``1 - prod(1 - weight)`` over
the signals found (one count per kind), so one weak signal stays low and several add up:

========================  ======  ==============================================================
signal                    weight  what it looks for
========================  ======  ==============================================================
``repeated_modal``        0.6     the same modal or auxiliary twice in one clause, with only
                                  adverbs between ("will criminally will take")
``doubled_word``          0.5     the same function word twice in a row ("the the", "to to")
``dangling_article``      0.4     an article or possessive determiner right before punctuation
                                  or the end ("talks about the .")
``agreement``             0.35    subject–verb agreement broken where the parse is clear (the
                                  subject right before its verb): a plural common noun or
                                  they/we/I/you with a 3rd-person singular verb or "was" ("the
                                  soldiers goes", "they was"), he/she/it with are/have/do
``unmatched_quote``       0.3     a quotation mark in the sentence with no partner in its
                                  paragraph (a quote running on into the next paragraph, which
                                  opens with a mark again, is matched)
``paren_fragment``        0.3     brackets holding only function words ("(and)", "(the)")
``no_finite_verb``        0.25    a sentence of 8+ words ending in a full stop, ! or ? with no
                                  finite verb (headlines and captions, unpunctuated, are spared)
``space_before_punct``    0.15    a space before a comma, stop, colon, semicolon, ? or !
========================  ======  ==============================================================

Records drawn from a sentence carry ``confidence = 1 - noise`` (a position multiplies its own
heuristic confidence by it); records below ``LOW_CONFIDENCE`` are marked in the brief and the web
UI. Clean news scores 0: over 100 BBC articles, well over 95% of sentences score below the
threshold (``tests/extract/test_noise.py``).

DOCS: docs/positions.md
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from chronicle.extract.step import Step

WEIGHTS = {
    "repeated_modal": 0.6,
    "doubled_word": 0.5,
    "dangling_article": 0.4,
    "agreement": 0.35,
    "unmatched_quote": 0.3,
    "paren_fragment": 0.3,
    "no_finite_verb": 0.25,
    "space_before_punct": 0.15,
}
# A record whose confidence is below this is marked low-confidence (noise above 0.25: one signal
# of weight 0.3 or more, or two weaker ones).
LOW_CONFIDENCE = 0.75
LOW_CONFIDENCE_NOTE = "(low confidence: translation noise)"

FUNCTION_POS = {"DET", "ADP", "AUX", "PRON", "CCONJ", "SCONJ", "PART"}
# Legitimately doubled in English ("he said that that was", "what it had had").
DOUBLE_OK = {"that", "had", "is", "do"}
ARTICLES = {"the", "a", "an", "its", "their", "our", "my", "your", "every"}
PLURAL_PRONOUNS = {"they", "we", "i", "you"}
SINGULAR_PRONOUNS = {"he", "she", "it"}
# Plural-looking nouns that take a singular verb.
SINGULAR_NNS = {"news", "series", "species", "means", "headquarters", "whereabouts", "crossroads",
                "politics", "economics", "physics", "mathematics", "athletics", "statistics",
                "ethics", "tactics", "olympics", "aids", "united", "states", "nations", "odds",
                "data", "media", "lens", "gas", "bus", "chaos", "status", "bonus", "virus", "focus"}
OPEN_QUOTES = {"“": "”", "„": "“”", "«": "»", "‘": "’"}
CLOSE_QUOTES = {"”", "»"}
STOPS = (".", "!", "?")


def _repeated_modal(sent) -> list[tuple[int, int]]:
    """Two modals/auxiliaries of the same form in one clause, only adverbs or particles between."""
    hits = []
    toks = list(sent)
    for n, t in enumerate(toks):
        if t.tag_ != "MD" and t.lower_ not in ("will", "would", "shall", "should", "can", "could", "must", "may", "might"):
            continue
        for u in toks[n + 1:n + 4]:
            if u.lower_ == t.lower_:
                hits.append((t.idx, u.idx + len(u.text)))
                break
            if u.pos_ not in ("ADV", "PART") or u.dep_ in ("cc", "mark"):
                break
    return hits


def _doubled_word(sent) -> list[tuple[int, int]]:
    hits = []
    toks = list(sent)
    for a, b in zip(toks, toks[1:]):
        if a.lower_ == b.lower_ and a.is_alpha and a.pos_ in FUNCTION_POS and a.lower_ not in DOUBLE_OK \
                and a.whitespace_ and (b.whitespace_ or b.i + 1 >= len(b.doc) or b.nbor().text != "-"):
            hits.append((a.idx, b.idx + len(b.text)))
    return hits


def _dangling_article(sent) -> list[tuple[int, int]]:
    hits = []
    toks = list(sent)
    for n, t in enumerate(toks):
        if t.lower_ not in ARTICLES or t.pos_ not in ("DET", "PRON"):
            continue
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        if t.lower_ == "a" and nxt is not None and nxt.text in (")", "."):  # "(a)" list labels, "Plan a."
            continue
        if nxt is None or (nxt.is_punct and nxt.text not in ("-", "–", "'", "\"", "“", "‘", "(", "[")):
            hits.append((t.idx, t.idx + len(t.text)))
    return hits


def _agreement(sent) -> list[tuple[int, int]]:
    hits = []
    for t in sent:
        if t.dep_ != "nsubj" or any(c.dep_ == "conj" for c in t.children):
            continue
        verb = t.head
        if verb.i <= t.i or verb.i - t.i > 4:  # subject right before its verb: the parse is clear
            continue
        finite = verb if verb.tag_ in ("VBZ", "VBP") or verb.lower_ == "was" else next(
            (c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i > t.i
             and (c.tag_ in ("VBZ", "VBP") or c.lower_ == "was")), None)
        if finite is None or any(c.dep_ == "expl" for c in verb.children):
            continue
        between = t.doc[t.i + 1:finite.i]
        if any(u.pos_ != "ADV" for u in between) or "\n" in t.doc.text[t.idx:finite.idx]:
            continue
        word = t.lower_
        plural = (t.tag_ == "NNS" and word not in SINGULAR_NNS and not word.endswith("ics")
                  and t.is_lower
                  and "Plur" in t.morph.get("Number") and not any(c.dep_ == "nummod" for c in t.children)) \
            or word in PLURAL_PRONOUNS
        if word in PLURAL_PRONOUNS | SINGULAR_PRONOUNS and len(between):
            continue  # a pronoun right before its verb only ("We wants")
        if plural and (finite.tag_ == "VBZ" or finite.lower_ == "was" and word not in ("i",)):
            hits.append((t.idx, finite.idx + len(finite.text)))
        elif word in SINGULAR_PRONOUNS and finite.lower_ in ("are", "have", "do"):
            hits.append((t.idx, finite.idx + len(finite.text)))
    return hits


def _paren_fragment(sent) -> list[tuple[int, int]]:
    text = sent.doc.text
    hits = []
    for m in re.finditer(r"[(\[]([^()\[\]]{0,20})[)\]]", text[sent.start_char:sent.end_char]):
        inner = [t for t in sent if sent.start_char + m.start(1) <= t.idx < sent.start_char + m.end(1)]
        if inner and all(t.is_stop and t.pos_ in FUNCTION_POS | {"ADV"} for t in inner if not t.is_space):
            hits.append((sent.start_char + m.start(), sent.start_char + m.end()))
    return hits


def _no_finite_verb(sent) -> list[tuple[int, int]]:
    words = [t for t in sent if t.is_alpha]
    end = sent.text.rstrip().rstrip("”\"’')")
    if len(words) < 8 or not end.endswith(STOPS):
        return []
    for t in sent:
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") or "Fin" in t.morph.get("VerbForm"):
            return []
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in t.children):
            return []  # "A spokesman called on ...": a past tense tagged as a participle
    return [(sent.start_char, sent.end_char)]


def _space_before_punct(sent) -> list[tuple[int, int]]:
    text = sent.doc.text
    return [(sent.start_char + m.start(), sent.start_char + m.end())
            for m in re.finditer(r"(?<=\w) +[,.;:!?](?=\s|$)", text[sent.start_char:sent.end_char])
            if not re.match(r" +\.\.", text[sent.start_char + m.start():])]


# Quotation marks: matched per paragraph, so quotes over several sentences pair up.

def _paragraph(text: str, char: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end < 0 else end


def unmatched_quotes(text: str, start: int = 0, end: Optional[int] = None) -> list[int]:
    """Offsets of quotation marks without a partner in the paragraphs of ``text[start:end]``."""
    end = len(text) if end is None else end
    found: list[int] = []
    lo = start
    while lo < end:
        p_lo, p_hi = _paragraph(text, lo)
        found += _unmatched_in(text, p_lo, p_hi)
        lo = p_hi + 1
    return [i for i in found if start <= i < end]


def _continue(text: str, lo: int, i: int, stack: list, mark: str) -> None:
    """A quote running on over a paragraph break that was lost: a new opening mark after a full
    stop while the same kind of quote is open ("He said: "It is ... league. "It has been ...")."""
    if stack and stack[-1][1] == (OPEN_QUOTES.get(mark) or '"') and text[lo:i].rstrip().endswith(STOPS):
        stack.pop()


def _unmatched_in(text: str, lo: int, hi: int) -> list[int]:
    stack: list[tuple[int, str]] = []  # (offset, the closers that fit)
    bad: list[int] = []
    for i in range(lo, hi):
        ch = text[i]
        if ch == '"':
            before = text[i - 1] if i > lo else " "
            after = text[i + 1] if i + 1 < hi else " "
            closes = stack and '"' in stack[-1][1] and (not before.isspace() or after.isspace() or after in ",.;:!?)")
            if closes:
                stack.pop()
            else:
                _continue(text, lo, i, stack, '"')
                stack.append((i, '"'))
        elif ch in OPEN_QUOTES and not (ch == "‘" and i > lo and text[i - 1].isalnum()):
            _continue(text, lo, i, stack, ch)
            stack.append((i, OPEN_QUOTES[ch]))
        elif ch in CLOSE_QUOTES:
            if stack and ch in stack[-1][1]:
                stack.pop()
            elif any(ch in c for _, c in stack):
                while stack and ch not in stack[-1][1]:
                    bad.append(stack.pop()[0])
                stack.pop()
            else:
                bad.append(i)
    if stack:
        # A quote running on into the next paragraph: that paragraph opens with a mark again.
        rest = text[hi:].lstrip()
        if rest[:1] in ('"', "“", "„", "«", "‘") and len(stack) == 1:
            stack = []
        bad += [i for i, _ in stack]
    return sorted(bad)


def noise_signals(sent, unmatched: Optional[Iterable[int]] = None) -> list[tuple[str, tuple[int, int]]]:
    """The signals found in one sentence (a spaCy Span): ``(name, (start, end))``, the span
    showing where, as offsets into the doc's text. ``unmatched``: offsets of unmatched quotation
    marks in the doc, when already computed."""
    if unmatched is None:
        unmatched = unmatched_quotes(sent.doc.text, sent.start_char, sent.end_char)
    found = []
    for name, finder in (("repeated_modal", _repeated_modal), ("doubled_word", _doubled_word),
                         ("dangling_article", _dangling_article), ("agreement", _agreement),
                         ("paren_fragment", _paren_fragment), ("no_finite_verb", _no_finite_verb),
                         ("space_before_punct", _space_before_punct)):
        found += [(name, span) for span in finder(sent)]
    found += [("unmatched_quote", (i, i + 1)) for i in unmatched if sent.start_char <= i < sent.end_char]
    return found


def _score(signals) -> float:
    keep = 1.0
    for name in {name for name, _ in signals}:
        keep *= 1 - WEIGHTS[name]
    return round(1 - keep, 3)


def sentence_noise(sent) -> float:
    """The translation-noise score of one sentence (a spaCy Span), in [0, 1]; clean text is 0."""
    return _score(noise_signals(sent))


def noise_by_sentence(doc) -> list[tuple[int, int, float]]:
    """``(start, end, score)`` for every sentence of the doc, in order (character offsets)."""
    unmatched = unmatched_quotes(doc.text)
    return [(s.start_char, s.end_char, _score(noise_signals(s, unmatched))) for s in doc.sents]


def noise_of(noise: list[tuple[int, int, float]], *spans) -> float:
    """The highest noise of the sentences overlapping any of the spans (None spans are skipped)."""
    worst = 0.0
    for span in spans:
        if not span:
            continue
        lo, hi = span
        for s, e, score in noise:
            if s < max(hi, lo + 1) and lo < e:
                worst = max(worst, score)
    return worst


def is_low(confidence: Optional[float]) -> bool:
    return confidence is not None and confidence < LOW_CONFIDENCE


def apply_noise(doc, article) -> None:
    """Set ``confidence`` on the article's quotes and events (1 - noise of their sentences) and
    scale each position's confidence by (1 - noise) of its principal evidence's sentence."""
    noise = noise_by_sentence(doc)
    for q in article.quotes:
        q.confidence = round(1 - noise_of(noise, *q.content_spans(), q.sentence_span), 2)
    for e in article.events:
        e.confidence = round(1 - noise_of(noise, e.span), 2)
    for p in article.positions:
        p.confidence = round(p.confidence * (1 - noise_of(noise, p.span)), 2)


STEP = Step("noise", reads=("doc", "quotes", "events", "positions"),
            adds=("quotes.confidence", "events.confidence", "positions.confidence"), run=apply_noise)
