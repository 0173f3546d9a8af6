"""Quote rules added for PolNeAR (issue 3): labelled lines, mark pairing, mixed quotes, speakers.

The examples are made up for these tests; none is taken from PolNeAR.
"""
import pytest

from chronicle.extract.quotes.marks import find_quotations
from tests.extract.test_quotes import quotes_of


def spans(text):
    return [text[q.start:q.end] for q in find_quotations(text)]


# "NAME: text" lines --------------------------------------------------------------------------------

def test_transcript_turns_belong_to_the_named_speaker():
    text = ("The minister took questions on the radio.\n\n"
            "HOST: Will the new bridge open before the winter comes?\n\n"
            "KOWALSKA: We expect the first cars on it in November, if the weather holds.")
    found = quotes_of(text)
    assert {q["content"]: q["speaker_text"] for q in found} == {
        "Will the new bridge open before the winter comes?": "HOST",
        "We expect the first cars on it in November, if the weather holds.": "KOWALSKA",
    }
    assert all(q["cue"] == ":" for q in found)


def test_headline_with_a_speaker_label():
    text = "Anna Kowalska: The Bridge Will Open in November.\n\nThe minister spoke on Monday."
    [quote] = [q for q in quotes_of(text) if q["cue"] == ":"]
    assert quote["content"] == "The Bridge Will Open in November."
    assert quote["speaker_text"] == "Anna Kowalska"


def test_label_that_names_no_speaker_is_not_a_quote():
    text = "UPDATE: The council postponed its vote on the budget until next week.\n\nMore follows."
    assert not [q for q in quotes_of(text) if q["cue"] == ":"]


def test_quoted_transcript_turn_runs_over_the_excerpt_paragraphs():
    text = ('The station released the exchange:\n\n'
            '"HOST: What will you do about the bridge?\n\n'
            '"KOWALSKA: We will finish it this year.\n\n'
            '"It has taken far too long already, and people are tired of waiting.\n\n'
            '"(LAUGHTER.)"')
    found = {tuple(q["pieces"]): q["speaker_text"] for q in quotes_of(text)}
    # One turn in two pieces, without the excerpt's marks opening its paragraphs.
    assert found[("We will finish it this year.",
                  "It has taken far too long already, and people are tired of waiting.")] == "KOWALSKA"


# Quotation marks ------------------------------------------------------------------------------------

def test_curly_quotation_inside_a_straight_excerpt_is_nested():
    text = '"The mayor arrived late and said “the bridge is safe” before leaving the room."'
    assert spans(text) == [text]


def test_straight_mark_closing_a_curly_quotation():
    text = 'He saw “no evidence" of foul play, the sheriff said, and "no reason to worry."'
    assert spans(text) == ['“no evidence"', '"no reason to worry."']


def test_straight_quotation_nested_in_a_curly_one():
    text = '“They told me "wait and see" and then nothing happened,” she said.'
    assert spans(text) == ['“They told me "wait and see" and then nothing happened,”']


def test_closing_mark_typed_for_an_opening_one():
    text = "The reply came fast.\n\n”We are not going anywhere, and we never were.” she wrote."
    assert spans(text) == ["”We are not going anywhere, and we never were.”"]


def test_opening_mark_typed_for_a_closing_one():
    text = "The fact-checkers rated the claim “Mostly False.“ The campaign did not reply."
    assert spans(text) == ["“Mostly False.“"]


def test_paragraph_opening_with_a_curly_mark_ends_an_unclosed_straight_excerpt():
    # A straight-mark excerpt carries on over paragraphs that open with the same mark; one
    # opening with a curly mark is the article's own quotation, with its own speaker.
    text = ('The report went on:\n\n"The mayor walked onto the stage, waving.\n\n'
            '“That’s the one we wanted,” Anna said to her neighbour.')
    assert spans(text)[-1] == "“That’s the one we wanted,”"
    assert {q["content"]: q["speaker_text"] for q in quotes_of(text)}["“That’s the one we wanted,”"] == "Anna"


def test_curly_quotation_inside_a_curly_one_is_nested():
    # Typed without single marks: the inner pair must not end the outer quotation.
    text = "“I would rather live in what he calls “chaos” than in his order.” ― Anna Kowalska"
    assert spans(text) == [text[:text.index(" ―")]]


def test_curly_mark_opening_a_new_line_is_not_nested():
    # An unclosed quotation running over a line: the mark opening the next line starts no inner
    # quotation, so the first closing mark still ends it.
    text = "“We will build it, and then we will see\n“Nobody asked us,” the mayor said, “and nobody will.”"
    assert spans(text)[-1] == "“and nobody will.”"


def test_apostrophe_eliding_a_century_or_letters_opens_no_quotation():
    text = "In the '80s she played rock 'n' roll, and 'em all said 'no way' to the plan."
    assert spans(text) == ["'no way'"]


# Mixed quotes -----------------------------------------------------------------------------------------

def test_relative_clause_inside_the_content_is_not_a_nested_report():
    text = "Mayor Anna Kowalska says that she is a “builder at heart” who wants to finish the bridge."
    [quote] = [q for q in quotes_of(text) if q["cue"] == "says"]
    assert quote["content"] == "that she is a “builder at heart” who wants to finish the bridge"


def test_quotation_reported_by_the_same_verb_joins_its_clause():
    text = ("The engineer says there is no one on the council is “ready to sign off on the bridge,” "
            "the last step before the opening.")
    [quote] = quotes_of(text)
    assert quote["content"] == "there is no one on the council is “ready to sign off on the bridge,”"
    assert quote["speaker_text"] == "The engineer"
    assert quote["kind"] == "mixed"


def test_date_after_a_quoted_fragment_is_not_content():
    text = "The senator called the plan a “reckless gamble” Wednesday on a local radio show."
    [quote] = quotes_of(text)
    assert quote["content"] == "the plan a “reckless gamble”"


def test_statement_after_a_colon_belongs_to_the_clause_that_signs_it():
    # The parse hangs the sentence before the colon on "wrote" as well; the statement after
    # the colon is the union's, not the clause's.
    text = ("The statement also described the effect it said the plan would have on workers: "
            "“Our members will not accept cuts to their pensions, now or later,” the union wrote.")
    found = {q["content"]: q["speaker_text"] for q in quotes_of(text)}
    assert found["“Our members will not accept cuts to their pensions, now or later,”"] == "the union"


# Speakers -------------------------------------------------------------------------------------------

def test_circumstances_after_the_verb_are_not_an_inverted_speaker():
    text = ("“The bridge will be finished this year and nobody will stop it,” Anna Kowalska, the "
            "mayor of the town, one of the cities building it, said at a meeting this week.")
    [quote] = quotes_of(text)
    assert quote["speaker_text"] != "at a meeting this week"
    assert "Kowalska" in quote["speaker_text"]


def test_noun_right_before_the_verb_speaks_when_the_parse_gave_no_subject():
    for text, name in [
        ("Monday in Chicago, while on the road for his sister, the candidate Maria Lopez, former "
         "governor Tom Lopez said his sister was the best choice for the state.", "Tom Lopez"),
        ("Tuesday in Denver, while campaigning for his daughter, the Senate hopeful Emma Hart, "
         "former mayor John Hart said she would fix the roads.", "John Hart"),
    ]:
        [quote] = quotes_of(text)
        assert quote["speaker"] == name
        assert quote["cue"] == "said"


def test_verb_casting_its_object_as_a_quoted_phrase_reports_it():
    # "admire" is no reporting verb, but "admires X as “…”" characterises X in quoted words.
    text = "Mayor Anna Kowalska openly admires the new harbour plan as a “bold vision,” aides say."
    found = [q for q in quotes_of(text) if q["cue"] == "admires"]
    assert [(q["content"], q["speaker_text"]) for q in found] == [
        ("the new harbour plan as a “bold vision,”", "Anna Kowalska")]


def test_quoted_phrase_after_as_is_what_a_relative_clause_reports():
    # "X that she described as “…”": the object is the relative pronoun; the quotation is content.
    text = "Traffic stopped after a collapse that Mayor Anna Kowalska described as “a preventable disaster.”"
    found = [q for q in quotes_of(text) if q["cue"] == "described"]
    assert [(q["content"], q["speaker_text"]) for q in found] == [
        ("as “a preventable disaster.”", "Anna Kowalska")]


def test_likening_to_a_quoted_phrase_reports_it_and_a_spaced_hyphen_ends_it():
    # "liken X to “…”" characterises X; " - " after the closing mark opens the writer's comment.
    text = ('Senator Anna Kowalska likened the new tariffs to "a tax on every family" - a charge '
            'the ministry rejects.')
    found = [q for q in quotes_of(text) if q["cue"] == "likened"]
    assert [(q["content"], q["speaker_text"]) for q in found] == [
        ('the new tariffs to "a tax on every family"', "Anna Kowalska")]


def test_speaker_phrase_stops_at_a_line_break():
    text = ("The Latest on the council race (all times local):\n\n3:20 p.m.\n\nMayor Anna Kowalska "
            "is once again questioning the budget, telling reporters that it “does not add up.”")
    for quote in quotes_of(text):
        assert "\n" not in (quote["speaker_text"] or "")


def test_telling_a_hearer_in_a_sentence_after_the_quote_signs_it():
    # The parse often ends the sentence at “…?”; "told" there has only its hearer as object.
    text = ("“It looks like we are not going to get along with the council, who knows?” Anna Kowalska "
            "told the local radio station in an interview.")
    [quote] = quotes_of(text)
    assert (quote["speaker_text"], quote["cue"]) == ("Anna Kowalska", "told")


def test_name_in_marks_inside_the_speakers_description_does_not_stop_the_search_for_the_cue():
    text = ("“We have had better meetings than this one,” delegate John Miller, wearing a red hat and "
            "“Vote Miller” campaign pins, said quietly.")
    [quote] = [q for q in quotes_of(text) if q["content"].startswith("“We have")]
    assert (quote["cue"], quote["speaker"]) == ("said", "John Miller")


def test_what_names_no_speaker():
    text = ("The town closed the old ferry line, in what is being criticized as a “use it or lose it” "
            "approach to public transport.")
    for quote in quotes_of(text):
        assert quote["speaker_text"] is None


def test_reported_speech_runs_on_past_a_quoted_fragment_to_the_end_of_its_sentence():
    text = ("In a statement, Mayor Anna Kowalska condemned Monday's vote as \"reckless and cynical\" and "
            "a \"grave threat\" to the town's finances. She said the council will appeal.")
    [quote] = [q for q in quotes_of(text) if q["cue"] == "condemned"]
    assert quote["content"] == "Monday's vote as \"reckless and cynical\" and a \"grave threat\" to the town's finances"


def test_reported_speech_stops_at_a_comma_and_a_new_clause():
    text = "Kowalska said the council is “not ready to sign off on the bridge,” but the engineers disagree."
    [quote] = quotes_of(text)
    assert quote["content"] == "the council is “not ready to sign off on the bridge,”"


def test_clause_opening_a_sentence_after_a_finished_quotation_introduces_only_the_next_one():
    text = ('I had to give a new answer: "The bridge will open, I promise." To which the mayor replied, '
            '"It will open in May, whatever you think."')
    found = {tuple(q["pieces"]): q["speaker_text"] for q in quotes_of(text)}
    assert found[('"It will open in May, whatever you think."',)] == "the mayor"
    assert found[('"The bridge will open, I promise."',)] == "I"


def test_quoted_fragment_inside_a_sentence_is_not_the_first_piece_of_a_split_quote():
    text = ('“You squeezed the drivers to the breaking point” to lift the share price, she said, '
            '“and then you blamed them on television.”')
    for quote in quotes_of(text):
        assert len(quote["pieces"]) == 1


def test_quotation_after_a_dash_ending_the_sentence_is_part_of_the_report():
    text = "The mayor asked the crowd to welcome the engineer - “the best builder in the county.”"
    [quote] = [q for q in quotes_of(text) if q["cue"] == "asked"]
    assert quote["content"] == "the crowd to welcome the engineer - “the best builder in the county.”"


def test_quotation_with_no_cue_far_from_the_last_quote_is_not_given_its_speaker():
    # Nothing in the text says the mayor said the last sentence: no quote, rather than a guess.
    text = ("“The bridge is ready for the first cars,” the mayor said.\n\n"
            "The council met on Monday to discuss the costs of the project, which have doubled since "
            "the first plans were drawn up in 2019, and the engineers presented a long report on the "
            "state of the foundations, the river bed and the old supports that were left in place.\n\n"
            "“Nobody will pay for this twice, and nobody should.”")
    assert [q["content"] for q in quotes_of(text)] == ["“The bridge is ready for the first cars,”"]



def test_participle_before_a_passive_clause_is_the_passive_subjects_saying():
    text = ("After saying her left knee was “so swollen I could barely walk,” she was rushed to the "
            "county hospital for tests.")
    [quote] = [q for q in quotes_of(text) if q["cue"] == "saying"]
    assert quote["speaker_text"] == "she"


def test_colon_after_a_subordinate_clause_introduces_that_clauses_subject():
    text = ('The mayor became so upset, and started speaking so quickly, that I had to change my question: '
            '"Of course you can finish the bridge. I was just asking."')
    [quote] = quotes_of(text)
    assert quote["speaker_text"] == "I"


@pytest.mark.parametrize("text, content", [
    ("Aides said she would have to consider Tom Berg, a former mayor who can raise money statewide.",
     "she would have to consider Tom Berg"),
    ("The minister said he expects the bridge to open in May, which would end years of delays.",
     "he expects the bridge to open in May"),
])
def test_a_description_after_a_comma_ends_reported_speech(text, content):
    [quote] = quotes_of(text)
    assert quote["content"] == content
