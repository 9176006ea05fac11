"""Text extraction per type: the words come back, whitespace normalised, no NUL, capped."""

from __future__ import annotations

from typing import Any

import pytest

from relais.knowledge import extract
from relais.knowledge.extract import REASON_BOMB, REASON_DAMAGED, REASON_ENCRYPTED, ExtractFailed, extract_text
from relais.knowledge.tests import samples


def test_pdf_pages_are_read_and_counted() -> None:
    data = samples.pdf_bytes(
        ["Les inspecteurs du travail détectent la traite.", "Second page: Ștefan and trafficked workers."]
    )
    text, pages = extract_text(data, "pdf")
    assert pages == 2
    assert "Les inspecteurs du travail détectent la traite." in text
    assert "Ștefan and trafficked workers" in text
    assert "\n\n" in text  # pages joined with a blank line


def test_pdf_restricted_by_an_owner_password_is_read() -> None:
    text, pages = extract_text(samples.restricted_pdf_bytes("Printing restricted guideline"), "pdf")
    assert "Printing restricted guideline" in text and pages == 1


def test_pdf_pages_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_PAGES", 2)
    text, pages = extract_text(samples.pdf_bytes(["one", "two", "three"]), "pdf")
    assert pages == 3  # the real count
    assert "two" in text and "three" not in text


def test_docx_paragraphs_and_tables_in_order() -> None:
    data = samples.docx_bytes(
        ["Guidelines for labour inspectors", "Indicators of forced labour"],
        table=[["Indicator", "Example"], ["Debt bondage", "Recruitment fees"]],
    )
    text, pages = extract_text(data, "docx")
    assert pages is None
    assert text.index("Guidelines for labour inspectors") < text.index("Indicators of forced labour")
    assert "Debt bondage\tRecruitment fees" in text


def test_pptx_slides_and_notes() -> None:
    data = samples.pptx_bytes(["Module 1: identifying victims", "Module 2: referral"], notes=["Ask open questions"])
    text, pages = extract_text(data, "pptx")
    assert pages == 2
    for words in ("Module 1: identifying victims", "Module 2: referral", "Ask open questions"):
        assert words in text


def test_xlsx_cells() -> None:
    data = samples.xlsx_bytes([["Country", "Cases"], ["Albania", 12], ["Moldova", 7.0]], title="Figures")
    text, pages = extract_text(data, "xlsx")
    assert pages is None
    assert "Figures" in text
    assert "Albania\t12" in text
    assert "Moldova\t7" in text and "7.0" not in text


def test_xlsx_cells_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_CELLS", 4)
    data = samples.xlsx_bytes([["a1", "b1"], ["a2", "b2"], ["a3", "b3"], ["a4", "b4"]])
    text, _pages = extract_text(data, "xlsx")
    assert "a1" in text and "a4" not in text


def test_odt_headings_paragraphs_tables_and_page_count() -> None:
    data = samples.odt_bytes(
        ["Cooperation between prosecutors", "Joint investigation teams"],
        heading="Handbook",
        table=[["Tool", "Use"], ["MLA", "Evidence abroad"]],
        pages=12,
    )
    text, pages = extract_text(data, "odt")
    assert pages == 12
    assert text.startswith("Handbook")
    assert "Joint investigation teams" in text
    assert "MLA\tEvidence abroad" in text


def test_odt_spaces_tabs_line_breaks_and_notes() -> None:
    ns = samples._ODT_NS
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body><office:text>'
        '<text:p>one<text:s text:c="3"/>two<text:tab/>three<text:line-break/>four '
        "<text:span>span</text:span><text:note><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>a footnote</text:p></text:note-body></text:note></text:p>"
        "<text:list><text:list-item><text:p>listed item</text:p></text:list-item></text:list>"
        "</office:text></office:body></office:document-content>"
    )
    text, _pages = extract_text(samples.odt_bytes([], content_xml=content), "odt")
    assert "one two\tthree\nfour span (a footnote)" in text
    assert "listed item" in text


@pytest.mark.parametrize(
    "data",
    [
        "Les inspecteurs du travail, naïve".encode(),
        "Les inspecteurs du travail, naïve".encode("cp1252"),
        "Les inspecteurs du travail, naïve".encode("utf-16"),
        "\ufeffLes inspecteurs du travail, naïve".encode(),
    ],
)
def test_txt_in_every_accepted_encoding(data: bytes) -> None:
    assert extract_text(data, "txt") == ("Les inspecteurs du travail, naïve", None)


def test_html_text_without_scripts_and_styles() -> None:
    data = samples.html_bytes("Victims   are\n identified <b>early</b>.", title="Referral", script="var secret = 1;")
    text, pages = extract_text(data, "html")
    assert pages is None
    assert "Victims are identified early." in text
    assert "Referral" in text
    assert "secret" not in text and "color" not in text


def test_html_entities_and_blocks() -> None:
    html = b"<!doctype html><html><body><p>caf&eacute; &amp; tea</p><ul><li>one</li><li>two</li></ul></body></html>"
    text, _pages = extract_text(html, "html")
    assert text == "café & tea\n\none\n\ntwo"


# --- Normalising ------------------------------------------------------------------------------


def test_nul_and_control_characters_are_removed_from_pdf_text() -> None:
    text, _pages = extract_text(samples.pdf_with_nul_bytes("trafficking"), "pdf")
    assert "\x00" not in text and "\x01" not in text
    assert "HelloWorld" in text and "trafficking" in text


def test_normalise() -> None:
    raw = "ﬁnd  the\u00a0\u00a0words\x00\r\n\r\n\r\n\r\nnext\u00adline \ud800 end\t\t cell  "
    assert extract.normalise(raw) == "find the words\n\nnextline end\tcell"


def test_text_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_CHARS", 50)
    text, _pages = extract_text(("word " * 100).encode(), "txt")
    assert len(text) <= 50
    assert extract.normalise("x" * 120, limit=100) == "x" * 100


# --- Failures -----------------------------------------------------------------------------------


def failure(data: bytes, kind: str) -> str:
    with pytest.raises(ExtractFailed) as info:
        extract_text(data, kind)
    return info.value.reason


def test_pdf_bomb_fails_as_a_bomb() -> None:
    assert failure(samples.pdf_bomb_bytes(), "pdf") == REASON_BOMB


def test_encrypted_pdf_fails_as_encrypted() -> None:
    assert failure(samples.encrypted_pdf_bytes(), "pdf") == REASON_ENCRYPTED


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"not a zip", "docx"),
        (b"not a zip", "pptx"),
        (b"not a zip", "xlsx"),
        (b"not a zip", "odt"),
        (b"%PDF-1.4 nothing", "pdf"),
        (b"\x00\x01binary", "txt"),
        (b"\x00\x01binary", "html"),
        (b"anything", "exe"),
    ],
)
def test_unreadable_files_fail_as_damaged(data: bytes, kind: str) -> None:
    assert failure(data, kind) == REASON_DAMAGED


def test_external_entity_is_never_resolved(tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    data = samples.xxe_docx_bytes(target=secret.as_uri())
    try:
        text, _pages = extract_text(data, "docx")
    except ExtractFailed:
        return
    assert "TOP-SECRET-VALUE" not in text
    assert "Leaked" in text


def test_reasons_are_translatable_messages() -> None:
    assert ExtractFailed(REASON_DAMAGED).message == REASON_DAMAGED  # English: the message itself


def test_an_odt_cannot_ask_for_millions_of_spaces() -> None:
    import io
    import zipfile

    from relais.knowledge.extract import extract_text

    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        '<text:p>a<text:s text:c="50000000"/>b<text:s text:c="x"/>c</text:p>'
        "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    text, _pages = extract_text(buffer.getvalue(), "odt")
    assert len(text) < 1000 and "a" in text and "b" in text and "c" in text


def test_a_pdf_whose_pages_decode_to_too_much_is_refused(monkeypatch: Any) -> None:
    from relais.knowledge import files
    from relais.knowledge.extract import ExtractFailed, extract_text
    from relais.knowledge.tests import samples

    data = samples.pdf_bytes(["First page of text.", "Second page of text."])
    monkeypatch.setattr(files, "PDF_DECODED_MAX", 10)
    with pytest.raises(files.FileRefused):
        files.check_upload(data, "report.pdf")
    with pytest.raises(ExtractFailed):
        extract_text(data, "pdf")
