"""JSON Lines: one article per line, bad lines reported by number."""
import json

from chronicle.ingest.files import iter_documents
from chronicle.ingest.jsonl import iter_jsonl
from chronicle.records import Document, Skipped

from .webpages import BODY, TITLE, article_page


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_text_and_html_lines_become_documents_with_their_fields(tmp_path):
    path = write_lines(tmp_path / "articles.jsonl", [
        json.dumps({"text": "The council voted on Tuesday.", "url": "https://x/1", "title": "Vote", "published": "2023-02-12"}),
        json.dumps({"html": article_page(), "url": "https://x/2"}),
    ])
    first, second = iter_jsonl(path)
    assert (first.source, first.text, first.url, first.title, first.published, first.format) == (
        f"{path}:1", "The council voted on Tuesday.", "https://x/1", "Vote", "2023-02-12", "jsonl")
    assert second.title == TITLE and second.text.split("\n\n") == BODY and second.format == "jsonl"
    assert first.published_from == "jsonl"
    assert (second.published, second.published_from) == ("2023-02-12", "html")  # the page's date


def test_published_field_wins_over_the_date_in_the_page(tmp_path):
    path = write_lines(tmp_path / "articles.jsonl", [
        json.dumps({"html": article_page(date="2023-02-12"), "published": "2023-03-01"}),
        json.dumps({"text": "Undated."}),
    ])
    page, undated = iter_jsonl(path)
    assert (page.published, page.published_from) == ("2023-03-01", "jsonl")
    assert (undated.published, undated.published_from) == (None, None)


def test_bad_lines_are_skipped_with_their_line_number_and_the_rest_read(tmp_path):
    path = write_lines(tmp_path / "articles.jsonl", [
        json.dumps({"text": "First."}),
        '{"text": "broken',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"url": "https://x/no-text"}),
        json.dumps({"text": "Dated.", "published": "last Tuesday"}),
        json.dumps({"text": "Last."}),
    ])
    results = list(iter_jsonl(path))
    assert [r.text for r in results if isinstance(r, Document)] == ["First.", "Last."]
    skipped = [r for r in results if isinstance(r, Skipped)]
    assert [s.source for s in skipped] == [f"{path}:{n}" for n in (2, 4, 5, 6)]
    assert all(s.failed for s in skipped)
    assert "line 2 is not valid JSON" in skipped[0].reason
    assert "not an ISO date" in skipped[3].reason


def test_jsonl_file_is_dispatched_by_iter_documents_including_in_directories(tmp_path):
    write_lines(tmp_path / "a.jsonl", [json.dumps({"text": "One."}), json.dumps({"text": "Two."})])
    results = list(iter_documents([str(tmp_path)]))
    assert [r.text for r in results] == ["One.", "Two."]
