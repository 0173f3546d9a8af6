"""Reading web pages: main text without boilerplate, and the page's metadata."""
from chronicle.ingest.files import iter_documents
from chronicle.ingest.html import choose_title, read_html
from chronicle.records import Document, Skipped

from .webpages import BODY, TITLE, article_page


def test_page_main_text_keeps_every_paragraph_of_the_story():
    doc = read_html(article_page().encode("utf-8"), "page.html")
    assert isinstance(doc, Document)
    assert doc.text.split("\n\n") == BODY


def test_page_boilerplate_is_left_out_and_recorded():
    doc = read_html(article_page(), "page.html")
    for boilerplate in ("Advertisement", "Read more", "Sign up", "Home", "Privacy Policy", "Share on", "©"):
        assert boilerplate not in doc.text
    assert {"advertisement", "read more"} <= {r.reason for r in doc.removed}


def test_page_title_is_the_headline_without_the_site_name():
    doc = read_html(article_page(), "page.html")
    assert doc.title == TITLE
    assert TITLE not in doc.text


def test_page_metadata_is_carried_on_the_document():
    doc = read_html(article_page().encode("utf-8"), "page.html")
    assert (doc.published, doc.published_from) == ("2023-02-12", "html")
    assert doc.url == "https://news.example.com/tram-extension"
    assert doc.author == "Jane Reporter"
    assert doc.language == "en"
    assert doc.format == "html"
    assert doc.encoding == "utf-8"


def test_given_url_is_used_when_the_page_has_no_canonical_link():
    page = article_page().replace('<link rel="canonical" href="https://news.example.com/tram-extension">', "")
    doc = read_html(page, "page.html", url="https://mirror.example.org/x")
    assert doc.url == "https://mirror.example.org/x"


def test_legacy_charset_from_the_meta_tag_is_honoured():
    body = [p.replace("Mayor Anna Novak", "Maire Amélie Noël") for p in BODY]
    page = article_page(body=body).replace('charset="utf-8"', 'charset="windows-1252"')
    doc = read_html(page.encode("cp1252"), "page.html")
    assert "Maire Amélie Noël said" in doc.text
    assert doc.encoding == "cp1252"


def test_declared_charset_wins_over_sniffing():
    body = [p.replace("Mayor Anna Novak", "Mayor Zoë Müller") for p in BODY]
    page = article_page(body=body).replace('<meta charset="utf-8">', "")
    doc = read_html(page.encode("latin-1"), "page.html", encoding="iso-8859-1")
    assert "Mayor Zoë Müller said" in doc.text


def test_non_english_page_carries_its_language():
    body = [
        "Der Stadtrat hat am Dienstag beschlossen, das Straßenbahnnetz in die nördlichen Bezirke "
        "zu erweitern, und damit eine lange Debatte beendet, die die Bewohner gespalten hat.",
        "Die Bürgermeisterin sagte, die Entscheidung werde die Pendelzeiten um ein Drittel "
        "verkürzen, und versprach, dass die Bauarbeiten im Frühjahr beginnen würden.",
        "Die Opposition kritisierte die Kosten von geschätzt 400 Millionen Euro als zu hoch für "
        "eine Stadt, die noch immer die Schulden ihres letzten großen Projekts abbezahlt.",
    ]
    doc = read_html(article_page(title="Stadtrat beschließt Straßenbahn", body=body, lang="de"), "de.html")
    assert doc.language == "de"


def test_page_without_article_text_is_skipped_not_failed():
    page = "<html><body><nav><a href='/'>Home</a><a href='/a'>About</a></nav></body></html>"
    result = read_html(page, "nav.html")
    assert isinstance(result, Skipped) and not result.failed
    assert "no article text" in result.reason


def test_html_file_is_read_through_iter_documents(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(article_page(), encoding="utf-8")
    [doc] = iter_documents([str(path)])
    assert doc.format == "html" and doc.title == TITLE and doc.text.split("\n\n") == BODY


def test_html_page_without_html_extension_is_read_as_html(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(article_page(), encoding="utf-8")
    [doc] = iter_documents([str(path)])
    assert doc.format == "html" and "<p>" not in doc.text


def test_gzipped_page_is_decompressed(tmp_path):
    import gzip

    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(article_page().encode("utf-8")))
    [doc] = iter_documents([str(path)])
    assert doc.title == TITLE


def test_heading_like_the_metadata_title_beats_the_title_with_site_name():
    assert choose_title(["Menu", "Tram line approved"], "Tram line approved | Daily") == "Tram line approved"


def test_site_name_suffix_is_cut_when_no_heading_matches():
    assert choose_title([], "Tram line approved - The Daily Example") == "Tram line approved"
