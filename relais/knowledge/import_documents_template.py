"""The spreadsheet template of a catalogue import.

- Sheet "Documents" (first, the one read back): the header row in the user's language (English and
  French headings are both accepted), frozen; drop-down lists for the type and the access (a value
  typed by hand, such as a code, is let through with a warning: the import accepts codes too).
- Sheet "Read me", in the user's language: what each column holds, with an example, and the codes
  and names of the types, themes and audiences.
Every cell is text that no spreadsheet runs as a formula.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from relais.core.spreadsheet_safety import protect_cell
from relais.knowledge.import_documents_read import FIELDS, MAX_ROWS, TEMPLATE_HEADERS, column_letter
from relais.knowledge.models import Access, DocumentKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCUMENTS_SHEET = "Documents"
_HEAD = PatternFill("solid", start_color="E8EEF5", end_color="E8EEF5")
_WRAP = Alignment(wrap_text=True, vertical="top")
WIDTHS = {"title": 48, "abstract": 60, "authors": 30, "publisher": 28, "themes": 30, "countries": 20,
          "audiences": 26, "url": 34, "file": 30, "collection": 28, "translation_key": 16, "kind": 22}  # fmt: skip


def put(sheet: Worksheet, row: int, column: int, value: Any, *, bold: bool = False) -> Any:
    """Write a cell as text that no spreadsheet will run as a formula."""
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    protect_cell(cell)  # never a formula, whatever the text starts with
    if bold:
        cell.font = Font(bold=True)
    return cell


def _language() -> str:
    return "fr" if (get_language() or "en")[:2] == "fr" else "en"


def headers() -> list[str]:
    return TEMPLATE_HEADERS[_language()]


def _explanations() -> dict[str, tuple[str, str]]:
    """What each column holds, and an example."""
    return {
        "title": (_("Required. The title in the language of the next column."),
                  "Guidelines on labour inspection and trafficking"),
        "kind": (_("Required. The type: choose it in the list, or write its code (study, guideline, manual, "
                   "training_material, report, legal_text, case_law)."), str(DocumentKind.GUIDELINE.label)),
        "language": (_("Required. The language of the title and abstract: an ISO 639-1 code (en, fr, sr…) or its name "
                       "in English or French."), "en"),
        "languages": (_("The languages of the content, separated by commas (codes or names). Empty: the language of "
                        "the title."), "en, sr"),
        "authors": (_("The authors, separated by semicolons (a comma may separate a surname from the first name)."),
                    "Marković, Ana; Rossi, Luca"),
        "publisher": (_("The organisation that published it."), "Relais Centre"),
        "place": (_("The place of publication."), "Vienna"),
        "year": (_("The year of publication: four digits."), "2023"),
        "abstract": (_("A summary: plain text (paragraphs separated by an empty line) or simple HTML."),
                     _("How labour inspectors detect trafficking for labour exploitation.")),
        "themes": (_("Themes, separated by semicolons: their codes or names (list below)."),
                   "thb_labour; supply_chains"),
        "countries": (_("Countries covered, separated by semicolons: ISO codes or names in English or French."),
                      "AL; RS; IT"),
        "audiences": (_("The professions it is written for, separated by semicolons: codes or names (list below)."),
                      "labour_inspection; police"),
        "isbn": (_("ISBN-10 or ISBN-13 (with or without hyphens); its check digit is verified."), "978-92-2-133963-7"),
        "doi": (_("DOI, with or without https://doi.org/."), "10.1000/xyz123"),
        "url": (_("A web address where it is published, beginning with https://."), "https://example.org/guide"),
        "access": (_("public (anyone, without logging in) or internal (programme staff). Empty: internal."),
                   _("public")),
        "file": (_("The name of its file in the ZIP file (or folder), with its sub-folder if it has one."),
                 "guides/labour-inspection-en.pdf"),
        "translation_key": (_("The same word or number on the rows that are translations of one another."), "LI-2023"),
        "collection": (_("The title of a collection (e.g. a training package): created if it does not exist; "
                         "documents are added in the order of the rows."), _("Training package on labour inspection")),
    }  # fmt: skip


def template_xlsx() -> bytes:
    from relais.core.models import Profession, Theme

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = DOCUMENTS_SHEET
    names = headers()
    for index, (name, text) in enumerate(zip(FIELDS, names, strict=True), start=1):
        cell = put(sheet, 1, index, text, bold=True)
        cell.fill = _HEAD
        sheet.column_dimensions[column_letter(index - 1)].width = WIDTHS.get(name, 14)
    sheet.freeze_panes = "B2"
    last = MAX_ROWS + 1
    kinds = [str(label) for _code, label in DocumentKind.choices]
    kind_list = DataValidation(
        type="list",
        formula1='"' + ",".join(k.replace('"', "") for k in kinds) + '"',
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        errorTitle=_("Type"),
        error=_("Choose a type in the list (or write its code)."),
        promptTitle=_("Type"),
        prompt=_("Choose the type of the document."),
        showInputMessage=True,
    )
    access_list = DataValidation(
        type="list",
        formula1='"' + ",".join(str(label).lower() for _code, label in Access.choices) + '"',
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        errorTitle=_("Access"),
        error=_("Choose public or internal."),
        promptTitle=_("Access"),
        prompt=_("public: anyone; internal: programme staff only."),
        showInputMessage=True,
    )
    kind_list.add(f"{column_letter(FIELDS.index('kind'))}2:{column_letter(FIELDS.index('kind'))}{last}")
    access_list.add(f"{column_letter(FIELDS.index('access'))}2:{column_letter(FIELDS.index('access'))}{last}")
    sheet.add_data_validation(kind_list)
    sheet.add_data_validation(access_list)

    readme = book.create_sheet(_("Read me")[:31])
    readme.column_dimensions["A"].width = 22
    readme.column_dimensions["B"].width = 80
    readme.column_dimensions["C"].width = 40
    row = 1
    put(readme, row, 1, _("Importing documents into the knowledge centre"), bold=True).font = Font(bold=True, size=14)
    row += 2
    for line in (
        _("One row per document on the sheet “%(sheet)s”; keep its header row (English or French headings).")
        % {"sheet": sheet.title},
        _("Upload the sheet with a ZIP file of the documents' files; each row names its file in the column “%(col)s”.")
        % {"col": names[FIELDS.index("file")]},
        _("Relais checks everything first and lists every problem by row and column; nothing is imported until "
          "there is none. Then every row is imported, or none."),
        _("A document already in Relais (same DOI, else same ISBN, else same title, year and language) is updated, "
          "not added twice; an empty cell leaves its current value as it is. A file identical to its current one is "
          "not added again; a different one becomes a new version."),
    ):  # fmt: skip
        put(readme, row, 1, "•")
        put(readme, row, 2, line).alignment = _WRAP
        row += 1
    row += 1
    for column, text in enumerate((_("Column"), _("What to write"), _("Example")), start=1):
        put(readme, row, column, text, bold=True).fill = _HEAD
    row += 1
    explanations = _explanations()
    for name, heading in zip(FIELDS, names, strict=True):
        text, example = explanations[name]
        put(readme, row, 1, heading, bold=True)
        put(readme, row, 2, text).alignment = _WRAP
        put(readme, row, 3, example).alignment = _WRAP
        row += 1
    row = _list(readme, row + 1, _("Types"), [(c, str(label)) for c, label in DocumentKind.choices])
    row = _list(readme, row + 1, _("Access"), [(c, str(label)) for c, label in Access.choices])
    themes = [(t.code, t.name) for t in Theme.objects.filter(is_active=True).order_by("position", "code")]
    row = _list(readme, row + 1, _("Themes"), themes)
    professions = [(p.code, p.name) for p in Profession.objects.filter(is_active=True).order_by("position", "code")]
    _list(readme, row + 1, _("Audiences"), professions)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _list(sheet: Worksheet, row: int, title: str, items: list[tuple[str, str]]) -> int:
    put(sheet, row, 1, title, bold=True).fill = _HEAD
    put(sheet, row, 2, _("Code — name (either may be written)"), bold=True).fill = _HEAD
    row += 1
    for code, name in items:
        put(sheet, row, 1, code)
        put(sheet, row, 2, name)
        row += 1
    return row
