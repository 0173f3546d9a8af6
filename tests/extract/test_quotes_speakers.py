"""Quote rules of issue 3's second round: speakers of participles and labels, short utterances,
content boundaries. The examples are made up for these tests; none is taken from PolNeAR.
"""
from tests.extract.test_quotes import quotes_of


def quote_with(found, words):
    [quote] = [q for q in found if words in q["content"]]
    return quote


# Speakers ----------------------------------------------------------------------------------------

def test_nearest_of_two_subjects_speaks():
    # the parse takes "New Hampshire" for a second subject of "went"
    text = "Speaking at a rally in Salem, New Hampshire, Whitfield went after Jones, calling him “a total loser.”"
    quote = quote_with(quotes_of(text), "total loser")
    assert quote["speaker_text"] == "Whitfield"


def test_participle_after_a_comma_takes_the_subject_of_the_clause_before():
    text = ("Whitfield seemed ready to talk about the storm in Dayton, telling the crowd, "
            "“Some people get carried away with the weather, have you noticed that?”")
    quote = quote_with(quotes_of(text), "carried away")
    assert quote["speaker_text"] == "Whitfield"


def test_participle_with_tell_does_not_make_the_hearers_speak():
    # the parse hangs "telling" on a verb of the quote: the clause before the comma speaks
    text = ("Whitfield didn’t seem impressed with the council’s plan Tuesday, telling reporters, "
            "“A lot of people said the mayor should step down.”")
    quote = quote_with(quotes_of(text), "step down")
    assert quote["speaker_text"] == "Whitfield"


def test_person_right_before_a_participle_speaks():
    # the parse hangs "asking" on "uses", whose subject is the spot
    text = "The spot uses a clip of Mark Jensen asking, “Why aren’t we building the bridge, you might ask?”"
    quote = quote_with(quotes_of(text), "building the bridge")
    assert quote["speaker"] == "Mark Jensen"


def test_a_person_of_an_age_is_not_a_date():
    text = ("“The bridge will open in November and the tolls will stay low,” said the 46-year-old.")
    quote = quote_with(quotes_of(text), "tolls")
    assert quote["speaker_text"] == "the 46-year-old"


def test_name_the_parse_made_part_of_the_verb_speaks():
    # the parse makes "Whitfield" a compound of "joked" after the closing mark
    text = ("When a man in the crowd yelled, “Taxes,” Whitfield joked, again in a deep voice, "
            "“Amen, brother! Come on up and pay them!”")
    quote = quote_with(quotes_of(text), "pay them")
    assert quote["speaker_text"] == "Whitfield"


def test_name_and_colon_before_a_quotation_label_it():
    text = ("Turnout was lower than forecast - Dana Whitfield: “Our models missed the late deciders in "
            "the rural counties this year, and we will fix that.”")
    quote = quote_with(quotes_of(text), "late deciders")
    assert quote["speaker"] == "Dana Whitfield"
    assert quote["cue"] == ":"


def test_more_from_a_name_and_colon():
    text = ("The survey was published on Monday. More from the report: “Samples with longer field "
            "periods produced more accurate results than the rest.”")
    quote = quote_with(quotes_of(text), "longer field")
    assert quote["speaker_text"] == "the report"


def test_a_heading_before_a_colon_is_no_label():
    text = "UPDATE: “The bridge will stay closed for another week,” the city said."
    quote = quote_with(quotes_of(text), "another week")
    assert quote["speaker_text"] == "the city"


# Short utterances --------------------------------------------------------------------------------

def test_short_utterance_at_its_reporting_verb_is_a_quote():
    text = "The mayor was asked where the new depot would go. “Denver,” he answered."
    quote = quote_with(quotes_of(text), "Denver")
    assert quote["content"] == "“Denver,”"
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "he"


def test_short_scare_quote_is_not_a_quote():
    text = "The council approved what it called a “modest increase” in fares on Monday."
    assert not [q for q in quotes_of(text) if q["content"] == "“modest increase”"]


# Content boundaries ------------------------------------------------------------------------------

def test_dash_after_a_quoted_fragment_ends_the_content():
    text = ("Whitfield dismissed the plan as a “road to nowhere” — a phrase her critics have used "
            "against her own projects for years.")
    quote = quote_with(quotes_of(text), "road to nowhere")
    assert quote["content"].endswith("“road to nowhere”")


def test_promise_stops_before_a_clause_with_its_own_subject():
    text = ("Whitfield is promising lower fares and “buses every ten minutes,” but she has also "
            "raised parking fees across the city.")
    quote = quote_with(quotes_of(text), "buses every ten minutes")
    assert "parking" not in quote["content"]


def test_a_second_that_clause_is_part_of_the_content():
    text = ("Whitfield said the tests were “inconclusive” and that the footage released by the family "
            "did not show who fired first.")
    quote = quote_with(quotes_of(text), "inconclusive")
    assert quote["content"].endswith("who fired first")
    assert quote["speaker_text"] == "Whitfield"


def test_quoted_fragment_finishing_a_reported_clause_takes_the_clause():
    text = "Whitfield told one of her oldest friends on a regular basis that “the council is afraid of the voters.”"
    quote = quote_with(quotes_of(text), "afraid of the voters")
    assert quote["content"] == "that “the council is afraid of the voters.”"
    assert quote["kind"] == "mixed"
    assert quote["speaker_text"] == "Whitfield"


def test_quotation_without_a_reporting_verb_is_the_sentence_subjects():
    text = ("In recent weeks, Whitfield has gone after the council as a “bunch of cowards who fear "
            "the voters” and a “disgrace.”")
    quote = quote_with(quotes_of(text), "bunch of cowards")
    assert quote["speaker_text"] == "Whitfield"
    assert quote["cue"] == "gone"


def test_quotation_standing_alone_after_a_sentence_about_a_person():
    text = ("“We will not raise the fares,” the mayor said on Monday.\n\n"
            "Council member Anna Kowalska, who lost the primary to Whitfield, spoke about the bridge "
            "for an hour on Tuesday.\n\n"
            "“The bridge will open in November, whatever the council says about it today.”")
    quote = quote_with(quotes_of(text), "whatever the council")
    assert quote["speaker"] == "Anna Kowalska"


def test_title_with_a_lower_case_preposition_is_not_a_quote():
    text = "Whitfield spoke about the bridge on “The Morning Hour with Anna Kowalska” last week."
    assert not [q for q in quotes_of(text) if q["kind"] == "direct"]


def test_quotation_with_no_cue_and_no_speaker_is_dropped():
    text = ("The bridge opened in November.\n\n"
            "“Welcome to the new bridge, please drive slowly and enjoy the view.”\n\n"
            "Traffic was light on the first day.")
    assert not [q for q in quotes_of(text) if "drive slowly" in q["content"]]


def test_label_before_a_quotation_is_nearer_than_a_verb_before_it():
    text = ("Pollsters disagree on the late swing in the rural counties - Dana Whitfield: “Our models "
            "missed the late deciders, and we will fix that before the next election.”")
    quote = quote_with(quotes_of(text), "late deciders")
    assert quote["speaker"] == "Dana Whitfield"
    assert quote["cue"] == ":"


def test_according_to_after_the_reporting_clause_is_the_medium_not_the_speaker():
    # PolNeAR names the newspaper as the source; the record keeps who spoke and how it was reported.
    text = ("“The bridge will open in November, whatever the council decides,” Whitfield said at a "
            "press conference, according to the Dayton Herald.")
    quote = quote_with(quotes_of(text), "whatever the council")
    assert quote["speaker_text"] == "Whitfield"
    assert quote["medium"] in ("the Dayton Herald", "press conference")


def test_reported_clause_runs_on_past_a_quoted_fragment():
    text = "Whitfield says “the wind is at our backs” despite her loss to Jensen in the Dayton primary."
    quote = quote_with(quotes_of(text), "wind is at our backs")
    assert quote["content"] == "“the wind is at our backs” despite her loss to Jensen in the Dayton primary"
    assert quote["kind"] == "mixed"


def test_reported_clause_stops_at_a_dash_after_the_fragment():
    text = "Whitfield says “the wind is at our backs” — a line she has used in every campaign."
    quote = quote_with(quotes_of(text), "wind is at our backs")
    assert "campaign" not in quote["content"]
