"""``find_quotes``: the steps of the package docstring, in order, from marks to ``Quote`` records.

It takes labelled lines, indirect and direct quotes from their modules; the functions after it
join a quotation split by its reporting clause into one unit, fit indirect content to the
quotations it runs into, join continuations and drop overlaps.
"""
from __future__ import annotations

import re

from chronicle.extract.quotes.direct import _according_to_after, _cue_outside, _direct_quote
from chronicle.extract.quotes.helpers import (
    CUE_NOUNS,
    CUE_VERBS,
    _is_quote_cue,
    _opens_sentence,
    _pieces,
    _text,
    _to_quote,
)
from chronicle.extract.quotes.indirect import (
    _as_quotation_verb,
    _before_trailing_description,
    _indirect_quote,
    _past_closing_fragment,
    _trailing_report,
)
from chronicle.extract.quotes.labels import _labelled_lines
from chronicle.extract.quotes.marks import _Quotation, _rstrip_at, find_quotations
from chronicle.records import Actor, Quote

CONTINUATION_GAP = 250  # most characters between a quote and a cue-less quotation carrying it on
MIN_DIRECT_WORDS = 4  # shorter quotations are scare quotes or parts of a mixed quote


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


def _cue_tokens(doc):
    for token in doc:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            yield token
        elif token.pos_ == "VERB" and (token.lemma_.lower() in CUE_VERBS or _as_quotation_verb(token)):
            yield token
        elif token.pos_ == "NOUN" and token.lemma_.lower() in CUE_NOUNS:
            yield token
