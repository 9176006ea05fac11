"""Participant lists and their aggregates as XLSX and CSV, and the import template (DESIGN.md §4, §7).

- Lists carry personal data: only for roles that may see it (the views check). No cell can carry a
  formula: XLSX cells are written as text with Excel's quote prefix, and CSV cells that look like a
  formula get a leading apostrophe, as OWASP recommends (relais.core.spreadsheet_safety).
- Aggregates (counts by profession, country, gender and status) follow the rule of small numbers:
  a count from 1 to 4 is shown as "<5"; each table gives its n.
- The columns of a list start with the import template's, so an exported list can be imported again.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import get_language, gettext, pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from relais.core.models import Country, Profession
from relais.core.spreadsheet_safety import neutralise, protect_cell
from relais.delivery.import_participants import column_letter
from relais.delivery.import_vocabulary import TEMPLATE_HEADERS
from relais.delivery.models import Gender, Registration, RegistrationStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
SMALL = 5


def language() -> str:
    return "fr" if (get_language() or "en")[:2] == "fr" else "en"


def shown(count: int) -> str:
    """A count as it may leave the platform: under five people it is "<5"."""
    return "<5" if 0 < count < SMALL else str(count)


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


# --- Files -----------------------------------------------------------------------------------------


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads the accents); semicolons in French, as French
    Excel expects; every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if language() == "fr" else ",", lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in table.headers])
    writer.writerows([neutralise(str(v)) for v in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text_cell(sheet: object, value: str, bold: bool = False) -> WriteOnlyCell:
    cell = protect_cell(WriteOnlyCell(sheet, value=value))
    if bold:
        cell.font = Font(bold=True)
    return cell


def to_xlsx(tables: Sequence[Table]) -> bytes:
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.freeze_panes = "A2"
        for index, header in enumerate(table.headers):
            sheet.column_dimensions[column_letter(index)].width = max(12, min(40, len(header) + 4))
        sheet.append([_text_cell(sheet, h, bold=True) for h in table.headers])
        for row in table.rows:
            sheet.append([_text_cell(sheet, str(v)) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Participant lists -----------------------------------------------------------------------------


def participant_table(registrations: Iterable[Registration], *, with_session: bool) -> Table:
    """One row per registration, as registered (the snapshot), with the person's name and contacts."""
    headers = list(TEMPLATE_HEADERS[language()])
    headers.append(gettext("Status"))
    if with_session:
        headers += [gettext("Session"), gettext("First day")]
    rows = []
    for r in registrations:
        p = r.person
        row = [
            p.first_name,
            p.last_name,
            p.get_gender_display(),
            r.country.name if r.country else "",
            r.organisation_name or (str(r.organisation) if r.organisation else ""),
            r.profession.name if r.profession else "",
            r.position,
            p.email,
            p.phone,
            r.get_status_display(),
        ]
        if with_session:
            row += [r.session.title, r.session.start_date.isoformat()]
        rows.append([str(v) for v in row])
    return Table(title=gettext("Participants"), headers=headers, rows=rows)


def list_queryset(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    return registrations.select_related("person", "country", "organisation", "profession", "session").order_by(
        "session__start_date", "session_id", "person__last_name", "person__first_name", "pk"
    )


# --- Aggregates ------------------------------------------------------------------------------------


def summary_tables(registrations: QuerySet[Registration]) -> list[Table]:
    """Counts by status (every registration), and by profession, country and gender (every registration
    but withdrawals), with the rule of small numbers."""
    rows = list(registrations.values_list("status", "profession_id", "country_id", "person__gender"))
    counted = [r for r in rows if r[0] != RegistrationStatus.WITHDRAWN]
    professions = {p.pk: p.name for p in Profession.objects.all()}
    countries = {c.pk: c.name for c in Country.objects.filter(pk__in={r[2] for r in counted})}
    statuses = dict(RegistrationStatus.choices)
    genders = dict(Gender.choices)
    unknown = pgettext("not recorded", "Not recorded")
    dimensions = [
        (gettext("By status"), gettext("Status"), Counter(str(statuses[r[0]]) for r in rows), len(rows)),
        (
            gettext("By profession"),
            gettext("Profession"),
            Counter(professions.get(r[1], unknown) if r[1] else unknown for r in counted),
            len(counted),
        ),
        (
            gettext("By country"),
            gettext("Country"),
            Counter(countries.get(r[2], unknown) if r[2] else unknown for r in counted),
            len(counted),
        ),
        (gettext("By gender"), gettext("Gender"), Counter(str(genders[r[3]]) for r in counted), len(counted)),
    ]
    tables = []
    for title, label, counter, total in dimensions:
        body = [[value, shown(n)] for value, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
        body.append([gettext("Total (n)"), shown(total)])
        tables.append(Table(title=title, headers=[label, gettext("People")], rows=body))
    return tables


def summary_long(tables: Sequence[Table]) -> Table:
    """The aggregates as one table (for CSV): what is counted, the value, the count."""
    rows = [[t.headers[0], row[0], row[1]] for t in tables for row in t.rows]
    return Table(
        title=gettext("Summary"), headers=[gettext("Counted by"), gettext("Value"), gettext("People")], rows=rows
    )


def summary_note() -> str:
    return gettext("Counts from 1 to 4 are shown as <5 so that no one can be singled out.")


# --- The import template ---------------------------------------------------------------------------


def template_xlsx() -> bytes:
    """The import template: headings in the user's language, drop-down lists of genders, countries and
    professions (suggestions: other spellings and ISO codes are accepted too), and an example sheet."""
    lang = language()
    headers = TEMPLATE_HEADERS[lang]
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Participants")
    sheet.append(headers)
    for index, _header in enumerate(headers):
        sheet.cell(row=1, column=index + 1).font = Font(bold=True)
        sheet.column_dimensions[column_letter(index)].width = 22
    sheet.freeze_panes = "A2"
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    name = "name_fr" if lang == "fr" else "name_en"
    columns = {
        "C": [str(label) for _code, label in Gender.choices],
        "D": list(Country.objects.filter(is_active=True).order_by(name).values_list(name, flat=True)),
        "F": list(Profession.objects.filter(is_active=True).values_list(name, flat=True)),
    }
    for number, (target, values) in enumerate(columns.items(), start=1):
        source = column_letter(number - 1)
        for row, value in enumerate(values, start=1):
            protect_cell(lists.cell(row=row, column=number, value=value))
        check = DataValidation(
            type="list", formula1=f"=Lists!${source}$1:${source}${max(1, len(values))}", allow_blank=True
        )
        check.showErrorMessage = False  # a suggestion: "AL" or "Albanie" are accepted as well
        check.add(f"{target}2:{target}2000")
        sheet.add_data_validation(check)
    example = book.create_sheet(gettext("Example"))
    example.append(headers)
    example.append(_example(lang))
    example.append([])
    example.append([gettext("Only the first sheet is imported. First and last names are required.")])
    example.append([gettext("Country: its name in English or French, or its ISO code (AL, ALB).")])
    example.append([gettext("Gender: F, M, woman, man, femme, homme, other; empty if not known.")])
    for index in range(len(headers)):
        example.cell(row=1, column=index + 1).font = Font(bold=True)
        example.column_dimensions[column_letter(index)].width = 22
    for row_cells in example.iter_rows():
        for cell in row_cells:
            protect_cell(cell)  # the example's "+355 ..." phone number is text, not a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _example(lang: str) -> list[str]:
    if lang == "fr":
        return ["Ana", "Hoxha", "Femme", "Albanie", "Inspection nationale du travail", "Inspection du travail",
                "Inspectrice", "ana.hoxha@example.org", "+355 4 000 0000"]  # fmt: skip
    return ["Ana", "Hoxha", "Woman", "Albania", "State Labour Inspectorate", "Labour inspection", "Inspector",
            "ana.hoxha@example.org", "+355 4 000 0000"]  # fmt: skip
