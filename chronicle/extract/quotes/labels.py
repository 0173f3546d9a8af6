"""0. Labelled lines: a paragraph opening with a name and a colon is that speaker's words.

"WALLACE: Do you really see ..." (a transcript turn), "Pat Caddell: Voters Worried ..." (a
headline); in a quoted excerpt the turn runs on over the next paragraphs until another label.
"""
from __future__ import annotations

import re

from chronicle.extract.quotes.helpers import _text
from chronicle.extract.quotes.marks import QUOTE_MARKS, _rstrip_at

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
