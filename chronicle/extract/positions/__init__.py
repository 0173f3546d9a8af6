"""Positions: what each party wants, on which issue, and on what terms — grounded in the text.

A position is a holder (actors), an issue from the taxonomy (``chronicle/data/issues.tsv``), a
stance (support, oppose, conditional, demand) and the conditions attached to it, each a span of
``Article.text``. Rules over the record (quotes, events) and the spaCy parse; nothing is guessed
beyond the words:

1. Issues. A trigger word or phrase of the taxonomy (lemma or text, optionally restricted to a part
   of speech) names the issue. Events whose words name none fall back to the taxonomy's CAMEO
   codes; a rejection of "the offer" takes the issue of the offer it rejects.
2. Demands. "calls for", "demand(s)", "urge(s)", "insist(s) on", "emphasizes the necessity ..."
   open a list of demands that runs to the end of the clause; it is split at top-level commas
   (never inside quotation marks or brackets), one demand per item that names an issue. When the
   subject is a document ("The draft resolution", "The document") the holder is the document:
   ``holder`` is empty, ``source`` is "document" and ``holder_span`` names it (a bare "The
   document" resolves to an earlier, fuller document mention).
3. Quotes. Each issue trigger in a quote's content is a candidate of the quote's speaker, unless
   the words are someone else's inside the quote ("the classic says that ...", "the Kremlin
   declares that ..."): a speech verb or a subject naming another actor or a document, between
   the trigger and the quote's boundary, hands the words to that other party and the candidate is
   dropped. The stance comes from cue words in the trigger's clause (oppose: "meaningless", "out of
   the question", "no point"; demand: "must", "need to"; support: "willing to", "ready to"),
   negation turning support into opposition; else from the quote's cue verb ("invited", "offered"
   -> support; "called for", "urged" -> demand; "rejected" -> oppose).
4. Events. AGREE/SUPPORT -> support, REJECT -> oppose (also AGREE refused or negated), REQUEST ->
   demand; the holder is the event's source. Hypothetical events are not positions.
5. Conditions. Condition phrases in the clause ("without (any) (pre)conditions", "on the basis
   of", "based on", "taking into account", "provided that", "if", "unless", "as long as", "in
   exchange for", ...) each give a span running to the end of their phrase (the next comma,
   bracket, stop or condition phrase). Support with conditions is ``conditional``; a statement of
   terms with no other cue ("But only to talks without preconditions ...") is ``conditional`` too.
6. Holders. A person or group holder brings its country's actor along when the article has one
   (Vershinin -> Russia), so positions compare across articles by country as well.
7. Merging. Within one article, candidates with the same holder, issue and stance are one
   position with several evidence spans; support and conditional on the same issue by the same
   holder are one conditional position (the terms qualify the support).

Confidence is a documented heuristic, not a probability: 0.6 for a quote or a document, 0.5 for
an event alone; +0.1 when a direct quote is among the evidence; +0.1 when an explicit stance cue
was found (not only the cue verb or event type); +0.05 per further piece of evidence; at most 0.95.

DOCS: docs/positions.md
"""
from __future__ import annotations

from chronicle.extract.positions.candidates import _Cand, _demands, _from_events, _from_quotes
from chronicle.extract.positions.clauses import _Actors
from chronicle.extract.positions.issues import _triggers, load_issues
from chronicle.extract.positions.merge import _merge
from chronicle.extract.step import Step
from chronicle.records import Position, Span


def find_positions(doc, article) -> list[Position]:
    """Positions in one article whose actors, quotes, times and events are filled.

    doc: the spaCy parse of ``article.text``.
    RETURNS (list[Position]): merged positions, in text order, ids "p1", "p2", ...
    """
    index = _triggers(load_issues())
    actors = _Actors(article.actors)
    cands: list[_Cand] = []
    claimed: list[Span] = []
    cands += _demands(doc, article, actors, index, claimed)
    cands += _from_quotes(doc, article, actors, index, claimed)
    cands += _from_events(doc, article, actors, index, claimed, cands)
    return _merge(article.text, cands)




def _find_positions_step(doc, article) -> None:
    article.positions = find_positions(doc, article)


STEP = Step("positions", reads=("doc", "text", "actors", "quotes", "quotes.date", "events", "times", "published"),
            adds=("positions",), run=_find_positions_step)
