"""Quotes: who said what, with content, speaker, cue and medium, from spaCy's dependency parse.

0. A paragraph opening with a name and a colon ("WALLACE: ...", "Pat Caddell: Voters ...") is
   that speaker's words: a transcript turn or a headline.
1. Quotation marks are paired in the raw text (any style, '' for ", a stray unmatched mark from
   translation closes at the end of its paragraph, a quote may run over several paragraphs;
   curly marks inside straight ones nest, and mixed or mis-typed marks pair as meant).
2. Reporting verbs ("said", "called ... proof that", "invited ... to"), verbs of stance and
   finding ("praised X", "the poll shows that"), and "according to X" give indirect quotes: the
   cue, its subject as speaker (for "..., adding that" the subject it hangs on; for a passive
   the "by" agent, or none), its complement as content. The content stops before a report of
   its own at its end ("said A, arguing that B"), runs on to the closing mark of a quotation it
   opens, and is a direct quote when it is all one quotation. A quotation inside makes it mixed.
   Nouns of saying with a that-clause ("Trump's claim that ...") are cues as well.
3. Every other quotation of a clause or more is a direct quote; its cue and speaker are the
   reporting verb just outside the marks in the same paragraph ("..., the Russian diplomat
   said."; "“...” Graham asked." or "Smith said Tuesday. “...”" parsed as sentences of their
   own; "“...,” he continued."), a colon sentence before it (also ending the previous paragraph),
   a signature ("“...” ― Ann Lee"), or, for a quote standing alone, the speaker of the quote
   right before it. A subject inside the marks is a parse error: the words between the closing
   mark and the cue are the speaker then. A quotation split by its reporting clause ("“A,” he
   said. “B.”", also "“A,” said X, a lawyer who …. “B.”") is one quote in two pieces
   (``content_span`` A, ``more_content_spans`` [B]), unless the clause holds a second report
   ("he said, adding"): then the pieces are two quotes. A quotation with no cue that opens a
   sentence soon after a quote in its paragraph, or opens the next paragraph after a direct
   quote, is a further piece of that quote. Title-case quotations (“The Rachel Maddow Show”)
   are titles, not quotes. A quotation with no reporting verb is the subject's of the sentence
   it sits in ("Japan branded North Korea an “outlaw nation”"), a label's ("– Jones: “…”"), the
   named subject's of the sentence before, or the previous quote's speaker's; with none of
   these it is no quote. Short utterances right at their verb (“Denver,” he answered) count.
4. Speakers are resolved to actors: a named mention inside the speaker words, else the actor a
   pronoun or description refers to ("the Russian diplomat"). ``speaker_span`` keeps the words.
5. The medium ("in a televised interview", "on Twitter") is read from the cue's clause.

The steps live in one module each, imported top to bottom without cycles: ``finder``
(``find_quotes``, steps in order), ``direct`` (3.), ``indirect`` (2.), ``labels`` (0.),
``helpers`` (shared: vocabulary, subjects, spans, the ``Quote`` record with 4. and 5.) and
``marks`` (1.).

DOCS: docs/quotes.md
"""
from chronicle.extract.quotes.finder import find_quotes
from chronicle.extract.step import Step

__all__ = ["find_quotes", "STEP"]


def _find_quotes_step(doc, article) -> None:
    article.quotes = find_quotes(doc, article.actors)


STEP = Step("quotes", reads=("doc", "actors"), adds=("quotes",), run=_find_quotes_step)
