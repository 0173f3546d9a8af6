"""2. Indirect quotes: a reporting verb, a noun of saying or "according to X" and what it reports.

The cue's subject is the speaker (the "by" agent of a passive, or none), its complement the
content, cut before a report of its own at its end ("said A, arguing that B"); also
"<statement>, writes the BBC." and the later adjustments of indirect content.
"""
from __future__ import annotations

from chronicle.extract.quotes.helpers import (
    OBJECT_CUES,
    PROPOSAL_CUES,
    RELATIVE_PRONOUNS,
    _adjacent_subject,
    _cue_span,
    _end_char,
    _is_cue,
    _is_quote_cue,
    _is_time,
    _speaker_tokens,
    _strip_span,
    _subject,
    _text,
)
from chronicle.extract.quotes.marks import _OPENING_TOKENS, QUOTE_MARKS, _Quotation, _rstrip_at


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
