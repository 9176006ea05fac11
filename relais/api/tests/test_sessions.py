"""The sessions' endpoints: the Sessions pages' reads and writes, through the same services and scoping."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from relais.accounts.tests.factories import make_user
from relais.api.tests.factories import api_for
from relais.core.models import AuditEvent
from relais.delivery.models import RegistrationStatus, Session, SessionStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.checker import design_check_refresh
from relais.design.models import DesignStatus
from relais.design.tests.factories import make_complete_design, make_design
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def design(programme: Any) -> Any:
    design = make_complete_design(programme=programme)
    design_check_refresh(design=design)  # stored, as the design services do after every change
    return design


@pytest.fixture
def session_al(design: Any, personas: dict[str, Any]) -> Session:
    session = make_session(design=design, country="AL", title="Tirana session", city="Tirana")
    session.trainers.add(personas["trainer"])
    return session


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def _fields(response: Any) -> set[str]:
    assert response.status_code == 422, response.content
    return {e["field"] for e in response.json()["errors"]}


def _new(design: Any, **fields: Any) -> dict[str, Any]:
    body = {
        "design_id": design.pk,
        "country": "AL",
        "city": "Shkodër",
        "start_date": "2026-06-01",
        "end_date": "2026-06-02",
    }
    body.update(fields)
    return body


# --- The list -----------------------------------------------------------------------------------------


def test_list_gives_the_sessions_the_owner_may_see(personas: dict[str, Any], design: Any, session_al: Session) -> None:
    rome = make_session(design=design, country="IT", city="Rome")
    assert _ids(api_for(personas["manager"]).get("/sessions")) == [session_al.pk, rome.pk]
    assert _ids(api_for(personas["coordinator_al"]).get("/sessions")) == [session_al.pk]
    assert _ids(api_for(personas["coordinator_it"]).get("/sessions")) == [rome.pk]
    assert _ids(api_for(personas["trainer"]).get("/sessions")) == [session_al.pk]
    assert _ids(api_for(personas["me_officer"]).get("/sessions")) == [session_al.pk, rome.pk]
    assert _ids(api_for(personas["viewer"]).get("/sessions")) == []
    assert _ids(api_for(personas["outsider"]).get("/sessions")) == []


def test_list_item(personas: dict[str, Any], design: Any, session_al: Session) -> None:
    register(session_al, make_person())
    register(session_al, make_person(), RegistrationStatus.WAITING)
    item = api_for(personas["manager"]).get("/sessions").json()["items"][0]
    assert item["id"] == session_al.pk
    assert item["programme_id"] == design.programme_id
    assert item["design_id"] == design.pk
    assert item["title"] == "Tirana session"
    assert item["country"] == "AL"
    assert item["city"] == "Tirana"
    assert item["start_date"] == "2026-03-02"
    assert item["end_date"] == "2026-03-03"
    assert item["capacity"] == 25
    assert item["status"] == "open"
    assert item["trainers"] == [{"id": personas["trainer"].pk, "name": "Tomas Trainer", "email": "trainer@example.org"}]
    assert item["counts"]["registered"] == 1
    assert item["counts"]["waiting"] == 1
    assert item["counts"]["seated"] == 1
    assert item["counts"]["total"] == 2
    assert item["counts"]["seats_left"] == 24
    assert item["warnings"] == []


def test_list_filters(personas: dict[str, Any], programme: Any, design: Any, session_al: Session) -> None:
    other_design = make_design(programme=programme, title="Mock trial")
    rome = make_session(
        design=other_design,
        country="IT",
        city="Rome",
        venue="Palazzo",
        start_date=dt.date(2026, 5, 4),
        end_date=dt.date(2026, 5, 8),
        status=SessionStatus.PLANNED,
    )
    client = api_for(personas["admin"])
    assert _ids(client.get("/sessions", {"programme_id": programme.pk})) == [session_al.pk, rome.pk]
    assert _ids(client.get("/sessions", {"design_id": other_design.pk})) == [rome.pk]
    assert _ids(client.get("/sessions", {"country": "IT"})) == [rome.pk]
    assert _ids(client.get("/sessions", {"status": "planned"})) == [rome.pk]
    assert _ids(client.get("/sessions", {"date_from": "2026-03-03"})) == [session_al.pk, rome.pk]
    assert _ids(client.get("/sessions", {"date_from": "2026-03-04"})) == [rome.pk]
    assert _ids(client.get("/sessions", {"date_to": "2026-05-03"})) == [session_al.pk]
    assert _ids(client.get("/sessions", {"q": "palazzo"})) == [rome.pk]
    assert _ids(client.get("/sessions", {"q": "Mock"})) == [rome.pk]
    assert _ids(client.get("/sessions", {"theme": "police_investigation"})) == [session_al.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"theme": "cooking"}, "theme"),
        ({"status": "postponed"}, "status"),
        ({"date_from": "March"}, "date_from"),
        ({"date_from": "2026-05-01", "date_to": "2026-04-01"}, "date_to"),
        ({"design_id": 0}, "design_id"),
        ({"cursor": "nonsense"}, "cursor"),
        ({"q": "Tir\x00ana"}, "q"),  # PostgreSQL refuses NUL characters: a 422, not a 500
        ({"programme_id": 10**20}, "programme_id"),  # beyond any id: a 422, not an overflow
    ],
)
def test_list_refuses_bad_filters(personas: dict[str, Any], params: dict[str, Any], field: str) -> None:
    response = api_for(personas["manager"]).get("/sessions", params)
    assert _fields(response) == {field}
    assert response.json()["errors"][0]["location"] == "query"


def test_list_pages(personas: dict[str, Any], design: Any) -> None:
    ids = [make_session(design=design).pk for _ in range(3)]
    client = api_for(personas["manager"])
    first = client.get("/sessions", {"limit": 2}).json()
    assert [i["id"] for i in first["items"]] == ids[:2]
    second = client.get("/sessions", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [i["id"] for i in second["items"]] == ids[2:]
    assert second["next_cursor"] is None


def _sessions(design: Any, trainer: Any, n: int) -> None:
    for _ in range(n):
        session = make_session(design=design)
        session.trainers.add(trainer)
        session.languages.set(design.working_languages.all())
        register(session, make_person())


@pytest.mark.parametrize("persona", ["manager", "coordinator_al"])
def test_list_queries_do_not_grow(
    personas: dict[str, Any], design: Any, persona: str, django_assert_max_num_queries: Any
) -> None:
    client = api_for(personas[persona])
    _sessions(design, personas["trainer"], 2)
    client.get("/sessions")
    with django_assert_max_num_queries(15) as few:
        assert len(_ids(client.get("/sessions"))) == 2
    _sessions(design, personas["trainer"], 18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(_ids(client.get("/sessions"))) == 20


# --- One session --------------------------------------------------------------------------------------


def test_read(personas: dict[str, Any], session_al: Session) -> None:
    register(session_al, make_person(), RegistrationStatus.ATTENDED)
    response = api_for(personas["trainer"]).get(f"/sessions/{session_al.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == session_al.pk
    assert body["counts"]["attended"] == 1
    assert body["counts"]["seated"] == 1
    assert body["warnings"] == []


def test_read_warns_as_the_page_does(personas: dict[str, Any], programme: Any) -> None:
    session = make_session(
        design=make_design(programme=programme),
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 2),
    )
    body = api_for(personas["manager"]).get(f"/sessions/{session.pk}").json()
    assert body["design_check_passed"] is False
    assert body["warnings"] == ["The design of this session does not pass its check: see the rules that fail."]


def test_read_is_404_for_those_who_may_not_see_it(personas: dict[str, Any], session_al: Session) -> None:
    for persona in ("coordinator_it", "viewer", "outsider"):
        response = api_for(personas[persona]).get(f"/sessions/{session_al.pk}")
        assert response.status_code == 404, persona
    assert api_for(personas["admin"]).get("/sessions/999999").status_code == 404


# --- Creating -----------------------------------------------------------------------------------------


def test_create(personas: dict[str, Any], design: Any) -> None:
    give_role(trainer2 := make_user(email="t2@example.org", full_name="Ana Trainer"), design.programme, Role.TRAINER)
    body = _new(
        design,
        venue="Hotel Rozafa",
        capacity=18,
        status="open",
        languages=["sq", "en"],
        trainer_ids=[personas["trainer"].pk, trainer2.pk],
        notes="Bring the case files.",
    )
    response = api_for(personas["manager"]).post("/sessions", body)
    assert response.status_code == 201, response.content
    out = response.json()
    session = Session.objects.get(pk=out["id"])
    assert session.programme_id == design.programme_id
    assert session.created_by == personas["manager"]
    assert out["title"] == "Joint investigation training — Shkodër"
    assert out["country"] == "AL"
    assert out["venue"] == "Hotel Rozafa"
    assert out["capacity"] == 18
    assert out["status"] == "open"
    assert sorted(out["languages"]) == ["en", "sq"]
    assert [t["name"] for t in out["trainers"]] == ["Ana Trainer", "Tomas Trainer"]
    assert out["notes"] == "Bring the case files."
    assert out["counts"]["total"] == 0
    assert out["warnings"] == []
    event = AuditEvent.objects.get(action="session.created")
    assert event.object_id == str(session.pk)
    assert event.actor == personas["manager"]


def test_create_takes_the_designs_seats_and_languages_when_left_out(personas: dict[str, Any], design: Any) -> None:
    out = api_for(personas["manager"]).post("/sessions", _new(design, title="My title")).json()
    assert out["title"] == "My title"
    assert out["capacity"] == 20  # the design's quotas, added up
    assert sorted(out["languages"]) == ["en", "it", "sq"]
    assert out["status"] == "planned"
    unlimited = api_for(personas["manager"]).post("/sessions", _new(design, capacity=None, languages=[])).json()
    assert unlimited["capacity"] is None
    assert unlimited["languages"] == []


def test_create_warns_when_the_session_is_shorter_than_the_agenda(personas: dict[str, Any], design: Any) -> None:
    response = api_for(personas["manager"]).post("/sessions", _new(design, end_date="2026-06-01"))
    assert response.status_code == 201
    assert "lasts 1 day" in response.json()["warnings"][0]


def test_coordinator_creates_in_their_country_only(personas: dict[str, Any], design: Any) -> None:
    client = api_for(personas["coordinator_al"])
    assert client.post("/sessions", _new(design, country="AL")).status_code == 201
    refused = client.post("/sessions", _new(design, country="IT"))
    assert _fields(refused) == {"country"}
    assert refused.json()["errors"][0]["detail"] == "You may not hold sessions of this programme in this country."
    assert api_for(personas["coordinator_it"]).post("/sessions", _new(design, country="IT")).status_code == 201
    assert Session.objects.filter(country__code="IT").count() == 1


@pytest.mark.parametrize("persona", ["trainer", "me_officer", "viewer", "outsider"])
def test_create_is_404_for_those_who_may_not_make_sessions(personas: dict[str, Any], design: Any, persona: str) -> None:
    response = api_for(personas[persona]).post("/sessions", _new(design))
    assert response.status_code == 404
    assert not Session.objects.exists()


def test_create_refuses_designs_the_owner_may_not_use(
    personas: dict[str, Any], programme: Any, other_programme: Any, design: Any
) -> None:
    archived = make_complete_design(programme=programme, status=DesignStatus.ARCHIVED)
    elsewhere = make_complete_design(programme=other_programme)
    client = api_for(personas["manager"])
    for design_id in (archived.pk, elsewhere.pk, 999999):
        assert _fields(client.post("/sessions", _new(archived, design_id=design_id))) == {"design_id"}
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_date": "2026-05-31"}, "end_date"),
        ({"start_date": "2026-13-01"}, "start_date"),
        ({"country": "ZZ"}, "country"),
        ({"country": "HU"}, "country"),  # in the programme but not a choice... for a coordinator only
        ({"city": ""}, "city"),
        ({"city": "   "}, "city"),
        ({"city": "x" * 121}, "city"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 1001}, "capacity"),
        ({"status": "cancelled"}, "status"),
        ({"status": "delivered", "start_date": "2099-01-01", "end_date": "2099-01-02"}, "status"),
        ({"languages": ["en", "klingon"]}, "languages.1"),
        ({"trainer_ids": [123456]}, "trainer_ids.0"),
        ({"design_id": "one"}, "design_id"),
        ({"title": "x" * 301}, "title"),
        ({"languages": ["en"] * 51}, "languages"),
        ({"city": "Tir\x00ana"}, "city"),
        ({"trainer_ids": [10**20]}, "trainer_ids.0"),
    ],
)
def test_create_refuses_bad_input(personas: dict[str, Any], design: Any, fields: dict[str, Any], field: str) -> None:
    persona = "coordinator_al" if fields.get("country") == "HU" else "manager"
    response = api_for(personas[persona]).post("/sessions", _new(design, **fields))
    assert _fields(response) == {field}
    assert not Session.objects.exists()


def test_create_refuses_a_user_who_is_not_a_trainer(personas: dict[str, Any], design: Any) -> None:
    response = api_for(personas["manager"]).post("/sessions", _new(design, trainer_ids=[personas["me_officer"].pk]))
    assert _fields(response) == {"trainer_ids.0"}


def test_create_without_a_city_is_refused_at_city(personas: dict[str, Any], design: Any) -> None:
    body = _new(design)
    del body["city"]
    assert _fields(api_for(personas["manager"]).post("/sessions", body)) == {"city"}


def test_create_is_idempotent(personas: dict[str, Any], design: Any) -> None:
    client = api_for(personas["manager"])
    first = client.post("/sessions", _new(design), **{"Idempotency-Key": "abc-123"})
    again = client.post("/sessions", _new(design), **{"Idempotency-Key": "abc-123"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Session.objects.count() == 1
    other = client.post("/sessions", _new(design, city="Durrës"), **{"Idempotency-Key": "abc-123"})
    assert _fields(other) == {"Idempotency-Key"}


# --- Changing -----------------------------------------------------------------------------------------


def test_patch_changes_only_what_is_sent(personas: dict[str, Any], session_al: Session) -> None:
    response = api_for(personas["coordinator_al"]).patch(f"/sessions/{session_al.pk}", {"city": "Durrës"})
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["city"] == "Durrës"
    assert out["title"] == "Tirana session"
    assert out["capacity"] == 25
    assert out["status"] == "open"
    assert [t["id"] for t in out["trainers"]] == [personas["trainer"].pk]
    session_al.refresh_from_db()
    assert session_al.city == "Durrës"
    assert AuditEvent.objects.get(action="session.updated").details == {"changed": ["city"]}


def test_patch_several_fields(personas: dict[str, Any], session_al: Session) -> None:
    body = {
        "start_date": "2026-04-06",
        "end_date": "2026-04-07",
        "capacity": None,
        "languages": ["sq"],
        "trainer_ids": [],
        "venue": "Town hall",
        "status": "planned",
    }
    out = api_for(personas["manager"]).patch(f"/sessions/{session_al.pk}", body).json()
    assert (out["start_date"], out["end_date"], out["capacity"]) == ("2026-04-06", "2026-04-07", None)
    assert out["languages"] == ["sq"]
    assert out["trainers"] == []
    assert out["venue"] == "Town hall"
    assert out["status"] == "planned"


def test_patch_keeps_a_trainer_who_left_the_programme(personas: dict[str, Any], session_al: Session) -> None:
    from relais.programmes.models import ProgrammeRole

    ProgrammeRole.objects.filter(user=personas["trainer"]).delete()
    client = api_for(personas["manager"])
    kept = client.patch(f"/sessions/{session_al.pk}", {"trainer_ids": [personas["trainer"].pk]})
    assert kept.status_code == 200, kept.content
    session_al.trainers.clear()
    refused = client.patch(f"/sessions/{session_al.pk}", {"trainer_ids": [personas["trainer"].pk]})
    assert _fields(refused) == {"trainer_ids.0"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"end_date": "2026-03-01"}, "end_date"),
        ({"city": None}, "city"),
        ({"city": ""}, "city"),
        ({"country": "ZZ"}, "country"),
        ({"country": "IT"}, "country"),  # coordinator_al: not their country
        ({"status": "cancelled"}, "status"),
        ({"languages": ["xx"]}, "languages.0"),
        ({"trainer_ids": [999999]}, "trainer_ids.0"),
        ({"capacity": -1}, "capacity"),
        ({"notes": None}, "notes"),
    ],
)
def test_patch_refuses_bad_input(
    personas: dict[str, Any], session_al: Session, body: dict[str, Any], field: str
) -> None:
    response = api_for(personas["coordinator_al"]).patch(f"/sessions/{session_al.pk}", body)
    assert _fields(response) == {field}
    session_al.refresh_from_db()
    assert (session_al.city, session_al.country.code, session_al.end_date) == ("Tirana", "AL", dt.date(2026, 3, 3))


@pytest.mark.parametrize("persona", ["coordinator_it", "trainer", "me_officer", "viewer", "outsider"])
def test_patch_is_404_for_those_who_may_not_manage_the_session(
    personas: dict[str, Any], session_al: Session, persona: str
) -> None:
    response = api_for(personas[persona]).patch(f"/sessions/{session_al.pk}", {"city": "Elsewhere"})
    assert response.status_code == 404
    session_al.refresh_from_db()
    assert session_al.city == "Tirana"


def test_patch_of_a_cancelled_session_needs_a_status_to_reopen_it(
    personas: dict[str, Any], session_al: Session
) -> None:
    session_al.status = SessionStatus.CANCELLED
    session_al.cancellation_reason = "Strike"
    session_al.save()
    client = api_for(personas["manager"])
    assert _fields(client.patch(f"/sessions/{session_al.pk}", {"city": "Durrës"})) == {"status"}
    reopened = client.patch(f"/sessions/{session_al.pk}", {"status": "planned"}).json()
    assert reopened["status"] == "planned"
    assert reopened["cancellation_reason"] == ""
    assert AuditEvent.objects.filter(action="session.reopened").count() == 1


# --- Cancelling ---------------------------------------------------------------------------------------


def test_cancel(personas: dict[str, Any], session_al: Session) -> None:
    register(session_al, make_person())
    client = api_for(personas["coordinator_al"])
    response = client.post(f"/sessions/{session_al.pk}/cancel", {"reason": "The venue closed."})
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["status"] == "cancelled"
    assert out["cancellation_reason"] == "The venue closed."
    assert out["counts"]["registered"] == 1  # registrations are kept
    assert AuditEvent.objects.filter(action="session.cancelled").count() == 1
    again = client.post(f"/sessions/{session_al.pk}/cancel", {"reason": "Twice"})
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(("body", "field"), [({}, "reason"), ({"reason": ""}, "reason"), ({"reason": "  "}, "reason")])
def test_cancel_needs_a_reason(personas: dict[str, Any], session_al: Session, body: dict[str, Any], field: str) -> None:
    response = api_for(personas["manager"]).post(f"/sessions/{session_al.pk}/cancel", body)
    assert _fields(response) == {field}
    session_al.refresh_from_db()
    assert session_al.status == SessionStatus.OPEN


@pytest.mark.parametrize("persona", ["coordinator_it", "trainer", "viewer"])
def test_cancel_is_404_for_those_who_may_not_manage_the_session(
    personas: dict[str, Any], session_al: Session, persona: str
) -> None:
    response = api_for(personas[persona]).post(f"/sessions/{session_al.pk}/cancel", {"reason": "No"})
    assert response.status_code == 404
    session_al.refresh_from_db()
    assert session_al.status == SessionStatus.OPEN


def test_a_session_lasts_at_most_a_year(personas: dict[str, Any], programme: Any) -> None:
    """A session of a century would make its attendance sheet a hundred thousand columns long."""
    from relais.design.tests.factories import make_complete_design

    design = make_complete_design(programme=programme, title="Long design")
    body = {
        "design_id": design.pk,
        "country": "AL",
        "city": "Tirana",
        "start_date": "1900-01-01",
        "end_date": "2099-12-31",
    }
    response = api_for(personas["manager"]).post("/sessions", body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["end_date"]
    body["end_date"] = "1900-12-31"
    assert api_for(personas["manager"]).post("/sessions", body).status_code == 201
