"""Registrations through the API: the Participants page's scoping, waiting list and duplicate check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache

from relais.api.routers import registrations as registrations_router
from relais.api.tests.factories import api_for
from relais.core.models import AuditEvent, Country
from relais.delivery.models import Attendance, Person, Registration
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_counters() -> None:
    cache.clear()


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    """A session in Albania (two seats, trained by `trainer`) and one in Italy, one registration each."""
    design = make_complete_design(programme=programme)
    albania = make_session(design=design, country="AL", capacity=2)
    albania.trainers.add(personas["trainer"])
    italy = make_session(design=design, country="IT", city="Roma")
    besa = make_person("Besa", "Krasniqi", country="AL", email="besa@example.al")
    return {
        "albania": albania,
        "italy": italy,
        "besa": besa,
        "newcomer": make_person("Dritan", "Shehu", country="AL"),
        "in_albania": register(albania, besa),
        "in_italy": register(italy, make_person("Giulia", "Rossi", country="IT")),
    }


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def _add(client: Any, session: Any, body: dict[str, Any], **headers: str) -> Any:
    return client.post(f"/sessions/{session.pk}/registrations", body, **headers)


# Reading --------------------------------------------------------------------------------------------


def test_list_is_scoped_like_the_participants_page(personas: dict[str, Any], world: dict[str, Any]) -> None:
    al, it = world["in_albania"].pk, world["in_italy"].pk
    assert _ids(api_for(personas["admin"]).get("/registrations")) == {al, it}
    assert _ids(api_for(personas["manager"]).get("/registrations")) == {al, it}
    assert _ids(api_for(personas["coordinator_al"]).get("/registrations")) == {al}
    assert _ids(api_for(personas["coordinator_it"]).get("/registrations")) == {it}
    assert _ids(api_for(personas["trainer"]).get("/registrations")) == {al}
    for persona in ("me_officer", "viewer", "outsider"):  # M&E officers see counts only
        assert _ids(api_for(personas[persona]).get("/registrations")) == set(), persona


def test_list_filters(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["admin"])
    waiting = register(world["albania"], world["newcomer"], status="waiting")
    assert _ids(client.get("/registrations", {"session_id": world["albania"].pk})) == {
        world["in_albania"].pk,
        waiting.pk,
    }
    assert _ids(client.get("/registrations", {"person_id": world["besa"].pk})) == {world["in_albania"].pk}
    assert _ids(client.get("/registrations", {"status": "waiting"})) == {waiting.pk}
    response = client.get("/registrations", {"status": "lost"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "status"
    assert client.get("/registrations", {"session_id": "x"}).json()["errors"][0]["field"] == "session_id"


def test_list_pages_and_queries_do_not_grow(
    personas: dict[str, Any], world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = api_for(personas["coordinator_al"])
    session = world["albania"]
    session.capacity = None
    session.save()
    with django_assert_max_num_queries(40) as few:
        assert len(client.get("/registrations").json()["items"]) == 1
    for i in range(19):
        register(session, make_person("Ana", f"Batch{i}", country="AL"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/registrations").json()["items"]) == 20
    seen: list[int] = []
    cursor = None
    while True:
        body = client.get("/registrations", {"limit": 7, **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(Registration.objects.filter(session=session).values_list("pk", flat=True))


def test_read(personas: dict[str, Any], world: dict[str, Any]) -> None:
    registration = world["in_albania"]
    response = api_for(personas["trainer"]).get(f"/registrations/{registration.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["session_id"] == world["albania"].pk and body["person_id"] == world["besa"].pk
    assert body["first_name"] == "Besa" and body["last_name"] == "Krasniqi"
    assert body["status"] == "registered" and body["country"] == "AL" and body["profession"] == "police"
    for persona in ("coordinator_it", "me_officer", "viewer", "outsider"):
        assert api_for(personas[persona]).get(f"/registrations/{registration.pk}").status_code == 404, persona
    assert api_for(personas["admin"]).get("/registrations/999999").status_code == 404


def test_names_are_null_for_a_role_that_may_not_see_them(
    personas: dict[str, Any], world: dict[str, Any], monkeypatch: Any
) -> None:
    monkeypatch.setattr(registrations_router, "personal", lambda request: False)
    body = api_for(personas["admin"]).get(f"/registrations/{world['in_albania'].pk}").json()
    assert body["first_name"] is None and body["last_name"] is None and body["person_id"] == world["besa"].pk


# Registering ----------------------------------------------------------------------------------------


def test_register_a_known_person(personas: dict[str, Any], world: dict[str, Any]) -> None:
    response = _add(api_for(personas["coordinator_al"]), world["albania"], {"person_id": world["newcomer"].pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "registered" and body["person_id"] == world["newcomer"].pk
    assert body["source"] == "manual" and body["country"] == "AL"
    event = AuditEvent.objects.get(action="registration.added")
    assert event.details["person"] == world["newcomer"].pk


def test_a_full_session_puts_the_registration_on_the_waiting_list(
    personas: dict[str, Any], world: dict[str, Any]
) -> None:
    client = api_for(personas["manager"])
    assert _add(client, world["albania"], {"person_id": world["newcomer"].pk}).json()["status"] == "registered"
    third = make_person("Arben", "Gashi", country="AL")
    assert _add(client, world["albania"], {"person_id": third.pk}).json()["status"] == "waiting"
    # Invited takes no seat.
    fourth = make_person("Elira", "Hoxha", country="AL")
    assert _add(client, world["albania"], {"person_id": fourth.pk, "status": "invited"}).json()["status"] == "invited"


def test_register_is_idempotent(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["coordinator_al"])
    body = {"person": {"first_name": "Ilir", "last_name": "Berisha"}}
    first = _add(client, world["albania"], body, **{"Idempotency-Key": "reg-1"})
    again = _add(client, world["albania"], body, **{"Idempotency-Key": "reg-1"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert Person.objects.filter(last_name="Berisha").count() == 1
    assert Registration.objects.filter(person__last_name="Berisha").count() == 1


def test_register_refusals(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["coordinator_al"])
    session = world["albania"]
    response = _add(client, session, {"person_id": world["besa"].pk})
    assert response.status_code == 409
    assert [e["field"] for e in response.json()["errors"]] == ["person_id"]
    for body in ({}, {"person_id": world["newcomer"].pk, "person": {"first_name": "A", "last_name": "B"}}):
        response = _add(client, session, body)
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == ["person_id", "person"]
    # A person out of reach (an Italian not in coordinator_al's sessions) is not found.
    italian = make_person("Marco", "Bianchi", country="IT")
    for pk in (italian.pk, 999999):
        response = _add(client, session, {"person_id": pk})
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "person_id"
    response = _add(client, session, {"person_id": world["newcomer"].pk, "status": "maybe"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "status"
    assert Registration.objects.filter(session=session).count() == 1


def test_register_is_for_those_who_manage_the_session(personas: dict[str, Any], world: dict[str, Any]) -> None:
    for persona in ("trainer", "coordinator_it", "me_officer", "viewer", "outsider"):
        response = _add(api_for(personas[persona]), world["albania"], {"person_id": world["newcomer"].pk})
        assert response.status_code == 404, persona
    assert not Registration.objects.filter(person=world["newcomer"]).exists()


def test_register_a_new_person(personas: dict[str, Any], world: dict[str, Any]) -> None:
    inspectorate = Organisation.objects.create(
        name="Labour Inspectorate", country=Country.objects.get(code="AL"), sector="public", kind="labour_inspectorate"
    )
    person = {
        "first_name": "Ilir",
        "last_name": "Berisha",
        "gender": "male",
        "organisation_id": inspectorate.pk,
        "profession": "labour_inspection",
        "position": "Inspector",
        "email": "Ilir@Example.AL",
        "languages": ["sq", "it"],
    }
    response = _add(api_for(personas["coordinator_al"]), world["albania"], {"person": person, "status": "invited"})
    assert response.status_code == 201, response.content
    body = response.json()
    made = Person.objects.get(pk=body["person_id"])
    assert body["status"] == "invited" and body["organisation_name"] == "Labour Inspectorate"
    assert body["profession"] == "labour_inspection" and body["position"] == "Inspector"
    assert made.country is not None and made.country.code == "AL"  # the session's country, when none is sent
    assert made.email == "ilir@example.al" and sorted(made.languages.values_list("code", flat=True)) == ["it", "sq"]
    assert AuditEvent.objects.filter(action="person.created", details__source="registration").count() == 1


def test_a_new_person_who_looks_known_is_refused_unless_told(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["coordinator_al"])
    body = {"person": {"first_name": "besa", "last_name": "KRASNIQI", "country": "AL"}}
    response = _add(client, world["albania"], body)
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"].endswith("problem-conflict")
    assert [(e["field"], e["person_id"]) for e in problem["errors"]] == [("person", world["besa"].pk)]
    response = _add(
        client, world["albania"], {"person": {"first_name": "B", "last_name": "K", "email": "besa@example.al"}}
    )
    assert response.status_code == 409
    assert not Person.objects.filter(last_name__in=["KRASNIQI", "K"]).exists()
    response = _add(client, world["albania"], {**body, "allow_duplicate": True})
    assert response.status_code == 201
    assert response.json()["person_id"] != world["besa"].pk


@pytest.mark.parametrize(
    "person, field",
    [
        ({"first_name": "1"}, "person.first_name"),
        ({"last_name": None}, "person.last_name"),
        ({"email": "nope"}, "person.email"),
        ({"phone": "abc"}, "person.phone"),
        ({"country": "ZZ"}, "person.country"),
        ({"profession": "astronaut"}, "person.profession"),
        ({"languages": ["xx"]}, "person.languages.0"),
        ({"organisation_id": 999999}, "person.organisation_id"),
        ({"gender": "x"}, "person.gender"),
    ],
)
def test_new_person_validation(
    personas: dict[str, Any], world: dict[str, Any], person: dict[str, Any], field: str
) -> None:
    body = {"person": {"first_name": "Ilir", "last_name": "Berisha", **person}}
    response = _add(api_for(personas["manager"]), world["albania"], body)
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Person.objects.filter(last_name="Berisha").exists()


def test_new_person_organisation_of_the_sessions_country_or_international(
    personas: dict[str, Any], world: dict[str, Any]
) -> None:
    italian = Organisation.objects.create(
        name="Ispettorato", country=Country.objects.get(code="IT"), sector="public", kind="labour_inspectorate"
    )
    international = Organisation.objects.create(name="ILO", sector="international", kind="international_body")
    client = api_for(personas["manager"])
    body = {"person": {"first_name": "Ilir", "last_name": "Berisha", "organisation_id": italian.pk}}
    response = _add(client, world["albania"], body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["person.organisation_id"]
    body["person"]["organisation_id"] = international.pk
    assert _add(client, world["albania"], body).status_code == 201


# Changing and removing ------------------------------------------------------------------------------


def test_status_change_and_the_waiting_list(personas: dict[str, Any], world: dict[str, Any]) -> None:
    client = api_for(personas["coordinator_al"])
    session = world["albania"]
    second = register(session, world["newcomer"])
    waiting = register(session, make_person("Arben", "Gashi", country="AL"), status="waiting")
    response = client.patch(f"/registrations/{world['in_albania'].pk}", {"status": "withdrawn"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    waiting.refresh_from_db()
    assert waiting.status == "registered"  # moved up into the freed seat
    # Asking for a seat again in the full session: the waiting list.
    response = client.patch(f"/registrations/{world['in_albania'].pk}", {"status": "registered"})
    assert response.json()["status"] == "waiting"
    assert client.patch(f"/registrations/{second.pk}", {"status": "attended"}).json()["status"] == "attended"
    assert AuditEvent.objects.filter(action="registration.promoted").count() == 1


def test_status_change_refusals(personas: dict[str, Any], world: dict[str, Any]) -> None:
    url = f"/registrations/{world['in_albania'].pk}"
    for body in ({"status": "lost"}, {}):
        response = api_for(personas["manager"]).patch(url, body)
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "status"
    for persona in ("trainer", "coordinator_it", "me_officer", "viewer", "outsider"):
        assert api_for(personas[persona]).patch(url, {"status": "withdrawn"}).status_code == 404, persona
    assert api_for(personas["admin"]).patch("/registrations/999999", {"status": "withdrawn"}).status_code == 404
    world["in_albania"].refresh_from_db()
    assert world["in_albania"].status == "registered"


def test_delete(personas: dict[str, Any], world: dict[str, Any]) -> None:
    session = world["albania"]
    register(session, world["newcomer"])
    waiting = register(session, make_person("Arben", "Gashi", country="AL"), status="waiting")
    registration = world["in_albania"]
    for persona in ("trainer", "coordinator_it", "me_officer"):
        assert api_for(personas[persona]).delete(f"/registrations/{registration.pk}").status_code == 404, persona
    response = api_for(personas["coordinator_al"]).delete(f"/registrations/{registration.pk}")
    assert response.status_code == 204 and response.content == b""
    assert not Registration.objects.filter(pk=registration.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert api_for(personas["coordinator_al"]).delete(f"/registrations/{registration.pk}").status_code == 404


def test_a_registration_with_attendance_is_kept(personas: dict[str, Any], world: dict[str, Any]) -> None:
    registration = world["in_albania"]
    Attendance.objects.create(registration=registration, day=dt.date(2026, 3, 2), present=True)
    response = api_for(personas["manager"]).delete(f"/registrations/{registration.pk}")
    assert response.status_code == 409
    assert "withdrawn" in response.json()["detail"]
    assert Registration.objects.filter(pk=registration.pk).exists()
