"""Telling formats apart by content, with the file name as a tie-breaker."""
import gzip

import pytest

from chronicle.ingest.formats import sniff_format

from .webpages import article_page

RSS = b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>'
ATOM = b'<?xml version="1.0"?>\n<!-- a comment -->\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>'
WARC = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n"


@pytest.mark.parametrize("data, expected", [
    (article_page().encode("utf-8"), "html"),
    (b"  <html><body><p>Hi</p></body></html>", "html"),
    (RSS, "feed"),
    (ATOM, "feed"),
    (WARC, "warc"),
    (gzip.compress(WARC), "warc"),
    (b'{"text": "Body.", "url": "https://x"}\n{"text": "More."}\n', "jsonl"),
    (b"Tram line approved\n\nThe council voted on Tuesday.\n", "text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "text"),
    (b"", "text"),
])
def test_format_is_told_by_content(data, expected):
    assert sniff_format(data) == expected


def test_content_wins_over_a_misleading_extension(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(article_page().encode("utf-8"))
    assert sniff_format(path) == "html"
    plain = tmp_path / "story.html"
    plain.write_text("Just a sentence of plain text.", encoding="utf-8")
    assert sniff_format(plain) == "text"


def test_extension_decides_when_the_content_is_ambiguous(tmp_path):
    fragment = b"<story><p>A fragment of a page.</p></story>"
    assert sniff_format(fragment, name="frag.html") == "html"
    assert sniff_format(fragment) == "text"


def test_gzip_warc_file_is_recognised_by_path(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(WARC))
    assert sniff_format(path) == "warc"


def test_missing_file_is_left_to_the_text_reader_to_report(tmp_path):
    assert sniff_format(tmp_path / "missing.html") == "text"
