"""The web UI: search, actor, article, quote and event pages, evidence links, and escaping."""
import re
from html.parser import HTMLParser

import pytest

from tests.api.conftest import HOSTILE_TEXT, TOKEN


class Ids(HTMLParser):
    """Element ids and link targets of a page."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])


def parse(html: str) -> Ids:
    parser = Ids()
    parser.feed(html)
    return parser


def test_home_searches_actors_quotes_and_articles(client, specimen):
    response = client.get("/", params={"q": "Podolyak"})
    assert response.status_code == 200
    page = parse(response.text)
    assert "/actors/Mykhaylo%20Podoljak" in page.hrefs
    assert sum(h.startswith(f"/articles/{specimen.id}#q") for h in page.hrefs) == 3
    words = client.get("/", params={"q": "victory"}).text
    assert f"/articles/{specimen.id}" in words


def test_home_without_query_lists_the_record(client, specimen):
    response = client.get("/")
    assert "1 article," in response.text
    assert f"/articles/{specimen.id}" in parse(response.text).hrefs


def test_actor_page_charts_and_links_to_evidence(client, specimen):
    response = client.get("/actors/Podolyak")
    assert response.status_code == 200
    assert "<svg" in response.text and 'class="dot dot-quote"' in response.text
    hrefs = parse(response.text).hrefs
    for quote in specimen.quotes:
        if quote.speaker == "a3":  # Mykhaylo Podoljak
            assert f"/articles/{specimen.id}#{quote.id}" in hrefs
            assert f"/quotes/{specimen.id}/{quote.id}" in hrefs


def test_article_page_highlights_every_record_once(client, specimen):
    response = client.get(f"/articles/{specimen.id}")
    page = parse(response.text)
    assert len(page.ids) == len(set(page.ids)), "element ids must be unique"
    for quote in specimen.quotes:
        assert quote.id in page.ids
        assert f"/quotes/{specimen.id}/{quote.id}" in page.hrefs
    for event in specimen.events:
        assert event.id in page.ids
        assert f"/events/{specimen.id}/{event.id}" in page.hrefs
    for time in specimen.times:
        assert time.id in page.ids
    assert 'class="legend"' in response.text


def test_highlighted_text_is_the_article_text(client, specimen):
    html = client.get(f"/articles/{specimen.id}").text
    body = re.search(r'<div class="text" id="text">(.*?)</div>\n</article>', html, re.S).group(1)
    import html as html_lib

    assert html_lib.unescape(re.sub(r"<[^>]+>", "", body)) == specimen.text


def test_quote_page_links_back_to_its_highlight(client, specimen):
    quote = specimen.quotes[2]
    response = client.get(f"/quotes/{specimen.id}/{quote.id}")
    assert response.status_code == 200
    assert f'href="/articles/{specimen.id}#{quote.id}"' in response.text
    content = specimen.text[quote.content_span[0]:quote.content_span[1]]
    assert content.split()[1] in response.text


def test_event_page_links_back_to_its_highlight(client, specimen):
    event = specimen.events[0]
    response = client.get(f"/events/{specimen.id}/{event.id}")
    assert response.status_code == 200
    assert f'href="/articles/{specimen.id}#{event.id}"' in response.text
    assert "CAMEO 036" in response.text


@pytest.mark.parametrize("path", ["/articles/nope", "/quotes/nope/q1", "/events/nope/e1", "/actors/Nobody%20Atall"])
def test_missing_pages_are_404_html(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


def test_pages_forbid_scripts(client, specimen):
    response = client.get(f"/articles/{specimen.id}")
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "<script" not in response.text


def test_hostile_article_is_shown_escaped(writer, writer_db):
    from chronicle.extract.article import extract
    from chronicle.store.sqlite import Store

    made = writer.post("/api/articles", json={"text": HOSTILE_TEXT, "published": "2023-03-06"},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert made.status_code == 201, made.text
    verbatim = extract(HOSTILE_TEXT, published="2023-03-06", clean=False, source='<a href="x">')
    with Store(writer_db) as store:
        store.add(verbatim)
    pages = ["/", "/?q=alert", "/?q=script", "/?q=John+Smith", "/?q=%3Cscript%3Ealert(7)%3C/script%3E"]
    for record in writer.get("/api/articles").json()["items"]:
        article = writer.get(f"/api/articles/{record['id']}").json()
        assert article["quotes"] and article["events"], "the hostile text should still yield records"
        pages.append(f"/articles/{article['id']}")
        pages += [f"/quotes/{article['id']}/{q['id']}" for q in article["quotes"]]
        pages += [f"/events/{article['id']}/{e['id']}" for e in article["events"]]
        pages += [f"/actors/{a['name']}" for a in article["actors"]]
    for path in pages:
        response = writer.get(path)
        assert response.status_code == 200, path
        for raw in ("<script", "<img", "<b ", "onerror=alert(1)>", 'href="javascript', 'onclick="', '<a href="x">'):
            assert raw not in response.text, f"{raw!r} reached {path} unescaped"
        assert not set(parse(response.text).tags) & {"script", "img", "b", "iframe"}, path
    cleaned = writer.get(made.json()["links"]["page"]).text
    assert "Freedonia rejects &#34;&gt;&lt;img src=x onerror=alert(1)&gt; peace deal" in cleaned
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in cleaned  # the line cleaning removed
    raw = writer.get(f"/articles/{verbatim.id}").text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in raw
    assert "&lt;a href=&#34;javascript:alert(5)&#34; onclick=&#34;alert(6)&#34;&gt;" in raw


def test_article_page_opens_with_the_brief_built_from_the_record(client, specimen):
    html = client.get(f"/articles/{specimen.id}").text
    assert 'id="brief"' in html
    assert "2023-02-23" in html.split('id="text"')[0]  # the vote's resolved date, in the brief


def test_actor_page_shows_the_positions_with_links_to_the_evidence(client):
    html = client.get("/actors/Russia").text
    assert "Positions" in html and "negotiations" in html and "conditional" in html
    assert 'href="/articles/' in html.split("<h2>Positions</h2>")[1].split("</table>")[0]


def test_article_and_actor_pages_mark_looked_up_and_inferred_values(client, specimen):
    putin = next(a for a in specimen.actors if a.name == "Vladimir Putin")
    assert putin.basis["country"].source == "knowledge"  # the text never says he is Russian
    article = client.get(f"/articles/{specimen.id}").text
    assert f'RUS <span class="basis" title="{putin.basis["country"].entry}">(known)</span>' in article
    assert 'person <span class="basis" title="named entity PERSON (spaCy)">(inferred)</span>' in article
    vershinin = next(a for a in specimen.actors if a.name == "Sergei Vershinin")
    assert vershinin.basis["country"].source == "text"  # "Russian Deputy Foreign Minister"
    page = client.get("/actors/Sergei Vershinin").text
    assert re.search(r'<p class="lead">person <span class="basis"[^>]*>\(inferred\)</span> · RUS · ', page)
