"""The HTTP API and pages over a PostgreSQL store answer as they do over SQLite."""
import os
import uuid

import pytest

from chronicle.store import open_store

URL = os.environ.get("CHRONICLE_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="CHRONICLE_TEST_POSTGRES is not set: start a server with "
                                "eval \"$(bash .ci/postgres.sh)\" to run the PostgreSQL API tests")


@pytest.fixture(scope="module")
def pg_client(specimen):
    import psycopg
    from fastapi.testclient import TestClient

    from chronicle.api import create_app

    name = f"api_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not user text
    url = URL.rsplit("/", 1)[0] + "/" + name
    with open_store(url) as store:
        store.add(specimen)
    yield TestClient(create_app(url))
    with psycopg.connect(URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_search_quotes_and_pages_work_on_postgres(pg_client, specimen):
    found = pg_client.get("/api/articles", params={"q": "negotiations Kremlin"}).json()["items"]
    assert [a["id"] for a in found] == [specimen.id]
    quotes = pg_client.get("/api/quotes", params={"speaker": "Podolyak"}).json()["items"]
    assert len(quotes) >= 3
    assert pg_client.get(f"/articles/{specimen.id}").status_code == 200
    assert "conditional" in pg_client.get("/actors/Russia").text
    assert pg_client.get("/", params={"q": "Podolyak"}).status_code == 200
