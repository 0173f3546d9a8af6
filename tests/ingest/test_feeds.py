"""RSS and Atom feeds: one document per entry, with title, link and date."""
import http.server
import threading

from chronicle.ingest.feeds import html_fragment_to_text, iter_feed
from chronicle.ingest.files import iter_documents
from chronicle.records import Skipped

from .webpages import BODY, TITLE, article_page

FRAGMENT = "".join(f"<p>{p}</p>" for p in BODY[:2]) + "<p>Advertisement</p>" + "".join(
    f"<p>{p}</p>" for p in BODY[2:]) + "<p>Read more: Budget talks stall again</p>"

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Daily Example</title><link>https://news.example.com/</link><language>en-gb</language>
<item><title>{TITLE}</title><link>https://news.example.com/tram</link>
<pubDate>Sun, 12 Feb 2023 08:30:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[{FRAGMENT}]]></content:encoded></item>
<item><title>Bridge closed for repairs</title><link>https://news.example.com/bridge</link>
<pubDate>Mon, 13 Feb 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The old bridge will close for &lt;b&gt;three weeks&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Buses will replace trams.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://news.example.com/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><title>Snow closes the pass</title><link href="https://news.example.com/snow"/>
<id>urn:1</id><updated>2023-02-14T09:00:00Z</updated><published>2023-02-13T18:00:00Z</published>
<author><name>Jane Reporter</name></author>
<content type="html">&lt;p&gt;Heavy snow closed the mountain pass on Sunday.&lt;/p&gt;</content></entry>
<entry><title>Plain entry</title><link href="https://news.example.com/plain"/><id>urn:2</id>
<updated>2023-02-15T09:00:00Z</updated><summary type="text">A plain text summary.</summary></entry>
</feed>"""


def test_rss_entries_become_documents_with_title_link_and_date(tmp_path):
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second, empty = iter_feed(path)
    assert (first.title, first.url, first.published, first.format) == (TITLE, "https://news.example.com/tram", "2023-02-12", "feed")
    assert first.text.split("\n\n") == BODY  # full content, boilerplate removed
    assert first.source == f"{path}#entry-1"
    assert second.text == "The old bridge will close for three weeks.\n\nBuses will replace trams."
    assert (second.published, second.published_from) == ("2023-02-13", "feed")
    assert isinstance(empty, Skipped) and not empty.failed


def test_entry_without_a_date_takes_the_date_of_its_page(tmp_path):
    # feedparser drops the page's <head>; the date left is the one printed above the headline.
    body = BODY + [p.replace("tram", "bus") for p in BODY]  # long enough to be read as a page
    page = article_page(body=body).replace("<h1>", '<time datetime="2023-01-30">30 January 2023</time><h1>')
    path = tmp_path / "news.rss"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>x</title>
<item><title>{TITLE}</title><link>https://news.example.com/tram</link>
<content:encoded><![CDATA[{page}]]></content:encoded></item>
<item><title>Undated</title><link>https://news.example.com/undated</link>
<description>No date anywhere.</description></item>
</channel></rss>""", encoding="utf-8")
    dated, undated = iter_feed(path)
    assert (dated.published, dated.published_from) == ("2023-01-30", "html")
    assert (undated.published, undated.published_from) == (None, None)


def test_atom_entries_take_published_over_updated_and_keep_the_author(tmp_path):
    path = tmp_path / "news.atom"
    path.write_text(ATOM, encoding="utf-8")
    snow, plain = iter_feed(path)
    assert (snow.title, snow.url, snow.published, snow.author) == (
        "Snow closes the pass", "https://news.example.com/snow", "2023-02-13", "Jane Reporter")
    assert snow.text == "Heavy snow closed the mountain pass on Sunday."
    assert plain.text == "A plain text summary." and plain.published == "2023-02-15"


def test_feed_with_xml_extension_is_dispatched_by_iter_documents(tmp_path):
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    results = list(iter_documents([str(tmp_path)]))
    assert [r.title for r in results] == ["Snow closes the pass", "Plain entry"]


def test_feed_is_fetched_from_a_url(tmp_path):
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
        results = list(iter_feed(url))
    finally:
        server.shutdown()
        server.server_close()
    assert [r.source for r in results] == [f"{url}#entry-1", f"{url}#entry-2"]


def test_file_that_is_not_a_feed_fails_with_a_reason(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("this is not xml at all", encoding="utf-8")
    [result] = iter_feed(path)
    assert isinstance(result, Skipped) and result.failed and "not an RSS or Atom feed" in result.reason


def test_html_fragment_becomes_one_paragraph_per_block():
    assert html_fragment_to_text("<p>One <i>two</i></p><ul><li>three</li><li>four</li></ul>five<br>six") == \
        "One two\n\nthree\n\nfour\n\nfive\n\nsix"
