"""Reading inputs: decoding, skipping and failing per file, never stopping the others."""
import io
import os

import pytest

from chronicle import settings
from chronicle.ingest.files import iter_documents, read_document
from chronicle.records import Document, Skipped

QUOTED = "The mayor said “it’s a new café” – and left.\n"


def test_utf8_file_is_read(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(QUOTED, encoding="utf-8")
    assert read_document(path) == Document(str(path), QUOTED, "utf-8")


def test_empty_file_is_skipped_not_failed(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_document(path) == Skipped(str(path), "empty file", failed=False)


def test_whitespace_only_file_is_skipped_as_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n  \n")
    assert read_document(path) == Skipped(str(path), "empty file", failed=False)


def test_binary_file_fails_with_a_clear_reason(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = read_document(path)
    assert isinstance(result, Skipped) and result.failed
    assert result.reason.startswith(f"{path} looks binary, not text;")
    assert "Chronicle reads UTF-8 or legacy-encoded text" in result.reason


def test_binary_file_without_nul_bytes_fails(tmp_path):
    path = tmp_path / "blob"
    path.write_bytes(bytes(b for b in range(1, 256)) * 20)
    result = read_document(path)
    assert isinstance(result, Skipped) and result.failed


def test_windows_1252_file_keeps_curly_quotes_and_accents(tmp_path):
    text = "He said “it’s a café” and left.\nThe naïve résumé was fine.\n"
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_document(path) == Document(str(path), text, "cp1252")


def test_latin_1_file_is_decoded(tmp_path):
    text = "Le café était très agréable à Genève, où l'été dure.\n"
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    result = read_document(path)
    assert isinstance(result, Document)
    assert result.text == text
    # Latin-1 text is Windows-1252 text too; either name is right.
    assert result.encoding in {"cp1252", "iso8859-1"}


def test_central_european_legacy_file_is_decoded(tmp_path):
    text = "Vláda v Praze řekla, že příliš žluťoučký kůň úpěl ďábelské ódy.\n"
    path = tmp_path / "cz.txt"
    path.write_bytes(text.encode("cp1250"))
    assert read_document(path) == Document(str(path), text, "cp1250")


def test_utf8_bom_is_removed(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + QUOTED.encode("utf-8"))
    assert read_document(path) == Document(str(path), QUOTED, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path, codec):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + QUOTED.encode(codec))
    assert read_document(path) == Document(str(path), QUOTED, "utf-16")


def test_20_mb_text_file_is_read(tmp_path):
    paragraph = "Ministers met in Brussels on Monday to discuss the café subsidies.\n\n"
    text = paragraph * (20 * 1024 * 1024 // len(paragraph.encode("utf-8")))
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    result = read_document(path)
    assert isinstance(result, Document)
    assert result.encoding == "utf-8"
    assert len(result.text) == len(text)


def test_file_over_the_limit_fails_naming_size_limit_and_setting(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "long.txt"
    path.write_text("x" * 150, encoding="utf-8")
    result = read_document(path)
    assert isinstance(result, Skipped) and result.failed
    assert str(path) in result.reason
    assert "150 bytes" in result.reason and "100-byte" in result.reason
    assert "CHRONICLE_MAX_INPUT_BYTES" in result.reason


def test_missing_path_fails_with_the_os_error(tmp_path):
    path = tmp_path / "nowhere.txt"
    [result] = iter_documents([str(path)])
    assert isinstance(result, Skipped) and result.failed
    assert result.source == str(path)
    assert str(path) in result.reason and "No such file or directory" in result.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_fails_with_the_os_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    result = read_document(path)
    assert isinstance(result, Skipped) and result.failed
    assert "Permission denied" in result.reason


def test_explicitly_named_file_is_read_whatever_its_extension(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(QUOTED, encoding="utf-8")
    assert list(iter_documents([str(path)])) == [Document(str(path), QUOTED, "utf-8")]


def test_directory_is_walked_in_order_and_a_broken_file_does_not_stop_it(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "notes").write_text("Third.", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git" / "config").write_text("Hidden too.", encoding="utf-8")
    (tmp_path / "sub" / "c.md").write_text("Fourth.", encoding="utf-8")

    results = list(iter_documents([str(tmp_path)]))

    documents = [r for r in results if isinstance(r, Document)]
    assert [d.text for d in documents] == ["First.", "Second.", "Third.", "Fourth."]
    skipped = {os.path.basename(r.source): r for r in results if isinstance(r, Skipped)}
    assert set(skipped) == {"broken.txt", "photo.png"}
    assert skipped["broken.txt"].failed and "looks binary" in skipped["broken.txt"].reason
    assert not skipped["photo.png"].failed and "'.png'" in skipped["photo.png"].reason


def test_inputs_are_read_in_the_order_given(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Body.", encoding="utf-8")
    results = list(iter_documents([str(tmp_path / "missing.txt"), str(good)]))
    assert [type(r) for r in results] == [Skipped, Document]
    assert results[1].text == "Body."


def test_stdin_bytes_are_decoded_like_a_file():
    stdin = io.BytesIO("“Café”, he said, “is open.”\n".encode("cp1252"))
    [result] = iter_documents(["-"], stdin=stdin)
    assert result == Document("-", "“Café”, he said, “is open.”\n", "cp1252")


def test_stdin_text_stream_is_read_through_its_buffer():
    stdin = io.TextIOWrapper(io.BytesIO(QUOTED.encode("utf-8")), encoding="utf-8")
    [result] = iter_documents(["-"], stdin=stdin)
    assert result == Document("-", QUOTED, "utf-8")


def test_stdin_string_is_taken_as_decoded():
    [result] = iter_documents(["-"], stdin=io.StringIO(QUOTED))
    assert result == Document("-", QUOTED, None)


def test_empty_stdin_is_skipped():
    [result] = iter_documents(["-"], stdin=io.BytesIO(b""))
    assert result == Skipped("-", "empty file", failed=False)
