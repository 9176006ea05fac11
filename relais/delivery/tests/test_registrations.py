"""Registrations: a snapshot of profession and organisation at the time, capacity and waiting list,
the waiting list moving up when a seat frees, statuses and removal, all audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from relais.core.models import AuditEvent, Profession
from relais.delivery import services_registrations as services
from relais.delivery.models import Attendance, RegistrationStatus, SessionStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Organisation

W, R = RegistrationStatus.WAITING, RegistrationStatus.REGISTERED


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    session = make_session(design=make_complete_design(programme=programme), country="AL", capacity=2)
    return {"session": session, "actor": personas["coordinator_al"], **personas}


def test_snapshot_of_profession_and_organisation_at_the_time(world: dict[str, Any]) -> None:
    inspectorate = Organisation.objects.create(name="Inspectorate", sector="public", kind="labour_inspectorate")
    ana = make_person("Ana", "Hoxha", profession="labour_inspection", organisation=inspectorate, position="Inspector")
    registration = services.registration_add(actor=world["actor"], session=world["session"], person=ana)
    ana.profession = Profession.objects.get(code="prosecution")
    ana.organisation = None
    ana.position = "Prosecutor"
    ana.save()
    registration.refresh_from_db()
    assert registration.profession is not None and registration.profession.code == "labour_inspection"
    assert (registration.organisation, registration.organisation_name) == (inspectorate, "Inspectorate")
    assert registration.country is not None and registration.country.code == "AL"
    assert registration.position == "Inspector"
    event = AuditEvent.objects.get(action="registration.added")
    assert event.actor == world["actor"] and event.details["person"] == ana.pk
    with pytest.raises(ValidationError):
        services.registration_add(actor=world["actor"], session=world["session"], person=ana)


def test_beyond_capacity_to_the_waiting_list_and_up_when_a_seat_frees(world: dict[str, Any]) -> None:
    session, actor = world["session"], world["actor"]
    a, b, c, d = (make_person(n) for n in "ABCD")
    ra, rb, rc, rd = (services.registration_add(actor=actor, session=session, person=p) for p in (a, b, c, d))
    assert [r.status for r in (ra, rb, rc, rd)] == [R, R, W, W]
    change = services.registration_set_status(actor=actor, registration=rb, status=RegistrationStatus.WITHDRAWN)
    assert change.promoted is not None and change.promoted.pk == rc.pk  # the first on the waiting list
    rc.refresh_from_db()
    assert rc.status == R
    assert AuditEvent.objects.filter(action="registration.promoted", object_id=str(rc.pk)).exists()
    # Back to "registered" when full: the waiting list, said so.
    change = services.registration_set_status(actor=actor, registration=rb, status=R)
    assert change.waitlisted and change.registration.status == W
    # Removing a registered person frees a seat too.
    promoted = services.registration_remove(actor=actor, registration=ra)
    assert promoted is not None and promoted.pk == rd.pk
    # Invited people do not hold a seat; waiting ones move up only while the session is open or planned.
    session.status = SessionStatus.DELIVERED
    session.save()
    change = services.registration_set_status(actor=actor, registration=rc, status=RegistrationStatus.NO_SHOW)
    assert change.promoted is None


def test_without_capacity_nobody_waits(world: dict[str, Any]) -> None:
    session = world["session"]
    session.capacity = None
    session.save()
    for n in range(5):
        assert services.registration_add(actor=None, session=session, person=make_person(f"P{n}")).status == R


def test_removing_someone_whose_attendance_is_recorded_is_refused(world: dict[str, Any]) -> None:
    registration = register(world["session"], make_person())
    Attendance.objects.create(registration=registration, day=world["session"].start_date, present=True)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.registration_remove(actor=world["actor"], registration=registration)


def test_new_person_recorded_and_registered(world: dict[str, Any]) -> None:
    registration = services.registration_add_new_person(
        actor=world["actor"], session=world["session"], first_name=" Đorđe ", last_name="Petrović", email="DJ@Mail.RS"
    )
    person = registration.person
    assert (person.first_name, person.name_key, person.email) == ("Đorđe", "dorde petrovic", "dj@mail.rs")
    assert AuditEvent.objects.filter(action="person.created", object_id=str(person.pk)).exists()
