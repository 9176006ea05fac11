"""The spreadsheet template of one questionnaire, for typing in paper answers (then imported back).

- Sheet "Answers": one row per participant of the session (withdrawn and waiting people left out):
  the participant reference (R and the registration's number), their name and e-mail address for
  the person typing (read only: the sheet is protected, only the answer cells are open; the import
  ignores these columns), then one column per question, headed "Q<n> " and the start of its text.
  Drop-down lists: option values of single-choice questions, 1–5 for agreement scales. Cooperation
  questions are not in it (they are typed in from the paper form). Anonymous questionnaires have no
  participant columns: one row per returned form.
- Sheet "Read me", in the user's language: what to write for each question (option codes and their
  labels, several choices separated by ";", numbers, texts, contacts as P<number>).
- Sheet "People" (questionnaires with a contacts question): the references of the session's people.
- No cell can carry a formula: every cell is text, with Excel's quote prefix when it begins with
  =, +, -, @, a tab or a carriage return (as in delivery's exports).
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from relais.core.spreadsheet_safety import protect_cell
from relais.delivery.import_participants import column_letter
from relais.delivery.models import Registration, RegistrationStatus
from relais.evaluation.answers import TEXT_LIMITS
from relais.evaluation.import_answers_read import numbered_items, participant_key
from relais.evaluation.models import Item, ItemType, Questionnaire

ANSWERS_SHEET = "Answers"
LISTS_SHEET = "Lists"
HEADER_TEXT = 40  # characters of a question's text in its column heading
ANONYMOUS_ROWS = 500
_GREY = PatternFill("solid", start_color="EEEEEE", end_color="EEEEEE")
_OPEN = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")


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
    return (get_language() or "en")[:2]


def item_text(item: Item, language: str) -> str:
    translated = (item.translations or {}).get(language) or {}
    text = translated.get("text") if isinstance(translated, dict) else None
    return " ".join(str(text or item.text).split())


def option_labels(item: Item, language: str) -> list[tuple[str, str]]:
    """(value, label) of each option, the label in the user's language when it is translated."""
    translated = (item.translations or {}).get(language) or {}
    names = translated.get("options") if isinstance(translated, dict) else None
    names = names if isinstance(names, dict) else {}
    return [(str(o.get("value")), str(names.get(str(o.get("value"))) or o.get("label") or "")) for o in item.options]


def column_header(number: int, item: Item, language: str) -> str:
    text = item_text(item, language)
    short = text if len(text) <= HEADER_TEXT else text[: HEADER_TEXT - 1].rstrip() + "…"
    return f"Q{number} {short}"


def template_registrations(questionnaire: Questionnaire) -> list[Registration]:
    return list(
        Registration.objects.filter(session_id=questionnaire.session_id)
        .exclude(status__in=[RegistrationStatus.WITHDRAWN, RegistrationStatus.WAITING])
        .select_related("person", "organisation", "country")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def template_xlsx(questionnaire: Questionnaire, *, names: bool) -> bytes:
    """The workbook to fill in; `names`: whether the user may see who the participants are."""
    language = _language()
    items = numbered_items(questionnaire)
    importable = [(n, i) for n, i in items if i.type != ItemType.COOPERATION]
    registrations = [] if questionnaire.anonymous else template_registrations(questionnaire)
    book = Workbook()
    sheet = book.active
    sheet.title = ANSWERS_SHEET
    fixed: list[tuple[str, int]] = []
    if not questionnaire.anonymous:
        fixed.append((_("Participant"), 12))
        if names:
            fixed += [(_("Name (not imported)"), 28), (_("E-mail (not imported)"), 28)]
    for index, (header, width) in enumerate(fixed):
        put(sheet, 1, index + 1, header, bold=True)
        sheet.column_dimensions[column_letter(index)].width = width
    first = len(fixed) + 1
    for offset, (number, item) in enumerate(importable):
        put(sheet, 1, first + offset, column_header(number, item, language), bold=True).alignment = _WRAP
        sheet.column_dimensions[column_letter(first + offset - 1)].width = 24
    for row, registration in enumerate(registrations, start=2):
        put(sheet, row, 1, participant_key(registration.pk))
        if names:
            person = registration.person
            put(sheet, row, 2, f"{person.last_name}, {person.first_name}").fill = _GREY
            put(sheet, row, 3, person.email).fill = _GREY
    last = len(registrations) + 1 if not questionnaire.anonymous else ANONYMOUS_ROWS + 1
    for offset in range(len(importable)):
        for row in range(2, last + 1):
            sheet.cell(row=row, column=first + offset).protection = _OPEN
    # Read only but for the answers; no password: it prevents slips, not a determined person.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.freeze_panes = f"{column_letter(first - 1)}2"
    _validations(book, sheet, importable, first, max(last, 2), language)
    _read_me(book.create_sheet(_("Read me")[:31]), questionnaire, items, language, names)
    if names and any(i.type == ItemType.CONTACTS for _n, i in items) and registrations:
        _people(book.create_sheet(_("People")[:31]), registrations)
    if LISTS_SHEET in book.sheetnames:  # hidden, last
        book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames) - 1 - book.sheetnames.index(LISTS_SHEET))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _validations(
    book: Workbook, sheet: Worksheet, items: list[tuple[int, Item]], first: int, last: int, language: str
) -> None:
    lists: Worksheet | None = None
    for offset, (_number, item) in enumerate(items):
        letter = column_letter(first + offset - 1)
        cells = f"{letter}2:{letter}{last}"
        if item.type == ItemType.LIKERT:
            check = DataValidation(type="list", formula1='"1,2,3,4,5"', allow_blank=True)
            check.error = _("Choose a value from 1 to 5.")
        elif item.type == ItemType.SINGLE and item.options:
            if lists is None:
                lists = book.create_sheet(LISTS_SHEET)
                lists.sheet_state = "hidden"
            source = column_letter(offset)
            for row, (value, _label) in enumerate(option_labels(item, language), start=1):
                put(lists, row, offset + 1, value)
            check = DataValidation(
                type="list", formula1=f"{LISTS_SHEET}!${source}$1:${source}${len(item.options)}", allow_blank=True
            )
            # A warning, not a refusal: the option's label (in any language) is accepted too.
            check.errorStyle = "warning"
            check.error = _("Write one of the option codes listed in the “Read me” sheet, or its label.")
        else:
            continue
        check.showErrorMessage = True
        check.add(cells)
        sheet.add_data_validation(check)


def _what_to_write(item: Item, language: str) -> str:
    options = "; ".join(f"{value} = {label}" for value, label in option_labels(item, language))
    if item.type == ItemType.SINGLE:
        return _("One code: %(options)s. The option's text, in any language of the questionnaire, is accepted too.") % {
            "options": options
        }
    if item.type == ItemType.MULTIPLE:
        return _(
            "One or more codes separated by “;” (for example a;c): %(options)s. Options' texts are accepted too."
        ) % {"options": options}
    if item.type == ItemType.LIKERT:
        return _("A whole number from 1 (strongly disagree) to 5 (strongly agree).")
    if item.type == ItemType.NUMBER:
        return _("A number (12 or 12.5; a decimal comma is accepted).")
    if item.type in TEXT_LIMITS:
        return _("Text, at most %(limit)s characters.") % {"limit": TEXT_LIMITS[item.type]}
    if item.type == ItemType.CONTACTS:
        return _(
            "The people named, as P and their number (see the “People” sheet), separated by “;” "
            "(for example P12;P40); an organisation as O and its number."
        )
    return _(
        "Not imported from this workbook (no column): type the cooperation described on the paper form "
        "in Relais, on the paper entry page of this questionnaire."
    )


def _read_me(
    sheet: Worksheet, questionnaire: Questionnaire, items: list[tuple[int, Item]], language: str, names: bool
) -> None:
    lines = [
        _("One row per participant; rows without any answer are skipped. Keep the header row as it is."),
        _("The first column is the participant's reference (R and a number): do not change it."),
        _("Each question is a column whose heading starts with Q and its number, as on the paper form."),
        _("Leave a cell empty when the question was not answered. Required questions must be answered."),
        _("Importing the same workbook again changes nothing; answers already recorded are never overwritten."),
    ]
    if names:
        lines.insert(2, _("Names and e-mail addresses are there to help you: they are not imported."))
    if questionnaire.anonymous:
        lines[:2] = [_("This questionnaire is anonymous: one row per returned form, with no name or reference.")]
    put(sheet, 1, 1, f"{questionnaire.title} — {questionnaire.session.title}", bold=True)
    row = 3
    put(sheet, row, 1, _("How to fill in the “Answers” sheet"), bold=True)
    for line in lines:
        row += 1
        put(sheet, row, 1, line)
    row += 2
    for column, header in enumerate([_("Question"), _("Text"), _("Type"), _("Required"), _("What to write")], start=1):
        put(sheet, row, column, header, bold=True)
    for number, item in items:
        row += 1
        values = [f"Q{number}", item_text(item, language), item.get_type_display(),
                  _("yes") if item.required else _("no"), _what_to_write(item, language)]  # fmt: skip
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value).alignment = _WRAP
    for letter, width in zip("ABCDE", (10, 50, 22, 10, 70), strict=True):
        sheet.column_dimensions[letter].width = width


def _people(sheet: Worksheet, registrations: list[Registration]) -> None:
    for column, header in enumerate([_("Reference"), _("Name"), _("Organisation"), _("Country")], start=1):
        put(sheet, 1, column, header, bold=True)
    for row, registration in enumerate(registrations, start=2):
        person = registration.person
        organisation = registration.organisation_name or str(registration.organisation or "")
        values = [f"P{person.pk}", f"{person.last_name}, {person.first_name}", organisation,
                  registration.country.name if registration.country else ""]  # fmt: skip
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value)
    for letter, width in zip("ABCD", (10, 30, 36, 20), strict=True):
        sheet.column_dimensions[letter].width = width
