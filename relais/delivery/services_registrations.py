"""Writes of registrations: add (with a snapshot of the person's profession and organisation at that
time), change status (the waiting list moves up when a seat frees), remove, and import a list.

Each is atomic, locks the session row while it counts seats, and writes its audit events (they touch
personal data). Views check who may call them (scoping.session_for_managing); the services trust
their caller, as the command line has no user.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.core.models import Country, Language, Profession
from relais.delivery.duplicates import normalise_email
from relais.delivery.import_participants import SEATED, Checked, Plan, Problem, plan_import, read_participants
from relais.delivery.import_vocabulary import load_references
from relais.delivery.models import (
    Gender,
    ImportRecord,
    Person,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from relais.delivery.names import name_key
from relais.programmes.models import Organisation

PROMOTING = (SessionStatus.PLANNED, SessionStatus.OPEN)


def _locked(session: Session) -> Session:
    """The session row, locked until the transaction ends (PostgreSQL; SQLite writes one at a time)."""
    return Session.objects.select_for_update().get(pk=session.pk)


def _free_seats(session: Session) -> int | None:
    if session.capacity is None:
        return None
    taken = Registration.objects.filter(session=session, status__in=SEATED).count()
    return max(0, session.capacity - taken)


def _snapshot(person: Person) -> dict[str, Any]:
    return {
        "profession_id": person.profession_id,
        "organisation_id": person.organisation_id,
        "organisation_name": str(person.organisation or "")[:300],
        "position": person.position,
        "country_id": person.country_id,
    }


@transaction.atomic
def registration_add(
    *,
    actor: Any,
    session: Session,
    person: Person,
    status: str = RegistrationStatus.REGISTERED,
    request: HttpRequest | None = None,
) -> Registration:
    """Register a person; beyond the session's capacity they go to the waiting list."""
    session = _locked(session)
    if Registration.objects.filter(session=session, person=person).exists():
        raise ValidationError(_("%(person)s is already registered for this session.") % {"person": person})
    if status in SEATED and _free_seats(session) == 0:
        status = RegistrationStatus.WAITING
    registration = Registration.objects.create(
        session=session, person=person, status=status, source="manual", **_snapshot(person)
    )
    audit_record(
        actor=actor,
        action="registration.added",
        obj=registration,
        details={"session": session.pk, "person": person.pk, "status": status},
        request=request,
    )
    return registration


@transaction.atomic
def registration_add_new_person(
    *,
    actor: Any,
    session: Session,
    first_name: str,
    last_name: str,
    gender: str = Gender.UNDISCLOSED,
    country: Country | None = None,
    organisation: Organisation | None = None,
    profession: Profession | None = None,
    position: str = "",
    email: str = "",
    phone: str = "",
    languages: Iterable[Language] = (),
    status: str = RegistrationStatus.REGISTERED,
    request: HttpRequest | None = None,
) -> Registration:
    """Record a person who is not known yet and register them at once (the API may also give their
    languages and another status)."""
    person = Person.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        name_key=name_key(first_name, last_name),
        gender=gender,
        country=country,
        organisation=organisation,
        profession=profession,
        position=position.strip(),
        email=normalise_email(email),
        phone=phone.strip(),
    )
    chosen = list(languages)
    if chosen:
        person.languages.set(chosen)
    audit_record(actor=actor, action="person.created", obj=person, details={"source": "registration"}, request=request)
    return registration_add(actor=actor, session=session, person=person, status=status, request=request)


@dataclass(frozen=True)
class StatusChange:
    registration: Registration
    waitlisted: bool = False  # asked for "registered", put on the waiting list: the session is full
    promoted: Registration | None = None  # moved up from the waiting list into the freed seat


def _promote(session: Session, actor: Any, request: HttpRequest | None) -> Registration | None:
    """Give a freed seat to the first person on the waiting list: the one who joined it first (a status
    change stamps updated_at, so whoever is put back on the list queues at its end)."""
    if session.status not in PROMOTING or _free_seats(session) == 0:
        return None
    first = (
        Registration.objects.filter(session=session, status=RegistrationStatus.WAITING)
        .select_related("person")
        .order_by("updated_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.REGISTERED
    first.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="registration.promoted",
        obj=first,
        details={"session": session.pk, "person": first.person_id},
        request=request,
    )
    return first


@transaction.atomic
def registration_set_status(
    *, actor: Any, registration: Registration, status: str, request: HttpRequest | None = None
) -> StatusChange:
    if status not in RegistrationStatus.values:
        raise ValidationError(_("Choose a status from the list."))
    session = _locked(registration.session)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    before = registration.status
    if status == before:
        return StatusChange(registration)
    waitlisted = status in SEATED and before not in SEATED and _free_seats(session) == 0
    if waitlisted:
        status = RegistrationStatus.WAITING
        if before == status:
            return StatusChange(registration, waitlisted=True)
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="registration.status_changed",
        obj=registration,
        details={"from": before, "to": status},
        request=request,
    )
    promoted = _promote(session, actor, request) if before in SEATED and status not in SEATED else None
    return StatusChange(registration, waitlisted=waitlisted, promoted=promoted)


@transaction.atomic
def registration_remove(
    *, actor: Any, registration: Registration, request: HttpRequest | None = None
) -> Registration | None:
    """Remove a registration made by mistake; returns the person promoted into the freed seat, if any.

    A registration with attendance or a certificate is kept: mark it withdrawn instead."""
    session = _locked(registration.session)
    if registration.attendance.exists() or hasattr(registration, "certificate"):
        raise ValidationError(_("Attendance is recorded for this person: mark them withdrawn instead."))
    seated = registration.status in SEATED
    audit_record(
        actor=actor,
        action="registration.removed",
        obj=registration,
        details={"session": session.pk, "person": registration.person_id, "status": registration.status},
        request=request,
    )
    registration.delete()
    return _promote(session, actor, request) if seated else None


# --- Import of a participant list ----------------------------------------------------------------------


class ImportRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class ImportOutcome:
    added: int = 0
    already: int = 0
    people_created: int = 0
    people_matched: int = 0
    waiting: int = 0
    record: ImportRecord | None = None
    checked: Checked = field(default_factory=Checked)


def participants_check(
    *, session: Session, data: bytes, mapping: dict[int, str] | None = None, encoding: str | None = None
) -> tuple[Checked, Plan | None]:
    """What importing would do, writing nothing: the checked rows and, when there is no problem, the plan."""
    refs = load_references(default_country_id=session.country_id)
    checked = read_participants(data, refs, mapping=mapping, encoding=encoding)
    if checked.problems:
        return checked, None
    plan = plan_import(session, checked.rows)
    checked.problems += plan.problems
    return checked, plan


def participants_import(
    *,
    actor: Any,
    session: Session,
    data: bytes,
    filename: str,
    mapping: dict[int, str] | None = None,
    encoding: str | None = None,
    request: HttpRequest | None = None,
) -> ImportOutcome:
    """Import a list: every row or none (ImportRefused lists every problem). People already known are
    matched and left as they are (their registration keeps what the file says); importing the same
    file again adds nothing."""
    refs = load_references(default_country_id=session.country_id)
    checked = read_participants(data, refs, mapping=mapping, encoding=encoding)  # outside the write lock
    if checked.problems:
        raise ImportRefused(checked.problems)
    with transaction.atomic():
        session = _locked(session)
        plan = plan_import(session, checked.rows)
        if plan.problems:
            raise ImportRefused(plan.problems)
        return _write(actor, session, checked, plan, data, filename, request)


def _write(
    actor: Any,
    session: Session,
    checked: Checked,
    plan: Plan,
    data: bytes,
    filename: str,
    request: HttpRequest | None,
) -> ImportOutcome:
    people = Person.objects.bulk_create(
        [
            Person(
                first_name=row.first_name,
                last_name=row.last_name,
                name_key=row.name_key,
                gender=row.gender,
                country_id=row.country_id,
                organisation_id=row.organisation_id,
                profession_id=row.profession_id,
                position=row.position,
                email=row.email,
                phone=row.phone,
            )
            for row in plan.new
        ],
        batch_size=1000,
    )
    person_of = {row.row: person for row, person in zip(plan.new, people, strict=True)}
    person_of.update({row.row: person for row, person in plan.matched})
    free = plan.free_seats
    registrations = []
    for row in checked.rows:
        person = person_of.get(row.row)
        if person is None:  # already registered
            continue
        status = RegistrationStatus.REGISTERED
        if free is not None:
            status = RegistrationStatus.REGISTERED if free > 0 else RegistrationStatus.WAITING
            free -= 1
        registrations.append(
            Registration(
                session=session,
                person=person,
                status=status,
                profession_id=row.profession_id,
                organisation_id=row.organisation_id,
                organisation_name=row.organisation_name,
                position=row.position,
                country_id=row.country_id,
                source="import",
            )
        )
    Registration.objects.bulk_create(registrations, batch_size=1000)
    outcome = ImportOutcome(
        added=len(registrations),
        already=len(plan.already),
        people_created=len(people),
        people_matched=len(plan.matched) + len(plan.already),
        waiting=sum(1 for r in registrations if r.status == RegistrationStatus.WAITING),
        checked=checked,
    )
    digest = hashlib.sha256(data).hexdigest()
    if outcome.added or outcome.people_created:  # the same file again changes nothing: no record either
        outcome.record = ImportRecord.objects.create(
            session=session,
            sha256=digest,
            filename=filename[:255],
            rows=len(checked.rows),
            people_created=outcome.people_created,
            people_matched=outcome.people_matched,
            registrations_created=outcome.added,
            imported_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    audit_record(
        actor=actor,
        action="registration.imported",
        obj=session,
        details={
            "file": filename[:255],
            "sha256": digest,
            "rows": len(checked.rows),
            "added": outcome.added,
            "already": outcome.already,
            "people_created": outcome.people_created,
            "waiting": outcome.waiting,
        },
        request=request,
    )
    return outcome
