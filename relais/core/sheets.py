"""Spreadsheets as bytes → rows of text: XLSX or CSV, recognised by content, never by name.

The reader shared by the imports (participant lists and answer sheets in delivery and evaluation,
catalogue metadata in the knowledge centre); each says what differs through keyword arguments: its
limits (`Limits`), the messages that name what the file should be (`Wording`), how a cell reads
(`cell_text`, or `cell_long_text` to keep paragraphs), how a Windows code page is guessed
(`CodePages`) and how a row scores as a header row (to choose the CSV separator).

What people really send: CSV in UTF-8 with or without BOM (or UTF-16 "Unicode text" from Excel), in
Windows-1250/1251/1252, separated by commas, semicolons or tabs; XLSX with title lines, blank rows
and columns, hidden sheets, formulas, external links or macros (values only are read, from the first
visible sheet).

Refused with `SheetRefused`, with a reason the user can act on: files that are not spreadsheets, old
.xls files, password-protected workbooks (an encrypted OOXML file is an OLE compound file, not a
zip), OpenDocument spreadsheets, files over the size limit, zip bombs (the declared uncompressed
size is capped; Python's zipfile never inflates a member beyond its declared size: it stops there
and fails on the CRC), workbooks whose XML declares a DTD or entities (XXE, "billion laughs"), and
web pages, SVG or XML posing as CSV.

Column headings are compared by a key that ignores case, accents and punctuation (`heading_key`,
given the folding of the caller's layer) and looked up among the names an import knows (`Headings`).
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

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from relais.core.uploads import looks_like_markup, package_declares_dtd

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # data rows of one sheet
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
# Control characters (white space aside), which no cell means and PostgreSQL refuses (NUL): a CSV may
# hold them beyond the part read to tell it from a binary file.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PUNCTUATION = re.compile(r"[^0-9a-z]+")


class SheetRefused(Exception):
    """The file cannot be read at all; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS
    max_columns: int = MAX_COLUMNS
    max_scanned_rows: int = MAX_SCANNED_ROWS
    max_uncompressed: int = MAX_UNCOMPRESSED
    max_zip_entries: int = MAX_ZIP_ENTRIES
    header_scan: int = HEADER_SCAN


LIMITS = Limits()
TOO_LARGE = gettext_lazy("The file is too large: at most %(mb)s MB.")
EMPTY = gettext_lazy("The file is empty.")


@dataclass(frozen=True)
class Wording:
    """The refusals that name what the file should be; the other refusals are the same for every import."""

    too_much_data: str | Promise  # "The file unpacks to too much data to be a participant list."
    too_large: str | Promise = TOO_LARGE  # with %(mb)s
    empty: str | Promise = EMPTY
    zip_of_files: str | Promise | None = None  # a ZIP of other files; None: "not a spreadsheet"


@dataclass
class Sheet:
    kind: str  # "xlsx" or "csv"
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # non-blank rows, numbered as shown
    encoding: str = ""
    delimiter: str = ""
    too_many_rows: bool = False


# --- Code pages ---------------------------------------------------------------------------------

# Letters that tell the Windows code pages apart in European text (titles, names, organisations):
# French, German, Italian, Spanish, Portuguese letters for 1252; Central European letters for 1250.
_WESTERN = set("éèêëàâäçîïôöûüùœæÉÈÊÀÂÇÎÔÛÜŒñÑãõíóúáÁÍÓÚß«»–—‘’“”€")
_CENTRAL = set("čćđšžČĆĐŠŽřěůŘĚŮłŁńŃőűŐŰăşţĂŞŢąęĄĘśźżŚŹŻľĺŕňďťĽĹŔŇĎŤéáíóúýÉÁÍÓÚÝ«»–—‘’“”„€")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def letter_plausibility(text: str, codec: str) -> int:
    """How much `text`, decoded with `codec`, looks like what that code page is used for."""
    score = 0
    wanted = {"cp1252": _WESTERN, "cp1250": _CENTRAL}.get(codec, set())
    for ch in text:
        if ord(ch) < 128:
            continue
        if (codec == "cp1251" and _CYRILLIC.match(ch)) or ch in wanted:
            score += 1
        elif not ch.isalpha():
            score -= 2
    return score


@dataclass(frozen=True)
class CodePages:
    """How CSV without BOM that is not UTF-8 is decoded: with each page, keeping the likeliest text."""

    order: tuple[str, ...] = ("cp1252", "cp1250", "cp1251")  # the first breaks ties
    plausibility: Callable[[str, str], int] = letter_plausibility  # (text, codec) → higher is likelier


CODE_PAGES = CodePages()


def decode(data: bytes, encoding: str | None = None, *, code_pages: CodePages = CODE_PAGES) -> tuple[str, str]:
    """(text, codec): the codec given, else BOM, else strict UTF-8, else the likeliest Windows page."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            raise SheetRefused(_("The file is not written in %(encoding)s.") % {"encoding": encoding}) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[int, str, str] | None = None
    for codec in code_pages.order:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = code_pages.plausibility(text, codec)
        if best is None or score > best[0]:
            best = (score, text, codec)
    if best is None:
        return data.decode("cp1252", errors="replace"), "cp1252"
    return best[1], best[2]


# --- Reading ------------------------------------------------------------------------------------


def read_sheet(
    data: bytes,
    *,
    wording: Wording,
    encoding: str | None = None,
    header_score: Callable[[list[str]], int] | None = None,
    cell: Callable[[Any], str] | None = None,
    limits: Limits = LIMITS,
    code_pages: CodePages = CODE_PAGES,
) -> Sheet:
    """The rows of the first visible sheet (XLSX) or of the CSV; SheetRefused when unreadable.

    `encoding` forces the CSV's codec; `header_score` rates a row as headings (the CSV separator is
    the one giving the best header row); `cell` turns a value into text (`cell_text` by default).
    """
    if len(data) > limits.max_bytes:
        raise SheetRefused(str(wording.too_large) % {"mb": limits.max_bytes // (1024 * 1024)})
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise SheetRefused(str(wording.empty))
    reader = _Reader(wording, limits, cell or cell_text)
    if data.startswith(b"PK\x03\x04"):
        return reader.xlsx(data)
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise SheetRefused(_("The workbook is protected by a password: save it without a password and try again."))
        raise SheetRefused(_("This is an old Excel file (.xls): save it as .xlsx or CSV and try again."))
    return reader.csv(data, encoding, header_score or (lambda cells: 0), code_pages)


def cell_text(value: Any) -> str:
    """A cell as the text a person reads in it: numbers without a trailing .0, dates as YYYY-MM-DD; no
    control characters."""
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
    return _SPACES.sub(" ", _CONTROLS.sub("", str(value).translate(_INVISIBLE))).strip()


def cell_long_text(value: Any) -> str:
    """A cell that may hold paragraphs (an abstract): line breaks kept, other spaces collapsed."""
    if not isinstance(value, str):
        return cell_text(value)
    text = _CONTROLS.sub("", value.translate(_INVISIBLE)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class _Reader:
    wording: Wording
    limits: Limits
    cell: Callable[[Any], str]

    def collect(self, sheet: Sheet, records: Iterable[Iterable[Any]]) -> Sheet:
        limits = self.limits
        limit = limits.max_rows + limits.header_scan + 1
        for number, record in enumerate(records, start=1):
            if number > limits.max_scanned_rows:
                sheet.too_many_rows = True
                break
            cells = [self.cell(v) for v in list(record)[: limits.max_columns]]
            if any(cells):
                while cells and not cells[-1]:
                    cells.pop()
                sheet.rows.append((number, cells))
                if len(sheet.rows) > limit:
                    sheet.too_many_rows = True
                    break
        return sheet

    # --- XLSX -----------------------------------------------------------------------------------

    def check_zip(self, data: bytes) -> None:
        not_sheet = _("This file is not a spreadsheet: save it as XLSX or CSV and try again.")
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError):
            raise SheetRefused(not_sheet) from None
        limits = self.limits
        if len(infos) > limits.max_zip_entries or sum(i.file_size for i in infos) > limits.max_uncompressed:
            raise SheetRefused(str(self.wording.too_much_data))
        if any(i.flag_bits & 0x1 for i in infos):
            raise SheetRefused(_("The workbook is protected by a password: save it without a password and try again."))
        names = {i.filename for i in infos}
        if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
            raise SheetRefused(_("OpenDocument spreadsheets are not read: save the file as XLSX or CSV."))
        if "[Content_Types].xml" not in names or archive.getinfo("[Content_Types].xml").file_size > 1_000_000:
            if names and self.wording.zip_of_files is not None:
                raise SheetRefused(str(self.wording.zip_of_files))
            raise SheetRefused(not_sheet)
        types = archive.read("[Content_Types].xml")
        if not any(t in types for t in _SPREADSHEET_TYPES):
            raise SheetRefused(not_sheet)
        if package_declares_dtd(archive):  # after the size checks: the parts read are bounded
            raise SheetRefused(
                _(
                    "The workbook holds XML declarations (a DTD or entities) that spreadsheets never need and that "
                    "are used in attacks, so it is not read. Save it again from your spreadsheet software."
                )
            )

    def xlsx(self, data: bytes) -> Sheet:
        from openpyxl import load_workbook

        self.check_zip(data)
        damaged = _("The spreadsheet could not be read: it may be damaged. Save it again as XLSX.")
        try:
            # Values only (cached results of formulas), no external links, no macros; openpyxl parses
            # with defusedxml when it is installed (it is: no entity expansion, no DTD tricks).
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False, keep_vba=False)
        except Exception:  # openpyxl raises many kinds on damaged files (KeyError, XML errors…)
            raise SheetRefused(damaged) from None
        try:
            visible = [ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
            if not visible:
                raise SheetRefused(str(self.wording.empty))
            rows = visible[0].iter_rows(min_row=1, max_col=self.limits.max_columns, values_only=True)
            return self.collect(Sheet(kind="xlsx"), rows)
        except SheetRefused:
            raise
        except Exception:
            raise SheetRefused(damaged) from None
        finally:
            book.close()

    # --- CSV ------------------------------------------------------------------------------------

    def csv(
        self, data: bytes, encoding: str | None, header_score: Callable[[list[str]], int], code_pages: CodePages
    ) -> Sheet:
        text, codec = decode(data, encoding, code_pages=code_pages)
        if _looks_binary(data, text):
            raise SheetRefused(_("This file is not a spreadsheet: save it as XLSX or CSV and try again."))
        if looks_like_markup(text[:4096]):
            raise SheetRefused(
                _("This file is a web page or an XML file, not a spreadsheet: save it as XLSX or CSV and try again.")
            )
        delimiter = _delimiter(text, lambda cells: header_score([cell_text(c) for c in cells]))
        sheet = Sheet(kind="csv", encoding=codec, delimiter=delimiter)
        try:
            return self.collect(sheet, _records(text, delimiter))
        except csv.Error:
            raise SheetRefused(_("The file could not be read as CSV: check its quotes and separators.")) from None


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


# --- Headings and columns -----------------------------------------------------------------------


def heading_key(text: str, fold: Callable[[str], str]) -> str:
    """The comparison key of a cell: `fold` (lower case, Latin letters, no accents), "*" dropped,
    punctuation as spaces. `fold` comes from the caller (core knows no transliteration)."""
    return _PUNCTUATION.sub(" ", fold(text).replace("*", "")).strip()


class Headings:
    """The column headings an import knows, by key: `field("Année de publication")` → "year"."""

    def __init__(self, key: Callable[[str], str], headings: Iterable[tuple[str, str]]) -> None:
        self.key = key
        self.fields: dict[str, str] = {}
        for text, name in headings:  # a later heading wins
            self.fields[key(text)] = name

    def field(self, text: str) -> str | None:
        """The field a heading names ("E-mail *" → "email"), if it is one this import knows."""
        key = self.key(text)
        if not key:
            return None
        if key in self.fields:
            return self.fields[key]
        # "Organisation (name)", "Title (in the language of the document)": the first words often
        # suffice, unless a later word names another field ("Nom de l'organisation" is not the last name).
        words = key.split(" ")
        for size in (3, 2, 1):
            found = self.fields.get(" ".join(words[:size])) if len(words) > size else None
            if found and all(self.fields.get(w, found) == found for w in words[size:]):
                return found
        return None

    def score(self, cells: list[str]) -> int:
        """How many known fields a row names (the header row names the most)."""
        return len({f for f in (self.field(c) for c in cells if c) if f})


def column_letter(index: int) -> str:
    """The spreadsheet's name of a column: 0 → "A", 26 → "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str  # "" when the column is not imported

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        return f"{self.letter} ({self.header})" if self.header else self.letter
