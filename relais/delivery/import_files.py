"""Participant lists as bytes → rows of text: XLSX or CSV, recognised by content, never by name.

What coordinators really receive: CSV in UTF-8 with or without BOM (or UTF-16 "Unicode text" from
Excel), in Windows-1250/1251/1252, separated by commas, semicolons or tabs; XLSX with title lines,
blank rows and columns, hidden sheets, formulas, external links or macros (values only are read).

Refused, with a reason the user can act on: files that are not spreadsheets, old .xls files,
password-protected workbooks (an encrypted OOXML file is an OLE compound file, not a zip), files
over the size limit, and zip bombs (the declared uncompressed size is capped; Python's zipfile never
inflates a member beyond its declared size: it stops there and fails on the CRC).

CSV without a byte-order mark that is not valid UTF-8 is decoded with each Windows code page and the
most plausible result is kept: letters used in the names of the region score, symbols and letters
rare in those names (ð, þ, æ, ø, ¹, ³, º…) cost, and a word mixing Latin and Cyrillic letters costs
most. Ties go to Windows-1250, the code page of most countries of the route.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # data rows of one list
MAX_COLUMNS = 60
MAX_SCANNED_ROWS = 200_000  # physical rows read, blank ones included (formatting often runs far down)
MAX_UNCOMPRESSED = 80 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
HEADER_SCAN = 25  # non-blank rows in which the header row is looked for

ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp1252": "Windows-1252",
}
WINDOWS = ("cp1250", "cp1252", "cp1251")  # order breaks ties
DELIMITERS = (";", ",", "\t")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SPREADSHEET_TYPES = (
    b"spreadsheetml.sheet.main+xml",
    b"spreadsheetml.template.main+xml",
    b"ms-excel.sheet.macroEnabled.main+xml",
    b"ms-excel.template.macroEnabled.main+xml",
)
_SPACES = re.compile(r"\s+")
_INVISIBLE = str.maketrans({"\u200b": "", "\ufeff": "", "\u00ad": "", "\u00a0": " "})


class FileRefused(Exception):
    """The file cannot be read at all; the message says why, in the user's language."""


@dataclass
class Sheet:
    kind: str  # "xlsx" or "csv"
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # non-blank rows, numbered as shown
    encoding: str = ""
    delimiter: str = ""
    too_many_rows: bool = False


def read_sheet(
    data: bytes, *, encoding: str | None = None, header_score: Callable[[list[str]], int] | None = None
) -> Sheet:
    """The rows of the first visible sheet (XLSX) or of the CSV; FileRefused when unreadable."""
    if len(data) > MAX_BYTES:
        raise FileRefused(_("The file is too large: at most %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FileRefused(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise FileRefused(_("The workbook is protected by a password: save it without a password and try again."))
        raise FileRefused(_("This is an old Excel file (.xls): save it as .xlsx or CSV and try again."))
    return _read_csv(data, encoding, header_score or (lambda cells: 0))


def cell_text(value: Any) -> str:
    """A cell as the text a person reads in it: numbers without a trailing .0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return _SPACES.sub(" ", str(value).translate(_INVISIBLE)).strip()


def _collect(sheet: Sheet, records: Iterable[Iterable[Any]]) -> Sheet:
    limit = MAX_ROWS + HEADER_SCAN + 1
    for number, record in enumerate(records, start=1):
        if number > MAX_SCANNED_ROWS:
            sheet.too_many_rows = True
            break
        cells = [cell_text(v) for v in list(record)[:MAX_COLUMNS]]
        if any(cells):
            while cells and not cells[-1]:
                cells.pop()
            sheet.rows.append((number, cells))
            if len(sheet.rows) > limit:
                sheet.too_many_rows = True
                break
    return sheet


# --- XLSX -------------------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    not_sheet = _("This file is not a spreadsheet: save it as XLSX or CSV and try again.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileRefused(not_sheet) from None
    if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise FileRefused(_("The file unpacks to too much data to be a participant list."))
    if any(i.flag_bits & 0x1 for i in infos):
        raise FileRefused(_("The workbook is protected by a password: save it without a password and try again."))
    names = {i.filename for i in infos}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
        raise FileRefused(_("OpenDocument spreadsheets are not read: save the file as XLSX or CSV."))
    if "[Content_Types].xml" not in names or archive.getinfo("[Content_Types].xml").file_size > 1_000_000:
        raise FileRefused(not_sheet)
    types = archive.read("[Content_Types].xml")
    if not any(t in types for t in _SPREADSHEET_TYPES):
        raise FileRefused(not_sheet)


def _read_xlsx(data: bytes) -> Sheet:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        # Values only (cached results of formulas), no external links, no macros; openpyxl parses
        # with defusedxml when it is installed (it is: no entity expansion, no DTD tricks).
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False, keep_vba=False)
    except Exception:  # openpyxl raises many kinds on damaged files (KeyError, XML errors…)
        raise FileRefused(_("The spreadsheet could not be read: it may be damaged. Save it again as XLSX.")) from None
    try:
        visible = [ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        if not visible:
            raise FileRefused(_("The file is empty."))
        rows = visible[0].iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        return _collect(Sheet(kind="xlsx"), rows)
    except FileRefused:
        raise
    except Exception:
        raise FileRefused(_("The spreadsheet could not be read: it may be damaged. Save it again as XLSX.")) from None
    finally:
        book.close()


# --- CSV --------------------------------------------------------------------------------------------

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORDS = re.compile(r"[^\W\d_]+")
# Letters of the names of the route's countries and of the EU destinations, weighted by how often
# they occur there; the bytes that differ between the Windows pages give pairs such as č/è, ć/æ,
# đ/ð, ř/ø, ň/ò, ń/ñ, whose members rarely weigh the same.
_WEIGHTS = {
    **dict.fromkeys("ćđšžĆĐŠŽ", 3),
    **dict.fromkeys("čČëçËÇéáíóöúüäÉÁÍÓÖÚÜÄàèòâêîôÀÈÒÂÊÎÔïÏßăşţĂŞŢőŐřěýŘĚÝůŮłŁñÑœŒ–—‘’“”„«»€", 2),
    **dict.fromkeys("ŕęńňďűĺľśźżąìùûťĘŃŇĎŰĹĽŚŹŻĄÌÙÛŤŔ", 1),
}
_RARE = set("ðþæøåÐÞÆØÅ¹²³ºª¤¦§¨©¬®¯°±´µ¶·¸¼½¾¿×÷ãõÃÕ¢£¥")
_FRENCH_GRAVE = re.compile(r"è[^\Waeiouy]{1,2}e")  # Hélène, Lefèvre, Molière: "è" + consonants + "e"


def _word_score(word: str) -> int:
    score = 0
    for ch in word:
        if ord(ch) < 128:
            continue
        if "\u0400" <= ch <= "\u04ff":
            score += 2
        elif ch in _WEIGHTS:
            score += _WEIGHTS[ch]
        elif ch in _RARE or not ch.isalpha():
            score -= 3
    accented = sum(1 for ch in word if "\u00c0" <= ch <= "\u024f")
    plain = sum(1 for ch in word if ch.isascii())
    if accented >= 2 and accented > plain:
        score -= 3 * accented + 1
    if _CYRILLIC.search(word) and _LATIN.search(word):
        score -= 6
    if _FRENCH_GRAVE.search(word):
        score += 3
    if word.endswith(("č", "Č")):
        score += 2
    return score


def plausibility(text: str) -> int:
    """How much `text` looks like names and organisations of the region (higher is likelier).

    Per word: letters of the region's names score by their weight, rare letters and symbols cost;
    a word mixing Latin and Cyrillic costs most; a Latin word made mostly of accented letters
    ("Ďĺňđîâ": Cyrillic read as Windows-1250) costs more than its accents bring.
    """
    score = 0
    for word in text.split():
        if any(ord(ch) >= 128 for ch in word):
            score += sum(_word_score(w) for w in _WORDS.findall(word)) + sum(
                -3 for ch in word if ord(ch) >= 128 and not ch.isalpha() and ch not in _WEIGHTS
            )
    return score


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, codec): the codec given, else BOM, else strict UTF-8, else the likeliest Windows page."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            raise FileRefused(_("The file is not written in %(encoding)s.") % {"encoding": encoding}) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[int, str, str] | None = None
    for codec in WINDOWS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, codec)
    if best is None:
        return data.decode("cp1252", errors="replace"), "cp1252"
    return best[1], best[2]


def _looks_binary(data: bytes, text: str) -> bool:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = text[:20_000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n") or ch == "\x7f")
    return controls > max(2, len(sample) // 200)


def _records(text: str, delimiter: str) -> Iterable[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)


def _delimiter(text: str, header_score: Callable[[list[str]], int]) -> str:
    head = "\n".join(text.splitlines()[:40])
    best = (-1, -1, DELIMITERS[0])
    for delimiter in DELIMITERS:
        rows = list(_records(head, delimiter))[:40]
        known = max((header_score(r) for r in rows), default=0)
        filled = max((sum(1 for c in r if c.strip()) for r in rows), default=0)
        if (known, filled) > best[:2]:
            best = (known, filled, delimiter)
    return best[2]


def _read_csv(data: bytes, encoding: str | None, header_score: Callable[[list[str]], int]) -> Sheet:
    text, codec = decode(data, encoding)
    if _looks_binary(data, text):
        raise FileRefused(_("This file is not a spreadsheet: save it as XLSX or CSV and try again."))
    delimiter = _delimiter(text, lambda cells: header_score([cell_text(c) for c in cells]))
    sheet = Sheet(kind="csv", encoding=codec, delimiter=delimiter)
    try:
        return _collect(sheet, _records(text, delimiter))
    except csv.Error:
        raise FileRefused(_("The file could not be read as CSV: check its quotes and separators.")) from None
