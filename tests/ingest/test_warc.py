"""Reading WARC archives: pages out, other records counted, damage reported and survived."""
import io
import tracemalloc
from pathlib import Path

from chronicle.ingest import warc
from chronicle.ingest.files import iter_documents
from chronicle.ingest.warc import iter_warc, split_http
from chronicle.records import Document, Skipped
from tests.conftest import shared_path

from .webpages import BODY, TITLE, article_page


def _record(writer, uri, kind, payload: bytes, content_type="text/html; charset=utf-8"):
    from warcio.statusandheaders import StatusAndHeaders

    http = None
    if kind == "response":
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    elif kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.com")], is_http_request=True)
    record = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload), http_headers=http)
    writer.write_record(record)
    return record.rec_headers.get_header("WARC-Record-ID")


def write_warc(path: Path, *, gzip=True, truncate_member: int | None = None):
    """A WARC: request, page, image, page, metadata; optionally one gzip member cut in half.

    Returns the record ids of the two pages.
    """
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    members, ids = [], []
    start = 0

    def mark():
        nonlocal start
        members.append((start, buffer.tell()))
        start = buffer.tell()

    _record(writer, "https://news.example.com/tram", "request", b""); mark()
    ids.append(_record(writer, "https://news.example.com/tram", "response", article_page().encode("utf-8"))); mark()
    _record(writer, "https://news.example.com/logo.png", "response", b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png"); mark()
    second = article_page(title="Second story about the bridge", body=[p.replace("tram", "bridge") for p in BODY])
    ids.append(_record(writer, "https://news.example.com/bridge", "response", second.encode("cp1252"), "text/html; charset=windows-1252")); mark()
    _record(writer, "https://news.example.com/tram", "metadata", b"fetchTimeMs: 120\r\n"); mark()
    data = buffer.getvalue()
    if truncate_member is not None:
        begin, end = members[truncate_member]
        data = data[:begin] + data[begin:begin + (end - begin) // 2] + data[end:]
    path.write_bytes(data)
    return ids


def test_response_pages_become_documents_with_record_id_and_target_uri(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    ids = write_warc(path)
    docs = [d for d in iter_warc(path) if isinstance(d, Document)]
    assert [d.source for d in docs] == [f"{path}#{i}" for i in ids]
    assert [d.url for d in docs] == ["https://news.example.com/tram-extension"] * 2  # canonical link
    assert docs[0].title == TITLE and docs[0].text.split("\n\n") == BODY
    assert docs[0].format == "warc"
    assert (docs[0].published, docs[0].published_from) == ("2023-02-12", "html")  # the page's date


def test_charset_comes_from_the_http_header(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    second = [d for d in iter_warc(path) if isinstance(d, Document)][1]
    assert second.encoding == "cp1252" and second.title == "Second story about the bridge"


def test_other_records_are_counted_once_per_kind_not_failed(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    skipped = [s for s in iter_warc(path) if isinstance(s, Skipped)]
    assert sorted(s.reason for s in skipped) == [
        "1 metadata records skipped", "1 request records skipped", "1 responses that are not HTML skipped",
    ]
    assert not any(s.failed for s in skipped)


def test_truncated_gzip_member_is_reported_and_reading_resumes_after_it(tmp_path):
    path = tmp_path / "damaged.warc.gz"
    ids = write_warc(path, truncate_member=1)  # the first page
    results = list(iter_warc(path))
    docs = [d for d in results if isinstance(d, Document)]
    assert [d.source for d in docs] == [f"{path}#{ids[1]}"]
    failed = [s for s in results if isinstance(s, Skipped) and s.failed]
    assert len(failed) == 1 and "damaged archive data" in failed[0].reason and "resumed at byte" in failed[0].reason


def test_record_cut_short_at_the_end_of_the_file_is_reported(tmp_path):
    path = tmp_path / "cut.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    cut = data.index(b"WARC-Type: metadata") - 400  # inside the last page
    path.write_bytes(data[:cut])
    results = list(iter_warc(path))
    assert len([d for d in results if isinstance(d, Document)]) == 1
    assert any(s.failed and "truncated record" in s.reason for s in results if isinstance(s, Skipped))


def test_warcio_fallback_reads_the_same_pages(tmp_path, monkeypatch):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    expected = [(d.source, d.text) for d in iter_warc(path) if isinstance(d, Document)]
    monkeypatch.setattr(warc, "_backend_records", warc._warcio_records)
    assert [(d.source, d.text) for d in iter_warc(path) if isinstance(d, Document)] == expected


def test_warc_file_is_dispatched_by_iter_documents_from_a_directory(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz")
    results = list(iter_documents([str(tmp_path)]))
    assert len([d for d in results if isinstance(d, Document)]) == 2


def test_chunked_gzip_http_payload_is_decoded():
    import gzip

    body = gzip.compress(b"<html><body><p>Hi</p></body></html>")
    chunked = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
             b"Content-Encoding: gzip\r\n\r\n" + chunked)
    assert split_http(block) == ("text/html", b"<html><body><p>Hi</p></body></html>")


# Real archives in ../shared/corpora/warc -------------------------------------------------


def test_real_common_crawl_style_warc_reads_pages_and_counts_the_rest():
    path = shared_path("corpora", "warc", "resiliparse_warcfile.warc.gz")
    results = list(iter_warc(path))
    reasons = {s.reason for s in results if isinstance(s, Skipped)}
    assert {"1 warcinfo records skipped", "17 request records skipped", "16 metadata records skipped"} <= reasons
    docs = [d for d in results if isinstance(d, Document)]
    assert docs and all(d.source.startswith(f"{path}#<urn:uuid:") and d.url for d in docs)


def test_real_clipped_record_is_reported_not_fatal():
    path = shared_path("corpora", "warc", "resiliparse_clipped.warc.gz")
    [result] = iter_warc(path)
    assert isinstance(result, Skipped) and result.failed and "truncated record" in result.reason


def test_real_euc_jp_pages_are_decoded():
    path = shared_path("corpora", "warc", "resiliparse_clueweb-quirk.warc.gz")
    docs = [d for d in iter_warc(path) if isinstance(d, Document)]
    assert len(docs) >= 20
    assert all("\ufffd" not in d.text for d in docs)
    assert {d.language for d in docs} == {"ja"}


def test_real_unknown_records_are_counted():
    path = shared_path("corpora", "warc", "resiliparse_block-sized-records.warc.gz")
    assert [(r.reason, r.failed) for r in iter_warc(path)] == [("3 unknown records skipped", False)]


def test_real_news_warc_is_streamed_memory_does_not_grow_with_records():
    path = shared_path("corpora", "warc", "news_articles_711.warc.gz")
    tracemalloc.start()
    sizes = []
    for count, _record in enumerate(warc.iter_records(path), start=1):
        if count in (100, 700):
            sizes.append(tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
    assert count == 711
    assert sizes[1] < sizes[0] + 5_000_000  # records are not kept (25 MB archive)
