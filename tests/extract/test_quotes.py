"""Quotes: direct, indirect and mixed, in any quotation-mark style, with speaker, cue and medium."""
import pytest

from chronicle.extract.actors import find_actors
from chronicle.extract.nlp import get_nlp
from chronicle.extract.quotes import find_quotes
from chronicle.extract.quotes.marks import find_quotations


def quotes_of(text):
    doc = get_nlp()(text)
    actors = find_actors(doc)
    names = {a.id: a.name for a in actors}
    return [
        {
            "content": text[q.content_span[0]:q.content_span[1]],
            "pieces": [text[s:e] for s, e in q.content_spans()],
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


def test_quote_split_by_its_reporting_clause_is_one_quote_in_two_pieces():
    text = "“The harvest was poor this year,” farmer Lena Novak said. “We will need help before winter.”"
    [quote] = quotes_of(text)
    assert quote["pieces"] == ["“The harvest was poor this year,”", "“We will need help before winter.”"]
    assert quote["content"] == "“The harvest was poor this year,”"  # content_span: the first piece
    assert quote["speaker"] == "Lena Novak" and quote["cue"] == "said" and quote["kind"] == "direct"


def test_short_first_piece_of_a_split_quote_joins_too():
    text = "“Hopefully,” the mayor said, “the new bridge will open before the end of the summer.”"
    [quote] = quotes_of(text)
    assert quote["pieces"] == ["“Hopefully,”", "“the new bridge will open before the end of the summer.”"]
    assert quote["speaker_text"] == "the mayor"


def test_quote_without_a_cue_after_a_quote_in_the_same_paragraph_continues_it():
    text = ("“Both towns saw the dam as a lifeline,” said Rosa Ilves, who ran the water board for "
            "a decade. Then the rains came. “In that sense, the plan was an open door.”")
    [quote] = quotes_of(text)
    assert quote["pieces"] == ["“Both towns saw the dam as a lifeline,”",
                               "“In that sense, the plan was an open door.”"]
    assert quote["speaker"] == "Rosa Ilves"


def test_split_pieces_with_their_own_cues_stay_apart():
    text = ("“The plan is sound and should go ahead,” Mayor Anna Kowalska said. "
            "“It will cost far too much money,” Senator Paul Grey replied.")
    first, second = quotes_of(text)
    assert first["speaker"] == "Anna Kowalska" and second["speaker"] == "Paul Grey"


def test_reporting_clause_parsed_as_its_own_sentence():
    text = "“Does anybody here know what the plan actually is?” Senator Paul Grey asked."
    [quote] = quotes_of(text)
    assert quote["cue"] == "asked" and quote["speaker"] == "Paul Grey"


def test_cue_is_not_taken_from_the_next_paragraph():
    text = ("“The economy has moved sideways for a year,” economist Maria Lopez said.\n\n"
            "“Growth will stay weak without new policies and investment.”\n\n"
            "The fund pointed to rising trade barriers.")
    quotes = quotes_of(text)
    # The paragraph without a cue carries on Maria Lopez's statement: a second piece of it.
    [quote] = [q for q in quotes if any(p.startswith("“Growth") for p in q["pieces"])]
    assert quote["cue"] == "said" and quote["speaker"] == "Maria Lopez"
    assert quote["pieces"] == ["“The economy has moved sideways for a year,”",
                               "“Growth will stay weak without new policies and investment.”"]


def test_quote_after_another_paragraph_is_not_a_piece_of_a_short_fragment():
    text = ("The minister called the report “a fairy tale.”\n\n"
            "“Nobody in this building believes a word of it, and nobody should.”")
    quotes = quotes_of(text)
    assert all(len(q["pieces"]) == 1 for q in quotes)


def test_dash_signature_names_the_speaker():
    text = "Readers wrote in.\n\n“We can build a better town if we all work together.” ― Steve Quinlan\n\nMore next week."
    [quote] = quotes_of(text)
    assert quote["speaker_text"] == "Steve Quinlan" and quote["cue"] == "―"


def test_double_apostrophes_are_quotation_marks():
    text = "''This is not tax reform at all,'' he said."
    [q] = find_quotations(text)
    assert text[q.start:q.end] == "''This is not tax reform at all,''"


def test_reported_speech_runs_on_to_the_closing_mark():
    [quote] = quotes_of("Governor Lee Park said the new tax law was “unfair, even for this government.”")
    assert quote["content"] == "the new tax law was “unfair, even for this government.”"
    assert quote["kind"] == "mixed"


def test_reported_speech_that_is_all_one_quotation_is_direct():
    [quote] = quotes_of("“It hurts,” Lena Novak said.")
    assert quote["kind"] == "direct" and quote["content"] == "“It hurts,”"


def test_content_stops_before_a_nested_report_which_gets_the_same_speaker():
    text = "Senator Paul Grey said the bill would fail, arguing that the votes were not there."
    quotes = quotes_of(text)
    said = next(q for q in quotes if q["cue"] == "said")
    arguing = next(q for q in quotes if q["cue"] == "arguing")
    assert said["content"] == "the bill would fail"
    assert arguing["content"] == "that the votes were not there" and arguing["speaker"] == "Paul Grey"


def test_conjoined_report_inside_the_content_is_the_speakers_own():
    text = "Prime Minister Anna Berg said the country would leave the union and suggested that it would quit the market."
    quotes = quotes_of(text)
    said = next(q for q in quotes if q["cue"] == "said")
    suggested = next(q for q in quotes if q["cue"] == "suggested")
    assert said["content"] == "the country would leave the union"
    assert suggested["speaker"] == "Anna Berg"


def test_told_and_said_this_week_start_content_at_the_clause():
    [quote] = quotes_of("Minister Anna Berg told reporters this week that the talks would resume.")
    assert quote["content"] == "that the talks would resume"


def test_stance_verbs_take_their_object_without_circumstances():
    [quote] = quotes_of("Senator Paul Grey praised the new budget during a visit to Oslo on Monday.")
    assert quote["cue"] == "praised" and quote["content"] == "the new budget"


def test_finding_verbs_report_their_clause():
    [quote] = quotes_of("The new survey shows that most voters oppose the plan.")
    assert quote["cue"] == "shows" and quote["content"] == "that most voters oppose the plan"


def test_passive_report_without_agent_has_no_speaker():
    quotes = quotes_of("The minister is expected to resign before the end of the month.")
    assert [q["speaker"] for q in quotes] == [None]


def test_time_of_day_is_not_a_speaker():
    [quote] = quotes_of("12:15 p.m. Senator Paul Grey says the vote will be held today.")
    assert quote["speaker"] == "Paul Grey"
    [quote] = quotes_of("“We are ready for the vote,” said Tuesday the spokesman of the ministry.")
    assert "Tuesday" not in quote["speaker_text"]


def test_split_quote_with_two_reports_is_two_quotes():
    text = ("“The budget is a disaster for every family in the county,” Mayor Tom Reed said, adding, "
            "“We will fight it in the council next week.”")
    first, second = quotes_of(text)
    assert first["content"] == "“The budget is a disaster for every family in the county,”"
    assert first["cue"] == "said" and first["speaker"] == "Tom Reed"
    assert second["content"] == "“We will fight it in the council next week.”"
    assert second["cue"] == "adding" and second["speaker"] == "Tom Reed"


def test_split_quote_with_a_long_reporting_clause_is_one_quote_without_the_clause():
    text = ("“It is over for the mine,” said Peter Hale, a lawyer for the Green River Trust who has "
            "fought the mining companies over water pollution in three states for many years. "
            "“We won this fight.”")
    [quote] = quotes_of(text)
    assert quote["pieces"] == ["“It is over for the mine,”", "“We won this fight.”"]
    assert quote["speaker"] == "Peter Hale" and quote["cue"] == "said"


def test_quote_only_reporting_verb_after_the_quote():
    [quote] = quotes_of("“And that is why the plant must stay open for good,” Governor Ellen Marsh continued.")
    assert quote["cue"] == "continued" and quote["speaker"] == "Ellen Marsh"


def test_speaker_between_the_closing_mark_and_the_cue_not_inside_the_quote():
    # The parse may take a word of the quotation ("We") for the subject of "said".
    text = ("“I make this promise to you: We will achieve justice in this case,” Police Chief Carl Ortega "
            "said Monday. “I want to assure our community of that.”")
    quote = quotes_of(text)[0]
    assert quote["speaker"] == "Carl Ortega"


def test_trailing_date_is_not_an_inverted_speaker():
    text = "“Our assumption is that the veto will be overridden,” Senator Ann Wolfe, R-Ky., said Tuesday."
    [quote] = quotes_of(text)
    assert quote["speaker"] == "Ann Wolfe"


def test_colon_introduction_in_the_previous_paragraph():
    text = ("Radio host Dan Miller continued:\n\n"
            "“They are demanding this, and they are putting all kinds of pressure on the moderator.”")
    [quote] = quotes_of(text)
    assert quote["speaker"] == "Dan Miller" and quote["cue"] == "continued"


def test_colon_introduction_with_any_verb_and_a_subject():
    text = "Senator Rosa Grant released the following statement: “This bill protects every worker in the state.”"
    [quote] = quotes_of(text)
    assert quote["speaker"] == "Rosa Grant" and quote["cue"] == "released"


def test_bare_reporting_sentence_before_the_quote():
    text = "Mayor Lena Ford said Tuesday. “We will rebuild the bridge before the winter comes.”"
    [quote] = quotes_of(text)
    assert quote["speaker"] == "Lena Ford"


def test_noun_cue_with_a_that_clause():
    [quote] = quotes_of("Senator Bob Kerr's claim that the tax cut pays for itself was widely disputed.")
    assert quote["cue"] == "claim" and quote["speaker"] == "Bob Kerr"
    assert quote["content"] == "that the tax cut pays for itself"


def test_noun_cue_held_by_the_subject_of_its_verb():
    [quote] = quotes_of("Governor Amy Price stood by the claim that the dam could fail in a storm.")
    assert quote["cue"] == "claim" and quote["speaker"] == "Amy Price"


def test_stance_verbs_measured_on_train():
    [quote] = quotes_of("Senator Ray Cole denounced the new tariffs on steel imports.")
    assert quote["cue"] == "denounced" and quote["content"] == "the new tariffs on steel imports"
