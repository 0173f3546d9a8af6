"""What the quote finders share: the reporting vocabulary, subjects and speaker words, token spans.

The cue verbs and nouns, media and relative pronouns; the subject of a cue and the words of a
speaker; spans stripped of edge punctuation; the article text kept once per document; and the
last step, a found quote as a ``Quote`` record with its speaker resolved to an actor (4.) and
its medium (5.).
"""
from __future__ import annotations

from chronicle.extract.actors import resolve_reference
from chronicle.extract.quotes.marks import QUOTE_MARKS
from chronicle.knowledge import gazetteer
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
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
NOT_SPEAKERS = {"what", "whatever"}


def _is_cue(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in CUE_VERBS


def _is_quote_cue(token) -> bool:
    return _is_cue(token) or (token.pos_ == "VERB" and token.lemma_.lower() in QUOTE_ONLY_VERBS)


def _opens_sentence(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\xa0":
        j -= 1
    return j < 0 or text[j] in ".!?:\n" or text[j] in QUOTE_MARKS


def _pieces(f: dict) -> list[tuple[int, int]]:
    """The spans of what was said: the quoted pieces of a split quotation, else the content."""
    return f.get("pieces") or [f["content"]]


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
    # Quotation marks at the edges are not the speaker's words; nor is what they leave at the
    # edge ("X ⎵“": a space token before a stray mark), so strip both until neither is left.
    while s < e and (doc[s].text in QUOTE_MARKS or doc[e - 1].text in QUOTE_MARKS):
        s += doc[s].text in QUOTE_MARKS
        e -= e > s and doc[e - 1].text in QUOTE_MARKS
        s, e = _strip_span(doc, s, e)
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
