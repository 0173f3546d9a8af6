"""Shared fixtures: the specimen article and its record, and where ../shared lives."""
import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts) -> Path:
    """A path under ../shared, or skip the test with the reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared gold data and corpora, present in CI), which is absent")
    return path


@pytest.fixture(scope="session")
def specimen_text() -> str:
    return (DATA / "specimen_article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def specimen_expected() -> dict:
    return json.loads((DATA / "specimen_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def specimen(specimen_text, specimen_expected):
    """The record of the specimen, extracted once per test session."""
    from chronicle import extract

    return extract(specimen_text, published=specimen_expected["published"], source="specimen_article.txt")


@pytest.fixture
def explode_in_quotes(monkeypatch):
    """Quote finding raises RuntimeError("boom") on any text holding the word EXPLODE: an
    extractor bug on one article, for the tests of failure isolation. Extraction stays in this
    process (no time budget, so no worker process), where the patch applies."""
    import chronicle.extract.quotes as quotes
    from chronicle import settings

    monkeypatch.setattr(settings, "TIME_BUDGET", 0)

    real = quotes.find_quotes

    def flaky(doc, actors):
        if "EXPLODE" in doc.text:
            raise RuntimeError("boom")
        return real(doc, actors)

    monkeypatch.setattr(quotes, "find_quotes", flaky)
