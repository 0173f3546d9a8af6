"""Fixtures for the HTTP API: a store holding the specimen, and apps on it or on fresh stores."""
import pytest

from chronicle.store.sqlite import Store

TOKEN = "test-token-5d1f"

# Untrusted text with markup in the title, a quote, a sentence and a line cleaning drops: the
# pages must show it escaped and never as markup. Ingested cleaned (through the API) and verbatim.
HOSTILE_TEXT = (
    'Freedonia rejects "><img src=x onerror=alert(1)> peace deal\n\n'
    "<script>alert(2)</script>\n\n"
    'WASHINGTON – The minister <b onmouseover="alert(3)">John Smith</b> spoke on Monday.\n\n'
    '“We will not accept "><img src=x onerror=alert(4)> this deal,” said John Smith, the foreign '
    'minister of Freedonia. He added that <a href="javascript:alert(5)" onclick="alert(6)">talks</a>'
    " would resume next week.\n"
)


@pytest.fixture(scope="session", autouse=True)
def extraction_in_process():
    """The apps of these tests extract in the test process (no time budget, so no worker process
    per app); tests/api/test_write_budget.py tests the worker and its budget."""
    from chronicle import settings

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "TIME_BUDGET", 0)
        yield


@pytest.fixture(scope="session")
def api_db(tmp_path_factory, specimen):
    """A store holding the specimen article, published 2023-02-12 (extracted once per session)."""
    assert specimen.published == "2023-02-12"
    path = tmp_path_factory.mktemp("api") / "chronicle.db"
    with Store(path) as store:
        assert store.add(specimen)
    return path


@pytest.fixture(scope="session")
def client(api_db):
    """A read-only app on the specimen store."""
    from fastapi.testclient import TestClient

    from chronicle.api import create_app

    return TestClient(create_app(api_db))


@pytest.fixture
def writer_db(tmp_path):
    return tmp_path / "w.db"


@pytest.fixture
def writer(writer_db):
    """An app on a fresh store that accepts POST /api/articles with TOKEN."""
    from fastapi.testclient import TestClient

    from chronicle.api import create_app

    return TestClient(create_app(writer_db, write_token=TOKEN))
