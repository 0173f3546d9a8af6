"""The JSON API on the specimen store: every endpoint, pagination, errors and the write token."""
from pathlib import Path

import pytest

from tests.api.conftest import TOKEN

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_openapi_documents_every_api_route(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/actors",
        "/api/actors/{name}/timeline", "/api/events", "/api/stats", "/api/files",
    }
    assert set(paths["/api/articles"]) == {"get", "post"}
    speaker = [p for p in paths["/api/quotes"]["get"]["parameters"] if p["name"] == "speaker"][0]
    assert "alias" in speaker["description"]


def test_docs_describe_every_api_route_and_page(client):
    docs = DOCS.read_text(encoding="utf-8")
    for path in client.get("/api/openapi.json").json()["paths"]:
        assert path in docs, f"{path} is missing from docs/api.md"
    for page in ("/actors/{name}", "/articles/{id}", "/quotes/{article_id}/{quote_id}",
                 "/events/{article_id}/{event_id}", "Authorization: Bearer", "CHRONICLE_WRITE_TOKEN"):
        assert page in docs, f"{page} is missing from docs/api.md"


def test_stats_count_the_specimen(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 1
    assert stats["quotes"] == 8
    assert isinstance(stats["fts"], bool)


def test_articles_list_and_full_record(client, specimen):
    page = client.get("/api/articles").json()
    assert page["next_offset"] is None
    [row] = page["items"]
    assert row["id"] == specimen.id
    assert row["published"] == "2023-02-12"
    assert row["quotes"] == len(specimen.quotes)
    record = client.get(f"/api/articles/{specimen.id}").json()
    assert record == specimen.to_dict()
    quote = record["quotes"][0]
    start, end = quote["content_span"]
    assert record["text"][start:end] == specimen.text[start:end]


def test_articles_search_by_words_in_text(client, specimen):
    found = client.get("/api/articles", params={"q": "victory Podoljak"}).json()["items"]
    assert [row["id"] for row in found] == [specimen.id]
    assert "Podoljak" in found[0]["snippet"] or "victory" in found[0]["snippet"]
    assert client.get("/api/articles", params={"q": "zebra"}).json()["items"] == []


def test_articles_by_actor_any_spelling(client, specimen):
    found = client.get("/api/articles", params={"actor": "Podolyak"}).json()["items"]
    assert [row["id"] for row in found] == [specimen.id]
    both = client.get("/api/articles", params={"actor": "Kremlin", "q": "victory"}).json()["items"]
    assert [row["id"] for row in both] == [specimen.id]
    assert client.get("/api/articles", params={"actor": "Nobody Atall"}).json()["items"] == []


def test_article_search_without_fts_matches_substrings(api_db, specimen):
    from chronicle.store.sqlite import Store

    with Store(api_db) as store:
        store.fts = False
        assert [r["id"] for r in store.search_articles("VICTORY podoljak")] == [specimen.id]
        assert store.search_articles("victory zebra") == []
        assert store.search_articles("100%_") == []


@pytest.mark.parametrize("q", ['NEAR(a b)', '"', 'victory*', 'text:victory', "^victory OR -x", "%_\\"])
def test_articles_search_ignores_fts_syntax(client, q):
    response = client.get("/api/articles", params={"q": q})
    assert response.status_code == 200


def test_unknown_article_is_404(client):
    response = client.get("/api/articles/nope")
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_quotes_paginate_without_gaps_or_repeats(client):
    everything = client.get("/api/quotes").json()["items"]
    assert len(everything) == 8
    pages, offset = [], 0
    while offset is not None:
        page = client.get("/api/quotes", params={"limit": 3, "offset": offset}).json()
        assert page["limit"] == 3 and page["offset"] == offset
        pages.append(page["items"])
        offset = page["next_offset"]
    assert [len(p) for p in pages] == [3, 3, 2]
    assert [q for p in pages for q in p] == everything


def test_quotes_speaker_alias_finds_podoljak(client):
    rows = client.get("/api/quotes", params={"speaker": "Podolyak"}).json()["items"]
    assert len(rows) == 3
    assert {row["speaker"] for row in rows} == {"Mykhaylo Podoljak"}
    row = rows[0]
    assert row["links"] == {
        "page": f"/quotes/{row['article_id']}/{row['quote_id']}",
        "evidence": f"/articles/{row['article_id']}#{row['quote_id']}",
        "api": f"/api/articles/{row['article_id']}",
    }


def test_quotes_filters_combine(client, specimen):
    rows = client.get("/api/quotes", params={"contains": "negotiations", "since": "2023-02-01",
                                             "until": "2023-02", "article": specimen.id}).json()["items"]
    assert rows and all("negotiations" in row["content"].lower() for row in rows)
    assert client.get("/api/quotes", params={"since": "2024-01-01"}).json()["items"] == []


def test_bad_date_is_400_with_the_value(client):
    response = client.get("/api/quotes", params={"since": "last tuesday"})
    assert response.status_code == 400
    assert response.json()["detail"] == "since must be an ISO date such as 2024-03-01, not 'last tuesday'"
    assert client.get("/api/events", params={"until": "soon"}).status_code == 400


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": -1}, {"limit": 501}, {"offset": -1},
                                    {"limit": "ten"}, {"offset": 10**20}])
def test_bad_page_parameters_are_422(client, params):
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] in params


def test_actors_by_any_spelling(client):
    [actor] = client.get("/api/actors", params={"name": "Podolyak"}).json()["items"]
    assert actor["name"] == "Mykhaylo Podoljak"
    assert actor["quotes"] == 3
    everyone = client.get("/api/actors").json()["items"]
    assert len(everyone) == 11  # the specimen's actors, "Russian troops" and "Ukrainian troops" among them
    assert {"Russian troops", "Ukrainian troops"} <= {a["name"] for a in everyone}


def test_actor_timeline_groups_by_day(client):
    timeline = client.get("/api/actors/Podolyak/timeline").json()
    assert timeline["actor"]["name"] == "Mykhaylo Podoljak"
    days = timeline["days"]
    assert [d["date"] for d in days] == sorted(d["date"] for d in days)
    assert sum(len(d["quotes"]) for d in days) == 3
    events = [e for d in days for e in d["events"]]
    assert any("Mykhaylo Podoljak" in e["source"] for e in events)
    assert all(ev["links"]["evidence"].startswith("/articles/") for e in events for ev in e["evidence"])


def test_actor_timeline_unknown_is_404(client):
    response = client.get("/api/actors/Nobody%20Atall/timeline")
    assert response.status_code == 404
    assert "Nobody Atall" in response.json()["detail"]


def test_events_by_actor_and_code(client):
    rows = client.get("/api/events", params={"actor": "Russia", "code": "ASSAULT"}).json()["items"]
    assert rows
    assert all(row["plover"] == "ASSAULT" for row in rows)
    evidence = rows[0]["evidence"][0]
    assert evidence["links"]["page"] == f"/events/{evidence['article_id']}/{evidence['event_id']}"


# -- writing ------------------------------------------------------------------------------------

def test_write_is_403_when_the_server_has_no_token(client):
    response = client.post("/api/articles", json={"text": "Anything."},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "--write-token" in response.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer "}])
def test_write_without_the_right_token_is_401(writer, headers):
    response = writer.post("/api/articles", json={"text": "Anything."}, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert writer.get("/api/stats").json()["articles"] == 0


def test_write_with_the_token_stores_once(writer, specimen_text):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": specimen_text, "published": "2023-02-12", "source": "https://example.org/a"}
    response = writer.post("/api/articles", json=body, headers=headers)
    assert response.status_code == 201
    made = response.json()
    assert made["stored"] is True and made["counts"]["quotes"] == 8
    assert writer.get(made["links"]["api"]).json()["source"] == "https://example.org/a"
    assert writer.get(made["links"]["page"]).status_code == 200
    again = writer.post("/api/articles", json=body, headers=headers)
    assert again.status_code == 200 and again.json()["stored"] is False


# Bodies a client without the token must never hear about: malformed JSON, the wrong shape, empty
# or wrong-typed text, no body at all.
BAD_BODIES = [{"content": b"{not json", "headers": {"Content-Type": "application/json"}}, {"json": {}},
              {"json": {"text": ""}}, {"json": {"text": 5}}, {"json": [1, 2]}, {}]


@pytest.mark.parametrize("body", BAD_BODIES)
@pytest.mark.parametrize("route", ["/api/articles", "/api/files"])
def test_the_token_is_checked_before_the_body(writer, client, body, route):
    headers = body.get("headers", {})
    request = {key: value for key, value in body.items() if key != "headers"}
    for auth in ({}, {"Authorization": "Bearer wrong"}):
        answer = writer.post(route, headers={**headers, **auth}, **request)
        assert answer.status_code == 401, answer.text  # never 422: the body is not looked at
        assert answer.headers["WWW-Authenticate"] == "Bearer"
    disabled = client.post(route, headers={**headers, "Authorization": f"Bearer {TOKEN}"}, **request)
    assert disabled.status_code == 403, disabled.text
    assert writer.get("/api/stats").json()["articles"] == 0


def test_with_the_token_a_bad_body_is_still_422(writer):
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    assert writer.post("/api/articles", content=b"{not json", headers=headers).status_code == 422
    assert writer.post("/api/files", headers=headers).status_code == 422  # no ?name=


def test_openapi_says_the_write_routes_need_the_token(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert paths["/api/articles"]["post"]["security"] == [{"HTTPBearer": []}]
    assert paths["/api/files"]["post"]["security"] == [{"HTTPBearer": []}]
    assert "requestBody" in paths["/api/articles"]["post"]


def test_api_docs_is_a_page_from_the_package_without_scripts(client):
    import re

    response = client.get("/api/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "<script" not in response.text.lower() and "swagger" not in response.text.lower()
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', response.text)  # nothing from elsewhere
    assert 'href="/api/openapi.json"' in response.text
    for path, operations in client.get("/api/openapi.json").json()["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}" in response.text
    assert "<code>speaker</code>" in response.text and "<code>text</code>" in response.text  # parameters, body fields


@pytest.mark.parametrize("body, status", [({"text": "Hi.", "published": "12/02/2023"}, 400),
                                          ({"text": ""}, 422), ({}, 422)])
def test_write_bad_body_is_4xx(writer, body, status):
    response = writer.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == status


def test_empty_write_token_is_refused(tmp_path):
    from chronicle.api import create_app

    with pytest.raises(ValueError, match="write_token is empty"):
        create_app(tmp_path / "x.db", write_token=" ")


def test_serve_runs_the_app_with_uvicorn(tmp_path, monkeypatch):
    import uvicorn

    from chronicle.api import serve

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    serve(tmp_path / "s.db", host="127.0.0.1", port=8123, write_token="t")
    [(app, options)] = calls
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert "/api/quotes" in app.openapi()["paths"]
