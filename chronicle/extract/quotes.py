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

DOCS: docs/quotes.md
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.knowledge import gazetteer
from chronicle.extract.actors import resolve_reference
from chronicle.records import Actor, Quote

# Reporting verbs by lemma. Cognition verbs ("believe") count, as in PolNeAR and PARC.
CUE_VERBS = {
    "say", "tell", "add", "state", "claim", "declare", "announce", "write", "insist", "warn",
    "argue", "explain", "note", "suggest", "acknowledge", "admit", "deny", "confirm", "report",
    "ask", "urge", "invite", "propose", "offer", "promise", "vow", "pledge", "predict",
    "believe", "think", "stress", "emphasize", "emphasise", "reiterate", "repeat", "respond",
    "reply", "comment", "accuse", "describe", "criticize", "criticise", "complain", "recall",
    "tweet", "post", "testify", "concede", "contend", "maintain", "assert", "allege", "call",
    "demand", "threaten", "reject", "agree", "hope", "fear", "expect", "indicate", "signal",
    "point", "observe", "remark", "recommend", "question", "suspect", "conclude", "estimate",
    "assure", "reveal", "disclose", "inform", "mention", "speculate", "caution", "counter",
    # PolNeAR also attributes findings, stances and intentions.
    "show", "find", "cite", "discuss", "endorse", "praise", "decline", "refuse",
    "defend", "blast", "tout", "highlight", "applaud", "imply", "joke", "charge",
    "express", "mock", "attack", "support", "plan", "want", "seem", "appear", "name", "list",
    "condemn", "welcome", "dismiss", "slam", "hail", "lament",
    "denounce", "decry", "bemoan", "portray", "thank", "congratulate", "encourage", "proclaim",
    "learn", "realize", "notice", "worry", "anticipate", "assume", "figure",
}
# Nouns that report a that-clause: "Trump's claim that ...", "the warning from X that ...".
CUE_NOUNS = {
    "claim", "statement", "assertion", "argument", "view", "belief", "warning", "promise",
    "suggestion", "allegation", "charge", "insistence", "remark", "comment", "contention",
    "announcement", "report", "message", "pledge", "vow", "prediction", "admission", "accusation",
    "acknowledgment", "acknowledgement", "declaration", "assurance", "conclusion", "finding",
}
# Verbs that only report next to quotation marks ("“...,” he continued."; "the letter reads:").
QUOTE_ONLY_VERBS = {
    "continue", "read", "echo", "answer", "shout", "yell", "chant", "scream", "exclaim", "retort",
    "quip", "bark", "boast", "confess", "proclaim", "interject", "interrupt", "muse", "ponder",
    "wonder", "recount", "sing", "cry", "whisper", "plead", "snap", "thunder", "quote",
}
# Verbs whose object and all that follows is what was proposed: "invited Ukraine to talks, but ...".
PROPOSAL_CUES = {"invite", "urge", "ask", "call", "offer", "propose", "demand", "promise", "threaten", "warn"}
# Verbs whose object (not a clause) is what was said: "attacked Machado", "praised X for Y".
OBJECT_CUES = {"invite", "urge", "ask", "call", "offer", "propose", "demand", "accuse", "reject",
               "deny", "promise", "threaten", "warn", "describe", "criticize", "criticise",
               "cite", "discuss", "endorse", "praise", "defend", "blast", "tout",
               "highlight", "applaud", "express", "mock", "attack", "support", "condemn", "welcome",
               "dismiss", "slam", "hail", "lament", "list", "name", "mention",
               "denounce", "decry", "bemoan", "portray", "thank", "congratulate"}
MEDIUM_NOUNS = {
    "interview", "statement", "conference", "briefing", "speech", "letter", "post", "tweet",
    "broadcast", "television", "radio", "address", "op-ed", "column", "blog", "email",
    "podcast", "video", "message", "communique", "communiqué", "memo", "press release",
}
OPENERS = {"“": "”", "„": "“", "«": "»", "‘": "’", "‚": "‘", "»": "«"}
CLOSERS = {"”", "»", "’", "“", "«"}
QUOTE_MARKS = set(OPENERS) | CLOSERS | {'"', "'"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
NOT_SPEAKERS = {"what", "whatever"}
CONTINUATION_GAP = 250  # most characters between a quote and a cue-less quotation carrying it on
MIN_DIRECT_WORDS = 4  # shorter quotations are scare quotes or parts of a mixed quote


@dataclass
class _Quotation:
    start: int  # index of the opening mark
    end: int    # index after the closing mark (or the end of the paragraph)
    cue: int | None = None  # token index of the reporting verb inside a joined quotation
    # The quoted pieces of a quotation split by its reporting clause ("“A,” she said. “B.”"):
    # (start, end) of each, marks included; start..end above runs from the first to the last.
    pieces: list[tuple[int, int]] | None = None


# 1. Quotation marks -----------------------------------------------------------------------------

def find_quotations(text: str) -> list[_Quotation]:
    """Pair quotation marks in ``text``; returns spans that include the marks."""
    original = text
    # Two apostrophes stand for a double quotation mark in some archives (''Yes,'' he said.):
    # read them as one mark, with a zero-width space holding the second place.
    text = text.replace("''", '"\u200b')
    quotations: list[_Quotation] = []
    open_at, closer, reopen_at, nested, curly_inside = None, None, -1, 0, 0
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and text.startswith("\n\n", i):
            # Paragraph end with the quote still open: a new paragraph opening with a mark
            # continues it (news style); otherwise the opening mark was a stray one.
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and (text[j] in OPENERS or text[j] == '"') and not (
                    text[open_at] == '"' and text[j] == "“"):
                reopen_at = j
            else:
                quotations.append(_Quotation(open_at, _rstrip_at(text, i)))
                open_at, closer = None, None
            continue
        if ch not in QUOTE_MARKS or i == reopen_at:
            continue
        if ch in ("'", "‘", "’") and not _single_quote_mark(text, i, opening=open_at is None):
            continue
        if open_at is None:
            if (ch in OPENERS and ch not in ("’", "»")) or (ch in ('"', "'") and _can_open(text, i)):
                open_at, closer, nested, curly_inside = i, OPENERS.get(ch, ch), 0, 0
            elif ch == "”" and _can_open(text, i) and text[i + 1:i + 2].isalnum():
                open_at, closer, nested, curly_inside = i, "”", 0, 0  # a closing mark typed for an opening one: ”Yes,”
        elif closer == '"' and ch == "“":
            nested += 1  # “…” inside a quotation opened with a straight mark (an excerpt)
        elif nested and ch == ("”" if closer == '"' else '"'):
            nested -= 1
        elif (closer == "”" and ch == "“" and _can_open(text, i) and not _can_close(text, i)
              and "\n" not in text[open_at:i]):
            curly_inside += 1  # “I’d rather live in what he calls “hell” than …”: no single marks
        elif curly_inside and ch == "”":
            curly_inside -= 1
        elif closer == "”" and ch == '"':
            # Straight marks inside curly ones: a nested quotation ("..."), or, mixed typing,
            # the close of the curly one (“no evidence" yet).
            if _can_open(text, i) and not _can_close(text, i):
                nested += 1
            elif _can_close(text, i):
                quotations.append(_Quotation(open_at, i + 1))
                open_at, closer = None, None
        elif ch == closer or (ch in ("”", "»") and closer != "'") or (
                ch == "“" and closer == "”" and _can_close(text, i)):  # “Mostly False.“
            quotations.append(_Quotation(open_at, i + 1))
            open_at, closer = None, None
    if open_at is not None:
        quotations.append(_Quotation(open_at, _rstrip_at(text, len(text))))
    for q in quotations:
        if original[q.end - 1:q.end + 1] == "''":
            q.end += 1
    return [q for q in quotations if q.end - q.start > 2]


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


# Words that open with an apostrophe for left-out letters: "rock 'n' roll", "'em", "'til".
ELISIONS = re.compile(r"(?:\d\d(?:s|th)?|em|til|cause|bout|n|tis|twas)\b", re.IGNORECASE)


def _single_quote_mark(text: str, i: int, opening: bool) -> bool:
    """Single marks double as apostrophes ("Ukraine's", "Russians'", "the '80s"): only word-edge
    ones count, and not those eliding letters or a century."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if opening:
        return (before.isspace() or before in "([") and after.isalnum() and not ELISIONS.match(text, i + 1)
    return not after.isalnum() and before not in "sS" and not before.isspace()


def _rstrip_at(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# 2-5. Quotes -------------------------------------------------------------------------------------

def find_quotes(doc, actors: list[Actor]) -> list[Quote]:
    """Find the quotes of a parsed article and resolve their speakers to ``actors``.

    doc (spacy.tokens.Doc): the parsed article text.
    actors (list[Actor]): the article's actors; resolved pronoun and description mentions
        are added to their ``mentions``.
    RETURNS (list[Quote]): quotes in text order, ids "q1", "q2", ...
    """
    quotations = find_quotations(_text(doc))
    # "PENCE: Well, look, ..." (transcripts) and "Sanders: Clinton must ..." (headlines) first:
    # the whole line is the named speaker's, whatever marks or reporting verbs it holds.
    found = _labelled_lines(doc)
    direct_long = [q for q in _direct_units(doc, quotations)
                   if not any(_inside((q.start, q.end), f["content"]) for f in found)]
    cues = [c for c in _cue_tokens(doc) if not any(q.start < c.idx < q.end for q in direct_long)
            and not any(f["content"][0] <= c.idx < f["content"][1] for f in found)]
    # "<statement>, writes the BBC." first: the parse often hangs that cue inside the statement.
    found += list(filter(None, (_trailing_report(doc, c) for c in cues)))
    for cue in cues:
        quote = _indirect_quote(doc, cue)
        if quote is None:
            continue
        quote["content"] = _before_circumstances(doc, _into_quotation(_text(doc), quote["content"], quotations), quotations)
        quote.update(_as_quotation(_text(doc), quote["content"], quotations))
        if quote["kind"] == "direct" and (source := _according_to_after(doc, _Quotation(*quote["content"]), cue)):
            quote["reported_by"] = source
        if any(_runs_into(quote["content"], (q.start, q.end)) for q in direct_long):
            continue  # a cue whose complement runs into quoted words is the direct quote's cue
        if (cut := _before_reported_quotation(doc, quote, cue, direct_long)) is not None:
            if len(_text(doc)[cut[0]:cut[1]].split()) < 3:
                continue
            quote["content"] = cut
        found.append(quote)
    for q in direct_long:
        if any(_inside((q.start, q.end), f["content"]) for f in found):
            continue
        found.append(_direct_quote(doc, q, found))
    found = _drop_overlaps(_join_same_report(_text(doc), found))
    for f in found:
        # A quoted fragment finishing the clause its verb reports starts with that clause, unless
        # the clause is another quote's.
        if f.get("clause_start") is not None and (f["clause_start"] < f["content"][0] or f.get("clause_end")) and not any(
                g is not f and (g["content"][0] < f["content"][0] and f["clause_start"] < g["content"][1]
                                 or f["content"][1] <= g["content"][0] < (f.get("clause_end") or 0)) for g in found):
            f["content"], f["fragment_clause"] = (f["clause_start"], f.get("clause_end") or f["content"][1]), True
    # A cue-less quotation that did not join the quote before it as a further piece has no
    # speaker the text supports (the voice before it was right for 11 of 103 on PolNeAR).
    found = [f for f in _join_continuations(_text(doc), found) if not f.get("continued")]
    for f in found:
        if f["kind"] == "indirect" and not f.get("fragment_clause"):
            f["content"] = _before_trailing_description(doc, *_past_closing_fragment(doc, f, quotations, found))
    for f in found:
        inner = [q for q in quotations if _inside((q.start, q.end), f["content"])]
        if (f["kind"] == "indirect" and inner) or f.get("fragment_clause"):
            f["kind"] = "mixed"
    found = [f for f in found if not (f["kind"] == "direct" and f["cue"] is None and f["speaker"] is None)]
    found.sort(key=lambda f: f["content"][0])
    return [_to_quote(doc, i, f, actors) for i, f in enumerate(found, start=1)]


def _is_direct(doc, q: _Quotation) -> bool:
    words = _text(doc)[q.start:q.end].split()
    return len(words) >= MIN_DIRECT_WORDS and not _is_title(words)


def _short_utterance(doc, q: _Quotation) -> bool:
    """“You lie!” he yelled; she added, “Really,”: a quotation under four words that opens with a
    capital, ends with its own punctuation and has a reporting verb right at its marks is
    something said, not a scare quote or a title."""
    text = _text(doc)
    inner = text[q.start + 1:q.end - 1].rstrip("'")
    if not inner or not inner[0].isupper() or inner[-1] not in ".,!?" or not inner.split():
        return False
    cue = _cue_outside(doc, q)
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if cue is None or span is None:
        return False
    return span.start - 3 <= cue.i < span.start or span.end <= cue.i <= span.end + 3


# Prepositions a title leaves in lower case: “The Nightly Show with Larry Wilmore”.
TITLE_SMALL_WORDS = {"with", "from", "into", "onto", "over", "upon", "about", "after", "under", "without"}


def _is_title(words: list[str]) -> bool:
    """“The Rachel Maddow Show”, “Aaron Klein Investigative Radio,”: every longer word
    capitalised, one sentence at most — a title or slogan, not a statement."""
    letters = [w.strip("\"“”„«»‘’'.,;:!?()[]") for w in words]
    longer = [w for w in letters if len(w) > 3 and w not in TITLE_SMALL_WORDS]
    if not longer or not all(w[0].isupper() for w in longer):
        return False
    inner = " ".join(words)[:-2]
    return not any(mark in inner for mark in (". ", "? ", "! "))


def _direct_units(doc, quotations: list[_Quotation]) -> list[_Quotation]:
    """Direct quotations, a quotation interrupted by its reporting clause joined into one.

    "“The plan is sound,” she said, “and we will go ahead.”" is one quote (as in PolNeAR, where
    ~30% of direct quotes come in such pieces): a unit from the first opening mark to the last
    closing mark whose ``pieces`` are the two quotations, without the reporting clause.
    """
    units: list[_Quotation] = []
    for i, q in enumerate(quotations):
        # Any piece may start a pair ("“Hopefully,” he said, “this museum can help.”").
        if not _is_direct(doc, q) and not _opens_sentence(_text(doc), q.start):
            continue
        cue = _cue_outside(doc, q)
        unit = q
        if cue is not None and cue.idx >= q.end and i + 1 < len(quotations):
            second = _next_piece(doc, quotations, i, +1)
            if _split_pair(doc, q, second, cue):
                unit = _pieced(q, second, cue)
        elif cue is not None and cue.idx < q.start and i > 0:
            first = _next_piece(doc, quotations, i, -1)
            if _split_pair(doc, first, q, cue):
                unit = _pieced(first, q, cue)
            elif _split_pair(doc, first, q, cue, loose=True):
                # The pieces stay apart (a clause with two reports: "“A,” he said, adding,
                # “B.”"); the second still belongs to that clause.
                unit = _Quotation(q.start, q.end, cue.i)
        if unit is q and not _is_direct(doc, q) and not _short_utterance(doc, q):
            continue
        if units and _inside((unit.start, unit.end), (units[-1].start, units[-1].end)):
            continue
        if units and _inside((units[-1].start, units[-1].end), (unit.start, unit.end)):
            units.pop()
        units.append(unit)
    return units


def _next_piece(doc, quotations: list[_Quotation], i: int, step: int) -> _Quotation:
    """The quotation next to ``quotations[i]`` (after it for step +1, before for -1), past short
    titles inside the reporting clause ("…,” Flynn said on Fox News’s “Fox and Friends.” “…”)."""
    text = _text(doc)
    j = i + step
    while (0 <= j + step < len(quotations) and not _is_direct(doc, quotations[j])
           and not _opens_sentence(text, quotations[j].start)):
        j += step
    return quotations[j]


def _pieced(first: _Quotation, second: _Quotation, cue) -> _Quotation:
    """One quote of two pieces around their reporting clause (the clause is not content)."""
    return _Quotation(first.start, second.end, cue.i, [(first.start, first.end), (second.start, second.end)])


def _split_pair(doc, first: _Quotation, second: _Quotation, cue, loose: bool = False) -> bool:
    """``first`` <reporting clause with ``cue``> ``second``, all in one paragraph.

    The pieces are joined only when the reporting clause holds no other report ("“A,” he said,
    adding, “B.”" is two quotes). A long clause is no obstacle ("“A,” said X, a lawyer who has
    ... for years. “B.”"): the clause is not part of the pieces. With ``loose``, the other
    report is not checked.
    """
    text = _text(doc)
    if not (first.end <= cue.idx < second.start) or "\n" in text[first.start:second.start]:
        return False
    if second.start - first.end > 250 or not _opens_sentence(text, first.start):
        return False
    inside_end = text[first.start:first.end].rstrip("\"'”’»“").rstrip()[-1:]
    if inside_end not in ".,!?;:—–-" and text[first.end:first.end + 2].strip()[:1] not in (",", ""):
        return False  # “You squeezed employees” to drive up …, she said: a fragment in a sentence
    if inside_end in ".!?" and _opens_sentence(text, cue.sent.start_char) and cue.sent.start_char >= first.end \
            and text[first.end:second.start].rstrip()[-1:] in (",", ":"):
        return False  # “A.” To which she said, “B.”: the clause opening a sentence introduces B only
    if not loose:
        between = doc.char_span(first.end, second.start, alignment_mode="contract")
        if between is not None and any(_is_quote_cue(t) and t.i != cue.i for t in between):
            return False
    # The second piece has no reporting verb of its own ("..., he added" would make it another quote).
    own = _cue_outside(doc, second)
    if own is not None and own.i != cue.i:
        return False
    if _opens_sentence(text, second.start):  # "“...,” he said. “...”"
        return True
    # "“...,” he said, “...”": the reporting clause ends with a comma or colon.
    return second.start < cue.sent.end_char and text[first.end:second.start].rstrip()[-1:] in (",", ":", ";", "—", "–")


def _opens_sentence(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\xa0":
        j -= 1
    return j < 0 or text[j] in ".!?:\n" or text[j] in QUOTE_MARKS


def _runs_into(content, quotation) -> bool:
    """Content overlaps a quotation without holding all of it (as a mixed quote does)."""
    return content[0] < quotation[1] and quotation[0] < content[1] and not _inside(quotation, content)


def _into_quotation(text: str, content, quotations: list[_Quotation]):
    """Reported speech ending in a quoted fragment ("said it was “unhinged, even for him.”") ends
    at the closing mark; the parse often leaves the mark and the words before it outside."""
    start, end = content
    for q in quotations:
        if start <= q.start < end < q.end and "\n" not in text[end:q.end]:
            end = q.end
        elif end < q.start and re.fullmatch(r"\s*(?:-|--|—|–)\s*", text[end:q.start]) and _ends_sentence(text, q.end):
            end = q.end  # "asked the crowd to welcome the governor - “my new best friend.”"
    return start, end


def _ends_sentence(text: str, end: int) -> bool:
    """Nothing but the end of the paragraph follows ``end``, or a new sentence does."""
    rest = text[end:end + 3]
    return not rest.strip() or rest[0] == "\n" or (rest[0] == " " and rest[1:2].isupper()) or text[end - 2:end - 1] in ".!?"


def _before_circumstances(doc, content, quotations: list[_Quotation]):
    """"called Clinton a “disgrace” Wednesday on a radio show": a date right after the closing
    mark of a quoted fragment says when it was said, not what: the content ends at the mark.
    (Prepositions such as "during" were tried too: on PolNeAR they as often continue the content.)"""
    start, end = content
    text = _text(doc)
    for q in quotations:
        if start < q.start and q.end < end and text[q.end:end].lstrip().startswith(("—", "–", "--", "- ")):
            # "dismissed Estonia as in the “suburbs of St. Petersburg” — a metaphor for …": a
            # dash after a quoted fragment opens the writer's comment on it
            return start, q.end
        if start < q.start and q.end < end and not text[q.end:end].lstrip().startswith((",", ";")):
            after = doc.char_span(q.end, end, alignment_mode="contract")
            if after is None or not len(after):
                continue
            first = after[0]
            if first.ent_type_ in ("DATE", "TIME"):
                return start, q.end
    return start, end


def _before_reported_quotation(doc, quote: dict, cue, direct: list[_Quotation]):
    """"… the impact it said Clinton would have on women: “Parallel to …,” the union wrote.": a
    quotation after a colon inside a complement, whose own reporting clause follows it at once
    (outside the complement), is that clause's quote; the complement ends before it. Returns
    the shorter content, or None when no such quotation is inside."""
    start, end = quote["content"]
    text = _text(doc)
    for q in direct:
        if not (start < q.start and q.end <= end):
            continue
        if not _after_colon(text, q.start):
            continue  # a fragment finishing the complement's clause, not a statement of its own
        own = _cue_outside(doc, q)
        if own is None or own.idx < q.end or (own.i != cue.i and start <= own.idx < end):
            continue
        if len(doc.char_span(q.end, own.idx, alignment_mode="expand") or ()) > 4:
            continue  # "“…,” the union wrote": the reporting clause follows at once
        if own.i == cue.i:
            return start, start  # the parse made the clause before the colon part of it too
        cut = q.start
        while cut > start and (text[cut - 1].isspace() or text[cut - 1] in ",:;—–-"):
            cut -= 1
        return start, cut
    return None


def _as_quotation(text: str, content, quotations: list[_Quotation]) -> dict:
    """A complement that is all one quotation ("“It hurts,” she said.") is a direct quote,
    marks included."""
    for q in quotations:
        if _inside(content, (q.start, q.end)):
            outside = text[q.start:content[0]] + text[content[1]:q.end]
            if all(not ch.isalnum() for ch in outside):
                return {"content": (q.start, q.end), "kind": "direct"}
    return {}


def _inside(inner, outer) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _join_same_report(text: str, found: list[dict]) -> list[dict]:
    """"He says there is no one who is “on pace to get the delegates,” ...": where the parse cut
    the reported clause before a quotation that the same verb reports, later in its sentence,
    the clause runs on to the quotation's closing mark (one mixed quote, not two)."""
    direct = [f for f in found if f["kind"] == "direct" and f["cue_token"] is not None]
    joined = []
    for f in found:
        if f["kind"] != "indirect" or f["cue_token"] is None or not f.get("sentence"):
            continue
        for d in direct:
            if (d["cue_token"] == f["cue_token"] and id(d) not in joined
                    and f["content"][1] <= d["content"][0] < f["sentence"][1]
                    and not f["content"][1] <= f["cue"][0] < d["content"][0]
                    and "\n" not in text[f["content"][1]:d["content"][0]]):
                if _after_colon(text, d["content"][0]):
                    # "The statement referenced …: “Parallel to …,” the union wrote.": the verb
                    # signs the statement after the colon; the parse gave it the clause before too.
                    joined.append(id(f))
                    break
                f["content"] = (f["content"][0], d["content"][1])
                joined.append(id(d))
                break
    return [f for f in found if id(f) not in joined]


def _after_colon(text: str, start: int) -> bool:
    """A quotation opening with a capital right after a colon: a statement of its own."""
    before = _rstrip_at(text, start)
    return text[before - 1:before] == ":" and text[start + 1:start + 2].isupper()


def _join_continuations(text: str, found: list[dict]) -> list[dict]:
    """"Both parties “saw Burma as …,” said X, who served as … . “In that sense, …”": a quotation
    with no cue of its own that opens a sentence right after a quote in the same paragraph
    carries on that statement; it becomes a further piece of it (PolNeAR's discontinuous content),
    not a quote of its own."""
    found = sorted(found, key=lambda f: f["content"][0])
    out: list[dict] = []
    for f in found:
        previous = out[-1] if out else None
        if (f.get("continued") and previous is not None and previous.get("cue")
                and previous["content"][1] <= f["content"][0]
                and f["content"][0] - previous["content"][1] <= CONTINUATION_GAP
                and ("\n" not in text[previous["content"][1]:f["content"][0]] or (
                    previous["kind"] == "direct"
                    and len(text[slice(*_pieces(previous)[-1])].split()) >= MIN_DIRECT_WORDS))
                and _opens_sentence(text, f["content"][0])):
            previous["pieces"] = _pieces(previous) + [f["content"]]
            previous["content"] = (previous["content"][0], f["content"][1])
            continue
        out.append(f)
    return out


def _drop_overlaps(found: list[dict]) -> list[dict]:
    """PolNeAR-style univocal output: a span of text belongs to one quote, the first found."""
    kept: list[dict] = []
    for f in found:
        if not any(s < ke and ks < e for s, e in _pieces(f) for k in kept for ks, ke in _pieces(k)):
            kept.append(f)
    return kept


def _pieces(f: dict) -> list[tuple[int, int]]:
    """The spans of what was said: the quoted pieces of a split quotation, else the content."""
    return f.get("pieces") or [f["content"]]


def _cue_tokens(doc):
    for token in doc:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            yield token
        elif token.pos_ == "VERB" and (token.lemma_.lower() in CUE_VERBS or _as_quotation_verb(token)):
            yield token
        elif token.pos_ == "NOUN" and token.lemma_.lower() in CUE_NOUNS:
            yield token


# Indirect quotes ---------------------------------------------------------------------------------

# Marks that open a quotation of words in the parse ("as “unhinged”", "as a "con artist"").
_OPENING_TOKENS = {"“", '"', "„", "«", "''"}


def _as_quotation_verb(token) -> bool:
    """Any verb that casts its object as a quoted phrase: "admires Putin as a “strong leader,”",
    "rated 32% of claims as “false”" (the verb reports a characterisation, whatever it is)."""
    if token.lemma_.lower() in ("be", "know", "see", "use"):
        return False
    for prep in token.children:
        if prep.dep_ == "prep" and prep.i > token.i and (
                prep.lower_ == "as" or (prep.lower_ == "to" and token.lemma_.lower() in ("liken", "compare"))):
            if _quotes_next(prep):
                return any(c.dep_ == "dobj" and c.i < prep.i for c in token.children)
    return False


def _quotes_next(prep) -> bool:
    """A quotation opens right after the preposition, perhaps past an article ("as a “…”")."""
    nxt = prep.doc[prep.i + 1:prep.i + 3]
    return bool(len(nxt)) and (nxt[0].text in _OPENING_TOKENS
                               or (len(nxt) > 1 and nxt[0].pos_ == "DET" and nxt[1].text in _OPENING_TOKENS))


def _indirect_quote(doc, cue) -> dict | None:
    if cue.lower_ == "according":
        return _according_to(doc, cue)
    if cue.pos_ == "NOUN":
        return _noun_cue(doc, cue)
    sent = cue.sent
    subject = _subject(cue)
    complement = _complement(cue)
    if complement is None:
        return None
    if subject is not None and subject.dep_ == "nsubjpass" and not (subject.head.i != cue.i and cue.tag_ == "VBG"):
        # "Trump was criticized by X for Y": the agent speaks; "it is expected that": no one named.
        # (Not "After saying X, she was taken to hospital": the participle shares the subject of
        # the passive verb it hangs on; she said it.)
        subject = _passive_agent(cue)
        if subject is None and not any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
            return None
        speaker = _speaker_tokens(subject) if subject is not None else None
    elif subject is None and (subject := _adjacent_subject(cue)) is not None and subject.i < complement[0]:
        speaker = _speaker_tokens(subject)
    elif subject is None or subject.i in range(complement[0], complement[1]):
        return None
    else:
        speaker = _speaker_tokens(subject)
    start, end = _strip_span(doc, *_before_nested_report(doc, *complement))
    if end <= start:
        return None
    return _indirect_found(doc, start, end, _cue_span(doc, cue), speaker, cue, sent)


def _complement(cue):
    """Token range (start, end) of what was said, or None when the verb reports nothing."""
    lemma = cue.lemma_.lower()
    clause = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp", "oprd")]
    if lemma in ("call", "ask") and not clause and not any(c.lower_ in ("for", "on") for c in cue.children):
        clause = []
    if clause:
        head = clause[0]
        start, end = head.left_edge.i, head.right_edge.i + 1
        if head.i > cue.i and (head.dep_ != "ccomp" or lemma == "call"):
            # "urged Republicans to join", "called the vote a betrayal": the object is part of it.
            # Not "told reporters that ..." or "said this week that ...": those start at the clause.
            objects = [c for c in cue.rights if c.dep_ == "dobj" and c.i < head.i]
            if objects:
                start = min(start, objects[0].left_edge.i)
        return start, end
    if lemma in PROPOSAL_CUES:
        # "invited Ukraine to talks, but without conditions": the whole offer is what was said.
        right = [c for c in cue.rights if c.dep_ in ("dobj", "prep", "xcomp", "dative", "advcl")]
        if right and (lemma != "call" or any(c.lower_ in ("for", "on") for c in right)):
            # ... up to a coordinated clause with a subject of its own ("is promising lower taxes
            # and “jobs,” but he has also intensified …": the writer's, not the offer).
            rest = [c for c in cue.rights if c.dep_ not in ("punct",)]
            clause = next((c for c in rest if c.dep_ == "conj" and c.i > right[0].i
                           and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
            if clause is not None:
                rest = [c for c in rest if c.i < clause.i and c.dep_ != "cc"]
            return right[0].left_edge.i, _right_edge(cue, rest)
    if lemma in OBJECT_CUES or _as_quotation_verb(cue):
        return _object_complement(cue, lemma)
    return None


def _noun_cue(doc, cue) -> dict | None:
    """"Trump's claim that X", "the warning from the agency that X": a speech noun with a
    that-clause; the speaker is its possessor or "by / from" phrase, or none."""
    clause = next((c for c in cue.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > cue.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    speaker = None
    for child in cue.children:
        if child.dep_ == "poss" and child.i < cue.i:
            speaker = _strip_span(doc, child.left_edge.i, child.i + 1)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i < clause.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                speaker = _speaker_tokens(obj)
    if speaker is None and cue.dep_ in ("dobj", "pobj"):
        # "He repeated his claim that ...", "She stood by her claim that ...": the holder
        verb = cue.head if cue.dep_ == "dobj" else cue.head.head
        subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subject is not None and subject.dep_ == "nsubj":
            speaker = _speaker_tokens(subject)
    start, end = _strip_span(doc, *_before_nested_report(doc, clause.left_edge.i, clause.right_edge.i + 1))
    if end - start < 3:
        return None
    return _indirect_found(doc, start, end, _cue_span(doc, cue), speaker, cue, cue.sent)


def _passive_agent(cue):
    by = next((c for c in cue.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _object_complement(cue, lemma: str):
    """"attacked Machado", "praised X for Y", "called for reforms": the object with what it is
    said to be or for, without the circumstances ("during a stop in Flint", "on Monday")."""
    rights = [c for c in cue.rights if not c.is_punct]
    first = next((c for c in rights if c.dep_ in ("dobj", "xcomp", "dative")
                  or (c.dep_ == "prep" and c.lower_ in ("for", "on") and lemma in ("call", "ask"))), None)
    quoted_as = next((c for c in rights if c.dep_ == "prep" and c.lower_ == "as" and _quotes_next(c)), None)
    if quoted_as is not None and first is None and any(
            c.lower_ in RELATIVE_PRONOUNS and (c.dep_ == "dobj" or (c.dep_ == "mark" and cue.dep_ in ("relcl", "acl")))
            for c in cue.lefts):
        # "an act that he described as “…”": the quoted phrase is what was said.
        return quoted_as.i, min(quoted_as.right_edge.i + 1, cue.sent.end)
    if first is None:
        return None
    if lemma == "call" and first.dep_ != "prep" and not any(c.lower_ in ("for", "on") for c in rights):
        return None
    start = first.left_edge.i if first.dep_ != "prep" else first.i + 1
    end = first.right_edge.i + 1
    for c in rights:
        if c.i > first.i and (c.dep_ in ("xcomp", "oprd", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("as", "for", "of"))
                              or (c.dep_ == "prep" and c.lower_ == "to" and lemma in ("liken", "compare") and _quotes_next(c))):
            end = max(end, c.right_edge.i + 1)
    return start, min(end, cue.sent.end)


def _before_nested_report(doc, start: int, end: int) -> tuple[int, int]:
    """Cut the content before a report of its own at its end: "said A, arguing that B", "said A
    and suggested B", "said A, though she noted B", "A, which he said were B" (PolNeAR gives each
    word one role, so B is the nested report's content, not the outer one's)."""
    for token in doc[start + 1:end]:
        if (token.dep_ in ("conj", "advcl", "relcl", "parataxis") and _is_cue(token)
                and token.left_edge.i > start and token.right_edge.i + 1 >= end):
            if token.dep_ == "relcl" and not _own_speaker(token):
                continue  # "a “proud Democrat” who wants to ...": describes a noun, reports nothing
            if token.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
                continue  # "said A and that the footage did not show B": a second thing said
            return start, token.left_edge.i
    return start, end


def _own_speaker(token) -> bool:
    """The verb has a subject of its own, other than a relative pronoun ("which he said")."""
    return any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in token.children)


def _is_cue(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in CUE_VERBS


def _right_edge(cue, children) -> int:
    """End of the cue's right-hand material within its sentence (coordinated clauses included)."""
    end = max(c.right_edge.i for c in children) + 1
    return min(end, cue.sent.end)


def _according_to(doc, cue) -> dict | None:
    """"According to X, ..." / "..., according to X." / "which, according to X, was ..."."""
    to = next(c for c in cue.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    phrase_start, phrase_end = cue.i, source.right_edge.i + 1
    sent = cue.sent
    head = cue.head if cue.head.i != cue.i else cue
    scope_start, scope_end = head.left_edge.i, head.right_edge.i + 1
    if cue.dep_ == "ROOT" or head.i == cue.i:
        scope_start, scope_end = sent.start, sent.end
    after = (phrase_end, scope_end)
    before = (scope_start, phrase_start)
    start, end = _strip_span(doc, *after)
    if end - start < 3:
        start, end = _strip_span(doc, *before)
    if end - start < 3:
        return None
    speaker = _strip_span(doc, max(source.left_edge.i, to.i + 1), source.right_edge.i + 1)
    return _indirect_found(doc, start, end, (doc[cue.i].idx, _end_char(to)), speaker, cue, sent)


def _past_closing_fragment(doc, f: dict, quotations: list[_Quotation], found: list[dict]):
    """"said there remains a “significant difference …,” when it comes to …": reported speech
    that the parse ended at the closing mark of a quoted fragment runs on to the end of its
    sentence, unless the rest is another report, a source ("according to") or a new line."""
    start, end = f["content"]
    text = _text(doc)
    if not any(q.end == end and start < q.start for q in quotations) or text[end - 2:end - 1] in ".,!?;:":
        return start, end  # (“…,” / “….”: the quotation ends its clause itself)
    content = doc.char_span(start, end, alignment_mode="expand")
    if f.get("cue_token") is None or content is None:
        return start, end
    tail = doc.char_span(end, content[-1].sent.end_char, alignment_mode="contract")
    if tail is None or not len(tail):
        return start, end
    if any(_is_time(t) for t in tail[:2]) or tail[0].text in ("—", "–", "-", "--", "(", ";", ":"):
        return start, end  # "… “3,210 victims” between January 1 and …", "“…” — a metaphor for …"
    last = end
    for token in tail:
        if (token.is_space or token.lower_ == "according" or _is_quote_cue(token)
                or (token.dep_ == "cc" and doc[token.i - 1].text == ",")):
            return start, end  # a new line, the source, another report, ", but he has …"
        if any(g is not f and g["content"][0] <= token.idx < g["content"][1] for g in found):
            return start, end
        if not token.is_punct or token.text in QUOTE_MARKS:
            last = _end_char(token)
        if "\n" in token.whitespace_:
            break
    return start, last


def _before_trailing_description(doc, start: int, end: int) -> tuple[int, int]:
    """"… consider Rep. Don Beyer (D-Va.), a former lieutenant governor who …", "… questioned
    Europe's reliance, which …": a description set off by a comma at the end of reported speech
    (an apposition or a relative clause with "who"/"which") is the writer's, not the report's."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return start, end
    text = _text(doc)
    for token in span[2:]:
        if doc[token.i - 1].text != "," or any(t.text in QUOTE_MARKS for t in doc[token.i:span.end]):
            continue
        described = None
        if token.dep_ == "appos" or (token.head.dep_ == "appos" and token.head.left_edge.i == token.i):
            described = token if token.dep_ == "appos" else token.head
        elif token.lower_ in ("who", "which") and token.head.dep_ == "relcl":
            described = token.head
        if described is None or not span.start <= described.head.i < token.i:
            continue
        if described.right_edge.i + 1 >= span.end or text[_end_char(described.right_edge):end].strip(" .,") == "":
            return start, _rstrip_at(text, doc[token.i - 1].idx)
    return start, end


def _indirect_found(doc, start: int, end: int, cue_span, speaker, cue, sent) -> dict:
    """An indirect quote found: content = tokens ``start:end``, as the later steps expect it."""
    return {
        "content": (doc[start].idx, _end_char(doc[end - 1])),
        "cue": cue_span,
        "speaker": speaker,
        "kind": "indirect",
        "cue_token": cue.i,
        "sentence": (sent.start_char, sent.end_char),
    }


def _trailing_report(doc, cue) -> dict | None:
    """"<statement>, writes the BBC." — a reporting clause after a comma at the end."""
    sent = cue.sent
    if cue.lower_ == "according" or cue.i == sent.start or doc[cue.i - 1].text != ",":
        return None
    rest = [t for t in doc[cue.i + 1:sent.end] if not (t.is_punct or t.is_space)]
    if not rest or len(rest) > 10 or any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    if cue.lemma_.lower() == "tell" or all(t.ent_type_ in ("DATE", "TIME") for t in rest):
        return None  # "..., X, R-Ky., said Tuesday.", "..., told AFP.": no inverted speaker
    if cue.tag_ == "VBG":
        return None  # "..., arguing that ...": a participle adds a report, it does not sign one
    if rest[0].pos_ in ("ADP", "ADV", "SCONJ") or rest[0].ent_type_ in ("DATE", "TIME"):
        return None  # "..., X said at an event this month.": circumstances, not an inverted speaker
    start, end = _strip_span(doc, sent.start, cue.i - 1)
    if end - start < 3:
        return None
    speaker_start = rest[0].i
    return _indirect_found(doc, start, end, _cue_span(doc, cue), (speaker_start, rest[-1].i + 1), cue, sent)


# Labelled lines ----------------------------------------------------------------------------------

_LABEL = re.compile(r"[\"“”„«]?(?P<name>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}): +(?=\S)")
# Labels that head a line without naming who speaks ("UPDATE: ...", "Correction: ...").
NOT_SPEAKER_LABELS = {
    "update", "updated", "correction", "clarification", "editor", "editor's note", "editor’s note",
    "note", "source", "sources", "previously", "video", "watch", "photos", "photo", "read more",
    "related", "breaking", "exclusive", "analysis", "opinion", "online", "transcript", "q", "a",
    "the latest", "warning", "disclaimer", "advertisement", "live", "tags", "topics",
}


def _labelled_lines(doc) -> list[dict]:
    """"WALLACE: Do you really see ...", "Pat Caddell: Voters Worried About ...": a paragraph
    opening with a name and a colon is that person's words (a transcript turn, or a headline of
    the "Speaker: what they said" kind). In a quoted excerpt whose paragraphs each open with a
    mark, the turn runs on over the next paragraphs until another label.
    """
    text = _text(doc)
    found: list[dict] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for n, (ps, pe) in enumerate(paragraphs):
        m = _LABEL.match(text, ps, pe)
        if m is None or m.group("name").lower() in NOT_SPEAKER_LABELS:
            continue
        name = doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        if name is None or not _is_label_name(name):
            continue
        # The turn's paragraphs, without the excerpt's marks that open them (the marks are the
        # article's, quoting the transcript, not the speaker's).
        pieces = [(m.end(), _rstrip_at(text, pe))]
        mark = text[ps] if text[ps] in QUOTE_MARKS else None
        for qs, qe in paragraphs[n + 1:]:  # an excerpt: the turn goes on while paragraphs open with the mark
            if mark is None or text[qs] != mark or _LABEL.match(text, qs, qe) or text[qs + 1:qs + 2] == "(":
                break  # another turn, or a stage direction ("(CROSSTALK.)")
            pieces.append((qs + 1, _rstrip_at(text, qe)))
        last_start, end = pieces[-1]
        if mark is not None and text[end - 1] == mark and text[ps:end].count(mark) % 2:
            pieces[-1] = (last_start, end - 1)  # the excerpt's closing mark
        pieces = [(a, b) for a, b in pieces if b > a]
        if len(" ".join(text[a:b] for a, b in pieces).split()) < 3:
            continue
        turn = {"content": (pieces[0][0], pieces[-1][1]), "cue": (m.end("name"), m.end("name") + 1),
                "speaker": (name.start, name.end), "kind": "direct", "cue_token": None,
                "sentence": (ps, pe)}
        if len(pieces) > 1:
            turn["pieces"] = pieces
        found.append(turn)
    return found


def _is_label_name(name) -> bool:
    """A label names a speaker: a named entity or a transcript's capitals ("WALLACE"), no date."""
    if any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT") or t.like_num for t in name):
        return False
    if name.text.isupper() and sum(ch.isalpha() for ch in name.text) >= 3:
        return True
    return any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in name)


# Direct quotes -----------------------------------------------------------------------------------

def _direct_quote(doc, q: _Quotation, earlier: list[dict]) -> dict:
    found = {"content": (q.start, q.end), "cue": None, "speaker": None, "kind": "direct",
             "cue_token": None, "sentence": None}
    if q.pieces:
        found["pieces"] = list(q.pieces)
    cue = doc[q.cue] if q.cue is not None else _cue_outside(doc, q)
    if cue is not None and cue.idx < q.start and q.cue is None and _colon_label(doc, q) is not None:
        cue = None  # "POLLSTERS AGREE … - HuffPollster: “…”": the label is nearer than the verb
    if cue is not None:
        found["cue"] = _cue_span(doc, cue)
        found["cue_token"] = cue.i
        found["sentence"] = (cue.sent.start_char, cue.sent.end_char)
        subject = _person_before_participle(cue) or _subject(cue)
        if subject is not None and _in_quotation(doc, subject, q):
            subject = None  # the parse took a word of the quote for the subject
        if subject is not None:
            found["speaker"] = _speaker_tokens(subject)
        else:
            found["speaker"] = _between_speaker(doc, q, cue) or _inverted_speaker(doc, cue)
            if found["speaker"] is None and (near := _adjacent_subject(cue)) is not None and not _in_quotation(doc, near, q):
                found["speaker"] = _speaker_tokens(near)
            if found["speaker"] is None and (near := _participle_subject(cue, q)) is not None:
                found["speaker"] = _speaker_tokens(near)
        if (source := _according_to_after(doc, q, cue)) is not None:
            # "“…,” O’Malley said, according to the Las Vegas Sun.": O'Malley said it; the Sun is
            # how it reached the article (PolNeAR names the Sun as the source; the record keeps
            # who spoke, so `chronicle quotes --speaker O'Malley` finds it).
            found["reported_by"] = source
        if not q.pieces and (start := _fragment_clause_start(doc, q, cue)) is not None:
            found["clause_start"] = start  # mixed: "says no matter what …, “his word does not …”"
            found["clause_end"] = _clause_end_after(doc, q)
    elif (signed := _dash_signature(doc, q) or _colon_label(doc, q)) is not None:
        found["cue"], found["speaker"] = signed
    elif (root := _sentence_verb(doc, q)) is not None:
        found["cue"], found["cue_token"] = _cue_span(doc, root), root.i
        found["sentence"] = (root.sent.start_char, root.sent.end_char)
        found["speaker"] = _speaker_tokens(_nearest_subject(root))
    elif (subject := _previous_sentence_subject(doc, q, earlier)) is not None:
        found["speaker"] = _speaker_tokens(subject)
    elif earlier:
        # A quote standing alone continues the voice of the quote right before it.
        previous = max((f for f in earlier if f["content"][1] <= q.start), key=lambda f: f["content"][1], default=None)
        if previous and previous["speaker"] and q.start - previous["content"][1] < 400:
            found["speaker"] = previous["speaker"]
            found["continued"] = True
    return found


def _sentence_verb(doc, q: _Quotation):
    """"Japan branded North Korea an “outlaw nation in the neighborhood.”": a quotation with no
    reporting verb inside a sentence it does not open is the words of that sentence's subject
    (a name, a pronoun or a named group), its main verb the cue."""
    text = _text(doc)
    if _opens_sentence(text, q.start):
        return None
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    root = doc[span.start].sent.root
    if root.pos_ not in ("VERB", "AUX") or q.start <= root.idx < q.end or root.idx > q.start:
        return None
    subject = _nearest_subject(root)
    if subject is None or subject.dep_ != "nsubj" or q.start <= subject.idx < q.end or _is_time(subject):
        return None
    if not (subject.pos_ in ("PROPN", "PRON") and subject.lower_ not in ("it", "this", "that", "which", "what")
            or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
        return None
    return root


def _previous_sentence_subject(doc, q: _Quotation, earlier: list[dict]):
    """"Sanders identified young voters' exhaustion as one of the reasons.⏎⏎“The younger
    people are …”": a quotation standing alone right after a sentence about a named person
    (the subject of its main verb), with no quote in between, is that person's."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    before = doc[span.start - 1]
    while before.i > 0 and before.is_space:
        before = doc[before.i - 1]
    sent = before.sent
    if any(f["content"][1] > sent.start_char and f["content"][0] < q.start for f in earlier):
        return None  # a quote in between: its speaker carries on
    subject = _nearest_subject(sent.root) if sent.root.pos_ in ("VERB", "AUX") else None
    if subject is None or subject.dep_ != "nsubj" or subject.ent_type_ not in ("PERSON", "ORG"):
        return None
    return subject


def _according_to_after(doc, q: _Quotation, cue) -> tuple[int, int] | None:
    """"“…,” O’Malley said at a press conference, according to the Las Vegas Sun.": the source
    that reports the reporting clause (PolNeAR's speaker of the quote)."""
    if cue.idx < q.end:
        return None
    for token in doc[cue.i + 1:cue.sent.end]:
        if token.text in QUOTE_MARKS or "\n" in token.text_with_ws:
            return None
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is None:
                return None
            return _strip_span(doc, max(source.left_edge.i, to.i + 1), source.right_edge.i + 1)
    return None


def _clause_end_after(doc, q: _Quotation) -> int | None:
    """"Sanders says “the wind is at our backs” despite his loss in Nevada.": the reported
    clause runs on past the closing mark of a fragment to the end of the sentence, but not past
    a comma, dash, colon or parenthesis (another report, the writer's comment) or onto a date."""
    text = _text(doc)
    if text[q.end - 2:q.end - 1] in ".,!?;:":
        return None  # the quotation ends its clause itself (“…,” / “….”)
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    end = None
    for token in doc[span.end:span[-1].sent.end]:
        if token.text in QUOTE_MARKS or token.text in (",", ";", ":", "—", "–", "-", "--", "(") or "\n" in token.text:
            break
        if end is None and (_is_time(token) or token.lower_ == "according"):
            return None
        if not token.is_punct:
            end = _end_char(token)
        if "\n" in token.whitespace_:
            break
    return end


HEARER_CUES = {"tell", "inform", "assure", "remind", "ask", "warn", "urge"}


def _fragment_clause_start(doc, q: _Quotation, cue) -> int | None:
    """A quotation that is not a sentence of its own (it opens in lower case) after its reporting
    verb in the same sentence finishes the reported clause: "Ryan says no matter what action
    the president takes, “his word does not trump the law.”" The content runs from the word
    after the verb (past the hearer of "told reporters") to the closing mark."""
    text = _text(doc)
    inner = text[q.start + 1:q.end].lstrip()
    if not inner or not inner[0].islower() or cue.idx >= q.start or cue.sent != doc[cue.i].sent:
        return None
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or span.start <= cue.i or doc[span.start].sent.start != cue.sent.start:
        return None
    if span.start == cue.i + 1:
        return q.start  # "says “the wind is at our backs” despite …": the clause may run on after it
    i = cue.i + 1
    if cue.lemma_.lower() in HEARER_CUES:  # "told his supporters at a rally to “go and vote”"
        i = max([i] + [c.right_edge.i + 1 for c in cue.children if c.dep_ in ("dobj", "dative") and c.i < span.start])
    while i < span.start and (doc[i].dep_ == "prt" or doc[i].is_punct):
        i += 1
    marks = [t.i for t in doc[i:span.start] if t.dep_ == "mark" and t.lower_ == "that"]
    if marks:
        i = marks[-1]  # "told one of his friends on a regular basis that “…”": the clause
    between = doc[i:span.start]
    if not len(between) or len(between) > 20 or "\n" in between.text or any(t.text in QUOTE_MARKS for t in between):
        return None
    return doc[i].idx


def _colon_label(doc, q: _Quotation):
    """"… falls short - Jeffrey M. Jones: “Gallup’s analysis …”", "More from Jones: “…”": a
    name (or "the report") and a colon right before the quotation, with no verb, say whose the
    words are, as a transcript's label does. The label starts after a dash or sentence end.

    Returns (cue char span, speaker token range) or None.
    """
    text = _text(doc)
    colon = _rstrip_at(text, q.start)
    if colon == 0 or text[colon - 1] != ":":
        return None
    line = text.rfind("\n", 0, colon) + 1
    start = max([line] + [text.rfind(sep, line, colon) + len(sep) for sep in (" - ", " – ", " — ", ". ", "? ", "! ")
                          if text.rfind(sep, line, colon) >= 0])
    words = doc.char_span(start, colon - 1, alignment_mode="contract")
    if words is None or not 0 < len(words) <= 6 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    end = words.end
    first = end
    while first > words.start and (doc[first - 1].pos_ in ("PROPN", "NOUN", "DET", "CCONJ", "PUNCT")
                                   and doc[first - 1].text not in ("(", ")")):
        first -= 1
    first, end = _strip_span(doc, first, end)
    name = doc[first:end]
    if not len(name) or _is_time(name[-1]) or not any(t.pos_ in ("PROPN", "NOUN") for t in name):
        return None
    if name.text.lower() in NOT_SPEAKER_LABELS or name[0].text.isupper() and len(name.text) > 4 and name.text.isupper():
        return None  # "UPDATE:", a heading in capitals
    return (colon - 1, colon), (first, end)


def _dash_signature(doc, q: _Quotation):
    """"“...” ― Pamela Padilla": a dash and a short name closing the paragraph sign the quote.

    Returns (cue char span, speaker token range) or None.
    """
    text = _text(doc)
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    tail = text[q.end:line_end]
    dash = len(tail) - len(tail.lstrip())
    if not tail.strip() or tail.strip()[0] not in "―—–" or len(tail.split()) > 7:
        return None
    name = doc.char_span(q.end + dash + 1, line_end, alignment_mode="expand")
    if name is None:
        return None
    start, end = _strip_span(doc, name.start, name.end)
    if end <= start or not any(t.pos_ == "PROPN" for t in doc[start:end]):
        return None
    return (q.end + dash, q.end + dash + 1), (start, end)


def _cue_outside(doc, q: _Quotation):
    """The reporting verb in the clause just before or after the quotation marks."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    after_sent = doc[span.end - 1].sent
    before_sent = doc[span.start].sent
    skip_to = span.end
    for token in doc[span.end:after_sent.end]:
        if token.i < skip_to:
            continue
        if token.text in QUOTE_MARKS and (title := _short_title_after(doc, token)):
            skip_to = title  # "…,” Bill Eastland, wearing “Ted Cruz” pins, said.": a name in marks
            continue
        if token.text in QUOTE_MARKS or "\n" in token.text:
            break  # the next quotation or paragraph starts (the parser's sentence may run on)
        if _is_quote_cue(token):
            return token
        if "\n" in token.whitespace_:
            break
    for token in reversed(doc[before_sent.start:span.start]):
        if "\n" in token.text or "\n" in token.whitespace_:
            break
        if _is_quote_cue(token):
            return token
    return _reporting_sentence(doc, q, after_sent, before_sent)


def _short_title_after(doc, mark) -> int | None:
    """Token index after a capitalised name of at most three words in quotation marks opening at
    ``mark`` (“Ted Cruz”, “Meet the Press”), or None."""
    if mark.text not in _OPENING_TOKENS:
        return None
    words = []
    for token in doc[mark.i + 1:mark.i + 5]:
        if token.text in QUOTE_MARKS:
            if words and all(w.text[:1].isupper() or w.is_stop for w in words) and words[0].text[:1].isupper():
                return token.i + 1
            return None
        if token.is_punct or "\n" in token.text_with_ws:
            return None
        words.append(token)
    return None


def _reporting_sentence(doc, q: _Quotation, after_sent, before_sent):
    """The parser often makes "Graham asked." after a quote its own sentence: use its verb.

    Also "He put it this way:" as the sentence right before the quote.
    """
    text = _text(doc)
    if after_sent.end < len(doc) and text[q.end:doc[after_sent.end].idx].strip() == "":
        root = doc[after_sent.end].sent.root
        if _is_bare_report(root) and "\n" not in text[q.end:root.idx]:
            return root
    before = _rstrip_at(text, q.start)
    if before and text[before - 1] == ":":
        # "Limbaugh continued:" / "Cruz released the following statement:", also when the
        # quotation opens the next paragraph.
        colon = doc.char_span(before - 1, before, alignment_mode="expand")
        root = colon[0].sent.root if colon is not None else None
        nearest = next((t for t in reversed(doc[colon[0].sent.start:colon[0].i])
                        if t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)), None) if root is not None else None
        if nearest is not None and nearest.i != root.i and root.i < colon[0].i and nearest.dep_ in ("ccomp", "advcl", "conj"):
            root = nearest  # "She became so upset … that I had to change my answer: “…”": I
        if root is not None and root.i > colon[0].i:
            # The parse ran the sentence on into the quotation ("Trump went even further: “If he
            # … it’s the end …”" rooted at "’s"): the verb before the colon introduces it.
            root = next((t for t in reversed(doc[colon[0].sent.start:colon[0].i])
                         if t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)), None)
        if root is not None and (_is_quote_cue(root) or (
                root.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN", "PRON") for c in root.children))):
            return root
    elif before and text[before - 1] in ".!?" and "\n" not in text[before:q.start] and before_sent.start > 0:
        # "Smith said Tuesday. “...”": a bare reporting sentence right before, same paragraph.
        root = doc[before_sent.start - 1].sent.root
        if _is_bare_report(root) and _subject(root) is not None and "\n" not in text[root.idx:q.start]:
            return root
    return None


def _is_quote_cue(token) -> bool:
    return _is_cue(token) or (token.pos_ == "VERB" and token.lemma_.lower() in QUOTE_ONLY_VERBS)


def _is_bare_report(token) -> bool:
    """A reporting verb with nothing reported in its own sentence: "Graham asked."."""
    return (token.pos_ == "VERB" and _is_quote_cue(token)
            and not any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and token.lemma_.lower() not in HEARER_CUES)
                        for c in token.children))  # "Trump told ITV in an interview.": the hearer


def _in_quotation(doc, token, q: _Quotation) -> bool:
    """``token`` lies inside the quoted words of ``q`` (for a joined unit: of one of its pieces)."""
    if not q.start <= token.idx < q.end:
        return False
    return q.cue is None or not _between_pieces(_text(doc), q, token.idx)


def _between_pieces(text: str, q: _Quotation, i: int) -> bool:
    """Index ``i`` lies outside the marks of a joined unit, in its reporting clause."""
    inside = False
    for j in range(q.start, i):
        if text[j] in QUOTE_MARKS and text[j] not in ("'", "’", "‘"):
            inside = not inside
    return not inside


def _between_speaker(doc, q: _Quotation, cue) -> tuple[int, int] | None:
    """"“...,” Tulsa police Chief Chuck Jordan said." when the parse found no subject: the
    words between the closing mark and the cue."""
    text = _text(doc)
    if cue.idx < q.start:
        return None
    close = q.end if cue.idx >= q.end else max(text.rfind(m, q.start, cue.idx) for m in QUOTE_MARKS - {"'", "’", "‘"}) + 1
    if close <= q.start or "\n" in text[close:cue.idx]:
        return None
    words = doc.char_span(close, cue.idx, alignment_mode="contract")
    if words is not None and len(words) > 12:
        # "“…,” Trump, the 2016 GOP frontrunner nationally and current polling leader in South
        # Carolina, said": the name before the apposition
        comma = next((t.i for t in words[1:] if t.text == ","), None)
        if comma is not None and comma - words.start <= 6:
            words = doc[words.start:comma]
    if words is None or len(words) > 12:
        return None
    start, end = _strip_span(doc, words.start, words.end)
    words = doc[start:end]
    if end <= start or any(t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in words):
        return None
    if not any(t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in ("DATE", "TIME") for t in words):
        return None
    return start, end


def _inverted_speaker(doc, cue) -> tuple[int, int] | None:
    """"..., said Defence Minister Oleksii Reznikov." when the parse found no subject. Not after
    a participle or "tell": "..., telling reporters, “...”" names the hearers."""
    if cue.tag_ == "VBG" or cue.lemma_.lower() == "tell":
        return None
    end = cue.i + 1
    while (end < cue.sent.end and not doc[end].is_punct and doc[end].pos_ in ("PROPN", "NOUN", "ADJ", "DET")
           and doc[end].ent_type_ not in ("DATE", "TIME")):  # "..., said Monday."
        end += 1
    if end == cue.i + 1 or not any(t.pos_ in ("PROPN", "NOUN") for t in doc[cue.i + 1:end]):
        return None
    return cue.i + 1, end


# Shared helpers ----------------------------------------------------------------------------------

def _speaker_tokens(subject) -> tuple[int, int]:
    """The speaker's words: the subject phrase without relative clauses or trailing commas."""
    doc = subject.doc
    start, end = subject.left_edge.i, subject.i + 1
    for child in subject.rights:
        if child.dep_ in ("relcl", "acl"):
            break
        if child.dep_ != "punct":
            end = child.right_edge.i + 1
    # The parse may run the phrase over a line break ("4:43 p.m.⏎⏎Florida election officials",
    # "The Latest (all times EDT):⏎⏎7 p.m.⏎⏎Donald Trump"): keep its last line, the one that
    # runs into the verb.
    breaks = [t.i + 1 for t in doc[start:end - 1] if "\n" in t.text_with_ws]
    if breaks and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in doc[breaks[-1]:end]):
        start = breaks[-1]
    return _strip_span(doc, start, end)


def _subject(cue):
    """The cue's subject; for "..., adding that ..." or "said A and warned B" the subject of
    the verb the participle or conjunct hangs on (inside reported speech: of the reporting verb).
    """
    token = cue
    for _ in range(4):
        subject = _nearest_subject(token)
        if subject is not None:
            between = cue.doc[min(subject.i, cue.i):max(subject.i, cue.i)]
            if _is_time(subject) or any("\n" in t.text_with_ws for t in between):
                return None  # "12:15 p.m.: ...", or a parse running over a paragraph break
            return subject
        if (token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.dep_ == "prep"
                and token.head.head.pos_ in ("VERB", "AUX")):
            token = token.head.head  # "he began by saying, “...”": he
            continue
        if (token.dep_ == "acl" and token.tag_ == "VBG" and token.head.lemma_.lower() in MEDIUM_NOUNS
                and token.head.dep_ == "dobj" and token.head.head.pos_ in ("VERB", "AUX")):
            token = token.head.head  # "the council issued a statement calling the test …": the council
            continue
        if token.dep_ not in ("advcl", "conj", "xcomp") or token.head.i == token.i:
            return None
        if token.dep_ == "advcl" and token.tag_ != "VBG":
            return None  # "..., because ...": a clause of its own
        token = token.head
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in CUE_VERBS:
            token = token.head  # "May said the country would leave and suggested ...": May suggested
    return None


def _person_before_participle(cue):
    """"The ad uses footage of Hillary Clinton asking, “...”": a participle right after a
    person's name that the parse hung on another verb is that person's saying."""
    before = cue.doc[cue.i - 1] if cue.i > cue.sent.start else None
    if (cue.tag_ == "VBG" and cue.dep_ in ("acl", "xcomp") and before is not None
            and before.pos_ == "PROPN" and before.ent_type_ == "PERSON"):
        return before
    return None


def _participle_subject(cue, q: _Quotation):
    """"Clinton seemed ready to riff on the incident, telling the crowd, “...”" where the parse
    hung the participle on a verb of the quote: the subject of the clause before the comma (the
    first verb with a subject up from the word before it)."""
    doc = cue.doc
    comma = cue.i - 1
    if comma > 0 and doc[comma].text in QUOTE_MARKS and doc[comma - 1].text == ",":
        comma -= 1  # "… of “New York values,” saying …"
    if cue.tag_ != "VBG" or comma < 1 or doc[comma].text != ",":
        return None
    token = doc[comma - 1]
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX"):
            subject = _nearest_subject(token)
            if subject is not None:
                if subject.i > cue.i or _in_quotation(doc, subject, q) or subject.lower_ in RELATIVE_PRONOUNS:
                    return None
                return subject if not _is_time(subject) else None
        if token.head.i == token.i or token.head.i >= cue.i:
            return None
        token = token.head
    return None


def _is_time(token) -> bool:
    """A date or time ("12:15 p.m.: ..."), not a person of an age ("said the 46-year-old")."""
    return token.ent_type_ in ("DATE", "TIME") and not (token.lower_ == "old" or token.lower_.endswith("-old"))


def _nearest_subject(verb):
    """The verb's subject; where the parse gave it two ("Speaking in Salem, New Hampshire, Trump
    went ..."), the one nearest before it."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not c.is_punct]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _adjacent_subject(cue):
    """"former president Bill Clinton said ..." where the parse attached the name elsewhere
    (an apposition to the words before): the noun right before the verb is its subject."""
    doc = cue.doc
    i = cue.i - 1
    while i >= cue.sent.start and (doc[i].pos_ == "ADV" or doc[i].dep_ in ("aux", "neg")):
        i -= 1  # "Smith also said", "Smith has repeatedly said"
    if i > cue.sent.start and doc[i].text == ",":
        i -= 1  # "…, her adviser, Jake Sullivan, said:"
        if doc[i].text == ")" and "(" in doc[max(cue.sent.start, i - 8):i].text:
            while doc[i].text != "(":
                i -= 1  # "Gov. John Kasich (R-OH), said"
            i -= 1
    if i < cue.sent.start or "\n" in doc[i].whitespace_:
        return None
    token = doc[i]
    if token.pos_ not in ("PROPN", "NOUN", "PRON") or token.ent_type_ in ("DATE", "TIME"):
        return None
    if token.lower_ in RELATIVE_PRONOUNS:
        return None
    if token.dep_ not in ("appos", "conj", "nsubj") and not (
            token.dep_ == "compound" and token.head.i == cue.i and token.pos_ == "PROPN"):
        return None  # a name the parse made a "compound" of the verb itself: "” Beck joked, “"
    return token


def _cue_span(doc, cue) -> tuple[int, int]:
    end = cue
    for child in cue.children:  # particles: "pointed out", "called for"
        if child.dep_ == "prt" and child.i == end.i + 1:
            end = child
    return cue.idx, _end_char(end)


def _strip_span(doc, start: int, end: int) -> tuple[int, int]:
    """Token range without edge whitespace, punctuation (quotation marks kept) and conjunctions."""
    def loose(token):
        return token.is_space or (token.is_punct and token.text not in QUOTE_MARKS)

    while start < end and (loose(doc[start]) or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (loose(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _text(doc) -> str:
    """``doc.text`` joins all tokens on every call: keep it once per document."""
    text = doc.user_data.get(("chronicle", "text"))
    if text is None:
        text = doc.user_data[("chronicle", "text")] = doc.text
    return text


def _end_char(token) -> int:
    return token.idx + len(token.text)


def _to_quote(doc, number: int, f: dict, actors: list[Actor]) -> Quote:
    speaker_span = speaker_id = None
    s, e = _strip_span(doc, *f["speaker"]) if f["speaker"] else (0, 0)
    if e - s == 1 and doc[s].lower_ in NOT_SPEAKERS:
        s = e = 0  # "in what is being criticized as …" names no one
    while s < e and doc[s].text in QUOTE_MARKS:
        s += 1
    while e > s and doc[e - 1].text in QUOTE_MARKS:
        e -= 1
    if e > s:
        words = doc[s:e]
        actor = _speaker_actor(words, actors)
        speaker_id = actor.id if actor else None
        speaker_span = _named_part(words, actor)
        if actor and not any(a <= speaker_span[0] < b for a, b in actor.mentions):
            actor.mentions.append(speaker_span)
            actor.mentions.sort()
    cue_span = f["cue"]
    medium = _medium(doc, f) or f.get("reported_by")
    first, *more = _pieces(f)
    return Quote(
        id=f"q{number}",
        content_span=first,
        more_content_spans=more,
        kind=f["kind"],
        speaker=speaker_id,
        speaker_span=speaker_span,
        cue=_text(doc)[cue_span[0]:cue_span[1]] if cue_span else None,
        cue_span=cue_span,
        medium=_text(doc)[medium[0]:medium[1]] if medium else None,
        medium_span=medium,
        sentence_span=f["sentence"],
    )


def _speaker_actor(words, actors: list[Actor]) -> Actor | None:
    """A named actor inside the speaker's words (a person first), else the referent."""
    inside = [a for a in actors for s, _ in a.mentions if words.start_char <= s < words.end_char]
    rank = {"person": 0, "organization": 1, "group": 2, "country": 3}
    if inside:
        return min(inside, key=lambda a: rank.get(a.type, 9))
    return resolve_reference(words, actors)


def _named_part(words, actor: Actor | None) -> tuple[int, int]:
    """Point the speaker span at the name where the subject phrase holds one."""
    if actor is not None and actor.type == "person":
        for s, e in actor.mentions:
            if words.start_char <= s and e <= words.end_char:
                return s, e
    return words.start_char, words.end_char


def _medium(doc, f: dict) -> tuple[int, int] | None:
    """"in a televised interview", "on Twitter": a medium noun outside the content, same sentence."""
    if not f.get("sentence"):
        return None
    s, e = f["sentence"]
    sent = doc.char_span(s, e, alignment_mode="expand")
    if sent is None:
        return None
    for token in sent:
        if any(cs <= token.idx < ce for cs, ce in _pieces(f)):
            continue
        if gazetteer.non_actor_kind(token.text) == "platform" and token.pos_ == "PROPN":
            return token.idx, _end_char(token)
        if token.dep_ == "compound" and token.head.lemma_.lower() in MEDIUM_NOUNS:
            continue  # "radio interview": the head noun names the medium
        if token.lemma_.lower() in MEDIUM_NOUNS and token.pos_ == "NOUN":
            start = token
            for child in token.lefts:
                if child.dep_ in ("amod", "compound", "nmod"):
                    start = child
                    break
            return start.idx, _end_char(token)
    return None
