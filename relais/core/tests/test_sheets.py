"""The shared spreadsheet reader, used directly: what each import passes in (wording, limits, cell
function, code pages, header score) and the refusals that protect the server."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook

from relais.core.sheets import (
    Column,
    Headings,
    Limits,
    SheetRefused,
    Wording,
    cell_long_text,
    column_letter,
    decode,
    heading_key,
    read_sheet,
)

WORDING = Wording(too_much_data="The file unpacks to too much data to be a test sheet.")
SPREADSHEET_TYPES = b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'  # noqa: E501


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


HEADINGS = Headings(
    lambda text: heading_key(text, fold), [("nom", "last_name"), ("prénom", "first_name"), ("ville", "city")]
)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def encrypted_zip() -> bytes:
    """A one-member workbook whose central directory says the member is encrypted (flag bit 0)."""
    data = bytearray(zip_bytes({"[Content_Types].xml": SPREADSHEET_TYPES}))
    data[data.find(b"PK\x01\x02") + 8] |= 0x1
    return bytes(data)


def test_csv_in_windows_1252_with_semicolons() -> None:
    text = "Liste des participants\r\nNom;Prénom;Ville\r\nLefèvre;Hélène;Besançon\r\n;;\r\nMoreau;Jérôme;Nîmes\r\n"
    sheet = read_sheet(text.encode("cp1252"), wording=WORDING, header_score=HEADINGS.score)
    assert (sheet.kind, sheet.encoding, sheet.delimiter) == ("csv", "cp1252", ";")
    assert sheet.rows == [
        (1, ["Liste des participants"]),
        (2, ["Nom", "Prénom", "Ville"]),
        (3, ["Lefèvre", "Hélène", "Besançon"]),
        (5, ["Moreau", "Jérôme", "Nîmes"]),  # blank rows skipped, numbers kept
    ]
    assert decode(text.encode("cp1252"), "cp1250")[0].startswith("Liste")  # a codec chosen by the user wins


def test_csv_in_utf8_with_a_byte_order_mark() -> None:
    data = "\ufeffNom,Prénom\nĐorđević,Milan\n".encode()
    sheet = read_sheet(data, wording=WORDING, header_score=HEADINGS.score)
    assert (sheet.encoding, sheet.delimiter) == ("utf-8-sig", ",")
    assert sheet.rows[1] == (2, ["Đorđević", "Milan"])
    with pytest.raises(SheetRefused, match="not written in utf-16"):
        read_sheet(b"Nom;Pr\xe9nom\n", wording=WORDING, encoding="utf-16")


def test_xlsx_values_only_from_the_first_visible_sheet() -> None:
    book = Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.title = "Hidden"
    hidden.append(["secret"])
    hidden.sheet_state = "hidden"
    sheet = book.create_sheet("Data")
    sheet.append(["Nom", "Résumé", "Année", "Date"])
    sheet.append(["Hoxha", "First line\n\n\n\nSecond   line", 2024.0, dt.datetime(2026, 3, 2)])
    out = io.BytesIO()
    book.save(out)
    read = read_sheet(out.getvalue(), wording=WORDING)
    assert read.kind == "xlsx"
    assert read.rows == [
        (1, ["Nom", "Résumé", "Année", "Date"]),
        (2, ["Hoxha", "First line Second line", "2024", "2026-03-02"]),  # not "2024.0", no time
    ]
    long = read_sheet(out.getvalue(), wording=WORDING, cell=cell_long_text)
    assert long.rows[1][1][1] == "First line\n\nSecond line"  # paragraphs kept when the caller asks


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le"), "password"),
        (encrypted_zip(), "password"),
        (zip_bytes({"[Content_Types].xml": SPREADSHEET_TYPES, "xl/sheet1.xml": b"0" * 90_000_000}), "test sheet"),
        (zip_bytes({"report.pdf": b"%PDF-1.7"}), "not a spreadsheet"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "not a spreadsheet"),
        (b"\xef\xbb\xbf \r\n", "The file is empty"),
    ],
)
def test_protected_workbooks_zip_bombs_and_other_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(SheetRefused, match=reason) as refused:
        read_sheet(data, wording=WORDING)
    assert refused.value.message == str(refused.value)


def test_the_wording_and_the_limits_are_the_callers() -> None:
    wording = Wording(too_much_data="too much", too_large="At most %(mb)s MB here.", zip_of_files="A ZIP of files.")
    with pytest.raises(SheetRefused, match="A ZIP of files"):
        read_sheet(zip_bytes({"report.pdf": b"%PDF-1.7"}), wording=wording)
    with pytest.raises(SheetRefused, match="At most 1 MB here"):
        read_sheet(b"a,b\n" * 300_000, wording=wording, limits=Limits(max_bytes=1024 * 1024))
    data = b"".join(b"%d,x\n" % i for i in range(100))
    assert read_sheet(data, wording=wording, limits=Limits(max_rows=10, header_scan=5)).too_many_rows
    assert not read_sheet(data, wording=wording).too_many_rows


def test_headings_ignore_case_accents_and_punctuation() -> None:
    assert HEADINGS.field("PRENOM *") == "first_name"
    assert HEADINGS.field("Ville (de résidence)") == "city"
    assert HEADINGS.field("Nom de la ville") is None  # a later word names another field
    assert HEADINGS.field("") is None
    assert HEADINGS.score(["Nom", "Prénom", "", "Notes"]) == 2
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert Column(index=3, header="Ville", field="city").label == "D (Ville)"
