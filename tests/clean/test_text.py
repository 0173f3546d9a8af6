"""Cleaning of plain-text articles: one test per rule, then the specimen and a BBC sample."""
from pathlib import Path

import pytest

from chronicle.clean.text import (
    CleanedText,
    clean_text,
    normalize_whitespace,
    repair_encoding,
)
from chronicle.records import Removed

DATA = Path(__file__).resolve().parents[1] / "data"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
BBC = SHARED / "corpora" / "bbc_news_2225" / "bbc"

BODY = "The council approved the budget on Tuesday after a long debate."
BODY_2 = "Opposition members said the cuts would hurt the poorest districts."


def article(*lines: str) -> str:
    """Lines as a plain-text article: one paragraph per line, blank lines between."""
    return "\n\n".join(lines) + "\n"


def reasons(result: CleanedText) -> dict[str, str]:
    return {r.text: r.reason for r in result.removed}


# 1. Encoding


def test_mojibake_is_repaired():
    result = clean_text(article("Budget passes", "The mayorâ€™s cafÃ© plan passed."))
    assert result.text == "The mayor’s café plan passed."


def test_curly_quotes_are_kept():
    result = clean_text(article("Budget passes", "“It’s done,” she said."))
    assert result.text == "“It’s done,” she said."


# 2. Whitespace


def test_line_endings_and_inner_whitespace_are_normalised():
    raw = "Budget passes\r\n\r\nThe  council\u00a0approved\tit.\r\rIt was late.\u200b"
    result = clean_text(raw)
    assert result.text == "The council approved it.\n\nIt was late."


def test_normalize_whitespace_keeps_line_breaks():
    assert normalize_whitespace(" a \t b \r\n\r\nc ") == "a b\n\nc"


# 3.-4. Lines, paragraphs and title


def test_title_is_the_first_line_and_not_in_text():
    result = clean_text(article("Council passes budget", BODY, BODY_2))
    assert result.title == "Council passes budget"
    assert result.text == f"{BODY}\n\n{BODY_2}"
    assert result.removed == []


def test_first_line_ending_a_sentence_is_body_not_title():
    result = clean_text(article(BODY, BODY_2))
    assert result.title is None
    assert result.text == f"{BODY}\n\n{BODY_2}"


def test_hard_wrapped_lines_are_joined_but_list_items_are_not():
    raw = (
        "Council passes budget\n\n"
        "The council approved the budget on Tuesday after a debate that\n"
        "lasted well into the night.\n\n"
        "The plan includes:\n"
        "- more money for schools\n"
        "- fewer bus routes\n"
    )
    result = clean_text(raw)
    assert result.text.split("\n\n") == [
        "The council approved the budget on Tuesday after a debate that lasted well into the "
        "night.",
        "The plan includes:",
        "- more money for schools",
        "- fewer bus routes",
    ]


def test_empty_input_gives_empty_result():
    assert clean_text("  \n\n ") == CleanedText(text="", title=None)


# 5. Title copies


def test_repeated_title_is_dropped_and_kept_as_variant():
    title = "Floods cut off villages in the north"
    result = clean_text(article(title, title, BODY))
    assert result.title == title
    assert result.text == BODY
    assert result.title_variants == [title]
    assert result.removed == [Removed(title, "repeated title")]


def test_title_copy_with_site_name_is_a_repeated_title():
    title = "Floods cut off villages in the north"
    result = clean_text(article(title, f"{title} | Daily Courier", BODY))
    assert reasons(result) == {f"{title} | Daily Courier": "repeated title"}


def test_garbled_translation_of_the_title_is_dropped():
    title = "Floods cut off villages in the north, army sends “help”"
    garbled = 'Floods cut off village in north, the army sends " help'
    result = clean_text(article(title, garbled, BODY))
    assert result.text == BODY
    assert result.title_variants == [garbled]
    assert reasons(result) == {garbled: "garbled title copy"}


def test_body_sentence_resembling_a_short_title_is_kept():
    # From the BBC corpus: a short headline and a line of its own body.
    raw = article("Arsenal through on penalties", "Arsenal win 4-2 on penalties", BODY)
    result = clean_text(raw)
    assert result.text == f"Arsenal win 4-2 on penalties\n\n{BODY}"


# 6. Boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Town hall – illustration photo",
        "Illustrative image",
        "Photo: Jan Novak",
        "Flooded streets in the town centre (Photo: Reuters)",
        "Rescuers search the rubble of a building / Reuters",
        "Rescuers search the rubble REUTERS/Gleb Garanich",
        "File photo",
    ],
)
def test_photo_caption_is_dropped(line):
    result = clean_text(article("Council passes budget", line, BODY))
    assert result.text == BODY
    assert reasons(result) == {line: "photo caption"}


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement'; }",
        "googletag.cmd.push(function() { googletag.display('ad-1'); });",
        "});",
        "var slot = 'top';",
    ],
)
def test_script_residue_is_dropped(line):
    result = clean_text(article("Council passes budget", BODY, line, BODY_2))
    assert result.text == f"{BODY}\n\n{BODY_2}"
    assert reasons(result) == {line: "script residue"}


@pytest.mark.parametrize(
    "line",
    ["Advertisement", "ADVERTISEMENT", "Skip Advertisement", "Story continues below advertisement"],
)
def test_advertisement_marker_is_dropped(line):
    result = clean_text(article("Council passes budget", BODY, line, BODY_2))
    assert result.text == f"{BODY}\n\n{BODY_2}"
    assert reasons(result) == {line: "advertisement"}


@pytest.mark.parametrize(
    "line",
    [
        "By John Smith",
        "By John Smith and Jane Doe, BBC News",
        "By Anna Novak, political correspondent",
        "Author: Petr Dvořák",
        "John Smith, Reuters",
    ],
)
def test_byline_is_dropped(line):
    result = clean_text(article("Council passes budget", line, BODY))
    assert result.text == BODY
    assert reasons(result) == {line: "byline"}


def test_sentence_starting_with_by_is_not_a_byline():
    line = "By the end of the year the council hopes to balance its books."
    result = clean_text(article("Council passes budget", line, BODY))
    assert result.text == f"{line}\n\n{BODY}"


@pytest.mark.parametrize(
    "line", ["Share this article", "Follow us on Twitter", "Sign up for our newsletter", "Share"]
)
def test_share_prompt_is_dropped(line):
    result = clean_text(article("Council passes budget", BODY, line))
    assert result.text == BODY
    assert reasons(result) == {line: "share prompt"}


@pytest.mark.parametrize(
    "line",
    ["Read more:", "Read more: Why the budget matters", "See also – Elections", "Related"],
)
def test_read_more_link_is_dropped(line):
    result = clean_text(article("Council passes budget", BODY, line, BODY_2))
    assert result.text == f"{BODY}\n\n{BODY_2}"
    assert reasons(result) == {line: "read more"}


def test_read_more_as_a_sentence_is_kept():
    line = "Read more about the budget in the council's own summary."
    result = clean_text(article("Council passes budget", BODY, line))
    assert result.text == f"{BODY}\n\n{line}"


def test_boilerplate_above_the_title_is_dropped_and_title_still_found():
    result = clean_text(article("Advertisement", "Council passes budget", BODY))
    assert result.title == "Council passes budget"
    assert reasons(result) == {"Advertisement": "advertisement"}


# 8. Dateline


@pytest.mark.parametrize(
    "paragraph, places, body",
    [
        ("Kyiv/Moscow – In a televised interview, the minister spoke.", ["Kyiv", "Moscow"],
         "In a televised interview, the minister spoke."),
        ("WASHINGTON (Reuters) - The Senate voted.", ["WASHINGTON"], "The Senate voted."),
        ("LONDON, Feb 12 (AP) — Drivers went on strike.", ["LONDON"], "Drivers went on strike."),
        ("KYIV, Ukraine — Air raid sirens sounded overnight.", ["KYIV", "Ukraine"],
         "Air raid sirens sounded overnight."),
        ("Prague, 12 February 2023 – The cabinet met.", ["Prague"], "The cabinet met."),
    ],
)
def test_dateline_is_split_off_the_first_paragraph(paragraph, places, body):
    result = clean_text(article("Council passes budget", paragraph, BODY))
    assert result.dateline == places
    assert result.text == f"{body}\n\n{BODY}"
    assert [r.reason for r in result.removed] == ["dateline"]
    assert paragraph.startswith(result.removed[0].text)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Yes – that's what the minister said on Tuesday.",
        "Moscow – not Kyiv – set the terms.",
        "Vote For Me - ITV1's talent contest for would-be politicians - finally hits our screens.",
        "The result – a narrow win – surprised everyone.",
        "Mr Putin – The Kremlin leader – spoke.",
    ],
)
def test_ordinary_sentence_with_a_dash_is_not_a_dateline(paragraph):
    result = clean_text(article("Council passes budget", paragraph, BODY))
    assert result.dateline == []
    assert result.text == f"{paragraph}\n\n{BODY}"


def test_dateline_only_in_the_first_paragraph():
    later = "KYIV, Ukraine — Air raid sirens sounded overnight."
    result = clean_text(article("Council passes budget", BODY, later))
    assert result.dateline == []
    assert result.text == f"{BODY}\n\n{later}"


# The reference article


SPECIMEN_TITLE = "Moscow again talks about peace talks, but “based on reality”"


@pytest.fixture(scope="module")
def specimen() -> CleanedText:
    return clean_text((DATA / "specimen_article.txt").read_text(encoding="utf-8"))


def test_specimen_title(specimen):
    assert specimen.title == SPECIMEN_TITLE


def test_specimen_body_bounds(specimen):
    assert specimen.text.startswith(
        "In a televised interview today, Russian Deputy Foreign Minister Sergei Vershinin"
    )
    assert specimen.text.endswith("the return of forcibly deported persons to their homeland.")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Advertisement'; }",
        "Moscow, Kremlin – illustration photo",
        "Moscow again talks about the measures of some, but \" based on reality",
    ],
)
def test_specimen_boilerplate_removed(specimen, boilerplate):
    assert boilerplate not in specimen.text
    assert boilerplate in [r.text for r in specimen.removed]


def test_specimen_title_at_most_once_in_text(specimen):
    assert specimen.text.count(SPECIMEN_TITLE) <= 1


def test_specimen_dateline(specimen):
    assert specimen.dateline == ["Kyiv", "Moscow"]


def test_specimen_title_variants(specimen):
    assert specimen.title_variants == [
        SPECIMEN_TITLE,
        "Moscow again talks about the measures of some, but \" based on reality",
    ]


def test_specimen_keeps_curly_quotes(specimen):
    assert "“on the basis of the reality that exists”" in specimen.text


# A real corpus: the cleaner must not eat body paragraphs.


def _non_space_chars(text: str) -> int:
    return len("".join(text.split()))


def _bbc_sample(n: int = 200) -> list[Path]:
    files = sorted(BBC.glob("*/*.txt"))
    step = max(1, len(files) // n)
    return files[::step][:n]


@pytest.mark.skipif(not BBC.is_dir(), reason=f"BBC corpus not found at {BBC} (../shared is absent)")
def test_bbc_sample_keeps_title_and_body():
    failures = []
    for path in _bbc_sample():
        # One file of the corpus is Latin-1; replacement characters are fine for this check.
        raw = path.read_bytes().decode("utf-8", errors="replace")
        headline, _, body = raw.partition("\n")
        result = clean_text(raw)
        expected_title = normalize_whitespace(repair_encoding(headline))
        kept = _non_space_chars(result.text) / max(1, _non_space_chars(repair_encoding(body)))
        if result.title != expected_title or kept < 0.95:
            failures.append((path.name, result.title, round(kept, 3), result.removed))
    assert failures == []


def test_known_title_keeps_a_short_first_paragraph_in_the_body():
    from chronicle.clean.text import clean_text

    raw = "Tram line approved\n\nA short opening\n\nThe council voted on Tuesday to extend the line."
    cleaned = clean_text(raw.split("\n\n", 1)[1], title="Tram line approved")
    assert cleaned.title == "Tram line approved"
    assert cleaned.text == "A short opening\n\nThe council voted on Tuesday to extend the line."
    assert clean_text(raw, title="Tram line approved").text == cleaned.text  # copies dropped
