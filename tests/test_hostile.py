"""Hostile input as one batch with good canary articles among it: no crash, no hang, every canary
stored, nothing empty or partial stored, every bad input reported with a reason, memory bounded.

Runs ``chronicle ingest`` as a user would, in its own process (so its peak memory is its own),
with a 30-second time budget per document. The inputs are kept small where size is not the point.
"""
from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.store import open_store
from tests.ingest.webpages import article_page

CANARIES = {
    "canary_1.txt": ("Harbour reopens after storm", "The harbour reopened on Tuesday after a storm closed it for "
                     "three days, the port authority said. Fishing boats left at dawn."),
    "canary_2.txt": ("School gets new roof", "The village school will get a new roof before winter, the council "
                     "said on Wednesday. Work starts in October and costs 200,000 euros."),
    "canary_3.txt": ("Train line electrified", "The northern train line is now electrified, the rail company said "
                     "on Friday. Journeys will be ten minutes shorter from May."),
}
STORY = ("The city library reopened on Thursday after a flood in January damaged its basement, the director "
         "said. About 3,000 books were lost, and volunteers helped to dry the rest of the collection.")


def _feed(title: str, body: str) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
            f"<item><title>{title}</title><link>https://news.example.com/x</link>"
            f"<pubDate>Mon, 13 Feb 2023 09:00:00 GMT</pubDate><description>{body}</description></item>"
            "</channel></rss>").encode("utf-8")


def _gzip_of(head: bytes, filler: bytes, size: int, tail: bytes) -> bytes:
    """gzip bytes of head + filler * size + tail, compressed in chunks (the test never holds the
    expanded text)."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = filler * (1 << 20)
    parts = [packer.compress(head)] + [packer.compress(chunk) for _ in range(size >> 20)]
    return b"".join(parts + [packer.compress(tail), packer.flush()])


def _warc_with_bomb(path: Path, expanded: int) -> None:
    """A WARC whose one HTML response has a gzip Content-Encoding body expanding to ``expanded`` bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = _gzip_of(b"<html><body><p>", b"a", expanded, b"</p></body></html>")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warc_record("https://news.example.com/bomb", "response",
                                                  payload=io.BytesIO(body), http_headers=http))
    path.write_bytes(buffer.getvalue())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name, (title, body) in CANARIES.items():
        (root / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    # Unpaired surrogate escapes in JSON, and a line nested 100,000 levels deep.
    (root / "surrogates.jsonl").write_text(
        '{"title": "T\\ud83d", "id": "\\ud800", "text": "The minister said on Monday that talks would resume \\ud83d soon."}\n'
        + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    # A file name that is not UTF-8, and one with a terminal escape sequence.
    with open(os.path.join(os.fsencode(root), b"name\xff\xfe.txt"), "wb") as f:
        f.write(b"Bridge repaired\n\nThe old bridge was repaired on Monday, the mayor said.\n")
    (root / "esc\x1b]0;pwned\x07.txt").write_text("Park opens\n\nA new park opened on Sunday, the mayor said.\n")
    # Every paragraph markup: cleans to nothing.
    (root / "scripts.txt").write_text("\n\n".join(f"The council said on Monday that the budget would rise by {i} "
                                                 f"percent. <script>track({i});</script>" for i in range(8)) + "\n")
    # gzip: truncated; two members (both must be read).
    whole = gzip.compress(("Truncated story\n\n" + STORY * 40).encode())
    (root / "truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    (root / "members.txt.gz").write_bytes(gzip.compress(b"Two members\n\nThe first half was written on Monday. ")
                                          + gzip.compress(b"The second half, the editor said, came on Tuesday.\n"))
    (root / "feed.rss.gz").write_bytes(gzip.compress(_feed("Ferry service resumes", "The ferry service resumed on "
                                                           "Monday after repairs, the operator said.")))
    # The tokenizer's worst case: 20,000 quotation marks without a space.
    (root / "quotes.txt").write_text("Quotes\n\n" + '"' * 20_000 + "\n\nThe mayor said the festival will go ahead.\n")
    # Decompression bombs: a WARC body and a .jsonl.gz line far over the input limit once expanded.
    _warc_with_bomb(root / "bomb.warc.gz", 300 * 1024 * 1024)
    (root / "bomb.jsonl.gz").write_bytes(_gzip_of(b'{"text": "', b"a", 300 * 1024 * 1024, b'"}\n'))
    # Old favourites: empty, binary, one 1 MB line, an HTML page.
    (root / "empty.txt").write_text("")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 8)
    (root / "one_line.txt").write_text("word " * 210_000)
    (root / "page.html").write_text(article_page(title="Museum opens a new wing"), encoding="utf-8")
    return root


# Runs a command and prints the peak RSS of its largest process (the CLI or its extraction
# worker), so other processes of the test session do not count.
MEASURED = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
print("peak_kb=%d" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


@pytest.fixture(scope="module")
def ingested(hostile, tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile-db") / "chronicle.db"
    env = dict(os.environ, CHRONICLE_TIME_BUDGET="30", CHRONICLE_MAX_INPUT_BYTES=str(50 * 1024 * 1024), COLUMNS="300")
    command = [str(Path(sys.executable).with_name("chronicle")), "ingest", str(hostile), "--db", str(db)]
    done = subprocess.run([sys.executable, "-c", MEASURED, *command], capture_output=True, text=True, timeout=600,
                          env=env, errors="replace")
    *lines, peak = done.stderr.rstrip("\n").split("\n")
    done.stderr = "\n".join(lines)
    return done, db, int(peak.removeprefix("peak_kb=")) / 1024


def test_the_run_ends_with_a_report_not_a_crash(ingested):
    done, _, _ = ingested
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1  # some inputs failed, each with a reason
    assert "processed" in done.stdout


def test_every_canary_is_stored_and_nothing_empty_or_partial(ingested):
    _, db, _ = ingested
    with open_store(str(db)) as store:
        articles = [store.get(row["id"]) for row in store.articles(limit=None)]
    titles = {a.title for a in articles}
    assert {title for title, _ in CANARIES.values()} <= titles
    assert all(a.text.strip() for a in articles)
    assert "Truncated story" not in titles
    (both,) = [a for a in articles if a.title == "Two members"]
    assert "second half" in both.text
    assert "Ferry service resumes" in titles
    assert any("\\xff\\xfe" in a.source for a in articles)  # the non-UTF-8 name, shown escaped


def test_every_bad_input_has_a_reason(ingested):
    done, _, _ = ingested
    output = " ".join((done.stdout + done.stderr).split())
    for source, words in (("truncated.txt.gz", "truncated"), ("scripts.txt", "nothing is left after cleaning"),
                          ("bomb.warc.gz", "CHRONICLE_MAX_INPUT_BYTES"), ("bomb.jsonl.gz", "CHRONICLE_MAX_INPUT_BYTES"),
                          ("binary.txt", "looks binary"), ("surrogates.jsonl:2", "")):
        assert source in output, source
        assert words.lower() in output.lower(), (source, words)
    assert "\x1b" not in done.stdout + done.stderr  # no raw escape sequence reaches the terminal


def test_memory_stays_under_a_gigabyte(ingested):
    _, _, peak_mb = ingested
    assert peak_mb < 1024, f"peak RSS {peak_mb:.0f} MB"
