"""3. Direct quotes: the cue and speaker of a quotation of a clause or more.

The reporting verb just outside the marks in the same paragraph, a colon sentence or label
before it, a dash signature after it, the subject of the sentence it sits in or of the one
before, or the speaker of the quote right before it.
"""
from __future__ import annotations

from chronicle.extract.quotes.helpers import (
    RELATIVE_PRONOUNS,
    _adjacent_subject,
    _cue_span,
    _end_char,
    _is_quote_cue,
    _is_time,
    _nearest_subject,
    _opens_sentence,
    _person_before_participle,
    _speaker_tokens,
    _strip_span,
    _subject,
    _text,
)
from chronicle.extract.quotes.labels import NOT_SPEAKER_LABELS
from chronicle.extract.quotes.marks import _OPENING_TOKENS, QUOTE_MARKS, _Quotation, _rstrip_at


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
