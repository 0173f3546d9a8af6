"""Name keys: spellings and transliterations of one name compare equal, other names do not."""
import pytest

from chronicle.knowledge.names import name_key, same_name


@pytest.mark.parametrize("a, b", [
    ("Podoljak", "Podolyak"), ("Sergei", "Sergey"), ("Mykhaylo", "Mykhailo"), ("Zelensky", "Zelenskyy"),
    ("Volodymyr Zelenskiy", "Volodymyr Zelensky"), ("Mr Khodorkovsky", "Khodorkovskiy"), ("Erdoğan", "Erdogan"),
])
def test_spellings_of_one_name_match(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a, b", [("Putin", "Pushkin"), ("Biden", "Bidet"), ("Ivanov", "Ivanova Petrova"), ("Lee", "Li Wei")])
def test_different_names_do_not_match(a, b):
    assert not same_name(a, b)


def test_key_folds_case_accents_and_titles():
    assert name_key("President ERDOĞAN") == name_key("erdogan")
