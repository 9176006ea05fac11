"""Real spreadsheets for the import tests: XLSX built with openpyxl, CSV in each encoding, and files
that only pretend to be spreadsheets."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

Rows = Sequence[Sequence[Any]]

HEADERS_EN = ["First name", "Last name", "Gender", "Country", "Organisation", "Profession", "Position", "E-mail",
              "Telephone"]  # fmt: skip
HEADERS_FR = ["Prénom", "Nom", "Sexe", "Pays", "Organisme", "Profession", "Fonction", "Courriel", "Téléphone"]


def xlsx(rows: Rows, *, title: str = "Participants", before: Sheets | None = None) -> bytes:
    """A workbook whose first visible sheet holds `rows` (None cells stay empty). `before` adds hidden
    sheets in front of it."""
    book = Workbook()
    first = book.active
    if before:
        for name, content in before.items():
            hidden = book.create_sheet(name, 0)
            hidden.sheet_state = "hidden"
            for row in content:
                hidden.append(list(row))
    first.title = title
    for row in rows:
        first.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


Sheets = dict[str, Rows]


def messy_xlsx(rows: Rows, *, start_row: int = 4, start_col: int = 2, total: bool = True) -> bytes:
    """As coordinators send them: a title, a blank line, the table starting in column B, a blank column
    in the middle, blank rows between people, and (unless total=False) a total line at the bottom."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Liste"
    sheet.cell(row=1, column=1, value="Training on labour exploitation — Tirana, March 2026")
    sheet.cell(row=2, column=1, value="Participants confirmed by the ministry")
    r = start_row
    for index, row in enumerate(rows):
        c = start_col
        for position, value in enumerate(row):
            if position == 3:
                c += 1  # an empty column inside the table
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
            c += 1
        r += 2 if index in (2, 5) else 1  # blank rows here and there
    if total:
        sheet.cell(row=r + 2, column=start_col, value="Total")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: Rows, *, encoding: str = "utf-8", delimiter: str = ",", bom: bool = False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def zip_bytes(members: dict[str, bytes], *, encrypted_flag: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    data = out.getvalue()
    if encrypted_flag:  # set the "encrypted" bit of every local and central header
        data = bytearray(data)
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = 0
            while (found := data.find(signature, start)) != -1:
                data[found + offset] |= 0x1
                start = found + 4
        data = bytes(data)
    return data


def xlsx_bomb() -> bytes:
    """A workbook-looking zip whose sheet unpacks to 90 MB of zeros (a few hundred kB packed)."""
    content_types = b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'  # noqa: E501
    return zip_bytes({"[Content_Types].xml": content_types, "xl/worksheets/sheet1.xml": b"0" * 90_000_000})


def encrypted_workbook() -> bytes:
    """The start of an OLE compound file holding an encrypted OOXML package (what Excel saves with a
    password)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64


def old_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "Workbook".encode("utf-16-le") + b"\x00" * 64
