"""Time expressions: the tagger and the resolver, expression class by expression class."""
import pytest

from chronicle.extract.nlp import get_nlp
from chronicle.extract.times import find_times, sentence_date
from chronicle.extract.times.resolve import NO_PUBLISHED
from chronicle.extract.times.values import duration_value, parse_number

# The cleaned body of the reference article (../shared/specimen/article.txt), published 2023-02-12.
SPECIMEN = (
    "In a televised interview today, Russian Deputy Foreign Minister Sergei Vershinin invited "
    "Ukraine to peace negotiations, but without any conditions and \u201con the basis of the reality "
    "that exists\u201d. The adviser to the head of the Ukrainian presidential office, Mykhaylo "
    "Podoljak, immediately called the offer another proof that negotiations are now meaningless, "
    "that Russia does not intend to give up the occupied Ukrainian territories and that only "
    "Ukraine's victory in the war will ensure peace in Europe.\n\n"
    "The invasion of Ukraine by Russian troops on the orders of President Vladimir Putin 353 days "
    "ago unleashed the largest land conflict in Europe since the end of World War II, which has "
    "claimed tens of thousands of lives and displaced millions of people.\n\n"
    "The draft resolution submitted to the UN General Assembly by supporters of Ukraine on the eve "
    "of the Russian invasion, emphasizes the necessity to reach a peace that would ensure the "
    "\u201csovereignty, independence, unity and territorial integrity\u201d of Ukraine, writes the "
    "Russian editors of the BBC. The UN Security Council negotiations on Ukraine should continue "
    "on February 22, and the following day a vote should be taken on the proposal, which, according "
    "to diplomats, was received by all member states except Russia and Belarus."
)


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def times_of(nlp, text, published="2023-02-12"):
    return find_times(nlp(text), published)


def only(nlp, text, published="2023-02-12"):
    """The single time expression of ``text``."""
    found = times_of(nlp, text, published)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


# -- the reference article ---------------------------------------------------------------------

def test_specimen_times_resolve_against_publication_and_previous_date(nlp):
    found = {t.text: t for t in times_of(nlp, SPECIMEN, "2023-02-12")}
    assert found["today"].value == "2023-02-12"
    assert found["today"].anchor == "published"
    assert found["353 days ago"].value == "2022-02-24"
    assert found["February 22"].value == "2023-02-22"
    following = found["the following day"]
    # Anaphoric: the day after February 22, not after the publication date.
    assert following.value == "2023-02-23"
    assert following.anchor == found["February 22"].id


def test_specimen_ids_and_spans(nlp):
    doc = nlp(SPECIMEN)
    found = find_times(doc, "2023-02-12")
    assert [t.id for t in found] == [f"t{i}" for i in range(1, len(found) + 1)]
    assert [t.span for t in found] == sorted(t.span for t in found)
    for t in found:
        assert doc.text[t.span[0]:t.span[1]] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_specimen_without_publication_date_keeps_relative_values_empty(nlp):
    found = {t.text: t for t in times_of(nlp, SPECIMEN, None)}
    assert found["today"].value is None
    assert found["today"].reason == NO_PUBLISHED
    assert found["353 days ago"].value is None
    assert found["February 22"].value is None
    assert found["the following day"].value is None and found["the following day"].reason


def test_specimen_quote_is_dated_by_its_sentence(nlp):
    doc = nlp(SPECIMEN)
    found = find_times(doc, "2023-02-12")
    start = SPECIMEN.index("The UN Security Council")
    day, tid = sentence_date(doc, start, start + 40, found, "2023-02-12")
    assert (day, next(t.text for t in found if t.id == tid)) == ("2023-02-22", "February 22")
    start = SPECIMEN.index("The draft resolution")
    assert sentence_date(doc, start, start + 20, found, "2023-02-12") == ("2023-02-12", None)


# -- resolution, class by class ------------------------------------------------------------------

CASES = [
    # (sentence, published, expected text, type, value)
    # absolute dates
    ("The deal was signed on Feb. 22, 2023.", None, "Feb. 22, 2023", "DATE", "2023-02-22"),
    ("The deal was signed on 22 February 2023.", None, "22 February 2023", "DATE", "2023-02-22"),
    ("The law took effect on 2021-03-04.", None, "2021-03-04", "DATE", "2021-03-04"),
    ("Prices peaked in March 1996.", None, "March 1996", "DATE", "1996-03"),
    ("The plant opened in 1988.", None, "1988", "DATE", "1988"),
    ("It was founded in nineteen ninety-six.", None, "nineteen ninety-six", "DATE", "1996"),
    # month and day without a year: the tense picks the year
    ("The talks will resume on March 3.", "2023-02-12", "March 3", "DATE", "2023-03-03"),
    ("The company sold the unit on Dec. 15.", "2023-02-12", "Dec. 15", "DATE", "2022-12-15"),
    ("The dividend is payable Jan. 2.", "1989-11-02", "Jan. 2", "DATE", "1990-01-02"),
    # month names
    ("Sales rose in January.", "2023-02-12", "January", "DATE", "2023-01"),
    ("The company was sold last November.", "1989-11-02", "last November", "DATE", "1988-11"),
    ("The summit will be held in April.", "1998-12-05", "April", "DATE", "1999-04"),
    # weekdays: past tense looks back, future tense ahead
    ("The minister resigned on Friday.", "2023-02-12", "Friday", "DATE", "2023-02-10"),
    ("The minister will resign on Friday.", "2023-02-12", "Friday", "DATE", "2023-02-17"),
    ("The vote took place last Tuesday.", "2023-02-12", "last Tuesday", "DATE", "2023-02-07"),
    # today, yesterday, tomorrow
    ("He spoke yesterday.", "2023-02-12", "yesterday", "DATE", "2023-02-11"),
    ("He will speak tomorrow.", "2023-02-12", "tomorrow", "DATE", "2023-02-13"),
    # last/next/this week, month, year
    ("Talks stalled last week.", "2023-02-12", "last week", "DATE", "2023-W05"),
    ("Talks resume next month.", "2023-02-12", "next month", "DATE", "2023-03"),
    ("Growth slowed this year.", "2023-02-12", "this year", "DATE", "2023"),
    ("Prices fell earlier this month.", "2023-02-12", "earlier this month", "DATE", "2023-02"),
    ("He was elected last year.", "2023-02-12", "last year", "DATE", "2022"),
    # N units ago
    ("They met three years ago.", "2023-02-12", "three years ago", "DATE", "2020"),
    ("They met two months ago.", "2023-02-12", "two months ago", "DATE", "2022-12"),
    ("The war began 353 days ago.", "2023-02-12", "353 days ago", "DATE", "2022-02-24"),
    # quarters, halves, seasons, decades, centuries
    ("Third-quarter profit rose.", "1989-11-02", "Third-quarter", "DATE", "1989-Q3"),
    ("Profit rose in the fourth quarter of 1990.", None, "the fourth quarter of 1990", "DATE", "1990-Q4"),
    ("Losses widened in the latest quarter.", "1989-11-02", "the latest quarter", "DATE", "1989-Q3"),
    ("Sales grew in the first half of 2022.", None, "the first half of 2022", "DATE", "2022-H1"),
    ("The plant closed last summer.", "1989-11-02", "last summer", "DATE", "1989-SU"),
    ("The bank failed in the winter of 1994.", None, "the winter of 1994", "DATE", "1994-WI"),
    ("Crime fell in the 1990s.", None, "the 1990s", "DATE", "199"),
    ("It was built in the late 1970s.", None, "the late 1970s", "DATE", "197"),
    ("It was built in the 19th century.", None, "the 19th century", "DATE", "18"),
    # durations, numbers in words
    ("He served three years in prison.", None, "three years", "DURATION", "P3Y"),
    ("The meeting lasted twenty-five minutes.", None, "twenty-five minutes", "DURATION", "PT25M"),
    ("The loan runs 2 1/2 years.", None, "2 1/2 years", "DURATION", "P2Y6M"),
    ("Prices rose over the past three months.", None, "the past three months", "DURATION", "P3M"),
    ("They signed a two-year contract.", None, "two-year", "DURATION", "P2Y"),
    ("The talks took several days.", None, "several days", "DURATION", "PXD"),
    ("The ceasefire held for more than four hours.", None, "more than four hours", "DURATION", "PT4H"),
    # sets
    ("The council meets every Friday.", None, "every Friday", "SET", "XXXX-WXX-5"),
    ("The paper is published weekly.", None, "weekly", "SET", "P1W"),
    ("The festival is held each July.", None, "each July", "SET", "XXXX-07"),
    # times of day
    ("The session opens at 2 p.m.", "2023-02-12", "2 p.m.", "TIME", "2023-02-12T14:00"),
    ("Polls close at 10 p.m. Wednesday.", "2023-02-12", "10 p.m. Wednesday", "TIME", "2023-02-08T22:00"),
    ("He spoke this morning.", "2023-02-12", "this morning", "TIME", "2023-02-12TMO"),
    # reference words
    ("Talks are now meaningless.", "2023-02-12", "now", "DATE", "PRESENT_REF"),
    ("He currently leads the party.", "2023-02-12", "currently", "DATE", "PRESENT_REF"),
    ("She recently resigned.", "2023-02-12", "recently", "DATE", "PAST_REF"),
    ("Nobody knows what the future holds.", "2023-02-12", "the future", "DATE", "FUTURE_REF"),
]


@pytest.mark.parametrize("sentence, published, text, type_, value", CASES)
def test_expression_class_resolves(nlp, sentence, published, text, type_, value):
    found = only(nlp, sentence, published)
    assert (found.text, found.type, found.value) == (text, type_, value)


def test_absolute_date_needs_no_publication_date(nlp):
    found = only(nlp, "The deal was signed on Feb. 22, 2023.", None)
    assert (found.value, found.anchor) == ("2023-02-22", "absolute")


def test_relative_date_without_publication_date_says_why(nlp):
    found = only(nlp, "He spoke yesterday.", None)
    assert found.value is None and found.anchor is None
    assert found.reason == NO_PUBLISHED


def test_units_later_is_relative_to_the_previous_date(nlp):
    found = times_of(nlp, "The talks began on March 3, 2022. Two weeks later, they collapsed.", "2023-02-12")
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("March 3, 2022", "2022-03-03", "absolute"),
        ("Two weeks later", "2022-03-17", "t1"),
    ]


def test_next_day_is_relative_to_the_previous_date(nlp):
    found = times_of(nlp, "He arrived on June 5, 2020, and left the next day.", None)
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("June 5, 2020", "2020-06-05", "absolute"),
        ("the next day", "2020-06-06", "t1"),
    ]


def test_year_ago_in_a_quarterly_report_is_the_quarter_a_year_before(nlp):
    text = "Net income rose in the third quarter from $5 million a year earlier."
    found = times_of(nlp, text, "1989-11-02")
    assert [(t.text, t.value) for t in found] == [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]
    assert found[1].anchor == "t1"


def test_former_is_not_a_time_expression(nlp):
    # TimeBank marks none of its 31 "former"s: "former president" names a role, not a time.
    assert times_of(nlp, "The former president spoke.", "2023-02-12") == []


def test_ages_and_rates_are_not_time_expressions(nlp):
    assert times_of(nlp, "The 52-year-old earns $5 million a year.", "2023-02-12") == []


def test_may_the_verb_is_not_a_month(nlp):
    assert times_of(nlp, "Prices may rise.", "2023-02-12") == []
    assert only(nlp, "Prices rose in May.", "2023-02-12").value == "2022-05"


@pytest.mark.parametrize("words, number", [
    ("three", 3), ("twenty-five", 25), ("twenty five", 25), ("a", 1), ("a couple of", 2),
    ("2 1/2", 2.5), ("one and a half", 1.5), ("12", 12), ("several", None),
])
def test_parse_number(words, number):
    assert parse_number(words) == number


@pytest.mark.parametrize("n, unit, value", [
    (3, "Y", "P3Y"), (2, "H", "PT2H"), (None, "M", "PXM"), (2, "DE", "P20Y"), (1.5, "TM", "PT1M30S"),
])
def test_duration_value(n, unit, value):
    assert duration_value(n, unit) == value


def test_sentence_date_prefers_the_date_governed_by_the_range(nlp):
    text = "On Monday, the minister said the vote held on Friday was fair."
    doc = nlp(text)
    found = find_times(doc, "2023-02-12")
    start = text.index("held")
    day, tid = sentence_date(doc, start, start + len("held"), found, "2023-02-12")
    assert (day, next(t.text for t in found if t.id == tid)) == ("2023-02-10", "Friday")


def test_this_weekend_resolves_to_the_weekend_of_publication():
    from chronicle.extract.nlp import get_nlp

    [t] = find_times(get_nlp()("In an interview this weekend, the president spoke."), "2023-02-15")
    assert t.text == "this weekend" and t.value == "2023-W07-WE"


@pytest.mark.parametrize("phrase", ["a fortnight ago", "two fortnights later", "a fortnight earlier"])
def test_fortnights_resolve_without_error(phrase):
    from chronicle.extract.nlp import get_nlp

    times = find_times(get_nlp()(f"On March 1, 2005 he arrived, and {phrase} he left."), "2005-03-10")
    assert any(t.value for t in times)


def test_a_shift_past_the_calendar_gives_no_value_and_a_reason():
    from chronicle.extract.nlp import get_nlp

    [t] = find_times(get_nlp()("It happened 99999 years ago."), "2023-02-15")
    assert t.value is None and "range" in t.reason
