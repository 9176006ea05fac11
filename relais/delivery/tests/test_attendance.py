"""Attendance: the day's list, marking with and without htmx, everyone present, statuses from
attendance, rates, and who may reach the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.accounts.tests.factories import make_user
from relais.core.models import AuditEvent
from relais.delivery.models import Attendance, Registration, RegistrationStatus, SessionStatus
from relais.delivery.selectors_attendance import (
    agenda_minutes,
    attendance_rates,
    day_default,
    day_parse,
    expected_registrations,
    minutes_attended,
)
from relais.delivery.services_attendance import (
    attendance_record_day,
    attendance_set,
    session_attendance_close,
)
from relais.delivery.tests.factories import make_person, make_session, register
from relais.delivery.tests.permissions_attendance import FIRST_DAY, build_world
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role

SECOND_DAY = FIRST_DAY + dt.timedelta(days=1)


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return {**build_world(programme, personas["trainer"]), **personas}


def page_url(world: dict[str, Any], day: dt.date | None = None) -> str:
    url = reverse("delivery:attendance", kwargs={"pk": world["session"].pk})
    return f"{url}?day={day.isoformat()}" if day else url


def mark_url(world: dict[str, Any], day: dt.date = FIRST_DAY) -> str:
    return reverse("delivery:attendance_mark", kwargs={"pk": world["session"].pk, "day": day.isoformat()})


# --- The page --------------------------------------------------------------------------------


def test_page_lists_the_expected_people_by_last_name(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["trainer"])
    response = client.get(page_url(world, FIRST_DAY))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Berisha") < html.index("Hoxha") < html.index("Krasniqi")
    assert "Waiting" not in html and "Gone" not in html  # waiting list and withdrawn are not expected
    assert "State Labour Inspectorate" in html
    assert "Day 1 of 2" in html and 'aria-current="page"' in html
    assert reverse("delivery:attendance_signin_pdf", kwargs={"pk": world["session"].pk, "day": "2026-03-02"}) in html


def test_default_day_follows_the_calendar(world: dict[str, Any]) -> None:
    session = world["session"]
    assert day_default(session, dt.date(2026, 1, 1)) == FIRST_DAY
    assert day_default(session, SECOND_DAY) == SECOND_DAY
    assert day_default(session, dt.date(2027, 1, 1)) == SECOND_DAY
    assert day_parse(session, "2026-03-03") == SECOND_DAY
    assert day_parse(session, "2026-03-04") is None
    assert day_parse(session, "yesterday") is None


@pytest.mark.parametrize("day", ["2026-03-04", "2026-13-01", "monday"])
def test_days_outside_the_session_are_404(client: Any, world: dict[str, Any], day: str) -> None:
    client.force_login(world["manager"])
    session = world["session"]
    assert client.get(f"{page_url(world)}?day={day}").status_code == 404
    url = reverse("delivery:attendance_mark", kwargs={"pk": session.pk, "day": day})
    assert client.post(url, {"registration": world["regs"]["besa"].pk, "present": "1"}).status_code == 404
    assert (
        client.get(reverse("delivery:attendance_signin_pdf", kwargs={"pk": session.pk, "day": day})).status_code == 404
    )


def test_page_queries_do_not_grow_with_participants(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(world, FIRST_DAY)).status_code == 200
        return len(queries)

    count()  # the first request of a login writes the session
    before = count()
    for n in range(6):
        registration = register(world["session"], make_person(f"Extra{n}", f"Person{n}"))
        Attendance.objects.create(registration=registration, day=FIRST_DAY, present=n % 2 == 0)
    assert count() == before


# --- Marking ---------------------------------------------------------------------------------


def test_plain_post_marks_present_then_absent(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["trainer"])
    besa = world["regs"]["besa"]
    response = client.post(mark_url(world), {"registration": besa.pk, "present": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(world, FIRST_DAY)}#reg-{besa.pk}"
    mark = Attendance.objects.get(registration=besa, day=FIRST_DAY)
    assert mark.present and mark.recorded_by == world["trainer"]
    client.post(mark_url(world), {"registration": besa.pk, "present": "0"})
    mark.refresh_from_db()
    assert not mark.present
    event = AuditEvent.objects.filter(action="attendance.recorded").latest("at")
    assert event.details == {"session": world["session"].pk, "day": "2026-03-02", "present": False}
    assert event.actor == world["trainer"]


def test_htmx_post_answers_with_the_row_and_the_counts(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    besa = world["regs"]["besa"]
    response = client.post(mark_url(world), {"registration": besa.pk, "present": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="col" id="reg-{besa.pk}">')
    assert "Present" in html and "Recorded by Arben Coordinator" in html
    assert 'id="attendance-summary"' in html and 'id="attendance-rates"' in html
    assert html.count('hx-swap-oob="true"') == 2
    assert '<input type="hidden" name="present" value="0">' in html  # the next tap marks absent


def test_large_ids_are_not_written_with_thousand_separators(client: Any, world: dict[str, Any]) -> None:
    person = make_person("Lea", "Large")
    registration = Registration.objects.create(session=world["session"], person=person, pk=1234567)
    client.force_login(world["manager"])
    html = client.get(page_url(world, FIRST_DAY)).content.decode()
    assert 'id="reg-1234567"' in html and 'hx-target="#reg-1234567"' in html
    assert '<input type="hidden" name="registration" value="1234567">' in html
    assert client.post(mark_url(world), {"registration": "1234567", "present": "1"}).status_code == 302
    assert Attendance.objects.get(registration=registration).present


def test_marking_refuses_what_is_not_expected(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    waiting = world["regs"]["waiting"]
    assert client.post(mark_url(world), {"registration": waiting.pk, "present": "1"}).status_code == 404
    other = make_session(design=world["design"], country="AL")
    elsewhere = register(other, make_person("Olsi", "Other"))
    assert client.post(mark_url(world), {"registration": elsewhere.pk, "present": "1"}).status_code == 404
    assert client.post(mark_url(world), {"registration": "x", "present": "maybe"}).status_code == 400
    assert not Attendance.objects.filter(registration__in=[waiting, elsewhere]).exists()


def test_cancelled_session_records_nothing(client: Any, world: dict[str, Any]) -> None:
    session = world["session"]
    session.status = SessionStatus.CANCELLED
    session.save()
    client.force_login(world["manager"])
    response = client.post(mark_url(world), {"registration": world["regs"]["besa"].pk, "present": "1"}, follow=True)
    assert "attendance cannot be recorded" in response.content.decode()
    assert not Attendance.objects.filter(registration=world["regs"]["besa"]).exists()
    assert "Mark everyone present" not in client.get(page_url(world)).content.decode()


def test_mark_everyone_present_keeps_those_marked_absent(client: Any, world: dict[str, Any]) -> None:
    regs = world["regs"]
    attendance_set(actor=None, session=world["session"], registration=regs["besa"], day=FIRST_DAY, present=False)
    client.force_login(world["trainer"])
    url = reverse("delivery:attendance_all_present", kwargs={"pk": world["session"].pk, "day": "2026-03-02"})
    response = client.post(url, follow=True)
    assert "Everyone not yet recorded is marked present (1)" in response.content.decode()
    marks = dict(Attendance.objects.filter(day=FIRST_DAY).values_list("registration_id", "present"))
    assert marks == {regs["ana"].pk: True, regs["besa"].pk: False, regs["drita"].pk: True}
    assert AuditEvent.objects.filter(action="attendance.day_recorded").count() == 1


def test_record_a_whole_day(world: dict[str, Any]) -> None:
    regs = world["regs"]
    written = attendance_record_day(actor=None, session=world["session"], day=SECOND_DAY, present_ids={regs["ana"].pk})
    assert written == 3
    marks = dict(Attendance.objects.filter(day=SECOND_DAY).values_list("registration_id", "present"))
    assert marks == {regs["ana"].pk: True, regs["besa"].pk: False, regs["drita"].pk: False}
    with pytest.raises(ValidationError):
        attendance_record_day(actor=None, session=world["session"], day=dt.date(2026, 3, 9), present_ids=[])


# --- Statuses from attendance ----------------------------------------------------------------


def test_statuses_do_not_move_before_delivery(programme: Any, personas: dict[str, Any]) -> None:
    world = build_world(programme, personas["trainer"], status=SessionStatus.OPEN)
    besa = world["regs"]["besa"]
    attendance_set(actor=None, session=world["session"], registration=besa, day=FIRST_DAY, present=True)
    besa.refresh_from_db()
    assert besa.status == RegistrationStatus.REGISTERED
    with pytest.raises(ValidationError):
        session_attendance_close(actor=None, session=world["session"])


def test_close_sets_attended_and_no_show_then_statuses_follow(client: Any, world: dict[str, Any]) -> None:
    regs = world["regs"]
    session = world["session"]
    client.force_login(world["trainer"])
    response = client.post(reverse("delivery:attendance_close", kwargs={"pk": session.pk}), follow=True)
    assert "1 attended, 2 did not come" in response.content.decode()
    status = dict(Registration.objects.filter(session=session).values_list("pk", "status"))
    assert status[regs["ana"].pk] == RegistrationStatus.ATTENDED
    assert status[regs["besa"].pk] == status[regs["drita"].pk] == RegistrationStatus.NO_SHOW
    assert status[regs["waiting"].pk] == RegistrationStatus.WAITING
    assert status[regs["gone"].pk] == RegistrationStatus.WITHDRAWN
    # Once delivered, each mark keeps the status in step.
    attendance_set(actor=None, session=session, registration=regs["besa"], day=SECOND_DAY, present=True)
    regs["besa"].refresh_from_db()
    assert regs["besa"].status == RegistrationStatus.ATTENDED
    attendance_set(actor=None, session=session, registration=regs["besa"], day=SECOND_DAY, present=False)
    regs["besa"].refresh_from_db()
    assert regs["besa"].status == RegistrationStatus.NO_SHOW
    # People who did not come stay on the list, so that a late correction is possible.
    assert regs["besa"] in expected_registrations(session)


# --- Rates -----------------------------------------------------------------------------------


def test_rates_per_day_participant_and_session(world: dict[str, Any]) -> None:
    regs = world["regs"]
    session = world["session"]
    attendance_set(actor=None, session=session, registration=regs["besa"], day=FIRST_DAY, present=False)
    attendance_set(actor=None, session=session, registration=regs["ana"], day=SECOND_DAY, present=True)
    attendance_set(actor=None, session=session, registration=regs["besa"], day=SECOND_DAY, present=True)
    rates = attendance_rates(session)
    first, second = rates.days
    assert (first.expected, first.present, first.absent, first.unrecorded) == (3, 1, 1, 1)
    assert (second.present, second.absent, second.unrecorded) == (2, 0, 1)
    assert first.rate == pytest.approx(1 / 3) and second.rate == pytest.approx(2 / 3)
    assert rates.participants[regs["ana"].pk].rate == 1
    assert rates.participants[regs["besa"].pk].rate == 0.5
    assert rates.participants[regs["drita"].pk].rate == 0
    assert regs["waiting"].pk not in rates.participants
    assert (rates.present, rates.expected) == (3, 6)
    assert rates.rate == 0.5


def test_rates_of_a_session_without_participants(world: dict[str, Any]) -> None:
    empty = make_session(design=world["design"], country="AL")
    rates = attendance_rates(empty)
    assert rates.rate is None and rates.days[0].rate is None and rates.participants == {}


def test_rates_are_shown_on_the_page(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    html = client.get(page_url(world, FIRST_DAY)).content.decode()
    assert "Attendance rates" in html
    assert "33%" in html  # day 1: 1 of 3
    assert "17%" in html  # the session: 1 of 6 expected days
    assert "Days present: 1 of 2" in html


def test_hours_come_from_the_agenda(world: dict[str, Any]) -> None:
    session = world["session"]
    minutes = agenda_minutes(session)
    assert minutes == [240, 240]
    assert minutes_attended(session, [FIRST_DAY], minutes) == 240
    assert minutes_attended(session, [FIRST_DAY, SECOND_DAY], minutes) == 480
    assert minutes_attended(session, [SECOND_DAY], [240]) == 0  # days beyond the agenda count nothing


# --- Who may ---------------------------------------------------------------------------------


def _urls(world: dict[str, Any]) -> list[tuple[str, str]]:
    pk = world["session"].pk
    day = {"pk": pk, "day": "2026-03-02"}
    return [
        ("get", reverse("delivery:attendance", kwargs={"pk": pk})),
        ("post", reverse("delivery:attendance_mark", kwargs=day)),
        ("post", reverse("delivery:attendance_all_present", kwargs=day)),
        ("post", reverse("delivery:attendance_close", kwargs={"pk": pk})),
        ("get", reverse("delivery:attendance_signin_pdf", kwargs=day)),
    ]


@pytest.mark.parametrize("persona", ["coordinator_it", "me_officer", "viewer", "outsider"])
def test_others_get_404_everywhere(client: Any, world: dict[str, Any], persona: str) -> None:
    client.force_login(world[persona])
    for method, url in _urls(world):
        data = {"registration": world["regs"]["besa"].pk, "present": "1"} if method == "post" else {}
        assert getattr(client, method)(url, data).status_code == 404, url
    assert not Attendance.objects.filter(registration=world["regs"]["besa"]).exists()


def test_trainer_of_another_session_gets_404(client: Any, world: dict[str, Any], programme: Any) -> None:
    other_trainer = make_user(email="other.trainer@example.org", full_name="Other Trainer")
    give_role(other_trainer, programme, Role.TRAINER)
    make_session(design=world["design"], country="AL").trainers.add(other_trainer)
    client.force_login(other_trainer)
    for method, url in _urls(world):
        assert getattr(client, method)(url).status_code == 404, url


def test_trainer_of_the_session_records_attendance(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["trainer"])
    besa = world["regs"]["besa"]
    assert client.post(mark_url(world), {"registration": besa.pk, "present": "1"}).status_code == 302
    assert Attendance.objects.get(registration=besa, day=FIRST_DAY).present
