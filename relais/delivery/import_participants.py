"""Checking a participant list: bytes → the rows to import and every problem, with the row and the
column as the spreadsheet shows them ("row 7, column D (Country): unknown country “Albanija”").

`read_participants` is pure given the reference data (import_vocabulary.load_references): it reads,
finds the header row (or takes the user's column mapping), and checks each row. `plan_import` then
matches the rows with the people Relais knows (through `match_person` alone) and with the session's
registrations; it reads the database and writes nothing. The write is
services_registrations.participants_import, which runs all this again on the stored file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from relais.core.sheets import Column as SheetColumn
from relais.core.sheets import column_letter as column_letter  # re-exported (exports, evaluation)
from relais.delivery.duplicates import normalise_email
from relais.delivery.import_files import HEADER_SCAN, MAX_ROWS, FileRefused, Sheet, read_sheet
from relais.delivery.import_vocabulary import (
    FIELD_LABELS,
    MAX_LENGTHS,
    REQUIRED,
    References,
    gender_value,
    header_field,
    header_score,
    norm,
)
from relais.delivery.models import Gender, Person, Registration, RegistrationStatus, Session
from relais.delivery.names import name_key

SEATED = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)


@dataclass(frozen=True)
class Problem:
    row: int | None  # as the spreadsheet numbers it; None for the whole file
    column: str  # letter and heading, "D (Country)"; "" for a whole row or the file
    reason: str

    def __str__(self) -> str:
        if self.row and self.column:
            return _("row %(row)s, column %(column)s: %(reason)s") % vars(self)
        if self.row:
            return _("row %(row)s: %(reason)s") % vars(self)
        if self.column:
            return _("column %(column)s: %(reason)s") % vars(self)
        return self.reason


@dataclass(frozen=True)
class Column(SheetColumn):
    recognised: bool = True  # False: a heading Relais does not know (the user may map it)


@dataclass
class ParticipantRow:
    row: int
    first_name: str
    last_name: str
    gender: str = Gender.UNDISCLOSED
    country_id: int | None = None
    organisation_id: int | None = None
    organisation_name: str = ""
    profession_id: int | None = None
    position: str = ""
    email: str = ""
    phone: str = ""
    name_key: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.name_key = name_key(self.first_name, self.last_name)


@dataclass
class Checked:
    sheet: Sheet | None = None
    columns: list[Column] = field(default_factory=list)
    header_row: int | None = None
    rows: list[ParticipantRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def needs_mapping(self) -> bool:
        return any(c.header and not c.recognised and not c.field for c in self.columns)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)


def _find_header(sheet: Sheet) -> tuple[int, list[str]] | None:
    """The row naming the most known columns (at least two); else the first row with two filled cells."""
    head = sheet.rows[:HEADER_SCAN]
    scored = [(header_score(cells), -i, number, cells) for i, (number, cells) in enumerate(head)]
    best = max(scored, default=None)
    if best and best[0] >= 2:
        return best[2], best[3]
    return next(((n, cells) for n, cells in head if sum(1 for c in cells if c) >= 2), None)


def _columns(header: list[str], body: list[tuple[int, list[str]]], mapping: dict[int, str] | None) -> list[Column]:
    """The columns that have a heading or a value (blank ones are left out), as the headings or the
    user's mapping say."""
    width = max([len(header), *(len(cells) for _n, cells in body)])
    filled = {i for _n, cells in body for i, v in enumerate(cells) if v}
    columns = []
    for index in range(width):
        text = header[index] if index < len(header) else ""
        if not text and index not in filled:
            continue
        found = header_field(text) if text else None
        chosen = mapping.get(index, found or "") if mapping is not None else (found or "")
        columns.append(Column(index=index, header=text, field=chosen, recognised=found is not None))
    return columns


def _column_problems(columns: list[Column], header_row: int) -> list[Problem]:
    problems = []
    seen: dict[str, Column] = {}
    for column in columns:
        if not column.field:
            continue
        if column.field in seen:
            reason = _("this column and column %(other)s both hold “%(field)s”: keep one.") % {
                "other": seen[column.field].label,
                "field": FIELD_LABELS[column.field],
            }
            problems.append(Problem(header_row, column.label, reason))
        else:
            seen[column.field] = column
    for name in REQUIRED:
        if name not in seen:
            reason = _("no column holds the “%(field)s”: name it in the header row or choose it below.")
            problems.append(Problem(header_row, "", reason % {"field": FIELD_LABELS[name]}))
    return problems


def read_participants(
    data: bytes, refs: References, *, mapping: dict[int, str] | None = None, encoding: str | None = None
) -> Checked:
    """Every row and every problem of a list; nothing is written."""
    checked = Checked()
    try:
        checked.sheet = sheet = read_sheet(data, encoding=encoding, header_score=header_score)
    except FileRefused as exc:
        checked.problems.append(Problem(None, "", str(exc)))
        return checked
    if not sheet.rows:
        checked.problems.append(Problem(None, "", _("The file is empty.")))
        return checked
    header = _find_header(sheet)
    if header is None:
        reason = _("No header row found: the first rows should name the columns (first name, last name…).")
        checked.problems.append(Problem(None, "", reason))
        return checked
    checked.header_row, header_cells = header
    body = [(n, cells) for n, cells in sheet.rows if n > checked.header_row]
    checked.columns = _columns(header_cells, body, mapping)
    if not any(c.recognised for c in checked.columns) and mapping is None:
        reason = _("No header row found: none of the headings is one Relais knows. Say below what each column holds.")
        checked.problems.append(Problem(checked.header_row, "", reason))
        return checked
    checked.problems += _column_problems(checked.columns, checked.header_row)
    if checked.problems:
        return checked
    if sheet.too_many_rows or len(body) > MAX_ROWS:
        reason = _("The list has more than %(max)s rows: split it into several files.") % {"max": f"{MAX_ROWS:,}"}
        checked.problems.append(Problem(None, "", reason))
        return checked
    _RowChecker(checked, refs).run(body)
    return checked


class _RowChecker:
    def __init__(self, checked: Checked, refs: References) -> None:
        self.checked = checked
        self.refs = refs
        self.columns = {c.field: c for c in checked.columns if c.field}
        self.emails: dict[str, int] = {}
        self.keys: dict[tuple[str, int | None], int] = {}

    def problem(self, row: int, name: str, reason: str) -> None:
        column = self.columns.get(name)
        self.checked.problems.append(Problem(row, column.label if column else "", reason))

    def run(self, body: Iterable[tuple[int, list[str]]]) -> None:
        for number, cells in body:
            values = {f: (cells[c.index] if c.index < len(cells) else "") for f, c in self.columns.items()}
            if any(values.values()):
                row = self.check(number, values)
                if row is not None:
                    self.checked.rows.append(row)
        if not self.checked.rows and not self.checked.problems:
            self.checked.problems.append(Problem(None, "", _("The list has a header row but no participants.")))

    def check(self, number: int, values: dict[str, str]) -> ParticipantRow | None:
        filled = [v for v in values.values() if v]
        if len(filled) == 1:  # a total, a note, a name cut in half: one problem for the row
            reason = _("only one cell is filled (“%(value)s”): complete the row or delete it.")
            self.checked.problems.append(Problem(number, "", reason % {"value": filled[0][:80]}))
            return None
        before = len(self.checked.problems)
        for name in REQUIRED:
            if not values.get(name):
                self.problem(number, name, _("a value is required."))
        for name, limit in MAX_LENGTHS.items():
            if len(values.get(name, "")) > limit:
                self.problem(number, name, _("too long: at most %(max)s characters.") % {"max": limit})
        gender: str = Gender.UNDISCLOSED
        if values.get("gender"):
            gender = gender_value(values["gender"]) or ""
            if not gender:
                self.problem(
                    number, "gender", _("unknown gender “%(value)s”: write F, M or other.") % _v(values, "gender")
                )
        country_id = self.country(number, values)
        profession_id = None
        if values.get("profession"):
            profession_id = self.refs.professions.get(norm(values["profession"]))
            if profession_id is None:
                reason = _("unknown profession “%(value)s”: use a profession of the template's list.")
                self.problem(number, "profession", reason % _v(values, "profession"))
        email = self.email(number, values.get("email", ""))
        if not (values.get("first_name") and values.get("last_name")):
            return None
        organisation = values.get("organisation", "")
        row = ParticipantRow(
            row=number,
            first_name=values["first_name"],
            last_name=values["last_name"],
            gender=gender,
            country_id=country_id,
            organisation_id=self.refs.organisation(organisation, country_id) if organisation else None,
            organisation_name=organisation,
            profession_id=profession_id,
            position=values.get("position", ""),
            email=email,
            phone=values.get("phone", ""),
        )
        unique = self.unique(row)  # checked even when the row has other problems: all are listed at once
        return row if unique and len(self.checked.problems) == before else None

    def country(self, number: int, values: dict[str, str]) -> int | None:
        if "country" not in self.columns:
            return self.refs.default_country_id
        if not values.get("country"):
            self.problem(number, "country", _("a value is required."))
            return None
        found = self.refs.countries.get(norm(values["country"]))
        if found is None:
            reason = _("unknown country “%(value)s”: write its name in English or French, or its ISO code.")
            self.problem(number, "country", reason % _v(values, "country"))
        return found

    def email(self, number: int, value: str) -> str:
        value = value.removeprefix("mailto:").strip()
        if not value:
            return ""
        try:
            validate_email(value)
        except ValidationError:
            self.problem(number, "email", _("“%(value)s” is not an e-mail address.") % {"value": value[:80]})
            return ""
        return normalise_email(value)

    def unique(self, row: ParticipantRow) -> bool:
        """Whether the row is the first for its person in the file (same e-mail, or same name and country)."""
        key = (row.name_key, row.country_id)
        first = self.emails.get(row.email.lower()) if row.email else None
        first = first or self.keys.get(key)
        if first is not None:
            column = "email" if row.email and row.email.lower() in self.emails else "last_name"
            self.problem(row.row, column, _("the same person as row %(row)s.") % {"row": first})
            return False
        if row.email:
            self.emails[row.email.lower()] = row.row
        self.keys[key] = row.row
        return True


def _v(values: dict[str, str], name: str) -> dict[str, str]:
    return {"value": values[name][:80]}


# --- Matching with known people and with the session -----------------------------------------------


@dataclass
class KnownPeople:
    """The people the rows of a file may be, read for the whole file in a few indexed queries: those
    with one of its e-mail addresses, those with one of its name keys."""

    by_email: dict[str, Person] = field(default_factory=dict)
    by_key: dict[tuple[str, int | None], list[Person]] = field(default_factory=dict)

    @classmethod
    def for_rows(cls, rows: list[ParticipantRow]) -> KnownPeople:
        known = cls()
        # Addresses are saved in lower case; older records as typed: both forms, so the index serves.
        emails = sorted({e for r in rows if r.email for e in (r.email, normalise_email(r.email))})
        for chunk in _chunks(emails):
            for person in Person.objects.filter(email__in=chunk, anonymised_at__isnull=True).order_by("pk"):
                known.by_email.setdefault(normalise_email(person.email), person)
        for chunk in _chunks(sorted({r.name_key for r in rows if r.name_key})):
            for person in Person.objects.filter(name_key__in=chunk, anonymised_at__isnull=True).order_by("pk"):
                known.by_key.setdefault((person.name_key, person.country_id), []).append(person)
        return known


def _chunks(values: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def match_person(row: ParticipantRow, known: KnownPeople | None = None) -> Person | None:
    """The person Relais already knows for this row — the one place where rows meet people.

    The import's rule is the strongest two reasons of duplicates.find_matches: the same e-mail address
    (Reason.EMAIL), else the same name key in the same country (Reason.SAME_NAME, shared country) —
    unless both have an address and they differ. Weaker likenesses (names in another order, one letter
    apart) are left to the duplicates page. find_matches itself asks the database per row, and its
    similar-name search reads every person of the country whose name starts with the same first
    name: ~8 ms a row among 75,000 people, 90 s for 10,000 rows; so rows are matched here against
    the people read once for the whole file (`known`)."""
    known = known if known is not None else KnownPeople.for_rows([row])
    email = normalise_email(row.email)
    if email and email in known.by_email:
        return known.by_email[email]
    for person in known.by_key.get((row.name_key, row.country_id), []):
        if not (email and person.email and normalise_email(person.email) != email):
            return person
    return None


@dataclass
class Plan:
    """What confirming would do: people created or matched, registrations added or already there."""

    new: list[ParticipantRow] = field(default_factory=list)
    matched: list[tuple[ParticipantRow, Person]] = field(default_factory=list)
    already: list[tuple[ParticipantRow, Person]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    free_seats: int | None = None
    statuses: dict[int, str] = field(default_factory=dict)  # spreadsheet row → "new", "known" or "already"

    @property
    def to_add(self) -> int:
        return len(self.new) + len(self.matched)

    @property
    def waiting(self) -> int:
        return 0 if self.free_seats is None else max(0, self.to_add - self.free_seats)


def plan_import(session: Session, rows: list[ParticipantRow]) -> Plan:
    plan = Plan()
    known = KnownPeople.for_rows(rows)
    registered = set(Registration.objects.filter(session=session).values_list("person_id", flat=True))
    rows_of: dict[int, int] = {}
    for row in rows:
        person = match_person(row, known)
        if person is not None and person.pk in rows_of:
            reason = _("the same person as row %(row)s (already known to Relais).") % {"row": rows_of[person.pk]}
            plan.problems.append(Problem(row.row, "", reason))
            continue
        if person is None:
            plan.new.append(row)
        else:
            rows_of[person.pk] = row.row
            (plan.already if person.pk in registered else plan.matched).append((row, person))
        plan.statuses[row.row] = "new" if person is None else "already" if person.pk in registered else "known"
    if session.capacity is not None:
        taken = Registration.objects.filter(session=session, status__in=SEATED).count()
        plan.free_seats = max(0, session.capacity - taken)
    return plan
