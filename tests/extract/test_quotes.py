"""Quotes: direct, indirect and mixed, in any quotation-mark style, with speaker, cue and medium."""
import pytest

from chronicle.extract.actors import find_actors
from chronicle.extract.nlp import get_nlp
from chronicle.extract.quotes import find_quotations, find_quotes


def quotes_of(text):
    doc = get_nlp()(text)
    actors = find_actors(doc)
    names = {a.id: a.name for a in actors}
    return [
        {
            "content": text[q.content_span[0]:q.content_span[1]],
            "speaker": names.get(q.speaker),
            "speaker_text": text[q.speaker_span[0]:q.speaker_span[1]] if q.speaker_span else None,
            "cue": q.cue,
            "kind": q.kind,
            "medium": q.medium,
        }
        for q in find_quotes(doc, actors)
    ]


@pytest.mark.parametrize("opening, closing", [("“", "”"), ("„", "“"), ("«", "»"), ('"', '"')])
def test_direct_quote_in_any_mark_style(opening, closing):
    text = f"{opening}We will not give up a single village,{closing} said Ukrainian Defence Minister Oleksii Reznikov."
    [quote] = quotes_of(text)
    assert quote["kind"] == "direct"
    assert quote["content"] == f"{opening}We will not give up a single village,{closing}"
    assert quote["speaker"] == "Oleksii Reznikov"
    assert quote["cue"] == "said"


def test_direct_quote_after_a_colon():
    text = "Senator Jane Miller told reporters: “The bill is dead and everyone knows it.”"
    [quote] = quotes_of(text)
    assert quote["speaker"] == "Jane Miller"
    assert quote["cue"] == "told"
    assert quote["medium"] is None or "reporters" not in quote["content"]


def test_quote_over_two_paragraphs_is_one_quote():
    text = ("“The first part of the statement runs here and goes on for a while.\n\n"
            "“The second paragraph ends the statement,” said Mayor Anna Kowalska.")
    quotations = find_quotations(text)
    assert len(quotations) == 1
    assert text[quotations[0].start:quotations[0].end].endswith("statement,”")


def test_stray_opening_mark_closes_at_the_end_of_its_paragraph():
    text = "He repeated: “ the plan is sound and should go ahead\n\nNext paragraph without quotes."
    [q] = find_quotations(text)
    assert text[q.start:q.end] == "“ the plan is sound and should go ahead"


def test_apostrophes_are_not_quotation_marks():
    assert find_quotations("Ukraine's army and the Russians' claims were discussed.") == []


def test_indirect_quote_with_that_clause():
    [quote] = quotes_of("Finance Minister Maria Lopez said that the budget would be balanced by 2025.")
    assert quote["kind"] == "indirect"
    assert quote["speaker"] == "Maria Lopez"
    assert "the budget would be balanced by 2025" in quote["content"]


def test_according_to_at_the_start_and_the_end():
    first, = quotes_of("According to Ahmed Khan, the border crossing will reopen next week.")
    assert first["cue"] == "According to" and first["speaker"] == "Ahmed Khan"
    assert first["content"] == "the border crossing will reopen next week"
    last, = quotes_of("The border crossing will reopen next week, according to Ahmed Khan.")
    assert last["speaker"] == "Ahmed Khan"
    assert last["content"] == "The border crossing will reopen next week"


def test_quoted_fragment_inside_reported_speech_makes_a_mixed_quote():
    [quote] = quotes_of("Prime Minister Ivan Petrov called the vote “a betrayal of the voters” on Sunday.")
    assert quote["kind"] == "mixed"
    assert quote["cue"] == "called"


def test_pronoun_speaker_resolves_to_the_person_named_before():
    text = ("Foreign Minister Anna Berg arrived in Oslo on Monday. "
            "“We are ready to sign the agreement today,” she said.")
    [quote] = quotes_of(text)
    assert quote["speaker_text"] == "she"
    assert quote["speaker"] == "Anna Berg"


def test_description_speaker_resolves_by_country():
    text = ("Chinese Foreign Minister Wang Yi met his counterpart. "
            "“The door to dialogue remains open to all sides,” the Chinese diplomat said.")
    [quote] = quotes_of(text)
    assert quote["speaker_text"] == "the Chinese diplomat"
    assert quote["speaker"] == "Wang Yi"


def test_medium_is_read_from_the_cue_clause():
    text = "“The offensive has stalled in the east,” wrote General Mark Hale on Twitter."
    [quote] = quotes_of(text)
    assert quote["medium"] == "Twitter"
    text = "In a radio interview, Senator Paul Grey said that the deal was unfair to farmers."
    [quote] = quotes_of(text)
    assert quote["medium"] == "radio interview"


def test_reports_inside_a_quote_belong_to_it():
    text = "“Experts say that the dam will hold for now,” Governor Lee Park said."
    [quote] = quotes_of(text)
    assert quote["speaker"] == "Lee Park" and quote["kind"] == "direct"


def test_scare_quotes_are_not_quotes():
    assert quotes_of("The so-called “peace plan” was published on Monday.") == []
