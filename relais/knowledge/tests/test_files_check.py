"""Checking uploads: type by content (never by name), size, and the files refused with a message that
names the file and says what to do — encrypted, damaged, decompression bombs, polyglots, XXE."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.utils import translation

from relais.knowledge import files
from relais.knowledge.files import FileRefused, check_upload, clean_name, decode_text, looks_like_html
from relais.knowledge.tests import samples


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(FileRefused) as info:
        check_upload(data, name)
    message = info.value.message
    assert name in message, message  # every refusal names the file
    return message


# --- Accepted types, by content -------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "name", "kind"),
    [
        (lambda: samples.pdf_bytes(["Labour inspection"]), "guide.pdf", "pdf"),
        (lambda: samples.docx_bytes(["Labour inspection"]), "guide.docx", "docx"),
        (lambda: samples.pptx_bytes(["Labour inspection"]), "slides.pptx", "pptx"),
        (lambda: samples.xlsx_bytes([["Labour", "inspection"]]), "figures.xlsx", "xlsx"),
        (lambda: samples.odt_bytes(["Labour inspection"]), "guide.odt", "odt"),
        (lambda: b"Labour inspection", "notes.txt", "txt"),
        (lambda: samples.html_bytes("Labour inspection"), "page.html", "html"),
    ],
)
def test_each_accepted_type_is_recognised(builder: Any, name: str, kind: str) -> None:
    assert check_upload(builder(), name) == kind


@pytest.mark.parametrize("name", ["upload", "upload.bin", "scan.jpeg", "file.doc", "UPLOAD"])
def test_the_name_without_a_known_extension_does_not_matter(name: str) -> None:
    assert check_upload(samples.docx_bytes(["x"]), name) == "docx"
    assert check_upload(samples.pdf_bytes(["x"]), name) == "pdf"


def test_uppercase_extension_is_read() -> None:
    assert check_upload(samples.pdf_bytes(["x"]), "REPORT.PDF") == "pdf"


def test_pdf_header_may_follow_some_bytes_within_the_first_kilobyte() -> None:
    assert check_upload(b"\n" * 500 + samples.pdf_bytes(["x"]), "late-header.pdf") == "pdf"


def test_a_pdf_that_only_restricts_printing_opens_and_is_accepted() -> None:
    # Owner password only: it opens without a password (many official publications are like this).
    assert check_upload(samples.restricted_pdf_bytes(), "restricted.pdf") == "pdf"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ("Inspecteurs du travail: café, naïve".encode(), "txt"),
        ("Inspecteurs du travail: café".encode("cp1252"), "txt"),
        ("\ufeffUTF-8 with a byte order mark".encode(), "txt"),
        ("Ștefan — Привет, UTF-16".encode("utf-16"), "txt"),
        (b"\xfe\xff" + "Big endian".encode("utf-16-be"), "txt"),
        (b"\xef\xbb\xbf  \n<!-- a comment -->\n<!DOCTYPE html><html><body>Hi</body></html>", "html"),
        (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><body>Hi</body></html>", "html"),
        (b"<HTML><BODY>Shouting</BODY></HTML>", "html"),
        (b"<p>A fragment is plain text</p>", "txt"),
        (b"Tabs\tand form feeds\x0c are text\r\n", "txt"),
    ],
)
def test_text_encodings_and_html_detection(data: bytes, kind: str) -> None:
    assert check_upload(data, "upload") == kind


def test_decode_text_and_looks_like_html() -> None:
    assert decode_text("café".encode("cp1252")) == "café"
    assert decode_text(b"nul\x00byte") is None
    assert decode_text(b"escape \x1b[31m") is None
    assert decode_text("ok".encode("utf-16")) == "ok"
    assert looks_like_html("<!-- x --> <!doctype HTML>")
    assert not looks_like_html("Some text that mentions <html>")


def test_clean_name_keeps_the_file_name_only() -> None:
    assert clean_name("C:\\Users\\ana\\report.pdf") == "report.pdf"
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("bad\x00na\nme.txt") == "badname.txt"
    long = clean_name("x" * 400 + ".docx")
    assert len(long) == 255 and long.endswith(".docx")


# --- Size ------------------------------------------------------------------------------------


def test_empty_file_is_refused() -> None:
    assert refusal(b"", "empty.pdf") == "empty.pdf is empty."


def test_too_large_says_the_limit_in_megabytes(settings: Any) -> None:
    settings.RELAIS_DOCUMENT_MAX_BYTES = 1024 * 1024
    data = b"x" * (1024 * 1024 + 100 * 1024)
    message = refusal(data, "big.txt")
    assert "1.1 MB" in message and "1 MB" in message
    with translation.override("fr"), pytest.raises(FileRefused) as info:
        check_upload(data, "big.txt")
    assert "1,1" in info.value.message  # the locale's decimal separator


def test_size_is_checked_before_the_content(settings: Any) -> None:
    settings.RELAIS_DOCUMENT_MAX_BYTES = 10
    assert "MB" in refusal(samples.ole_bytes(), "old.doc")


# --- The name says another type ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "called", "actual"),
    [
        (lambda: samples.docx_bytes(["x"]), "report.pdf", "a PDF", "a Word document"),
        (lambda: samples.pdf_bytes(["x"]), "report.docx", "a Word document", "a PDF"),
        (lambda: samples.xlsx_bytes([["x"]]), "slides.pptx", "a PowerPoint presentation", "an Excel workbook"),
        (lambda: samples.html_bytes("x"), "notes.txt", "a plain text file", "a web page"),
        (lambda: b"just text", "page.html", "a web page", "a plain text file"),
        (lambda: samples.odt_bytes(["x"]), "text.docx", "a Word document", "an OpenDocument text"),
    ],
)
def test_a_name_that_claims_another_accepted_type_is_refused(data: Any, name: str, called: str, actual: str) -> None:
    message = refusal(data(), name)
    assert f"{name} is called {called}" in message
    assert f"but is {actual}" in message


# --- Not accepted ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "an image (PNG)"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "an image (JPEG)"),
        (b"MZ\x90\x00" + bytes(64), "a program"),
        (b"\x7fELF" + bytes(64), "a program"),
        (b"{\\rtf1\\ansi Hello}", "Rich Text (RTF)"),
        (b"\x1f\x8b\x08\x00" + bytes(64), "gzip"),
        (bytes(range(256)) * 4, "unknown type"),
    ],
)
def test_other_types_are_refused_saying_what_they_are(data: bytes, what: str) -> None:
    message = refusal(data, "upload.bin")
    assert "is not a type we accept" in message
    assert what in message
    assert "The accepted types are PDF, Word (DOCX)" in message


def test_zip_archive_and_opendocument_spreadsheet_are_not_accepted() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "a ZIP archive" in refusal(out.getvalue(), "bundle.zip")
    assert "OpenDocument spreadsheet (ODS)" in refusal(samples.ods_bytes(), "sheet.ods")


# --- Encrypted, old Office ----------------------------------------------------------------------


def test_old_office_or_encrypted_office_file_is_refused() -> None:
    message = refusal(samples.ole_bytes(), "budget.xls")
    assert "encrypted or in an old Office format" in message
    assert "without a password" in message
    # An encrypted DOCX is an OLE file too, whatever its name.
    assert "encrypted or in an old Office format" in refusal(samples.ole_bytes(), "secret.docx")


def test_encrypted_pdf_is_refused() -> None:
    assert "protected by a password" in refusal(samples.encrypted_pdf_bytes(), "secret.pdf")


def test_encrypted_zip_members_are_refused() -> None:
    assert "protected by a password" in refusal(samples.encrypted_zip_docx_bytes(), "secret.docx")


# --- Damaged -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "name"),
    [
        (lambda: samples.truncated(samples.pdf_bytes(["Half a PDF"])), "half.pdf"),
        (lambda: samples.truncated(samples.docx_bytes(["Half a document"])), "half.docx"),
        (lambda: samples.truncated(samples.xlsx_bytes([["Half"]])), "half.xlsx"),
        (lambda: b"%PDF-1.7\n this is not a PDF at all", "fake.pdf"),
    ],
)
def test_truncated_or_malformed_files_are_damaged(builder: Any, name: str) -> None:
    assert "is damaged" in refusal(builder(), name)


def test_package_missing_its_main_part_is_damaged() -> None:
    data = samples.docx_bytes(["x"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info))
    assert "is damaged" in refusal(out.getvalue(), "incomplete.docx")


def test_package_whose_main_part_is_not_xml_is_damaged() -> None:
    data = samples._rewrite_zip(samples.docx_bytes(["x"]), replace={"word/document.xml": b"<w:document><unclosed"})
    assert "is damaged" in refusal(data, "broken.docx")


def test_odt_without_content_is_damaged() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("styles.xml", "<x/>")
    assert "is damaged" in refusal(out.getvalue(), "empty.odt")


def test_a_corrupted_member_fails_its_checksum() -> None:
    data = bytearray(samples.docx_bytes(["A paragraph long enough to be compressed " * 20]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    assert "is damaged" in refusal(bytes(data), "corrupt.docx")


# --- Decompression bombs ------------------------------------------------------------------------


def test_zip_member_with_a_huge_ratio_is_a_bomb() -> None:
    assert "decompression bomb" in refusal(samples.zip_bomb_docx_bytes(), "bomb.docx")


def test_zip_with_too_many_members_is_a_bomb() -> None:
    assert "decompression bomb" in refusal(samples.many_members_zip_bytes(), "many.docx")


def test_zip_too_large_once_expanded_is_a_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    data = samples.docx_bytes(["x"])
    total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(files, "ZIP_MAX_TOTAL", total - 1)
    assert "decompression bomb" in refusal(data, "big.docx")


def test_pdf_whose_content_inflates_beyond_the_limit_is_a_bomb() -> None:
    data = samples.pdf_bomb_bytes()
    assert len(data) < 200_000
    assert "decompression bomb" in refusal(data, "bomb.pdf")


# --- Attacks -----------------------------------------------------------------------------------


def test_pdf_that_is_also_a_web_page_is_refused() -> None:
    message = refusal(samples.polyglot_pdf_html_bytes(), "polyglot.pdf")
    assert "both a PDF and a web page" in message


def test_docx_declaring_an_external_entity_is_refused() -> None:
    message = refusal(samples.xxe_docx_bytes(), "xxe.docx")
    assert "XML declarations" in message


def test_an_entity_declared_in_any_part_is_refused() -> None:
    data = samples._rewrite_zip(
        samples.xlsx_bytes([["x"]]),
        replace={"xl/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'},
    )
    assert "XML declarations" in refusal(data, "styles.xlsx")
