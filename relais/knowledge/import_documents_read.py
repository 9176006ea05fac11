"""Reading the metadata sheet of a catalogue import: bytes → rows of text, and the columns it holds.

The reading itself is relais.core.sheets, shared with the participant and answer imports:
- XLSX or CSV, recognised by content, never by name; the first visible sheet of a workbook, values
  only (no formulas run, no external links, no macros); old .xls, password-protected workbooks,
  OpenDocument spreadsheets and zip bombs refused with a reason the user can act on.
- CSV in UTF-8 with or without BOM, UTF-16, or a Windows code page (1252 for Western European
  text, 1250 for Central European), separated by commas, semicolons or tabs (the separator that
  yields the most known headings wins).
- The header row is the one naming the most known columns among the first rows (title lines above it
  are skipped); headings in English or French, compared without case, accents or punctuation.

Proper to the catalogue, and passed to the shared reader: cells keep their line breaks (abstracts),
the refusals speak of a sheet, and a ZIP of files chosen here is told apart from a spreadsheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from relais.core import sheets
from relais.core.sheets import (
    DELIMITERS,
    ENCODINGS,
    HEADER_SCAN,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    MAX_UNCOMPRESSED,
    MAX_ZIP_ENTRIES,
    Column,
    Headings,
    Sheet,
    SheetRefused,
    cell_long_text,
    cell_text,
    column_letter,
    decode,
    heading_key,
)
from relais.programmes.text import search_key

__all__ = [
    "DELIMITERS",
    "ENCODINGS",
    "FIELDS",
    "FIELD_LABELS",
    "HEADER_ALIASES",
    "HEADER_SCAN",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SCANNED_ROWS",
    "MAX_UNCOMPRESSED",
    "MAX_ZIP_ENTRIES",
    "SHEET_MAX_BYTES",
    "TEMPLATE_HEADERS",
    "Column",
    "SheetRefused",
    "Table",
    "cell_long_text",
    "cell_text",
    "column_letter",
    "decode",
    "find_columns",
    "header_field",
    "header_score",
    "norm",
    "read_table",
]

SHEET_MAX_BYTES = sheets.MAX_BYTES
_WORDING = sheets.Wording(
    too_much_data=gettext_lazy("The file unpacks to too much data to be a metadata sheet."),
    too_large=gettext_lazy("The sheet is too large: at most %(mb)s MB."),
    empty=gettext_lazy("The sheet is empty."),
    zip_of_files=gettext_lazy(
        "This is a ZIP of files, not a spreadsheet: choose the metadata sheet (XLSX or CSV) here."
    ),
)

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


def norm(text: str) -> str:
    """The comparison key of a cell: lower case, Latin letters, no accents, punctuation as spaces."""
    return heading_key(text, search_key)


_HEADINGS = Headings(
    norm,
    [
        *((alias, f) for f, aliases in HEADER_ALIASES.items() for alias in aliases),
        *((h, f) for headers in TEMPLATE_HEADERS.values() for h, f in zip(headers, FIELDS, strict=True)),
    ],
)
header_field = _HEADINGS.field  # "Année de publication" → "year"; "Title *" → "title"
header_score = _HEADINGS.score


@dataclass
class Table(Sheet):
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
    limits = sheets.Limits(max_bytes=SHEET_MAX_BYTES, max_rows=MAX_ROWS)  # read at each call (tests lower them)
    sheet = sheets.read_sheet(
        data, wording=_WORDING, encoding=encoding, header_score=header_score, cell=cell_long_text, limits=limits
    )
    return Table(**vars(sheet))


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
