"""Property-based: any query parameters to any GET endpoint give an answer, never a 500."""
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Any text a URL can carry (no lone surrogates), plus values near what the parameters expect.
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
names = st.one_of(text, st.sampled_from(["Podolyak", "Podoljak", "Russia", "Kremlin", "UN", "a", "%", "_"]))
dates = st.one_of(text, st.dates().map(str), st.sampled_from(["2023", "2023-02", "2023-02-31", "2023-02-12T10:00Z"]))
numbers = st.one_of(st.integers(-10, 600), st.integers(-(10**30), 10**30), text)
codes = st.one_of(text, st.sampled_from(["19", "036", "ASSAULT", "assault", "1", ""]))


def maybe(strategy):
    return st.one_of(st.none(), strategy)


def query(**strategies):
    """A dict of the given parameters, each present or absent."""
    return st.fixed_dictionaries({}, optional={k: v for k, v in strategies.items()})


ENDPOINTS = {
    "/api/articles": query(q=text, actor=names, limit=numbers, offset=numbers),
    "/api/quotes": query(speaker=names, contains=text, since=dates, until=dates, article=text,
                         limit=numbers, offset=numbers),
    "/api/actors": query(name=names, limit=numbers, offset=numbers),
    "/api/events": query(actor=names, target=names, code=codes, since=dates, until=dates,
                         limit=numbers, offset=numbers),
    "/api/stats": query(),
    "/": query(q=text),
}

fuzz = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(st.sampled_from(sorted(ENDPOINTS)).flatmap(lambda path: st.tuples(st.just(path), ENDPOINTS[path])))
def test_get_endpoints_never_fail(client, case):
    path, params = case
    response = client.get(path, params=params)
    assert response.status_code in (200, 400, 422), (path, params, response.text[:300])


@fuzz
@given(name=names)
def test_actor_timeline_and_page_never_fail(client, name):
    for path in (f"/api/actors/{quote(name, safe='')}/timeline", f"/actors/{quote(name, safe='')}"):
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.text[:300])


@fuzz
@given(article=text, record=text)
def test_record_pages_never_fail(client, article, record):
    a, r = quote(article, safe=""), quote(record, safe="")
    for path in (f"/api/articles/{a}", f"/articles/{a}", f"/quotes/{a}/{r}", f"/events/{a}/{r}"):
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.text[:300])
