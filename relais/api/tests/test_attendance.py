"""GET and PUT /sessions/{id}/attendance: the marks of every expected participant on every day with the
rates, recording marks all or nothing, the place of each wrong mark, scoping and query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from relais.api.tests.factories import api_for
from relais.core.models import AuditEvent
from relais.delivery.models import Attendance, RegistrationStatus, SessionStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.delivery.tests.permissions_attendance import FIRST_DAY, build_world

SECOND_DAY = FIRST_DAY + dt.timedelta(days=1)


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    return {**personas, **build_world(programme, personas["trainer"])}


def _url(world: dict[str, Any]) -> str:
    return f"/sessions/{world['session'].pk}/attendance"


def _errors(response: Any) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


def test_attendance_of_every_expected_participant_on_every_day(world: dict[str, Any]) -> None:
    response = api_for(world["trainer"]).get(_url(world))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["session_id"] == world["session"].pk
    assert body["days"] == [FIRST_DAY.isoformat(), SECOND_DAY.isoformat()]
    # By last name; the waiting list and the withdrawal are not expected.
    assert [r["last_name"] for r in body["rows"]] == ["Berisha", "Hoxha", "Krasniqi"]
    ana = next(r for r in body["rows"] if r["registration_id"] == world["regs"]["ana"].pk)
    assert ana["days"] == {FIRST_DAY.isoformat(): True, SECOND_DAY.isoformat(): None}
    assert ana["person_id"] == world["regs"]["ana"].person_id
    assert ana["organisation"] == "State Labour Inspectorate"
    assert ana["profession"] == "labour_inspection"
    assert (ana["present_days"], ana["expected_days"], ana["rate"]) == (1, 2, 0.5)
    first = body["day_rates"][0]
    assert first == {
        "day": FIRST_DAY.isoformat(),
        "number": 1,
        "expected": 3,
        "present": 1,
        "absent": 0,
        "unrecorded": 2,
        "rate": pytest.approx(1 / 3),
    }
    assert (body["participant_count"], body["present"], body["expected"]) == (3, 1, 6)
    assert body["rate"] == pytest.approx(1 / 6)
    assert body["recordable"] is True


def test_marks_are_recorded_and_statuses_follow_once_delivered(world: dict[str, Any]) -> None:
    regs = world["regs"]
    marks = [
        {"registration_id": regs["besa"].pk, "day": FIRST_DAY.isoformat(), "present": True},
        {"registration_id": regs["drita"].pk, "day": SECOND_DAY.isoformat(), "present": False},
        {"registration_id": regs["ana"].pk, "day": FIRST_DAY.isoformat(), "present": False},
    ]
    response = api_for(world["coordinator_al"]).put(_url(world), {"marks": marks})
    assert response.status_code == 200, response.content
    rows = {r["registration_id"]: r["days"] for r in response.json()["rows"]}
    assert rows[regs["besa"].pk] == {FIRST_DAY.isoformat(): True, SECOND_DAY.isoformat(): None}
    assert rows[regs["drita"].pk] == {FIRST_DAY.isoformat(): None, SECOND_DAY.isoformat(): False}
    assert rows[regs["ana"].pk][FIRST_DAY.isoformat()] is False
    recorded = Attendance.objects.get(registration=regs["besa"], day=FIRST_DAY)
    assert recorded.present and recorded.recorded_by == world["coordinator_al"]
    # The session was delivered: registration statuses follow attendance.
    regs["besa"].refresh_from_db()
    regs["ana"].refresh_from_db()
    assert regs["besa"].status == RegistrationStatus.ATTENDED
    assert regs["ana"].status == RegistrationStatus.NO_SHOW
    assert AuditEvent.objects.filter(action="attendance.recorded").count() == 3


def test_wrong_marks_are_named_and_nothing_is_written(world: dict[str, Any], programme: Any) -> None:
    regs = world["regs"]
    elsewhere = register(make_session(design=world["design"]), make_person("Olga", "Other"))
    before = set(Attendance.objects.values_list("pk", "present"))
    marks = [
        {"registration_id": regs["besa"].pk, "day": FIRST_DAY.isoformat(), "present": True},
        {"registration_id": regs["drita"].pk, "day": "2026-03-04", "present": True},
        {"registration_id": 999999, "day": FIRST_DAY.isoformat(), "present": True},
        {"registration_id": elsewhere.pk, "day": FIRST_DAY.isoformat(), "present": True},
        {"registration_id": regs["waiting"].pk, "day": FIRST_DAY.isoformat(), "present": True},
        {"registration_id": regs["besa"].pk, "day": FIRST_DAY.isoformat(), "present": False},
    ]
    response = api_for(world["manager"]).put(_url(world), {"marks": marks})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert _errors(response) == [
        "marks.1.day",
        "marks.2.registration_id",
        "marks.3.registration_id",
        "marks.4.registration_id",
        "marks.5",
    ]
    assert set(Attendance.objects.values_list("pk", "present")) == before
    assert not AuditEvent.objects.filter(action="attendance.recorded").exists()


@pytest.mark.parametrize(
    ("mark", "field"),
    [
        ({"registration_id": 1, "day": "2 March", "present": True}, "marks.0.day"),
        ({"registration_id": 1, "day": "2026-03-02", "present": "perhaps"}, "marks.0.present"),
        ({"registration_id": 0, "day": "2026-03-02", "present": True}, "marks.0.registration_id"),
        ({"day": "2026-03-02", "present": True}, "marks.0.registration_id"),
    ],
)
def test_malformed_marks(world: dict[str, Any], mark: dict[str, Any], field: str) -> None:
    response = api_for(world["admin"]).put(_url(world), {"marks": [mark]})
    assert response.status_code == 422
    assert field in _errors(response)


def test_at_most_500_marks(world: dict[str, Any]) -> None:
    mark = {"registration_id": world["regs"]["besa"].pk, "day": FIRST_DAY.isoformat(), "present": True}
    response = api_for(world["admin"]).put(_url(world), {"marks": [mark] * 501})
    assert response.status_code == 422
    assert _errors(response) == ["marks"]


def test_a_cancelled_session_takes_no_marks(world: dict[str, Any]) -> None:
    session = world["session"]
    session.status = SessionStatus.CANCELLED
    session.save(update_fields=["status"])
    mark = {"registration_id": world["regs"]["besa"].pk, "day": FIRST_DAY.isoformat(), "present": True}
    response = api_for(world["admin"]).put(_url(world), {"marks": [mark]})
    assert response.status_code == 409
    assert not Attendance.objects.filter(registration=world["regs"]["besa"]).exists()
    assert api_for(world["admin"]).get(_url(world)).json()["recordable"] is False


@pytest.mark.parametrize("persona", ["coordinator_it", "me_officer", "viewer", "outsider"])
def test_those_who_may_not_record_get_404(world: dict[str, Any], persona: str) -> None:
    client = api_for(world[persona])
    mark = {"registration_id": world["regs"]["besa"].pk, "day": FIRST_DAY.isoformat(), "present": True}
    assert client.get(_url(world)).status_code == 404
    assert client.put(_url(world), {"marks": [mark]}).status_code == 404
    assert not Attendance.objects.filter(registration=world["regs"]["besa"]).exists()


def test_an_unknown_session_is_404(world: dict[str, Any]) -> None:
    assert api_for(world["admin"]).get("/sessions/999999/attendance").status_code == 404


def _participants(session: Any, count: int) -> None:
    for n in range(count):
        registration = register(session, make_person("P", f"Person{n:02d}"))
        Attendance.objects.create(registration=registration, day=session.start_date, present=n % 2 == 0)


def test_reading_takes_a_fixed_number_of_queries(world: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    design = world["design"]
    small = make_session(design=design, start_date=FIRST_DAY, end_date=FIRST_DAY + dt.timedelta(days=4))
    large = make_session(design=design, start_date=FIRST_DAY, end_date=FIRST_DAY + dt.timedelta(days=4))
    _participants(small, 2)
    _participants(large, 20)
    client = api_for(world["admin"])
    client.get(f"/sessions/{small.pk}/attendance")  # the token's first use is recorded once
    with django_assert_max_num_queries(20) as small_queries:
        assert client.get(f"/sessions/{small.pk}/attendance").status_code == 200
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        response = client.get(f"/sessions/{large.pk}/attendance")
    assert response.status_code == 200
    assert len(response.json()["rows"]) == 20
