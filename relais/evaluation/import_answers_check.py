"""Checking a sheet of paper answers against the questionnaire and the session: every cell through
answers.clean_value (choices accepted by their value code or by their label in any language of the
questionnaire, without regard to case or accents), and every row against the session's participants
and the answers already recorded. Reads the database, writes nothing.

A row whose participant already has submitted answers is "unchanged" when they are the same (so the
same file imported again changes nothing) and a problem otherwise: an import never overwrites what
was recorded. Anonymous questionnaires have no participant: their rows are new answers, unless this
very file (the same SHA-256) was imported before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from relais.core.models import AuditEvent
from relais.delivery.import_participants import Problem
from relais.delivery.import_vocabulary import norm
from relais.delivery.models import Registration
from relais.evaluation.answers import AnswerError, clean_value, option_values
from relais.evaluation.import_answers_read import (
    PARTICIPANT_KEY,
    ReadSheet,
    numbered_items,
    read_answers,
)
from relais.evaluation.models import Answer, Item, ItemType, Questionnaire, Response, ResponseStatus
from relais.evaluation.services_responses import contact_choices

CREATE = "create"
UNCHANGED = "unchanged"
_SEPARATOR = re.compile(r"\s*;\s*")
_CONTACT_SEPARATOR = re.compile(r"[;,\s]+")
_PERSON = re.compile(r"^p(\d{1,12})$", re.IGNORECASE)
_ORGANISATION = re.compile(r"^o(\d{1,12})$", re.IGNORECASE)
_WHOLE = re.compile(r"(?<=\d)[.,]0+$")


@dataclass
class RowPlan:
    row: int
    key: str
    registration: Registration | None
    values: dict[int, Any]  # item id → checked value (None: not answered)
    status: str = CREATE

    @property
    def answered(self) -> int:
        return sum(1 for v in self.values.values() if v is not None)


@dataclass
class Checked:
    read: ReadSheet
    numbers: dict[int, int] = field(default_factory=dict)  # item id → its number (Q<n>)
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def to_create(self) -> list[RowPlan]:
        return [r for r in self.rows if r.status == CREATE]

    @property
    def unchanged(self) -> list[RowPlan]:
        return [r for r in self.rows if r.status == UNCHANGED]

    @property
    def blank(self) -> int:
        return self.read.blank


# --- Cells -----------------------------------------------------------------------------------------


def choice_lookup(item: Item) -> dict[str, str]:
    """Comparison key → option value: the value codes, and the labels in every language of the
    questionnaire (a label shared by two options is left out: it would be a guess)."""
    keys: dict[str, set[str]] = {}
    labels = [(str(o.get("value")), str(o.get("label") or "")) for o in item.options or []]
    for translation in (item.translations or {}).values():
        options = translation.get("options") if isinstance(translation, dict) else None
        if isinstance(options, dict):
            labels += [(str(value), str(label or "")) for value, label in options.items()]
    for value, label in labels:
        if norm(label):
            keys.setdefault(norm(label), set()).add(value)
    lookup = {key: next(iter(values)) for key, values in keys.items() if len(values) == 1}
    for value in option_values(item):
        if norm(value):
            lookup[norm(value)] = value
    return lookup


def _choice(text: str, values: list[str], lookup: dict[str, str]) -> str:
    if text in values:
        return text
    return lookup.get(norm(text), text)  # unknown: clean_value says it is not on the list


def raw_value(item: Item, text: str, lookup: dict[str, str] | None = None) -> Any:
    """The cell's text in the answer vocabulary of answers.py (not yet checked)."""
    if item.type == ItemType.SINGLE:
        return _choice(text, option_values(item), lookup if lookup is not None else choice_lookup(item))
    if item.type == ItemType.MULTIPLE:
        table = lookup if lookup is not None else choice_lookup(item)
        return [_choice(part, option_values(item), table) for part in _SEPARATOR.split(text) if part]
    if item.type == ItemType.LIKERT:
        return _WHOLE.sub("", text)  # "4.0" as some tools write 4
    if item.type == ItemType.CONTACTS:
        people, organisations = [], []
        for part in _CONTACT_SEPARATOR.split(text.strip()):
            if person := _PERSON.match(part):
                people.append(int(person.group(1)))
            elif organisation := _ORGANISATION.match(part):
                organisations.append(int(organisation.group(1)))
            elif part:
                raise AnswerError(_("Write each person as P and their number (P12), separated by “;”."))
        return {"people": people, "organisations": organisations}
    return text


def same_value(item: Item, stored: Any, new: Any) -> bool:
    """Whether an answer already recorded is the one the sheet gives."""
    if stored in (None, "", [], {}) or new is None:
        return stored in (None, "", [], {}) and new is None
    if item.type in (ItemType.LIKERT, ItemType.NUMBER):
        try:
            return Decimal(str(stored)) == Decimal(str(new))
        except ArithmeticError:
            return False
    if item.type == ItemType.MULTIPLE:
        return sorted(map(str, stored)) == sorted(map(str, new))
    if item.type == ItemType.CONTACTS and isinstance(stored, dict):
        return all(
            sorted(int(v) for v in stored.get(k) or []) == sorted(int(v) for v in new.get(k) or [])
            for k in ("people", "organisations")
        )
    return bool(stored == new)


# --- Rows ------------------------------------------------------------------------------------------


class _Checker:
    def __init__(self, questionnaire: Questionnaire, checked: Checked, items: list[Item]) -> None:
        self.questionnaire = questionnaire
        self.checked = checked
        self.items = {i.pk: i for i in items}
        self.lookups = {i.pk: choice_lookup(i) for i in items if i.type in (ItemType.SINGLE, ItemType.MULTIPLE)}
        self.allowed = contact_choices(questionnaire, None) if any(i.type == ItemType.CONTACTS for i in items) else None
        self.rows_of: dict[int, int] = {}  # registration id → first row

    def problem(self, row: int, item_id: int | None, reason: str) -> None:
        read = self.checked.read
        column = read.column_of(item_id) if item_id is not None else read.participant
        self.checked.problems.append(Problem(row, column.label if column else "", reason))

    def registrations(self) -> tuple[dict[int, Registration], dict[int, dict[int, Any]]]:
        """The registrations the file names, and the submitted answers of each (by registration id)."""
        ids = {int(m.group(1)) for r in self.checked.read.rows if (m := PARTICIPANT_KEY.match(r.key))}
        found = {r.pk: r for r in Registration.objects.filter(pk__in=ids).select_related("person")}
        submitted = Response.objects.filter(
            questionnaire=self.questionnaire, registration_id__in=ids, status=ResponseStatus.SUBMITTED
        )
        answers: dict[int, dict[int, Any]] = {rid: {} for rid in submitted.values_list("registration_id", flat=True)}
        for rid, item_id, value in Answer.objects.filter(response__in=submitted).values_list(
            "response__registration_id", "item_id", "value"
        ):
            answers[rid][item_id] = value
        return found, answers

    def run(self, *, already_imported: bool) -> None:
        anonymous = self.questionnaire.anonymous
        found, answers = ({}, {}) if anonymous else self.registrations()
        for raw in self.checked.read.rows:
            before = len(self.checked.problems)
            registration = None if anonymous else self.participant(raw.row, raw.key, found)
            values = self.values(raw.row, raw.cells, registration)
            if len(self.checked.problems) > before:
                continue
            plan = RowPlan(raw.row, raw.key, registration, values)
            if anonymous:
                plan.status = UNCHANGED if already_imported else CREATE
            elif registration is not None and registration.pk in answers:
                stored = answers[registration.pk]
                differ = [i for i in values if not same_value(self.items[i], stored.get(i), values[i])]
                if differ:
                    questions = ", ".join(f"Q{self.checked.numbers[i]}" for i in differ)
                    reason = _(
                        "this participant's answers were already recorded and differ from this row (%(questions)s): "
                        "change them in Relais, or delete the row."
                    )
                    self.problem(raw.row, None, reason % {"questions": questions})
                    continue
                plan.status = UNCHANGED
            self.checked.rows.append(plan)

    def participant(self, row: int, key: str, found: dict[int, Registration]) -> Registration | None:
        if not key:
            self.problem(row, None, _("the participant reference is missing: copy it from the template (R12)."))
            return None
        match = PARTICIPANT_KEY.match(key)
        registration = found.get(int(match.group(1))) if match else None
        if match is None:
            reason = _(
                "“%(value)s” is not a participant reference: write R and the number given in the template (R12)."
            )
            self.problem(row, None, reason % {"value": key[:80]})
        elif registration is None:
            self.problem(row, None, _("unknown participant “%(value)s”.") % {"value": key[:80]})
        elif registration.session_id != self.questionnaire.session_id:
            self.problem(row, None, _("“%(value)s” is a participant of another session.") % {"value": key[:80]})
        elif registration.pk in self.rows_of:
            self.problem(row, None, _("the same participant as row %(row)s.") % {"row": self.rows_of[registration.pk]})
        else:
            self.rows_of[registration.pk] = row
            return registration
        return None

    def values(self, row: int, cells: dict[int, str], registration: Registration | None) -> dict[int, Any]:
        contacts = None
        if self.allowed is not None:
            people = set(self.allowed["people"])
            if registration is not None:
                people.discard(registration.person_id)
            contacts = {"people": people, "organisations": self.allowed["organisations"]}
        values: dict[int, Any] = {}
        for column in self.checked.read.item_columns():
            item = column.item
            if item is None or item.type == ItemType.COOPERATION:
                continue
            text = cells.get(item.pk, "")
            try:
                values[item.pk] = clean_value(item, raw_value(item, text, self.lookups.get(item.pk)), contacts=contacts)
            except AnswerError as error:
                reason = _("“%(value)s”: %(reason)s") % {"value": text[:80], "reason": error}
                self.problem(row, item.pk, reason)
                continue
            if item.required and values[item.pk] is None:
                self.problem(row, item.pk, _("a value is required."))
        return values


def check_answers(questionnaire: Questionnaire, data: bytes, *, already_imported: bool = False) -> Checked:
    """Every row to import and every problem of a sheet of answers; nothing is written."""
    numbered = numbered_items(questionnaire)
    checked = Checked(read=read_answers(data, questionnaire, numbered))
    checked.numbers = {item.pk: n for n, item in numbered}
    checked.problems = list(checked.read.problems)
    if checked.problems:
        return checked
    _Checker(questionnaire, checked, [item for _n, item in numbered]).run(already_imported=already_imported)
    return checked


# --- Imports already made --------------------------------------------------------------------------

IMPORT_ACTION = "response.import_file"


def import_events(questionnaire: Questionnaire) -> QuerySet[AuditEvent]:
    """The imports of sheets into the questionnaire that recorded answers (audit events carrying the
    file's name, SHA-256 and counts), latest first."""
    return AuditEvent.objects.filter(
        action=IMPORT_ACTION, object_type="evaluation.questionnaire", object_id=str(questionnaire.pk)
    ).select_related("actor")


def previous_import(questionnaire: Questionnaire, sha256: str) -> AuditEvent | None:
    """The import of this very file (same SHA-256) into the questionnaire, if there was one."""
    return import_events(questionnaire).filter(details__sha256=sha256).order_by("-at", "-id").first()
