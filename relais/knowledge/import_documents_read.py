"""Reading the metadata sheet of a catalogue import: bytes → rows of text, and the columns it holds.

The same rules as the participant and answer imports (relais.delivery.import_files), rewritten here
because the knowledge centre may not import from delivery (DESIGN.md §5, layers):
- XLSX or CSV, recognised by content, never by name; the first visible sheet of a workbook, values
  only (no formulas run, no external links, no macros); old .xls, password-protected workbooks,
  OpenDocument spreadsheets and zip bombs refused with a reason the user can act on.
- CSV in UTF-8 with or without BOM, UTF-16, or a Windows code page (1252 for Western European
  text, 1250 for Central European), separated by commas, semicolons or tabs (the separator that
  yields the most known headings wins).
- The header row is the one naming the most known columns among the first rows (title lines above it
  are skipped); headings in English or French, compared without case, accents or punctuation.
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

from relais.programmes.text import search_key

SHEET_MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # documents in one sheet
MAX_COLUMNS = 60
MAX_SCANNED_ROWS = 200_000  # physical rows read, blank ones included
MAX_UNCOMPRESSED = 80 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
HEADER_SCAN = 25

ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp1252": "Windows-1252",
}
DELIMITERS = (";", ",", "\t")

FIELD_LABELS: dict[str, str | Promise] = {
    "title": gettext_lazy("Title"),
    "kind": gettext_lazy("Type"),
    "language": gettext_lazy("Language"),
    "languages": gettext_lazy("Languages"),
    "authors": gettext_lazy("Authors"),
    "publisher": gettext_lazy("Publisher"),
    "place": gettext_lazy("Place"),
    "year": gettext_lazy("Year"),
    "abstract": gettext_lazy("Abstract"),
    "themes": gettext_lazy("Themes"),
    "countries": gettext_lazy("Countries"),
    "audiences": gettext_lazy("Audiences"),
    "isbn": "ISBN",
    "doi": "DOI",
    "url": "URL",
    "access": gettext_lazy("Access"),
    "file": gettext_lazy("File"),
    "translation_key": gettext_lazy("Translation key"),
    "collection": gettext_lazy("Collection"),
}
FIELDS = tuple(FIELD_LABELS)

# The template's headings, per language (both are accepted whatever the user's language).
TEMPLATE_HEADERS = {
    "en": ["Title", "Type", "Language", "Languages", "Authors", "Publisher", "Place", "Year", "Abstract", "Themes",
           "Countries", "Audiences", "ISBN", "DOI", "URL", "Access", "File", "Translation key", "Collection"],
    "fr": ["Titre", "Type", "Langue", "Langues", "Auteurs", "Éditeur", "Lieu", "Année", "Résumé", "Thèmes", "Pays",
           "Publics", "ISBN", "DOI", "URL", "Accès", "Fichier", "Clé de traduction", "Collection"],
}  # fmt: skip

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "document title", "titre", "titre du document", "intitule", "nom du document"),
    "kind": ("type", "kind", "document type", "type of document", "type de document", "category", "categorie",
             "genre"),
    "language": ("language", "language of the title", "title language", "langue", "langue du titre",
                 "langue du document", "document language", "lang"),
    "languages": ("languages", "content languages", "languages of the content", "langues", "langues du contenu",
                  "langues du document", "available languages", "langues disponibles"),
    "authors": ("authors", "author", "author s", "auteurs", "auteur", "auteur s", "creator", "creators",
                "auteur e s", "autrices et auteurs"),
    "publisher": ("publisher", "editeur", "editeurs", "maison d edition", "published by", "edite par",
                  "publie par", "organisation", "organization", "institution"),
    "place": ("place", "place of publication", "lieu", "lieu de publication", "lieu d edition", "city", "ville"),
    "year": ("year", "year of publication", "publication year", "annee", "annee de publication",
             "annee d edition", "date", "published"),
    "abstract": ("abstract", "summary", "description", "resume", "synthese", "abstract summary"),
    "themes": ("themes", "theme", "topics", "topic", "subjects", "subject", "sujets", "sujet", "thematiques",
               "thematique"),
    "countries": ("countries", "country", "pays", "country codes", "codes pays", "geographic coverage",
                  "couverture geographique"),
    "audiences": ("audiences", "audience", "target audience", "target audiences", "publics", "public cible",
                  "publics cibles", "professions", "profession", "destinataires"),
    "isbn": ("isbn", "isbn 13", "isbn 10", "isbn13", "isbn10"),
    "doi": ("doi", "digital object identifier"),
    "url": ("url", "web address", "link", "web link", "website", "lien", "adresse web", "adresse internet",
            "site web", "site", "lien web"),
    "access": ("access", "visibility", "acces", "visibilite", "public or internal", "public ou interne"),
    "file": ("file", "file name", "filename", "files", "fichier", "nom du fichier", "nom de fichier", "fichiers",
             "path", "chemin", "attachment", "piece jointe"),
    "translation_key": ("translation key", "translation", "translation group", "translations", "cle de traduction",
                        "groupe de traduction", "traduction", "traductions", "translation id"),
    "collection": ("collection", "collection title", "titre de la collection", "package", "training package",
                   "paquet de formation", "dossier"),
}  # fmt: skip

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
_PUNCTUATION = re.compile(r"[^0-9a-z]+")


class SheetRefused(Exception):
    """The sheet cannot be read at all; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def norm(text: str) -> str:
    """The comparison key of a cell: lower case, Latin letters, no accents, punctuation as spaces."""
    return _PUNCTUATION.sub(" ", search_key(text).replace("*", "")).strip()


_HEADERS: dict[str, str] = {norm(alias): f for f, aliases in HEADER_ALIASES.items() for alias in aliases}
for _headers in TEMPLATE_HEADERS.values():
    _HEADERS.update({norm(h): f for h, f in zip(_headers, FIELDS, strict=True)})


def header_field(text: str) -> str | None:
    """The field a column heading names ("Année de publication" → "year"; "Title *" → "title")."""
    key = norm(text)
    if not key:
        return None
    if key in _HEADERS:
        return _HEADERS[key]
    # "Title (in the language of the document)", "Themes (codes)": the first words often suffice,
    # unless a later word names another field.
    words = key.split(" ")
    for size in (3, 2, 1):
        found = _HEADERS.get(" ".join(words[:size])) if len(words) > size else None
        if found and all(_HEADERS.get(w, found) == found for w in words[size:]):
            return found
    return None


def header_score(cells: list[str]) -> int:
    return len({f for f in (header_field(c) for c in cells if c) if f})


def column_letter(index: int) -> str:
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


@dataclass
class Table:
    kind: str  # "xlsx" or "csv"
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # non-blank rows, numbered as shown
    encoding: str = ""
    delimiter: str = ""
    too_many_rows: bool = False
    header_row: int | None = None
    columns: list[Column] = field(default_factory=list)

    @property
    def encoding_label(self) -> str:
        return ENCODINGS.get(self.encoding, self.encoding)

    def body(self) -> list[tuple[int, list[str]]]:
        return [(n, cells) for n, cells in self.rows if self.header_row is None or n > self.header_row]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)


def read_table(data: bytes, *, encoding: str | None = None) -> Table:
    """The rows of the first visible sheet (XLSX) or of the CSV; SheetRefused when unreadable."""
    if len(data) > SHEET_MAX_BYTES:
        raise SheetRefused(_("The sheet is too large: at most %(mb)s MB.") % {"mb": SHEET_MAX_BYTES // (1024 * 1024)})
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise SheetRefused(_("The sheet is empty."))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise SheetRefused(_("The workbook is protected by a password: save it without a password and try again."))
        raise SheetRefused(_("This is an old Excel file (.xls): save it as .xlsx or CSV and try again."))
    return _read_csv(data, encoding)


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


def cell_long_text(value: Any) -> str:
    """A cell that may hold paragraphs (an abstract): line breaks kept, other spaces collapsed."""
    if not isinstance(value, str):
        return cell_text(value)
    text = value.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _collect(table: Table, records: Iterable[Iterable[Any]]) -> Table:
    limit = MAX_ROWS + HEADER_SCAN + 1
    for number, record in enumerate(records, start=1):
        if number > MAX_SCANNED_ROWS:
            table.too_many_rows = True
            break
        cells = [cell_long_text(v) for v in list(record)[:MAX_COLUMNS]]
        if any(cells):
            while cells and not cells[-1]:
                cells.pop()
            table.rows.append((number, cells))
            if len(table.rows) > limit:
                table.too_many_rows = True
                break
    return table


# --- XLSX ---------------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    not_sheet = _("This file is not a spreadsheet: save it as XLSX or CSV and try again.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SheetRefused(not_sheet) from None
    if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise SheetRefused(_("The file unpacks to too much data to be a metadata sheet."))
    if any(i.flag_bits & 0x1 for i in infos):
        raise SheetRefused(_("The workbook is protected by a password: save it without a password and try again."))
    names = {i.filename for i in infos}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
        raise SheetRefused(_("OpenDocument spreadsheets are not read: save the file as XLSX or CSV."))
    if "[Content_Types].xml" not in names or archive.getinfo("[Content_Types].xml").file_size > 1_000_000:
        if names:
            raise SheetRefused(
                _("This is a ZIP of files, not a spreadsheet: choose the metadata sheet (XLSX or CSV) here.")
            )
        raise SheetRefused(not_sheet)
    types = archive.read("[Content_Types].xml")
    if not any(t in types for t in _SPREADSHEET_TYPES):
        raise SheetRefused(not_sheet)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    _check_zip(data)
    damaged = _("The spreadsheet could not be read: it may be damaged. Save it again as XLSX.")
    try:
        # openpyxl parses with defusedxml when it is installed (it is): no entity expansion.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False, keep_vba=False)
    except Exception:  # openpyxl raises many kinds on damaged files (KeyError, XML errors…)
        raise SheetRefused(damaged) from None
    try:
        visible = [ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        if not visible:
            raise SheetRefused(_("The sheet is empty."))
        rows = visible[0].iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        return _collect(Table(kind="xlsx"), rows)
    except SheetRefused:
        raise
    except Exception:
        raise SheetRefused(damaged) from None
    finally:
        book.close()


# --- CSV ----------------------------------------------------------------------------------------

# Letters that tell the Windows code pages apart in catalogue text (titles, authors, publishers):
# French, German, Italian, Spanish, Portuguese letters for 1252; the letters of the route for 1250.
_WESTERN = set("éèêëàâäçîïôöûüùœæÉÈÊÀÂÇÎÔÛÜŒñÑãõíóúáÁÍÓÚß«»–—‘’“”€")
_CENTRAL = set("čćđšžČĆĐŠŽřěůŘĚŮłŁńŃőűŐŰăşţĂŞŢąęĄĘśźżŚŹŻľĺŕňďťĽĹŔŇĎŤéáíóúýÉÁÍÓÚÝ«»–—‘’“”„€")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _plausibility(text: str, codec: str) -> int:
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


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
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
    for codec in ("cp1252", "cp1250", "cp1251"):  # order breaks ties
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text, codec)
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


def _delimiter(text: str, score: Callable[[list[str]], int]) -> str:
    head = "\n".join(text.splitlines()[:40])
    best = (-1, -1, DELIMITERS[0])
    for delimiter in DELIMITERS:
        rows = list(_records(head, delimiter))[:40]
        known = max((score(r) for r in rows), default=0)
        filled = max((sum(1 for c in r if c.strip()) for r in rows), default=0)
        if (known, filled) > best[:2]:
            best = (known, filled, delimiter)
    return best[2]


def _read_csv(data: bytes, encoding: str | None) -> Table:
    text, codec = decode(data, encoding)
    if _looks_binary(data, text):
        raise SheetRefused(_("This file is not a spreadsheet: save it as XLSX or CSV and try again."))
    delimiter = _delimiter(text, lambda cells: header_score([cell_text(c) for c in cells]))
    table = Table(kind="csv", encoding=codec, delimiter=delimiter)
    try:
        return _collect(table, _records(text, delimiter))
    except csv.Error:
        raise SheetRefused(_("The file could not be read as CSV: check its quotes and separators.")) from None


# --- Header row and columns ---------------------------------------------------------------------


def find_columns(table: Table) -> None:
    """Set the header row (the one naming the most known columns, at least one) and the columns."""
    head = table.rows[:HEADER_SCAN]
    scored = [(header_score(cells), -i, number, cells) for i, (number, cells) in enumerate(head)]
    best = max(scored, default=None)
    if best is None or best[0] < 1:
        return
    table.header_row, header = best[2], best[3]
    body = table.body()
    width = max([len(header), *(len(cells) for _n, cells in body)])
    filled = {i for _n, cells in body for i, v in enumerate(cells) if v}
    for index in range(width):
        text = cell_text(header[index]) if index < len(header) else ""
        if not text and index not in filled:
            continue
        table.columns.append(Column(index=index, header=text, field=header_field(text) or ""))
