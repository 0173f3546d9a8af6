"""One `chronicle ingest` call over a directory mixing every input format."""
import json

from typer.testing import CliRunner

from chronicle.cli import app
from tests.ingest.test_warc import write_warc
from tests.ingest.webpages import BODY, article_page

runner = CliRunner()

STORIES = {
    "feed": ("Port strike ends after three weeks", "Dock workers voted on Sunday to end a strike that had closed the "
             "port for three weeks, the union said. The harbour authority said ships would be unloaded from Monday."),
    "jsonl": ("Farmers protest fuel prices", "Hundreds of farmers drove tractors into the capital on Friday to protest "
              "against fuel prices, police said. The agriculture minister said she would meet their leaders next week."),
    "text": ("Library reopens after flood", "The city library reopened on Thursday after a flood in January damaged "
             "its basement, the director said. About 3,000 books were lost, and volunteers helped to dry the rest."),
}


def test_a_directory_of_text_html_warc_feed_and_jsonl_is_ingested_in_one_call(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    title, body = STORIES["text"]
    (inputs / "story.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    (inputs / "page.html").write_text(article_page(title="Museum opens a new wing", body=[p.replace("tram", "museum")
                                      .replace("council", "museum board") for p in BODY]), encoding="utf-8")
    write_warc(inputs / "crawl.warc.gz")  # two pages, a request, an image and a metadata record
    title, body = STORIES["feed"]
    (inputs / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
        f"<item><title>{title}</title><link>https://news.example.com/port</link>"
        f"<pubDate>Mon, 13 Feb 2023 09:00:00 GMT</pubDate><description>&lt;p&gt;{body}&lt;/p&gt;</description></item>"
        "</channel></rss>", encoding="utf-8")
    title, body = STORIES["jsonl"]
    (inputs / "dump.jsonl").write_text(
        json.dumps({"title": title, "text": body, "url": "https://news.example.com/farmers", "published": "2023-02-10"})
        + "\n{not json\n", encoding="utf-8")

    db = tmp_path / "chronicle.db"
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    output = " ".join(result.output.split())
    # txt, html, the first WARC page, the feed entry and the JSONL line; the second WARC page is
    # the first with one word changed: a near duplicate; the broken JSONL line fails alone.
    assert "5 processed (5 new, 0 already stored)" in output, output
    assert "(1 duplicates), 1 failed" in output and "near duplicate of" in output
    assert "1 request records skipped" in output and "1 metadata records skipped" in output
    assert result.exit_code == 1
    assert "line 2 is not valid JSON" in output

    from chronicle.store import open_store

    with open_store(db) as store:
        titles = {row["title"] for row in store.articles(limit=None)}
    assert titles == {"Library reopens after flood", "Museum opens a new wing", "Council approves tram extension to northern districts",
                      "Port strike ends after three weeks", "Farmers protest fuel prices"}
