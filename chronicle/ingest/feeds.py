"""Reading news feeds: one ``Document`` per RSS or Atom entry.

``iter_feed`` parses the feed with feedparser (a file, bytes, or a URL it fetches), then for each
entry:

1. Take its full content (``content:encoded``, Atom ``content``), else its summary.
2. HTML content long enough to hold a page goes through ``read_html``; otherwise (or when that
   finds no main text) the fragment is turned into text block by block and the same line rules
   drop its boilerplate ("Advertisement", "Read more: ..."). Plain text is kept as it is.
3. Title, link and publication date (``published``, else ``updated``) come from the entry; a
   date only the page itself gives (``read_html``) is taken when the entry has none.

An entry with no text is reported and skipped; a feed feedparser can't read is one ``Skipped``.
A gzip-compressed feed (".rss.gz", or a server's gzip Content-Encoding) reads like a plain one;
the feed is refused when it is, or expands to, more than ``MAX_INPUT_BYTES``. An error of one
entry (a bug) costs that entry only.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterator, Optional, Union

from chronicle import settings
from chronicle.ingest.decode import GZIP_MAGIC, GzipError, display_name, gunzip, inflate, safe_item
from chronicle.ingest.html import clean_lines, read_html
from chronicle.ingest.language import detect_language, normalise_language
from chronicle.records import Document, Skipped

NOT_A_FEED = "{source}: not an RSS or Atom feed ({detail}). Check the file or URL."
NO_ENTRIES = "{source}: the feed has no entries"
EMPTY_ENTRY = "{source}: entry has no text (no content and no summary)"
UNREADABLE = "Can't read {source}: {error}. Check the path and its permissions."
UNFETCHABLE = "Can't fetch {source}: {error}. Check the URL and the network."
TOO_LARGE = ("{source} is over the {limit:,}-byte input limit; skipped (raise CHRONICLE_MAX_INPUT_BYTES "
             "to read it)")
ENTRY_FAILED = "{source}: the entry could not be read ({kind}: {error}); the other entries are read"

# Seconds to wait for a feed's server.
FETCH_TIMEOUT = 30

# HTML content this long is a whole article worth main-text extraction; shorter is a fragment
# (a summary paragraph) that extraction would throw away as too small.
MIN_ARTICLE_HTML_CHARS = 2000

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre")


def iter_feed(path_or_url: Union[str, Path, bytes], *, source: Optional[str] = None) -> Iterator[Union[Document, Skipped]]:
    """The entries of an RSS or Atom feed, one ``Document`` each.

    path_or_url (str | Path | bytes): a feed file, an http(s) URL, or the feed's bytes.
    source (str | None): the name used in sources and messages. Defaults to the path or URL.
    RETURNS (Iterator[Document | Skipped]): entries in feed order; "<source>#entry-N" sources.
    """
    import feedparser

    headers: dict[str, str] = {}
    if isinstance(path_or_url, bytes):
        source = display_name(source or "<feed>")
        data = path_or_url
    elif isinstance(path_or_url, str) and re.match(r"https?://", path_or_url):
        source = display_name(source or path_or_url)
        try:
            data, headers = fetch(path_or_url)
        except FeedTooLarge:
            yield Skipped(source, TOO_LARGE.format(source=source, limit=settings.MAX_INPUT_BYTES), failed=True)
            return
        except (OSError, ValueError) as error:  # URLError, HTTPError, timeouts are OSErrors
            yield Skipped(source, UNFETCHABLE.format(source=source, error=display_name(str(error))), failed=True)
            return
    else:
        source = display_name(source or path_or_url)
        try:
            data = _read_file(Path(path_or_url))
        except FeedTooLarge:
            yield Skipped(source, TOO_LARGE.format(source=source, limit=settings.MAX_INPUT_BYTES), failed=True)
            return
        except OSError as error:
            detail = display_name(error.strerror or str(error))
            yield Skipped(source, UNREADABLE.format(source=source, error=detail), failed=True)
            return
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data)
        except GzipError as error:
            yield Skipped(source, error.reason(source), failed=True)
            return
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no feed elements found")[:120]
        yield Skipped(source, NOT_A_FEED.format(source=source, detail=detail), failed=True)
        return
    if not parsed.entries:
        yield Skipped(source, NO_ENTRIES.format(source=source), failed=False)
        return
    feed_language = normalise_language(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#entry-{number}"
        try:
            yield safe_item(read_entry(entry, where, feed_language))
        except Exception as error:  # one entry's bug never costs the others
            reason = ENTRY_FAILED.format(source=where, kind=type(error).__name__, error=display_name(str(error)))
            yield Skipped(where, reason, failed=True)


class FeedTooLarge(Exception):
    pass


def _read_file(path: Path) -> bytes:
    """The file's bytes; ``FeedTooLarge`` past the input limit (before reading it)."""
    if path.stat().st_size > settings.MAX_INPUT_BYTES:
        raise FeedTooLarge()
    with path.open("rb") as f:
        data = f.read(settings.MAX_INPUT_BYTES + 1)
    if len(data) > settings.MAX_INPUT_BYTES:
        raise FeedTooLarge()
    return data


def fetch(url: str) -> tuple[bytes, dict[str, str]]:
    """A feed's bytes (decompressed) and its response headers, at most ``MAX_INPUT_BYTES``.

    Raises ``FeedTooLarge`` past the limit (compressed or not), ``OSError`` when the server can't
    be reached or answers with an error, ``GzipError`` on a broken compressed body.
    """
    import urllib.request

    request = urllib.request.Request(url, headers={
        "User-Agent": "chronicle (feed reader)", "Accept-Encoding": "gzip, deflate",
    })
    limit = settings.MAX_INPUT_BYTES
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
        data = response.read(limit + 1)
        headers = {k.lower(): v for k, v in response.headers.items()}
        final_url = response.geturl()
    if len(data) > limit:
        raise FeedTooLarge()
    coding = headers.pop("content-encoding", "").lower().strip()
    try:
        if coding in ("gzip", "x-gzip") and data.startswith(GZIP_MAGIC):
            data = gunzip(data)
        elif coding == "deflate":
            try:
                data = inflate(data)
            except GzipError:
                data = inflate(data, raw=True)
    except GzipError as error:
        if error.limit:
            raise FeedTooLarge() from None
        raise ValueError(f"broken {coding} content coding ({error.detail})") from None
    headers["content-location"] = final_url  # the base for the feed's relative links
    return data, headers


def read_entry(entry, source: str, feed_language: Optional[str] = None) -> Union[Document, Skipped]:
    """One feed entry as a ``Document`` (or why it has no text)."""
    # 1.
    body, body_type = _entry_body(entry)
    title = " ".join((entry.get("title") or "").split()) or None
    link = entry.get("link") or None
    published = entry_date(entry)
    published_from = "feed" if published else None
    if not body.strip():
        return Skipped(source, EMPTY_ENTRY.format(source=source), failed=False)
    # 2.
    text, author = None, entry.get("author") or None
    if "html" in body_type:
        if len(body) >= MIN_ARTICLE_HTML_CHARS:
            page = read_html(body, source, url=link, fmt="feed")
            if isinstance(page, Document):
                text = page.text
                if not published and page.published:
                    published, published_from = page.published, page.published_from
                author = author or page.author
        if text is None:
            removed: list = []
            text = "\n\n".join(clean_lines(html_fragment_to_text(body), title, frozenset(), removed))
    else:
        text = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    if not text.strip():
        return Skipped(source, EMPTY_ENTRY.format(source=source), failed=False)
    # 3.
    return Document(
        source=source, text=text, encoding=None, title=title, published=published, url=link,
        author=author, language=detect_language(text) or feed_language, format="feed",
        published_from=published_from,
    )


def _entry_body(entry) -> tuple[str, str]:
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return content["value"], content.get("type", "text/html")
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type", "text/html")


def entry_date(entry) -> Optional[str]:
    """ISO date of the entry's ``published`` (else ``updated``) time, or None."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except ValueError:
                continue
    return None


def html_fragment_to_text(html: str) -> str:
    """The text of an HTML fragment, one paragraph per block element, blank lines between."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html).strip()
    etree.strip_elements(root, "script", "style", with_tail=False)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n\n" + (element.text or "")
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)
