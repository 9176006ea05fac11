"""Reading participant lists as they really arrive: encodings, separators, messy layouts, and files
that are not spreadsheets (checked by content, never by name)."""

from __future__ import annotations

import datetime as dt

import pytest

from relais.delivery import import_files
from relais.delivery.import_files import FileRefused, decode, read_sheet
from relais.delivery.import_vocabulary import header_score
from relais.delivery.tests.spreadsheets import (
    HEADERS_EN,
    HEADERS_FR,
    csv_bytes,
    encrypted_workbook,
    messy_xlsx,
    old_xls,
    xlsx,
    xlsx_bomb,
    zip_bytes,
)

SERBIAN = [["Prezime", "Ime", "Organizacija"], ["Đorđević", "Milan", "Inspektorat rada"], ["Kovač", "Ana", "MUP"]]
CYRILLIC = [["Презиме", "Име"], ["Ђорђевић", "Милан"], ["Петровић", "Јелена"]]
FRENCH = [
    ["Nom", "Prénom", "Organisme"],
    ["Lefèvre", "Hélène", "Ministère de l'Intérieur"],
    ["Moreau", "Jérôme", "Police"],
]
CZECH = [["Příjmení", "Jméno"], ["Dvořák", "Jiří"], ["Růžička", "Tomáš"]]
ROMANIAN_HUNGARIAN = [["Nume", "Prenume"], ["Ştefănescu", "Ţuţea"], ["Kovács", "Győző"]]


@pytest.mark.parametrize(
    ("rows", "encoding"),
    [
        (SERBIAN, "cp1250"),
        (CZECH, "cp1250"),
        (ROMANIAN_HUNGARIAN, "cp1250"),
        (CYRILLIC, "cp1251"),
        (FRENCH, "cp1252"),
        (SERBIAN, "utf-8"),
        (CYRILLIC, "utf-8"),
    ],
)
def test_windows_code_pages_and_utf8_are_recognised(rows: list[list[str]], encoding: str) -> None:
    sheet = read_sheet(csv_bytes(rows, encoding=encoding, delimiter=";"))
    assert [cells for _n, cells in sheet.rows] == rows
    assert sheet.encoding == encoding


def test_byte_order_marks() -> None:
    assert read_sheet(csv_bytes(SERBIAN, bom=True)).rows[1][1] == ["Đorđević", "Milan", "Inspektorat rada"]
    assert read_sheet(csv_bytes(SERBIAN, bom=True)).encoding == "utf-8-sig"
    utf16 = "\ufeff" + "\n".join("\t".join(r) for r in CYRILLIC)
    sheet = read_sheet(utf16.encode("utf-16-le"))  # Excel's "Unicode text": UTF-16, tab-separated
    assert sheet.encoding == "utf-16"
    assert sheet.delimiter == "\t"
    assert sheet.rows[1][1] == ["Ђорђевић", "Милан"]


def test_an_encoding_chosen_by_the_user_wins() -> None:
    data = csv_bytes(FRENCH, encoding="cp1252")
    text, codec = decode(data, "cp1250")
    assert codec == "cp1250"
    assert "Lefčvre" in text  # what the user asked for, even if wrong
    with pytest.raises(FileRefused):
        decode(csv_bytes(SERBIAN, encoding="cp1250"), "utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_separators(delimiter: str) -> None:
    rows = [HEADERS_EN, ["Ana", "Hoxha", "F", "Albania", "Inspectorate, Tirana", "Police", "", "a@x.org", ""]]
    sheet = read_sheet(csv_bytes(rows, delimiter=delimiter), header_score=header_score)
    assert sheet.delimiter == delimiter
    assert sheet.rows[1][1][4] == "Inspectorate, Tirana"


def test_title_lines_and_blank_rows_keep_spreadsheet_numbers() -> None:
    rows = [["Participants, Tirana 2026"], [], HEADERS_FR, ["Ana", "Hoxha"], [], [], ["Besa", "Krasniqi"], [""] * 9]
    sheet = read_sheet(csv_bytes(rows, delimiter=";"), header_score=header_score)
    assert sheet.delimiter == ";"
    assert [n for n, _cells in sheet.rows] == [1, 3, 4, 7]  # row numbers as Excel shows them


def test_xlsx_messy_layout_values_only() -> None:
    data = messy_xlsx([HEADERS_EN, ["Ana", "Hoxha", "F", "AL", None, None, None, None, 355691234567.0]])
    sheet = read_sheet(data)
    assert sheet.kind == "xlsx"
    numbers = [n for n, _c in sheet.rows]
    assert numbers[:2] == [1, 2] and numbers[2] == 4
    person = sheet.rows[3][1]
    assert person[1:5] == ["Ana", "Hoxha", "F", ""]  # table from column B, blank column E
    assert person[-1] == "355691234567"  # a telephone typed as a number, without ".0"


def test_xlsx_formulas_are_never_read_as_text_and_hidden_sheets_are_skipped() -> None:
    data = xlsx(
        [HEADERS_EN, ['=HYPERLINK("http://evil")', "Hoxha", None, None], ["Ana", "Doe", dt.date(2026, 3, 2)]],
        before={"Secret": [["hidden", "sheet"]]},
    )
    sheet = read_sheet(data)
    assert sheet.rows[0][1][:2] == ["First name", "Last name"]
    assert sheet.rows[1][1][0] == ""  # a formula without a cached value reads as empty, never as "=…"
    assert sheet.rows[2][1][2] == "2026-03-02"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf\r\n  \r\n", "empty"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 20, "not a spreadsheet"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "not a spreadsheet"),
        (zip_bytes({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}), "not a spreadsheet"),
        (zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "OpenDocument"),
        (b"PK\x03\x04 this is no zip", "not a spreadsheet"),
        (old_xls(), ".xls"),
        (encrypted_workbook(), "password"),
        (zip_bytes({"[Content_Types].xml": b"spreadsheetml.sheet.main+xml"}, encrypted_flag=True), "password"),
    ],
)
def test_files_that_are_not_readable_lists_are_refused_by_content(data: bytes, reason: str) -> None:
    with pytest.raises(FileRefused, match=reason):
        read_sheet(data)


def test_zip_bomb_is_refused_before_unpacking() -> None:
    data = xlsx_bomb()
    assert len(data) < 1_000_000
    with pytest.raises(FileRefused, match="too much data"):
        read_sheet(data)


def test_size_and_row_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FileRefused, match="too large"):
        read_sheet(b"a,b\n" * (import_files.MAX_BYTES // 4 + 1))
    monkeypatch.setattr(import_files, "MAX_ROWS", 10)
    sheet = read_sheet(csv_bytes([HEADERS_EN] + [["A", f"B{i}"] for i in range(60)]))
    assert sheet.too_many_rows


def test_damaged_workbook_is_refused() -> None:
    good = xlsx([HEADERS_EN, ["Ana", "Hoxha"]])
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(good))
    members = {name: source.read(name) for name in source.namelist()}
    members["xl/workbook.xml"] = b"<not really xml"
    with pytest.raises(FileRefused, match="could not be read"):
        read_sheet(zip_bytes(members))
