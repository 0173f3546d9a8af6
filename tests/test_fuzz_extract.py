"""Cleaning and extraction never raise, whatever Unicode text they are given, and every span of
the record slices the text it returns (hypothesis; 10,000 examples, marked slow, run by CI)."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chronicle
from tests.test_spans import assert_spans_slice

# Arbitrary code points (surrogates excluded: a Python str from a reader never holds one, the
# readers replace them), weighted towards what articles are made of: words, quotation marks,
# punctuation, line breaks.
WORDS = st.sampled_from(["Minister", "said", "Monday", "“", "”", '"', "'", "talks", "Russia", "\n\n", "\n", ".",
                         ",", ":", "—", "according to", "told", "on", "2023", "Kyiv", "The", "he", "she"])
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=60).map(" ".join),
)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(text=TEXT, clean=st.booleans())
def test_clean_and_extract_never_raise(text, clean):
    article = chronicle.extract(text, published="2023-02-12", clean=clean)
    assert_spans_slice(article)
